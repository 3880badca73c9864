//go:build e2e || smoke || conformance

package e2e

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"ledgerlink/internal/testkit"
)

// bin is the ledgerlink binary under test.
var bin string

func TestMain(m *testing.M) {
	code, err := setup(m)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		os.Exit(1)
	}
	os.Exit(code)
}

// needsUI is set by the tests that drive the UI (browser and desktop); the
// conformance tests only run the sandbox verb, which any build has.
var needsUI bool

func setup(m *testing.M) (int, error) {
	if _, err := os.Stat("../frontend/dist/index.html"); err != nil && needsUI {
		return 0, fmt.Errorf("the UI is not built; run 'make build' (or 'npm run build' in frontend/) first")
	}
	bin = os.Getenv("LEDGERLINK_BIN")
	if bin == "" {
		dir, err := os.MkdirTemp("", "ledgerlink-e2e-")
		if err != nil {
			return 0, err
		}
		defer os.RemoveAll(dir)
		bin = filepath.Join(dir, "ledgerlink")
		build := exec.Command("go", "build", "-o", bin, "..")
		build.Stdout, build.Stderr = os.Stderr, os.Stderr
		if err := build.Run(); err != nil {
			return 0, fmt.Errorf("build: %w", err)
		}
	} else if abs, err := filepath.Abs(bin); err == nil {
		bin = abs
	}
	return m.Run(), nil
}

// proc is a running ledgerlink process whose output the test can read.
type proc struct {
	cmd   *exec.Cmd
	lines chan string
	log   *testkit.LogBuffer
	done  chan error
}

// start runs ledgerlink with args; the process is stopped (SIGINT) when the
// test ends.
func start(t testing.TB, env []string, args ...string) *proc {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), env...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &proc{cmd: cmd, lines: make(chan string, 100), log: &testkit.LogBuffer{}, done: make(chan error, 1)}
	cmd.Stderr = p.log
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			select {
			case p.lines <- sc.Text():
			default:
			}
		}
		close(p.lines)
		p.done <- cmd.Wait()
	}()
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGINT)
		select {
		case <-p.done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
		}
		if t.Failed() {
			t.Logf("ledgerlink %s stderr:\n%s", args[0], p.log.String())
		}
	})
	return p
}

// waitLine returns the first output line containing want.
func (p *proc) waitLine(t testing.TB, want string, within time.Duration) string {
	t.Helper()
	deadline := time.After(within)
	for {
		select {
		case l, ok := <-p.lines:
			if !ok {
				t.Fatalf("ledgerlink exited before printing %q; stderr:\n%s", want, p.log.String())
			}
			if strings.Contains(l, want) {
				return l
			}
		case <-deadline:
			t.Fatalf("no %q from ledgerlink within %s; stderr:\n%s", want, within, p.log.String())
		}
	}
}

// serve starts browser mode on a free port and returns its base URL.
func serve(t testing.TB, db string) string {
	t.Helper()
	p := start(t, nil, "serve", "--addr", "127.0.0.1:0", "--db", db)
	line := p.waitLine(t, "serving on ", 30*time.Second)
	return strings.TrimSuffix(line[strings.Index(line, "http://"):], "/")
}

// ctxTimeout is a context for one test step.
func ctxTimeout(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}
