package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"ledgerlink/backend/practice"
)

// DraftInvoice makes a draft invoice for a client from unbilled work:
// each item becomes a line, and is marked as billed on the draft (so it is
// not drafted twice). The items must be the client's and unbilled.
func (tx *Tx) DraftInvoice(ctx context.Context, contactID int64, itemIDs []int64, issueDate, dueDate string, runID int64) (*practice.Invoice, error) {
	if len(itemIDs) == 0 {
		return nil, practice.Errorf(practice.EINVALID, "Choose the work to bill.")
	}
	inv := &practice.Invoice{ContactID: contactID, Status: practice.InvoiceDraft, IssueDate: issueDate, DueDate: dueDate, RunID: runID}
	for _, id := range itemIDs {
		w, err := tx.FindWorkItem(ctx, id)
		if err != nil {
			return nil, err
		}
		if w.ContactID != contactID {
			return nil, practice.Errorf(practice.EINVALID, "Work %d is %s's, not this client's.", id, w.ContactName)
		}
		if w.InvoiceID != 0 {
			return nil, practice.Errorf(practice.ECONFLICT, "Work %d (%s, %s) is already on an invoice.", id, w.WorkType, w.Date)
		}
		desc := w.Description
		if desc == "" {
			desc = w.WorkType
		}
		inv.Lines = append(inv.Lines, practice.InvoiceLine{WorkItemID: w.ID, WorkTypeID: w.WorkTypeID, Description: desc,
			Quantity: w.Quantity, Rate: w.Rate, TaxRateID: w.TaxRateID})
	}
	if err := tx.insertInvoice(ctx, inv); err != nil {
		return nil, err
	}
	if err := tx.AddInvoiceEvent(ctx, inv.ID, "drafted", fmt.Sprintf("%d lines", len(inv.Lines))); err != nil {
		return nil, err
	}
	return tx.FindInvoice(ctx, inv.ID)
}

// insertInvoice validates, computes and stores a new draft with its lines,
// and marks the work its lines bill.
func (tx *Tx) insertInvoice(ctx context.Context, inv *practice.Invoice) error {
	if err := tx.computeInvoice(ctx, inv); err != nil {
		return err
	}
	taxes, _ := json.Marshal(inv.Taxes)
	var run any
	if inv.RunID != 0 {
		run = inv.RunID
	}
	err := tx.queryRow(ctx, `INSERT INTO invoices (contact_id, status, issue_date, due_date, notes, subtotal, tax_total, total, taxes, run_id,
			created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id`, inv.ContactID, inv.Status, inv.IssueDate, inv.DueDate,
		inv.Notes, inv.Subtotal, inv.TaxTotal(), inv.Total, string(taxes), run, formatTime(tx.now), formatTime(tx.now)).Scan(&inv.ID)
	if err != nil {
		return fmt.Errorf("save invoice: %w", err)
	}
	return tx.saveLines(ctx, inv)
}

// computeInvoice validates inv and computes its amounts with the stored
// tax rates.
func (tx *Tx) computeInvoice(ctx context.Context, inv *practice.Invoice) error {
	for i := range inv.Lines {
		inv.Lines[i].Description = strings.TrimSpace(inv.Lines[i].Description)
	}
	if err := inv.Validate(); err != nil {
		return err
	}
	if _, err := tx.contactName(ctx, inv.ContactID); err != nil {
		return err
	}
	rates, err := tx.TaxRatesByID(ctx)
	if err != nil {
		return err
	}
	if err := inv.Compute(rates); err != nil {
		return practice.Errorf(practice.EINVALID, "The invoice could not be saved: %v.", err)
	}
	return nil
}

