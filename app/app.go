// Package app is the thin layer between the UI and the backend: one bound
// service per screen area, the events the UI listens to, and the two ways the
// UI reaches Go — Wails bindings in the desktop window, JSON over HTTP with
// Server-Sent Events in browser mode. It translates; it holds no rules.
package app

import (
	"cmp"
	"context"
	"log/slog"
	"time"

	"ledgerlink/backend/connect"
	"ledgerlink/backend/quickbooks"
	"ledgerlink/backend/sqlite"
)

// Mode says how the UI reaches Go.
type Mode string

// The two modes.
const (
	Desktop Mode = "desktop"
	Browser Mode = "browser"
)

// App holds the bound services. Each exported field is a service the UI can
// call, named as the UI names it (Contacts.List, System.Info, …).
type App struct {
	Contacts   *Contacts
	QuickBooks *QuickBooks
	Sync       *Sync
	Billing    *Billing
	System     *System

	ctx    context.Context
	events Emitter
	log    *slog.Logger
	now    func() time.Time
}

// Config is what an App is made of.
type Config struct {
	DB      *sqlite.DB
	Events  Emitter
	Log     *slog.Logger
	Mode    Mode
	Version string
	// OnReady is called when the UI reports that its first screen is up.
	OnReady func(ReadyReport)
	// QuickBooks configures the connection to QuickBooks Online.
	QuickBooks QuickBooksConfig
	// Now tells the time; time.Now when nil.
	Now func() time.Time
	// NoBackgroundSync turns off the sync that runs by itself every
	// IntervalMinutes and after local edits (tests that count requests).
	NoBackgroundSync bool
	// LocalEditDelay is how long after a local edit the background sync
	// sends it; LocalEditDelay (20 s) when zero.
	LocalEditDelay time.Duration
}

// New returns an App whose services use ctx for their work; cancelling ctx
// cancels what they are doing.
func New(ctx context.Context, cfg Config) *App {
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Events == nil {
		cfg.Events = discardEmitter{}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	a := &App{ctx: ctx, events: cfg.Events, log: cfg.Log, now: cfg.Now}
	a.QuickBooks = &QuickBooks{app: a, session: quickbooks.New(quickbooks.Config{
		Settings:     sqlite.NewSettingService(cfg.DB),
		Connections:  sqlite.NewQBOConnectionService(cfg.DB),
		Keychain:     cfg.QuickBooks.Keychain,
		Overrides:    cfg.QuickBooks.Overrides,
		SandboxState: quickbooks.SandboxStateFile(cfg.DB.Path()),
		OpenURL:      cfg.QuickBooks.OpenURL,
		OnChange:     func(st quickbooks.Status) { a.events.Emit(EventQuickBooksStatus, st) },
		Log:          cfg.Log,
		Now:          cfg.Now,
	})}
	a.Contacts = &Contacts{app: a, contacts: sqlite.NewContactService(cfg.DB), types: sqlite.NewContactTypeService(cfg.DB), db: cfg.DB}
	a.Sync = newSync(a, cfg.DB, a.QuickBooks.session)
	a.Sync.editDelay = cmp.Or(cfg.LocalEditDelay, LocalEditDelay)
	if !cfg.NoBackgroundSync {
		go a.Sync.background()
	} else {
		close(a.Sync.done)
	}
	a.Billing = newBilling(a, cfg.DB, cmp.Or[connect.Keychain](cfg.QuickBooks.Keychain, connect.OSKeychain()))
	a.System = &System{app: a, info: SystemInfo{Version: cfg.Version, Mode: cfg.Mode, Database: cfg.DB.Path()}, onReady: cfg.OnReady}
	return a
}

// Services returns the bound services by the name the UI calls them.
func (a *App) Services() map[string]any {
	return map[string]any{"Contacts": a.Contacts, "QuickBooks": a.QuickBooks, "Sync": a.Sync, "Billing": a.Billing, "System": a.System}
}

// Bindings returns the services as Wails binds them.
func (a *App) Bindings() []any {
	return []any{a.Contacts, a.QuickBooks, a.Sync, a.Billing, a.System}
}

// Close stops what the services run in the background.
func (a *App) Close() error {
	a.Sync.Cancel()
	a.Billing.StopRun()
	return a.QuickBooks.session.Close()
}
