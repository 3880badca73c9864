package testkit

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// ErrorTexts is the text of err and of every error in its chain, as %v,
// %+v and %#v print them.
func ErrorTexts(err error) []string {
	if err == nil {
		return nil
	}
	out := []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		out = append(out, ErrorTexts(u.Unwrap())...)
	case interface{ Unwrap() []error }:
		for _, w := range u.Unwrap() {
			out = append(out, ErrorTexts(w)...)
		}
	}
	return out
}

// ScanFiles fails the test if any file directly in dir (a database, its
// WAL, the log, …) holds any of secrets, byte for byte.
func ScanFiles(t testing.TB, dir string, secrets []string) {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*"))
	names := make([]string, 0, len(files))
	for _, f := range files {
		names = append(names, filepath.Base(f))
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s contains a secret or token (%d bytes long)", filepath.Base(f), len(s))
			}
		}
	}
	t.Logf("scanned %d files (%v) for %d secrets and tokens", len(files), names, len(secrets))
}
