package app

import (
	"ledgerlink/backend/connect"
	"ledgerlink/backend/quickbooks"
)

// EventQuickBooksStatus is sent whenever the connection changes state; its
// payload is a quickbooks.Status.
const EventQuickBooksStatus = "quickbooks:status"

// QuickBooksConfig is what the QuickBooks service needs from its host.
type QuickBooksConfig struct {
	Overrides quickbooks.Overrides
	// Keychain is the OS keychain unless set (tests).
	Keychain connect.Keychain
	// OpenURL opens the system browser (the desktop window passes Wails'
	// runtime). Nil means the UI opens the address itself.
	OpenURL func(url string) error
}

// QuickBooks is the Settings → Connected Apps → QuickBooks Online service.
// The rules are the session's (backend/quickbooks); this only passes the
// calls on with the app's context.
type QuickBooks struct {
	app     *App
	session *quickbooks.Session
}

// Status returns the connection as the card shows it.
func (q *QuickBooks) Status() (quickbooks.Status, error) { return q.session.Status(q.app.ctx) }

// Connect begins signing in to QuickBooks; progress arrives as
// EventQuickBooksStatus.
func (q *QuickBooks) Connect() (quickbooks.Start, error) { return q.session.Connect(q.app.ctx) }

// CancelConnect abandons a sign-in under way.
func (q *QuickBooks) CancelConnect() { q.session.CancelConnect(q.app.ctx) }

// CompleteWithURL finishes a sign-in whose redirect URI is not loopback.
func (q *QuickBooks) CompleteWithURL(pasted string) error { return q.session.CompleteWithURL(pasted) }

// Check asks QuickBooks for the company's details, proving the connection.
func (q *QuickBooks) Check() (quickbooks.Status, error) { return q.session.Check(q.app.ctx) }

// Disconnect revokes the sign-in at Intuit, then forgets it.
func (q *QuickBooks) Disconnect() error { return q.session.Disconnect(q.app.ctx) }

// Forget removes the sign-in from this computer without telling Intuit.
func (q *QuickBooks) Forget() error { return q.session.Forget(q.app.ctx) }

// AppSettings returns the QuickBooks app configuration (never the secret).
func (q *QuickBooks) AppSettings() (quickbooks.AppSettings, error) {
	return q.session.AppSettings(q.app.ctx)
}

// SaveAppSettings saves the QuickBooks app configuration; the secret goes
// to the OS keychain only.
func (q *QuickBooks) SaveAppSettings(in quickbooks.AppSettingsInput) (quickbooks.AppSettings, error) {
	return q.session.SaveAppSettings(q.app.ctx, in)
}

// Cancel ends at once a check or a disconnect the accountant is waiting
// for; it answers "Cancelled.".
func (q *QuickBooks) Cancel() { q.session.CancelActions() }
