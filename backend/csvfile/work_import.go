package csvfile

import (
	"context"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"

	"ledgerlink/backend/practice"
)

// WorkStore is what a work import needs of the store: its write
// transaction (sqlite's *Tx inside DB.Update).
type WorkStore interface {
	AllContacts(ctx context.Context) iter.Seq2[*practice.Contact, error]
	FindWorkTypes(ctx context.Context, inactive bool) ([]*practice.WorkType, error)
	FindTaxRates(ctx context.Context, archived bool) ([]*practice.TaxRate, error)
	SaveWorkItem(ctx context.Context, w *practice.WorkItem) error
}

// ImportWork reads a work file and adds every row as unbilled work through
// store: a firm's time fed from another tool. The file has the columns
// client, date, work_type and quantity, and any of the others (see
// WorkColumns), in any order. The client is found by id first, else by
// exact name; the work type and tax rate by name, ignoring case. A name
// that finds nothing, a name two contacts share, an inactive work type and
// an archived tax rate are problems of their row. An empty or absent rate
// is the work type's; an empty or absent tax_rate is no tax. The invoice
// column is ignored: importing an export adds its work again, unbilled.
//
// Every row is checked by the work form's rules before anything is
// written. If any row is wrong, the error is an *Error listing every
// problem by row and column, and the caller's transaction must be rolled
// back (returning the error from DB.Update does that).
func ImportWork(ctx context.Context, store WorkStore, r io.Reader) (ImportResult, error) {
	rd, err := NewReader(r, WorkColumns)
	if err != nil {
		return ImportResult{}, err
	}
	var missing []string
	for _, col := range workRequired {
		if !rd.Has(col) {
			missing = append(missing, col)
		}
	}
	if len(missing) > 0 {
		noun := "column"
		if len(missing) > 1 {
			noun = "columns"
		}
		rd.Problem(1, "", fmt.Sprintf("The file has no %s %s; work needs %s, and may have %s.",
			strings.Join(missing, ", "), noun, strings.Join(workRequired, ", "), strings.Join(workOptional(), ", ")))
		return ImportResult{}, rd.Err()
	}
	ref, err := loadWorkRefs(ctx, store)
	if err != nil {
		return ImportResult{}, err
	}
	var plan []change[*practice.WorkItem]
	for rec := range rd.Records() {
		if w, ok := ref.plan(rd, rec); ok {
			plan = append(plan, change[*practice.WorkItem]{row: rec.Row, v: w, isNew: true})
		}
	}
	if rd.fault != nil {
		return ImportResult{}, rd.fault
	}
	return applyChanges(rd, plan, func(w *practice.WorkItem) error { return store.SaveWorkItem(ctx, w) }, workFields)
}

// workOptional are the columns a work file may leave out.
func workOptional() []string {
	return slices.DeleteFunc(slices.Clone(WorkColumns), func(c string) bool { return slices.Contains(workRequired, c) })
}

// workRefs are the records a work file names: its clients, work types and
// tax rates.
type workRefs struct {
	clients   *clients
	workTypes named[*practice.WorkType]
	taxRates  named[*practice.TaxRate]
}

func loadWorkRefs(ctx context.Context, store WorkStore) (workRefs, error) {
	cs, err := loadClients(store.AllContacts(ctx))
	if err != nil {
		return workRefs{}, err
	}
	types, err := store.FindWorkTypes(ctx, true)
	if err != nil {
		return workRefs{}, fmt.Errorf("read work types: %w", err)
	}
	rates, err := store.FindTaxRates(ctx, true)
	if err != nil {
		return workRefs{}, fmt.Errorf("read tax rates: %w", err)
	}
	return workRefs{
		clients:   cs,
		workTypes: newNamed(types, func(w *practice.WorkType) string { return w.Name }),
		taxRates:  newNamed(rates, func(r *practice.TaxRate) string { return r.Name }),
	}, nil
}

// plan turns one record into the work it describes, checked; its problems
// go to rd and it is then !ok.
func (ref workRefs) plan(rd *Reader, rec Record) (*practice.WorkItem, bool) {
	check := newRowCheck(rd, rec.Row)
	description, _ := rec.Get(colDescription)
	w := &practice.WorkItem{Date: cellOf(rec, colDate), Description: description}

	if id, err := ref.clients.find(cellOf(rec, colClient)); err != nil {
		check.problem(colClient, err.Error())
	} else {
		w.ContactID = id
	}

	var wt *practice.WorkType
	switch name := cellOf(rec, colWorkType); {
	case name == "":
		check.problem(colWorkType, "Enter the work type, by its name.")
	default:
		t, ok := ref.workTypes.find(name)
		switch {
		case !ok:
			check.problem(colWorkType, fmt.Sprintf("There is no work type named %q. The work types are %s.", name, ref.workTypes.list()))
		case !t.Active:
			check.problem(colWorkType, fmt.Sprintf("%s is inactive; make it active again or choose another work type.", t.Name))
		default:
			wt, w.WorkTypeID = t, t.ID
		}
	}

	if name := cellOf(rec, colTaxRate); name != "" {
		r, ok := ref.taxRates.find(name)
		switch {
		case !ok:
			check.problem(colTaxRate, fmt.Sprintf("There is no tax rate named %q. The tax rates are %s; leave the cell empty for no tax.", name, ref.taxRates.list()))
		case r.Archived:
			check.problem(colTaxRate, fmt.Sprintf("%s is archived; choose a current rate.", r.Label()))
		default:
			w.TaxRateID = r.ID
		}
	}

	if cell := cellOf(rec, colQuantity); cell == "" {
		check.problem(colQuantity, "Enter the quantity: hours or units, like 1.5.")
	} else if q, err := practice.ParseDecimal(cell); err != nil {
		check.problem(colQuantity, fmt.Sprintf("%q is not a quantity: write a number with a point and at most %d decimals, like 1.5.", cell, practice.MaxDecimalPlaces))
	} else {
		w.Quantity = q
	}

	if cell := cellOf(rec, colRate); cell == "" {
		w.DefaultRate = true
		if wt != nil {
			w.Rate = wt.Rate
		}
	} else if rate, err := parseMoney(cell); err != nil {
		check.problem(colRate, err.Error())
	} else {
		w.Rate = rate
	}

	if inv := cellOf(rec, colInvoice); inv != "" {
		// Work an invoice billed, imported again, would be billed twice.
		check.problem(colInvoice, fmt.Sprintf("This work was billed on invoice %s; importing it again would bill it twice. Remove the row, or empty the invoice cell if it is new work.", inv))
	}

	w.Normalize()
	if err := w.Validate(); err != nil {
		check.invalid(err, workFields)
	}
	return w, check.ok()
}
