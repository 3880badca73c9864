package sandbox

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"ledgerlink/internal/testkit/fakeclock"
)

// The app runs the sandbox in-process with its state file beside the
// user's database, and promises that tokens live only in the OS keychain:
// the file must hold nothing a client could present.
func TestState_HoldsNoUsableTokenOrCode_AfterOAuthExchangeAndRefresh(t *testing.T) {
	file := filepath.Join(t.TempDir(), "sandbox.json")
	// Every refresh rotates, so that the file has a retired token and its
	// sealed successor to keep.
	grace := func(o *Options) { o.StateFile, o.RefreshGrace, o.RotateEveryRefresh = file, 10*time.Minute, true }
	e := newEnv(t, grace)
	refresh := func(rt string) map[string]any {
		t.Helper()
		status, m := e.tokenCall(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}}, nil)
		if status != http.StatusOK {
			t.Fatalf("refresh: %d %v", status, m)
		}
		return m
	}

	cb := e.consent(url.Values{"code_challenge": {s256(verifier)}, "code_challenge_method": {"S256"}}, "connect")
	code := cb.Get("code")
	status, first := e.tokenCall(url.Values{"grant_type": {"authorization_code"}, "code": {code},
		"redirect_uri": {testRedirect}, "code_verifier": {verifier}}, nil)
	if status != http.StatusOK {
		t.Fatalf("exchange: %d %v", status, first)
	}
	second := refresh(str(first["refresh_token"]))
	pending := e.consent(nil, "connect").Get("code") // issued, never exchanged
	issued := e.srv.IssueTokens()
	secrets := map[string]string{
		"code": code, "pending code": pending,
		"first access token": str(first["access_token"]), "first refresh token": str(first["refresh_token"]),
		"second access token": str(second["access_token"]), "second refresh token": str(second["refresh_token"]),
		"IssueTokens access token": issued.AccessToken, "IssueTokens refresh token": issued.RefreshToken,
	}
	if err := e.srv.Close(); err != nil {
		t.Fatal(err)
	}

	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for what, secret := range secrets {
		if len(secret) < 20 {
			t.Fatalf("%s %q: too short to be a real token", what, secret)
		}
		if bytes.Contains(data, []byte(secret)) {
			t.Errorf("the state file holds the %s in usable form", what)
		}
		if what != "code" && !bytes.Contains(data, []byte(tokenKey(secret))) { // an exchanged code is forgotten
			t.Errorf("the state file lost the %s (its hash is missing)", what)
		}
	}

	if !bytes.Contains(data, []byte(`"next"`)) {
		t.Errorf("the retired refresh token's sealed successor is missing inside the grace period")
	}

	// What the file keeps is enough to go on after a restart.
	srv, err := New(Options{StateFile: file, Now: e.clock.Now, Limits: Limits{Off: true}, RefreshGrace: 10 * time.Minute, RotateEveryRefresh: true})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	e.srv, e.ts = srv, ts
	status, m := e.callWith("GET", "/v3/company/"+e.realm+"/companyinfo/"+e.realm, nil, str(second["access_token"]))
	if status != http.StatusOK {
		t.Fatalf("access token after restart: %d %v", status, m)
	}
	if got := refresh(str(first["refresh_token"])); str(got["refresh_token"]) != str(second["refresh_token"]) {
		t.Errorf("retired refresh token inside the grace period after restart answered %v, want the newest", got)
	}
	refresh(str(second["refresh_token"]))
	status, m = e.tokenCall(url.Values{"grant_type": {"authorization_code"}, "code": {pending}, "redirect_uri": {testRedirect}}, nil)
	if status != http.StatusOK {
		t.Errorf("pending code after restart: %d %v", status, m)
	}

	// Past the grace period a retired token opens nothing, not even with
	// the file in hand.
	e.clock.Advance(11 * time.Minute)
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	if data, err = os.ReadFile(file); err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(data, []byte(`"next"`)) {
		t.Errorf("after the grace period the state file still seals a successor for a retired refresh token")
	}
}

