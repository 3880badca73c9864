package connect

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"errors"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"time"

	"golang.org/x/oauth2"
)

// exchangeTimeout bounds the code exchange and keychain save after an
// answer was accepted. It runs on even if the wait is cancelled meanwhile:
// the code is single-use, so abandoning it half-way helps nobody.
const exchangeTimeout = 90 * time.Second

// realmPattern is what a company id may look like; it goes into API paths.
var realmPattern = regexp.MustCompile(`^[0-9A-Za-z_-]{1,64}$`)

// errFinished ends a Pending's context once its answer was handled.
var errFinished = errors.New("connect: authorization finished")

// Pending is an authorization in progress: the person signs in at URL and
// QuickBooks sends the browser back with the answer.
type Pending struct {
	// URL is the authorization address to open in the system browser.
	URL string
	// Loopback is true when a listener on this computer receives the
	// answer. When false, the UI must ask the person to paste the address
	// the browser was sent to (CompleteWithURL).
	Loopback bool

	m        *Manager
	state    string
	verifier string
	ctx      context.Context // ends on timeout, cancel, or once the answer is handled
	cancel   context.CancelCauseFunc
	timer    *time.Timer
	srv      *http.Server  // nil unless Loopback
	ln       net.Listener  // nil unless Loopback
	done     chan struct{} // closed when grant and err are set
	stopped  chan struct{} // closed when the listener is closed

	mu       sync.Mutex
	accepted bool  // an answer with the right state was taken (or the wait ended)
	endedBy  error // ErrTimedOut or ErrCancelled when the wait ended unanswered
	grant    *Grant
	err      error
}

// Begin starts an authorization: a random state, a PKCE S256 verifier and
// the authorization URL; when the redirect URI is loopback, a listener on
// its port that serves exactly one answer at its path. The authorization
// ends after Config.CallbackTimeout, on Cancel, or when Wait's context
// ends; ctx only bounds starting it. A Begin cancels the previous one.
func (m *Manager) Begin(ctx context.Context) (*Pending, error) {
	m.beginMu.Lock()
	defer m.beginMu.Unlock()
	m.mu.Lock()
	old := m.pending
	m.mu.Unlock()
	if old != nil {
		old.Cancel() // frees the port for the new listener
	}
	p := &Pending{
		m:        m,
		state:    rand.Text(),
		verifier: oauth2.GenerateVerifier(),
		done:     make(chan struct{}),
		stopped:  make(chan struct{}),
	}
	p.URL = m.oauth.AuthCodeURL(p.state, oauth2.S256ChallengeOption(p.verifier))
	// The authorization outlives Begin's context (which may belong to a
	// single UI call) but keeps its values.
	p.ctx, p.cancel = context.WithCancelCause(context.WithoutCancel(ctx))
	p.timer = time.AfterFunc(m.cfg.CallbackTimeout, func() { p.cancel(ErrTimedOut) })
	if m.loopback != nil {
		ln, err := m.loopback.listen(ctx)
		if err != nil {
			p.timer.Stop()
			p.cancel(err)
			return nil, err
		}
		p.Loopback = true
		p.ln, p.srv = ln, p.serve(ln)
	}
	go p.watch()
	m.mu.Lock()
	m.pending = p
	m.mu.Unlock()
	m.log.Info("QuickBooks authorization started", "loopback", p.Loopback, "timeout", m.cfg.CallbackTimeout.String())
	return p, nil
}

// watch ends the authorization when its context ends: it closes the
// listener (letting an answer being handled finish first) and, if no
// answer came, records why. Answers arriving meanwhile see the ended
// context and are refused.
func (p *Pending) watch() {
	<-p.ctx.Done()
	p.timer.Stop()
	if p.srv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), exchangeTimeout+5*time.Second)
		_ = p.srv.Shutdown(ctx)
		cancel()
		_ = p.srv.Close()
		// Serve may not have taken the listener yet, in which case
		// Shutdown does not close it: close it here, so that the port is
		// free once the attempt is over.
		_ = p.ln.Close()
	}
	p.mu.Lock()
	if !p.accepted {
		p.accepted = true
		p.endedBy = context.Cause(p.ctx)
		p.finishLocked(nil, p.endedBy)
		p.m.log.Info("QuickBooks authorization ended without an answer", "why", p.endedBy.Error())
	}
	p.mu.Unlock()
	p.m.mu.Lock()
	if p.m.pending == p {
		p.m.pending = nil
	}
	p.m.mu.Unlock()
	close(p.stopped)
}

