package practice

import (
	"context"
	"time"
)

// ConnectionState is where the firm's connection to QuickBooks stands. The
// same words are stored, sent to the UI and printed by `status --json`.
type ConnectionState string

// The connection states. A connection is Connecting only while a sign-in is
// under way; the stored record is Connected or NeedsReconnect, and no record
// means Disconnected.
const (
	// Disconnected: no QuickBooks company is connected.
	Disconnected ConnectionState = "disconnected"
	// Connecting: the accountant is signing in to Intuit in the browser.
	Connecting ConnectionState = "connecting"
	// Connected: the sign-in is saved and nothing says it stopped working.
	Connected ConnectionState = "connected"
	// NeedsReconnect: the saved sign-in expired, was revoked, belongs to
	// another environment, or QuickBooks refused it; only a new sign-in
	// restores it, and calls to QuickBooks pause until then.
	NeedsReconnect ConnectionState = "needs_reconnect"
)

// ConnectionStates lists every state, in the order a person meets them.
var ConnectionStates = []ConnectionState{Disconnected, Connecting, Connected, NeedsReconnect}

// QBOConnection is what the firm's records keep of their QuickBooks company:
// which company, where, and how the connection stands. It holds nothing
// secret: the sign-in itself is in the OS keychain.
type QBOConnection struct {
	// Environment names where the company lives: "embedded",
	// "intuit-sandbox" or "intuit-production" (connect.Environment).
	Environment string
	RealmID     string
	CompanyName string
	Country     string
	State       ConnectionState // Connected or NeedsReconnect
	StateReason string          // plain words, shown beside Reconnect
	// InfoProblem says why the company's details (name, country) could
	// not be read yet; "" once they were.
	InfoProblem          string
	ConnectedAt          time.Time
	RefreshExpiresAt     time.Time // zero when unknown
	RefreshHardExpiresAt time.Time // Intuit's 5-year cap; zero when unknown
	UpdatedAt            time.Time
}

// QBOConnectionService keeps the one connection record.
type QBOConnectionService interface {
	// FindQBOConnection returns the connection, or nil when there is none.
	FindQBOConnection(ctx context.Context) (*QBOConnection, error)
	// SaveQBOConnection stores c, replacing any other, and sets UpdatedAt.
	SaveQBOConnection(ctx context.Context, c *QBOConnection) error
	// DeleteQBOConnection forgets the connection.
	DeleteQBOConnection(ctx context.Context) error
}

// SettingService keeps the app's settings that are not secret, as text by
// key, and the database's permanent install id.
type SettingService interface {
	// Setting returns the value of key, or "" and false when never set.
	Setting(ctx context.Context, key string) (string, bool, error)
	// SetSetting stores value under key.
	SetSetting(ctx context.Context, key, value string) error
	// SetSettings stores several values at once: all of them or none.
	SetSettings(ctx context.Context, values map[string]string) error
	// InstallID returns this database's random, permanent identifier,
	// creating it on first use.
	InstallID(ctx context.Context) (string, error)
}
