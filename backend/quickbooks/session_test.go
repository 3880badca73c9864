package quickbooks_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ledgerlink/backend/connect"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo"
	"ledgerlink/backend/qbo/sandbox"
	"ledgerlink/backend/quickbooks"
	"ledgerlink/internal/testkit"
)

func TestSession_FullCycle_RefreshReconnectRestart_NoSecretsOnDisk(t *testing.T) {
	// Every call refreshes (an access token of 2 s is inside the renewal
	// margin), and every refresh rotates: the strictest case for saving.
	sb := startSandbox(t, 2*time.Second, func(o *sandbox.Options) { o.RotateEveryRefresh, o.RefreshGrace = true, time.Nanosecond })
	dir := t.TempDir()
	path := filepath.Join(dir, "ledgerlink.db")
	ctx := context.Background()

	f := open(t, path, sb)
	f.saveApp()
	st := f.connect(practice.Connected)
	if st.CompanyName == "" || st.RealmID != sandbox.DefaultRealmID || st.DaysLeft < 99 {
		t.Fatalf("connected status = %+v", st)
	}

	// An expired access token is refreshed without the accountant noticing.
	for range 3 {
		if st, err := f.session.Check(ctx); err != nil || st.State != practice.Connected {
			t.Fatalf("Check with an expired access token: %+v, %v", st, err)
		}
	}

	// A 401 once (an access token ended early) costs a refresh, not the
	// connection.
	sb.InjectFault(sandbox.FaultRule{Path: "/v3/company/*", Kind: sandbox.FaultUnauthorized, Count: 1})
	if st, err := f.session.Check(ctx); err != nil || st.State != practice.Connected {
		t.Fatalf("after one 401: %+v, %v; want still connected", st, err)
	}

	// The sign-in is revoked on Intuit's side: the session says Reconnect,
	// and calls to QuickBooks pause (none is sent) until it is.
	sb.RevokeAll()
	st, err := f.session.Check(ctx)
	if err != nil || st.State != practice.NeedsReconnect || st.Reason == "" {
		t.Fatalf("after revocation: %+v, %v; want needs_reconnect with a reason", st, err)
	}
	before := sb.APICalls.Load()
	if st, _ := f.session.Check(ctx); st.State != practice.NeedsReconnect {
		t.Fatalf("second check: %q", st.State)
	}
	if _, err := f.session.Client(ctx); practice.ErrorCode(err) != practice.EUNAUTHORIZED {
		t.Fatalf("Client while reconnect is needed: %v; want EUNAUTHORIZED", err)
	}
	if after := sb.APICalls.Load(); after != before {
		t.Fatalf("%d calls reached QuickBooks while the connection needed reconnecting", after-before)
	}

	// Reconnect, and calls work again.
	f.connect(practice.Connected)
	if st, err := f.session.Check(ctx); err != nil || st.State != practice.Connected {
		t.Fatalf("after reconnect: %+v, %v", st, err)
	}
	rotated := testkit.StoredRefreshToken(t, path)
	f.close()

	// A restart reads the rotated token back from the keychain.
	f = open(t, path, sb)
	if st, err := f.session.Check(ctx); err != nil || st.State != practice.Connected {
		t.Fatalf("after restart: %+v, %v", st, err)
	}
	if testkit.StoredRefreshToken(t, path) == rotated {
		t.Fatal("the refresh after restart did not rotate the stored token (or it was not saved)")
	}

	// Disconnect revokes and forgets.
	if err := f.session.Disconnect(ctx); err != nil {
		t.Fatal(err)
	}
	if st, _ := f.session.Status(ctx); st.State != practice.Disconnected {
		t.Fatalf("after disconnect: %q", st.State)
	}
	if !testkit.AppGrantGone(t, path) {
		t.Fatal("the keychain still holds the connection after Disconnect")
	}

	// Nothing secret reached the database, its WAL or the log: looked at
	// while the database is open (the WAL exists) and after it closed.
	secrets := sb.Secrets()
	if len(secrets) < 6 {
		t.Fatalf("only %d tokens were seen; the cycle did not run", len(secrets))
	}
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Fatalf("the WAL should exist while the database is open: %v", err)
	}
	testkit.ScanFiles(t, dir, secrets)
	f.close()
	testkit.ScanFiles(t, dir, secrets)
}

