package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"ledgerlink/app"
	"ledgerlink/backend/sqlite"
)

// qboFlags adds the flags that point Ledgerlink at any QBO-compatible
// server; each defaults to its LEDGERLINK_QBO_* environment variable.
func qboFlags(fs *flag.FlagSet) func() app.QBOOverrides {
	vals := map[string]*string{}
	for _, f := range app.OverrideFlags() {
		vals[f.Field] = fs.String(f.Flag, "", fmt.Sprintf("QuickBooks %s (or $%s)", f.Field, f.Env))
	}
	return func() app.QBOOverrides {
		var o app.QBOOverrides
		for _, f := range app.OverrideFlags() {
			o.Set(f.Field, *vals[f.Field], "--"+f.Flag)
		}
		o.FromEnvironment()
		return o
	}
}

// headless is the app without a window, for verbs.
type headless struct {
	*app.App
	db     *sqlite.DB
	events *statusWatcher
	closer io.Closer
}

// parseAndOpen adds --db and the QuickBooks flags to a verb's flag set,
// parses args and opens the app for the verb.
func parseAndOpen(ctx context.Context, fs *flag.FlagSet, args []string, openURL func(string) error) (*headless, error) {
	db := dbFlag(fs)
	overrides := qboFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return nil, err
	}
	return openHeadless(ctx, *db, overrides(), openURL)
}

// openHeadless opens the database and the services for a verb.
func openHeadless(ctx context.Context, dbFlag string, overrides app.QBOOverrides, openURL func(string) error) (*headless, error) {
	path, err := resolveDB(dbFlag)
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
	w := &statusWatcher{c: make(chan app.ConnectionStatus, 16)}
	a := app.New(ctx, app.Config{DB: db, Events: w, Log: log, Version: version,
		QuickBooks: app.QuickBooksConfig{Overrides: overrides, OpenURL: openURL}})
	return &headless{App: a, db: db, events: w, closer: logFile}, nil
}

func (h *headless) Close() {
	h.App.Close()
	h.db.Close()
	h.closer.Close()
}

// statusWatcher passes QuickBooks status events to a verb waiting on them.
type statusWatcher struct{ c chan app.ConnectionStatus }

func (w *statusWatcher) Emit(name string, data any) {
	if st, ok := data.(app.ConnectionStatus); ok && name == app.EventQuickBooksStatus {
		select {
		case w.c <- st:
		default:
		}
	}
}
