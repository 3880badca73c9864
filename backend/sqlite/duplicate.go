package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"ledgerlink/backend/practice"
)

// DuplicateRecord is a customer waiting in Resolve Duplicates as stored:
// the contact it would become and its candidates by contact id.
type DuplicateRecord struct {
	ID          int64
	RealmID     string
	QBOID       string
	SyncToken   string
	DisplayName string // the customer's name in QuickBooks
	Customer    practice.Contact
	Suggestions []StoredSuggestion
	RunID       int64
}

// StoredSuggestion is a candidate as stored: the contact by id, so that
// the screen shows the contact as it is now, not as it was.
type StoredSuggestion struct {
	ContactID int64             `json:"contactId"`
	Score     float64           `json:"score"`
	Reasons   []practice.Reason `json:"reasons"`
	Summary   string            `json:"summary"`
}

// SaveDuplicate stores d, replacing what was stored for the same customer,
// and fills in its ID.
func (tx *Tx) SaveDuplicate(ctx context.Context, d *DuplicateRecord) error {
	cust, err := json.Marshal(d.Customer)
	if err != nil {
		return err
	}
	sugg, err := json.Marshal(d.Suggestions)
	if err != nil {
		return err
	}
	var run any
	if d.RunID != 0 {
		run = d.RunID
	}
	err = tx.queryRow(ctx, `INSERT INTO duplicates (realm_id, qbo_id, sync_token, display_name, customer, suggestions, run_id, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?)
		ON CONFLICT (realm_id, qbo_id) DO UPDATE SET sync_token = excluded.sync_token, display_name = excluded.display_name,
			customer = excluded.customer,
			suggestions = excluded.suggestions, run_id = excluded.run_id, updated_at = excluded.updated_at
		RETURNING id`, d.RealmID, d.QBOID, d.SyncToken, d.DisplayName, string(cust), string(sugg), run, formatTime(tx.now), formatTime(tx.now)).Scan(&d.ID)
	if err != nil {
		return fmt.Errorf("save duplicate of customer %s: %w", d.QBOID, err)
	}
	return nil
}

// FindDuplicateRecord returns the stored duplicate id, or ENOTFOUND.
func (tx *Tx) FindDuplicateRecord(ctx context.Context, id int64) (*DuplicateRecord, error) {
	d := &DuplicateRecord{ID: id}
	var cust, sugg string
	err := tx.queryRow(ctx, `SELECT realm_id, qbo_id, sync_token, display_name, customer, suggestions, COALESCE(run_id, 0) FROM duplicates WHERE id = ?`, id).
		Scan(&d.RealmID, &d.QBOID, &d.SyncToken, &d.DisplayName, &cust, &sugg, &d.RunID)
	if err != nil {
		return nil, notFound(err, "There is no duplicate %d to resolve; it may have been resolved already.", id)
	}
	if err := json.Unmarshal([]byte(cust), &d.Customer); err != nil {
		return nil, fmt.Errorf("stored duplicate %d: %w", id, err)
	}
	if err := json.Unmarshal([]byte(sugg), &d.Suggestions); err != nil {
		return nil, fmt.Errorf("stored duplicate %d: %w", id, err)
	}
	return d, nil
}

// DeleteDuplicate removes the customer of realm from Resolve Duplicates.
func (tx *Tx) DeleteDuplicate(ctx context.Context, realm, qboID string) error {
	_, err := tx.exec(ctx, `DELETE FROM duplicates WHERE realm_id = ? AND qbo_id = ?`, realm, qboID)
	return err
}

// DuplicateCustomers returns the customers of realm waiting in Resolve
// Duplicates, each with the SyncToken it had when it was last placed there.
func (tx *Tx) DuplicateCustomers(ctx context.Context, realm string) (map[string]string, error) {
	rows, err := tx.query(ctx, `SELECT qbo_id, sync_token FROM duplicates WHERE realm_id = ?`, realm)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var id, token string
		if err := rows.Scan(&id, &token); err != nil {
			return nil, err
		}
		out[id] = token
	}
	return out, rows.Err()
}

// CountDuplicates returns how many customers of realm wait in Resolve
// Duplicates.
func (tx *Tx) CountDuplicates(ctx context.Context, realm string) (int, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COUNT(*) FROM duplicates WHERE realm_id = ?`, realm).Scan(&n)
	return n, err
}

// FindDuplicates returns the duplicates of realm, oldest first, each with
// its candidates as they are now and the fields in which they differ from
// the customer. A candidate deleted since is left out.
func (tx *Tx) FindDuplicates(ctx context.Context, realm string) ([]practice.Duplicate, error) {
	rows, err := tx.query(ctx, `SELECT id FROM duplicates WHERE realm_id = ? ORDER BY id`, realm)
	if err != nil {
		return nil, fmt.Errorf("read duplicates: %w", err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]practice.Duplicate, 0, len(ids))
	for _, id := range ids {
		d, err := tx.FindDuplicate(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, *d)
	}
	return out, nil
}

// FindDuplicate returns one duplicate as Resolve Duplicates shows it.
func (tx *Tx) FindDuplicate(ctx context.Context, id int64) (*practice.Duplicate, error) {
	rec, err := tx.FindDuplicateRecord(ctx, id)
	if err != nil {
		return nil, err
	}
	var created string
	if err := tx.queryRow(ctx, `SELECT created_at FROM duplicates WHERE id = ?`, id).Scan(&created); err != nil {
		return nil, err
	}
	d := &practice.Duplicate{ID: rec.ID, QBOID: rec.QBOID, Customer: rec.Customer, Candidates: []practice.Candidate{}}
	d.DisplayName = rec.DisplayName
	if d.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	for _, s := range rec.Suggestions {
		c, err := tx.FindContactByID(ctx, s.ContactID)
		if practice.ErrorCode(err) == practice.ENOTFOUND {
			continue
		}
		if err != nil {
			return nil, err
		}
		cand := practice.Candidate{Contact: *c, Score: s.Score, Reasons: s.Reasons, Summary: s.Summary,
			Differs: practice.DifferingFields(&rec.Customer, c)}
		if l, err := tx.linkOfContact(ctx, rec.RealmID, c.ID); err != nil {
			return nil, err
		} else {
			cand.LinkedTo = l
		}
		d.Candidates = append(d.Candidates, cand)
	}
	return d, nil
}

// linkOfContact returns the customer contact id is linked to in realm, or "".
func (tx *Tx) linkOfContact(ctx context.Context, realm string, contactID int64) (string, error) {
	var q string
	err := tx.queryRow(ctx, `SELECT qbo_id FROM contact_links WHERE realm_id = ? AND contact_id = ?`, realm, contactID).Scan(&q)
	if err == errNoRows {
		return "", nil
	}
	return q, err
}

// DuplicateCandidates returns the contacts some waiting duplicate of realm
// may be, in one query.
func (tx *Tx) DuplicateCandidates(ctx context.Context, realm string) (map[int64]bool, error) {
	rows, err := tx.query(ctx, `SELECT DISTINCT json_extract(s.value, '$.contactId')
		FROM duplicates d, json_each(d.suggestions) s WHERE d.realm_id = ?`, realm)
	if err != nil {
		return nil, fmt.Errorf("read duplicate candidates: %w", err)
	}
	defer rows.Close()
	out := map[int64]bool{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out[id] = true
	}
	return out, rows.Err()
}
