package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
)

// SettingService keeps the app's non-secret settings as text by key.
type SettingService struct {
	db *DB
}

// NewSettingService returns the settings store on db.
func NewSettingService(db *DB) *SettingService { return &SettingService{db: db} }

// Get returns the value of key, or "" and false when it was never set.
func (s *SettingService) Get(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := s.db.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read setting %s: %w", key, err)
	}
	return v, true, nil
}

// Set stores value under key.
func (s *SettingService) Set(ctx context.Context, key, value string) error {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		key, value, formatTime(tx.now)); err != nil {
		return fmt.Errorf("save setting %s: %w", key, err)
	}
	return tx.Commit()
}

// InstallID returns this database's random, permanent identifier, creating
// it on first use. It names the database's keychain items, so two databases
// on one computer never share a QuickBooks connection by accident.
func (s *SettingService) InstallID(ctx context.Context) (string, error) {
	tx, err := s.db.BeginTx(ctx)
	if err != nil {
		return "", err
	}
	defer tx.Rollback()
	var id string
	err = tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = 'install_id'`).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("read install id: %w", err)
	}
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	id = hex.EncodeToString(b)
	if _, err := tx.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES ('install_id', ?, ?)`, id, formatTime(tx.now)); err != nil {
		return "", fmt.Errorf("save install id: %w", err)
	}
	return id, tx.Commit()
}
