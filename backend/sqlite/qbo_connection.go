package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"ledgerlink/backend/practice"
)

// QBOConnectionService keeps the one QuickBooks connection record. It
// implements practice.QBOConnectionService.
type QBOConnectionService struct {
	db *DB
}

var _ practice.QBOConnectionService = (*QBOConnectionService)(nil)

// NewQBOConnectionService returns the connection store on db.
func NewQBOConnectionService(db *DB) *QBOConnectionService { return &QBOConnectionService{db: db} }

// FindQBOConnection returns the connection, or nil when there is none.
func (s *QBOConnectionService) FindQBOConnection(ctx context.Context) (c *practice.QBOConnection, err error) {
	err = s.db.View(ctx, func(tx *Tx) error {
		c, err = tx.FindQBOConnection(ctx)
		return err
	})
	return c, err
}

// SaveQBOConnection stores c as the connection, replacing any other.
func (s *QBOConnectionService) SaveQBOConnection(ctx context.Context, c *practice.QBOConnection) error {
	return s.db.Update(ctx, func(tx *Tx) error { return tx.SaveQBOConnection(ctx, c) })
}

// DeleteQBOConnection forgets the connection.
func (s *QBOConnectionService) DeleteQBOConnection(ctx context.Context) error {
	return s.db.Update(ctx, func(tx *Tx) error { return tx.DeleteQBOConnection(ctx) })
}

// FindQBOConnection returns the connection, or nil when there is none.
func (tx *Tx) FindQBOConnection(ctx context.Context) (*practice.QBOConnection, error) {
	var c practice.QBOConnection
	var state, connected, refresh, hard, updated string
	err := tx.queryRow(ctx, `SELECT environment, realm_id, company_name, country, state, state_reason, info_problem,
		connected_at, refresh_expires_at, refresh_hard_expires_at, updated_at FROM qbo_connection WHERE id = 1`).
		Scan(&c.Environment, &c.RealmID, &c.CompanyName, &c.Country, &state, &c.StateReason, &c.InfoProblem,
			&connected, &refresh, &hard, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read QuickBooks connection: %w", err)
	}
	c.State = practice.ConnectionState(state)
	for _, f := range []struct {
		s string
		t *time.Time
	}{{connected, &c.ConnectedAt}, {refresh, &c.RefreshExpiresAt}, {hard, &c.RefreshHardExpiresAt}, {updated, &c.UpdatedAt}} {
		if f.s == "" {
			continue
		}
		if *f.t, err = parseTime(f.s); err != nil {
			return nil, err
		}
	}
	return &c, nil
}

// SaveQBOConnection stores c as the connection, replacing any other. Only
// the two lasting states are stored: Connected and NeedsReconnect.
func (tx *Tx) SaveQBOConnection(ctx context.Context, c *practice.QBOConnection) error {
	if c.State != practice.Connected && c.State != practice.NeedsReconnect {
		return fmt.Errorf("save QuickBooks connection: state %q is not kept", c.State)
	}
	c.UpdatedAt = tx.now
	if _, err := tx.exec(ctx, `INSERT INTO qbo_connection (id, environment, realm_id, company_name, country,
		state, state_reason, info_problem, connected_at, refresh_expires_at, refresh_hard_expires_at, updated_at)
		VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET environment = excluded.environment, realm_id = excluded.realm_id,
		company_name = excluded.company_name, country = excluded.country, state = excluded.state,
		state_reason = excluded.state_reason, info_problem = excluded.info_problem, connected_at = excluded.connected_at,
		refresh_expires_at = excluded.refresh_expires_at, refresh_hard_expires_at = excluded.refresh_hard_expires_at,
		updated_at = excluded.updated_at`,
		c.Environment, c.RealmID, c.CompanyName, c.Country, string(c.State), c.StateReason, c.InfoProblem,
		formatTime(c.ConnectedAt), optionalTime(c.RefreshExpiresAt), optionalTime(c.RefreshHardExpiresAt),
		formatTime(c.UpdatedAt)); err != nil {
		return fmt.Errorf("save QuickBooks connection: %w", err)
	}
	return nil
}

// DeleteQBOConnection forgets the connection.
func (tx *Tx) DeleteQBOConnection(ctx context.Context) error {
	if _, err := tx.exec(ctx, `DELETE FROM qbo_connection`); err != nil {
		return fmt.Errorf("forget QuickBooks connection: %w", err)
	}
	return nil
}

func optionalTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatTime(t)
}
