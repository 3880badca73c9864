package connect

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// Disconnect ends the connection: it revokes the refresh token at Intuit
// (which ends its access tokens too), then deletes the grant from the
// keychain. Not connected is not an error.
//
// It does all or nothing where it can:
//   - Intuit answers 400 (the token is already invalid, e.g. expired or
//     revoked elsewhere): there is nothing left to revoke, so the grant is
//     deleted all the same.
//   - The network fails, Intuit has an outage, or it refuses the app's
//     credentials: nothing is deleted and the error says so, so that trying
//     again can still revoke. Forget removes the grant without revoking.
//   - The keychain cannot delete after a revoke: the error says so and the
//     connection is marked as needing a new sign-in, as it does.
func (m *Manager) Disconnect(ctx context.Context) error {
	m.grantMu.Lock()
	defer m.grantMu.Unlock()
	g, err := m.loadGrant()
	switch {
	case errors.Is(err, ErrNotFound):
		m.forgetLocal()
		return nil
	case errors.Is(err, errBadGrant):
		// Unreadable, so no token to revoke: just remove it.
		return m.deleteGrant()
	case err != nil:
		return err
	}
	err = m.revoke(ctx, g.RefreshToken)
	var se *ServerError
	if errors.As(err, &se) && se.Status == http.StatusBadRequest {
		m.log.Info("QuickBooks said the connection was already ended", "code", se.Code, "tid", se.TID)
		err = nil
	}
	if err != nil {
		return fmt.Errorf("%w: %w", ErrStillConnected, err)
	}
	// The token is dead now, whatever happens to the keychain item.
	m.mu.Lock()
	m.access = nil
	m.mu.Unlock()
	if err := m.deleteGrant(); err != nil {
		m.setReconnect("The QuickBooks connection was ended, but Ledgerlink could not remove it from the system keychain. Press Disconnect again.")
		return err
	}
	m.log.Info("QuickBooks disconnected", "realm", g.RealmID)
	return nil
}

// Forget deletes the grant from the keychain without telling Intuit: the
// way out when Disconnect cannot reach QuickBooks or its credentials are no
// longer accepted. The connection then stays listed in the company's
// connected apps until its token expires or someone removes it there.
func (m *Manager) Forget() error {
	m.grantMu.Lock()
	defer m.grantMu.Unlock()
	if err := m.deleteGrant(); err != nil {
		return err
	}
	m.log.Info("QuickBooks connection forgotten without revoking it")
	return nil
}

// deleteGrant removes the keychain item (already gone is fine) and what
// memory holds. The caller holds grantMu.
func (m *Manager) deleteGrant() error {
	if err := m.cfg.Keychain.Delete(m.cfg.Service, m.cfg.Account); err != nil && !errors.Is(err, ErrNotFound) {
		return err
	}
	m.forgetLocal()
	return nil
}

// revoke asks the revoke endpoint to end token's connection: HTTP Basic
// client authentication and a JSON body, as Intuit documents.
func (m *Manager) revoke(ctx context.Context, token string) error {
	body, err := json.Marshal(map[string]string{"token": token})
	if err != nil {
		return fmt.Errorf("encode the revoke request: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.cfg.Endpoints.RevokeURL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("build the revoke request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.SetBasicAuth(m.cfg.App.ClientID, m.cfg.App.ClientSecret)
	resp, err := m.http.Do(req)
	if err != nil {
		return &ServerError{Op: "disconnect", Err: netDetail(err)}
	}
	defer resp.Body.Close()
	// Only the error code is read from the answer; the rest is dropped.
	var answer struct {
		Error string `json:"error"`
	}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode >= 200 && resp.StatusCode < 300 {
		return nil
	}
	_ = json.Unmarshal(b, &answer)
	return &ServerError{Op: "disconnect", Status: resp.StatusCode, Code: safeCode(answer.Error),
		TID: resp.Header.Get("intuit_tid"), Err: fmt.Errorf("HTTP %d", resp.StatusCode)}
}