// saveLines replaces the invoice's lines with inv.Lines, and marks the
// work they bill (releasing work a removed line billed).
func (tx *Tx) saveLines(ctx context.Context, inv *practice.Invoice) error {
	if _, err := tx.exec(ctx, `DELETE FROM invoice_lines WHERE invoice_id = ?`, inv.ID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE work_items SET invoice_id = NULL, updated_at = ? WHERE invoice_id = ?`, formatTime(tx.now), inv.ID); err != nil {
		return err
	}
	for i, l := range inv.Lines {
		var item, wt, rate any
		if l.WorkItemID != 0 {
			item = l.WorkItemID
		}
		if l.WorkTypeID != 0 {
			wt = l.WorkTypeID
		}
		if l.TaxRateID != 0 {
			rate = l.TaxRateID
		}
		if err := tx.queryRow(ctx, `INSERT INTO invoice_lines (invoice_id, position, work_item_id, work_type_id, description, quantity, rate,
				tax_rate_id, amount) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id`, inv.ID, i, item, wt, l.Description, l.Quantity.String(), l.Rate,
			rate, l.Amount).Scan(&inv.Lines[i].ID); err != nil {
			return fmt.Errorf("save invoice line: %w", err)
		}
		if l.WorkItemID != 0 {
			res, err := tx.exec(ctx, `UPDATE work_items SET invoice_id = ?, updated_at = ? WHERE id = ? AND contact_id = ? AND invoice_id IS NULL`,
				inv.ID, formatTime(tx.now), l.WorkItemID, inv.ContactID)
			if err != nil {
				return err
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return practice.Errorf(practice.ECONFLICT, "Line %d bills work that is on another invoice (or not this client's).", i+1)
			}
		}
	}
	return nil
}

// UpdateDraft replaces a draft's dates, notes and lines; an invoice past
// draft is ECONFLICT (void it and issue another).
func (tx *Tx) UpdateDraft(ctx context.Context, inv *practice.Invoice) error {
	cur, err := tx.FindInvoice(ctx, inv.ID)
	if err != nil {
		return err
	}
	if !cur.Editable() {
		return practice.Errorf(practice.ECONFLICT, "Invoice %s is %s and can no longer be changed. Void it and issue another.", cur.Number, cur.Status)
	}
	inv.ContactID, inv.Status = cur.ContactID, cur.Status
	if err := tx.computeInvoice(ctx, inv); err != nil {
		return err
	}
	taxes, _ := json.Marshal(inv.Taxes)
	if _, err := tx.exec(ctx, `UPDATE invoices SET issue_date = ?, due_date = ?, notes = ?, subtotal = ?, tax_total = ?, total = ?, taxes = ?,
			updated_at = ? WHERE id = ?`, inv.IssueDate, inv.DueDate, inv.Notes, inv.Subtotal, inv.TaxTotal(), inv.Total, string(taxes),
		formatTime(tx.now), inv.ID); err != nil {
		return fmt.Errorf("save invoice: %w", err)
	}
	if err := tx.saveLines(ctx, inv); err != nil {
		return err
	}
	return tx.AddInvoiceEvent(ctx, inv.ID, "edited", "")
}

// ApproveInvoice gives a draft its number — the next of the sequence, in
// this transaction, so that numbers are unique and have no gap — and
// approves it.
func (tx *Tx) ApproveInvoice(ctx context.Context, id int64) (*practice.Invoice, error) {
	inv, err := tx.FindInvoice(ctx, id)
	if err != nil {
		return nil, err
	}
	if inv.Status != practice.InvoiceDraft {
		return nil, practice.Errorf(practice.ECONFLICT, "Invoice %s is already %s.", inv.Number, inv.Status)
	}
	if err := inv.Validate(); err != nil {
		return nil, err
	}
	n, err := tx.InvoiceNumbering(ctx)
	if err != nil {
		return nil, err
	}
	number := n.Format(n.Next)
	if _, err := tx.exec(ctx, `UPDATE invoice_numbering SET next = next + 1 WHERE id = 1`); err != nil {
		return nil, err
	}
	_, err = tx.exec(ctx, `UPDATE invoices SET number = ?, status = 'approved', updated_at = ? WHERE id = ?`, number, formatTime(tx.now), id)
	if isUniqueViolation(err) {
		return nil, practice.Errorf(practice.ECONFLICT, "The number %s is already used by another invoice. Change the next number in the billing settings.", number)
	}
	if err != nil {
		return nil, fmt.Errorf("approve invoice: %w", err)
	}
	if err := tx.AddInvoiceEvent(ctx, id, "approved", "Number "+number); err != nil {
		return nil, err
	}
	return tx.FindInvoice(ctx, id)
}

// MarkInvoiceSent records that an approved invoice went to the client
// (how, in detail): it now awaits payment.
func (tx *Tx) MarkInvoiceSent(ctx context.Context, id int64, detail string) error {
	res, err := tx.exec(ctx, `UPDATE invoices SET status = 'sent', updated_at = ? WHERE id = ? AND status = 'approved'`, formatTime(tx.now), id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return practice.Errorf(practice.ECONFLICT, "Only an approved invoice can be sent.")
	}
	return tx.AddInvoiceEvent(ctx, id, "sent", detail)
}

// VoidInvoice voids an approved or sent invoice (its number stays used),
// and releases the work it billed, to be billed again.
func (tx *Tx) VoidInvoice(ctx context.Context, id int64, reason string) error {
	inv, err := tx.FindInvoice(ctx, id)
	if err != nil {
		return err
	}
	if inv.Status != practice.InvoiceApproved && inv.Status != practice.InvoiceSent {
		return practice.Errorf(practice.ECONFLICT, "A %s invoice cannot be voided.", inv.Status)
	}
	if _, err := tx.exec(ctx, `UPDATE invoices SET status = 'void', updated_at = ? WHERE id = ?`, formatTime(tx.now), id); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE work_items SET invoice_id = NULL, updated_at = ? WHERE invoice_id = ?`, formatTime(tx.now), id); err != nil {
		return err
	}
	return tx.AddInvoiceEvent(ctx, id, "voided", reason)
}

