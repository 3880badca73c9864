package app_test

import (
	"os"
	"path/filepath"
	"testing"

	"ledgerlink/app"
)

// The log is private to the user like the database, even when a readable
// one was already there.
func TestOpenLog_ExistingLogReadableByOthers_MadePrivate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ledgerlink.log")
	if err := os.WriteFile(path, []byte("earlier lines\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, 0o644); err != nil { // whatever the umask
		t.Fatal(err)
	}
	log, f, err := app.OpenLog(filepath.Join(dir, "ledgerlink.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	log.Info("opened")
	f.Close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := fi.Mode().Perm(); mode != 0o600 {
		t.Fatalf("log file mode %o, want 600", mode)
	}
}
