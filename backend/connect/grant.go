package connect

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"time"
)

// Grant is what a connection keeps in the keychain, as one JSON item: the
// company, the refresh token and its expiries. The access token is never
// part of it: it lives in memory only.
//
// Grants handed out by the Manager (Pending.Wait, Manager.Grant) have an
// empty RefreshToken: only the token source needs it, and a copy that never
// leaves the package cannot leak into a log, a UI or an error.
type Grant struct {
	RealmID     string      // the company id QuickBooks returned with the authorization
	Environment Environment // where the company lives
	// RefreshToken is excluded from JSON so that a Grant marshalled for the
	// UI or a log can never carry it; the keychain uses its own encoding.
	RefreshToken string `json:"-"`
	// RefreshExpiresAt is the rolling expiry (x_refresh_token_expires_in,
	// about 100 days), renewed on each refresh.
	RefreshExpiresAt time.Time
	// RefreshHardExpiresAt is the 5-year cap
	// (x_refresh_token_hard_expires_in); zero when the server did not say.
	RefreshHardExpiresAt time.Time
	// ConnectedAt is when the person signed in.
	ConnectedAt time.Time
}

// String describes the grant without its token, so that %v is safe.
func (g Grant) String() string {
	return fmt.Sprintf("QuickBooks company %s (%s), connected %s", g.RealmID, g.Environment,
		g.ConnectedAt.Format(time.DateOnly))
}

// LogValue logs the grant without its token.
func (g Grant) LogValue() slog.Value {
	return slog.GroupValue(slog.String("realm", g.RealmID), slog.String("environment", string(g.Environment)),
		slog.Time("refreshExpiresAt", g.RefreshExpiresAt), slog.Time("hardExpiresAt", g.RefreshHardExpiresAt))
}

// ExpiresAt is when the refresh token stops working unless renewed: the
// earlier of the rolling expiry and the hard cap.
func (g Grant) ExpiresAt() time.Time {
	if !g.RefreshHardExpiresAt.IsZero() && (g.RefreshExpiresAt.IsZero() || g.RefreshHardExpiresAt.Before(g.RefreshExpiresAt)) {
		return g.RefreshHardExpiresAt
	}
	return g.RefreshExpiresAt
}

// public returns a copy without the refresh token.
func (g *Grant) public() *Grant {
	c := *g
	c.RefreshToken = ""
	return &c
}

// grantRecord is the keychain encoding. It is versioned so that a later
// release can read what an earlier one saved.
type grantRecord struct {
	Version              int         `json:"v"`
	RealmID              string      `json:"realmId"`
	Environment          Environment `json:"environment"`
	RefreshToken         string      `json:"refreshToken"`
	RefreshExpiresAt     time.Time   `json:"refreshExpiresAt,omitzero"`
	RefreshHardExpiresAt time.Time   `json:"refreshHardExpiresAt,omitzero"`
	ConnectedAt          time.Time   `json:"connectedAt,omitzero"`
}

const grantVersion = 1

// errBadGrant: the keychain item is not a grant this release can read. Only
// a new sign-in can replace it, so it matches ErrNeedsReconnect.
var errBadGrant error = &reconnectError{reason: "The saved QuickBooks connection in the system keychain could not be read. Press Reconnect and sign in to QuickBooks again."}

func encodeGrant(g *Grant) (string, error) {
	b, err := json.Marshal(grantRecord{Version: grantVersion, RealmID: g.RealmID, Environment: g.Environment,
		RefreshToken: g.RefreshToken, RefreshExpiresAt: g.RefreshExpiresAt.UTC(),
		RefreshHardExpiresAt: g.RefreshHardExpiresAt.UTC(), ConnectedAt: g.ConnectedAt.UTC()})
	if err != nil {
		return "", fmt.Errorf("encode the QuickBooks connection: %w", err)
	}
	return string(b), nil
}

// decodeGrant reads a keychain item. JSON errors are not passed on: the
// item holds a token, and a decoder's message may quote the input.
func decodeGrant(s string) (*Grant, error) {
	var r grantRecord
	if err := json.Unmarshal([]byte(s), &r); err != nil || r.Version != grantVersion || r.RefreshToken == "" || r.RealmID == "" {
		return nil, errBadGrant
	}
	return &Grant{RealmID: r.RealmID, Environment: r.Environment, RefreshToken: r.RefreshToken,
		RefreshExpiresAt: r.RefreshExpiresAt, RefreshHardExpiresAt: r.RefreshHardExpiresAt,
		ConnectedAt: r.ConnectedAt}, nil
}
