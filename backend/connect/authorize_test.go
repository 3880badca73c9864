package connect

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo/sandbox"
	"ledgerlink/internal/testkit"
)

func TestConnect_LoopbackCallback_SavesGrantInKeychainThenAPIWorks(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	if s := m.State(); s.Status != practice.Disconnected {
		t.Fatalf("before connecting: %+v", s)
	}
	p := e.begin(m)
	if !p.Loopback {
		t.Fatal("a 127.0.0.1 redirect URI should get a loopback listener")
	}
	q := mustURL(t, p.URL).Query()
	if q.Get("state") == "" || q.Get("code_challenge") == "" || q.Get("code_challenge_method") != "S256" ||
		q.Get("scope") != DefaultScope || q.Get("redirect_uri") != e.RedirectURI || q.Get("response_type") != "code" {
		t.Fatalf("authorization URL lacks state, PKCE S256 or the registered values: %s", p.URL)
	}
	resp, body := testkit.Consent(t, testkit.Browser(), p.URL, "connect")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Connected — you can close this window and return to Ledgerlink") {
		t.Fatalf("the browser should be told it is connected: %d %s", resp.StatusCode, body)
	}
	g, err := p.Wait(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if g.RealmID != e.RealmID() || g.Environment != Embedded || g.RefreshToken != "" || !g.ConnectedAt.Equal(testkit.Start) {
		t.Fatalf("Wait's grant: %+v (want the realm, no refresh token)", g)
	}
	saved := e.saved()
	if saved.RealmID != g.RealmID || saved.RefreshToken == "" ||
		!saved.RefreshExpiresAt.Equal(testkit.Start.Add(101*24*time.Hour)) ||
		!saved.RefreshHardExpiresAt.Equal(testkit.Start.Add(5*365*24*time.Hour)) {
		t.Fatalf("keychain grant: realm %s, expiries %s / %s", saved.RealmID, saved.RefreshExpiresAt, saved.RefreshHardExpiresAt)
	}
	if s := m.State(); s.Status != practice.Connected {
		t.Fatalf("after connecting: %+v", s)
	}
	if e.Exchanges.Load() != 1 {
		t.Fatalf("code exchanges: %d, want 1", e.Exchanges.Load())
	}
	name, err := companyName(t, e.api(m, g.RealmID))
	if err != nil || name == "" {
		t.Fatalf("CompanyInfo with the new connection: %q, %v", name, err)
	}
	if !testkit.DialRefused(e.RedirectURI) {
		t.Fatal("the callback listener should close after its one callback")
	}
	e.assertNoSecret(e.logs.String(), p.URL)
}

func TestConnect_AccessDenied_ExplainedAndNothingSaved(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	p := e.begin(m)
	resp, body := testkit.Consent(t, testkit.Browser(), p.URL, "deny")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Not connected") || !strings.Contains(body, "access was not allowed") {
		t.Fatalf("the browser should be told nothing was connected: %d %s", resp.StatusCode, body)
	}
	_, err := p.Wait(context.Background())
	if !errors.Is(err, ErrAccessDenied) {
		t.Fatalf("Wait: %v, want ErrAccessDenied", err)
	}
	if !strings.Contains(err.Error(), "press Connect again") {
		t.Fatalf("the refusal should say what to do: %q", err)
	}
	if _, err := m.Grant(); !errors.Is(err, ErrNotFound) {
		t.Fatalf("after a refusal the keychain should hold nothing: %v", err)
	}
	if e.Exchanges.Load() != 0 {
		t.Fatal("a refusal must not reach the token endpoint")
	}
}

