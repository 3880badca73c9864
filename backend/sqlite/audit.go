package sqlite

import (
	"context"
	"fmt"

	"ledgerlink/backend/practice"
)

// AddAudit appends entries to the audit log at the transaction's time.
func (tx *Tx) AddAudit(ctx context.Context, entries ...practice.AuditEntry) error {
	for i := range entries {
		e := &entries[i]
		e.At = tx.now
		var run any
		if e.RunID != 0 {
			run = e.RunID
		}
		var contact any
		if e.ContactID != 0 {
			contact = e.ContactID
		}
		res, err := tx.exec(ctx, `INSERT INTO audit_log (run_id, at, action, side, contact_id, qbo_id, record, field, before, after, search_text)
			VALUES (?,?,?,?,?,?,?,?,?,?,?)`, run, formatTime(e.At), e.Action, e.Side, contact, e.QBOID, e.Record,
			e.Field, e.Before, e.After, fold(e.Record+"\n"+e.Field+"\n"+e.Before+"\n"+e.After+"\n"+e.Action+"\n"+e.QBOID))
		if err != nil {
			return fmt.Errorf("write audit log: %w", err)
		}
		e.ID, _ = res.LastInsertId()
	}
	return nil
}

// FindAudit returns a page of the audit log, newest first, and how many
// entries the filter selects.
func (tx *Tx) FindAudit(ctx context.Context, f practice.AuditFilter) ([]practice.AuditEntry, int, error) {
	where, args := wordsWhere(`search_text`, f.Search)
	if f.RunID != 0 {
		where += ` AND run_id = ?`
		args = append(args, f.RunID)
	}
	from := ` FROM audit_log WHERE 1 = 1` + where
	var total int
	if err := tx.queryRow(ctx, `SELECT COUNT(*)`+from, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count audit log: %w", err)
	}
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 1000
	}
	rows, err := tx.query(ctx, `SELECT id, COALESCE(run_id, 0), at, action, side, COALESCE(contact_id, 0), qbo_id, record, field, before, after`+
		from+` ORDER BY id DESC LIMIT ? OFFSET ?`, append(args, limit, max(f.Offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("read audit log: %w", err)
	}
	defer rows.Close()
	out := []practice.AuditEntry{}
	for rows.Next() {
		var e practice.AuditEntry
		var at string
		if err := rows.Scan(&e.ID, &e.RunID, &at, &e.Action, &e.Side, &e.ContactID, &e.QBOID, &e.Record, &e.Field, &e.Before, &e.After); err != nil {
			return nil, 0, err
		}
		if e.At, err = parseTime(at); err != nil {
			return nil, 0, err
		}
		out = append(out, e)
	}
	return out, total, rows.Err()
}
