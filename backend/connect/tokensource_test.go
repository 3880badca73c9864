package connect

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo"
	"ledgerlink/backend/qbo/sandbox"
)

func TestTokenSource_ExpiredAccessToken_RefreshedTransparentlyAndRotatedTokenSavedFirst(t *testing.T) {
	e := newEnv(t, rotateEveryRefresh)
	m := e.manager()
	g := e.connect(m)
	api := e.api(m, g.RealmID)
	if _, err := companyName(t, api); err != nil {
		t.Fatal(err)
	}
	before := e.saved()
	// Every API request must find the keychain already holding the refresh
	// token the token endpoint handed out last.
	var mu sync.Mutex
	var checked int
	e.SetAPIHook(func(*http.Request) {
		mu.Lock()
		defer mu.Unlock()
		checked++
		if e.Refreshes.Load() > 0 && e.saved().RefreshToken == before.RefreshToken {
			t.Error("an access token from a refresh was used before the rotated refresh token was saved")
		}
	})
	e.clock.Advance(61 * time.Minute) // past the access token's hour
	if _, err := companyName(t, api); err != nil {
		t.Fatalf("CompanyInfo after the access token expired: %v", err)
	}
	if n := e.Refreshes.Load(); n != 1 {
		t.Fatalf("refreshes: %d, want 1", n)
	}
	after := e.saved()
	if after.RefreshToken == before.RefreshToken {
		t.Fatal("the rotated refresh token should be in the keychain")
	}
	if !after.RefreshExpiresAt.Equal(e.clock.Now().Add(101*24*time.Hour)) || !after.RefreshHardExpiresAt.Equal(before.RefreshHardExpiresAt) {
		t.Fatalf("expiries after refresh: %s / %s", after.RefreshExpiresAt, after.RefreshHardExpiresAt)
	}
	if after.ConnectedAt != before.ConnectedAt || after.RealmID != before.RealmID {
		t.Fatal("a refresh must keep the realm and the connection date")
	}
	// Within the hour the access token is reused, not refreshed again.
	if _, err := companyName(t, api); err != nil {
		t.Fatal(err)
	}
	if n := e.Refreshes.Load(); n != 1 || checked < 2 {
		t.Fatalf("refreshes %d, API calls checked %d", n, checked)
	}
	e.assertNoSecret(e.logs.String())
}

func TestTokenSource_KeychainSaveFails_NewAccessTokenNotUsed(t *testing.T) {
	e := newEnv(t, rotateEveryRefresh)
	kc := &failingKeychain{Keychain: OSKeychain()}
	m := e.manager(func(c *Config) { c.Keychain = kc })
	e.connect(m)
	old := e.saved().RefreshToken
	kc.failSet(true)
	e.clock.Advance(61 * time.Minute)
	tok, err := m.TokenSource().Token()
	if err == nil || tok != nil {
		t.Fatalf("Token with the keychain refusing to save: %v, %v", tok, err)
	}
	if !strings.Contains(err.Error(), "could not save it") || errors.Is(err, ErrNeedsReconnect) {
		t.Fatalf("error: %q", err)
	}
	e.assertErrClean(err)
	if e.saved().RefreshToken != old {
		t.Fatal("the keychain item should be unchanged")
	}
	// Intuit keeps a replaced refresh token working for a while: once the
	// keychain works again, the next refresh recovers.
	kc.failSet(false)
	if _, err := m.TokenSource().Token(); err != nil {
		t.Fatalf("after the keychain recovered: %v", err)
	}
	if e.saved().RefreshToken == old {
		t.Fatal("the newest refresh token should now be saved")
	}
}

func TestTokenSource_RefreshTokenExpired_NeedsReconnectThenReconnectWorks(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	g := e.connect(m)
	api := e.api(m, g.RealmID)
	e.clock.Advance(102 * 24 * time.Hour) // unused for more than 100 days
	_, err := companyName(t, api)
	if !errors.Is(err, ErrNeedsReconnect) || !qbo.IsAuthExpired(err) {
		t.Fatalf("API call with an expired refresh token: %v", err)
	}
	e.assertErrClean(err)
	s := m.State()
	if s.Status != practice.NeedsReconnect || !strings.Contains(s.Reason, "not used for 100 days") {
		t.Fatalf("State: %+v", s)
	}
	// Calls pause: no further trips to the token endpoint.
	n := e.Refreshes.Load()
	if _, err := m.TokenSource().Token(); !errors.Is(err, ErrNeedsReconnect) {
		t.Fatalf("Token while needing reconnect: %v", err)
	}
	if e.Refreshes.Load() != n {
		t.Fatal("a connection that needs reconnecting must not keep calling the token endpoint")
	}
	// Nothing local is lost: the grant is still there for Disconnect.
	if _, err := m.Grant(); err != nil {
		t.Fatalf("Grant: %v", err)
	}
	e.connect(m)
	if s := m.State(); s.Status != practice.Connected {
		t.Fatalf("after reconnecting: %+v", s)
	}
	if _, err := companyName(t, api); err != nil {
		t.Fatalf("the same API client after reconnecting: %v", err)
	}
}

