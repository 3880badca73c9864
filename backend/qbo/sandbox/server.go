package sandbox

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Defaults a client needs to talk to a sandbox started without options.
const (
	// DefaultClientID and DefaultClientSecret are the OAuth client
	// credentials the sandbox accepts unless told otherwise.
	DefaultClientID     = "ledgerlink-sandbox-client"
	DefaultClientSecret = "ledgerlink-sandbox-secret"
	// DefaultRealmID is the company id (realmId) of the sandbox's company.
	DefaultRealmID = "9341453050012345"
)

// DefaultRedirectURIs are the redirect URIs registered by default: a fixed
// loopback port, as Intuit compares redirect URIs exactly (port included).
var DefaultRedirectURIs = []string{
	"http://localhost:8765/callback",
	"http://127.0.0.1:8765/callback",
}

// Options configure a sandbox. The zero value is a US demo company with
// QBO's token lifetimes and limits, the default client and the real clock.
type Options struct {
	// Company is "demo" (about 60 customers, items, taxes, invoices and
	// payments) or "empty" (only what a new QBO company has).
	Company string
	// Country is US, CA, AU, UK or NZ; it decides the tax model (US sales
	// tax versus line-level VAT/GST codes), currency and tax codes.
	Country string
	// RealmID is the company id; DefaultRealmID when empty.
	RealmID string
	// StateFile, when set, keeps the state (company, tokens, request ids,
	// clock offset) across restarts: read at start, written atomically with
	// mode 0600 shortly after every change and on Close.
	StateFile string

	// ClientID, ClientSecret and RedirectURIs describe the one registered
	// OAuth client; redirect URIs are compared exactly.
	ClientID     string
	ClientSecret string
	RedirectURIs []string

	// Token lifetimes; zero means QBO's: access 1 h, refresh 101 days
	// (rolling), refresh hard cap 5 years, authorization code 5 min.
	AccessTokenTTL      time.Duration
	RefreshTokenTTL     time.Duration
	RefreshTokenHardTTL time.Duration
	AuthCodeTTL         time.Duration
	// RefreshGrace is how long a rotated-out refresh token keeps working
	// (answering with the newest tokens); zero means 24 h.
	RefreshGrace time.Duration
	// RotateEveryRefresh issues a new refresh token on every refresh. By
	// default the sandbox does what Intuit does in practice: a refresh
	// within 24 hours of the refresh token's issue answers with the same
	// refresh token (and a new access token); a later one issues a new
	// refresh token, the old one working on for RefreshGrace.
	RotateEveryRefresh bool

	// Limits are the throttles, and how a throttled request is answered;
	// zero fields take QBO's values.
	Limits Limits

	// Latency delays the answers to API and token requests as QBO's over
	// the internet are (see Latency); the zero value answers at once.
	Latency Latency
	// Sleep waits out a Latency delay, returning early when ctx ends; a
	// real wait when nil. Tests inject one that only records.
	Sleep func(ctx context.Context, d time.Duration)

	// Now is the clock; time.Now when nil. Tests inject a fixed one.
	Now func() time.Time
	// Log receives one line per request at Debug level (so an app that
	// embeds the sandbox does not fill its log) and state-file errors at
	// Error level; discarded when nil.
	Log *slog.Logger
}

// Server is a QuickBooks Online compatible server: Intuit-style OAuth and
// the Accounting API subset Ledgerlink uses, for one company.
type Server struct {
	opts  Options
	clock *clock
	log   *slog.Logger

	mu   sync.Mutex // guards co and auth
	co   *company
	auth *authState

	limits   *limiter
	latency  *latencyModel
	injector *injector
	persist  *persister
	mux      *http.ServeMux
}

