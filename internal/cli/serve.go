package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"time"

	"ledgerlink/app"
	"ledgerlink/backend/sqlite"
)

func runServe(ctx context.Context, b Build, args []string, out io.Writer) error {
	fs := newFlags("serve", "Serve the Ledgerlink UI to a web browser on this computer.\n"+
		"It listens on a loopback address only and answers only its own page.", out)
	addr := fs.String("addr", "127.0.0.1:8080", "loopback address to listen on (port 0 picks a free one)")
	db := dbFlag(fs)
	withDemo := demoFlag(fs)
	overrides := qboFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := app.CheckLoopback(*addr); err != nil {
		return err
	}
	ui, err := startUI(b, *db)
	if err != nil {
		return err
	}
	defer ui.close()
	path, assets, log := ui.path, ui.assets, ui.log

	store, err := sqlite.Open(ctx, path)
	if err != nil {
		return err
	}
	defer store.Close()
	if *withDemo {
		if n, err := seedDemo(ctx, store); err != nil {
			return err
		} else if n > 0 {
			log.Info("demo firm added (contacts, work types, tax rates, unbilled work)", "contacts", n)
		}
	}

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	now, err := clockFromEnv()
	if err != nil {
		ln.Close()
		return err
	}
	hub := app.NewHub(log)
	a := app.New(ctx, app.Config{DB: store, Events: hub, Log: log, Mode: app.Browser, Version: b.Version,
		QuickBooks: app.QuickBooksConfig{Overrides: overrides()}, Now: now})
	defer a.Close()
	srv, err := app.NewServer(ln.Addr(), assets, app.NewBridge(a.Services()), hub, log)
	if err != nil {
		ln.Close()
		return err
	}
	// The first line of output is the address, for people and for scripts.
	fmt.Fprintf(out, "Ledgerlink is serving on http://%s/\n", ln.Addr())
	fmt.Fprintf(out, "Database: %s\nPress Ctrl+C to stop.\n", store.Path())
	// The event streams end first, or they would hold the shutdown open.
	return serveUntil(ctx, ln, srv.Handler(), hub.Close)
}

// clockOffsetEnv shifts the app's clock in browser mode, so that an
// end-to-end test can see a time rule (Retry's 3 minutes) play out across a
// restart without waiting for it: e.g. LEDGERLINK_CLOCK_OFFSET=3m.
const clockOffsetEnv = "LEDGERLINK_CLOCK_OFFSET"

// clockFromEnv returns the app's clock: time.Now, shifted by
// $LEDGERLINK_CLOCK_OFFSET when it is set.
func clockFromEnv() (func() time.Time, error) {
	v := os.Getenv(clockOffsetEnv)
	if v == "" {
		return time.Now, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return nil, fmt.Errorf("$%s: %q is not a duration such as 3m or -1h", clockOffsetEnv, v)
	}
	return func() time.Time { return time.Now().Add(d) }, nil
}

// serveUntil serves handler on ln until ctx ends (Ctrl+C), then stops:
// beforeStop (when set) first, then the requests under way get a few
// seconds to finish, and any that outlast them are dropped rather than
// failing the stop.
func serveUntil(ctx context.Context, ln net.Listener, handler http.Handler, beforeStop func()) error {
	httpSrv := &http.Server{Handler: handler, ReadHeaderTimeout: 10 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- httpSrv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	if beforeStop != nil {
		beforeStop()
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := httpSrv.Shutdown(shutdownCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		httpSrv.Close()
	}
	return nil
}
