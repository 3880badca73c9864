package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"path/filepath"
	"strconv"
	"testing"

	"ledgerlink/backend/demo"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// verbJSON runs a verb with --json and decodes what it printed into v.
func verbJSON(t *testing.T, run func(context.Context, Build, []string, *bytes.Buffer) error, v any, args ...string) {
	t.Helper()
	var out bytes.Buffer
	if err := run(context.Background(), Build{}, append(args, "--json"), &out); err != nil {
		t.Fatalf("%v: %v\n%s", args, err, out.String())
	}
	if err := json.Unmarshal(out.Bytes(), v); err != nil {
		t.Fatalf("%v printed no JSON document (%v):\n%s", args, err, out.String())
	}
}

func jsonVerb(f func(context.Context, Build, []string, io.Writer) error) func(context.Context, Build, []string, *bytes.Buffer) error {
	return func(ctx context.Context, b Build, args []string, out *bytes.Buffer) error {
		return f(ctx, b, args, out)
	}
}

// The sync verbs, as a scheduled task would use them: connect, Sync Now,
// the duplicates and their resolution, the client list, Remove Match, the
// errors — each --json output one document with the documented fields.
func TestSyncVerbs_DemoCompany_JSONDocuments(t *testing.T) {
	sb := builtInSandbox(t)
	db := filepath.Join(t.TempDir(), "l.db")
	if out, err := connectVerbAt(t, sb, db); err != nil {
		t.Fatalf("connect: %v\n%s", err, out)
	}
	store, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	ptrs := demo.ContactsToStore()
	if err := sqlite.NewContactService(store).CreateContacts(context.Background(), ptrs); err != nil {
		t.Fatal(err)
	}
	store.Close()
	endpoints := []string{"--db", db, "--qbo-api-base", sb.URL, "--qbo-auth-url", sb.URL + "/connect/oauth2",
		"--qbo-token-url", sb.URL + "/oauth2/v1/tokens/bearer", "--qbo-revoke-url", sb.URL + "/v2/oauth2/tokens/revoke",
		"--qbo-redirect-uri", sb.RedirectURI}

	var dry struct {
		Run struct {
			DryRun bool `json:"dryRun"`
		} `json:"run"`
		Plan struct {
			Link       []json.RawMessage `json:"link"`
			Create     []json.RawMessage `json:"create"`
			Duplicates []json.RawMessage `json:"duplicates"`
		} `json:"plan"`
	}
	verbJSON(t, jsonVerb(runSync), &dry, append([]string{"--dry-run"}, endpoints...)...)
	if !dry.Run.DryRun || len(dry.Plan.Link) == 0 || len(dry.Plan.Create) == 0 || len(dry.Plan.Duplicates) == 0 {
		t.Fatalf("sync --dry-run --json = %+v", dry)
	}

	var synced struct {
		Run practice.SyncRun `json:"run"`
	}
	verbJSON(t, jsonVerb(runSync), &synced, endpoints...)
	if synced.Run.Status != practice.RunDone || synced.Run.Requests == 0 || synced.Run.Counts.Linked != len(dry.Plan.Link) {
		t.Fatalf("sync --json run = %+v", synced.Run)
	}

	var dups struct {
		Duplicates []practice.Duplicate `json:"duplicates"`
	}
	verbJSON(t, jsonVerb(runDuplicates), &dups, "--db", db)
	if len(dups.Duplicates) != len(dry.Plan.Duplicates) || len(dups.Duplicates[0].Candidates) == 0 {
		t.Fatalf("duplicates --json = %+v", dups)
	}
	first := dups.Duplicates[0]

	var resolved struct {
		Duplicate int64            `json:"duplicate"`
		Contact   practice.Contact `json:"contact"`
		Created   bool             `json:"created"`
	}
	verbJSON(t, jsonVerb(runResolve), &resolved, strconv.FormatInt(first.ID, 10), "--create", "--db", db)
	if !resolved.Created || resolved.Contact.ID == 0 {
		t.Fatalf("resolve --create --json = %+v", resolved)
	}

	var clients struct {
		Clients []practice.ClientLink `json:"clients"`
		Total   int                   `json:"total"`
	}
	verbJSON(t, jsonVerb(runClients), &clients, "--db", db, "--search", first.DisplayName)
	if clients.Total < 1 || clients.Clients[0].QBOID == "" {
		t.Fatalf("clients --json --search = %+v", clients)
	}

	var unmatched struct {
		ContactID int64 `json:"contactId"`
		Unmatched bool  `json:"unmatched"`
	}
	verbJSON(t, jsonVerb(runUnmatch), &unmatched, strconv.FormatInt(resolved.Contact.ID, 10), "--db", db)
	if !unmatched.Unmatched || unmatched.ContactID != resolved.Contact.ID {
		t.Fatalf("unmatch --json = %+v", unmatched)
	}

	var errs struct {
		Errors []practice.SyncError `json:"errors"`
	}
	verbJSON(t, jsonVerb(runErrors), &errs, "--db", db)
	if errs.Errors == nil {
		t.Fatalf("errors --json must hold an errors array, even an empty one")
	}
	var conflicts struct {
		Conflicts []practice.Conflict `json:"conflicts"`
	}
	verbJSON(t, jsonVerb(runConflicts), &conflicts, "--db", db)
	if conflicts.Conflicts == nil {
		t.Fatalf("conflicts --json must hold a conflicts array")
	}
}

// --demo fills an empty database with the demo firm's contacts, once: a
// database that has contacts is never touched.
func TestSeedDemo_OnlyIntoAnEmptyDatabase(t *testing.T) {
	path := filepath.Join(t.TempDir(), "l.db")
	n, err := seedDemoAt(context.Background(), path)
	if err != nil || n != len(demo.LocalContacts()) {
		t.Fatalf("first seed: %d, %v; want %d demo contacts", n, err, len(demo.LocalContacts()))
	}
	if n, err := seedDemoAt(context.Background(), path); err != nil || n != 0 {
		t.Fatalf("second seed: %d, %v; want nothing added to a database with contacts", n, err)
	}
}
