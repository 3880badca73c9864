//go:build e2e

package e2e

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ledgerlink/internal/testkit"
)

func runVerb(t *testing.T, env []string, args ...string) string {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(cmd.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("ledgerlink %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestCLI_ConnectStatusDisconnect(t *testing.T) {
	db := filepath.Join(t.TempDir(), "cli.db")
	env := []string{fmt.Sprintf("LEDGERLINK_QBO_REDIRECT_URI=http://127.0.0.1:%d/callback", testkit.FreePort(t))}

	p := start(t, env, "connect", "--no-browser", "--db", db)
	first := <-p.lines
	if !strings.Contains(first, "/connect/oauth2?") {
		t.Fatalf("the first line of connect's output is %q, want the authorization address", first)
	}
	testkit.Approve(t, first)
	done := p.waitLine(t, "Connected to ", 20*time.Second)
	if !strings.Contains(done, "Ledgerlink Demo Company") {
		t.Fatalf("connect said %q", done)
	}
	select {
	case err := <-p.done:
		if err != nil {
			t.Fatalf("connect exited with %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("connect did not exit after connecting")
	}

	// A new process reads the connection back (the keychain and the database).
	var st struct {
		State, CompanyName, RealmID string
		DaysLeft                    int
	}
	if err := json.Unmarshal([]byte(runVerb(t, env, "status", "--json", "--db", db)), &st); err != nil {
		t.Fatal(err)
	}
	if st.State != "connected" || st.CompanyName == "" || st.RealmID == "" || st.DaysLeft < 99 {
		t.Fatalf("status --json = %+v", st)
	}
	if human := runVerb(t, env, "status", "--db", db); !strings.Contains(human, "QuickBooks Online: connected") || !strings.Contains(human, st.CompanyName) {
		t.Fatalf("status says:\n%s", human)
	}

	if out := runVerb(t, env, "disconnect", "--db", db); !strings.Contains(out, "Disconnected") {
		t.Fatalf("disconnect said %q", out)
	}
	if human := runVerb(t, env, "status", "--db", db); !strings.Contains(human, "not connected") {
		t.Fatalf("status after disconnect:\n%s", human)
	}
}
