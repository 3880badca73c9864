package quickbooks

import (
	"context"

	"ledgerlink/backend/connect"
)

// Disconnect revokes the sign-in at Intuit, then forgets it and the
// connection record. When Intuit cannot be reached, nothing is forgotten
// and the error says so (Forget is the way out).
func (s *Session) Disconnect(ctx context.Context) error {
	actx, done := s.action(ctx)
	defer done()
	return s.end(ctx, func(m *connect.Manager) error { return m.Disconnect(actx) }, "disconnected from QuickBooks")
}

// Forget removes the sign-in from this computer without telling Intuit:
// the way out when Disconnect cannot reach QuickBooks. The firm can revoke
// the app's access in QuickBooks itself (Settings → Apps).
func (s *Session) Forget(ctx context.Context) error {
	return s.end(ctx, (*connect.Manager).Forget, "QuickBooks sign-in forgotten on this computer (not revoked)")
}

// end ends the connection the way how does (outside the lock: Disconnect
// calls Intuit), then forgets its record.
func (s *Session) end(ctx context.Context, how func(*connect.Manager) error, done string) error {
	s.mu.Lock()
	s.cancelPendingLocked()
	s.mu.Unlock()
	m, _, err := s.connection(ctx)
	if err != nil {
		return Explain(err)
	}
	if err := how(m); err != nil {
		s.notify(ctx)
		return Explain(err)
	}
	if err := s.cfg.Connections.DeleteQBOConnection(ctx); err != nil {
		return Explain(err)
	}
	s.mu.Lock()
	s.lastError = ""
	s.mu.Unlock()
	s.log.Info(done)
	s.notify(ctx)
	return nil
}
