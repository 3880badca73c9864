package sqlite

import (
	"context"
	"fmt"
	"strings"

	"ledgerlink/backend/practice"
)

const workItemColumns = `i.id, i.contact_id, c.name, i.date, i.work_type_id, w.name, i.description, i.quantity, i.rate,
	COALESCE(i.tax_rate_id, 0), COALESCE(r.name, ''), COALESCE(r.percent, ''), COALESCE(i.invoice_id, 0), i.created_at, i.updated_at`

const workItemFrom = ` FROM work_items i JOIN contacts c ON c.id = i.contact_id JOIN work_types w ON w.id = i.work_type_id
	LEFT JOIN tax_rates r ON r.id = i.tax_rate_id`

func scanWorkItem(row scanner) (*practice.WorkItem, error) {
	var w practice.WorkItem
	var qty, rateName, ratePercent, created, updated string
	if err := row.Scan(&w.ID, &w.ContactID, &w.ContactName, &w.Date, &w.WorkTypeID, &w.WorkType, &w.Description, &qty, &w.Rate,
		&w.TaxRateID, &rateName, &ratePercent, &w.InvoiceID, &created, &updated); err != nil {
		return nil, err
	}
	var err error
	if w.Quantity, err = practice.ParseDecimal(qty); err != nil {
		return nil, fmt.Errorf("stored work %d: %w", w.ID, err)
	}
	if w.TaxRateID != 0 {
		r := practice.TaxRate{Name: rateName, Percent: practice.MustDecimal(ratePercent)}
		w.TaxRate = r.Label()
	}
	w.Amount = practice.LineAmount(w.Quantity, w.Rate)
	if w.CreatedAt, err = parseTime(created); err != nil {
		return nil, err
	}
	w.UpdatedAt, err = parseTime(updated)
	return &w, err
}

// FindWorkItems returns the work f selects, by client name, date and id.
func (tx *Tx) FindWorkItems(ctx context.Context, f practice.WorkFilter) ([]*practice.WorkItem, error) {
	var conds []string
	var args []any
	if f.ContactID != 0 {
		conds, args = append(conds, `i.contact_id = ?`), append(args, f.ContactID)
	}
	if f.Unbilled {
		conds = append(conds, `i.invoice_id IS NULL`)
	}
	if f.Through != "" {
		conds, args = append(conds, `i.date <= ?`), append(args, f.Through)
	}
	if f.InvoiceID != 0 {
		conds, args = append(conds, `i.invoice_id = ?`), append(args, f.InvoiceID)
	}
	q := `SELECT ` + workItemColumns + workItemFrom
	if len(conds) > 0 {
		q += ` WHERE ` + strings.Join(conds, ` AND `)
	}
	rows, err := tx.query(ctx, q+` ORDER BY c.sort_name, i.contact_id, i.date, i.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read work: %w", err)
	}
	defer rows.Close()
	out := []*practice.WorkItem{}
	for rows.Next() {
		w, err := scanWorkItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

// FindWorkItem returns one work item, or ENOTFOUND.
func (tx *Tx) FindWorkItem(ctx context.Context, id int64) (*practice.WorkItem, error) {
	w, err := scanWorkItem(tx.queryRow(ctx, `SELECT `+workItemColumns+workItemFrom+` WHERE i.id = ?`, id))
	if err != nil {
		return nil, notFound(err, "That work no longer exists; it may have been deleted.")
	}
	return w, nil
}

// SaveWorkItem validates and stores unbilled work: new when w.ID is 0.
// Work already on an invoice is not changed here (edit the invoice's
// draft). The client, work type and tax rate must exist; an archived rate
// or an inactive work type is refused for new work.
func (tx *Tx) SaveWorkItem(ctx context.Context, w *practice.WorkItem) error {
	w.Normalize()
	wt, err := tx.FindWorkType(ctx, w.WorkTypeID)
	if practice.ErrorCode(err) == practice.ENOTFOUND {
		return fieldError("workTypeId", "Choose a work type that exists.")
	} else if err != nil {
		return err
	}
	if w.DefaultRate {
		w.Rate = wt.Rate
	}
	if err := w.Validate(); err != nil {
		return err
	}
	if _, err := tx.contactName(ctx, w.ContactID); err != nil {
		return err
	}
	var taxRate any
	if w.TaxRateID != 0 {
		r, err := tx.FindTaxRate(ctx, w.TaxRateID)
		if practice.ErrorCode(err) == practice.ENOTFOUND {
			return fieldError("taxRateId", "Choose a tax rate that exists.")
		} else if err != nil {
			return err
		}
		if r.Archived && w.ID == 0 {
			return fieldError("taxRateId", r.Label()+" is archived; choose a current rate.")
		}
		taxRate = r.ID
	}
	if w.ID == 0 {
		if !wt.Active {
			return fieldError("workTypeId", wt.Name+" is no longer offered; choose another work type.")
		}
		w.CreatedAt, w.UpdatedAt = tx.now, tx.now
		err = tx.queryRow(ctx, `INSERT INTO work_items (contact_id, date, work_type_id, description, quantity, rate, tax_rate_id, created_at, updated_at)
			VALUES (?,?,?,?,?,?,?,?,?) RETURNING id`, w.ContactID, w.Date, w.WorkTypeID, w.Description, w.Quantity.String(), w.Rate,
			taxRate, formatTime(tx.now), formatTime(tx.now)).Scan(&w.ID)
		if err != nil {
			return fmt.Errorf("save work: %w", err)
		}
	} else {
		res, err := tx.exec(ctx, `UPDATE work_items SET contact_id = ?, date = ?, work_type_id = ?, description = ?, quantity = ?, rate = ?,
			tax_rate_id = ?, updated_at = ? WHERE id = ? AND invoice_id IS NULL`, w.ContactID, w.Date, w.WorkTypeID, w.Description,
			w.Quantity.String(), w.Rate, taxRate, formatTime(tx.now), w.ID)
		if err != nil {
			return fmt.Errorf("save work: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return practice.Errorf(practice.ECONFLICT, "That work is on an invoice now (or was deleted); change it on the invoice's draft.")
		}
	}
	saved, err := tx.FindWorkItem(ctx, w.ID)
	if err != nil {
		return err
	}
	*w = *saved
	return nil
}

// DeleteWorkItem removes unbilled work; work on an invoice is ECONFLICT.
func (tx *Tx) DeleteWorkItem(ctx context.Context, id int64) error {
	res, err := tx.exec(ctx, `DELETE FROM work_items WHERE id = ? AND invoice_id IS NULL`, id)
	if err != nil {
		return fmt.Errorf("delete work: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return practice.Errorf(practice.ECONFLICT, "That work is on an invoice (or was already deleted); remove it from the invoice's draft instead.")
	}
	return nil
}

// contactName returns a contact's name, or a field error for a contact
// that does not exist.
func (tx *Tx) contactName(ctx context.Context, id int64) (string, error) {
	var name string
	if err := tx.queryRow(ctx, `SELECT name FROM contacts WHERE id = ?`, id).Scan(&name); err != nil {
		if err == errNoRows {
			return "", fieldError("contactId", "Choose a client that exists.")
		}
		return "", err
	}
	return name, nil
}

// fieldError is an EINVALID error about one form field.
func fieldError(field, msg string) error {
	return &practice.Error{Code: practice.EINVALID, Message: msg, Fields: map[string]string{field: msg}}
}
