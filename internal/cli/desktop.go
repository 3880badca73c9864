package cli

import (
	"context"
	"io"
	"time"

	"ledgerlink/app"
)

func runDesktop(ctx context.Context, b Build, args []string, out io.Writer) error {
	fs := newFlags("desktop", "Open the desktop window.", out)
	db := dbFlag(fs)
	withDemo := demoFlag(fs)
	overrides := qboFlags(fs)
	smoke := fs.Bool("smoke", false, "self-test: exit 0 once the window's UI has called back into Go, 1 if it does not in time")
	smokeTimeout := fs.Duration("smoke-timeout", 60*time.Second, "with --smoke, how long to wait for the UI")
	smokeHold := fs.Duration("smoke-hold", 2*time.Second, "with --smoke, how long to keep the window up once ready (for a screenshot)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := checkDisplay(); err != nil {
		return err
	}
	ui, err := startUI(b, *db)
	if err != nil {
		return err
	}
	defer ui.close()
	path, assets, log := ui.path, ui.assets, ui.log
	if *withDemo {
		if n, err := seedDemoAt(ctx, path); err != nil {
			return err
		} else if n > 0 {
			log.Info("demo firm added (contacts, work types, tax rates, unbilled work)", "contacts", n)
		}
	}
	return app.RunDesktop(app.DesktopConfig{
		DBPath: path, Assets: assets, Icon: b.Icon, Version: b.Version, Stdout: out,
		Log: log, QuickBooks: overrides(),
		Smoke: *smoke, SmokeTimeout: *smokeTimeout, SmokeHold: *smokeHold,
	})
}
