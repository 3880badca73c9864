package main

import (
	"flag"

	"ledgerlink/backend/sqlite"
)

// dbFlag adds the --db flag every verb that touches the records shares.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "database file (default: ledgerlink.db in the per-user application data folder)")
}

// resolveDB returns the path --db names, or the default one.
func resolveDB(path string) (string, error) {
	if path != "" {
		return path, nil
	}
	return sqlite.DefaultPath()
}
