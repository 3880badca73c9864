package connect

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"ledgerlink/backend/qbo"
	"ledgerlink/backend/qbo/sandbox"
	"ledgerlink/internal/testkit"
)

// env is a sandbox behind real HTTP (testkit.Sandbox: it records every
// secret that crosses the wire), the one clock the sandbox and the Manager
// share, so moving it expires tokens on both sides at once, a keychain
// account of the test's own, and the Manager's log.
type env struct {
	*testkit.Sandbox
	t       *testing.T
	clock   *testkit.Clock
	account string
	logs    *testkit.LogBuffer
}

// newEnv starts a sandbox whose registered redirect URI is a loopback
// address on a free port (or the first of opts' RedirectURIs).
func newEnv(t *testing.T, opts ...func(*sandbox.Options)) *env {
	t.Helper()
	clock := testkit.NewClock()
	sb := testkit.StartSandbox(t, append([]func(*sandbox.Options){func(o *sandbox.Options) { o.Now = clock.Now }}, opts...)...)
	return &env{Sandbox: sb, t: t, clock: clock, account: testkit.KeychainAccount(t), logs: &testkit.LogBuffer{}}
}

// rotateEveryRefresh makes the sandbox issue a new refresh token on every
// refresh, so that tests of saving rotated tokens see one each time. (By
// default it behaves as Intuit does: the same refresh token for about a day.)
func rotateEveryRefresh(o *sandbox.Options) { o.RotateEveryRefresh = true }

// config is a Manager configuration for this environment.
func (e *env) config() Config {
	return Config{
		Environment: Embedded,
		Endpoints:   SandboxEndpoints(e.URL),
		App:         App{ClientID: e.ClientID, ClientSecret: e.ClientSecret, RedirectURI: e.RedirectURI},
		Keychain:    OSKeychain(),
		Service:     testkit.KeychainService,
		Account:     e.account,
		Now:         e.clock.Now,
		Log:         slog.New(slog.NewTextHandler(e.logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
}

// manager returns a Manager for this environment, changed by mods.
func (e *env) manager(mods ...func(*Config)) *Manager {
	e.t.Helper()
	cfg := e.config()
	for _, f := range mods {
		f(&cfg)
	}
	m, err := NewManager(cfg)
	if err != nil {
		e.t.Fatalf("NewManager: %v", err)
	}
	return m
}

// assertNoSecret fails if any text holds a token, code, verifier or the
// client secret seen so far.
func (e *env) assertNoSecret(texts ...string) {
	e.t.Helper()
	e.AssertNoSecret(e.t, texts...)
}

// assertErrClean checks err's text, and the text of everything it wraps,
// for secrets.
func (e *env) assertErrClean(err error) {
	e.t.Helper()
	e.AssertErrClean(e.t, err)
}

// begin starts an authorization with m, failing the test if it cannot.
func (e *env) begin(m *Manager) *Pending {
	e.t.Helper()
	p, err := m.Begin(context.Background())
	if err != nil {
		e.t.Fatalf("Begin: %v", err)
	}
	return p
}

// connect runs a whole authorization in the browser and returns the grant.
func (e *env) connect(m *Manager) *Grant {
	e.t.Helper()
	p := e.begin(m)
	testkit.Approve(e.t, p.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	g, err := p.Wait(ctx)
	if err != nil {
		e.t.Fatalf("Wait: %v", err)
	}
	return g
}

// saved reads the grant straight from the keychain, refresh token included.
func (e *env) saved() *Grant {
	e.t.Helper()
	s, err := OSKeychain().Get(testkit.KeychainService, e.account)
	if err != nil {
		e.t.Fatalf("keychain: %v", err)
	}
	g, err := decodeGrant(s)
	if err != nil {
		e.t.Fatalf("decode the keychain item: %v", err)
	}
	return g
}

// api is a QBO client on m's token source.
func (e *env) api(m *Manager, realm string) *qbo.Client {
	e.t.Helper()
	c, err := qbo.NewClient(qbo.Config{BaseURL: m.Endpoints().APIBase, RealmID: realm, TokenSource: m.TokenSource()})
	if err != nil {
		e.t.Fatalf("qbo client: %v", err)
	}
	return c
}

// companyName reads CompanyInfo through c.
func companyName(t *testing.T, c *qbo.Client) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	info, err := c.Company.Info(ctx)
	if err != nil {
		return "", err
	}
	return info.CompanyName, nil
}
