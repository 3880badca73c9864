package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"ledgerlink/backend/practice"
)

// LinkRecord ties a contact to a customer of one QuickBooks company, with
// the customer's version (SyncToken) and the synced fields as both sides
// last agreed (Snapshot, by field name): the base of the three-way merge.
type LinkRecord struct {
	RealmID     string
	QBOID       string
	ContactID   int64
	SyncToken   string
	DisplayName string
	Active      bool
	Snapshot    map[string]string
	QBOUpdated  string // the customer's LastUpdatedTime as last read
	LinkedAt    time.Time
	SyncedAt    time.Time
}

const linkColumns = `realm_id, qbo_id, contact_id, sync_token, display_name, active, snapshot, qbo_updated, linked_at, synced_at`

func scanLink(row scanner) (*LinkRecord, error) {
	var l LinkRecord
	var snap, linked, synced string
	if err := row.Scan(&l.RealmID, &l.QBOID, &l.ContactID, &l.SyncToken, &l.DisplayName, &l.Active,
		&snap, &l.QBOUpdated, &linked, &synced); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(snap), &l.Snapshot); err != nil {
		return nil, fmt.Errorf("stored snapshot of customer %s: %w", l.QBOID, err)
	}
	var err error
	if l.LinkedAt, err = parseTime(linked); err != nil {
		return nil, err
	}
	if l.SyncedAt, err = parseTime(synced); err != nil {
		return nil, err
	}
	return &l, nil
}

// FindLinks returns every link of realm.
func (tx *Tx) FindLinks(ctx context.Context, realm string) ([]*LinkRecord, error) {
	rows, err := tx.query(ctx, `SELECT `+linkColumns+` FROM contact_links WHERE realm_id = ? ORDER BY contact_id`, realm)
	if err != nil {
		return nil, fmt.Errorf("read links: %w", err)
	}
	defer rows.Close()
	var out []*LinkRecord
	for rows.Next() {
		l, err := scanLink(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, l)
	}
	return out, rows.Err()
}

// FindLinkByContact returns the link of contact id in realm, or ENOTFOUND.
func (tx *Tx) FindLinkByContact(ctx context.Context, realm string, contactID int64) (*LinkRecord, error) {
	l, err := scanLink(tx.queryRow(ctx, `SELECT `+linkColumns+` FROM contact_links WHERE realm_id = ? AND contact_id = ?`, realm, contactID))
	if err != nil {
		return nil, notFound(err, "That contact is not linked to a QuickBooks customer.")
	}
	return l, nil
}

