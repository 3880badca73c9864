package cli

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestSandboxVerb_PrintsItsAddressFirst_ServesAndKeepsState(t *testing.T) {
	state := filepath.Join(t.TempDir(), "sandbox.json")
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		done <- runSandbox(ctx, Build{}, []string{"--addr", "127.0.0.1:0", "--company", "empty", "--country", "NZ", "--state", state}, pw)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	const prefix = "QuickBooks sandbox is serving on "
	if !strings.HasPrefix(line, prefix) {
		t.Fatalf("first line %q", line)
	}
	base := strings.TrimSpace(strings.TrimPrefix(line, prefix))
	resp, err := http.Get(base + "_sandbox/counts")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.Contains(string(body), `"country":"NZ"`) {
		t.Fatalf("%d %s", resp.StatusCode, body)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("runSandbox: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the sandbox did not stop")
	}
	if info, err := os.Stat(state); err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("state file: %v %v", info, err)
	}
}

func TestSandboxVerb_RefusesANonLoopbackAddress(t *testing.T) {
	err := runSandbox(context.Background(), Build{}, []string{"--addr", "0.0.0.0:0"}, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "this computer only") {
		t.Fatalf("err = %v", err)
	}
}

func TestSandboxVerb_UnknownLatency_IsAUsageErrorSayingWhy(t *testing.T) {
	var out strings.Builder
	err := runSandbox(context.Background(), Build{}, []string{"--addr", "127.0.0.1:0", "--latency", "sometimes"}, &out)
	if !errors.Is(err, errUsage) || !strings.Contains(out.String(), "--latency") {
		t.Fatalf("err = %v, output %q; want a usage error naming --latency", err, out.String())
	}
}
