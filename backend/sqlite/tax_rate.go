package sqlite

import (
	"context"
	"fmt"

	"ledgerlink/backend/practice"
)

const taxRateColumns = `r.id, r.name, r.percent, r.archived, r.created_at,
	(SELECT COUNT(*) FROM work_items i WHERE i.tax_rate_id = r.id) + (SELECT COUNT(*) FROM invoice_lines l WHERE l.tax_rate_id = r.id)`

// FindTaxRates returns the tax rates by name, each with its components;
// archived ones only with archived set.
func (tx *Tx) FindTaxRates(ctx context.Context, archived bool) ([]*practice.TaxRate, error) {
	q := `SELECT ` + taxRateColumns + ` FROM tax_rates r`
	if !archived {
		q += ` WHERE r.archived = 0`
	}
	rows, err := tx.query(ctx, q+` ORDER BY r.name COLLATE NOCASE, r.id`)
	if err != nil {
		return nil, fmt.Errorf("read tax rates: %w", err)
	}
	var out []*practice.TaxRate
	for rows.Next() {
		r, err := scanTaxRate(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, r := range out {
		if err := tx.taxComponents(ctx, r); err != nil {
			return nil, err
		}
	}
	if out == nil {
		out = []*practice.TaxRate{}
	}
	return out, nil
}

// TaxRatesByID returns every tax rate, archived ones included, by id: what
// computing an invoice needs.
func (tx *Tx) TaxRatesByID(ctx context.Context) (map[int64]*practice.TaxRate, error) {
	list, err := tx.FindTaxRates(ctx, true)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]*practice.TaxRate, len(list))
	for _, r := range list {
		out[r.ID] = r
	}
	return out, nil
}

// FindTaxRate returns one tax rate, or ENOTFOUND.
func (tx *Tx) FindTaxRate(ctx context.Context, id int64) (*practice.TaxRate, error) {
	r, err := scanTaxRate(tx.queryRow(ctx, `SELECT `+taxRateColumns+` FROM tax_rates r WHERE r.id = ?`, id))
	if err != nil {
		return nil, notFound(err, "That tax rate no longer exists.")
	}
	return r, tx.taxComponents(ctx, r)
}

func scanTaxRate(row scanner) (*practice.TaxRate, error) {
	var r practice.TaxRate
	var percent, created string
	if err := row.Scan(&r.ID, &r.Name, &percent, &r.Archived, &created, &r.InUse); err != nil {
		return nil, err
	}
	var err error
	if r.Percent, err = practice.ParseDecimal(percent); err != nil {
		return nil, fmt.Errorf("stored tax rate %d: %w", r.ID, err)
	}
	r.CreatedAt, err = parseTime(created)
	return &r, err
}

func (tx *Tx) taxComponents(ctx context.Context, r *practice.TaxRate) error {
	rows, err := tx.query(ctx, `SELECT name, percent FROM tax_rate_components WHERE tax_rate_id = ? ORDER BY position`, r.ID)
	if err != nil {
		return fmt.Errorf("read tax rate components: %w", err)
	}
	defer rows.Close()
	r.Components = []practice.TaxComponent{}
	for rows.Next() {
		var c practice.TaxComponent
		var percent string
		if err := rows.Scan(&c.Name, &percent); err != nil {
			return err
		}
		if c.Percent, err = practice.ParseDecimal(percent); err != nil {
			return fmt.Errorf("stored tax rate %d: %w", r.ID, err)
		}
		r.Components = append(r.Components, c)
	}
	return rows.Err()
}

// SaveTaxRate validates and stores r: new when r.ID is 0. A rate in use
// can only be renamed or archived: its percentage and components are what
// invoices were computed with. A name taken is ECONFLICT.
func (tx *Tx) SaveTaxRate(ctx context.Context, r *practice.TaxRate) error {
	r.Normalize()
	if err := r.Validate(); err != nil {
		return err
	}
	if r.ID != 0 {
		old, err := tx.FindTaxRate(ctx, r.ID)
		if err != nil {
			return err
		}
		if old.InUse > 0 && !sameRate(old, r) {
			return practice.Errorf(practice.ECONFLICT, "%s is used by work or invoices, so its percentage cannot change. Archive it and add a new rate instead.", old.Label())
		}
	}
	var err error
	if r.ID == 0 {
		r.CreatedAt = tx.now
		err = tx.queryRow(ctx, `INSERT INTO tax_rates (name, percent, archived, created_at, updated_at) VALUES (?,?,?,?,?) RETURNING id`,
			r.Name, r.Percent.String(), r.Archived, formatTime(tx.now), formatTime(tx.now)).Scan(&r.ID)
	} else {
		_, err = tx.exec(ctx, `UPDATE tax_rates SET name = ?, percent = ?, archived = ?, updated_at = ? WHERE id = ?`,
			r.Name, r.Percent.String(), r.Archived, formatTime(tx.now), r.ID)
	}
	if isUniqueViolation(err) {
		msg := fmt.Sprintf("There is already a tax rate named %q.", r.Name)
		return &practice.Error{Code: practice.ECONFLICT, Message: msg, Fields: map[string]string{"name": msg}}
	}
	if err != nil {
		return fmt.Errorf("save tax rate: %w", err)
	}
	if _, err := tx.exec(ctx, `DELETE FROM tax_rate_components WHERE tax_rate_id = ?`, r.ID); err != nil {
		return err
	}
	for i, c := range r.Components {
		if _, err := tx.exec(ctx, `INSERT INTO tax_rate_components (tax_rate_id, position, name, percent) VALUES (?,?,?,?)`,
			r.ID, i, c.Name, c.Percent.String()); err != nil {
			return fmt.Errorf("save tax rate component: %w", err)
		}
	}
	return nil
}

// sameRate reports whether two rates tax the same: same percentage, same
// components.
func sameRate(a, b *practice.TaxRate) bool {
	if a.Percent.Cmp(b.Percent) != 0 || len(a.Components) != len(b.Components) {
		return false
	}
	for i := range a.Components {
		if a.Components[i].Name != b.Components[i].Name || a.Components[i].Percent.Cmp(b.Components[i].Percent) != 0 {
			return false
		}
	}
	return true
}

// DeleteTaxRate removes a rate nothing uses; a rate in use is ECONFLICT
// (archive it instead).
func (tx *Tx) DeleteTaxRate(ctx context.Context, id int64) error {
	r, err := tx.FindTaxRate(ctx, id)
	if err != nil {
		return err
	}
	if r.InUse > 0 {
		return practice.Errorf(practice.ECONFLICT, "%s is used by work or invoices, so it is archived rather than deleted.", r.Label())
	}
	_, err = tx.exec(ctx, `DELETE FROM tax_rates WHERE id = ?`, id)
	return err
}
