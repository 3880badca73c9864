package sqlite

import (
	"context"
	"fmt"

	"ledgerlink/backend/practice"
)

// SaveConflict stores a field changed on both sides, replacing an older
// conflict on the same field of the same contact.
func (tx *Tx) SaveConflict(ctx context.Context, realm string, c *practice.Conflict, runID int64) error {
	var run any
	if runID != 0 {
		run = runID
	}
	err := tx.queryRow(ctx, `INSERT INTO conflicts (realm_id, qbo_id, contact_id, field, base, ours, theirs, run_id, created_at)
		VALUES (?,?,?,?,?,?,?,?,?)
		ON CONFLICT (contact_id, field) DO UPDATE SET qbo_id = excluded.qbo_id, base = excluded.base, ours = excluded.ours,
			theirs = excluded.theirs, run_id = excluded.run_id
		RETURNING id`, realm, c.QBOID, c.ContactID, c.Field, c.Base, c.Ours, c.Theirs, run, formatTime(tx.now)).Scan(&c.ID)
	if err != nil {
		return fmt.Errorf("save conflict: %w", err)
	}
	return nil
}

// FindConflicts returns the open conflicts of realm, by contact and field
// order; contactID, when not 0, keeps one contact's.
func (tx *Tx) FindConflicts(ctx context.Context, realm string, contactID int64) ([]practice.Conflict, error) {
	q := `SELECT f.id, f.contact_id, c.name, f.qbo_id, f.field, f.base, f.ours, f.theirs, f.created_at
		FROM conflicts f JOIN contacts c ON c.id = f.contact_id WHERE f.realm_id = ?`
	args := []any{realm}
	if contactID != 0 {
		q += ` AND f.contact_id = ?`
		args = append(args, contactID)
	}
	rows, err := tx.query(ctx, q+` ORDER BY c.sort_name, f.contact_id, f.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read conflicts: %w", err)
	}
	defer rows.Close()
	out := []practice.Conflict{}
	for rows.Next() {
		var c practice.Conflict
		var created string
		if err := rows.Scan(&c.ID, &c.ContactID, &c.ContactName, &c.QBOID, &c.Field, &c.Base, &c.Ours, &c.Theirs, &created); err != nil {
			return nil, err
		}
		if c.CreatedAt, err = parseTime(created); err != nil {
			return nil, err
		}
		c.Label = practice.SyncedFieldLabel(c.Field)
		out = append(out, c)
	}
	return out, rows.Err()
}

// FindConflict returns one conflict, or ENOTFOUND.
func (tx *Tx) FindConflict(ctx context.Context, id int64) (*practice.Conflict, string, error) {
	var c practice.Conflict
	var realm, created string
	err := tx.queryRow(ctx, `SELECT f.id, f.realm_id, f.contact_id, c.name, f.qbo_id, f.field, f.base, f.ours, f.theirs, f.created_at
		FROM conflicts f JOIN contacts c ON c.id = f.contact_id WHERE f.id = ?`, id).
		Scan(&c.ID, &realm, &c.ContactID, &c.ContactName, &c.QBOID, &c.Field, &c.Base, &c.Ours, &c.Theirs, &created)
	if err != nil {
		return nil, "", notFound(err, "There is no conflict %d; it may have been resolved already.", id)
	}
	if c.CreatedAt, err = parseTime(created); err != nil {
		return nil, "", err
	}
	c.Label = practice.SyncedFieldLabel(c.Field)
	return &c, realm, nil
}

// DeleteConflict removes a resolved conflict.
func (tx *Tx) DeleteConflict(ctx context.Context, id int64) error {
	_, err := tx.exec(ctx, `DELETE FROM conflicts WHERE id = ?`, id)
	return err
}

// ConflictedFields returns, by contact, the fields with an open conflict:
// the merge leaves them alone until the accountant picks.
func (tx *Tx) ConflictedFields(ctx context.Context, realm string) (map[int64]map[string]bool, error) {
	rows, err := tx.query(ctx, `SELECT contact_id, field FROM conflicts WHERE realm_id = ?`, realm)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]map[string]bool{}
	for rows.Next() {
		var id int64
		var f string
		if err := rows.Scan(&id, &f); err != nil {
			return nil, err
		}
		if out[id] == nil {
			out[id] = map[string]bool{}
		}
		out[id][f] = true
	}
	return out, rows.Err()
}
