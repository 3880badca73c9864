package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"ledgerlink/backend/practice"
)

const invoiceColumns = `v.id, COALESCE(v.number, ''), v.contact_id, c.name, v.status, v.issue_date, v.due_date, v.notes,
	v.subtotal, v.total, v.taxes, COALESCE(v.run_id, 0), v.created_at, v.updated_at`

func scanInvoice(row scanner) (*practice.Invoice, error) {
	var inv practice.Invoice
	var status, taxes, created, updated string
	if err := row.Scan(&inv.ID, &inv.Number, &inv.ContactID, &inv.ContactName, &status, &inv.IssueDate, &inv.DueDate, &inv.Notes,
		&inv.Subtotal, &inv.Total, &taxes, &inv.RunID, &created, &updated); err != nil {
		return nil, err
	}
	inv.Status = practice.InvoiceStatus(status)
	if err := json.Unmarshal([]byte(taxes), &inv.Taxes); err != nil {
		return nil, fmt.Errorf("stored taxes of invoice %d: %w", inv.ID, err)
	}
	var err error
	if inv.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	inv.UpdatedAt, err = parseTime(updated)
	return &inv, err
}

// FindInvoice returns an invoice with its lines and activity, or ENOTFOUND.
func (tx *Tx) FindInvoice(ctx context.Context, id int64) (*practice.Invoice, error) {
	inv, err := scanInvoice(tx.queryRow(ctx, `SELECT `+invoiceColumns+` FROM invoices v JOIN contacts c ON c.id = v.contact_id WHERE v.id = ?`, id))
	if err != nil {
		return nil, notFound(err, "That invoice no longer exists.")
	}
	return inv, tx.invoiceDetails(ctx, inv)
}

// FindInvoiceByNumber returns the invoice with that number, or ENOTFOUND.
func (tx *Tx) FindInvoiceByNumber(ctx context.Context, number string) (*practice.Invoice, error) {
	inv, err := scanInvoice(tx.queryRow(ctx, `SELECT `+invoiceColumns+` FROM invoices v JOIN contacts c ON c.id = v.contact_id WHERE v.number = ?`,
		strings.TrimSpace(number)))
	if err != nil {
		return nil, notFound(err, "There is no invoice numbered %s.", number)
	}
	return inv, tx.invoiceDetails(ctx, inv)
}

func (tx *Tx) invoiceDetails(ctx context.Context, inv *practice.Invoice) error {
	rows, err := tx.query(ctx, `SELECT l.id, COALESCE(l.work_item_id, 0), COALESCE(l.work_type_id, 0), COALESCE(w.name, ''), l.description,
		l.quantity, l.rate, COALESCE(l.tax_rate_id, 0), l.amount
		FROM invoice_lines l LEFT JOIN work_types w ON w.id = l.work_type_id WHERE l.invoice_id = ? ORDER BY l.position`, inv.ID)
	if err != nil {
		return fmt.Errorf("read invoice lines: %w", err)
	}
	inv.Lines = []practice.InvoiceLine{}
	for rows.Next() {
		var l practice.InvoiceLine
		var qty string
		if err := rows.Scan(&l.ID, &l.WorkItemID, &l.WorkTypeID, &l.WorkType, &l.Description, &qty, &l.Rate, &l.TaxRateID, &l.Amount); err != nil {
			rows.Close()
			return err
		}
		if l.Quantity, err = practice.ParseDecimal(qty); err != nil {
			rows.Close()
			return fmt.Errorf("stored line of invoice %d: %w", inv.ID, err)
		}
		inv.Lines = append(inv.Lines, l)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	ev, err := tx.query(ctx, `SELECT at, action, detail FROM invoice_events WHERE invoice_id = ? ORDER BY id`, inv.ID)
	if err != nil {
		return fmt.Errorf("read invoice activity: %w", err)
	}
	defer ev.Close()
	inv.Activity = []practice.InvoiceEvent{}
	for ev.Next() {
		var e practice.InvoiceEvent
		var at string
		if err := ev.Scan(&at, &e.Action, &e.Detail); err != nil {
			return err
		}
		if e.At, err = parseTime(at); err != nil {
			return err
		}
		inv.Activity = append(inv.Activity, e)
	}
	return ev.Err()
}

// InvoicePage is a page of the invoice list, how many match, and their
// total in cents.
type InvoicePage struct {
	Invoices []*practice.Invoice `json:"invoices"`
	Count    int                 `json:"count"`
	Total    int64               `json:"total"`
}

// FindInvoices returns the invoices f selects, newest first, without their
// lines, with the count and the total of all of them.
func (tx *Tx) FindInvoices(ctx context.Context, f practice.InvoiceFilter) (InvoicePage, error) {
	var conds []string
	var args []any
	if f.Status != "" {
		conds, args = append(conds, `v.status = ?`), append(args, string(f.Status))
	}
	if f.ContactID != 0 {
		conds, args = append(conds, `v.contact_id = ?`), append(args, f.ContactID)
	}
	if f.From != "" {
		conds, args = append(conds, `v.issue_date >= ?`), append(args, f.From)
	}
	if f.To != "" {
		conds, args = append(conds, `v.issue_date <= ?`), append(args, f.To)
	}
	if n := strings.TrimSpace(f.Number); n != "" {
		conds, args = append(conds, `instr(lower(COALESCE(v.number, '')), lower(?)) > 0`), append(args, n)
	}
	from := ` FROM invoices v JOIN contacts c ON c.id = v.contact_id`
	if len(conds) > 0 {
		from += ` WHERE ` + strings.Join(conds, ` AND `)
	}
	page := InvoicePage{Invoices: []*practice.Invoice{}}
	var total sql.NullInt64
	if err := tx.queryRow(ctx, `SELECT COUNT(*), SUM(v.total)`+from, args...).Scan(&page.Count, &total); err != nil {
		return page, fmt.Errorf("count invoices: %w", err)
	}
	page.Total = total.Int64
	limit := f.Limit
	if limit <= 0 || limit > 1000 {
		limit = 1000
	}
	rows, err := tx.query(ctx, `SELECT `+invoiceColumns+from+` ORDER BY v.issue_date DESC, v.id DESC LIMIT ? OFFSET ?`,
		append(args, limit, max(f.Offset, 0))...)
	if err != nil {
		return page, fmt.Errorf("read invoices: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		inv, err := scanInvoice(rows)
		if err != nil {
			return page, err
		}
		page.Invoices = append(page.Invoices, inv)
	}
	return page, rows.Err()
}
