package app

import (
	"bytes"
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"ledgerlink/backend/practice"
)

// TokenHeader carries the per-process token on every API call in browser
// mode. The token is written into the index page only, so a page from another
// origin — which cannot read our pages — cannot learn it.
const TokenHeader = "X-Ledgerlink-Token"

// maxCallBody bounds one API call's request body.
const maxCallBody = 8 << 20

// Server is browser mode: the UI's files, the bound methods as JSON over
// HTTP, and events as Server-Sent Events, on a loopback address only.
type Server struct {
	bridge *Bridge
	hub    *Hub
	assets fs.FS
	token  string
	index  []byte
	hosts  map[string]bool // Host header values we answer to, in lower case
	log    *slog.Logger
}

// CheckLoopback refuses any listen address that is not a loopback IP or
// "localhost": browser mode must never be reachable from another machine.
func CheckLoopback(addr string) error {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return practice.Errorf(practice.EINVALID, "%q is not an address of the form 127.0.0.1:PORT.", addr)
	}
	if strings.EqualFold(host, "localhost") {
		return nil
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return nil
	}
	return practice.Errorf(practice.EINVALID,
		"Browser mode only listens on this computer (127.0.0.1 or ::1); %q would let other machines in.", host)
}

// NewServer prepares browser mode for a listener bound to addr (as returned
// by the listener, so a port of 0 is resolved).
func NewServer(addr net.Addr, assets fs.FS, bridge *Bridge, hub *Hub, log *slog.Logger) (*Server, error) {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok || !tcp.IP.IsLoopback() {
		return nil, fmt.Errorf("browser mode needs a loopback TCP listener, got %v", addr)
	}
	token := make([]byte, 32)
	if _, err := rand.Read(token); err != nil {
		return nil, err
	}
	s := &Server{bridge: bridge, hub: hub, assets: assets, token: hex.EncodeToString(token), log: log, hosts: map[string]bool{}}
	port := fmt.Sprint(tcp.Port)
	for _, h := range []string{tcp.IP.String(), "localhost"} {
		s.hosts[strings.ToLower(net.JoinHostPort(h, port))] = true
	}
	index, err := fs.ReadFile(assets, "index.html")
	if err != nil {
		return nil, fmt.Errorf("the UI is not built (no index.html): %w", err)
	}
	meta := fmt.Sprintf(`<meta name="ledgerlink-token" content="%s">`, html.EscapeString(s.token))
	s.index = bytes.Replace(index, []byte("<head>"), []byte("<head>"+meta), 1)
	return s, nil
}

// Token returns the per-process token (for tests and the headless client).
func (s *Server) Token() string { return s.token }

// Handler returns the HTTP handler of browser mode.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /api/call/{method}", s.handleCall)
	mux.HandleFunc("GET /api/events", s.handleEvents)
	files := http.FileServerFS(s.assets)
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/" || r.URL.Path == "/index.html" {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.Header().Set("Cache-Control", "no-store")
			w.Write(s.index)
			return
		}
		files.ServeHTTP(w, r)
	})
	return s.guard(mux)
}

// guard refuses requests that did not come from our own page: a Host other
// than ours (DNS rebinding), a foreign Origin (another site's script), or an
// API call without the token.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("Content-Security-Policy", "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'")
		// Host names are case-insensitive (LOCALHOST is localhost); so
		// are the scheme and host of an Origin.
		if !s.hosts[strings.ToLower(r.Host)] {
			s.refuse(w, http.StatusMisdirectedRequest, "This address does not serve Ledgerlink.")
			return
		}
		if o := strings.ToLower(r.Header.Get("Origin")); o != "" && !s.hosts[strings.TrimPrefix(o, "http://")] {
			s.refuse(w, http.StatusForbidden, "Calls from other web sites are refused.")
			return
		}
		if strings.HasPrefix(r.URL.Path, "/api/") {
			got := r.Header.Get(TokenHeader)
			if got == "" && r.URL.Path == "/api/events" {
				got = r.URL.Query().Get("token") // EventSource cannot send headers
			}
			if subtle.ConstantTimeCompare([]byte(got), []byte(s.token)) != 1 {
				s.refuse(w, http.StatusUnauthorized, "This call lacks Ledgerlink's page token; reload the page.")
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) refuse(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, map[string]ErrorBody{"error": {Code: "refused", Message: msg}})
}

func (s *Server) handleCall(w http.ResponseWriter, r *http.Request) {
	var args []json.RawMessage
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxCallBody))
	if tooLarge := (*http.MaxBytesError)(nil); errors.As(err, &tooLarge) {
		writeJSON(w, http.StatusRequestEntityTooLarge, map[string]ErrorBody{"error": {Code: practice.EINVALID,
			Message: fmt.Sprintf("This request is too large: a call to Ledgerlink may carry at most %d MB.", maxCallBody>>20)}})
		return
	}
	if err == nil && len(bytes.TrimSpace(body)) > 0 {
		err = json.Unmarshal(body, &args)
	}
	if err != nil {
		writeJSON(w, http.StatusBadRequest, map[string]ErrorBody{"error": {Code: practice.EINVALID, Message: "The request body must be a JSON array of arguments."}})
		return
	}
	result, err := s.bridge.Call(r.PathValue("method"), args)
	if err != nil {
		body := FormatError(s.log, err)
		writeJSON(w, statusOf(body.Code), map[string]ErrorBody{"error": body})
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"result": result})
}

func statusOf(code string) int {
	switch code {
	case practice.EINVALID:
		return http.StatusBadRequest
	case practice.ENOTFOUND:
		return http.StatusNotFound
	case practice.ECONFLICT, practice.ELOCKED:
		return http.StatusConflict
	case practice.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	case practice.EUNAUTHORIZED:
		// Not 401: the browser-mode session itself is fine; QuickBooks
		// refused its sign-in.
		return http.StatusConflict
	default:
		return http.StatusInternalServerError
	}
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// heartbeat keeps idle event streams from being cut by anything in between.
const heartbeat = 25 * time.Second

func (s *Server) handleEvents(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	events, unsubscribe := s.hub.subscribe()
	defer unsubscribe()
	io.WriteString(w, "retry: 2000\n: connected\n\n")
	rc.Flush()
	tick := time.NewTicker(heartbeat)
	defer tick.Stop()
	for {
		select {
		case msg := <-events:
			fmt.Fprintf(w, "data: %s\n\n", msg)
		case <-tick.C:
			io.WriteString(w, ": keep-alive\n\n")
		case <-r.Context().Done():
			return
		case <-s.hub.closed:
			return
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}
