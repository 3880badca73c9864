package connect

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"ledgerlink/backend/qbo"
	"ledgerlink/backend/qbo/sandbox"
)

// Test identities. The keychain service is not the app's, so a run on a
// developer's desktop never touches a real connection.
const (
	testClientID     = "ledgerlink-test-client"
	testClientSecret = "s3cret-for-tests-0123456789"
	testService      = "Ledgerlink test"
)

// testStart is when every test's clock starts.
var testStart = time.Date(2026, 3, 18, 9, 30, 0, 0, time.UTC)

// clock is the one clock the sandbox and the Manager share, so moving it
// expires tokens on both sides at once.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// syncBuffer is a log destination safe for concurrent writes.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// env is a sandbox behind real HTTP, a free loopback port for the redirect
// URI, and a record of every secret that crossed the wire, so tests can
// check that none of them leaks into an error or a log.
type env struct {
	t        *testing.T
	clock    *clock
	sb       *sandbox.Server
	ts       *httptest.Server
	redirect string
	account  string
	logs     *syncBuffer

	refreshes atomic.Int32 // refresh_token grants seen by the token endpoint
	exchanges atomic.Int32 // authorization_code grants seen

	mu      sync.Mutex
	secrets map[string]bool
	// tokenHook, when set, may answer a token request itself (return true).
	tokenHook func(w http.ResponseWriter, r *http.Request, form url.Values) bool
	// revokeHook, when set, may answer a revoke request itself.
	revokeHook func(w http.ResponseWriter, r *http.Request) bool
	// apiHook runs before each API request reaches the sandbox.
	apiHook func(r *http.Request)
}

// newEnv starts a sandbox whose registered redirect URI is a loopback
// address on a free port (or redirect, when given).
func newEnv(t *testing.T, opts ...func(*sandbox.Options)) *env {
	t.Helper()
	requireKeychain(t)
	e := &env{t: t, clock: &clock{t: testStart}, logs: &syncBuffer{}, secrets: map[string]bool{testClientSecret: true}}
	e.redirect = fmt.Sprintf("http://127.0.0.1:%d/callback", freePort(t))
	o := sandbox.Options{ClientID: testClientID, ClientSecret: testClientSecret, Now: e.clock.Now,
		Limits: sandbox.Limits{Off: true}}
	for _, f := range opts {
		f(&o)
	}
	if len(o.RedirectURIs) == 0 {
		o.RedirectURIs = []string{e.redirect}
	} else {
		e.redirect = o.RedirectURIs[0]
	}
	sb, err := sandbox.New(o)
	if err != nil {
		t.Fatalf("sandbox: %v", err)
	}
	e.sb = sb
	e.ts = httptest.NewServer(e.wrap(sb.Handler()))
	t.Cleanup(e.ts.Close)
	e.account = fmt.Sprintf("quickbooks:%s-%d", t.Name(), time.Now().UnixNano())
	t.Cleanup(func() { _ = OSKeychain().Delete(testService, e.account) })
	return e
}

// config is a Manager configuration for this environment.
func (e *env) config() Config {
	return Config{
		Environment: Embedded,
		Endpoints:   SandboxEndpoints(e.ts.URL),
		App:         App{ClientID: testClientID, ClientSecret: testClientSecret, RedirectURI: e.redirect},
		Keychain:    OSKeychain(),
		Service:     testService,
		Account:     e.account,
		Now:         e.clock.Now,
		Log:         slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
}

// manager returns a Manager for this environment, changed by mods.
func (e *env) manager(mods ...func(*Config)) *Manager {
	e.t.Helper()
	cfg := e.config()
	for _, f := range mods {
		f(&cfg)
	}
	m, err := NewManager(cfg)
	if err != nil {
		e.t.Fatalf("NewManager: %v", err)
	}
	return m
}

// wrap puts the hooks and the secret recorder in front of the sandbox.
func (e *env) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/oauth2/v1/tokens/bearer":
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			form, _ := url.ParseQuery(string(body))
			e.remember(form.Get("code"), form.Get("code_verifier"), form.Get("refresh_token"))
			switch form.Get("grant_type") {
			case "refresh_token":
				e.refreshes.Add(1)
			case "authorization_code":
				e.exchanges.Add(1)
			}
			e.mu.Lock()
			hook := e.tokenHook
			e.mu.Unlock()
			if hook != nil && hook(w, r, form) {
				return
			}
			rec := &recorder{ResponseWriter: w}
			h.ServeHTTP(rec, r)
			var tok struct {
				AccessToken  string `json:"access_token"`
				RefreshToken string `json:"refresh_token"`
			}
			_ = json.Unmarshal(rec.body.Bytes(), &tok)
			e.remember(tok.AccessToken, tok.RefreshToken)
			return
		case r.URL.Path == "/v2/oauth2/tokens/revoke":
			e.mu.Lock()
			hook := e.revokeHook
			e.mu.Unlock()
			if hook != nil && hook(w, r) {
				return
			}
		case strings.HasPrefix(r.URL.Path, "/v3/"):
			e.mu.Lock()
			hook := e.apiHook
			e.mu.Unlock()
			if hook != nil {
				hook(r)
			}
		case r.URL.Path == "/connect/oauth2" && r.Method == http.MethodPost:
			rec := &recorder{ResponseWriter: w}
			h.ServeHTTP(rec, r)
			if loc, err := url.Parse(rec.Header().Get("Location")); err == nil {
				e.remember(loc.Query().Get("code"))
			}
			return
		}
		h.ServeHTTP(w, r)
	})
}

func (e *env) remember(secrets ...string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, s := range secrets {
		if s != "" {
			e.secrets[s] = true
		}
	}
}

func (e *env) setTokenHook(f func(w http.ResponseWriter, r *http.Request, form url.Values) bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.tokenHook = f
}

