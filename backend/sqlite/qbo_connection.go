package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Connection states as stored.
const (
	ConnectionConnected      = "connected"
	ConnectionNeedsReconnect = "needs_reconnect"
)

// QBOConnection is what the app shows of its QuickBooks connection. It holds
// nothing secret: the tokens are in the OS keychain.
type QBOConnection struct {
	Environment          string
	RealmID              string
	CompanyName          string
	Country              string
	State                string // ConnectionConnected or ConnectionNeedsReconnect
	StateReason          string // plain words, shown beside Reconnect
	ConnectedAt          time.Time
	RefreshExpiresAt     time.Time // zero when unknown
	RefreshHardExpiresAt time.Time // zero when unknown
	UpdatedAt            time.Time
}

// QBOConnectionService keeps the one QuickBooks connection record.
type QBOConnectionService struct {
	db *DB
}

// NewQBOConnectionService returns the connection store on db.
func NewQBOConnectionService(db *DB) *QBOConnectionService { return &QBOConnectionService{db: db} }

// Get returns the connection, or nil when there is none.
func (s *QBOConnectionService) Get(ctx context.Context) (*QBOConnection, error) {
	var c QBOConnection
	var connected, refresh, hard, updated string
	err := s.db.db.QueryRowContext(ctx, `SELECT environment, realm_id, company_name, country, state, state_reason,
		connected_at, refresh_expires_at, refresh_hard_expires_at, updated_at FROM qbo_connection WHERE id = 1`).
		Scan(&c.Environment, &c.RealmID, &c.CompanyName, &c.Country, &c.State, &c.StateReason, &connected, &refresh, &hard, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read QuickBooks connection: %w", err)
	}
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

// Save stores c as the connection, replacing any other.
func (s *QBOConnectionService) Save(ctx context.Context, c *QBOConnection) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	c.UpdatedAt = tx.now
	if _, err := tx.ExecContext(ctx, `INSERT INTO qbo_connection (id, environment, realm_id, company_name, country,
		state, state_reason, connected_at, refresh_expires_at, refresh_hard_expires_at, updated_at)
		VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET environment = excluded.environment, realm_id = excluded.realm_id,
		company_name = excluded.company_name, country = excluded.country, state = excluded.state,
		state_reason = excluded.state_reason, connected_at = excluded.connected_at,
		refresh_expires_at = excluded.refresh_expires_at, refresh_hard_expires_at = excluded.refresh_hard_expires_at,
		updated_at = excluded.updated_at`,
		c.Environment, c.RealmID, c.CompanyName, c.Country, c.State, c.StateReason, formatTime(c.ConnectedAt),
		optionalTime(c.RefreshExpiresAt), optionalTime(c.RefreshHardExpiresAt), formatTime(c.UpdatedAt)); err != nil {
		return fmt.Errorf("save QuickBooks connection: %w", err)
	}
	return tx.Commit()
}

// Delete forgets the connection.
func (s *QBOConnectionService) Delete(ctx context.Context) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `DELETE FROM qbo_connection`); err != nil {
		return fmt.Errorf("forget QuickBooks connection: %w", err)
	}
	return tx.Commit()
}

func optionalTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatTime(t)
}
