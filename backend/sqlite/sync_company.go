package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// SyncCompany is the sync's bookmark in one QuickBooks company: whether
// the first full read finished, where the next change read starts, and
// where an interrupted full read resumes.
type SyncCompany struct {
	RealmID         string
	CompanyName     string
	Current         bool
	FirstSyncAt     time.Time // zero until the first full read finished
	ChangedSince    time.Time // QuickBooks' time the next CDC reads from
	ResumePosition  int       // the next query position of an interrupted full read (0: none)
	FullReadStarted time.Time // when that full read began (its CDC starts there)
}

// FindSyncCompany returns the bookmark of realm, and false if the firm
// never synced with it.
func (tx *Tx) FindSyncCompany(ctx context.Context, realm string) (*SyncCompany, bool, error) {
	c := &SyncCompany{RealmID: realm}
	var first, since, started string
	err := tx.queryRow(ctx, `SELECT company_name, current, first_sync_at, changed_since, resume_position, full_read_started
		FROM sync_companies WHERE realm_id = ?`, realm).Scan(&c.CompanyName, &c.Current, &first, &since, &c.ResumePosition, &started)
	if errors.Is(err, sql.ErrNoRows) {
		return c, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read sync company %s: %w", realm, err)
	}
	if c.FirstSyncAt, err = optParseTime(first); err != nil {
		return nil, false, err
	}
	if c.ChangedSince, err = optParseTime(since); err != nil {
		return nil, false, err
	}
	if c.FullReadStarted, err = optParseTime(started); err != nil {
		return nil, false, err
	}
	return c, true, nil
}

// CurrentSyncCompany returns the realm the links in use belong to, "" when
// the firm never synced.
func (tx *Tx) CurrentSyncCompany(ctx context.Context) (string, error) {
	var realm string
	err := tx.queryRow(ctx, `SELECT realm_id FROM sync_companies WHERE current = 1`).Scan(&realm)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return realm, err
}

// SaveSyncCompany stores c's bookmark; with c.Current set, every other
// company's links are set aside.
func (tx *Tx) SaveSyncCompany(ctx context.Context, c *SyncCompany) error {
	if c.Current {
		if _, err := tx.exec(ctx, `UPDATE sync_companies SET current = 0 WHERE realm_id <> ? AND current = 1`, c.RealmID); err != nil {
			return fmt.Errorf("set other companies aside: %w", err)
		}
	}
	_, err := tx.exec(ctx, `INSERT INTO sync_companies (realm_id, company_name, current, first_sync_at, changed_since,
			resume_position, full_read_started, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (realm_id) DO UPDATE SET company_name = excluded.company_name, current = excluded.current,
			first_sync_at = excluded.first_sync_at, changed_since = excluded.changed_since,
			resume_position = excluded.resume_position, full_read_started = excluded.full_read_started`,
		c.RealmID, c.CompanyName, c.Current, optTime(c.FirstSyncAt), optTime(c.ChangedSince),
		c.ResumePosition, optTime(c.FullReadStarted), formatTime(tx.now))
	if err != nil {
		return fmt.Errorf("save sync company %s: %w", c.RealmID, err)
	}
	return nil
}

// optTime stores a zero time as "".
func optTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return formatTime(t)
}

// optParseTime reads "" as the zero time.
func optParseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return parseTime(s)
}
