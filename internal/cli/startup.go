package cli

import (
	"context"
	"flag"
	"io/fs"
	"log/slog"
	"os"

	"ledgerlink/app"
	"ledgerlink/backend/demo"
	"ledgerlink/backend/practice"
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

// uiStart is what the two UI verbs (desktop and serve) begin with: the
// database path, the built UI and the log.
type uiStart struct {
	path   string
	assets fs.FS
	log    *slog.Logger
	close  func() error
}

func startUI(b Build, dbFlag string) (*uiStart, error) {
	path, err := resolveDB(dbFlag)
	if err != nil {
		return nil, err
	}
	assets, err := uiAssets(b)
	if err != nil {
		return nil, err
	}
	log, logFile, err := app.OpenLog(path, os.Stderr)
	if err != nil {
		return nil, err
	}
	return &uiStart{path: path, assets: assets, log: log, close: logFile.Close}, nil
}

// demoFlag adds --demo to a UI verb.
func demoFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("demo", false, "put the demo firm's contacts in the database when it has none yet (to try Sync Now on the built-in sandbox company)")
}

// seedDemo stores the demo firm's contacts (backend/demo) in a database
// that has no contacts yet, and says how many it stored: against the
// built-in sandbox's demo company they meet every matching case at once.
// A database with contacts is left as it is.
func seedDemo(ctx context.Context, db *sqlite.DB) (int, error) {
	_, total, err := sqlite.NewContactService(db).FindContacts(ctx, practice.ContactFilter{Limit: 1})
	if err != nil || total > 0 {
		return 0, err
	}
	ptrs := demo.ContactsToStore()
	return len(ptrs), sqlite.NewContactService(db).CreateContacts(ctx, ptrs)
}

// seedDemoAt is seedDemo on the database file at path, closed again after.
func seedDemoAt(ctx context.Context, path string) (int, error) {
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	return seedDemo(ctx, db)
}
