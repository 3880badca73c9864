package csvfile

import (
	"context"
	"fmt"
	"io"
	"slices"

	"ledgerlink/backend/practice"
)

// The columns of a tax rates file beyond name. name, percent and
// components are the contract with the firm's spreadsheets; archived was
// added after them and may be left out.
const (
	colPercent    = "percent"
	colComponents = "components"
	colArchived   = "archived"
)

// TaxRateColumns are the columns of a tax rates file, in the order an
// export writes them. percent is exact decimal text ("8.25"); components
// holds a combined rate's parts, "State=6;County=1.25;City=1", and is
// empty for a simple rate; archived is true or false.
var TaxRateColumns = []string{colName, colPercent, colComponents, colArchived}

// taxRateFields are the columns that hold the tax rate form's fields.
var taxRateFields = []fieldColumn{{"name", colName}, {"percent", colPercent}, {"components", colComponents}}

// TaxRateStore is what a tax rates import needs of the store: its write
// transaction (sqlite's *Tx inside DB.Update).
type TaxRateStore interface {
	FindTaxRates(ctx context.Context, archived bool) ([]*practice.TaxRate, error)
	SaveTaxRate(ctx context.Context, r *practice.TaxRate) error
}

// ExportTaxRates writes a tax rates file of list (every rate, archived
// ones too, as sqlite's Tx.FindTaxRates(ctx, true) returns them) and
// returns how many it wrote. A combined rate's percent is the sum of its
// components.
func ExportTaxRates(w io.Writer, list []*practice.TaxRate) (int, error) {
	return exportRows(w, "tax rates", TaxRateColumns, each(list), func(r *practice.TaxRate, row []string) {
		row[0], row[1], row[2], row[3] = r.Name, r.Percent.String(), formatComponents(r.Components), formatBool(r.Archived)
	})
}

// ImportTaxRates reads a tax rates file and applies it through store. The
// file has a name column and any of the others, in any order. A row whose
// name is a stored rate's (ignoring case, archived rates included)
// updates it in the columns the file has; the others add a rate. An empty
// components cell makes a simple rate, which needs its percent; a combined
// rate's percent is the sum of its components and may be left empty (a
// percent that is not the sum is refused). An empty percent or archived
// cell keeps what is stored. A file names each rate once.
//
// Every row is checked by the tax rate form's rules, then every good row
// is written, in the caller's transaction: a rate used by work or invoices
// whose percentage or components would change is refused by the store,
// and that refusal is its row's problem. If any row is wrong, the error is
// an *Error listing every problem and the caller's transaction must be
// rolled back (returning the error from DB.Update does that). A row that
// holds what is stored is not written, so importing an unchanged export
// changes nothing.
func ImportTaxRates(ctx context.Context, store TaxRateStore, r io.Reader) (ImportResult, error) {
	rd, err := newNamedReader(r, TaxRateColumns, "tax rates")
	if err != nil {
		return ImportResult{}, err
	}
	stored, err := store.FindTaxRates(ctx, true)
	if err != nil {
		return ImportResult{}, fmt.Errorf("read tax rates: %w", err)
	}
	rates := newNamed(stored, func(r *practice.TaxRate) string { return r.Name })
	rows := onceEach{}
	var plan []change[*practice.TaxRate]
	for rec := range rd.Records() {
		if ch, ok := planTaxRate(rd, rates, rows, rec); ok {
			plan = append(plan, ch)
		}
	}
	if rd.fault != nil {
		return ImportResult{}, rd.fault
	}
	return applyChanges(rd, plan, func(r *practice.TaxRate) error { return store.SaveTaxRate(ctx, r) }, taxRateFields)
}

// planTaxRate turns one record into the tax rate it describes, checked;
// its problems go to rd and it is then !ok.
func planTaxRate(rd *Reader, rates named[*practice.TaxRate], rows onceEach, rec Record) (change[*practice.TaxRate], bool) {
	check := newRowCheck(rd, rec.Row)
	name := cellOf(rec, colName)
	if name == "" {
		check.problem(colName, "Enter the tax rate's name: rows are matched to tax rates by it.")
		return change[*practice.TaxRate]{}, false
	}
	if first := rows.seen(name, rec.Row); first != 0 {
		check.problem(colName, fmt.Sprintf("The tax rate %q is already on row %d; a file names each tax rate once.", name, first))
		return change[*practice.TaxRate]{}, false
	}
	stored, found := rates.find(name)
	r := &practice.TaxRate{}
	if found {
		cp := *stored
		cp.Components = slices.Clone(stored.Components)
		r = &cp
	}
	r.Name = name

	if cell, ok := rec.Get(colComponents); ok {
		cs, err := parseComponents(cell)
		if err != nil {
			check.problem(colComponents, err.Error())
		}
		r.Components = cs
	}
	if cell := cellOf(rec, colPercent); cell != "" {
		pct, err := parsePercent(cell)
		switch {
		case err != nil:
			check.problem(colPercent, err.Error())
		case len(r.Components) > 0:
			if sum := componentSum(r.Components); pct.Cmp(sum) != 0 {
				check.problem(colPercent, fmt.Sprintf("%s is not the sum of the components, %s; write %s or leave percent empty.", pct, sum, sum))
			}
		default:
			r.Percent = pct
		}
	} else if len(r.Components) == 0 && (!found || len(stored.Components) > 0) && !check.bad[colComponents] {
		check.problem(colPercent, "Enter the percentage of a simple rate, like 5 or 8.25 (or its components, for a combined rate).")
	}
	if cell := cellOf(rec, colArchived); cell != "" {
		archived, err := parseBool(cell)
		if err != nil {
			check.problem(colArchived, err.Error())
		}
		r.Archived = archived
	}

	r.Normalize()
	if err := r.Validate(); err != nil {
		check.invalid(err, taxRateFields)
	}
	same := found && r.Name == stored.Name && r.Archived == stored.Archived && r.Percent.Cmp(stored.Percent) == 0 &&
		slices.EqualFunc(r.Components, stored.Components, func(a, b practice.TaxComponent) bool {
			return a.Name == b.Name && a.Percent.Cmp(b.Percent) == 0
		})
	return change[*practice.TaxRate]{row: rec.Row, v: r, isNew: !found, same: same}, check.ok()
}

// componentSum is a combined rate's percentage.
func componentSum(cs []practice.TaxComponent) practice.Decimal {
	sum := practice.Decimal{}
	for _, c := range cs {
		sum = sum.Add(c.Percent)
	}
	return sum
}
