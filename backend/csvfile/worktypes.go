package csvfile

import (
	"context"
	"fmt"
	"io"
	"strings"

	"ledgerlink/backend/practice"
)

// The columns of a work types file. name, rate and active are the
// contract with the firm's spreadsheets; rate_kind (hourly or fixed) was
// added after them and, like every column but name, may be left out.
const (
	colName     = "name"
	colRate     = "rate"
	colActive   = "active"
	colRateKind = "rate_kind"
)

// WorkTypeColumns are the columns of a work types file, in the order an
// export writes them. A rate is money with two decimals ("150.00"), active
// is true or false.
var WorkTypeColumns = []string{colName, colRate, colActive, colRateKind}

// workTypeFields are the columns that hold the work type form's fields.
var workTypeFields = []fieldColumn{{"name", colName}, {"rate", colRate}, {"rateKind", colRateKind}}

// WorkTypeStore is what a work types import needs of the store. Hand
// ImportWorkTypes the store's write transaction (sqlite's *Tx inside
// DB.Update), so that the import is one all-or-nothing change.
type WorkTypeStore interface {
	FindWorkTypes(ctx context.Context, inactive bool) ([]*practice.WorkType, error)
	SaveWorkType(ctx context.Context, w *practice.WorkType) error
}

// ExportWorkTypes writes a work types file of list (every work type,
// inactive ones too, as sqlite's Tx.FindWorkTypes(ctx, true) returns them)
// and returns how many it wrote.
func ExportWorkTypes(w io.Writer, list []*practice.WorkType) (int, error) {
	return exportRows(w, "work types", WorkTypeColumns, each(list), func(t *practice.WorkType, row []string) {
		row[0], row[1], row[2], row[3] = t.Name, formatMoney(t.Rate), formatBool(t.Active), t.RateKind
	})
}

// ImportWorkTypes reads a work types file and applies it through store.
// The file has a name column and any of the others, in any order. A row
// whose name is a stored work type's (ignoring case) updates it in the
// columns the file has, an empty cell keeping what is stored; the others
// add a work type, which needs a rate (active unless the row says not,
// hourly unless it says fixed). A file names each work type once.
//
// Every row is checked by the work type form's rules before anything is
// written. If any row is wrong, the error is an *Error listing every
// problem by row and column, and the caller's transaction must be rolled
// back (returning the error from DB.Update does that). A row that holds
// what is stored is not written, so importing an unchanged export changes
// nothing.
func ImportWorkTypes(ctx context.Context, store WorkTypeStore, r io.Reader) (ImportResult, error) {
	rd, err := newNamedReader(r, WorkTypeColumns, "work types")
	if err != nil {
		return ImportResult{}, err
	}
	stored, err := store.FindWorkTypes(ctx, true)
	if err != nil {
		return ImportResult{}, fmt.Errorf("read work types: %w", err)
	}
	types := newNamed(stored, func(w *practice.WorkType) string { return w.Name })
	rows := onceEach{}
	var plan []change[*practice.WorkType]
	for rec := range rd.Records() {
		if ch, ok := planWorkType(rd, types, rows, rec); ok {
			plan = append(plan, ch)
		}
	}
	if rd.fault != nil {
		return ImportResult{}, rd.fault
	}
	return applyChanges(rd, plan, func(w *practice.WorkType) error { return store.SaveWorkType(ctx, w) }, workTypeFields)
}

// planWorkType turns one record into the work type it describes, checked;
// its problems go to rd and it is then !ok.
func planWorkType(rd *Reader, types named[*practice.WorkType], rows onceEach, rec Record) (change[*practice.WorkType], bool) {
	check := newRowCheck(rd, rec.Row)
	name, _ := rec.Get(colName)
	name = strings.TrimSpace(name)
	if name == "" {
		check.problem(colName, "Enter the work type's name: rows are matched to work types by it.")
		return change[*practice.WorkType]{}, false
	}
	if first := rows.seen(name, rec.Row); first != 0 {
		check.problem(colName, fmt.Sprintf("The work type %q is already on row %d; a file names each work type once.", name, first))
		return change[*practice.WorkType]{}, false
	}
	stored, found := types.find(name)
	w := &practice.WorkType{Active: true, RateKind: practice.RateHourly}
	if found {
		cp := *stored
		w = &cp
	}
	w.Name = name

	if cell := cellOf(rec, colRate); cell != "" {
		rate, err := parseMoney(cell)
		if err != nil {
			check.problem(colRate, err.Error())
		}
		w.Rate = rate
	} else if !found {
		check.problem(colRate, "Enter the rate of the new work type, like 150.00 (0.00 for none).")
	}
	if cell := cellOf(rec, colActive); cell != "" {
		active, err := parseBool(cell)
		if err != nil {
			check.problem(colActive, err.Error())
		}
		w.Active = active
	}
	if cell := strings.ToLower(cellOf(rec, colRateKind)); cell != "" {
		if cell != practice.RateHourly && cell != practice.RateFixed {
			check.problem(colRateKind, fmt.Sprintf("%q is not a kind of rate: write hourly or fixed.", cell))
		}
		w.RateKind = cell
	}

	w.Normalize()
	if err := w.Validate(); err != nil {
		check.invalid(err, workTypeFields)
	}
	same := found && w.Name == stored.Name && w.Rate == stored.Rate && w.Active == stored.Active && w.RateKind == stored.RateKind
	return change[*practice.WorkType]{row: rec.Row, v: w, isNew: !found, same: same}, check.ok()
}

// cellOf returns a column's cell without the space around it, "" when the
// file has no such column.
func cellOf(rec Record, column string) string {
	cell, _ := rec.Get(column)
	return strings.TrimSpace(cell)
}

// newNamedReader is NewReader for a file whose rows name their records
// (work types, tax rates): its header must have the name column.
func newNamedReader(r io.Reader, known []string, kind string) (*Reader, error) {
	rd, err := NewReader(r, known)
	if err != nil {
		return nil, err
	}
	if !rd.Has(colName) {
		rd.Problem(1, "", fmt.Sprintf("The file has no name column: %s are matched by name. The columns are %s.", kind, strings.Join(known, ", ")))
		return nil, rd.Err()
	}
	return rd, nil
}
