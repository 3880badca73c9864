package app_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"ledgerlink/app"
	"ledgerlink/backend/connect"
	"ledgerlink/backend/demo"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo"
	"ledgerlink/backend/quickbooks"
	"ledgerlink/backend/sqlite"
	"ledgerlink/backend/sync"
	"ledgerlink/internal/testkit"
)

// syncEvents collects what the Sync service tells the UI.
type syncEvents struct {
	status   chan quickbooks.Status
	finished chan app.SyncFinished
}

func (e syncEvents) Emit(name string, data any) {
	switch name {
	case app.EventQuickBooksStatus:
		e.status <- data.(quickbooks.Status)
	case app.EventSyncFinished:
		e.finished <- data.(app.SyncFinished)
	}
}

// connectedApp is an app on a database with the demo contacts, connected to
// the demo company of a sandbox; the interval of background sync is set.
func connectedApp(t *testing.T, interval int) (*app.App, syncEvents, *testkit.Sandbox) {
	t.Helper()
	testkit.RequireKeychain(t)
	sb := testkit.StartSandbox(t)
	path := filepath.Join(t.TempDir(), "ledgerlink.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	ptrs := demo.ContactsToStore()
	if err := sqlite.NewContactService(db).CreateContacts(context.Background(), ptrs); err != nil {
		t.Fatal(err)
	}
	var o quickbooks.Overrides
	for field, v := range map[string]string{"environment": string(connect.IntuitSandbox), "apiBase": sb.URL,
		"authUrl": sb.URL + "/connect/oauth2", "tokenUrl": sb.URL + "/oauth2/v1/tokens/bearer",
		"revokeUrl": sb.URL + "/v2/oauth2/tokens/revoke", "redirectUri": sb.RedirectURI} {
		o.Set(field, v, "test")
	}
	ev := syncEvents{status: make(chan quickbooks.Status, 64), finished: make(chan app.SyncFinished, 8)}
	a := app.New(context.Background(), app.Config{DB: db, Events: ev, QuickBooks: app.QuickBooksConfig{Overrides: o},
		LocalEditDelay: 300 * time.Millisecond})
	t.Cleanup(func() { a.Close(); db.Close() })
	if _, err := a.QuickBooks.SaveAppSettings(quickbooks.AppSettingsInput{Environment: connect.IntuitSandbox,
		ClientID: sb.ClientID, ClientSecret: sb.ClientSecret, RedirectURI: sb.RedirectURI}); err != nil {
		t.Fatal(err)
	}
	start, err := a.QuickBooks.Connect()
	if err != nil {
		t.Fatal(err)
	}
	testkit.Approve(t, start.AuthURL)
	testkit.Await(t, ev.status, "connected", func(st quickbooks.Status) bool { return st.State == practice.Connected }, nil)
	o2, err := a.Sync.Overview()
	if err != nil {
		t.Fatal(err)
	}
	set := o2.Settings
	set.IntervalMinutes = interval
	if _, err := a.Sync.SaveSettings(set); err != nil {
		t.Fatal(err)
	}
	return a, ev, sb
}

func waitFinished(t *testing.T, ev syncEvents, within time.Duration) app.SyncFinished {
	t.Helper()
	select {
	case f := <-ev.finished:
		if f.Error != nil {
			t.Fatalf("sync failed: %+v", f.Error)
		}
		return f
	case <-time.After(within):
		t.Fatalf("no sync finished within %s", within)
		return app.SyncFinished{}
	}
}

// customerEmail reads a customer's email as QuickBooks has it.
func customerEmail(t *testing.T, sb *testkit.Sandbox, name string) string {
	t.Helper()
	tok := sb.IssueTokens()
	c, err := qbo.NewClient(qbo.Config{BaseURL: sb.URL, RealmID: tok.RealmID, HTTPClient: sb.Client(),
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tok.AccessToken, TokenType: "Bearer"})})
	if err != nil {
		t.Fatal(err)
	}
	page, err := c.Customers.Query(context.Background(), qbo.Query{}.Where(qbo.Eq("DisplayName", name)))
	if err != nil || len(page) != 1 || page[0].PrimaryEmailAddr == nil {
		t.Fatalf("customer %q: %+v %v", name, page, err)
	}
	return page[0].PrimaryEmailAddr.Address
}

// editEmail changes a contact's email through the Contacts service, as the
// contact form does.
func editEmail(t *testing.T, a *app.App, name, email string) {
	t.Helper()
	page, err := a.Contacts.List(app.ContactQuery{Search: name})
	if err != nil || len(page.Rows) != 1 {
		t.Fatalf("contact %q: %+v %v", name, page, err)
	}
	c, err := a.Contacts.Get(page.Rows[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	c.Email = email
	if _, err := a.Contacts.Update(*c); err != nil {
		t.Fatal(err)
	}
}

// A contact edited in the app reaches its QuickBooks customer by itself,
// shortly after the edit (FEATURES 9: within a minute; here the delay is
// shortened for the test).
func TestSyncService_LocalEdit_SentByTheBackgroundSync(t *testing.T) {
	a, ev, sb := connectedApp(t, sync.DefaultInterval)
	if err := a.Sync.Start(app.StartOptions{}); err != nil {
		t.Fatal(err)
	}
	waitFinished(t, ev, 30*time.Second)
	editEmail(t, a, "Kaito Nakamura", "kaito@nakamura.example")
	f := waitFinished(t, ev, 30*time.Second)
	if f.Result == nil || f.Result.Run.Trigger != sync.TriggerBackground || f.Result.Run.Counts.UpdatedQBO != 1 {
		t.Fatalf("the run after the edit: %+v", f.Result)
	}
	if got := customerEmail(t, sb, "Kaito Nakamura"); got != "kaito@nakamura.example" {
		t.Errorf("QuickBooks has %q", got)
	}
}

// With background sync off (interval 0) an edit waits for Sync Now.
func TestSyncService_BackgroundOff_EditWaitsForSyncNow(t *testing.T) {
	a, ev, sb := connectedApp(t, 0)
	if err := a.Sync.Start(app.StartOptions{}); err != nil {
		t.Fatal(err)
	}
	waitFinished(t, ev, 30*time.Second)
	editEmail(t, a, "Kaito Nakamura", "kaito@nakamura.example")
	select {
	case f := <-ev.finished:
		t.Fatalf("a sync ran by itself with background sync off: %+v", f.Result.Run)
	case <-time.After(time.Second):
	}
	if got := customerEmail(t, sb, "Kaito Nakamura"); got == "kaito@nakamura.example" {
		t.Errorf("the edit reached QuickBooks without a sync")
	}
}
