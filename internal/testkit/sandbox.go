package testkit

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"ledgerlink/backend/qbo/sandbox"
)

// TestClientID is the Intuit app tests register with their sandbox.
const TestClientID = "ledgerlink-test-client"

// Sandbox is the QuickBooks-compatible sandbox behind real HTTP, with a
// free loopback port registered as the redirect URI. It remembers every
// secret that crosses the wire (client secret, codes, verifiers, access and
// refresh tokens), so that tests can prove none leaks, counts what it
// serves, and lets a test answer token, revoke or API requests itself.
type Sandbox struct {
	*sandbox.Server
	// URL serves OAuth and the API on one host (connect.SandboxEndpoints).
	URL          string
	RedirectURI  string
	ClientID     string
	ClientSecret string

	Refreshes atomic.Int32 // refresh_token grants seen by the token endpoint
	Exchanges atomic.Int32 // authorization_code grants seen
	APICalls  atomic.Int64 // requests under /v3/

	ts      *httptest.Server
	mu      sync.Mutex
	secrets map[string]bool
	// tokenHook, when set, may answer a token request itself (true).
	tokenHook func(w http.ResponseWriter, r *http.Request, form url.Values) bool
	// revokeHook, when set, may answer a revoke request itself.
	revokeHook func(w http.ResponseWriter, r *http.Request) bool
	// apiHook runs before each API request reaches the sandbox.
	apiHook func(r *http.Request)
	// apiAnswer, when set, may answer an API request itself.
	apiAnswer func(w http.ResponseWriter, r *http.Request) bool
}

// StartSandbox starts a sandbox (the demo company, throttling off, a
// random client secret) changed by opts, and stops it when the test ends.
func StartSandbox(t testing.TB, opts ...func(*sandbox.Options)) *Sandbox {
	t.Helper()
	o := sandbox.Options{ClientID: TestClientID, ClientSecret: "s3cret-" + rand.Text(), Limits: sandbox.Limits{Off: true},
		RedirectURIs: []string{fmt.Sprintf("http://127.0.0.1:%d/callback", FreePort(t))}}
	for _, f := range opts {
		f(&o)
	}
	srv, err := sandbox.New(o)
	if err != nil {
		t.Fatalf("sandbox: %v", err)
	}
	s := &Sandbox{Server: srv, RedirectURI: o.RedirectURIs[0], ClientID: o.ClientID, ClientSecret: o.ClientSecret,
		secrets: map[string]bool{o.ClientSecret: true}}
	ts := httptest.NewServer(s.wrap(srv.Handler()))
	s.URL, s.ts = ts.URL, ts
	t.Cleanup(func() {
		ts.Close()
		if err := srv.Close(); err != nil {
			t.Errorf("sandbox close: %v", err)
		}
	})
	return s
}

// Client is an HTTP client for the sandbox's server.
func (s *Sandbox) Client() *http.Client { return s.ts.Client() }

// wrap puts the hooks and the secret recorder in front of the sandbox.
func (s *Sandbox) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case r.URL.Path == "/oauth2/v1/tokens/bearer":
			body, _ := io.ReadAll(r.Body)
			r.Body = io.NopCloser(bytes.NewReader(body))
			form, _ := url.ParseQuery(string(body))
			s.Remember(form.Get("code"), form.Get("code_verifier"), form.Get("refresh_token"))
			switch form.Get("grant_type") {
			case "refresh_token":
				s.Refreshes.Add(1)
			case "authorization_code":
				s.Exchanges.Add(1)
			}
			if hook := s.hooks().token; hook != nil && hook(w, r, form) {
				return
			}
			rec := &recorder{ResponseWriter: w}
			h.ServeHTTP(rec, r)
			var tok struct {
				AccessToken  string `json:"access_token"`
				RefreshToken string `json:"refresh_token"`
			}
			_ = json.Unmarshal(rec.body.Bytes(), &tok)
			s.Remember(tok.AccessToken, tok.RefreshToken)
			return
		case r.URL.Path == "/v2/oauth2/tokens/revoke":
			if hook := s.hooks().revoke; hook != nil && hook(w, r) {
				return
			}
		case strings.HasPrefix(r.URL.Path, "/v3/"):
			s.APICalls.Add(1)
			h := s.hooks()
			if h.api != nil {
				h.api(r)
			}
			if h.apiAnswer != nil && h.apiAnswer(w, r) {
				return
			}
		case r.URL.Path == "/connect/oauth2" && r.Method == http.MethodPost:
			rec := &recorder{ResponseWriter: w}
			h.ServeHTTP(rec, r)
			if loc, err := url.Parse(rec.Header().Get("Location")); err == nil {
				s.Remember(loc.Query().Get("code"))
			}
			return
		}
		h.ServeHTTP(w, r)
	})
}

type sandboxHooks struct {
	token     func(w http.ResponseWriter, r *http.Request, form url.Values) bool
	revoke    func(w http.ResponseWriter, r *http.Request) bool
	api       func(r *http.Request)
	apiAnswer func(w http.ResponseWriter, r *http.Request) bool
}

func (s *Sandbox) hooks() sandboxHooks {
	s.mu.Lock()
	defer s.mu.Unlock()
	return sandboxHooks{s.tokenHook, s.revokeHook, s.apiHook, s.apiAnswer}
}

// SetAPIAnswer lets f answer API requests itself (returning true when it
// did), as a broken gateway in front of QuickBooks might.
func (s *Sandbox) SetAPIAnswer(f func(w http.ResponseWriter, r *http.Request) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.apiAnswer = f
}

// SetTokenHook lets f answer token requests (returning true when it did).
func (s *Sandbox) SetTokenHook(f func(w http.ResponseWriter, r *http.Request, form url.Values) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokenHook = f
}

// SetRevokeHook lets f answer revoke requests (returning true when it did).
func (s *Sandbox) SetRevokeHook(f func(w http.ResponseWriter, r *http.Request) bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.revokeHook = f
}

// SetAPIHook runs f before each API request reaches the sandbox.
func (s *Sandbox) SetAPIHook(f func(r *http.Request)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.apiHook = f
}

// Remember adds secrets to those no text may contain.
func (s *Sandbox) Remember(secrets ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range secrets {
		if v != "" {
			s.secrets[v] = true
		}
	}
}

// Secrets returns every secret seen so far.
func (s *Sandbox) Secrets() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.secrets))
	for v := range s.secrets {
		out = append(out, v)
	}
	return out
}

// AssertNoSecret fails the test if any text holds a secret seen so far.
func (s *Sandbox) AssertNoSecret(t testing.TB, texts ...string) {
	t.Helper()
	secrets := s.Secrets()
	for _, text := range texts {
		for _, v := range secrets {
			if strings.Contains(text, v) {
				t.Errorf("a secret (%.6s…) appears in %q", v, text)
			}
		}
	}
}

// AssertErrClean checks err's text, and that of everything it wraps, for
// secrets.
func (s *Sandbox) AssertErrClean(t testing.TB, err error) {
	t.Helper()
	s.AssertNoSecret(t, ErrorTexts(err)...)
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
