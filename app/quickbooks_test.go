package app_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"ledgerlink/app"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo/sandbox"
	"ledgerlink/backend/sqlite"
)

// These tests use the real OS keychain. Run them as `make test` does:
// scripts/with-session go test ./app/ (a private D-Bus session with an
// unlocked gnome-keyring).
func requireKeychain(t *testing.T) {
	t.Helper()
	if err := keyring.Set("Ledgerlink-test", "probe", "x"); err != nil {
		t.Fatalf("no usable OS keychain (%v): run under scripts/with-session, as make test does", err)
	}
	keyring.Delete("Ledgerlink-test", "probe")
}

// qboWorld is a QBO-compatible sandbox on real HTTP that records every
// token it hands out and counts the API calls it answers.
type qboWorld struct {
	srv      *sandbox.Server
	ts       *httptest.Server
	redirect string
	secret   string
	apiCalls atomic.Int64

	mu     sync.Mutex
	issued []string // every token and code seen on the wire
}

func newQBOWorld(t *testing.T, accessTTL time.Duration) *qboWorld {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	w := &qboWorld{redirect: "http://127.0.0.1:" + strconv.Itoa(port) + "/callback", secret: "s3cret-" + rand.Text()}
	w.srv, err = sandbox.New(sandbox.Options{Company: "demo", ClientID: "firm-app", ClientSecret: w.secret,
		RedirectURIs: []string{w.redirect}, AccessTokenTTL: accessTTL, RefreshGrace: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	w.ts = httptest.NewServer(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/v3/") {
			w.apiCalls.Add(1)
		}
		if r.URL.Path != "/oauth2/v1/tokens/bearer" {
			w.srv.Handler().ServeHTTP(rw, r)
			return
		}
		rec := httptest.NewRecorder()
		w.srv.Handler().ServeHTTP(rec, r)
		var tok struct{ AccessToken, RefreshToken string }
		json.Unmarshal(rec.Body.Bytes(), &struct {
			A *string `json:"access_token"`
			R *string `json:"refresh_token"`
		}{&tok.AccessToken, &tok.RefreshToken})
		w.remember(tok.AccessToken, tok.RefreshToken)
		for k, v := range rec.Header() {
			rw.Header()[k] = v
		}
		rw.WriteHeader(rec.Code)
		rw.Write(rec.Body.Bytes())
	}))
	t.Cleanup(w.ts.Close)
	return w
}

func (w *qboWorld) remember(vals ...string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for _, v := range vals {
		if v != "" {
			w.issued = append(w.issued, v)
		}
	}
}

func (w *qboWorld) overrides() app.QBOOverrides {
	var o app.QBOOverrides
	o.Set("environment", "intuit-sandbox", "test")
	o.Set("apiBase", w.ts.URL, "test")
	o.Set("authUrl", w.ts.URL+"/connect/oauth2", "test")
	o.Set("tokenUrl", w.ts.URL+"/oauth2/v1/tokens/bearer", "test")
	o.Set("revokeUrl", w.ts.URL+"/v2/oauth2/tokens/revoke", "test")
	o.Set("clientId", "firm-app", "test")
	o.Set("redirectUri", w.redirect, "test")
	return o
}

// approve plays the person at the consent page: open the authorization
// URL, press Connect, follow the redirect to Ledgerlink's loopback listener.
func (w *qboWorld) approve(t *testing.T, authURL, decision string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	browser := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	res, err := browser.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	fields := hiddenFields(t, res.Body)
	res.Body.Close()
	fields.Set("decision", decision)
	browser.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		if code := req.URL.Query().Get("code"); code != "" {
			w.remember(code)
		}
		return nil
	}
	res, err = browser.PostForm(w.ts.URL+"/connect/oauth2", fields)
	if err != nil {
		t.Fatalf("consent: %v", err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
}

var hiddenInput = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

// hiddenFields reads the consent form's hidden fields.
func hiddenFields(t *testing.T, r io.Reader) url.Values {
	t.Helper()
	b, _ := io.ReadAll(r)
	v := url.Values{}
	for _, m := range hiddenInput.FindAllStringSubmatch(string(b), -1) {
		v.Set(m[1], html.UnescapeString(m[2]))
	}
	if len(v) == 0 {
		t.Fatalf("the consent page has no form fields:\n%s", b)
	}
	return v
}

// statusEvents collects the QuickBooks status events the app sends.
type statusEvents struct{ c chan app.ConnectionStatus }

func (e statusEvents) Emit(name string, data any) {
	if st, ok := data.(app.ConnectionStatus); ok && name == app.EventQuickBooksStatus {
		e.c <- st
	}
}

func (e statusEvents) waitFor(t *testing.T, state string) app.ConnectionStatus {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		select {
		case st := <-e.c:
			if st.State == state {
				return st
			}
			if st.State != "connecting" {
				t.Fatalf("status %q (%s), want %q", st.State, st.Reason, state)
			}
		case <-deadline:
			t.Fatalf("no %q status within 15 s", state)
		}
	}
}

