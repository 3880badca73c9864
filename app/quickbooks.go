package app

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"ledgerlink/backend/connect"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo"
	"ledgerlink/backend/sqlite"
)

// EventQuickBooksStatus is sent whenever the connection changes state.
const EventQuickBooksStatus = "quickbooks:status"

// QuickBooksConfig is what the QuickBooks service needs from its host.
type QuickBooksConfig struct {
	DBPath    string
	Overrides QBOOverrides
	Keychain  connect.Keychain
	// OpenURL opens the system browser (the desktop window passes Wails'
	// runtime). Nil means the UI opens the address itself.
	OpenURL func(url string) error
}

// QuickBooks is the Settings → Connected Apps → QuickBooks Online service.
type QuickBooks struct {
	app      *App
	cfg      QuickBooksConfig
	settings *sqlite.SettingService
	conns    *sqlite.QBOConnectionService

	mu            sync.Mutex
	secretAccount string
	account       string
	embedded      *Embedded
	manager       *connect.Manager
	setup         qboSetup
	pending       *connect.Pending
	stopWait      context.CancelFunc
	lastError     string
}

// ConnectionStatus is what the QuickBooks card shows.
type ConnectionStatus struct {
	State            string              `json:"state"` // disconnected, connecting, connected, needs_reconnect
	Environment      connect.Environment `json:"environment"`
	EnvironmentLabel string              `json:"environmentLabel"`
	CompanyName      string              `json:"companyName"`
	RealmID          string              `json:"realmId"`
	Country          string              `json:"country"`
	ConnectedAt      *time.Time          `json:"connectedAt,omitempty"`
	DaysLeft         int                 `json:"daysLeft"`
	ExpiresAt        *time.Time          `json:"expiresAt,omitempty"`
	HardExpiresAt    *time.Time          `json:"hardExpiresAt,omitempty"`
	Warning          string              `json:"warning"`
	Reason           string              `json:"reason"`
	AuthURL          string              `json:"authUrl"`
	NeedsPaste       bool                `json:"needsPaste"`
}

// ConnectStart tells the UI how the sign-in began.
type ConnectStart struct {
	AuthURL       string `json:"authUrl"`
	NeedsPaste    bool   `json:"needsPaste"`    // the redirect is not loopback: the user pastes the address back
	OpenedBrowser bool   `json:"openedBrowser"` // Ledgerlink opened the system browser itself
}

func newQuickBooks(a *App, db *sqlite.DB, cfg QuickBooksConfig) *QuickBooks {
	if cfg.Keychain == nil {
		cfg.Keychain = connect.OSKeychain()
	}
	return &QuickBooks{app: a, cfg: cfg, settings: sqlite.NewSettingService(db), conns: sqlite.NewQBOConnectionService(db)}
}

// close stops the built-in sandbox, if it runs, and any sign-in under way.
// (Unexported: every exported method of a bound service is callable from
// the UI.)
func (q *QuickBooks) close() error {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.cancelPendingLocked()
	if q.embedded != nil {
		return q.embedded.Close()
	}
	return nil
}

// managerLocked returns the connection manager for the current settings.
func (q *QuickBooks) managerLocked(ctx context.Context) (*connect.Manager, error) {
	if q.manager != nil {
		return q.manager, nil
	}
	if q.account == "" {
		id, err := q.settings.InstallID(ctx)
		if err != nil {
			return nil, err
		}
		q.account, q.secretAccount = "quickbooks:"+id, "intuit-client-secret:"+id
	}
	setup, err := q.resolveSetup(ctx)
	if err != nil {
		return nil, err
	}
	m, err := connect.NewManager(connect.Config{Environment: setup.env, Endpoints: setup.endpoints, App: setup.app,
		Keychain: q.cfg.Keychain, Service: keychainService, Account: q.account, Log: q.app.log})
	if err != nil {
		return nil, err
	}
	q.manager, q.setup = m, setup
	return m, nil
}

// Status returns the connection as the card shows it.
func (q *QuickBooks) Status() (ConnectionStatus, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.statusLocked(q.app.ctx)
}

func (q *QuickBooks) statusLocked(ctx context.Context) (ConnectionStatus, error) {
	env := connect.Environment(first(q.cfg.Overrides.Environment, q.settingLocked(ctx, settingEnvironment), "embedded"))
	st := ConnectionStatus{State: "disconnected", Environment: env, Reason: q.lastError}
	if q.pending != nil {
		st.State, st.AuthURL, st.NeedsPaste = "connecting", q.pending.URL, !q.pending.Loopback
	}
	conn, err := q.conns.Get(ctx)
	if err != nil {
		return st, err
	}
	if conn != nil {
		st.Environment, st.CompanyName, st.RealmID, st.Country = connect.Environment(conn.Environment), conn.CompanyName, conn.RealmID, conn.Country
		st.ConnectedAt = &conn.ConnectedAt
		if st.State != "connecting" {
			st.State, st.Reason = conn.State, conn.StateReason
		}
		if m, err := q.managerLocked(ctx); err == nil {
			if g, err := m.Grant(); err == nil {
				h := connect.HealthOf(g, q.app.now())
				st.DaysLeft, st.Warning = h.DaysLeft, h.Warning
				st.ExpiresAt = timePtr(h.ExpiresAt)
				st.HardExpiresAt = timePtr(h.HardExpiresAt)
			} else if st.State == sqlite.ConnectionConnected {
				st.State, st.Reason = sqlite.ConnectionNeedsReconnect, plainKeychainProblem(err)
			}
		}
	}
	st.EnvironmentLabel = environmentLabel(st.Environment)
	return st, nil
}

