package sqlite

import (
	"context"
	"fmt"

	"ledgerlink/backend/practice"
)

// RecordSyncError stores e for its record, or, when the same error is
// already there, counts one more attempt and keeps the newest detail.
func (tx *Tx) RecordSyncError(ctx context.Context, realm string, e *practice.SyncError, runID int64) error {
	var run any
	if runID != 0 {
		run = runID
	}
	err := tx.queryRow(ctx, `INSERT INTO sync_errors (realm_id, code, record_kind, record_id, record_name, detail, run_id, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?)
		ON CONFLICT (realm_id, record_kind, record_id, code) DO UPDATE SET record_name = excluded.record_name,
			detail = excluded.detail, run_id = excluded.run_id, attempts = attempts + 1, updated_at = excluded.updated_at
		RETURNING id, attempts`, realm, e.Code, e.RecordKind, e.RecordID, e.RecordName, e.Detail, run,
		formatTime(tx.now), formatTime(tx.now)).Scan(&e.ID, &e.Attempts)
	if err != nil {
		return fmt.Errorf("record sync error: %w", err)
	}
	e.Fill()
	return nil
}

// ClearSyncErrors removes the errors of one record (kind and id), when
// what failed has now succeeded. It reports how many there were.
func (tx *Tx) ClearSyncErrors(ctx context.Context, realm, kind, id string) (int, error) {
	res, err := tx.exec(ctx, `DELETE FROM sync_errors WHERE realm_id = ? AND record_kind = ? AND record_id = ?`, realm, kind, id)
	if err != nil {
		return 0, fmt.Errorf("clear sync errors: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// FindSyncErrors returns the errors of realm, oldest first, each with the
// catalog's words.
func (tx *Tx) FindSyncErrors(ctx context.Context, realm string) ([]practice.SyncError, error) {
	rows, err := tx.query(ctx, `SELECT id, code, record_kind, record_id, record_name, detail, attempts, created_at, updated_at
		FROM sync_errors WHERE realm_id = ? ORDER BY id`, realm)
	if err != nil {
		return nil, fmt.Errorf("read sync errors: %w", err)
	}
	defer rows.Close()
	out := []practice.SyncError{}
	for rows.Next() {
		var e practice.SyncError
		var created, updated string
		if err := rows.Scan(&e.ID, &e.Code, &e.RecordKind, &e.RecordID, &e.RecordName, &e.Detail, &e.Attempts, &created, &updated); err != nil {
			return nil, err
		}
		if e.CreatedAt, err = parseTime(created); err != nil {
			return nil, err
		}
		if e.UpdatedAt, err = parseTime(updated); err != nil {
			return nil, err
		}
		e.Fill()
		out = append(out, e)
	}
	return out, rows.Err()
}

// CountSyncErrors returns how many errors realm has.
func (tx *Tx) CountSyncErrors(ctx context.Context, realm string) (int, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM sync_errors WHERE realm_id = ?`, realm).Scan(&n)
	return n, err
}