func TestTokenSource_RevokedInQuickBooks_NeedsReconnect(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	e.connect(m)
	e.RevokeAll() // the firm disconnected the app inside QuickBooks
	e.clock.Advance(61 * time.Minute)
	_, err := m.TokenSource().Token()
	var se *ServerError
	if !errors.Is(err, ErrNeedsReconnect) || !errors.As(err, &se) || se.Code != "invalid_grant" {
		t.Fatalf("Token: %v", err)
	}
	if s := m.State(); s.Status != practice.NeedsReconnect || !strings.Contains(s.Reason, "expired or was revoked") {
		t.Fatalf("State: %+v", s)
	}
	e.assertErrClean(err)
}

func TestTokenSource_NoGrantInKeychain_NeedsReconnect(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	_, err := m.TokenSource().Token()
	if !errors.Is(err, ErrNeedsReconnect) || !strings.Contains(err.Error(), "found no QuickBooks connection") {
		t.Fatalf("Token: %v", err)
	}
	if s := m.State(); s.Status != practice.NeedsReconnect {
		t.Fatalf("State: %+v", s)
	}
	if e.Refreshes.Load() != 0 {
		t.Fatal("no token endpoint call without a grant")
	}
}

func TestTokenSource_MarkNeedsReconnect_PausesCallsUntilReconnect(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	g := e.connect(m)
	api := e.api(m, g.RealmID)
	m.MarkNeedsReconnect("QuickBooks refused the connection (401). Press Reconnect.")
	if s := m.State(); s.Status != practice.NeedsReconnect || !strings.Contains(s.Reason, "401") {
		t.Fatalf("State: %+v", s)
	}
	if _, err := companyName(t, api); !errors.Is(err, ErrNeedsReconnect) {
		t.Fatalf("API call after MarkNeedsReconnect: %v", err)
	}
	e.connect(m)
	if _, err := companyName(t, api); err != nil {
		t.Fatalf("after reconnecting: %v", err)
	}
}

func TestTokenSource_AppRestart_ReadsRotatedGrantFromKeychain(t *testing.T) {
	// With no grace for replaced refresh tokens, only the newest one works:
	// the restarted app must be using the rotated token from the keychain.
	e := newEnv(t, rotateEveryRefresh, func(o *sandbox.Options) { o.RefreshGrace = time.Second })
	m := e.manager()
	g := e.connect(m)
	e.clock.Advance(61 * time.Minute)
	if _, err := m.TokenSource().Token(); err != nil {
		t.Fatal(err)
	}
	rotated := e.saved()
	e.clock.Advance(61 * time.Minute)

	restarted := e.manager()
	got, err := restarted.Grant()
	if err != nil || got.RealmID != g.RealmID || got.RefreshToken != "" || !got.RefreshExpiresAt.Equal(rotated.RefreshExpiresAt) {
		t.Fatalf("Grant after restart: %+v, %v", got, err)
	}
	if s := restarted.State(); s.Status != practice.Connected {
		t.Fatalf("State after restart: %+v", s)
	}
	name, err := companyName(t, e.api(restarted, got.RealmID))
	if err != nil || name == "" {
		t.Fatalf("CompanyInfo after restart: %q, %v", name, err)
	}
	if e.saved().RefreshToken == rotated.RefreshToken {
		t.Fatal("the refresh after restart should have rotated and saved again")
	}
}

func TestTokenSource_ConcurrentCallers_ExactlyOneRefresh(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	e.connect(m)
	e.clock.Advance(61 * time.Minute)
	// Slow the token endpoint so callers pile up behind the refresh.
	e.SetTokenHook(func(http.ResponseWriter, *http.Request, url.Values) bool {
		time.Sleep(100 * time.Millisecond)
		return false
	})
	ts := m.TokenSource()
	const callers = 16
	tokens := make([]string, callers)
	var wg sync.WaitGroup
	for i := range callers {
		wg.Go(func() {
			tok, err := ts.Token()
			if err != nil {
				t.Error(err)
				return
			}
			tokens[i] = tok.AccessToken
		})
	}
	wg.Wait()
	if n := e.Refreshes.Load(); n != 1 {
		t.Fatalf("refreshes: %d, want exactly 1", n)
	}
	for _, tok := range tokens {
		if tok == "" || tok != tokens[0] {
			t.Fatal("every caller should get the one refreshed token")
		}
	}
}

