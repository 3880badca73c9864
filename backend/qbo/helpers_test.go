package qbo

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ledgerlink/internal/testkit/fakeclock"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/oauth2"
)

// These tests run the client against httptest servers that answer with
// QBO-shaped bodies from testdata/, written by hand after Intuit's documented
// examples. The project's sandbox server is tested against the client
// elsewhere; here the server side is a fake so every answer is exact.

const testRealm = "9341453052910000"

// companyPath is the path prefix of the test company's API.
const companyPath = "/v3/company/" + testRealm + "/"

// fakeClock is an injected Now and Sleep (the project's one fake clock):
// sleeping advances time at once and is recorded, so waits are asserted
// instead of spent.
type fakeClock = fakeclock.Clock

func newFakeClock() *fakeClock {
	return fakeclock.New(time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC))
}

// testEnv is a client wired to a test server through its mux.
type testEnv struct {
	client *Client
	mux    *http.ServeMux
	server *httptest.Server
	clock  *fakeClock
}

// newTestEnv returns a client for a fresh server. Pacing is off unless an
// option turns it on, jitter is fixed at its midpoint, time is fake.
func newTestEnv(t *testing.T, opts ...func(*Config)) *testEnv {
	t.Helper()
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	clock := newFakeClock()
	cfg := Config{
		BaseURL:     srv.URL,
		RealmID:     testRealm,
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "test-access-token", TokenType: "Bearer"}),
		HTTPClient:  srv.Client(),
		Limits:      Limits{PerMinute: -1, PerSecond: -1, InFlight: -1, BatchPerMinute: -1},
		Now:         clock.Now,
		Sleep:       clock.Sleep,
		Rand:        func() float64 { return 0.5 },
	}
	for _, o := range opts {
		o(&cfg)
	}
	c, err := NewClient(cfg)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return &testEnv{client: c, mux: mux, server: srv, clock: clock}
}

// handle mounts h for method and a path relative to the company.
func (e *testEnv) handle(method, path string, h http.HandlerFunc) {
	e.mux.HandleFunc(method+" "+companyPath+path, h)
}

// serveFile answers with a testdata file and status.
func serveFile(t *testing.T, w http.ResponseWriter, status int, name string) {
	t.Helper()
	b := readTestdata(t, name)
	switch filepath.Ext(name) {
	case ".html":
		w.Header().Set("Content-Type", "text/html")
	case ".xml":
		w.Header().Set("Content-Type", "application/xml")
	default:
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	w.Write(b)
}

func readTestdata(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("read testdata: %v", err)
	}
	return b
}

// testQueryParams asserts the query parameters every request must carry
// plus want (a value of "" asserts absence).
func testQueryParams(t *testing.T, r *http.Request, want map[string]string) {
	t.Helper()
	q := r.URL.Query()
	if got := q.Get("minorversion"); got != "75" {
		t.Errorf("minorversion = %q, want 75", got)
	}
	for k, v := range want {
		if got := q.Get(k); got != v {
			t.Errorf("query param %s = %q, want %q", k, got, v)
		}
	}
}

// testJSONBody asserts that the request body equals want as JSON.
func testJSONBody(t *testing.T, r *http.Request, want string) {
	t.Helper()
	b, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	var got, exp any
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("request body is not JSON: %v\n%s", err, b)
	}
	if err := json.Unmarshal([]byte(want), &exp); err != nil {
		t.Fatalf("bad want JSON: %v", err)
	}
	if diff := cmp.Diff(exp, got); diff != "" {
		t.Errorf("request body mismatch (-want +got):\n%s", diff)
	}
}

// mustDecimal parses a decimal literal or fails the test.
func mustDecimal(t *testing.T, s string) Decimal {
	t.Helper()
	d, err := ParseDecimal(s)
	if err != nil {
		t.Fatalf("ParseDecimal(%q): %v", s, err)
	}
	return d
}

func mustDateTime(t *testing.T, s string) DateTime {
	t.Helper()
	d, err := ParseDateTime(s)
	if err != nil {
		t.Fatalf("ParseDateTime(%q): %v", s, err)
	}
	return d
}

// failingTokens is a token source whose refresh was refused.
type failingTokens struct{}

func (failingTokens) Token() (*oauth2.Token, error) {
	return nil, &oauth2.RetrieveError{ErrorCode: "invalid_grant", ErrorDescription: "Token invalid"}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }
