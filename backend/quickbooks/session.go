package quickbooks

import (
	"cmp"
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"ledgerlink/backend/connect"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo"
	"ledgerlink/backend/qbo/sandbox"
)

// Config is what a Session is made of.
type Config struct {
	// Settings and Connections are the firm's records: the app settings
	// (environment, client id, redirect URI, the install id) and the
	// connection record. Required.
	Settings    practice.SettingService
	Connections practice.QBOConnectionService
	// Keychain holds the grant and the client secret; the OS keychain
	// when nil.
	Keychain connect.Keychain
	// Overrides fix settings from flags or the environment.
	Overrides Overrides
	// SandboxState is where the built-in sandbox keeps its company
	// (usually "<database>.sandbox.json"); empty keeps it in memory.
	SandboxState string
	// OpenURL opens the system browser on the sign-in page. Nil, or an
	// error, leaves it to the caller (Start.OpenedBrowser says which).
	OpenURL func(url string) error
	// OnChange is told the new status whenever the connection changes
	// (a sign-in starts, ends or fails; needs-reconnect; disconnect).
	OnChange func(Status)
	// ActionTimeout bounds what a person waits for (Check, Disconnect);
	// DefaultActionTimeout when zero. Background work is not bounded by it.
	ActionTimeout time.Duration
	// Retry bounds the QuickBooks client's retries; its defaults (QBO's
	// advice) when zero.
	Retry qbo.RetryPolicy
	// Log records what happens; never a token or secret. Discarded when nil.
	Log *slog.Logger
	// Now is the clock for expiries and health; time.Now when nil.
	Now func() time.Time
}

// Session is the firm's session with its QuickBooks company. It is safe for
// concurrent use, and its lock is never held across a network call or a
// keychain call.
type Session struct {
	cfg Config
	log *slog.Logger
	now func() time.Time

	// embedMu makes the built-in sandbox start once.
	embedMu  sync.Mutex
	embedded *embedded

	mu       sync.Mutex // guards the fields below
	accounts accounts   // zero until the install id was read
	manager  *connect.Manager
	setup    setup
	// generation counts manager resets, so that a manager built while
	// the settings changed is not installed.
	generation int
	pending    *connect.Pending
	stopWait   context.CancelFunc
	lastError  string // why the last sign-in failed; shown until the next
	closed     bool
	// actions are the cancels of what a person is waiting for, by id.
	actions    map[int]context.CancelFunc
	nextAction int
}

// DefaultActionTimeout is how long a person waits for QuickBooks at most
// before being told to try again; QBO itself gives up on a request after
// 120 s, and asks for a minute's pause when throttling.
const DefaultActionTimeout = 45 * time.Second

// New returns a Session for cfg. It touches nothing until first used.
func New(cfg Config) *Session {
	if cfg.Keychain == nil {
		cfg.Keychain = connect.OSKeychain()
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	if cfg.ActionTimeout <= 0 {
		cfg.ActionTimeout = DefaultActionTimeout
	}
	return &Session{cfg: cfg, log: log.With("component", "quickbooks"), now: now, actions: map[int]context.CancelFunc{}}
}

// action is the context of something a person waits for: it ends after
// ActionTimeout, or at once on CancelActions. The client does not start a
// wait (a throttled retry) that would outlast it, so a busy QuickBooks is
// reported at once. done must be called when the action ends.
func (s *Session) action(ctx context.Context) (actx context.Context, done func()) {
	actx, cancel := context.WithTimeout(ctx, s.cfg.ActionTimeout)
	s.mu.Lock()
	id := s.nextAction
	s.nextAction++
	s.actions[id] = cancel
	s.mu.Unlock()
	return actx, func() {
		s.mu.Lock()
		delete(s.actions, id)
		s.mu.Unlock()
		cancel()
	}
}

// CancelActions ends at once what a person is waiting for (a check, a
// disconnect); each answers "Cancelled.".
func (s *Session) CancelActions() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, cancel := range s.actions {
		cancel()
	}
}

// Close cancels a sign-in under way and stops the built-in sandbox.
func (s *Session) Close() error {
	s.mu.Lock()
	s.closed = true
	s.cancelPendingLocked()
	s.mu.Unlock()
	s.embedMu.Lock()
	defer s.embedMu.Unlock()
	if s.embedded != nil {
		err := s.embedded.close()
		s.embedded = nil
		return err
	}
	return nil
}

// keychainAccounts returns the database's keychain accounts.
func (s *Session) keychainAccounts(ctx context.Context) (accounts, error) {
	s.mu.Lock()
	a := s.accounts
	s.mu.Unlock()
	if a.grant != "" {
		return a, nil
	}
	id, err := s.cfg.Settings.InstallID(ctx)
	if err != nil {
		return accounts{}, err
	}
	a = accountsFor(id)
	s.mu.Lock()
	s.accounts = a
	s.mu.Unlock()
	return a, nil
}

// environment is the environment the settings and overrides choose.
func (s *Session) environment(ctx context.Context) (connect.Environment, error) {
	saved, _, err := s.cfg.Settings.Setting(ctx, settingEnvironment)
	if err != nil {
		return "", err
	}
	return connect.Environment(cmp.Or(s.cfg.Overrides.Environment, saved, string(connect.Embedded))), nil
}

// setup is the resolved QuickBooks configuration.
type setup struct {
	env       connect.Environment
	endpoints connect.Endpoints
	app       connect.App
}

// resolveSetup combines saved settings, overrides and defaults. The secret
// comes from the keychain (or, for the built-in sandbox, is its known one).
func (s *Session) resolveSetup(ctx context.Context, acc accounts) (setup, error) {
	get := func(key string) string {
		v, _, _ := s.cfg.Settings.Setting(ctx, key)
		return v
	}
	o := s.cfg.Overrides
	env, err := s.environment(ctx)
	if err != nil {
		return setup{}, err
	}
	st := setup{env: env}
	switch env {
	case connect.Embedded:
		e, err := s.embeddedSandbox()
		if err != nil {
			return st, err
		}
		st.endpoints = connect.SandboxEndpoints(e.baseURL)
		st.app = connect.App{ClientID: sandbox.DefaultClientID, ClientSecret: sandbox.DefaultClientSecret,
			RedirectURI: cmp.Or(o.RedirectURI, embeddedRedirectURI)}
	case connect.IntuitSandbox, connect.IntuitProduction:
		st.endpoints = connect.IntuitEndpoints(env)
		st.app = connect.App{ClientID: cmp.Or(o.ClientID, get(settingClientID)),
			RedirectURI: cmp.Or(o.RedirectURI, get(settingRedirectURI), DefaultRedirectURI)}
		secret, err := s.cfg.Keychain.Get(keychainService, acc.secret)
		if err != nil && !errors.Is(err, connect.ErrNotFound) {
			return st, err
		}
		st.app.ClientSecret = secret
		if st.app.ClientID == "" || st.app.ClientSecret == "" {
			return st, practice.Errorf(practice.EINVALID,
				"Enter the Intuit app's client ID and secret in Settings → QuickBooks app before connecting.")
		}
	default:
		return st, practice.Errorf(practice.EINVALID, "Unknown QuickBooks environment %q (choose %s, %s or %s).",
			env, connect.Embedded, connect.IntuitSandbox, connect.IntuitProduction)
	}
	for _, f := range []struct {
		dst *string
		v   string
	}{
		{&st.endpoints.APIBase, o.APIBase}, {&st.endpoints.AuthURL, o.AuthURL},
		{&st.endpoints.TokenURL, o.TokenURL}, {&st.endpoints.RevokeURL, o.RevokeURL},
	} {
		if f.v != "" {
			*f.dst = f.v
		}
	}
	return st, nil
}

// embeddedSandbox starts the built-in sandbox on first use.
func (s *Session) embeddedSandbox() (*embedded, error) {
	s.embedMu.Lock()
	defer s.embedMu.Unlock()
	if s.embedded != nil {
		return s.embedded, nil
	}
	e, err := startEmbedded(s.cfg.SandboxState, cmp.Or(s.cfg.Overrides.RedirectURI, embeddedRedirectURI), s.log)
	if err != nil {
		return nil, err
	}
	s.embedded = e
	return e, nil
}

// connection returns the connection manager for the current settings,
// building it on first use. Building reads settings and the keychain (and
// may start the built-in sandbox), outside the session's lock.
func (s *Session) connection(ctx context.Context) (*connect.Manager, setup, error) {
	s.mu.Lock()
	m, st, gen := s.manager, s.setup, s.generation
	s.mu.Unlock()
	if m != nil {
		return m, st, nil
	}
	acc, err := s.keychainAccounts(ctx)
	if err != nil {
		return nil, setup{}, err
	}
	st, err = s.resolveSetup(ctx, acc)
	if err != nil {
		return nil, setup{}, err
	}
	m, err = connect.NewManager(connect.Config{Environment: st.env, Endpoints: st.endpoints, App: st.app,
		Keychain: s.cfg.Keychain, Service: keychainService, Account: acc.grant, Log: s.log, Now: s.now,
		OnNeedsReconnect: s.recordNeedsReconnect})
	if err != nil {
		return nil, setup{}, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.manager != nil:
		return s.manager, s.setup, nil // another caller was quicker
	case s.generation != gen:
		// The settings changed meanwhile: this one may be stale, but it
		// serves this call; the next builds afresh.
		return m, st, nil
	}
	s.manager, s.setup = m, st
	return m, st, nil
}

// resetConnection makes the next use build a manager for the settings as
// they are then.
func (s *Session) resetConnectionLocked() {
	s.manager, s.setup = nil, setup{}
	s.generation++
}

// notify tells OnChange the status as it now is.
func (s *Session) notify(ctx context.Context) {
	if s.cfg.OnChange == nil {
		return
	}
	st, err := s.Status(ctx)
	if err != nil {
		s.log.Error("QuickBooks status", "err", err)
		return
	}
	s.cfg.OnChange(st)
}
