package quickbooks

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"ledgerlink/backend/qbo/sandbox"
)

// SandboxStateFile is where the built-in sandbox keeps its company for the
// database at dbPath, so that the demo company outlives the app.
func SandboxStateFile(dbPath string) string { return dbPath + ".sandbox.json" }

// embedded is the QuickBooks-compatible sandbox the app runs in-process, on
// a loopback port, while no Intuit app is configured: a newcomer connects
// to its demo company and sees the whole journey without an Intuit account.
type embedded struct {
	srv     *sandbox.Server
	http    *http.Server
	baseURL string
}

// startEmbedded starts the sandbox with the demo company. Its state (the
// company and the tokens it issued) is kept in statePath so it outlives the
// app, as a real QuickBooks company would. redirectURI is registered as the
// app's one redirect URI.
func startEmbedded(statePath, redirectURI string, log *slog.Logger) (*embedded, error) {
	srv, err := sandbox.New(sandbox.Options{
		Company:      "demo",
		StateFile:    statePath,
		RedirectURIs: []string{redirectURI},
		Log:          log.With("component", "embedded-sandbox"),
	})
	if err != nil {
		return nil, fmt.Errorf("start the built-in QuickBooks sandbox: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		srv.Close()
		return nil, fmt.Errorf("start the built-in QuickBooks sandbox: %w", err)
	}
	e := &embedded{srv: srv, baseURL: "http://" + ln.Addr().String(),
		http: &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 10 * time.Second}}
	log.Info("built-in QuickBooks sandbox serving", "url", e.baseURL)
	go func() {
		if err := e.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("built-in QuickBooks sandbox stopped", "err", err)
		}
	}()
	return e, nil
}

// close stops the sandbox and writes its state.
func (e *embedded) close() error {
	e.http.Close()
	return e.srv.Close()
}
