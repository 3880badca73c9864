package cli

import (
	"context"
	"flag"
	"fmt"
	"log/slog"

	"ledgerlink/app"
	"ledgerlink/backend/quickbooks"
	"ledgerlink/backend/sqlite"
)

// qboFlags adds the flags that point Ledgerlink at any QBO-compatible
// server; each defaults to its LEDGERLINK_QBO_* environment variable.
func qboFlags(fs *flag.FlagSet) func() quickbooks.Overrides {
	vals := map[string]*string{}
	for _, f := range quickbooks.OverrideList {
		vals[f.Field] = fs.String(f.Flag, "", fmt.Sprintf("QuickBooks %s (or $%s)", f.Field, f.Env))
	}
	return func() quickbooks.Overrides {
		var o quickbooks.Overrides
		for _, f := range quickbooks.OverrideList {
			o.Set(f.Field, *vals[f.Field], "--"+f.Flag)
		}
		o.FromEnvironment()
		return o
	}
}

// qboVerb is what the QuickBooks verbs work with: the database and the
// QuickBooks session on it, whose status changes arrive on changes.
type qboVerb struct {
	db      *sqlite.DB
	session *quickbooks.Session
	changes chan quickbooks.Status
	log     *slog.Logger
	close   func()
}

// openQBO adds --db and the QuickBooks flags to a verb's flag set, parses
// args, and opens the database and the session. openURL opens the system
// browser for a sign-in (nil: never).
func openQBO(ctx context.Context, fs *flag.FlagSet, args []string, openURL func(string) error) (*qboVerb, error) {
	dbPath := dbFlag(fs)
	overrides := qboFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	path, err := resolveDB(*dbPath)
	if err != nil {
		return nil, err
	}
	log, logFile, err := app.OpenLog(path, nil)
	if err != nil {
		return nil, err
	}
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		logFile.Close()
		return nil, err
	}
	v := &qboVerb{db: db, changes: make(chan quickbooks.Status, 16), log: log}
	v.session = quickbooks.New(quickbooks.Config{
		Settings:     sqlite.NewSettingService(db),
		Connections:  sqlite.NewQBOConnectionService(db),
		Overrides:    overrides(),
		SandboxState: quickbooks.SandboxStateFile(path),
		OpenURL:      openURL,
		OnChange: func(st quickbooks.Status) {
			select {
			case v.changes <- st:
			default:
			}
		},
		Log: log,
	})
	v.close = func() {
		v.session.Close()
		db.Close()
		logFile.Close()
	}
	return v, nil
}