// DeleteDraft removes a draft and releases its work.
func (tx *Tx) DeleteDraft(ctx context.Context, id int64) error {
	if _, err := tx.exec(ctx, `UPDATE work_items SET invoice_id = NULL, updated_at = ? WHERE invoice_id = ?
		AND EXISTS (SELECT 1 FROM invoices WHERE id = ? AND status = 'draft')`, formatTime(tx.now), id, id); err != nil {
		return err
	}
	res, err := tx.exec(ctx, `DELETE FROM invoices WHERE id = ? AND status = 'draft'`, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return practice.Errorf(practice.ECONFLICT, "Only a draft can be deleted; void an approved or sent invoice instead.")
	}
	return nil
}

// AddInvoiceEvent appends a line to an invoice's activity log.
func (tx *Tx) AddInvoiceEvent(ctx context.Context, id int64, action, detail string) error {
	_, err := tx.exec(ctx, `INSERT INTO invoice_events (invoice_id, at, action, detail) VALUES (?,?,?,?)`, id, formatTime(tx.now), action, detail)
	return err
}

// InvoiceNumbering returns the numbering settings.
func (tx *Tx) InvoiceNumbering(ctx context.Context) (practice.InvoiceNumbering, error) {
	var n practice.InvoiceNumbering
	err := tx.queryRow(ctx, `SELECT prefix, next, digits FROM invoice_numbering WHERE id = 1`).Scan(&n.Prefix, &n.Next, &n.Digits)
	return n, err
}

// SetInvoiceNumbering stores the numbering settings; a next number already
// used by an invoice is refused.
func (tx *Tx) SetInvoiceNumbering(ctx context.Context, n practice.InvoiceNumbering) error {
	if err := n.Validate(); err != nil {
		return err
	}
	var used int
	if err := tx.queryRow(ctx, `SELECT COUNT(*) FROM invoices WHERE number = ?`, n.Format(n.Next)).Scan(&used); err != nil {
		return err
	}
	if used > 0 {
		return fieldError("next", fmt.Sprintf("%s is already an invoice's number; choose a later one.", n.Format(n.Next)))
	}
	_, err := tx.exec(ctx, `UPDATE invoice_numbering SET prefix = ?, next = ?, digits = ? WHERE id = 1`, n.Prefix, n.Next, n.Digits)
	return err
}
