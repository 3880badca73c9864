// Package demo is the demo data that lets a newcomer see the whole journey
// without a QuickBooks account: the firm's own contacts (LocalContacts) and
// the customers of the sandbox's demo company (Customers).
//
// The customers are QBO data and belong to the sandbox (package
// democompany, which imports nothing of Ledgerlink's, so that the
// QuickBooks emulator never depends on the firm's records); this package
// imports them and pairs them with the contacts.
//
// Most customers are ordinary and simply get imported. About thirty were
// written against the local contacts so that every matching rule and every
// ambiguity of FEATURES.md (items 5, 6, 12 and 16) is met at least once:
// each carries a Case, and Cases documents what each situation is and what
// a sync is expected to do with it. Tests of matching rely on this data, so
// it is fixed: no randomness, the same values in the same order on every
// call, and a test that checks the intended relations really hold.
//
// All names, addresses and domains are fictional: email domains end in
// .example or are example.com/.org/.net (reserved for documentation), and
// US phone numbers use the 555-01xx range.
package demo
