package quickbooks

import (
	"context"
	"errors"
	"net"
	"net/url"

	"ledgerlink/backend/connect"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo"
)

// Explain turns an error met while reaching QuickBooks into the one the
// accountant reads: a *practice.Error with a code to branch on and a plain
// sentence, keeping Intuit's reference (intuit_tid) where there is one. It
// is the one place on the Go side where such sentences are made; an error
// it does not know (a fault of ours) is returned as it is, for the caller's
// generic message and the log. Texts never hold a token or secret: the
// connect and qbo packages keep them out of their errors.
func Explain(err error) error {
	var pe *practice.Error
	var qe *qbo.Error
	var se *connect.ServerError
	var ae *connect.AuthorizationError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &pe):
		return err
	case errors.Is(err, connect.ErrNoKeychain):
		return wrap(practice.EUNAVAILABLE, connect.ErrNoKeychain.Error(), err)
	case errors.Is(err, connect.ErrNeedsReconnect):
		// The connect package words these itself (expired, revoked,
		// another environment, 5-year limit, …).
		return wrap(practice.EUNAUTHORIZED, connect.ReconnectReason(err), err)
	case errors.Is(err, qbo.ErrUnreadable):
		ref := ""
		if errors.As(err, &qe) && qe.IntuitTID != "" {
			ref = " (QuickBooks reference " + qe.IntuitTID + ".)"
		}
		return wrap(practice.EUNAVAILABLE, notAnswering+ref, err)
	case errors.As(err, &qe):
		return explainQBO(qe, err)
	case errors.As(err, &se):
		code := practice.EINVALID
		if se.Status == 0 || se.Status >= 500 || se.Status == 429 || se.Code == "invalid_response" {
			code = practice.EUNAVAILABLE
		}
		text := se.Error()
		if errors.Is(err, connect.ErrStillConnected) {
			text = connect.ErrStillConnected.Error() + ": " + text
		}
		return wrap(code, text, err)
	case errors.As(err, &ae):
		return wrap(practice.EINVALID, ae.Error(), err)
	case errors.Is(err, connect.ErrCancelled):
		return wrap(practice.EINVALID, connect.ErrCancelled.Error(), err)
	case errors.Is(err, connect.ErrAccessDenied), errors.Is(err, connect.ErrStateMismatch),
		errors.Is(err, connect.ErrAlreadyUsed), errors.Is(err, connect.ErrTimedOut),
		errors.Is(err, connect.ErrNotFound):
		return wrap(practice.EINVALID, err.Error(), err)
	case errors.Is(err, context.DeadlineExceeded):
		return wrap(practice.EUNAVAILABLE, "QuickBooks did not answer in time. Try again in a minute.", err)
	case errors.Is(err, context.Canceled):
		return wrap(practice.EINVALID, "Cancelled.", err)
	case isNetwork(err):
		return wrap(practice.EUNAVAILABLE, "Ledgerlink could not reach QuickBooks. Check the internet connection and try again.", err)
	}
	return err
}

// notAnswering is said of an outage: a gateway's page, an answer cut short.
const notAnswering = "QuickBooks is not answering properly right now. Try again in a few minutes."

// Sentence is the plain sentence for err, as Explain words it.
func Sentence(err error) string { return practice.ErrorMessage(Explain(err)) }

// explainQBO words a refusal or failure of the Accounting API.
func explainQBO(qe *qbo.Error, err error) error {
	ref := ""
	if qe.IntuitTID != "" {
		ref = " (QuickBooks reference " + qe.IntuitTID + ".)"
	}
	switch {
	case qbo.IsAuthExpired(err):
		return wrap(practice.EUNAUTHORIZED, "QuickBooks no longer accepts Ledgerlink's sign-in: it may have been disconnected in QuickBooks, or the company's admin changed. Press Reconnect and sign in again; nothing in Ledgerlink has been lost."+ref, err)
	case qe.StatusCode == 403:
		return wrap(practice.EINVALID, "QuickBooks refused this app access to the company (for example, development keys used with a production company). Check the Intuit app settings, then press Reconnect."+ref, err)
	case errors.Is(err, qbo.ErrThrottled):
		return wrap(practice.EUNAVAILABLE, "QuickBooks is busy; try again in a minute."+ref, err)
	case qe.StatusCode >= 500 || qe.Code == "" && qe.Message == "":
		// An outage, a gateway's HTML page, an answer cut short.
		return wrap(practice.EUNAVAILABLE, notAnswering+ref, err)
	}
	msg := "QuickBooks refused the request"
	if qe.Message != "" {
		msg += ": " + qe.Message
		if qe.Detail != "" && qe.Detail != qe.Message {
			msg += " — " + qe.Detail
		}
	}
	return wrap(practice.EINVALID, msg+"."+ref, err)
}

// wrap keeps err for errors.Is/As and the log behind the sentence.
func wrap(code, sentence string, err error) error {
	return &explained{pe: &practice.Error{Code: code, Message: sentence}, cause: err}
}

// explained is a *practice.Error that still wraps its cause.
type explained struct {
	pe    *practice.Error
	cause error
}

func (e *explained) Error() string   { return e.pe.Error() }
func (e *explained) Unwrap() []error { return []error{e.pe, e.cause} }

// isNetwork reports whether err happened before any answer arrived.
func isNetwork(err error) bool {
	var ue *url.Error
	var ne net.Error
	var oe *net.OpError
	return errors.As(err, &ue) || errors.As(err, &ne) || errors.As(err, &oe)
}
