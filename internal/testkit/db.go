package testkit

import (
	"context"
	"path/filepath"
	"testing"

	"ledgerlink/backend/sqlite"
)

// OpenDB opens a database file in a fresh temporary folder and closes it
// when the test ends.
func OpenDB(t testing.TB) *sqlite.DB {
	t.Helper()
	return OpenDBAt(t, filepath.Join(t.TempDir(), "ledgerlink.db"))
}

// OpenDBAt opens (creating) the database file at path and closes it when
// the test ends.
func OpenDBAt(t testing.TB, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
