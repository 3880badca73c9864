package connect

import (
	"context"
	"errors"
	"fmt"
	"time"

	"golang.org/x/oauth2"
)

// refreshMargin is how long before its expiry an access token is renewed
// (at most a quarter of its life).
const refreshMargin = 5 * time.Minute

// accessToken is the current access token. It lives in memory only.
type accessToken struct {
	value   string
	renewAt time.Time // by the Manager's clock
}

// TokenSource returns access tokens for API calls. It is the only cache:
// tokens are kept in memory, renewed one refresh at a time (concurrent
// callers wait for and share the result), and a rotated refresh token is
// saved to the keychain before the new access token is handed out. When a
// new sign-in is needed it answers with an error matching ErrNeedsReconnect.
//
// Tokens it hands out carry the moment of handing out as their Expiry. That
// is deliberate: oauth2.NewClient (and so the QBO client) wraps every source
// in a ReuseTokenSource that would otherwise keep a token until its expiry
// by the real clock; this way it comes back for every request, and a
// reconnect, a disconnect or MarkNeedsReconnect takes effect on the very
// next call.
func (m *Manager) TokenSource() oauth2.TokenSource { return tokenSource{m} }

type tokenSource struct{ m *Manager }

// Token returns a valid access token, refreshing it if needed.
func (s tokenSource) Token() (*oauth2.Token, error) {
	v, err := s.m.accessTokenValue(context.Background())
	if err != nil {
		return nil, err
	}
	// The real clock, not Now: the wrapper compares against the real one.
	return &oauth2.Token{AccessToken: v, TokenType: "Bearer", Expiry: time.Now()}, nil
}

// cached returns the current access token if it has time left, or the
// needs-reconnect error; ("", nil) means a refresh is due.
func (m *Manager) cached() (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.reconnect != "" {
		return "", needsReconnect(m.reconnect, nil)
	}
	if m.access != nil && m.now().Before(m.access.renewAt) {
		return m.access.value, nil
	}
	return "", nil
}

// accessTokenValue is the current access token, refreshed if due.
func (m *Manager) accessTokenValue(ctx context.Context) (string, error) {
	if v, err := m.cached(); v != "" || err != nil {
		return v, err
	}
	m.grantMu.Lock()
	defer m.grantMu.Unlock()
	// Another caller may have refreshed while this one waited.
	if v, err := m.cached(); v != "" || err != nil {
		return v, err
	}
	g, err := m.loadGrant()
	switch {
	case errors.Is(err, ErrNotFound) && m.wasDisconnected():
		return "", needsReconnect("Ledgerlink is disconnected from QuickBooks. Press Connect to sign in again.", err)
	case errors.Is(err, ErrNotFound):
		return "", m.fail("Ledgerlink found no QuickBooks connection in the system keychain. Press Connect (or Reconnect) to sign in to QuickBooks.", err)
	case errors.Is(err, ErrNeedsReconnect):
		return "", m.fail(err.Error(), err)
	case err != nil:
		return "", err // the keychain cannot be used: not the connection's fault
	}
	if g.Environment != m.cfg.Environment {
		return "", m.fail(m.staleReason(g), nil)
	}
	// An expired grant is still tried: the server, not this computer's
	// clock, decides.
	t, err := m.refreshTokens(ctx, g.RefreshToken)
	if errors.Is(err, ErrNeedsReconnect) {
		var se *ServerError
		errors.As(err, &se)
		m.log.Warn("QuickBooks refused to renew the connection", "code", se.Code, "tid", se.TID, "realm", g.RealmID)
		reason := ErrNeedsReconnect.Error()
		if exp := g.ExpiresAt(); !exp.IsZero() && !m.now().Before(exp) {
			reason = expiredReason(g)
		}
		return "", m.fail(reason, err)
	}
	if err != nil {
		return "", err
	}
	now := m.now()
	next := *g
	next.RefreshToken = t.refresh
	if t.refreshTTL > 0 {
		next.RefreshExpiresAt = now.Add(t.refreshTTL)
	}
	if t.hardTTL > 0 {
		next.RefreshHardExpiresAt = now.Add(t.hardTTL)
	}
	// Save first: Intuit retires the old refresh token once the new one is
	// used, so a new one lost now would cost the connection.
	if err := m.saveGrant(&next); err != nil {
		return "", fmt.Errorf("QuickBooks renewed the connection, but Ledgerlink could not save it to the system keychain, so it was not used: %w", err)
	}
	m.mu.Lock()
	m.access = &accessToken{value: t.access, renewAt: t.renewAt}
	m.mu.Unlock()
	m.log.Info("QuickBooks access renewed", "grant", next)
	return t.access, nil
}

// wasDisconnected reports whether the connection was ended on purpose.
func (m *Manager) wasDisconnected() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.disconnected
}

// fail puts the Manager in the needs-reconnect state for reason and returns
// the matching error.
func (m *Manager) fail(reason string, cause error) error {
	m.setReconnect(reason)
	return needsReconnect(reason, cause)
}