// FindLinkByCustomer returns the link of customer qboID in realm, and
// false when it is not linked.
func (tx *Tx) FindLinkByCustomer(ctx context.Context, realm, qboID string) (*LinkRecord, bool, error) {
	l, err := scanLink(tx.queryRow(ctx, `SELECT `+linkColumns+` FROM contact_links WHERE realm_id = ? AND qbo_id = ?`, realm, qboID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	return l, true, nil
}

// SaveLink stores l, replacing the link of the same customer and contact.
// A contact already linked to another customer of the realm, or a customer
// linked to another contact, is ECONFLICT: a link is never moved silently.
func (tx *Tx) SaveLink(ctx context.Context, l *LinkRecord) error {
	snap, err := json.Marshal(l.Snapshot)
	if err != nil {
		return err
	}
	if cur, ok, err := tx.FindLinkByCustomer(ctx, l.RealmID, l.QBOID); err != nil {
		return err
	} else if ok && cur.ContactID != l.ContactID {
		return practice.Errorf(practice.ECONFLICT, "That QuickBooks customer (%s) is already linked to another contact. Remove that match first.", cur.DisplayName)
	}
	if l.LinkedAt.IsZero() {
		l.LinkedAt = tx.now
	}
	l.SyncedAt = tx.now
	_, err = tx.exec(ctx, `INSERT INTO contact_links (`+linkColumns+`, search_text) VALUES (?,?,?,?,?,?,?,?,?,?,?)
		ON CONFLICT (realm_id, qbo_id) DO UPDATE SET sync_token = excluded.sync_token,
			display_name = excluded.display_name, active = excluded.active, snapshot = excluded.snapshot,
			qbo_updated = excluded.qbo_updated, synced_at = excluded.synced_at, search_text = excluded.search_text`,
		l.RealmID, l.QBOID, l.ContactID, l.SyncToken, l.DisplayName, l.Active, string(snap), l.QBOUpdated,
		formatTime(l.LinkedAt), formatTime(l.SyncedAt), fold(l.DisplayName+" "+l.QBOID))
	if isUniqueViolation(err) {
		return practice.Errorf(practice.ECONFLICT, "That contact is already linked to another QuickBooks customer. Remove that match first.")
	}
	if err != nil {
		return fmt.Errorf("save link of customer %s: %w", l.QBOID, err)
	}
	return nil
}

// RefreshLink updates a link a run read, if it is still there as it was
// (same customer, same contact): a Remove Match made while the run was on
// its way is not undone by it. It reports whether the link was there.
func (tx *Tx) RefreshLink(ctx context.Context, l *LinkRecord) (bool, error) {
	snap, err := json.Marshal(l.Snapshot)
	if err != nil {
		return false, err
	}
	l.SyncedAt = tx.now
	res, err := tx.exec(ctx, `UPDATE contact_links SET sync_token = ?, display_name = ?, active = ?, snapshot = ?, qbo_updated = ?,
			synced_at = ?, search_text = ? WHERE realm_id = ? AND qbo_id = ? AND contact_id = ?`,
		l.SyncToken, l.DisplayName, l.Active, string(snap), l.QBOUpdated, formatTime(l.SyncedAt), fold(l.DisplayName+" "+l.QBOID),
		l.RealmID, l.QBOID, l.ContactID)
	if err != nil {
		return false, fmt.Errorf("refresh link of customer %s: %w", l.QBOID, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// Unlink removes the link of contact id in realm and remembers the pair,
// so that no sync links them again by itself. What was waiting on the pair
// goes with it: its unsent writes to the customer and its conflicts. It
// returns the removed link.
func (tx *Tx) Unlink(ctx context.Context, realm string, contactID int64) (*LinkRecord, error) {
	l, err := tx.FindLinkByContact(ctx, realm, contactID)
	if err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `DELETE FROM contact_links WHERE realm_id = ? AND contact_id = ?`, realm, contactID); err != nil {
		return nil, fmt.Errorf("remove link: %w", err)
	}
	if err := tx.DropOutboxUpdates(ctx, realm, contactID); err != nil {
		return nil, fmt.Errorf("drop queued writes: %w", err)
	}
	if _, err := tx.exec(ctx, `DELETE FROM conflicts WHERE realm_id = ? AND contact_id = ?`, realm, contactID); err != nil {
		return nil, fmt.Errorf("drop conflicts: %w", err)
	}
	if _, err := tx.exec(ctx, `INSERT OR REPLACE INTO contact_unlinks (realm_id, qbo_id, contact_id, at) VALUES (?,?,?,?)`,
		realm, l.QBOID, contactID, formatTime(tx.now)); err != nil {
		return nil, fmt.Errorf("remember removed match: %w", err)
	}
	return l, nil
}

// FindUnlinks returns, by customer, the contacts the accountant took it
// apart from.
func (tx *Tx) FindUnlinks(ctx context.Context, realm string) (map[string][]int64, error) {
	rows, err := tx.query(ctx, `SELECT qbo_id, contact_id FROM contact_unlinks WHERE realm_id = ?`, realm)
	if err != nil {
		return nil, fmt.Errorf("read removed matches: %w", err)
	}
	defer rows.Close()
	out := map[string][]int64{}
	for rows.Next() {
		var q string
		var id int64
		if err := rows.Scan(&q, &id); err != nil {
			return nil, err
		}
		out[q] = append(out[q], id)
	}
	return out, rows.Err()
}

// ForgetUnlink drops the memory of a removed match, when the accountant
// links the pair again on purpose.
func (tx *Tx) ForgetUnlink(ctx context.Context, realm, qboID string, contactID int64) error {
	_, err := tx.exec(ctx, `DELETE FROM contact_unlinks WHERE realm_id = ? AND qbo_id = ? AND contact_id = ?`, realm, qboID, contactID)
	return err
}

// SaveJob stores a sub-customer under its parent.
func (tx *Tx) SaveJob(ctx context.Context, realm, parentQBOID string, j practice.Job) error {
	_, err := tx.exec(ctx, `INSERT INTO customer_jobs (realm_id, qbo_id, parent_qbo_id, display_name, active) VALUES (?,?,?,?,?)
		ON CONFLICT (realm_id, qbo_id) DO UPDATE SET parent_qbo_id = excluded.parent_qbo_id,
			display_name = excluded.display_name, active = excluded.active`,
		realm, j.QBOID, parentQBOID, j.DisplayName, j.Active)
	if err != nil {
		return fmt.Errorf("save sub-customer %s: %w", j.QBOID, err)
	}
	return nil
}

// FindClientLinks returns a page of the client list of realm — linked
// contacts, by name — and how many rows the filter selects in all.
func (tx *Tx) FindClientLinks(ctx context.Context, realm string, f practice.ClientLinkFilter) ([]practice.ClientLink, int, error) {
	where, args := wordsWhere(`(c.search_text || ' ' || l.search_text)`, f.Search)
	if f.ContactID != 0 {
		where += ` AND l.contact_id = ?`
		args = append(args, f.ContactID)
	}
	args = append([]any{realm}, args...)
	from := ` FROM contact_links l JOIN contacts c ON c.id = l.contact_id WHERE l.realm_id = ?` + where
	var total int
	if err := tx.queryRow(ctx, `SELECT COUNT(*)`+from, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("count client list: %w", err)
	}
	limit := f.Limit
	if limit <= 0 || limit > practice.MaxContactPage {
		limit = practice.MaxContactPage
	}
	rows, err := tx.query(ctx, `SELECT l.contact_id, c.name, c.email, l.qbo_id, l.display_name, l.active, l.linked_at, l.synced_at`+
		from+` ORDER BY c.sort_name, c.id LIMIT ? OFFSET ?`, append(args, limit, max(f.Offset, 0))...)
	if err != nil {
		return nil, 0, fmt.Errorf("read client list: %w", err)
	}
	defer rows.Close()
	var out []practice.ClientLink
	for rows.Next() {
		cl := practice.ClientLink{RealmID: realm, Jobs: []practice.Job{}}
		var linked, synced string
		if err := rows.Scan(&cl.ContactID, &cl.ContactName, &cl.Email, &cl.QBOID, &cl.DisplayName, &cl.Active, &linked, &synced); err != nil {
			return nil, 0, err
		}
		if cl.LinkedAt, err = parseTime(linked); err != nil {
			return nil, 0, err
		}
		if cl.SyncedAt, err = parseTime(synced); err != nil {
			return nil, 0, err
		}
		out = append(out, cl)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	return out, total, tx.attachJobs(ctx, realm, out)
}

// attachJobs fills in the sub-customers of each row's customer.
func (tx *Tx) attachJobs(ctx context.Context, realm string, list []practice.ClientLink) error {
	if len(list) == 0 {
		return nil
	}
	index := make(map[string]int, len(list))
	ids := make([]string, len(list))
	for i, cl := range list {
		index[cl.QBOID], ids[i] = i, cl.QBOID
	}
	idList, _ := json.Marshal(ids)
	rows, err := tx.query(ctx, `SELECT parent_qbo_id, qbo_id, display_name, active FROM customer_jobs
		WHERE realm_id = ? AND parent_qbo_id IN (SELECT value FROM json_each(?)) ORDER BY display_name`, realm, string(idList))
	if err != nil {
		return fmt.Errorf("read sub-customers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var parent string
		var j practice.Job
		if err := rows.Scan(&parent, &j.QBOID, &j.DisplayName, &j.Active); err != nil {
			return err
		}
		if i, ok := index[parent]; ok {
			list[i].Jobs = append(list[i].Jobs, j)
		}
	}
	return rows.Err()
}

// wordsWhere returns " AND …" requiring every word of search (folded) in
// the text expression column, and its arguments.
func wordsWhere(column, search string) (string, []any) {
	var b strings.Builder
	var args []any
	for _, w := range strings.Fields(fold(search)) {
		b.WriteString(` AND instr(` + column + `, ?) > 0`)
		args = append(args, w)
	}
	return b.String(), args
}
