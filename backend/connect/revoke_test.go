package connect

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"ledgerlink/backend/practice"
	"ledgerlink/internal/testkit"
)

func TestDisconnect_RevokesAtQuickBooksAndDeletesFromKeychain(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	g := e.connect(m)
	access, err := m.TokenSource().Token()
	if err != nil {
		t.Fatal(err)
	}
	refresh := e.saved().RefreshToken
	var sent struct {
		json, basic bool
		token       string
	}
	e.SetRevokeHook(func(w http.ResponseWriter, r *http.Request) bool {
		id, secret, ok := r.BasicAuth()
		sent.basic = ok && id == testkit.TestClientID && secret == e.ClientSecret
		sent.json = r.Header.Get("Content-Type") == "application/json"
		b, _ := io.ReadAll(r.Body)
		var body struct{ Token string }
		_ = json.Unmarshal(b, &body)
		sent.token = body.Token
		r.Body = io.NopCloser(strings.NewReader(string(b)))
		return false
	})
	if err := m.Disconnect(context.Background()); err != nil {
		t.Fatalf("Disconnect: %v", err)
	}
	if !sent.basic || !sent.json || sent.token != refresh {
		t.Fatalf("revoke request: Basic auth %v, JSON %v, refresh token sent %v", sent.basic, sent.json, sent.token == refresh)
	}
	if _, err := OSKeychain().Get(testkit.KeychainService, e.account); !errors.Is(err, ErrNotFound) {
		t.Fatalf("keychain after Disconnect: %v", err)
	}
	if s := m.State(); s.Status != practice.Disconnected {
		t.Fatalf("State: %+v", s)
	}
	// The sandbox refuses both old tokens now.
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refresh}}
	req, _ := http.NewRequest(http.MethodPost, e.URL+"/oauth2/v1/tokens/bearer", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.SetBasicAuth(testkit.TestClientID, e.ClientSecret)
	if resp := do(t, req); resp.code != http.StatusBadRequest || !strings.Contains(resp.body, "invalid_grant") {
		t.Fatalf("old refresh token after Disconnect: %d %s", resp.code, resp.body)
	}
	req, _ = http.NewRequest(http.MethodGet, e.URL+"/v3/company/"+g.RealmID+"/companyinfo/"+g.RealmID, nil)
	req.Header.Set("Authorization", "Bearer "+access.AccessToken)
	if resp := do(t, req); resp.code != http.StatusUnauthorized {
		t.Fatalf("old access token after Disconnect: %d", resp.code)
	}
	if _, err := m.TokenSource().Token(); !errors.Is(err, ErrNeedsReconnect) {
		t.Fatalf("Token after Disconnect: %v", err)
	}
	if s := m.State(); s.Status != practice.Disconnected {
		t.Fatalf("asking for a token after Disconnect must leave the state alone: %+v", s)
	}
}

func TestDisconnect_TokenAlreadyInvalid_StillDeletes(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	e.connect(m)
	e.SetRevokeHook(func(w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		_, _ = io.WriteString(w, `{"error":"invalid_grant"}`)
		return true
	})
	if err := m.Disconnect(context.Background()); err != nil {
		t.Fatalf("Disconnect: %v", err)
	}
	if _, err := m.Grant(); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Grant after Disconnect: %v", err)
	}
}

func TestDisconnect_AfterRefreshTokenExpired_StillDeletes(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	e.connect(m)
	e.clock.Advance(102 * 24 * time.Hour)
	if _, err := m.TokenSource().Token(); !errors.Is(err, ErrNeedsReconnect) {
		t.Fatal(err)
	}
	if err := m.Disconnect(context.Background()); err != nil {
		t.Fatalf("Disconnect of an expired connection: %v", err)
	}
	if s := m.State(); s.Status != practice.Disconnected {
		t.Fatalf("State: %+v", s)
	}
}

func TestDisconnect_NetworkFails_KeepsGrantAndSaysSo(t *testing.T) {
	e := newEnv(t)
	m := e.manager(func(c *Config) { c.Endpoints.RevokeURL = "http://127.0.0.1:1/v2/oauth2/tokens/revoke" })
	e.connect(m)
	err := m.Disconnect(context.Background())
	if err == nil || !strings.Contains(err.Error(), "still connected") || !strings.Contains(err.Error(), "could not reach QuickBooks") {
		t.Fatalf("Disconnect with the network down: %v", err)
	}
	e.assertErrClean(err)
	if s := m.State(); s.Status != practice.Connected {
		t.Fatalf("nothing should be half-done: %+v", s)
	}
	if e.saved().RefreshToken == "" {
		t.Fatal("the grant should stay in the keychain so Disconnect can be tried again")
	}
	// Forget is the way out: removed here, left for QuickBooks to expire.
	if err := m.Forget(); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Grant(); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Grant after Forget: %v", err)
	}
}

func TestDisconnect_ClientCredentialsRefused_KeepsGrant(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	e.connect(m)
	wrong := e.manager(func(c *Config) { c.App.ClientSecret = "not-the-secret" })
	err := wrong.Disconnect(context.Background())
	var se *ServerError
	if !errors.As(err, &se) || se.Status != http.StatusUnauthorized || !strings.Contains(err.Error(), "client ID or secret") {
		t.Fatalf("Disconnect with a wrong secret: %v", err)
	}
	if strings.Contains(err.Error(), "not-the-secret") {
		t.Fatal("the secret must not appear in the error")
	}
	if _, err := m.Grant(); err != nil {
		t.Fatalf("the grant should be kept: %v", err)
	}
}

func TestDisconnect_NotConnected_IsNoOp(t *testing.T) {
	e := newEnv(t)
	if err := e.manager().Disconnect(context.Background()); err != nil {
		t.Fatalf("Disconnect when not connected: %v", err)
	}
}

// do sends req and returns its answer.
func do(t *testing.T, req *http.Request) response {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, string(b)}
}