func TestConnect_ForgedState_RefusedAndRealAnswerStillAccepted(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	p := e.begin(m)
	real := testkit.CallbackURL(t, p.URL, "connect")
	for _, forged := range []string{
		e.RedirectURI + "?code=stolen-code&state=forged&realmId=1",
		e.RedirectURI + "?error=access_denied&state=forged", // a forged refusal must not end the attempt
		e.RedirectURI + "?code=stolen-code&realmId=1",       // no state at all
	} {
		resp := get(t, forged, "")
		if resp.code != http.StatusBadRequest || !strings.Contains(resp.body, "does not belong") {
			t.Fatalf("forged callback %s: %d %s", forged, resp.code, resp.body)
		}
	}
	if err := p.CompleteWithURL(strings.Replace(real, "state=", "state=x", 1)); !errors.Is(err, ErrStateMismatch) {
		t.Fatalf("pasted address with a forged state: %v", err)
	}
	if e.Exchanges.Load() != 0 {
		t.Fatal("a forged state must be refused before the token endpoint is called")
	}
	if resp := get(t, real, ""); resp.code != http.StatusOK {
		t.Fatalf("the real callback after forged ones: %d %s", resp.code, resp.body)
	}
	if _, err := p.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestConnect_SecondCallback_Refused(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	p := e.begin(m)
	cb := testkit.CallbackURL(t, p.URL, "connect")
	// Hold the code exchange so the replay arrives while the listener is
	// still open.
	release := make(chan struct{})
	entered := make(chan struct{})
	var once sync.Once
	e.SetTokenHook(func(http.ResponseWriter, *http.Request, url.Values) bool {
		once.Do(func() { close(entered) })
		<-release
		return false
	})
	first := make(chan response, 1)
	go func() { first <- get(t, cb, "") }()
	<-entered
	second := get(t, cb, "")
	if second.code != http.StatusConflict || !strings.Contains(second.body, "already been answered") {
		t.Fatalf("second callback: %d %s", second.code, second.body)
	}
	close(release)
	if r := <-first; r.code != http.StatusOK || !strings.Contains(r.body, "Connected") {
		t.Fatalf("first callback: %d %s", r.code, r.body)
	}
	if _, err := p.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if e.Exchanges.Load() != 1 {
		t.Fatalf("code exchanges: %d, want 1", e.Exchanges.Load())
	}
	if !testkit.DialRefused(cb) {
		t.Fatal("after the callback the listener should be closed")
	}
	if err := p.CompleteWithURL(cb); !errors.Is(err, ErrAlreadyUsed) {
		t.Fatalf("pasting the used address: %v", err)
	}
}

func TestConnect_ForeignHostHeader_Refused(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	p := e.begin(m)
	cb := testkit.CallbackURL(t, p.URL, "connect")
	// A page on another site that rebinds its name to 127.0.0.1 reaches the
	// listener with its own Host header.
	for _, host := range []string{"attacker.example:" + mustURL(t, e.RedirectURI).Port(), "localhost:" + mustURL(t, e.RedirectURI).Port(), "127.0.0.1"} {
		resp := get(t, cb, host)
		if resp.code != http.StatusMisdirectedRequest || !strings.Contains(resp.body, "Refused") {
			t.Fatalf("Host %s: %d %s", host, resp.code, resp.body)
		}
	}
	if e.Exchanges.Load() != 0 {
		t.Fatal("a foreign Host must be refused before the code is used")
	}
	if resp := get(t, cb, ""); resp.code != http.StatusOK {
		t.Fatalf("the genuine callback: %d %s", resp.code, resp.body)
	}
	if _, err := p.Wait(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestCallback_FromAnotherComputer_Refused(t *testing.T) {
	// The listener binds 127.0.0.1, so no other computer can reach it; the
	// remote-address check behind that is exercised on the handler itself.
	e := newEnv(t)
	m := e.manager()
	p := e.begin(m)
	defer p.Cancel()
	cb := testkit.CallbackURL(t, p.URL, "connect")
	req := httptest.NewRequest(http.MethodGet, cb, nil)
	req.RemoteAddr = "192.0.2.10:53000"
	w := httptest.NewRecorder()
	p.serveCallback(w, req)
	if w.Code != http.StatusForbidden {
		t.Fatalf("remote request: %d %s", w.Code, w.Body)
	}
	if e.Exchanges.Load() != 0 {
		t.Fatal("a remote request must be refused before the code is used")
	}
}

func TestCallback_WrongPathOrMethod_Refused(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	p := e.begin(m)
	defer p.Cancel()
	base := strings.TrimSuffix(e.RedirectURI, "/callback")
	if r := get(t, base+"/favicon.ico", ""); r.code != http.StatusNotFound {
		t.Fatalf("other path: %d", r.code)
	}
	resp, err := http.Post(e.RedirectURI, "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Fatalf("POST: %d", resp.StatusCode)
	}
	if testkit.DialRefused(e.RedirectURI) {
		t.Fatal("refused requests must not close the listener")
	}
}

func TestConnect_Timeout_EndsAttemptAndClosesListener(t *testing.T) {
	e := newEnv(t)
	m := e.manager(func(c *Config) { c.CallbackTimeout = 300 * time.Millisecond })
	p := e.begin(m)
	cb := testkit.CallbackURL(t, p.URL, "connect")
	start := time.Now()
	_, err := p.Wait(context.Background())
	if !errors.Is(err, ErrTimedOut) {
		t.Fatalf("Wait: %v, want ErrTimedOut", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Fatalf("timed out after %s", d)
	}
	if !testkit.DialRefused(cb) {
		t.Fatal("the listener should be closed after the timeout")
	}
	if err := p.CompleteWithURL(cb); !errors.Is(err, ErrTimedOut) {
		t.Fatalf("an answer after the timeout: %v", err)
	}
	if e.Exchanges.Load() != 0 {
		t.Fatal("nothing should be exchanged after a timeout")
	}
}

func TestConnect_Cancel_EndsAttemptAndFreesPort(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	p := e.begin(m)
	cb := testkit.CallbackURL(t, p.URL, "connect")
	p.Cancel()
	if _, err := p.Wait(context.Background()); !errors.Is(err, ErrCancelled) {
		t.Fatalf("Wait after Cancel: %v", err)
	}
	if !testkit.DialRefused(cb) {
		t.Fatal("Cancel should close the listener before returning")
	}
	// The same port is free for the next attempt, which connects.
	if g := e.connect(m); g.RealmID == "" {
		t.Fatal("no realm")
	}
}

func TestConnect_WaitContextEnds_CancelsAttempt(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	p := e.begin(m)
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := p.Wait(ctx)
	if !errors.Is(err, ErrCancelled) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Wait: %v", err)
	}
	if !testkit.DialRefused(e.RedirectURI) {
		t.Fatal("the listener should be closed")
	}
}

func TestBegin_Again_CancelsThePreviousAttempt(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	first, err := m.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	g := e.connect(m) // Begins again on the same port
	if _, err := first.Wait(context.Background()); !errors.Is(err, ErrCancelled) {
		t.Fatalf("the first attempt: %v", err)
	}
	if g.RealmID == "" {
		t.Fatal("the second attempt should connect")
	}
}

func TestBegin_PortInUse_PlainError(t *testing.T) {
	e := newEnv(t)
	busy, err := net.Listen("tcp", mustURL(t, e.RedirectURI).Host)
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	_, err = e.manager().Begin(context.Background())
	if err == nil || !strings.Contains(err.Error(), "another program is using that port") {
		t.Fatalf("Begin with the port taken: %v", err)
	}
}

func TestConnect_CodeExpiredBeforeExchange_BrowserAndWaitToldPlainly(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	p := e.begin(m)
	cb := testkit.CallbackURL(t, p.URL, "connect")
	e.clock.Advance(10 * time.Minute) // authorization codes live 5 minutes
	resp := get(t, cb, "")
	if resp.code != http.StatusBadGateway || !strings.Contains(resp.body, "refused the sign-in code") {
		t.Fatalf("callback page: %d %s", resp.code, resp.body)
	}
	_, err := p.Wait(context.Background())
	var se *ServerError
	if !errors.As(err, &se) || se.Code != "invalid_grant" || errors.Is(err, ErrNeedsReconnect) {
		t.Fatalf("Wait: %v", err)
	}
	if se.TID == "" || !strings.Contains(err.Error(), se.TID) {
		t.Fatalf("the error should carry Intuit's reference for support: %q", err)
	}
	e.assertErrClean(err)
	e.assertNoSecret(resp.body, e.logs.String())
}

func TestConnect_PasteFallback_NonLoopbackRedirect(t *testing.T) {
	const redirect = "https://ledgerlink.example/quickbooks/callback"
	e := newEnv(t, func(o *sandbox.Options) { o.RedirectURIs = []string{redirect} })
	m := e.manager()
	p := e.begin(m)
	if p.Loopback {
		t.Fatal("an https redirect URI cannot have a loopback listener")
	}
	cb := testkit.CallbackURL(t, p.URL, "connect")
	if !strings.HasPrefix(cb, redirect+"?") {
		t.Fatalf("redirected to %s", cb)
	}
	for _, bad := range []string{"", "hello", "https://ledgerlink.example/quickbooks/callback", "%zz?code=%zz"} {
		err := p.CompleteWithURL(bad)
		if err == nil || !strings.Contains(err.Error(), "not the address QuickBooks sent you to") {
			t.Fatalf("pasting %q: %v", bad, err)
		}
	}
	if err := p.CompleteWithURL("  " + cb + "  "); err != nil {
		t.Fatalf("pasting the address: %v", err)
	}
	g, err := p.Wait(context.Background())
	if err != nil || g.RealmID != e.RealmID() {
		t.Fatalf("Wait: %+v %v", g, err)
	}
	if e.saved().RefreshToken == "" {
		t.Fatal("the keychain should hold the grant")
	}
}

func TestConnect_OtherAuthorizationError_ExplainedPlainly(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	p := e.begin(m)
	state := mustURL(t, p.URL).Query().Get("state")
	err := p.CompleteWithURL(e.RedirectURI + "?error=invalid_scope&error_description=some+server+text&state=" + url.QueryEscape(state))
	var ae *AuthorizationError
	if !errors.As(err, &ae) || ae.Code != "invalid_scope" || strings.Contains(err.Error(), "server text") {
		t.Fatalf("error=invalid_scope: %v", err)
	}
	if _, err := p.Wait(context.Background()); !errors.As(err, &ae) {
		t.Fatalf("Wait: %v", err)
	}
}

// response is a callback's answer as the browser sees it.
type response struct {
	code int
	body string
}

// get requests raw, with host as the Host header when given.
func get(t *testing.T, raw, host string) response {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, raw, nil)
	if err != nil {
		t.Fatal(err)
	}
	if host != "" {
		req.Host = host
	}
	resp, err := testkit.Browser().Do(req)
	if err != nil {
		t.Fatalf("GET %s: %v", raw, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{resp.StatusCode, string(b)}
}

func mustURL(t *testing.T, raw string) *url.URL {
	t.Helper()
	u, err := url.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
