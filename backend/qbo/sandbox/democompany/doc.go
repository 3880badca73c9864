// Package democompany is the customer list of the sandbox's demo company:
// about sixty fictional QuickBooks Online customers, as QBO data. The
// sandbox seeds its "demo" company from it.
//
// It imports nothing of Ledgerlink's. The emulator of QuickBooks must not
// depend on the firm's own records: the firm's demo contacts, and the named
// matching situations that pair them with these customers, live in package
// demo, which imports this one. A customer written for such a situation
// carries its label (Case) and names it in its Notes; the label means
// something only to package demo.
//
// The data is fixed: no randomness, the same values in the same order on
// every call. All names, addresses and domains are fictional: email domains
// end in .example or are example.com/.org/.net (reserved for
// documentation), and US phone numbers use the 555-01xx range.
package democompany
