//go:build conformance

package e2e

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The conformance tests drive the real binary's sandbox with QBO clients
// written by others, from npm: intuit-oauth (Intuit's OAuth client) and
// node-quickbooks. What they send, the sandbox must accept; what it
// answers, they must read as they read QuickBooks Online. The scripts are
// in node/test and use only node:test. Run:
//
//	go test -tags conformance ./e2e/
//
// LEDGERLINK_BIN names the binary, as for the other end-to-end tests.

// nodeDir is the npm project of the conformance scripts.
const nodeDir = "node"

// stampFile records the package-lock.json that node_modules was installed
// from, so that npm ci runs only when the lock file changed.
const stampFile = "node_modules/.ledgerlink-lock"

func TestConformance_NodeClientsWrittenByOthers_WorkAgainstTheSandbox(t *testing.T) {
	requireNode(t, 20)
	installNodeModules(t)
	plain := startSandbox(t, "--company", "demo", "--no-limits")
	throttled := startSandbox(t, "--company", "empty", "--per-second", "2", "--per-minute", "1000")

	scripts, err := filepath.Glob(filepath.Join(nodeDir, "test", "*.test.js"))
	if err != nil || len(scripts) == 0 {
		t.Fatalf("no conformance scripts in %s/test (%v)", nodeDir, err)
	}
	env := []string{
		"LEDGERLINK_SANDBOX_URL=" + plain,
		"LEDGERLINK_SANDBOX_THROTTLED_URL=" + throttled,
		// node-quickbooks puts changedSince into the CDC URL unencoded, so
		// the "+" of a zone east of UTC arrives as a space; the company's
		// own zone (negative offset) is what an accountant's machine sends.
		"TZ=America/Los_Angeles",
		"NO_COLOR=1",
	}
	for _, script := range scripts {
		name := strings.TrimSuffix(filepath.Base(script), ".test.js")
		t.Run(name, func(t *testing.T) {
			ctx := ctxTimeout(t, 2*time.Minute)
			cmd := exec.CommandContext(ctx, "node", "--test", "--test-reporter=spec", filepath.Join("test", filepath.Base(script)))
			cmd.Dir = nodeDir
			cmd.Env = append(os.Environ(), env...)
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("node --test %s: %v\n%s", filepath.Base(script), err, out)
			}
			t.Logf("%s", out)
		})
	}
}

// requireNode fails the test unless node of at least the major version is
// on the PATH.
func requireNode(t *testing.T, major int) {
	t.Helper()
	out, err := exec.Command("node", "--version").Output()
	if err != nil {
		t.Fatalf("node is not installed: the conformance tests need Node.js %d or later (%v)", major, err)
	}
	v := strings.TrimPrefix(strings.TrimSpace(string(out)), "v")
	got, err := strconv.Atoi(strings.SplitN(v, ".", 2)[0])
	if err != nil || got < major {
		t.Fatalf("node %s: the conformance tests need Node.js %d or later", v, major)
	}
}

// installNodeModules runs npm ci in nodeDir when node_modules is missing or
// was installed from another package-lock.json, as scripts/deps does for
// the frontend.
func installNodeModules(t *testing.T) {
	t.Helper()
	lock, err := os.ReadFile(filepath.Join(nodeDir, "package-lock.json"))
	if err != nil {
		t.Fatal(err)
	}
	stamp := filepath.Join(nodeDir, stampFile)
	if have, err := os.ReadFile(stamp); err == nil && bytes.Equal(have, lock) {
		return
	}
	start := time.Now()
	cmd := exec.CommandContext(ctxTimeout(t, 5*time.Minute), "npm", "ci", "--no-audit", "--no-fund")
	cmd.Dir = nodeDir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm ci in e2e/%s: %v\n%s", nodeDir, err, out)
	}
	if err := os.WriteFile(stamp, lock, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("npm ci in e2e/%s took %v", nodeDir, time.Since(start).Round(time.Millisecond))
}

// startSandbox runs "ledgerlink sandbox" on a free loopback port with args
// and returns its base URL (no trailing slash); it stops with the test.
func startSandbox(t *testing.T, args ...string) string {
	t.Helper()
	p := start(t, nil, append([]string{"sandbox", "--addr", "127.0.0.1:0"}, args...)...)
	line := p.waitLine(t, "serving on ", 30*time.Second)
	i := strings.Index(line, "http://")
	if i < 0 {
		t.Fatalf("no URL in %q", line)
	}
	return strings.TrimSuffix(line[i:], "/")
}