// Wait waits for the answer and returns the new connection once it is saved
// in the keychain (its RefreshToken left empty) and the listener is closed.
// If ctx ends first, the authorization is cancelled.
func (p *Pending) Wait(ctx context.Context) (*Grant, error) {
	select {
	case <-p.done:
		// The listener closes right after its one answer; wait for that,
		// so the port is free when Wait returns.
		<-p.stopped
	case <-ctx.Done():
		p.Cancel()
		p.mu.Lock()
		defer p.mu.Unlock()
		if p.grant == nil && (p.endedBy == ErrCancelled || !isDone(p.done)) {
			// Given up here, not by the answer: say so in ctx's terms.
			return nil, ctxError{ctx.Err()}
		}
		return p.grant, p.err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.grant, p.err
}

// CompleteWithURL finishes the authorization from the address the browser
// was sent to, pasted by the person: the fallback where the redirect URI is
// not loopback (Intuit production needs https), and a way out where the
// browser cannot reach the listener. It returns what Wait returns.
func (p *Pending) CompleteWithURL(pasted string) error {
	q, ok := pastedQuery(pasted)
	if !ok {
		return errors.New("That is not the address QuickBooks sent you to. Copy the whole address from the browser's address bar after you choose Connect, and paste it again.")
	}
	_, err := p.complete(q)
	return err
}

// pastedQuery reads the answer's parameters from a pasted address, or from
// just its query. Parse errors are not passed on: they quote the input,
// which holds the code.
func pastedQuery(s string) (url.Values, bool) {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '?'); i >= 0 {
		s = s[i+1:]
	}
	if i := strings.IndexByte(s, '#'); i >= 0 {
		s = s[:i]
	}
	q, err := url.ParseQuery(s)
	if err != nil || (q.Get("state") == "" && q.Get("code") == "" && q.Get("error") == "") {
		return nil, false
	}
	return q, true
}

// Cancel ends the authorization and returns once its listener is closed.
// An answer already being handled is finished first.
func (p *Pending) Cancel() {
	p.cancel(ErrCancelled)
	<-p.stopped
}

// complete handles an answer. The state is checked before anything else, so
// that a forged answer (even one claiming access_denied) changes nothing; a
// refused answer leaves the authorization waiting for the real one.
func (p *Pending) complete(q url.Values) (*Grant, error) {
	if subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(p.state)) != 1 {
		p.m.log.Warn("refused a QuickBooks answer whose state does not match")
		return nil, ErrStateMismatch
	}
	p.mu.Lock()
	switch {
	case p.endedBy != nil:
		p.mu.Unlock()
		return nil, p.endedBy
	case p.accepted:
		p.mu.Unlock()
		p.m.log.Warn("refused a second QuickBooks answer")
		return nil, ErrAlreadyUsed
	case p.ctx.Err() != nil:
		// Ended a moment ago; watch has not recorded it yet.
		p.mu.Unlock()
		return nil, context.Cause(p.ctx)
	}
	p.accepted = true
	p.timer.Stop()
	p.mu.Unlock()

	g, err := p.authorize(q)
	p.mu.Lock()
	p.finishLocked(g, err)
	p.mu.Unlock()
	p.cancel(errFinished) // closes the listener
	return g, err
}

// authorize turns an accepted answer into a saved connection.
func (p *Pending) authorize(q url.Values) (*Grant, error) {
	if e := q.Get("error"); e != "" {
		p.m.log.Info("QuickBooks authorization refused", "code", safeCode(e))
		if e == "access_denied" {
			return nil, ErrAccessDenied
		}
		return nil, &AuthorizationError{Code: safeCode(e)}
	}
	code, realm := q.Get("code"), q.Get("realmId")
	if code == "" {
		return nil, errors.New("QuickBooks answered without a sign-in code. Press Connect to try again.")
	}
	if !realmPattern.MatchString(realm) {
		return nil, errors.New("QuickBooks did not say which company was connected. Press Connect to try again.")
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(p.ctx), exchangeTimeout)
	defer cancel()
	t, err := p.m.exchange(ctx, code, p.verifier)
	if err != nil {
		return nil, err
	}
	if t.refresh == "" {
		return nil, errors.New("QuickBooks connected but sent no refresh token, so the connection could not be kept. Press Connect to try again.")
	}
	now := p.m.now()
	g := &Grant{RealmID: realm, Environment: p.m.cfg.Environment, RefreshToken: t.refresh, ConnectedAt: now}
	if t.refreshTTL > 0 {
		g.RefreshExpiresAt = now.Add(t.refreshTTL)
	}
	if t.hardTTL > 0 {
		g.RefreshHardExpiresAt = now.Add(t.hardTTL)
	}
	if err := p.m.connected(g, t); err != nil {
		return nil, err
	}
	return g.public(), nil
}

// isDone reports whether ch is closed.
func isDone(ch chan struct{}) bool {
	select {
	case <-ch:
		return true
	default:
		return false
	}
}

// finishLocked records the outcome once. The caller holds p.mu.
func (p *Pending) finishLocked(g *Grant, err error) {
	if isDone(p.done) {
		return
	}
	p.grant, p.err = g, err
	close(p.done)
}
