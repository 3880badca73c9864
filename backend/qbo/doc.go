// Package qbo is a typed client for the QuickBooks Online Accounting API v3.
//
// One Client talks to one company (realm). It holds a service per API area —
// Customers, Items, TaxCodes, TaxRates, TaxAgencies, Accounts, Invoices,
// Payments, Company — that share the same plumbing: build a Request, send it
// with Do, decode the answer. Change Data Capture and batch calls hang off the
// Client itself.
//
// The client owns the rules QuickBooks imposes on every caller, so the sync
// engine does not have to remember them:
//
//   - every request carries minorversion=75;
//   - every write carries a caller-supplied requestid, so that a retry (ours,
//     or the engine's after a crash) returns the original object instead of
//     creating a second one; a write without one is never retried;
//   - 429, 5xx and network failures are retried with capped, jittered
//     exponential backoff, honouring Retry-After (a 429 without one, as QBO
//     sends it, waits 60 s);
//   - requests are paced within QBO's limits (per minute, per second, in
//     flight, batch per minute) and counted, see Client.Stats;
//   - faults, whatever body they come with (JSON, XML as QBO sends a 429,
//     HTML or nothing from a gateway), become *Error values classified by
//     HTTP status first and fault code second, that errors.Is recognises
//     (ErrStaleObject, ErrDuplicateName, ErrInvalidString, ErrClosedPeriod, …).
//
// Amounts are Money (integer cents), rates and quantities Decimal, transaction
// dates Date and metadata timestamps DateTime: no float64 ever holds money.
package qbo
