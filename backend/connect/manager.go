package connect

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"

	"ledgerlink/backend/practice"
)

// Defaults for Config.
const (
	// DefaultService is the keychain service name.
	DefaultService = "Ledgerlink"
	// DefaultScope is the QuickBooks Accounting API scope.
	DefaultScope = "com.intuit.quickbooks.accounting"
	// DefaultCallbackTimeout is how long an authorization waits; Intuit's
	// codes last a few minutes, and a person signs in within two.
	DefaultCallbackTimeout = 2 * time.Minute
	// defaultHTTPTimeout bounds one token or revoke call.
	defaultHTTPTimeout = 30 * time.Second
)

// App is the Intuit app a firm registers: its keys and the redirect URI
// entered in Intuit's developer portal (compared exactly, port included).
type App struct {
	ClientID     string
	ClientSecret string
	RedirectURI  string
}

// Config describes one connection.
type Config struct {
	Environment Environment
	// Endpoints default to IntuitEndpoints(Environment); Embedded has none
	// and must be given SandboxEndpoints.
	Endpoints Endpoints
	App       App
	// Scopes default to DefaultScope.
	Scopes []string
	// Keychain defaults to OSKeychain().
	Keychain Keychain
	// Service is the keychain service name, DefaultService by default.
	Service string
	// Account is the keychain account of this connection, e.g.
	// "quickbooks:<install id>". Required.
	Account string
	// HTTPClient carries token and revoke calls; by default a client with
	// a 30-second timeout.
	HTTPClient *http.Client
	// CallbackTimeout is how long an authorization waits for its answer,
	// DefaultCallbackTimeout by default.
	CallbackTimeout time.Duration
	// Now is the clock for expiries; time.Now by default.
	Now func() time.Time
	// Log receives connection events. It is never given a token, code,
	// verifier or secret. Discarded when nil.
	Log *slog.Logger
	// OnNeedsReconnect, when set, is told (with the reason, in words for
	// the accountant) each time the connection falls into the
	// needs-reconnect state: a refused refresh, a missing or unreadable
	// grant, MarkNeedsReconnect. It is called synchronously, possibly
	// while a refresh holds the grant lock, so it must not call back into
	// the Manager except for Grant and State.
	OnNeedsReconnect func(reason string)
}

// State is a connection's status and, unless connected, why, in words for
// the accountant.
type State struct {
	Status practice.ConnectionState // Disconnected, Connected or NeedsReconnect
	Reason string
}

// Manager connects, keeps and ends one QuickBooks connection. It is safe
// for concurrent use.
type Manager struct {
	cfg       Config
	oauth     *oauth2.Config
	tokenHTTP *http.Client // the token endpoint's: adds Intuit's headers
	http      *http.Client // the revoke endpoint's
	loopback  *loopback    // nil when the redirect URI is not loopback
	log       *slog.Logger
	now       func() time.Time

	// grantMu is held across every change of the saved grant: a refresh
	// (network call included), a new connection, a disconnect. Refreshes
	// are thereby one at a time, and none can overwrite a newer grant or
	// bring back a deleted one.
	grantMu sync.Mutex
	// beginMu makes Begin one at a time, so two cannot race for the port.
	beginMu sync.Mutex

	mu        sync.Mutex // guards the fields below
	access    *accessToken
	reconnect string // why a new sign-in is needed; "" when not
	// disconnected is set by Disconnect and Forget: the missing grant is
	// then expected, and asking for a token does not turn the state into
	// needs-reconnect.
	disconnected bool
	pending      *Pending
}