// New builds a sandbox from opts, loading opts.StateFile when it exists.
func New(opts Options) (*Server, error) {
	if err := opts.fill(); err != nil {
		return nil, err
	}
	s := &Server{
		opts:     opts,
		clock:    &clock{source: opts.Now},
		log:      opts.Log,
		limits:   newLimiter(opts.Limits),
		latency:  newLatencyModel(opts.Latency),
		injector: &injector{},
	}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	loaded, err := s.load()
	if err != nil {
		return nil, err
	}
	if !loaded {
		s.auth = newAuthState()
		co, err := seed(opts.Company, opts.Country, opts.RealmID, s.clock.Now())
		if err != nil {
			return nil, err
		}
		s.co = co
	}
	if opts.StateFile != "" {
		// Written once now, so that a state file that cannot be written
		// is an error at start rather than a log line later.
		if err := writeAtomic(opts.StateFile, s.snapshot()); err != nil {
			return nil, err
		}
		s.persist = newPersister(s)
	}
	s.routes()
	return s, nil
}

func (o *Options) fill() error {
	if o.Company == "" {
		o.Company = "demo"
	}
	if o.Company != "demo" && o.Company != "empty" {
		return fmt.Errorf("sandbox: company %q: want demo or empty", o.Company)
	}
	o.Country = strings.ToUpper(o.Country)
	if o.Country == "" {
		o.Country = "US"
	}
	if o.Country == "GB" {
		o.Country = "UK"
	}
	if countries[o.Country] == nil {
		return fmt.Errorf("sandbox: country %q: want US, CA, AU, UK or NZ", o.Country)
	}
	if o.RealmID == "" {
		o.RealmID = DefaultRealmID
	}
	if o.ClientID == "" {
		o.ClientID = DefaultClientID
	}
	if o.ClientSecret == "" {
		o.ClientSecret = DefaultClientSecret
	}
	if len(o.RedirectURIs) == 0 {
		o.RedirectURIs = append([]string(nil), DefaultRedirectURIs...)
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.AccessTokenTTL, time.Hour)
	def(&o.RefreshTokenTTL, 101*24*time.Hour)
	def(&o.RefreshTokenHardTTL, 5*365*24*time.Hour)
	def(&o.AuthCodeTTL, 5*time.Minute)
	def(&o.RefreshGrace, 24*time.Hour)
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = sleepCtx
	}
	return nil
}

// Handler serves OAuth, the API and the admin endpoints.
func (s *Server) Handler() http.Handler { return s.mux }

// RealmID is the id of the sandbox's company.
func (s *Server) RealmID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.co.RealmID
}

// Company describes the company being served: its name and country (which
// a state file decides over Options).
func (s *Server) Company() (name, country string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return companyName(s.co), s.co.Country
}

// Close writes the state file one last time, if there is one.
func (s *Server) Close() error {
	if s.persist == nil {
		return nil
	}
	return s.persist.close()
}

// routes mounts every path. Intuit serves these from several hosts; the
// sandbox serves them all from one so a client swaps only the host.
func (s *Server) routes() {
	m := http.NewServeMux()
	m.HandleFunc("/connect/oauth2", s.authorize)
	m.HandleFunc("/oauth2/v1/tokens/bearer", s.token)
	m.HandleFunc("/v2/oauth2/tokens/revoke", s.revoke)
	m.HandleFunc("/v3/company/{realm}/{rest...}", s.api)
	m.HandleFunc("/_sandbox/", s.admin)
	m.HandleFunc("/_sandbox", s.admin)
	s.mux = http.NewServeMux()
	s.mux.Handle("/", s.outer(m))
}

// outer wraps every request: the intuit_tid header QBO puts on every
// response, the request log, and fault injection.
func (s *Server) outer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		tid := newTID()
		w.Header().Set("intuit_tid", tid)
		start := time.Now()
		rec := &statusWriter{ResponseWriter: w}
		method, path := r.Method, r.URL.Path
		defer func() {
			s.log.Debug("request", "method", method, "path", path, "status", rec.status,
				"tid", tid, "ms", time.Since(start).Milliseconds())
		}()
		if !strings.HasPrefix(r.URL.Path, "/_sandbox") {
			if rule := s.injector.take(r); rule != nil {
				if r = s.inject(rec, r, rule, next); r == nil {
					return
				}
			}
		}
		next.ServeHTTP(rec, r)
	})
}

// newTID makes an id in the shape of Intuit's transaction ids.
func newTID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	h := hex.EncodeToString(b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// statusWriter remembers the status for the log and passes Hijack through
// for the connection-reset faults.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
