package sqlite

import (
	"context"
	"fmt"

	"ledgerlink/backend/practice"
)

// CreateBillingRun records a new run through a cut-off date.
func (tx *Tx) CreateBillingRun(ctx context.Context, r *practice.BillingRun) error {
	r.Status, r.CreatedAt = practice.BillingRunDrafted, tx.now
	err := tx.queryRow(ctx, `INSERT INTO billing_runs (through, status, created_at, updated_at) VALUES (?,?,?,?) RETURNING id`,
		r.Through, r.Status, formatTime(tx.now), formatTime(tx.now)).Scan(&r.ID)
	if err != nil {
		return fmt.Errorf("start billing run: %w", err)
	}
	return nil
}

// SetBillingRunStatus moves a run on.
func (tx *Tx) SetBillingRunStatus(ctx context.Context, id int64, status string) error {
	_, err := tx.exec(ctx, `UPDATE billing_runs SET status = ?, updated_at = ? WHERE id = ?`, status, formatTime(tx.now), id)
	return err
}

// FindBillingRun returns a run with its invoices (without their lines).
func (tx *Tx) FindBillingRun(ctx context.Context, id int64) (*practice.BillingRun, error) {
	r := &practice.BillingRun{ID: id}
	var created string
	err := tx.queryRow(ctx, `SELECT through, status, created_at FROM billing_runs WHERE id = ?`, id).Scan(&r.Through, &r.Status, &created)
	if err != nil {
		return nil, notFound(err, "There is no billing run %d.", id)
	}
	if r.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	rows, err := tx.query(ctx, `SELECT `+invoiceColumns+`, v.send_state FROM invoices v JOIN contacts c ON c.id = v.contact_id
		WHERE v.run_id = ? ORDER BY c.sort_name, v.id`, id)
	if err != nil {
		return nil, fmt.Errorf("read billing run: %w", err)
	}
	defer rows.Close()
	r.Invoices = []practice.RunInvoice{}
	for rows.Next() {
		var state string
		inv, err := scanInvoice(scanFunc(func(dest ...any) error { return rows.Scan(append(dest, &state)...) }))
		if err != nil {
			return nil, err
		}
		r.Invoices = append(r.Invoices, practice.RunInvoice{Invoice: *inv, SendState: state})
	}
	return r, rows.Err()
}

// SetSendState records how far an invoice's sending got: "sending" before
// it goes out, "sent" after.
func (tx *Tx) SetSendState(ctx context.Context, id int64, state string) error {
	_, err := tx.exec(ctx, `UPDATE invoices SET send_state = ?, updated_at = ? WHERE id = ?`, state, formatTime(tx.now), id)
	return err
}

// SendState returns how far an invoice's sending got.
func (tx *Tx) SendState(ctx context.Context, id int64) (string, error) {
	var s string
	err := tx.queryRow(ctx, `SELECT send_state FROM invoices WHERE id = ?`, id).Scan(&s)
	return s, notFound(err, "That invoice no longer exists.")
}

// scanFunc adapts a function to scanner.
type scanFunc func(dest ...any) error

func (f scanFunc) Scan(dest ...any) error { return f(dest...) }

// OpenBillingRun returns the id of the latest run through that date that
// has not finished (drafted, approved, stopped or sending), 0 when none.
func (tx *Tx) OpenBillingRun(ctx context.Context, through string) (int64, error) {
	var id int64
	err := tx.queryRow(ctx, `SELECT id FROM billing_runs WHERE through = ? AND status <> 'done' ORDER BY id DESC LIMIT 1`, through).Scan(&id)
	if err == errNoRows {
		return 0, nil
	}
	return id, err
}
