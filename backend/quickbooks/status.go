package quickbooks

import (
	"context"
	"errors"
	"time"

	"ledgerlink/backend/connect"
	"ledgerlink/backend/practice"
)

// Status is the connection as the QuickBooks card and `status --json` show
// it.
type Status struct {
	State            practice.ConnectionState `json:"state"`
	Environment      connect.Environment      `json:"environment"`
	EnvironmentLabel string                   `json:"environmentLabel"`
	CompanyName      string                   `json:"companyName"`
	RealmID          string                   `json:"realmId"`
	Country          string                   `json:"country"`
	ConnectedAt      *time.Time               `json:"connectedAt,omitempty"`
	// DaysLeft is whole days before the sign-in expires: the earlier of
	// the 100-day rolling expiry and Intuit's 5-year cap (ExpiresAt).
	DaysLeft  int        `json:"daysLeft"`
	ExpiresAt *time.Time `json:"expiresAt,omitempty"`
	// HardExpiresAt is Intuit's 5-year cap, HardDaysLeft the whole days
	// to it; both absent when QuickBooks did not say.
	HardExpiresAt *time.Time `json:"hardExpiresAt,omitempty"`
	HardDaysLeft  *int       `json:"hardDaysLeft,omitempty"`
	// Warning is a sentence when the sign-in ends soon.
	Warning string `json:"warning"`
	// Reason says why the connection is not usable (or the last sign-in
	// failed).
	Reason string `json:"reason"`
	// InfoProblem says why the company's details could not be read yet.
	InfoProblem string `json:"infoProblem,omitempty"`
	AuthURL     string `json:"authUrl"`
	NeedsPaste  bool   `json:"needsPaste"`
}

// Status returns the connection as it stands, from what is known: the
// record, a sign-in under way and the grant's expiries in the keychain. It
// sends nothing to QuickBooks.
func (s *Session) Status(ctx context.Context) (Status, error) {
	env, err := s.environment(ctx)
	if err != nil {
		return Status{}, Explain(err)
	}
	s.mu.Lock()
	st := Status{State: practice.Disconnected, Environment: env, Reason: s.lastError}
	if s.pending != nil {
		st.State, st.AuthURL, st.NeedsPaste = practice.Connecting, s.pending.URL, !s.pending.Loopback
	}
	m := s.manager
	s.mu.Unlock()

	conn, err := s.cfg.Connections.FindQBOConnection(ctx)
	if err != nil {
		return st, Explain(err)
	}
	if conn != nil {
		st.Environment, st.CompanyName, st.RealmID, st.Country = connect.Environment(conn.Environment), conn.CompanyName, conn.RealmID, conn.Country
		st.ConnectedAt, st.InfoProblem = &conn.ConnectedAt, conn.InfoProblem
		if st.State != practice.Connecting {
			st.State, st.Reason = conn.State, conn.StateReason
		}
		if m == nil {
			m, _, err = s.connection(ctx)
		}
		if err == nil {
			st.health(m, conn, s.now())
		}
	}
	st.EnvironmentLabel = environmentLabel(st.Environment)
	return st, nil
}

// health fills in the days left, from the keychain's grant when it can be
// read (it is renewed with every refresh), else from the record. A missing
// grant means the connection cannot work.
func (st *Status) health(m *connect.Manager, conn *practice.QBOConnection, now time.Time) {
	g, err := m.Grant()
	if err != nil {
		if st.State == practice.Connected {
			st.State, st.Reason = practice.NeedsReconnect, Sentence(keychainProblem(err))
		}
		g = &connect.Grant{RefreshExpiresAt: conn.RefreshExpiresAt, RefreshHardExpiresAt: conn.RefreshHardExpiresAt}
	}
	h := connect.HealthOf(g, now)
	st.DaysLeft, st.Warning = h.DaysLeft, h.Warning
	st.ExpiresAt, st.HardExpiresAt = timePtr(h.ExpiresAt), timePtr(h.HardExpiresAt)
	if !h.HardExpiresAt.IsZero() {
		days := max(0, int(h.HardExpiresAt.Sub(now)/(24*time.Hour)))
		st.HardDaysLeft = &days
	}
}

// keychainProblem words a failure to read the grant.
func keychainProblem(err error) error {
	if errors.Is(err, connect.ErrNotFound) {
		return practice.Errorf(practice.EINVALID, "The saved QuickBooks sign-in is missing from this computer's keychain. Press Reconnect to sign in again.")
	}
	return err
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
