package quickbooks_test

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"testing"
	"time"

	"ledgerlink/backend/connect"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo"
	"ledgerlink/backend/qbo/sandbox"
	"ledgerlink/backend/quickbooks"
	"ledgerlink/backend/sqlite"
	"ledgerlink/internal/testkit"
)

// firm is Ledgerlink as a launch opens it on one database: the store, a
// log file beside it, and the session, pointed at a sandbox standing in for
// an Intuit company through the endpoint overrides.
type firm struct {
	t       *testing.T
	path    string
	sb      *testkit.Sandbox
	session *quickbooks.Session
	changes chan quickbooks.Status
	close   func()
}

// overrides point the session at sb as if it were Intuit's sandbox.
func overrides(sb *testkit.Sandbox) quickbooks.Overrides {
	var o quickbooks.Overrides
	for field, v := range map[string]string{"environment": string(connect.IntuitSandbox), "apiBase": sb.URL,
		"authUrl": sb.URL + "/connect/oauth2", "tokenUrl": sb.URL + "/oauth2/v1/tokens/bearer",
		"revokeUrl": sb.URL + "/v2/oauth2/tokens/revoke", "clientId": sb.ClientID, "redirectUri": sb.RedirectURI} {
		o.Set(field, v, "test")
	}
	return o
}

// startSandbox is the stand-in company; access tokens last accessTTL.
func startSandbox(t *testing.T, accessTTL time.Duration, opts ...func(*sandbox.Options)) *testkit.Sandbox {
	t.Helper()
	testkit.RequireKeychain(t)
	return testkit.StartSandbox(t, append([]func(*sandbox.Options){func(o *sandbox.Options) {
		o.Company, o.AccessTokenTTL = "demo", accessTTL
	}}, opts...)...)
}

// open opens the firm's database at path and a session on it.
func open(t *testing.T, path string, sb *testkit.Sandbox, mods ...func(*quickbooks.Config)) *firm {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	logFile, err := os.OpenFile(filepath.Join(filepath.Dir(path), "ledgerlink.log"), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	f := &firm{t: t, path: path, sb: sb, changes: make(chan quickbooks.Status, 64)}
	cfg := quickbooks.Config{
		Settings:     sqlite.NewSettingService(db),
		Connections:  sqlite.NewQBOConnectionService(db),
		Overrides:    overrides(sb),
		SandboxState: quickbooks.SandboxStateFile(path),
		OnChange:     func(st quickbooks.Status) { f.changes <- st },
		// Retries of failing answers wait milliseconds, not seconds.
		Retry: qbo.RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 10 * time.Millisecond},
		Log:   slog.New(slog.NewTextHandler(logFile, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
	for _, m := range mods {
		m(&cfg)
	}
	f.session = quickbooks.New(cfg)
	closed := false
	f.close = func() {
		if !closed {
			closed = true
			f.session.Close()
			db.Close()
			logFile.Close()
		}
	}
	t.Cleanup(f.close)
	return f
}

// firmWithApp opens a new firm on a sandbox whose access tokens last an
// hour, with the sandbox's Intuit app entered in Settings.
func firmWithApp(t *testing.T, mods ...func(*quickbooks.Config)) (*testkit.Sandbox, *firm) {
	t.Helper()
	sb := startSandbox(t, time.Hour)
	f := open(t, filepath.Join(t.TempDir(), "l.db"), sb, mods...)
	f.saveApp()
	return sb, f
}

// saveApp enters the sandbox's Intuit app, secret included, in Settings.
func (f *firm) saveApp() {
	f.t.Helper()
	if _, err := f.session.SaveAppSettings(context.Background(), quickbooks.AppSettingsInput{Environment: connect.IntuitSandbox,
		ClientID: f.sb.ClientID, ClientSecret: f.sb.ClientSecret, RedirectURI: f.sb.RedirectURI}); err != nil {
		f.t.Fatal(err)
	}
}

// waitFor returns the first status change in state, failing on any other
// state but connecting.
func (f *firm) waitFor(state practice.ConnectionState) quickbooks.Status {
	f.t.Helper()
	return testkit.Await(f.t, f.changes, fmt.Sprintf("%q status", state),
		func(st quickbooks.Status) bool { return st.State == state },
		func(st quickbooks.Status) bool { return st.State != practice.Connecting })
}

// drain forgets the status changes seen so far.
func (f *firm) drain() {
	for {
		select {
		case <-f.changes:
		default:
			return
		}
	}
}

// connect signs in as a person would: Connect, then Connect on the consent
// page, then the answer on the loopback listener; it returns the status
// the sign-in ends in.
func (f *firm) connect(want practice.ConnectionState) quickbooks.Status {
	f.t.Helper()
	f.drain() // only what this sign-in causes counts
	start, err := f.session.Connect(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	if start.NeedsPaste || start.OpenedBrowser {
		f.t.Fatalf("start = %+v; a loopback redirect needs no paste, and no browser opener was given", start)
	}
	testkit.Approve(f.t, start.AuthURL)
	return f.waitFor(want)
}
