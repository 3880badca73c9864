package cli

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/quickbooks"
	"ledgerlink/backend/sqlite"
	"ledgerlink/internal/testkit"
)

// hostileName is a company name as a hostile QuickBooks company could set
// it: retitle the terminal, clear it, turn text red, reverse what follows.
const hostileName = "Evil Co\x1b]0;pwned\x07\x1b[2J\x1b[31m red \u202etxt.exe\u009b"

func TestStatus_PlainText_ShowsControlCharactersEscaped(t *testing.T) {
	var out strings.Builder
	connected := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	printStatus(&out, quickbooks.Status{State: practice.Connected, CompanyName: hostileName, RealmID: "9341\x1b[1A",
		ConnectedAt: &connected, Reason: "QuickBooks said:\x07 no"})
	got := out.String()
	for _, bad := range []string{"\x1b", "\x07", "\u202e", "\u009b"} {
		if strings.Contains(got, bad) {
			t.Fatalf("plain output holds %q raw:\n%s", bad, got)
		}
	}
	for _, want := range []string{`Evil Co\x1b]0;pwned\a\x1b[2J\x1b[31m red \u202etxt.exe\u009b`, `9341\x1b[1A`} {
		if !strings.Contains(got, want) {
			t.Errorf("plain output lacks %q (the text, escaped):\n%s", want, got)
		}
	}
	if strings.Count(got, "\n") != 5 {
		t.Errorf("want one line per field:\n%s", got)
	}
}

func TestStatus_JSON_KeepsTheNameExact(t *testing.T) {
	testkit.RequireKeychain(t)
	path := filepath.Join(t.TempDir(), "l.db")
	db := testkit.OpenDBAt(t, path)
	ctx := context.Background()
	conn := &practice.QBOConnection{Environment: "embedded", RealmID: "9341453050012345", CompanyName: hostileName,
		State: practice.Connected, ConnectedAt: time.Now()}
	if err := db.Update(ctx, func(tx *sqlite.Tx) error { return tx.SaveQBOConnection(ctx, conn) }); err != nil {
		t.Fatal(err)
	}
	db.Close()
	var out strings.Builder
	if err := runStatus(ctx, Build{}, []string{"--db", path, "--json"}, &out); err != nil {
		t.Fatal(err)
	}
	var st quickbooks.Status
	if err := json.Unmarshal([]byte(out.String()), &st); err != nil {
		t.Fatalf("status --json is not JSON: %v\n%s", err, out.String())
	}
	if st.CompanyName != hostileName {
		t.Fatalf("companyName = %q; want the exact text %q", st.CompanyName, hostileName)
	}
	if strings.Contains(out.String(), "\x1b") {
		t.Fatal("JSON output holds a raw ESC (JSON escapes control characters)")
	}
}

func TestPrintableLines_KeepsLineBreaks(t *testing.T) {
	if got := printableLines("no display\nUse browser mode\x1b[2J"); got != `no display`+"\n"+`Use browser mode\x1b[2J` {
		t.Fatalf("got %q", got)
	}
}
