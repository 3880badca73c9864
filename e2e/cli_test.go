//go:build e2e

package e2e

import (
	"encoding/json"
	"html"
	"io"
	"net/http"
	"net/url"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var hiddenInput = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

// approveOverHTTP does what a person does on the consent page, without a
// browser: load it, press Connect, follow the redirect to the app.
func approveOverHTTP(t *testing.T, authURL string) {
	t.Helper()
	client := &http.Client{Timeout: 10 * time.Second}
	res, err := client.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	form := url.Values{"decision": {"connect"}}
	for _, m := range hiddenInput.FindAllStringSubmatch(string(page), -1) {
		form.Set(m[1], html.UnescapeString(m[2]))
	}
	u, _ := url.Parse(authURL)
	res, err = client.PostForm(u.Scheme+"://"+u.Host+u.Path, form)
	if err != nil {
		t.Fatalf("consent: %v", err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(body), "Connected") {
		t.Fatalf("the callback page says:\n%s", body)
	}
}

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
	env := []string{"LEDGERLINK_QBO_REDIRECT_URI=http://127.0.0.1:" + freeLoopbackPort(t) + "/callback"}

	p := start(t, env, "connect", "--no-browser", "--db", db)
	first := <-p.lines
	if !strings.Contains(first, "/connect/oauth2?") {
		t.Fatalf("the first line of connect's output is %q, want the authorization address", first)
	}
	approveOverHTTP(t, first)
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
