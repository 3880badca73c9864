package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"

	"ledgerlink/backend/practice"
)

// SettingService keeps the app's non-secret settings as text by key. It
// implements practice.SettingService.
type SettingService struct {
	db *DB
}

var _ practice.SettingService = (*SettingService)(nil)

// NewSettingService returns the settings store on db.
func NewSettingService(db *DB) *SettingService { return &SettingService{db: db} }

// Setting returns the value of key, or "" and false when it was never set.
func (s *SettingService) Setting(ctx context.Context, key string) (v string, ok bool, err error) {
	err = s.db.View(ctx, func(tx *Tx) error {
		v, ok, err = tx.Setting(ctx, key)
		return err
	})
	return v, ok, err
}

// SetSetting stores value under key.
func (s *SettingService) SetSetting(ctx context.Context, key, value string) error {
	return s.db.Update(ctx, func(tx *Tx) error { return tx.SetSetting(ctx, key, value) })
}

// SetSettings stores several values in one transaction.
func (s *SettingService) SetSettings(ctx context.Context, values map[string]string) error {
	return s.db.Update(ctx, func(tx *Tx) error {
		for k, v := range values {
			if err := tx.SetSetting(ctx, k, v); err != nil {
				return err
			}
		}
		return nil
	})
}

// InstallID returns this database's random, permanent identifier, creating
// it on first use. It names the database's keychain items, so two databases
// on one computer never share a QuickBooks connection by accident.
func (s *SettingService) InstallID(ctx context.Context) (id string, err error) {
	// Read first, so that the usual case takes no write lock.
	if id, ok, err := s.Setting(ctx, installIDKey); err != nil || ok {
		return id, err
	}
	err = s.db.Update(ctx, func(tx *Tx) error {
		id, err = tx.InstallID(ctx)
		return err
	})
	return id, err
}

// installIDKey is the setting holding the install id.
const installIDKey = "install_id"

// Setting returns the value of key, or "" and false when it was never set.
func (tx *Tx) Setting(ctx context.Context, key string) (string, bool, error) {
	var v string
	err := tx.queryRow(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read setting %s: %w", key, err)
	}
	return v, true, nil
}

// SetSetting stores value under key.
func (tx *Tx) SetSetting(ctx context.Context, key, value string) error {
	if _, err := tx.exec(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		key, value, formatTime(tx.now)); err != nil {
		return fmt.Errorf("save setting %s: %w", key, err)
	}
	return nil
}

// InstallID returns the install id, creating it when there is none yet.
func (tx *Tx) InstallID(ctx context.Context) (string, error) {
	id, ok, err := tx.Setting(ctx, installIDKey)
	if err != nil || ok {
		return id, err
	}
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	id = hex.EncodeToString(b)
	if err := tx.SetSetting(ctx, installIDKey, id); err != nil {
		return "", fmt.Errorf("save install id: %w", err)
	}
	return id, nil
}
