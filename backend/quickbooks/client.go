package quickbooks

import (
	"context"

	"ledgerlink/backend/connect"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo"
)

// Client returns a client for the connected company, ready for the sync
// engine and the verbs: its tokens come from the keychain's grant and are
// renewed as needed, and a call QuickBooks refuses with 401 costs one
// refresh and one retry; a second refusal puts the connection in
// needs-reconnect, and calls pause until the firm signs in again. It fails
// (EUNAUTHORIZED or EINVALID, worded for the accountant) when there is no
// usable connection.
func (s *Session) Client(ctx context.Context) (*qbo.Client, error) {
	conn, err := s.cfg.Connections.FindQBOConnection(ctx)
	if err != nil {
		return nil, Explain(err)
	}
	switch {
	case conn == nil:
		return nil, practice.Errorf(practice.EINVALID, "Ledgerlink is not connected to QuickBooks. Connect it in Settings → Connected apps (or run 'ledgerlink connect').")
	case conn.State == practice.NeedsReconnect:
		return nil, practice.Errorf(practice.EUNAUTHORIZED, "%s", conn.StateReason)
	}
	m, _, err := s.connection(ctx)
	if err != nil {
		return nil, Explain(err)
	}
	c, err := s.client(m, conn.RealmID)
	return c, Explain(err)
}

// client is a QBO client for realm on m's tokens, with the 401 policy.
func (s *Session) client(m *connect.Manager, realm string) (*qbo.Client, error) {
	return qbo.NewClient(qbo.Config{BaseURL: m.Endpoints().APIBase, RealmID: realm, TokenSource: m.TokenSource(),
		Retry: s.cfg.Retry,
		Unauthorized: func(ctx context.Context, refusal *qbo.Error, again bool) bool {
			if !again {
				// The access token may only have ended early (or
				// clocks disagree): refresh once and try again.
				m.DropAccessToken()
				return true
			}
			m.MarkNeedsReconnect(Sentence(refusal))
			return false
		}})
}

// recordNeedsReconnect keeps the needs-reconnect state in the record, so
// that it outlives the process and Status shows it; the connect package
// calls it whenever the connection falls into that state.
func (s *Session) recordNeedsReconnect(reason string) {
	ctx := context.Background()
	conn, err := s.cfg.Connections.FindQBOConnection(ctx)
	if err != nil || conn == nil {
		if err != nil {
			s.log.Error("read QuickBooks connection", "err", err)
		}
		return
	}
	if conn.State == practice.NeedsReconnect && conn.StateReason == reason {
		return
	}
	conn.State, conn.StateReason = practice.NeedsReconnect, reason
	if err := s.cfg.Connections.SaveQBOConnection(ctx, conn); err != nil {
		s.log.Error("save QuickBooks connection state", "err", err)
		return
	}
	s.log.Warn("QuickBooks needs reconnecting", "reason", reason)
	s.notify(ctx)
}

// Check asks QuickBooks for the company's details, proving the connection
// works (renewing the sign-in if due) and updating the name shown. A
// connection that needs reconnecting is not tried: its status is returned.
func (s *Session) Check(ctx context.Context) (Status, error) {
	actx, done := s.action(ctx)
	defer done()
	st, err := s.check(actx)
	if err != nil && actx.Err() != nil && ctx.Err() == nil {
		// The bound or a cancel ended it, not the caller: say which.
		err = actx.Err()
	}
	if err != nil {
		return Status{}, Explain(err)
	}
	return st, nil
}

func (s *Session) check(ctx context.Context) (Status, error) {
	conn, err := s.cfg.Connections.FindQBOConnection(ctx)
	if err != nil {
		return Status{}, Explain(err)
	}
	if conn == nil {
		return Status{}, practice.Errorf(practice.EINVALID, "Ledgerlink is not connected to QuickBooks.")
	}
	if conn.State == practice.NeedsReconnect {
		return s.Status(ctx)
	}
	c, err := s.Client(ctx)
	if err != nil {
		return s.statusOr(ctx, err)
	}
	info, err := c.Company.Info(ctx)
	if err != nil {
		return s.statusOr(ctx, err)
	}
	m, _, err := s.connection(ctx)
	if err != nil {
		return Status{}, Explain(err)
	}
	// Read again: the record may have changed during the call.
	if conn, err = s.cfg.Connections.FindQBOConnection(ctx); err != nil || conn == nil {
		return s.statusOr(ctx, err)
	}
	conn.CompanyName, conn.Country, conn.InfoProblem = info.CompanyName, info.Country, ""
	if g, err := m.Grant(); err == nil {
		conn.RefreshExpiresAt, conn.RefreshHardExpiresAt = g.RefreshExpiresAt, g.RefreshHardExpiresAt
	}
	if err := s.cfg.Connections.SaveQBOConnection(ctx, conn); err != nil {
		return Status{}, Explain(err)
	}
	s.notify(ctx)
	return s.Status(ctx)
}

// statusOr answers a failed check: when the connection fell into
// needs-reconnect meanwhile (already recorded), its status says why; any
// other failure is the answer.
func (s *Session) statusOr(ctx context.Context, err error) (Status, error) {
	st, serr := s.Status(ctx)
	switch {
	case serr != nil:
		return Status{}, serr
	case err == nil || st.State == practice.NeedsReconnect:
		return st, nil
	}
	return Status{}, Explain(err)
}