func TestSession_Client_ReadyForTheConnectedCompany(t *testing.T) {
	sb := startSandbox(t, time.Hour)
	f := open(t, filepath.Join(t.TempDir(), "l.db"), sb)
	ctx := context.Background()
	if _, err := f.session.Client(ctx); practice.ErrorCode(err) != practice.EINVALID || !strings.Contains(practice.ErrorMessage(err), "not connected") {
		t.Fatalf("Client before connecting: %v; want 'not connected' in plain words", err)
	}
	f.saveApp()
	f.connect(practice.Connected)
	c, err := f.session.Client(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n, err := c.Customers.Count(ctx, qbo.Query{})
	if err != nil || n == 0 {
		t.Fatalf("customers of the demo company: %d, %v", n, err)
	}
	if c.RealmID() != sandbox.DefaultRealmID {
		t.Fatalf("client for realm %s", c.RealmID())
	}
}

func TestSession_RefusedTwice_NeedsReconnectRecorded_CallsPause(t *testing.T) {
	sb := startSandbox(t, time.Hour)
	path := filepath.Join(t.TempDir(), "l.db")
	f := open(t, path, sb)
	ctx := context.Background()
	f.saveApp()
	f.connect(practice.Connected)
	c, err := f.session.Client(ctx)
	if err != nil {
		t.Fatal(err)
	}
	refreshes := sb.Refreshes.Load()
	// The company's admin removed the app: every call is refused, though
	// the refresh token still works.
	sb.InjectFault(sandbox.FaultRule{Path: "/v3/company/*", Kind: sandbox.FaultUnauthorized, Count: 100})
	f.drain()
	_, err = c.Customers.Count(ctx, qbo.Query{})
	if !qbo.IsAuthExpired(err) {
		t.Fatalf("a call refused twice: %v", err)
	}
	if n := sb.Refreshes.Load() - refreshes; n != 1 {
		t.Fatalf("%d refreshes; want exactly one between the two tries", n)
	}
	st := f.waitFor(practice.NeedsReconnect)
	if !strings.Contains(st.Reason, "no longer accepts") || !strings.Contains(st.Reason, "QuickBooks reference") {
		t.Fatalf("reason = %q; want it explained, with Intuit's reference", st.Reason)
	}
	calls := sb.APICalls.Load()
	if _, err := c.Customers.Count(ctx, qbo.Query{}); !strings.Contains(err.Error(), "Reconnect") {
		t.Fatalf("a call after needs-reconnect: %v; want it refused here, saying Reconnect", err)
	}
	if sb.APICalls.Load() != calls {
		t.Fatal("a call reached QuickBooks while the connection needed reconnecting")
	}
	f.close()
	// The state outlives the process.
	f = open(t, path, sb)
	if st, _ := f.session.Status(ctx); st.State != practice.NeedsReconnect {
		t.Fatalf("after a restart: %q; want needs_reconnect kept", st.State)
	}
}

func TestSession_FirstCallAfterSignIn_Refused_NeedsReconnect(t *testing.T) {
	sb, f := firmWithApp(t)
	sb.InjectFault(sandbox.FaultRule{Path: "/v3/company/*", Kind: sandbox.FaultUnauthorized, Count: 100})
	st := f.connect(practice.NeedsReconnect)
	if st.CompanyName != "" || !strings.Contains(st.Reason, "no longer accepts") {
		t.Fatalf("status = %+v; want needs_reconnect, explained, and no made-up company", st)
	}
}

func TestSession_FirstCallAfterSignIn_Fails_ConnectedAndSaysWhy(t *testing.T) {
	sb, f := firmWithApp(t)
	sb.InjectFault(sandbox.FaultRule{Path: "/v3/company/*/companyinfo/*", Kind: sandbox.FaultUnavailable, Count: 100})
	st := f.connect(practice.Connected)
	if st.CompanyName != "" || !strings.Contains(st.InfoProblem, "not answering properly") {
		t.Fatalf("status = %+v; want connected, with why the company's details are missing", st)
	}
	sb.ClearFaults()
	st, err := f.session.Check(context.Background())
	if err != nil || st.CompanyName == "" || st.InfoProblem != "" {
		t.Fatalf("Check once QuickBooks answers: %+v, %v; want the name, the problem gone", st, err)
	}
}

func TestSession_AccessDenied_Explained(t *testing.T) {
	_, f := firmWithApp(t)
	start, err := f.session.Connect(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	testkit.Consent(t, testkit.Browser(), start.AuthURL, "deny")
	st := f.waitFor(practice.Disconnected)
	if !strings.Contains(st.Reason, "not allowed") {
		t.Fatalf("reason = %q; want the refusal explained", st.Reason)
	}
}

func TestSession_StatusAnswersAtOnce_WhileQuickBooksIsSlow(t *testing.T) {
	sb, f := firmWithApp(t)
	f.connect(practice.Connected)
	ctx := context.Background()
	sb.InjectFault(sandbox.FaultRule{Path: "/v3/company/*", Kind: sandbox.FaultDelay, DelayMS: 3000, Count: 1})
	checked := make(chan error, 1)
	go func() { _, err := f.session.Check(ctx); checked <- err }()
	time.Sleep(300 * time.Millisecond) // the check is now waiting on QuickBooks
	began := time.Now()
	st, err := f.session.Status(ctx)
	if took := time.Since(began); err != nil || st.State != practice.Connected || took > time.Second {
		t.Fatalf("Status during a slow check: %+v, %v after %v; want it at once", st, err, took)
	}
	select {
	case err := <-checked:
		t.Fatalf("the check ended early (%v); the test did not overlap it", err)
	default:
	}
	if err := <-checked; err != nil {
		t.Fatal(err)
	}
}

func TestSession_SaveAppSettings_SecretOnlyInKeychain(t *testing.T) {
	testkit.RequireKeychain(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "l.db")
	sb := startSandbox(t, time.Hour)
	f := open(t, path, sb)
	ctx := context.Background()
	_, err := f.session.SaveAppSettings(ctx, quickbooks.AppSettingsInput{Environment: connect.IntuitProduction, ClientID: sb.ClientID,
		ClientSecret: "prod-secret-value-123", RedirectURI: "http://localhost:8765/callback"})
	if practice.ErrorFields(err)["redirectUri"] == "" {
		t.Fatalf("production with an http redirect URI: %v; want the redirect URI refused", err)
	}
	s, err := f.session.SaveAppSettings(ctx, quickbooks.AppSettingsInput{Environment: connect.IntuitProduction, ClientID: sb.ClientID,
		ClientSecret: "prod-secret-value-123", RedirectURI: "https://firm.example/qbo/callback"})
	if err != nil || !s.HasSecret || s.ClientID != sb.ClientID {
		t.Fatalf("save: %+v, %v", s, err)
	}
	if s.Overridden["environment"] != "Set by test." {
		t.Fatalf("overridden = %v; want the environment marked as fixed by the override", s.Overridden)
	}
	f.close()
	testkit.ScanFiles(t, dir, []string{"prod-secret-value-123"})
}

func TestSession_Disconnect_IntuitDown_StillConnectedAndSaysSo_ForgetStillWorks(t *testing.T) {
	sb, f := firmWithApp(t)
	f.connect(practice.Connected)
	ctx := context.Background()
	sb.SetRevokeHook(func(w http.ResponseWriter, r *http.Request) bool {
		w.WriteHeader(http.StatusServiceUnavailable)
		return true
	})
	err := f.session.Disconnect(ctx)
	if practice.ErrorCode(err) != practice.EUNAVAILABLE || !strings.HasPrefix(practice.ErrorMessage(err), "Ledgerlink is still connected to QuickBooks: ") {
		t.Fatalf("Disconnect with Intuit down: %v (%s); want 'still connected' as unavailable", err, practice.ErrorCode(err))
	}
	if st, _ := f.session.Status(ctx); st.State != practice.Connected || testkit.AppGrantGone(t, f.path) {
		t.Fatalf("after a failed disconnect: %q; want the connection kept, so that trying again can revoke", st.State)
	}
	if err := f.session.Forget(ctx); err != nil {
		t.Fatal(err)
	}
	if st, _ := f.session.Status(ctx); st.State != practice.Disconnected || !testkit.AppGrantGone(t, f.path) {
		t.Fatalf("after Forget: %q", st.State)
	}
}