// openApp opens the app on the database at path, as a launch would.
func openApp(t *testing.T, path string, o app.QBOOverrides) (*app.App, statusEvents, func()) {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	log, logFile, err := app.OpenLog(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	ev := statusEvents{c: make(chan app.ConnectionStatus, 64)}
	a := app.New(context.Background(), app.Config{DB: db, Events: ev, Log: log, QuickBooks: app.QuickBooksConfig{Overrides: o}})
	return a, ev, func() { a.Close(); db.Close(); logFile.Close() }
}

func (e statusEvents) drain() {
	for {
		select {
		case <-e.c:
		default:
			return
		}
	}
}

func connectApp(t *testing.T, w *qboWorld, a *app.App, ev statusEvents) app.ConnectionStatus {
	t.Helper()
	ev.drain() // only what this sign-in causes counts
	start, err := a.QuickBooks.Connect()
	if err != nil {
		t.Fatal(err)
	}
	if start.NeedsPaste || start.OpenedBrowser {
		t.Fatalf("start = %+v; a loopback redirect needs no paste, and no browser opener was given", start)
	}
	w.approve(t, start.AuthURL, "connect")
	return ev.waitFor(t, "connected")
}

func TestQuickBooks_FullCycle_RefreshReconnectRestart_NoSecretsOnDisk(t *testing.T) {
	requireKeychain(t)
	w := newQBOWorld(t, 2*time.Second) // every call refreshes: expires_in is inside oauth2's margin
	dir := t.TempDir()
	path := filepath.Join(dir, "ledgerlink.db")

	a, ev, closeApp := openApp(t, path, w.overrides())
	if _, err := a.QuickBooks.SaveAppSettings(app.QBOAppSettingsInput{Environment: "intuit-sandbox", ClientID: "firm-app",
		ClientSecret: w.secret, RedirectURI: w.redirect}); err != nil {
		t.Fatal(err)
	}
	st := connectApp(t, w, a, ev)
	if st.CompanyName == "" || st.RealmID != sandbox.DefaultRealmID || st.DaysLeft < 99 {
		t.Fatalf("connected status = %+v", st)
	}

	// An expired access token is refreshed without the user noticing.
	for range 3 {
		if st, err := a.QuickBooks.Check(); err != nil || st.State != "connected" {
			t.Fatalf("Check with an expired access token: %+v, %v", st, err)
		}
	}

	// A 401 once (an access token ended early) costs a refresh, not the
	// connection.
	w.srv.InjectFault(sandbox.FaultRule{Path: "/v3/company/*", Kind: sandbox.FaultUnauthorized, Count: 1})
	if st, err := a.QuickBooks.Check(); err != nil || st.State != "connected" {
		t.Fatalf("after one 401: %+v, %v; want still connected", st, err)
	}

	// The sign-in is revoked on Intuit's side: the app says Reconnect, and
	// calls to QuickBooks pause (none is sent) until it is.
	w.srv.RevokeAll()
	st, err := a.QuickBooks.Check()
	if err != nil || st.State != "needs_reconnect" || st.Reason == "" {
		t.Fatalf("after revocation: %+v, %v; want needs_reconnect with a reason", st, err)
	}
	before := w.apiCalls.Load()
	if st, _ := a.QuickBooks.Check(); st.State != "needs_reconnect" {
		t.Fatalf("second check: %q", st.State)
	}
	if after := w.apiCalls.Load(); after != before {
		t.Fatalf("%d calls reached QuickBooks while the connection needed reconnecting", after-before)
	}

	// Reconnect, and calls work again.
	connectApp(t, w, a, ev)
	if st, err := a.QuickBooks.Check(); err != nil || st.State != "connected" {
		t.Fatalf("after reconnect: %+v, %v", st, err)
	}
	rotated := keychainGrant(t, path)
	closeApp()

	// A restart reads the rotated token back from the keychain.
	a, _, closeApp = openApp(t, path, w.overrides())
	if st, err := a.QuickBooks.Check(); err != nil || st.State != "connected" {
		t.Fatalf("after restart: %+v, %v", st, err)
	}
	if keychainGrant(t, path) == rotated {
		t.Fatal("the refresh after restart did not rotate the stored token (or it was not saved)")
	}

	// Disconnect revokes and forgets.
	if err := a.QuickBooks.Disconnect(); err != nil {
		t.Fatal(err)
	}
	if st, _ := a.QuickBooks.Status(); st.State != "disconnected" {
		t.Fatalf("after disconnect: %q", st.State)
	}
	if _, err := keyring.Get("Ledgerlink", "quickbooks:"+installID(t, path)); !errors.Is(err, keyring.ErrNotFound) {
		t.Fatalf("the keychain still holds the connection after Disconnect: %v", err)
	}

	// Nothing secret reached the database, its WAL or the log: looked at
	// while the app is open (the WAL exists) and after it closed.
	w.mu.Lock()
	secrets := append([]string{w.secret}, w.issued...)
	w.mu.Unlock()
	if len(secrets) < 6 {
		t.Fatalf("only %d tokens were seen; the cycle did not run", len(secrets))
	}
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Fatalf("the WAL should exist while the app is open: %v", err)
	}
	scanForSecrets(t, dir, secrets)
	closeApp()
	scanForSecrets(t, dir, secrets)
}

