// Package sandbox is a QuickBooks Online compatible server: Intuit-style
// OAuth 2.0 and the subset of the Accounting API v3 that Ledgerlink uses,
// with QBO's rules and faults, for tests and for the demo company.
package sandbox