func (e *env) setRevokeHook(f func(w http.ResponseWriter, r *http.Request) bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.revokeHook = f
}

func (e *env) setAPIHook(f func(r *http.Request)) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.apiHook = f
}

// recorder keeps a copy of what a handler writes.
type recorder struct {
	http.ResponseWriter
	body bytes.Buffer
}

func (r *recorder) Write(p []byte) (int, error) {
	r.body.Write(p)
	return r.ResponseWriter.Write(p)
}

// assertNoSecret fails if any text holds a token, code, verifier or the
// client secret seen so far.
func (e *env) assertNoSecret(texts ...string) {
	e.t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, text := range texts {
		for s := range e.secrets {
			if strings.Contains(text, s) {
				e.t.Errorf("a secret (%.6s…) appears in %q", s, text)
			}
		}
	}
}

// assertErrClean checks err's text, and the text of everything it wraps,
// for secrets.
func (e *env) assertErrClean(err error) {
	e.t.Helper()
	for _, s := range errorTexts(err) {
		e.assertNoSecret(s)
	}
}

// errorTexts is the text of err and of every error in its chain.
func errorTexts(err error) []string {
	if err == nil {
		return nil
	}
	out := []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		out = append(out, errorTexts(u.Unwrap())...)
	case interface{ Unwrap() []error }:
		for _, w := range u.Unwrap() {
			out = append(out, errorTexts(w)...)
		}
	}
	return out
}

// browser is a person's browser: it follows redirects, so pressing
// Connect on the consent page lands on the loopback callback.
func browser() *http.Client { return &http.Client{Timeout: 30 * time.Second} }

// noFollow is a browser that stops at the redirect back, for tests that
// deliver the callback themselves.
func noFollow() *http.Client {
	return &http.Client{Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

var hiddenField = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

// consent opens the authorization URL, then presses a button on the
// consent page (decision "connect" or "deny") as a browser submits the
// form, with client c. It returns the final response and its body.
func consent(t *testing.T, c *http.Client, authURL, decision string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(authURL)
	if err != nil {
		t.Fatalf("open the authorization URL: %v", err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), `id="connect"`) || !strings.Contains(string(page), `id="deny"`) {
		t.Fatalf("consent page: %d %s", resp.StatusCode, page)
	}
	form := url.Values{"decision": {decision}}
	for _, m := range hiddenField.FindAllStringSubmatch(string(page), -1) {
		form.Set(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
	}
	u, _ := url.Parse(authURL)
	resp, err = c.PostForm(u.Scheme+"://"+u.Host+u.Path, form)
	if err != nil {
		t.Fatalf("press %s: %v", decision, err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(body)
}

// callbackURL presses Connect (or deny) without following the redirect and
// returns the address the browser is sent to.
func callbackURL(t *testing.T, authURL, decision string) string {
	t.Helper()
	resp, _ := consent(t, noFollow(), authURL, decision)
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("consent answered %d, want a redirect", resp.StatusCode)
	}
	return resp.Header.Get("Location")
}

// connect runs a whole authorization in the browser and returns the grant.
func (e *env) connect(m *Manager) *Grant {
	e.t.Helper()
	p, err := m.Begin(context.Background())
	if err != nil {
		e.t.Fatalf("Begin: %v", err)
	}
	resp, body := consent(e.t, browser(), p.URL, "connect")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, "Connected — you can close this window and return to Ledgerlink") {
		e.t.Fatalf("callback page: %d %s", resp.StatusCode, body)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	g, err := p.Wait(ctx)
	if err != nil {
		e.t.Fatalf("Wait: %v", err)
	}
	return g
}

// saved reads the grant straight from the keychain, refresh token included.
func (e *env) saved() *Grant {
	e.t.Helper()
	s, err := OSKeychain().Get(testService, e.account)
	if err != nil {
		e.t.Fatalf("keychain: %v", err)
	}
	g, err := decodeGrant(s)
	if err != nil {
		e.t.Fatalf("decode the keychain item: %v", err)
	}
	return g
}

// api is a QBO client on m's token source.
func (e *env) api(m *Manager, realm string) *qbo.Client {
	e.t.Helper()
	c, err := qbo.NewClient(qbo.Config{BaseURL: m.Endpoints().APIBase, RealmID: realm, TokenSource: m.TokenSource()})
	if err != nil {
		e.t.Fatalf("qbo client: %v", err)
	}
	return c
}

// companyName reads CompanyInfo through c.
func companyName(t *testing.T, c *qbo.Client) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	info, err := c.Company.Info(ctx)
	if err != nil {
		return "", err
	}
	return info.CompanyName, nil
}

// freePort finds a loopback port nobody is listening on.
func freePort(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port, _ := strconv.Atoi(strings.TrimPrefix(ln.Addr().String()[strings.LastIndex(ln.Addr().String(), ":"):], ":"))
	return port
}

// dialRefused reports whether nothing listens at a URL's host any more.
func dialRefused(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	c, err := net.DialTimeout("tcp", u.Host, time.Second)
	if err != nil {
		return true
	}
	c.Close()
	return false
}

var (
	keychainOnce sync.Once
	keychainErr  error
)

// requireKeychain stops the test when there is no usable OS keychain.
// These tests are about the real keychain; run them inside a session that
// has one (scripts/with-session does that for the Secret Service).
func requireKeychain(t *testing.T) {
	t.Helper()
	keychainOnce.Do(func() {
		_, err := OSKeychain().Get(testService, "probe")
		if err != nil && !errors.Is(err, ErrNotFound) {
			keychainErr = err
		}
	})
	if keychainErr != nil {
		t.Fatalf("these tests need the OS keychain (run them under scripts/with-session): %v", keychainErr)
	}
}
