//go:build smoke

package e2e

import (
	"image"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ledgerlink/internal/testkit"
)

// artifactDir is where the screenshot is kept for people to look at.
func artifactDir(t *testing.T) string {
	dir := os.Getenv("LEDGERLINK_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("..", "artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestDesktop_WindowLoadsUIAndReachesGo runs the real desktop binary (Wails,
// WebKitGTK) on the X display the test runs under (Xvfb in `make test`): the
// window's UI must load its first screen from Go and report back.
func TestDesktop_WindowLoadsUIAndReachesGo(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Fatal("no DISPLAY: run this test under Xvfb (xvfb-run -a), as `make test` does")
	}
	db := filepath.Join(t.TempDir(), "desktop.db")
	first := start(t, nil, "--db", db, "--smoke", "--smoke-timeout", "90s", "--smoke-hold", "60s")
	ready := first.waitLine(t, "smoke: ui ready", 100*time.Second)
	if !strings.Contains(ready, "screen=contacts") || !strings.Contains(ready, "contacts=0") {
		t.Fatalf("the UI reported %q; want the contacts screen with the empty database's 0 contacts", ready)
	}

	// Photograph the screen once the window has painted (under Xvfb the
	// first paint can trail the UI's call by a second or two).
	shot := filepath.Join(artifactDir(t), "desktop-smoke.png")
	deadline := time.Now().Add(30 * time.Second)
	for {
		if out, err := exec.Command("import", "-window", "root", shot).CombinedOutput(); err != nil {
			t.Fatalf("screenshot: %v\n%s", err, out)
		}
		n := colours(t, shot)
		if n >= 20 {
			t.Logf("screenshot (%d colours) kept at %s", n, shot)
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the window stayed blank (%d colours) for 30 s after the UI was ready; see %s", n, shot)
		}
		time.Sleep(500 * time.Millisecond)
	}

	// A second launch on the same database is refused with a clear message,
	// and leaves the first running.
	second := exec.Command(bin, "--db", db)
	second.Env = os.Environ()
	out, err := runWithin(second, 30*time.Second)
	if err == nil {
		t.Fatalf("a second window opened on the same database; output:\n%s", out)
	}
	if !strings.Contains(out, "already open") {
		t.Fatalf("second launch said:\n%s\nwant a message that the database is already open", out)
	}
	select {
	case err := <-first.done:
		t.Fatalf("the first window exited (%v) when the second was launched", err)
	default:
	}

	// Closing the window ends the smoke run with success.
	first.cmd.Process.Signal(os.Interrupt)
	select {
	case err := <-first.done:
		if err != nil {
			t.Fatalf("smoke run exited with %v; stderr:\n%s", err, first.log.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the window did not close")
	}
}

func runWithin(cmd *exec.Cmd, d time.Duration) (string, error) {
	var buf testkit.LogBuffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	if err := cmd.Start(); err != nil {
		return "", err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return buf.String(), err
	case <-time.After(d):
		cmd.Process.Kill()
		<-done
		return buf.String() + "\n(killed: still running after " + d.String() + ")", nil
	}
}

// colours counts the distinct colours of a screenshot: a drawn window has
// hundreds, a blank or black screen one or two.
func colours(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatalf("decode screenshot: %v", err)
	}
	seen := map[uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[(r>>11)<<10|(g>>11)<<5|bl>>11] = true
		}
	}
	return len(seen)
}
