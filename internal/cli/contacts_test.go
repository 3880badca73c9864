package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// contactsDB makes a database file holding contacts, closed again so that
// a verb can open it, and returns its path.
func contactsDB(t *testing.T, list ...*practice.Contact) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "ledgerlink.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := sqlite.NewContactTypeService(db).CreateContactType(context.Background(), &practice.ContactType{Name: "Supplier"}); err != nil {
		t.Fatal(err)
	}
	for _, c := range list {
		c.TypeID = 1
	}
	if err := sqlite.NewContactService(db).CreateContacts(context.Background(), list); err != nil {
		t.Fatal(err)
	}
	return path
}

// runVerb runs `ledgerlink args…` as main does and returns its exit code
// and what it printed on stdout and stderr.
func runVerb(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(args, &stdout, &stderr, Build{Version: "test"})
	return code, stdout.String(), stderr.String()
}

func TestContactsVerb_ExportEditImport_JSON(t *testing.T) {
	db := contactsDB(t, &practice.Contact{Name: "Ada Lovelace", Phones: practice.Phones{Primary: "+64 9 555 0142"}},
		&practice.Contact{Name: "Grace Hopper"})
	file := filepath.Join(t.TempDir(), "contacts.csv")

	code, out, errOut := runVerb(t, "contacts", "export", file, "--db", db, "--json")
	if code != 0 {
		t.Fatalf("export exit %d: %s", code, errOut)
	}
	var exp struct {
		File     string `json:"file"`
		Contacts int    `json:"contacts"`
	}
	if err := json.Unmarshal([]byte(out), &exp); err != nil || exp.File != file || exp.Contacts != 2 {
		t.Fatalf("export printed %q (%v), want the file and 2 contacts", out, err)
	}

	text, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	grace := "Grace Hopper" + strings.Repeat(",", 16)
	if !strings.Contains(string(text), grace+"Client\n") || !strings.Contains(string(text), ",'+64 9 555 0142,") {
		t.Fatalf("export:\n%s\nwant Grace of type Client and Ada's phone behind a quote", text)
	}
	edited := strings.Replace(string(text), grace+"Client", grace+"supplier", 1) + ",,Alan Turing" + strings.Repeat(",", 16) + "\n"
	os.WriteFile(file, []byte(edited), 0o600)

	code, out, errOut = runVerb(t, "contacts", "import", "--json", "--db", db, file)
	if code != 0 {
		t.Fatalf("import exit %d: %s", code, errOut)
	}
	if strings.TrimSpace(out) != `{"created":1,"updated":1,"unchanged":1}` {
		t.Fatalf("import printed %q", out)
	}
}

func TestContactsVerb_BadRows_JSONListsEachAndExitsOne(t *testing.T) {
	db := contactsDB(t)
	file := filepath.Join(t.TempDir(), "in.csv")
	os.WriteFile(file, []byte("name,email\nAda,ada@example.com\n,nobody@example.com\nGrace,grace@\n"), 0o600)

	code, out, errOut := runVerb(t, "contacts", "import", file, "--db", db, "--json")
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	var doc struct {
		Errors []struct {
			Row     int    `json:"row"`
			Column  string `json:"column"`
			Problem string `json:"problem"`
		} `json:"errors"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("printed %q: %v", out, err)
	}
	if len(doc.Errors) != 2 || doc.Errors[0].Row != 3 || doc.Errors[0].Column != "name" ||
		doc.Errors[1].Row != 4 || doc.Errors[1].Column != "email" || doc.Errors[1].Problem == "" {
		t.Fatalf("errors = %+v, want row 3 name and row 4 email", doc.Errors)
	}
	if !strings.Contains(errOut, "2 rows could not be imported; nothing was changed.") {
		t.Fatalf("stderr = %q", errOut)
	}

	code, out, _ = runVerb(t, "contacts", "export", filepath.Join(t.TempDir(), "out.csv"), "--db", db, "--json")
	if code != 0 || !strings.Contains(out, `"contacts":0`) {
		t.Fatalf("after a refused import the export says %q (exit %d), want no contacts", out, code)
	}
}

func TestContactsVerb_Plain_SaysCountsAndListsProblems(t *testing.T) {
	db := contactsDB(t, &practice.Contact{Name: "Ada"})
	dir := t.TempDir()
	file := filepath.Join(dir, "contacts.csv")

	code, out, errOut := runVerb(t, "contacts", "export", "--db", db, file)
	if code != 0 || out != "Exported 1 contact to "+file+".\n" {
		t.Fatalf("export: exit %d, %q %q", code, out, errOut)
	}
	code, out, errOut = runVerb(t, "contacts", "import", "--db", db, file)
	if code != 0 || out != "Imported "+file+": 0 created, 0 updated, 1 unchanged.\n" {
		t.Fatalf("import: exit %d, %q %q", code, out, errOut)
	}

	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("name,telephone\nAda,1\n"), 0o600)
	code, out, errOut = runVerb(t, "contacts", "import", "--db", db, bad)
	want := "ledgerlink contacts: The file could not be read; nothing was changed.\n" +
		`  Row 1, telephone: "telephone" is not a column Ledgerlink knows.`
	if code != 1 || out != "" || !strings.HasPrefix(errOut, want) {
		t.Fatalf("import of a bad header: exit %d, stdout %q, stderr:\n%s\nwant it to start:\n%s", code, out, errOut, want)
	}
}

func TestContactsVerb_MissingFile_JSONSaysWhy(t *testing.T) {
	db := contactsDB(t)
	code, out, _ := runVerb(t, "contacts", "import", filepath.Join(t.TempDir(), "none.csv"), "--db", db, "--json")
	if code != 1 || !strings.Contains(out, `"row":0`) || !strings.Contains(out, "Cannot read") {
		t.Fatalf("exit %d, printed %q", code, out)
	}
}

func TestContactsVerb_Usage(t *testing.T) {
	for _, args := range [][]string{{"contacts"}, {"contacts", "merge"}, {"contacts", "export"}, {"contacts", "import", "a.csv", "b.csv"}} {
		if code, out, _ := runVerb(t, args...); code != 2 || !strings.Contains(out, "Usage") {
			t.Errorf("%q: exit %d, printed %q; want usage and exit 2", args, code, out)
		}
	}
	if code, out, _ := runVerb(t, "contacts", "--help"); code != 0 || !strings.Contains(out, "phone_primary") {
		t.Errorf("contacts --help: exit %d, printed %q", code, out)
	}
}
