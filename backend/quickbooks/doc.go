// Package quickbooks is the firm's session with its QuickBooks Online
// company: it decides where QuickBooks is (the built-in sandbox, an Intuit
// sandbox company or production, and any endpoint overridden by a flag or
// variable), names the keychain items, runs the sign-in, keeps the
// connection record, and hands the sync engine and the verbs a ready
// *qbo.Client for the connected company.
//
// The rules for reaching QuickBooks live here and nowhere else:
//
//   - a call refused with HTTP 401 costs one refresh and one retry; a
//     second refusal puts the connection in needs-reconnect, saved in the
//     record, and calls pause until the firm signs in again;
//   - no lock of the session is held across a network call, so Status
//     always answers at once from what is known;
//   - every error a Session method returns is a *practice.Error whose
//     message is the sentence the accountant reads (Explain makes them).
//
// The UI layer (app) and the command line only translate: they never see a
// token, choose an endpoint or decide on an error code.
package quickbooks