func (q *QuickBooks) settingLocked(ctx context.Context, key string) string {
	v, _, _ := q.settings.Get(ctx, key)
	return v
}

// Connect begins signing in to QuickBooks: the system browser (or the UI)
// opens Intuit's consent page; the answer arrives on the loopback listener
// or is pasted back. Progress arrives as EventQuickBooksStatus.
func (q *QuickBooks) Connect() (ConnectStart, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.pending != nil {
		return ConnectStart{AuthURL: q.pending.URL, NeedsPaste: !q.pending.Loopback}, nil
	}
	q.manager = nil // pick up settings changed since
	m, err := q.managerLocked(q.app.ctx)
	if err != nil {
		return ConnectStart{}, err
	}
	p, err := m.Begin(q.app.ctx)
	if err != nil {
		return ConnectStart{}, err
	}
	waitCtx, stop := context.WithCancel(q.app.ctx)
	q.pending, q.stopWait, q.lastError = p, stop, ""
	start := ConnectStart{AuthURL: p.URL, NeedsPaste: !p.Loopback}
	if q.cfg.OpenURL != nil {
		if err := q.cfg.OpenURL(p.URL); err == nil {
			start.OpenedBrowser = true
		} else {
			q.app.log.Warn("could not open the system browser", "err", err)
		}
	}
	go q.wait(waitCtx, m, p)
	q.emitLocked()
	return start, nil
}

