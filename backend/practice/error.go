// Package practice holds the firm's own records — contacts, contact types and,
// later, work types, invoices and payments — and the rules they obey. It
// imports nothing of Ledgerlink's: the store, the QuickBooks client and the UI
// adapt to it, never the other way round.
package practice

import (
	"errors"
	"fmt"
)

// Error codes a caller may decide on. They are stable strings so the UI and
// the HTTP bridge can branch on them without parsing messages.
const (
	EINVALID  = "invalid"   // the input breaks a rule; Fields says which
	ENOTFOUND = "not_found" // the record does not exist (any more)
	ECONFLICT = "conflict"  // the change clashes with existing data
	ELOCKED   = "locked"    // another process holds the resource
	EINTERNAL = "internal"  // a fault of ours; the message is not for users
	// EUNAVAILABLE: something outside Ledgerlink (QuickBooks, the network,
	// the OS keychain) cannot serve the request now; trying again later
	// may work, and nothing was changed.
	EUNAVAILABLE = "unavailable"
	// EUNAUTHORIZED: QuickBooks no longer accepts the saved sign-in; only
	// a new sign-in (Reconnect) helps.
	EUNAUTHORIZED = "unauthorized"
)

// Error is the one error type of the domain. Message is written for the
// accountant; Fields maps a form field (as the UI names it, e.g. "email" or
// "physicalAddress.postalCode") to the problem with that field.
type Error struct {
	Code    string
	Message string
	Fields  map[string]string
}

// Error implements the error interface.
func (e *Error) Error() string {
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL for
// any other error and "" for nil.
func ErrorCode(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Code
	default:
		return EINTERNAL
	}
}

// ErrorMessage returns the user-facing message of err. Errors that are not
// *Error are faults of ours; their text may hold internals, so the user gets
// a generic sentence instead.
func ErrorMessage(err error) string {
	var e *Error
	switch {
	case err == nil:
		return ""
	case errors.As(err, &e):
		return e.Message
	default:
		return "Something went wrong inside Ledgerlink. Nothing was changed; please try again."
	}
}

// ErrorFields returns the per-field problems carried by err, if any.
func ErrorFields(err error) map[string]string {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}