// NewManager checks cfg, fills in its defaults and returns a Manager. It
// does not touch the keychain or the network.
func NewManager(cfg Config) (*Manager, error) {
	if !cfg.Environment.Valid() {
		return nil, fmt.Errorf("connect: unknown environment %q (want %s, %s or %s)", cfg.Environment, Embedded, IntuitSandbox, IntuitProduction)
	}
	if cfg.Endpoints.IsZero() {
		cfg.Endpoints = IntuitEndpoints(cfg.Environment)
	}
	if cfg.Endpoints.IsZero() {
		return nil, errors.New("connect: the built-in sandbox needs its endpoints (SandboxEndpoints)")
	}
	if err := cfg.Endpoints.validate(); err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	if strings.TrimSpace(cfg.App.ClientID) == "" {
		return nil, errors.New("connect: the Intuit app's client ID is not set")
	}
	if strings.TrimSpace(cfg.Account) == "" {
		return nil, errors.New("connect: no keychain account is set for the connection")
	}
	lb, err := parseRedirect(cfg.App.RedirectURI)
	if err != nil {
		return nil, fmt.Errorf("connect: %w", err)
	}
	if len(cfg.Scopes) == 0 {
		cfg.Scopes = []string{DefaultScope}
	}
	if cfg.Keychain == nil {
		cfg.Keychain = OSKeychain()
	}
	if cfg.Service == "" {
		cfg.Service = DefaultService
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: defaultHTTPTimeout}
	}
	if cfg.CallbackTimeout <= 0 {
		cfg.CallbackTimeout = DefaultCallbackTimeout
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Manager{
		cfg: cfg,
		oauth: &oauth2.Config{
			ClientID:     cfg.App.ClientID,
			ClientSecret: cfg.App.ClientSecret,
			RedirectURL:  cfg.App.RedirectURI,
			Scopes:       cfg.Scopes,
			// Intuit documents HTTP Basic client authentication; naming it
			// avoids golang/oauth2's probing with a second request.
			Endpoint: oauth2.Endpoint{AuthURL: cfg.Endpoints.AuthURL, TokenURL: cfg.Endpoints.TokenURL,
				AuthStyle: oauth2.AuthStyleInHeader},
		},
		tokenHTTP: tokenClient(cfg.HTTPClient),
		http:      cfg.HTTPClient,
		loopback:  lb,
		log:       log.With("component", "quickbooks-connection"),
		now:       cfg.Now,
	}, nil
}

// Environment is the environment the Manager connects to.
func (m *Manager) Environment() Environment { return m.cfg.Environment }

// Endpoints are the Manager's endpoints; APIBase is the base for the API
// client.
func (m *Manager) Endpoints() Endpoints { return m.cfg.Endpoints }

// Grant reads the connection back from the keychain, without its refresh
// token. ErrNotFound when not connected.
func (m *Manager) Grant() (*Grant, error) {
	g, err := m.loadGrant()
	if err != nil {
		return nil, err
	}
	return g.public(), nil
}

// State says whether the connection is usable. It reads the keychain, so a
// connection made or ended by another Ledgerlink process shows too.
func (m *Manager) State() State {
	m.mu.Lock()
	reason := m.reconnect
	m.mu.Unlock()
	if reason != "" {
		return State{Status: practice.NeedsReconnect, Reason: reason}
	}
	g, err := m.loadGrant()
	switch {
	case errors.Is(err, ErrNotFound):
		return State{Status: practice.Disconnected}
	case errors.Is(err, ErrNeedsReconnect):
		return State{Status: practice.NeedsReconnect, Reason: err.Error()}
	case err != nil:
		return State{Status: practice.Disconnected, Reason: err.Error()}
	}
	if r := m.staleReason(g); r != "" {
		return State{Status: practice.NeedsReconnect, Reason: r}
	}
	return State{Status: practice.Connected}
}

// MarkNeedsReconnect puts the connection in the needs-reconnect state: the
// app calls it when an API call answers 401 (QBO's 3200). Until a new
// sign-in, the token source hands out no token, so calls to QuickBooks
// pause instead of failing one by one. The saved grant is kept (Disconnect
// still revokes it).
func (m *Manager) MarkNeedsReconnect(reason string) {
	if reason == "" {
		reason = ErrNeedsReconnect.Error()
	}
	m.setReconnect(reason)
}

