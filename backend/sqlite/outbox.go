package sqlite

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
)

// Outbox states.
const (
	OutboxPending = "pending"
	OutboxDone    = "done"
	OutboxFailed  = "failed"
)

// OutboxItem is a write to QuickBooks decided in a local transaction and
// stored in it, with the requestid every attempt sends: a retry after a
// crash or a timeout gets the first answer back instead of a second
// customer.
type OutboxItem struct {
	ID        int64
	RealmID   string
	RequestID string
	Operation string // create or update
	ContactID int64
	QBOID     string            // the customer, for an update
	Body      json.RawMessage   // the customer as sent
	Fields    map[string]string // the synced values the write makes agreed
	Before    map[string]string // the customer's values it replaces, by field (updates)
	State     string
	BatchID   string // the batch request it went out in, once grouped
	Attempts  int
}

// newRequestID returns 32 random hex digits: unique per company, short
// enough for a batch's requestid (36 at most).
func newRequestID() (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return hex.EncodeToString(b), nil
}

// AddOutbox stores it as pending with a new requestid, replacing a pending
// write of the same contact that has not gone out yet: the caller merges
// that one into it (see UnsentOutbox).
func (tx *Tx) AddOutbox(ctx context.Context, it *OutboxItem) error {
	var err error
	if it.RequestID, err = newRequestID(); err != nil {
		return err
	}
	fields, err := json.Marshal(it.Fields)
	if err != nil {
		return err
	}
	before, err := json.Marshal(it.Before)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM outbox WHERE realm_id = ? AND contact_id = ? AND state = 'pending' AND attempts = 0 AND batch_id = ''`,
		it.RealmID, it.ContactID); err != nil {
		return fmt.Errorf("replace queued write: %w", err)
	}
	it.State = OutboxPending
	err = tx.queryRow(ctx, `INSERT INTO outbox (realm_id, request_id, operation, contact_id, qbo_id, body, fields, before, state, created_at, updated_at)
		VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id`, it.RealmID, it.RequestID, it.Operation, it.ContactID, it.QBOID,
		string(it.Body), string(fields), string(before), it.State, formatTime(tx.now), formatTime(tx.now)).Scan(&it.ID)
	if err != nil {
		return fmt.Errorf("queue write to QuickBooks: %w", err)
	}
	return nil
}

// PendingOutbox returns the writes of realm not yet confirmed, oldest
// first.
func (tx *Tx) PendingOutbox(ctx context.Context, realm string) ([]*OutboxItem, error) {
	return tx.outbox(ctx, `state = 'pending' AND realm_id = ?`, realm)
}

// UnsentOutbox returns the write of a contact queued and not yet grouped
// into a batch, or nil: a later change of the same contact joins it.
func (tx *Tx) UnsentOutbox(ctx context.Context, realm string, contactID int64) (*OutboxItem, error) {
	list, err := tx.outbox(ctx, `state = 'pending' AND batch_id = '' AND realm_id = ? AND contact_id = ?`, realm, contactID)
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return list[len(list)-1], nil
}

func (tx *Tx) outbox(ctx context.Context, where string, args ...any) ([]*OutboxItem, error) {
	rows, err := tx.query(ctx, `SELECT id, realm_id, request_id, operation, contact_id, qbo_id, body, fields, before, state, batch_id, attempts
		FROM outbox WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read queued writes: %w", err)
	}
	defer rows.Close()
	var out []*OutboxItem
	for rows.Next() {
		var it OutboxItem
		var body, fields, before string
		if err := rows.Scan(&it.ID, &it.RealmID, &it.RequestID, &it.Operation, &it.ContactID, &it.QBOID, &body, &fields, &before,
			&it.State, &it.BatchID, &it.Attempts); err != nil {
			return nil, err
		}
		it.Body = json.RawMessage(body)
		if err := json.Unmarshal([]byte(fields), &it.Fields); err != nil {
			return nil, fmt.Errorf("queued write %d: %w", it.ID, err)
		}
		if err := json.Unmarshal([]byte(before), &it.Before); err != nil {
			return nil, fmt.Errorf("queued write %d: %w", it.ID, err)
		}
		out = append(out, &it)
	}
	return out, rows.Err()
}

// DropOutboxUpdates removes the updates of a contact's customer still
// waiting, sent in a batch or not (its match was removed: they are no
// longer wanted). A batch sent again without one of its items is safe:
// answers are matched to items by their own ids.
func (tx *Tx) DropOutboxUpdates(ctx context.Context, realm string, contactID int64) error {
	_, err := tx.exec(ctx, `DELETE FROM outbox WHERE realm_id = ? AND contact_id = ? AND state = 'pending' AND operation = 'update'`, realm, contactID)
	return err
}

// GroupOutbox records that the items go out together in the batch
// request batchID, before it is sent: after a crash the same items are
// sent again under the same id, which QuickBooks answers from memory.
func (tx *Tx) GroupOutbox(ctx context.Context, batchID string, ids []int64) error {
	for _, id := range ids {
		if _, err := tx.exec(ctx, `UPDATE outbox SET batch_id = ?, attempts = attempts + 1, updated_at = ? WHERE id = ?`,
			batchID, formatTime(tx.now), id); err != nil {
			return fmt.Errorf("group queued writes: %w", err)
		}
	}
	return nil
}

// NewBatchID returns a fresh batch request id.
func NewBatchID() (string, error) { return newRequestID() }

// FinishOutbox marks a write done or failed.
func (tx *Tx) FinishOutbox(ctx context.Context, id int64, state string) error {
	_, err := tx.exec(ctx, `UPDATE outbox SET state = ?, updated_at = ? WHERE id = ?`, state, formatTime(tx.now), id)
	return err
}

// RetryFailedOutbox drops the record of writes QuickBooks refused, so that
// a Retry plans them again from the records as they are now (with new
// requestids: the refused ones changed nothing).
func (tx *Tx) RetryFailedOutbox(ctx context.Context, realm string) error {
	_, err := tx.exec(ctx, `DELETE FROM outbox WHERE state = 'failed' AND realm_id = ?`, realm)
	return err
}