// wait finishes a sign-in in the background.
func (q *QuickBooks) wait(ctx context.Context, m *connect.Manager, p *connect.Pending) {
	grant, err := p.Wait(ctx)
	var info *qbo.CompanyInfo
	if err == nil {
		info, err = q.companyInfo(ctx, m, grant.RealmID)
		if err != nil {
			err = fmt.Errorf("connected, but QuickBooks did not send the company's details: %w", err)
		}
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if q.pending != p {
		return // cancelled and replaced meanwhile
	}
	q.pending, q.stopWait = nil, nil
	if grant != nil {
		conn := &sqlite.QBOConnection{Environment: string(q.setup.env), RealmID: grant.RealmID, State: sqlite.ConnectionConnected,
			ConnectedAt: grant.ConnectedAt, RefreshExpiresAt: grant.RefreshExpiresAt, RefreshHardExpiresAt: grant.RefreshHardExpiresAt}
		if info != nil {
			conn.CompanyName, conn.Country = info.CompanyName, info.Country
		}
		if serr := q.conns.Save(q.app.ctx, conn); serr != nil {
			q.app.log.Error("save QuickBooks connection", "err", serr)
		}
	}
	switch {
	case err == nil:
		q.app.log.Info("connected to QuickBooks", "realm", grant.RealmID, "environment", q.setup.env)
	case errors.Is(err, context.Canceled):
		q.lastError = ""
	default:
		q.lastError = plainConnectError(err)
		q.app.log.Warn("QuickBooks sign-in did not complete", "err", q.lastError)
	}
	q.emitLocked()
}

func (q *QuickBooks) companyInfo(ctx context.Context, m *connect.Manager, realm string) (*qbo.CompanyInfo, error) {
	c, err := qbo.NewClient(qbo.Config{BaseURL: q.setup.endpoints.APIBase, RealmID: realm, TokenSource: m.TokenSource()})
	if err != nil {
		return nil, err
	}
	return c.Company.Info(ctx)
}

// CancelConnect abandons a sign-in under way.
func (q *QuickBooks) CancelConnect() {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.cancelPendingLocked()
	q.emitLocked()
}

func (q *QuickBooks) cancelPendingLocked() {
	if q.pending != nil {
		q.pending.Cancel()
		q.stopWait()
		q.pending, q.stopWait = nil, nil
	}
}

// CompleteWithURL finishes a sign-in whose redirect URI is not loopback: the
// user pastes the address their browser was sent to.
func (q *QuickBooks) CompleteWithURL(pasted string) error {
	q.mu.Lock()
	p := q.pending
	q.mu.Unlock()
	if p == nil {
		return practice.Errorf(practice.EINVALID, "No QuickBooks sign-in is under way; press Connect first.")
	}
	return p.CompleteWithURL(pasted)
}

// Check asks QuickBooks for the company's details, proving the connection
// works (refreshing the sign-in if due) and updating the name shown.
func (q *QuickBooks) Check() (ConnectionStatus, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	ctx := q.app.ctx
	conn, err := q.conns.Get(ctx)
	if err != nil {
		return ConnectionStatus{}, err
	}
	if conn == nil {
		return ConnectionStatus{}, practice.Errorf(practice.EINVALID, "Ledgerlink is not connected to QuickBooks.")
	}
	if conn.State == sqlite.ConnectionNeedsReconnect {
		// Calls to QuickBooks pause until the firm reconnects.
		return q.statusLocked(ctx)
	}
	m, err := q.managerLocked(ctx)
	if err != nil {
		return ConnectionStatus{}, err
	}
	info, err := q.companyInfo(ctx, m, conn.RealmID)
	if qbo.IsAuthExpired(err) && !errors.Is(err, connect.ErrNeedsReconnect) {
		// The access token may only have ended early: refresh once, retry.
		m.DropAccessToken()
		info, err = q.companyInfo(ctx, m, conn.RealmID)
	}
	if err != nil {
		if errors.Is(err, connect.ErrNeedsReconnect) || qbo.IsAuthExpired(err) {
			q.markNeedsReconnectLocked(ctx, conn, plainAuthError(err))
			return q.statusLocked(ctx)
		}
		return ConnectionStatus{}, practice.Errorf(practice.EINVALID, "QuickBooks did not answer: %s", plainConnectError(err))
	}
	conn.CompanyName, conn.Country = info.CompanyName, info.Country
	if g, err := m.Grant(); err == nil {
		conn.RefreshExpiresAt, conn.RefreshHardExpiresAt = g.RefreshExpiresAt, g.RefreshHardExpiresAt
	}
	if err := q.conns.Save(ctx, conn); err != nil {
		return ConnectionStatus{}, err
	}
	q.emitLocked()
	return q.statusLocked(ctx)
}

func (q *QuickBooks) markNeedsReconnectLocked(ctx context.Context, conn *sqlite.QBOConnection, reason string) {
	conn.State, conn.StateReason = sqlite.ConnectionNeedsReconnect, reason
	if err := q.conns.Save(ctx, conn); err != nil {
		q.app.log.Error("save QuickBooks connection state", "err", err)
	}
	if q.manager != nil {
		q.manager.MarkNeedsReconnect(reason)
	}
	q.app.log.Warn("QuickBooks needs reconnecting", "reason", reason)
	q.emitLocked()
}

// Disconnect revokes the sign-in at Intuit, then forgets it.
func (q *QuickBooks) Disconnect() error {
	return q.end(func(m *connect.Manager) error { return m.Disconnect(q.app.ctx) }, "disconnected from QuickBooks")
}

// Forget removes the sign-in from this computer without telling Intuit: the
// way out when Disconnect cannot reach QuickBooks. The firm can revoke the
// app's access in QuickBooks itself (Settings → Apps).
func (q *QuickBooks) Forget() error {
	return q.end((*connect.Manager).Forget, "QuickBooks sign-in forgotten on this computer (not revoked)")
}

// end ends the connection the way how does, then forgets its record.
func (q *QuickBooks) end(how func(*connect.Manager) error, done string) error {
	q.mu.Lock()
	defer q.mu.Unlock()
	ctx := q.app.ctx
	q.cancelPendingLocked()
	m, err := q.managerLocked(ctx)
	if err != nil {
		return err
	}
	if err := how(m); err != nil {
		return practice.Errorf(practice.EINVALID, "%s", plainConnectError(err))
	}
	if err := q.conns.Delete(ctx); err != nil {
		return err
	}
	q.lastError = ""
	q.app.log.Info(done)
	q.emitLocked()
	return nil
}

func (q *QuickBooks) emitLocked() {
	st, err := q.statusLocked(q.app.ctx)
	if err != nil {
		q.app.log.Error("QuickBooks status", "err", err)
		return
	}
	q.app.events.Emit(EventQuickBooksStatus, st)
}

// plainConnectError is the sentence shown for a connection failure. The
// connect package already words its errors for people and keeps tokens out.
func plainConnectError(err error) string {
	var pe *practice.Error
	if errors.As(err, &pe) {
		return pe.Message
	}
	return err.Error()
}

// plainAuthError explains why QuickBooks refused the sign-in, keeping
// Intuit's reference for support when there is one.
func plainAuthError(err error) string {
	if errors.Is(err, connect.ErrNeedsReconnect) {
		return plainConnectError(err)
	}
	msg := "QuickBooks no longer accepts Ledgerlink's sign-in: it may have been disconnected in QuickBooks, or the company's admin changed."
	var qe *qbo.Error
	if errors.As(err, &qe) && qe.IntuitTID != "" {
		msg += " (QuickBooks reference " + qe.IntuitTID + ".)"
	}
	return msg
}

func plainKeychainProblem(err error) string {
	if errors.Is(err, connect.ErrNotFound) {
		return "The saved QuickBooks sign-in is missing from this computer's keychain."
	}
	return plainConnectError(err)
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
