package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"time"

	"ledgerlink/backend/practice"
)

// AllContacts walks every contact in id order, one row at a time, for
// work that reads them all (an export): however many there are, only the
// one being handed over is held in memory. Inside a View every contact
// comes from the same snapshot. The walk stops at the first error, which
// it yields with a nil contact.
func (tx *Tx) AllContacts(ctx context.Context) iter.Seq2[*practice.Contact, error] {
	return func(yield func(*practice.Contact, error) bool) {
		rows, err := tx.query(ctx, `SELECT `+contactColumns+`
			FROM contacts c JOIN contact_types t ON t.id = c.type_id ORDER BY c.id`)
		if err != nil {
			yield(nil, fmt.Errorf("list contacts: %w", err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanContact(rows)
			if err != nil {
				yield(nil, fmt.Errorf("read contact: %w", err))
				return
			}
			if !yield(c, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(nil, fmt.Errorf("list contacts: %w", err))
		}
	}
}

// FindContactsByIDs returns the contacts of the given ids that exist, in
// id order, in one query.
func (tx *Tx) FindContactsByIDs(ctx context.Context, ids []int64) ([]*practice.Contact, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, err
	}
	rows, err := tx.query(ctx, `SELECT `+contactColumns+` FROM contacts c JOIN contact_types t ON t.id = c.type_id
		WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.id`, string(list))
	if err != nil {
		return nil, fmt.Errorf("read contacts: %w", err)
	}
	defer rows.Close()
	var out []*practice.Contact
	for rows.Next() {
		c, err := scanContact(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ChangedContacts returns the contacts a sync must look at on Ledgerlink's
// side: linked in realm and changed since their link was last synced, or
// not linked, of one of pushTypes, and changed after since (the first
// sync). Contacts nothing happened to are not read at all.
func (tx *Tx) ChangedContacts(ctx context.Context, realm string, since time.Time, pushTypes []int64) ([]int64, error) {
	types, err := json.Marshal(pushTypes)
	if err != nil {
		return nil, err
	}
	rows, err := tx.query(ctx, `SELECT c.id FROM contacts c
		LEFT JOIN contact_links l ON l.contact_id = c.id AND l.realm_id = ?
		WHERE (l.contact_id IS NOT NULL AND c.updated_at > l.synced_at)
		   OR (l.contact_id IS NULL AND c.updated_at > ? AND c.type_id IN (SELECT value FROM json_each(?)))
		ORDER BY c.id`, realm, formatTime(since), string(types))
	if err != nil {
		return nil, fmt.Errorf("find changed contacts: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}