// scanForSecrets fails if any file in dir holds any of secrets.
func scanForSecrets(t *testing.T, dir string, secrets []string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s contains a secret or token (%d bytes long)", filepath.Base(f), len(s))
			}
		}
	}
	t.Logf("scanned %d files (%v) for %d secrets and tokens", len(files), baseNames(files), len(secrets))
}

func baseNames(paths []string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = filepath.Base(p)
	}
	return out
}

func TestQuickBooks_AccessDeniedIsExplained(t *testing.T) {
	requireKeychain(t)
	w := newQBOWorld(t, time.Hour)
	a, ev, closeApp := openApp(t, filepath.Join(t.TempDir(), "l.db"), w.overrides())
	defer closeApp()
	a.QuickBooks.SaveAppSettings(app.QBOAppSettingsInput{Environment: "intuit-sandbox", ClientID: "firm-app", ClientSecret: w.secret, RedirectURI: w.redirect})
	start, err := a.QuickBooks.Connect()
	if err != nil {
		t.Fatal(err)
	}
	w.approve(t, start.AuthURL, "deny")
	st := ev.waitFor(t, "disconnected")
	if !strings.Contains(st.Reason, "not allowed") {
		t.Fatalf("reason = %q; want the refusal explained", st.Reason)
	}
}

func TestQuickBooks_SaveAppSettings_SecretOnlyInKeychain(t *testing.T) {
	requireKeychain(t)
	path := filepath.Join(t.TempDir(), "l.db")
	a, _, closeApp := openApp(t, path, app.QBOOverrides{})
	_, err := a.QuickBooks.SaveAppSettings(app.QBOAppSettingsInput{Environment: "intuit-production", ClientID: "prod-id",
		ClientSecret: "prod-secret-value-123", RedirectURI: "http://localhost:8765/callback"})
	if practice.ErrorFields(err)["redirectUri"] == "" {
		t.Fatalf("production with an http redirect URI: %v; want the redirect URI refused", err)
	}
	s, err := a.QuickBooks.SaveAppSettings(app.QBOAppSettingsInput{Environment: "intuit-production", ClientID: "prod-id",
		ClientSecret: "prod-secret-value-123", RedirectURI: "https://firm.example/qbo/callback"})
	if err != nil || !s.HasSecret || s.ClientID != "prod-id" {
		t.Fatalf("save: %+v, %v", s, err)
	}
	closeApp()
	b, _ := os.ReadFile(path)
	wal, _ := os.ReadFile(path + "-wal")
	if bytes.Contains(append(b, wal...), []byte("prod-secret-value-123")) {
		t.Fatal("the client secret was written to the database")
	}
	if v, err := keyring.Get("Ledgerlink", "intuit-client-secret:"+installID(t, path)); err != nil || v != "prod-secret-value-123" {
		t.Fatalf("keychain secret = %q, %v", v, err)
	}
}

func keychainGrant(t *testing.T, path string) string {
	t.Helper()
	v, err := keyring.Get("Ledgerlink", "quickbooks:"+installID(t, path))
	if err != nil {
		t.Fatalf("keychain: %v", err)
	}
	var g struct {
		RefreshToken string `json:"refreshToken"`
	}
	if err := json.Unmarshal([]byte(v), &g); err != nil || g.RefreshToken == "" {
		t.Fatalf("keychain item holds no refresh token: %v", err)
	}
	return g.RefreshToken
}

// installID reads the database's install id read-only, as the app may
// hold the database open.
func installID(t *testing.T, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id string
	if err := db.QueryRow(`SELECT value FROM settings WHERE key = 'install_id'`).Scan(&id); err != nil {
		t.Fatalf("install id: %v", err)
	}
	return id
}
