package app_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"ledgerlink/app"
	"ledgerlink/backend/connect"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/quickbooks"
	"ledgerlink/backend/sqlite"
	"ledgerlink/internal/testkit"
)

// statusEvents collects the QuickBooks status events the app sends.
type statusEvents struct{ c chan quickbooks.Status }

func (e statusEvents) Emit(name string, data any) {
	if st, ok := data.(quickbooks.Status); ok && name == app.EventQuickBooksStatus {
		e.c <- st
	}
}

func (e statusEvents) waitFor(t *testing.T, state practice.ConnectionState) quickbooks.Status {
	t.Helper()
	return testkit.Await(t, e.c, fmt.Sprintf("%q status event", state),
		func(st quickbooks.Status) bool { return st.State == state }, nil)
}

// The rules are the session's (backend/quickbooks, tested there); this
// checks that the bound service passes them on: calls, status events to
// the UI, and the log file beside the database free of secrets.
func TestQuickBooksService_ConnectCheckDisconnect_EventsAndLogWithoutSecrets(t *testing.T) {
	testkit.RequireKeychain(t)
	sb := testkit.StartSandbox(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "ledgerlink.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	log, logFile, err := app.OpenLog(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	var o quickbooks.Overrides
	for field, v := range map[string]string{"environment": string(connect.IntuitSandbox), "apiBase": sb.URL,
		"authUrl": sb.URL + "/connect/oauth2", "tokenUrl": sb.URL + "/oauth2/v1/tokens/bearer",
		"revokeUrl": sb.URL + "/v2/oauth2/tokens/revoke", "redirectUri": sb.RedirectURI} {
		o.Set(field, v, "test")
	}
	ev := statusEvents{c: make(chan quickbooks.Status, 64)}
	a := app.New(context.Background(), app.Config{DB: db, Events: ev, Log: log, QuickBooks: app.QuickBooksConfig{Overrides: o}})
	t.Cleanup(func() { a.Close(); db.Close(); logFile.Close() })

	if _, err := a.QuickBooks.SaveAppSettings(quickbooks.AppSettingsInput{Environment: connect.IntuitSandbox,
		ClientID: sb.ClientID, ClientSecret: sb.ClientSecret, RedirectURI: sb.RedirectURI}); err != nil {
		t.Fatal(err)
	}
	start, err := a.QuickBooks.Connect()
	if err != nil {
		t.Fatal(err)
	}
	ev.waitFor(t, practice.Connecting)
	testkit.Approve(t, start.AuthURL)
	if st := ev.waitFor(t, practice.Connected); st.CompanyName == "" {
		t.Fatalf("connected event without the company: %+v", st)
	}
	if st, err := a.QuickBooks.Check(); err != nil || st.State != practice.Connected {
		t.Fatalf("Check: %+v, %v", st, err)
	}
	if err := a.QuickBooks.Disconnect(); err != nil {
		t.Fatal(err)
	}
	ev.waitFor(t, practice.Disconnected)
	testkit.ScanFiles(t, dir, sb.Secrets())
}
