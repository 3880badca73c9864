package quickbooks

import (
	"context"
	"errors"

	"ledgerlink/backend/connect"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo"
)

// Start tells the caller how a sign-in began.
type Start struct {
	AuthURL       string `json:"authUrl"`
	NeedsPaste    bool   `json:"needsPaste"`    // the redirect is not loopback: the person pastes the address back
	OpenedBrowser bool   `json:"openedBrowser"` // Config.OpenURL opened the system browser
}

// Connect begins signing in to QuickBooks: the system browser opens
// Intuit's consent page (through Config.OpenURL, else the caller opens
// Start.AuthURL); the answer arrives on the loopback listener or is pasted
// back (CompleteWithURL). It returns at once; the outcome arrives through
// Config.OnChange. A sign-in already under way is returned again.
func (s *Session) Connect(ctx context.Context) (Start, error) {
	s.mu.Lock()
	if p := s.pending; p != nil {
		s.mu.Unlock()
		return Start{AuthURL: p.URL, NeedsPaste: !p.Loopback}, nil
	}
	s.resetConnectionLocked() // pick up settings changed since
	s.mu.Unlock()

	m, _, err := s.connection(ctx)
	if err != nil {
		return Start{}, Explain(err)
	}
	p, err := m.Begin(ctx)
	if err != nil {
		return Start{}, Explain(err)
	}
	s.mu.Lock()
	if s.closed || s.pending != nil {
		// Closed, or another Connect won the race: keep one sign-in.
		other := s.pending
		s.mu.Unlock()
		p.Cancel()
		if other == nil {
			return Start{}, Explain(connect.ErrCancelled)
		}
		return Start{AuthURL: other.URL, NeedsPaste: !other.Loopback}, nil
	}
	// The wait outlives ctx (one UI call) but ends with the session.
	waitCtx, stop := context.WithCancel(context.WithoutCancel(ctx))
	s.pending, s.stopWait, s.lastError = p, stop, ""
	s.mu.Unlock()

	start := Start{AuthURL: p.URL, NeedsPaste: !p.Loopback}
	if s.cfg.OpenURL != nil {
		if err := s.cfg.OpenURL(p.URL); err == nil {
			start.OpenedBrowser = true
		} else {
			s.log.Warn("could not open the system browser", "err", err)
		}
	}
	go s.wait(waitCtx, m, p)
	s.notify(ctx)
	return start, nil
}

// wait finishes a sign-in in the background: the grant, then the
// company's details, then the record.
func (s *Session) wait(ctx context.Context, m *connect.Manager, p *connect.Pending) {
	grant, err := p.Wait(ctx)
	var conn *practice.QBOConnection
	if err == nil {
		conn = &practice.QBOConnection{Environment: string(grant.Environment), RealmID: grant.RealmID,
			State: practice.Connected, ConnectedAt: grant.ConnectedAt, RefreshExpiresAt: grant.RefreshExpiresAt,
			RefreshHardExpiresAt: grant.RefreshHardExpiresAt}
		// Prove the connection with the first call, outside any lock; the
		// person is waiting for it, so it is bounded like a check.
		actx, done := s.action(ctx)
		s.readCompany(actx, m, conn)
		done()
	}

	s.mu.Lock()
	if s.pending != p {
		s.mu.Unlock()
		return // cancelled and replaced meanwhile
	}
	s.pending, s.stopWait = nil, nil
	switch {
	case err == nil:
	case errors.Is(err, context.Canceled), errors.Is(err, connect.ErrCancelled):
		s.lastError = ""
	default:
		s.lastError = Sentence(err)
	}
	s.mu.Unlock()

	if conn != nil {
		if serr := s.cfg.Connections.SaveQBOConnection(context.WithoutCancel(ctx), conn); serr != nil {
			s.log.Error("save QuickBooks connection", "err", serr)
		}
		s.log.Info("connected to QuickBooks", "realm", conn.RealmID, "environment", conn.Environment,
			"state", conn.State, "infoProblem", conn.InfoProblem)
	} else if err != nil {
		s.log.Warn("QuickBooks sign-in did not complete", "err", Sentence(err))
	}
	s.notify(context.WithoutCancel(ctx))
}

// readCompany asks QuickBooks for the company's details and puts them on
// conn. A refused first call means the connection is not usable; any other
// failure leaves it connected, with the problem said.
func (s *Session) readCompany(ctx context.Context, m *connect.Manager, conn *practice.QBOConnection) {
	c, err := s.client(m, conn.RealmID)
	var info *qbo.CompanyInfo
	if err == nil {
		info, err = c.Company.Info(ctx)
	}
	switch {
	case err == nil:
		conn.CompanyName, conn.Country, conn.InfoProblem = info.CompanyName, info.Country, ""
	case practice.ErrorCode(Explain(err)) == practice.EUNAUTHORIZED:
		conn.State, conn.StateReason = practice.NeedsReconnect, Sentence(err)
	default:
		conn.InfoProblem = "Connected, but QuickBooks did not send the company's details yet: " + Sentence(err)
	}
}

// CancelConnect abandons a sign-in under way.
func (s *Session) CancelConnect(ctx context.Context) {
	s.mu.Lock()
	s.cancelPendingLocked()
	s.mu.Unlock()
	s.notify(ctx)
}

func (s *Session) cancelPendingLocked() {
	if s.pending != nil {
		s.pending.Cancel()
		s.stopWait()
		s.pending, s.stopWait = nil, nil
	}
}

// CompleteWithURL finishes a sign-in whose redirect URI is not loopback:
// the person pastes the address their browser was sent to.
func (s *Session) CompleteWithURL(pasted string) error {
	s.mu.Lock()
	p := s.pending
	s.mu.Unlock()
	if p == nil {
		return practice.Errorf(practice.EINVALID, "No QuickBooks sign-in is under way; press Connect first.")
	}
	return Explain(p.CompleteWithURL(pasted))
}
