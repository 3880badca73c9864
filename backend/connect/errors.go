package connect

import (
	"errors"
	"fmt"
	"regexp"
)

// The errors a caller decides on. Their texts are written for the
// accountant; none of them, nor any error this package returns, ever quotes
// a token, an authorization code, a PKCE verifier or the client secret.
var (
	// ErrNotFound: no connection is saved in the keychain.
	ErrNotFound = errors.New("Ledgerlink is not connected to QuickBooks.")
	// ErrNoKeychain: the OS keychain cannot be used. Tokens are never kept
	// anywhere else, so nothing that needs them can work until it is.
	ErrNoKeychain = errors.New("No OS keychain is available: Ledgerlink keeps QuickBooks tokens only in the system keychain (Secret Service on Linux, e.g. gnome-keyring). Start or unlock it, then try again.")
	// ErrAccessDenied: the person chose not to connect on Intuit's page.
	ErrAccessDenied = errors.New("QuickBooks was not connected: access was not allowed on the Intuit sign-in page. To connect, press Connect again, sign in as the company's primary admin and choose Connect.")
	// ErrNeedsReconnect: the connection expired or was revoked and only a
	// new sign-in can restore it. Local data is untouched.
	ErrNeedsReconnect = errors.New("The connection to QuickBooks has expired or was revoked. Press Reconnect and sign in to QuickBooks again; nothing in Ledgerlink has been lost.")
	// ErrStateMismatch: an answer arrived that does not belong to the
	// authorization Ledgerlink started (a forged or stale callback).
	ErrStateMismatch = errors.New("This answer does not belong to the QuickBooks connection Ledgerlink started, so it was refused. Press Connect to start again.")
	// ErrAlreadyUsed: the authorization was already answered once.
	ErrAlreadyUsed = errors.New("This QuickBooks connection attempt has already been answered. Press Connect to start a new one.")
	// ErrTimedOut: nobody finished signing in before Config.CallbackTimeout.
	ErrTimedOut = errors.New("Ledgerlink stopped waiting for QuickBooks to answer. Press Connect to try again, and finish signing in within a few minutes.")
	// ErrStillConnected heads a Disconnect that could not revoke: nothing
	// was forgotten, so trying again (or Forget) remains possible.
	ErrStillConnected = errors.New("Ledgerlink is still connected to QuickBooks")
	// ErrCancelled: the authorization was cancelled.
	ErrCancelled = errors.New("The connection to QuickBooks was cancelled.")
)

// oauthCode matches what an OAuth error code looks like; anything else sent
// as error= is not repeated back, since it may be arbitrary text.
var oauthCode = regexp.MustCompile(`^[a-z_]{1,40}$`)

// safeCode returns code when it looks like an OAuth error code, else "".
func safeCode(code string) string {
	if oauthCode.MatchString(code) {
		return code
	}
	return ""
}

// AuthorizationError is an error= answer on the callback other than
// access_denied (which is ErrAccessDenied).
type AuthorizationError struct {
	Code string // the OAuth error code, e.g. invalid_scope; empty if it was not one
}

// Error explains the refusal in plain words.
func (e *AuthorizationError) Error() string {
	switch e.Code {
	case "invalid_scope":
		return "QuickBooks refused the access Ledgerlink asked for (invalid_scope). Check that the Intuit app is set up for the Accounting scope, then press Connect again."
	case "unauthorized_client", "invalid_client", "invalid_request":
		return fmt.Sprintf("QuickBooks did not accept this app's sign-in request (%s). Check the Intuit client ID and redirect URI in Settings, then press Connect again.", e.Code)
	case "server_error", "temporarily_unavailable":
		return fmt.Sprintf("QuickBooks could not complete the sign-in just now (%s). Try again in a few minutes.", e.Code)
	case "":
		return "QuickBooks did not connect and gave no usable reason. Press Connect to try again."
	}
	return fmt.Sprintf("QuickBooks did not connect (it answered %s). Press Connect to try again.", e.Code)
}

// reconnectError puts a plain reason on ErrNeedsReconnect.
type reconnectError struct {
	reason string
	cause  error // kept for errors.Is/As; never shown
}

func (e *reconnectError) Error() string { return e.reason }

// Is makes every reconnectError match ErrNeedsReconnect.
func (e *reconnectError) Is(target error) bool { return target == ErrNeedsReconnect }

// Unwrap returns the cause, e.g. the *ServerError of a refused refresh.
func (e *reconnectError) Unwrap() error { return e.cause }

// needsReconnect builds the error for reason; an empty reason takes
// ErrNeedsReconnect's text.
func needsReconnect(reason string, cause error) error {
	if reason == "" {
		reason = ErrNeedsReconnect.Error()
	}
	return &reconnectError{reason: reason, cause: cause}
}

// ReconnectReason is the plain reason an error matching ErrNeedsReconnect
// carries (expired, revoked, another environment, Intuit's 5-year limit,
// …), or ErrNeedsReconnect's own text when it carries none.
func ReconnectReason(err error) string {
	var re *reconnectError
	if errors.As(err, &re) {
		return re.reason
	}
	return ErrNeedsReconnect.Error()
}
