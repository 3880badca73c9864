package cli

import (
	"flag"
	"io/fs"
	"log/slog"
	"os"

	"ledgerlink/app"
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
