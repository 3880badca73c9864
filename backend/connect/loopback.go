package connect

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// loopback is where a loopback redirect URI sends the browser back.
type loopback struct {
	bind     string // the address listened on, always a loopback IP
	hostport string // the Host header a genuine answer carries, lower case
	path     string
}

// parseRedirect checks the redirect URI and, when it is http on 127.0.0.1,
// localhost or ::1, returns where to listen for the answer; other redirect
// URIs (https, or another host) get the paste fallback.
func parseRedirect(raw string) (*loopback, error) {
	u, err := url.Parse(raw)
	if raw == "" || err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, fmt.Errorf("the redirect URI %q is not a web address; enter it exactly as registered with Intuit", raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("the redirect URI %q must not have a query or fragment", raw)
	}
	host := strings.ToLower(u.Hostname())
	var bind string
	switch host {
	case "127.0.0.1", "localhost":
		// localhost is served on IPv4 loopback only: a name that could
		// resolve elsewhere is never listened on as such.
		bind = "127.0.0.1"
	case "::1":
		bind = "::1"
	}
	if u.Scheme != "http" || bind == "" {
		return nil, nil
	}
	port := u.Port()
	if port == "" {
		port = "80"
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	return &loopback{bind: net.JoinHostPort(bind, port), hostport: strings.ToLower(net.JoinHostPort(host, port)), path: path}, nil
}

// listen opens the listener, explaining the usual failure.
func (l *loopback) listen(ctx context.Context) (net.Listener, error) {
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", l.bind)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("Ledgerlink could not wait for QuickBooks' answer on %s because another program is using that port. Close that program (or another Ledgerlink window that is connecting) and try again: %w", l.bind, err)
	}
	if err != nil {
		return nil, fmt.Errorf("Ledgerlink could not wait for QuickBooks' answer on %s: %w", l.bind, err)
	}
	return ln, nil
}

// serve starts the answer listener on ln.
func (p *Pending) serve(ln net.Listener) *http.Server {
	srv := &http.Server{
		Handler:           http.HandlerFunc(p.serveCallback),
		ReadHeaderTimeout: 10 * time.Second,
		// The server's own log would print malformed requests; nothing
		// of use, and it goes to stderr.
		ErrorLog: log.New(io.Discard, "", 0),
	}
	go func() { _ = srv.Serve(ln) }()
	return srv
}

// serveCallback answers the browser. Requests for another host (a DNS
// rebinding page) or from off this computer are refused before their
// content is looked at; the first answer with the right state is taken,
// every other one refused with a short page saying why. The request URL is
// never logged: it holds the code.
func (p *Pending) serveCallback(w http.ResponseWriter, r *http.Request) {
	lb := p.m.loopback
	if !sameHostPort(r.Host, lb.hostport) {
		p.m.log.Warn("refused a request to the QuickBooks answer listener for another host")
		page(w, http.StatusMisdirectedRequest, "Refused", "This address only answers QuickBooks sign-ins for Ledgerlink.")
		return
	}
	if !fromLoopback(r.RemoteAddr) {
		p.m.log.Warn("refused a request to the QuickBooks answer listener from another computer")
		page(w, http.StatusForbidden, "Refused", "This address only answers this computer.")
		return
	}
	if r.URL.EscapedPath() != lb.path {
		http.NotFound(w, r)
		return
	}
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", http.MethodGet)
		page(w, http.StatusMethodNotAllowed, "Refused", "This address only answers QuickBooks sign-ins.")
		return
	}
	g, err := p.complete(r.URL.Query())
	switch {
	case err == nil:
		page(w, http.StatusOK, "Connected — you can close this window and return to Ledgerlink",
			"Ledgerlink is now connected to QuickBooks company "+g.RealmID+".")
	case errors.Is(err, ErrStateMismatch):
		page(w, http.StatusBadRequest, "Refused", err.Error())
	case errors.Is(err, ErrAlreadyUsed):
		page(w, http.StatusConflict, "Already answered", err.Error())
	case errors.Is(err, ErrTimedOut), errors.Is(err, ErrCancelled):
		page(w, http.StatusGone, "No longer waiting", err.Error())
	case errors.Is(err, ErrAccessDenied):
		page(w, http.StatusOK, "Not connected", err.Error())
	default:
		page(w, http.StatusBadGateway, "Not connected", err.Error())
	}
}

// sameHostPort compares a Host header with the expected host:port,
// supplying the default port a browser leaves out.
func sameHostPort(got, want string) bool {
	got = strings.ToLower(got)
	if _, _, err := net.SplitHostPort(got); err != nil {
		got = net.JoinHostPort(strings.Trim(got, "[]"), "80")
	}
	return got == want
}

// fromLoopback reports whether a remote address is on this computer.
func fromLoopback(remote string) bool {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		return false
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

var pageTemplate = template.Must(template.New("page").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ledgerlink</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 36em; margin: 4em auto; line-height: 1.5">
<h1 style="font-size: 1.4em">{{.Title}}</h1>
<p>{{.Message}}</p>
</body></html>
`))

// page writes a short plain page. It loads nothing and sends no referrer,
// so the address (with the code) goes nowhere else.
func page(w http.ResponseWriter, status int, title, message string) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	h.Set("Connection", "close")
	w.WriteHeader(status)
	_ = pageTemplate.Execute(w, struct{ Title, Message string }{title, message})
}