func TestTokenSource_ServerEchoesSecrets_ErrorsDoNot(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	e.connect(m)
	e.clock.Advance(61 * time.Minute)
	for _, c := range []struct {
		status int
		body   string
	}{
		{http.StatusInternalServerError, `<html>upstream failed for refresh_token=%s client_secret=%s</html>`},
		{http.StatusBadRequest, `{"error":"invalid_request","error_description":"bad token %s for secret %s"}`},
		{http.StatusOK, `{"oops": "%s %s"`},
	} {
		e.SetTokenHook(func(w http.ResponseWriter, r *http.Request, form url.Values) bool {
			ct := "application/json"
			if strings.HasPrefix(c.body, "<") {
				ct = "text/html"
			}
			w.Header().Set("Content-Type", ct)
			w.WriteHeader(c.status)
			fmt.Fprintf(w, c.body, form.Get("refresh_token"), e.ClientSecret)
			return true
		})
		_, err := m.TokenSource().Token()
		if err == nil || errors.Is(err, ErrNeedsReconnect) {
			t.Fatalf("HTTP %d: %v", c.status, err)
		}
		e.assertErrClean(err)
	}
	if s := m.State(); s.Status != practice.Connected {
		t.Fatalf("a server failure is not a reason to reconnect: %+v", s)
	}
	e.assertNoSecret(e.logs.String())
}

func TestTokenSource_TokenEndpointUnreachable_ExplainedAndStillConnected(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	e.connect(m)
	e.clock.Advance(61 * time.Minute)
	down := e.manager(func(c *Config) { c.Endpoints.TokenURL = "http://127.0.0.1:1/oauth2/v1/tokens/bearer" })
	_, err := down.TokenSource().Token()
	if err == nil || !strings.Contains(err.Error(), "could not reach QuickBooks") || errors.Is(err, ErrNeedsReconnect) {
		t.Fatalf("Token with the endpoint down: %v", err)
	}
	if s := down.State(); s.Status != practice.Connected {
		t.Fatalf("State: %+v", s)
	}
}

func TestTokenSource_GrantFromAnotherEnvironment_NeedsReconnect(t *testing.T) {
	e := newEnv(t)
	e.connect(e.manager())
	m := e.manager(func(c *Config) { c.Environment = IntuitSandbox })
	if s := m.State(); s.Status != practice.NeedsReconnect || !strings.Contains(s.Reason, "built-in demo company") {
		t.Fatalf("State: %+v", s)
	}
	if _, err := m.TokenSource().Token(); !errors.Is(err, ErrNeedsReconnect) {
		t.Fatalf("Token: %v", err)
	}
	if e.Refreshes.Load() != 0 {
		t.Fatal("a grant for another environment must not be sent to this one's token endpoint")
	}
}

// failingKeychain is the real keychain with saving switched off on demand,
// to see what happens when the keychain refuses a rotated token.
type failingKeychain struct {
	Keychain
	mu   sync.Mutex
	fail bool
}

func (k *failingKeychain) failSet(v bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.fail = v
}

func (k *failingKeychain) Set(service, account, secret string) error {
	k.mu.Lock()
	fail := k.fail
	k.mu.Unlock()
	if fail {
		return &KeychainError{Op: "save", Err: errors.New("the keychain refused the item")}
	}
	return k.Keychain.Set(service, account, secret)
}

func TestTokenSource_SameRefreshTokenBack_AsIntuitOftenAnswers_KeepsWorkingAndRollsExpiry(t *testing.T) {
	e := newEnv(t) // the sandbox's default: the same refresh token for about a day
	m := e.manager()
	g := e.connect(m)
	api := e.api(m, g.RealmID)
	before := e.saved()
	for i := range 3 {
		e.clock.Advance(61 * time.Minute)
		if _, err := companyName(t, api); err != nil {
			t.Fatalf("call %d after the access token expired: %v", i, err)
		}
	}
	after := e.saved()
	if n := e.Refreshes.Load(); n != 3 {
		t.Fatalf("refreshes: %d, want one per expired access token", n)
	}
	if after.RefreshToken != before.RefreshToken {
		t.Fatal("the sandbox handed out a new refresh token within a day; this test is about the same one coming back")
	}
	if !after.RefreshExpiresAt.After(before.RefreshExpiresAt) {
		t.Fatalf("rolling expiry %s not moved on from %s by the refreshes", after.RefreshExpiresAt, before.RefreshExpiresAt)
	}
	if s := m.State(); s.Status != practice.Connected {
		t.Fatalf("State: %+v", s)
	}
}

func TestTokenSource_NeedsReconnect_ToldToOnNeedsReconnect(t *testing.T) {
	e := newEnv(t)
	var reasons []string
	m := e.manager(func(c *Config) { c.OnNeedsReconnect = func(r string) { reasons = append(reasons, r) } })
	g := e.connect(m)
	api := e.api(m, g.RealmID)
	e.RevokeAll()
	e.clock.Advance(61 * time.Minute)
	if _, err := companyName(t, api); !errors.Is(err, ErrNeedsReconnect) {
		t.Fatalf("call after revocation: %v", err)
	}
	if len(reasons) != 1 || !strings.Contains(reasons[0], "expired or was revoked") {
		t.Fatalf("OnNeedsReconnect was told %q; want the revocation explained once", reasons)
	}
	m.MarkNeedsReconnect("QuickBooks refused the sign-in twice.")
	if len(reasons) != 2 || reasons[1] != "QuickBooks refused the sign-in twice." {
		t.Fatalf("after MarkNeedsReconnect: %q", reasons)
	}
}