func (m *Manager) setReconnect(reason string) {
	m.mu.Lock()
	m.reconnect = reason
	m.access = nil
	m.mu.Unlock()
	m.log.Warn("QuickBooks connection needs a new sign-in", "reason", reason)
	if m.cfg.OnNeedsReconnect != nil {
		m.cfg.OnNeedsReconnect(reason)
	}
}

// staleReason says why g cannot work here, judged without the network:
// it belongs to another environment, or has passed its expiry.
func (m *Manager) staleReason(g *Grant) string {
	if g.Environment != m.cfg.Environment {
		return fmt.Sprintf("The saved QuickBooks connection is to %s, but Ledgerlink is now set to use %s. Press Reconnect to sign in there.",
			g.Environment.Label(), m.cfg.Environment.Label())
	}
	if exp := g.ExpiresAt(); !exp.IsZero() && !m.now().Before(exp) {
		return expiredReason(g)
	}
	return ""
}

// expiredReason explains why a refresh token stopped working, as far as
// its saved expiries tell.
func expiredReason(g *Grant) string {
	switch exp := g.ExpiresAt(); {
	case exp.IsZero():
		return ErrNeedsReconnect.Error()
	case !g.RefreshHardExpiresAt.IsZero() && exp.Equal(g.RefreshHardExpiresAt):
		return fmt.Sprintf("The QuickBooks connection reached Intuit's 5-year limit on %s. Press Reconnect and sign in again; nothing in Ledgerlink has been lost.", date(exp))
	default:
		return fmt.Sprintf("The QuickBooks connection expired on %s because it was not used for 100 days. Press Reconnect and sign in again; nothing in Ledgerlink has been lost.", date(exp))
	}
}

// loadGrant reads and decodes the saved grant.
func (m *Manager) loadGrant() (*Grant, error) {
	s, err := m.cfg.Keychain.Get(m.cfg.Service, m.cfg.Account)
	if err != nil {
		return nil, err
	}
	return decodeGrant(s)
}

// saveGrant writes g to the keychain. The caller holds grantMu.
func (m *Manager) saveGrant(g *Grant) error {
	s, err := encodeGrant(g)
	if err != nil {
		return err
	}
	return m.cfg.Keychain.Set(m.cfg.Service, m.cfg.Account, s)
}

// connected saves a new connection, then makes its first access token the
// current one and clears any needs-reconnect state.
func (m *Manager) connected(g *Grant, t *tokens) error {
	m.grantMu.Lock()
	defer m.grantMu.Unlock()
	if err := m.saveGrant(g); err != nil {
		return err
	}
	m.mu.Lock()
	m.access = &accessToken{value: t.access, renewAt: t.renewAt}
	m.reconnect = ""
	m.disconnected = false
	m.mu.Unlock()
	m.log.Info("QuickBooks connected", "grant", g)
	return nil
}

// DropAccessToken forgets the access token held in memory, so the next call
// refreshes. A 401 from the API may only mean that QuickBooks ended the
// access token early (or clocks disagree); one refresh tells that apart from
// a connection that is really gone.
func (m *Manager) DropAccessToken() {
	m.mu.Lock()
	m.access = nil
	m.mu.Unlock()
}

// forgetLocal drops what memory holds of the connection, which has been
// ended on purpose. The caller holds grantMu.
func (m *Manager) forgetLocal() {
	m.mu.Lock()
	m.access = nil
	m.reconnect = ""
	m.disconnected = true
	m.mu.Unlock()
}

// ctxError is the error of a wait given up because its context ended: it
// reads as ErrCancelled and matches the context's error too.
type ctxError struct{ err error }

func (e ctxError) Error() string   { return ErrCancelled.Error() }
func (e ctxError) Unwrap() []error { return []error{ErrCancelled, e.err} }
