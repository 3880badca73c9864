package cli

import (
	"bufio"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ledgerlink/backend/qbo/sandbox"
	"ledgerlink/internal/testkit"
)

// connectVerb runs `ledgerlink connect --no-browser` against sb (standing in
// for the built-in sandbox through the endpoint flags), approves the
// sign-in as a person would, and returns what the verb printed and its
// error.
func connectVerb(t *testing.T, sb *testkit.Sandbox) (string, error) {
	t.Helper()
	return connectVerbAt(t, sb, filepath.Join(t.TempDir(), "l.db"))
}

// connectVerbAt is connectVerb on the database at db.
func connectVerbAt(t *testing.T, sb *testkit.Sandbox, db string) (string, error) {
	t.Helper()
	args := []string{"--no-browser", "--db", db,
		"--qbo-api-base", sb.URL, "--qbo-auth-url", sb.URL + "/connect/oauth2",
		"--qbo-token-url", sb.URL + "/oauth2/v1/tokens/bearer", "--qbo-revoke-url", sb.URL + "/v2/oauth2/tokens/revoke",
		"--qbo-redirect-uri", sb.RedirectURI}
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- runConnect(context.Background(), Build{}, args, pw)
		pw.Close()
	}()
	r := bufio.NewReader(pr)
	authURL, err := r.ReadString('\n')
	if err != nil {
		t.Fatalf("connect printed no address: %v", err)
	}
	testkit.Approve(t, strings.TrimSpace(authURL))
	rest, _ := io.ReadAll(r)
	select {
	case err := <-done:
		return string(rest), err
	case <-time.After(20 * time.Second):
		t.Fatal("connect did not finish")
		return "", nil
	}
}

// builtInSandbox is a sandbox with the built-in one's app keys, so that the
// default environment signs in to it once its endpoints are overridden.
func builtInSandbox(t *testing.T) *testkit.Sandbox {
	testkit.RequireKeychain(t)
	return testkit.StartSandbox(t, func(o *sandbox.Options) {
		o.Company, o.ClientID, o.ClientSecret = "demo", sandbox.DefaultClientID, sandbox.DefaultClientSecret
	})
}

func TestConnectVerb_CompanyDetailsUnreadable_SaysSoAndPrintsNoEmptyName(t *testing.T) {
	sb := builtInSandbox(t)
	sb.InjectFault(sandbox.FaultRule{Path: "/v3/company/*/companyinfo/*", Kind: sandbox.FaultUnavailable, Count: 100})
	out, err := connectVerb(t, sb)
	if err != nil {
		t.Fatalf("connect: %v\n%s", err, out)
	}
	if strings.Contains(out, "Connected to  (") || !strings.Contains(out, "Connected to the QuickBooks company (company id "+sandbox.DefaultRealmID+")") {
		t.Fatalf("connect printed:\n%s\nwant no empty company name", out)
	}
	if !strings.Contains(out, "did not send the company's details yet") || !strings.Contains(out, "not answering properly") {
		t.Fatalf("connect printed:\n%s\nwant why the company's details are missing", out)
	}
}

func TestConnectVerb_FirstCallRefused_FailsSayingReconnect(t *testing.T) {
	sb := builtInSandbox(t)
	sb.InjectFault(sandbox.FaultRule{Path: "/v3/company/*", Kind: sandbox.FaultUnauthorized, Count: 100})
	out, err := connectVerb(t, sb)
	if err == nil || !strings.Contains(err.Error(), "no longer accepts") {
		t.Fatalf("connect: %v\n%s\nwant a failure saying QuickBooks refused the sign-in", err, out)
	}
	if strings.Contains(out, "Connected to") {
		t.Fatalf("connect printed %q after QuickBooks refused the sign-in", out)
	}
}