// A state file written before tokens were hashed keeps its connections and
// loses its usable tokens at the first start.
func TestState_Version1File_TokensHashedAtStart_AndStillWork(t *testing.T) {
	file := filepath.Join(t.TempDir(), "sandbox.json")
	co, err := seed("empty", "US", DefaultRealmID, testStart)
	if err != nil {
		t.Fatal(err)
	}
	const (
		access  = "eyJversion1-access-token-0123456789abcdef"
		current = "AB11version1-current-refresh-0123456789"
		retired = "AB11version1-retired-refresh-0123456789"
		code    = "AB11version1-pending-code-0123456789abc"
	)
	g := &grant{ID: "g1", ClientID: DefaultClientID, Realm: DefaultRealmID, Scope: accountingScope,
		Created: testStart.Add(-time.Hour), HardExpiry: testStart.Add(24 * time.Hour), Current: current}
	auth := &authState{
		Codes:  map[string]*authCode{code: {ClientID: DefaultClientID, RedirectURI: testRedirect, Scope: accountingScope, Realm: DefaultRealmID, Expires: testStart.Add(time.Minute)}},
		Grants: map[string]*grant{g.ID: g},
		Access: map[string]*accessToken{access: {Grant: g.ID, Expires: testStart.Add(time.Hour)}},
		Refresh: map[string]*refreshToken{
			current: {Grant: g.ID, Expires: testStart.Add(time.Hour)},
			retired: {Grant: g.ID, Expires: testStart.Add(time.Hour), Retired: testStart.Add(-time.Minute)},
		},
	}
	if err := os.WriteFile(file, encode(stateDoc{Version: 1, Company: co, Auth: auth}), 0o600); err != nil {
		t.Fatal(err)
	}

	clock := fakeclock.New(testStart)
	srv, err := New(Options{StateFile: file, Now: clock.Now, Limits: Limits{Off: true}})
	if err != nil {
		t.Fatalf("New with a version 1 state file: %v", err)
	}
	ts := httptest.NewServer(srv.Handler())
	e := &env{t: t, srv: srv, ts: ts, clock: clock, realm: DefaultRealmID}
	defer func() { ts.Close(); srv.Close() }()

	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for _, secret := range []string{access, current, retired, code} {
		if bytes.Contains(data, []byte(secret)) {
			t.Errorf("after the first start the state file still holds %q", secret)
		}
	}
	if status, m := e.callWith("GET", "/v3/company/"+e.realm+"/companyinfo/"+e.realm, nil, access); status != http.StatusOK {
		t.Errorf("version 1 access token: %d %v", status, m)
	}
	status, m := e.tokenCall(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {retired}}, nil)
	if status != http.StatusOK || str(m["refresh_token"]) != current {
		t.Errorf("version 1 retired refresh token inside the grace period: %d %v, want %s back", status, m, current)
	}
	if status, m := e.tokenCall(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {current}}, nil); status != http.StatusOK {
		t.Errorf("version 1 current refresh token: %d %v", status, m)
	}
}

// A version 2 file knew neither when a refresh token was issued nor the
// company's duplicate-number warning: both are filled in at start, so its
// connections behave as Intuit's do and its company as it did.
func TestState_Version2File_RefreshTokenAgeAndDuplicateWarningFilledIn(t *testing.T) {
	file := filepath.Join(t.TempDir(), "sandbox.json")
	co, err := seed("empty", "US", DefaultRealmID, testStart)
	if err != nil {
		t.Fatal(err)
	}
	co.WarnDuplicateDocNumbers = false // as a version 2 file has it: absent
	const (
		young = "AB11version2-young-refresh-0123456789ab"
		old   = "AB11version2-old-refresh-0123456789abcd"
	)
	ttl := 101 * 24 * time.Hour
	grant := func(id, tok string) *grant {
		return &grant{ID: id, ClientID: DefaultClientID, Realm: DefaultRealmID, Scope: accountingScope,
			Created: testStart.Add(-72 * time.Hour), HardExpiry: testStart.Add(1000 * time.Hour), Current: tokenKey(tok)}
	}
	auth := newAuthState()
	auth.Grants["g1"], auth.Grants["g2"] = grant("g1", young), grant("g2", old)
	// Issued an hour ago and three days ago: a version 2 sandbox set the
	// lifetime at issue.
	auth.Refresh[tokenKey(young)] = &refreshToken{Grant: "g1", Expires: testStart.Add(-time.Hour + ttl)}
	auth.Refresh[tokenKey(old)] = &refreshToken{Grant: "g2", Expires: testStart.Add(-72*time.Hour + ttl)}
	if err := os.WriteFile(file, encode(stateDoc{Version: 2, Company: co, Auth: auth}), 0o600); err != nil {
		t.Fatal(err)
	}

	clock := fakeclock.New(testStart)
	srv, err := New(Options{StateFile: file, Now: clock.Now, Limits: Limits{Off: true}})
	if err != nil {
		t.Fatalf("New with a version 2 state file: %v", err)
	}
	ts := httptest.NewServer(srv.Handler())
	e := &env{t: t, srv: srv, ts: ts, clock: clock, realm: DefaultRealmID}
	defer func() { ts.Close(); srv.Close() }()

	if status, m := e.refresh(young); status != http.StatusOK || str(m["refresh_token"]) != young {
		t.Errorf("a refresh token issued an hour before: %d %v, want it back", status, m)
	}
	if status, m := e.refresh(old); status != http.StatusOK || str(m["refresh_token"]) == old {
		t.Errorf("a refresh token issued three days before: %d %v, want a new one", status, m)
	}
	if !srv.CompanySettings().WarnDuplicateDocNumbers {
		t.Error("the company lost the duplicate-number check a version 2 sandbox made")
	}
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(data, []byte(`{"version":3,`)) {
		t.Errorf("state file not rewritten as version 3: %.40s", data)
	}
}
