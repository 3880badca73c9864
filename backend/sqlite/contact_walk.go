package sqlite

import (
	"context"
	"fmt"
	"iter"

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
