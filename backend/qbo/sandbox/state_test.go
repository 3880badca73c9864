package sandbox

import (
	"bytes"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"ledgerlink/internal/testkit/fakeclock"
)

func TestState_SurvivesARestart(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "sandbox.json")
	clock := fakeclock.New(testStart)
	start := func() (*Server, *httptest.Server) {
		srv, err := New(Options{StateFile: file, Now: clock.Now, Limits: Limits{Off: true}, Country: "CA"})
		if err != nil {
			t.Fatal(err)
		}
		return srv, httptest.NewServer(srv.Handler())
	}

	srv, ts := start()
	e := &env{t: t, srv: srv, ts: ts, clock: clock}
	tok := srv.IssueTokens()
	e.token, e.realm = tok.AccessToken, tok.RealmID
	cust := e.newCustomer("Persistent Person")
	s1, created := e.rawBody("POST", "customer?requestid=keep-me", map[string]any{"DisplayName": "Replayed After Restart"})
	e.admin("POST", "clock", map[string]any{"advance": "30m"})
	e.admin("POST", "closing-date", map[string]any{"date": "2026-02-28"})
	e.admin("POST", "settings", map[string]any{"warnDuplicateDocNumbers": false}) // on in the demo company
	inv := e.mustCreate("Invoice", nonUSInvoice(cust, "", salesLine(e.itemID("Advisory"), "1", "19.99", "19.99", e.codeID("GST"))))
	ts.Close()
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}

	info, err := os.Stat(file)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o600 {
		t.Errorf("state file mode %v, want 0600", info.Mode().Perm())
	}
	if leftovers, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(leftovers) > 0 {
		t.Errorf("temporary files left behind: %v", leftovers)
	}

	srv, ts = start()
	defer func() { ts.Close(); srv.Close() }()
	e.srv, e.ts = srv, ts
	if got := e.read("customer", cust); str(got["DisplayName"]) != "Persistent Person" {
		t.Errorf("customer after restart: %v", got)
	}
	if got := e.read("invoice", str(inv["Id"])); str(got["TotalAmt"]) != "20.99" {
		t.Errorf("invoice after restart: TotalAmt %v (exact amounts must survive)", got["TotalAmt"])
	}
	s2, again := e.rawBody("POST", "customer?requestid=keep-me", map[string]any{"DisplayName": "Replayed After Restart"})
	if s1 != 200 || s2 != 200 || !bytes.Equal(created, again) {
		t.Errorf("requestid replay after restart: %d %s / %d %s", s1, created, s2, again)
	}
	if _, m := e.admin("GET", "clock", nil); m["offset"] != (30 * time.Minute).String() {
		t.Errorf("clock offset after restart: %v", m)
	}
	if d := str(obj(e.read("preferences", "")["AccountingInfoPrefs"])["BookCloseDate"]); d != "2026-02-28" {
		t.Errorf("closing date after restart: %q", d)
	}
	if srv.CompanySettings().WarnDuplicateDocNumbers {
		t.Errorf("company settings lost in the restart")
	}
}

func TestState_UnreadableFileIsAnError(t *testing.T) {
	file := filepath.Join(t.TempDir(), "state.json")
	if err := os.WriteFile(file, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := New(Options{StateFile: file}); err == nil {
		t.Fatal("New accepted a corrupt state file")
	}
}

func TestState_UnwritableFileIsAnErrorAtStart(t *testing.T) {
	file := filepath.Join(t.TempDir(), "no-such-dir", "state.json")
	if _, err := New(Options{StateFile: file}); err == nil {
		t.Fatal("New accepted a state file it cannot write")
	}
}
