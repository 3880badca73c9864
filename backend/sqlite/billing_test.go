package sqlite_test

import (
	"context"
	"fmt"
	"slices"
	stdsync "sync"
	"testing"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
	"ledgerlink/internal/testkit"
)

// billingFirm is a database with a client, two work types and two tax
// rates (one combined).
type billingFirm struct {
	t                   *testing.T
	ctx                 context.Context
	db                  *sqlite.DB
	client              *practice.Contact
	bookkeeping, advice *practice.WorkType
	gst, ca             *practice.TaxRate
}

func newBillingFirm(t *testing.T) *billingFirm {
	t.Helper()
	f := &billingFirm{t: t, ctx: context.Background(), db: testkit.OpenDB(t)}
	f.client = &practice.Contact{Kind: practice.Organisation, Name: "Bluegum Bakery", TypeID: 1}
	f.bookkeeping = &practice.WorkType{Name: "Bookkeeping", RateKind: practice.RateHourly, Rate: 15000, Active: true}
	f.advice = &practice.WorkType{Name: "Advisory", RateKind: practice.RateHourly, Rate: 18000, Active: true}
	f.gst = &practice.TaxRate{Name: "GST", Percent: practice.MustDecimal("5")}
	f.ca = &practice.TaxRate{Name: "CA sales", Components: []practice.TaxComponent{
		{Name: "State", Percent: practice.MustDecimal("6")}, {Name: "County", Percent: practice.MustDecimal("1.25")}, {Name: "City", Percent: practice.MustDecimal("1")}}}
	f.update(func(tx *sqlite.Tx) error {
		if err := tx.CreateContact(f.ctx, f.client); err != nil {
			return err
		}
		for _, w := range []*practice.WorkType{f.bookkeeping, f.advice} {
			if err := tx.SaveWorkType(f.ctx, w); err != nil {
				return err
			}
		}
		for _, r := range []*practice.TaxRate{f.gst, f.ca} {
			if err := tx.SaveTaxRate(f.ctx, r); err != nil {
				return err
			}
		}
		return nil
	})
	return f
}

func (f *billingFirm) update(fn func(tx *sqlite.Tx) error) {
	f.t.Helper()
	if err := f.db.Update(f.ctx, fn); err != nil {
		f.t.Fatal(err)
	}
}

// work adds unbilled work for the client.
func (f *billingFirm) work(date, qty string, wt *practice.WorkType, rate *practice.TaxRate) *practice.WorkItem {
	f.t.Helper()
	w := &practice.WorkItem{ContactID: f.client.ID, Date: date, WorkTypeID: wt.ID, Quantity: practice.MustDecimal(qty), DefaultRate: true}
	if rate != nil {
		w.TaxRateID = rate.ID
	}
	f.update(func(tx *sqlite.Tx) error { return tx.SaveWorkItem(f.ctx, w) })
	return w
}

func (f *billingFirm) draft(items ...*practice.WorkItem) *practice.Invoice {
	f.t.Helper()
	ids := make([]int64, len(items))
	for i, w := range items {
		ids[i] = w.ID
	}
	var inv *practice.Invoice
	f.update(func(tx *sqlite.Tx) error {
		var err error
		inv, err = tx.DraftInvoice(f.ctx, f.client.ID, ids, "2026-11-30", "2026-12-14", 0)
		return err
	})
	return inv
}

func TestBilling_DraftApproveSendVoid_StatusesWorkAndActivity(t *testing.T) {
	f := newBillingFirm(t)
	a := f.work("2026-11-02", "1.5", f.bookkeeping, f.gst)
	b := f.work("2026-11-09", "1", f.advice, f.ca)
	if a.Rate != 15000 || a.Amount != 22500 || a.TaxRate != "GST 5 %" {
		t.Fatalf("work item %+v: want the work type's rate, its amount and the rate's label", a)
	}
	inv := f.draft(a, b)
	if inv.Status != practice.InvoiceDraft || inv.Number != "" || len(inv.Lines) != 2 {
		t.Fatalf("draft %+v", inv)
	}
	if inv.Subtotal != 40500 || inv.Total != 40500+1125+1080+225+180 || len(inv.Taxes) != 2 {
		t.Errorf("draft amounts: subtotal %d total %d taxes %+v", inv.Subtotal, inv.Total, inv.Taxes)
	}
	// Drafted work is no longer unbilled, and cannot be drafted twice.
	f.update(func(tx *sqlite.Tx) error {
		left, err := tx.FindWorkItems(f.ctx, practice.WorkFilter{Unbilled: true})
		if len(left) != 0 {
			t.Errorf("unbilled after the draft: %d items", len(left))
		}
		if _, err := tx.DraftInvoice(f.ctx, f.client.ID, []int64{a.ID}, "2026-11-30", "2026-12-14", 0); practice.ErrorCode(err) != practice.ECONFLICT {
			t.Errorf("drafting billed work again: %v", err)
		}
		return err
	})
	// Edit a line of the draft: the amounts follow.
	inv.Lines[0].Quantity = practice.MustDecimal("2")
	inv.Lines[0].Description = "Bookkeeping, November"
	f.update(func(tx *sqlite.Tx) error { return tx.UpdateDraft(f.ctx, inv) })
	if inv.Lines[0].Amount != 30000 || inv.Subtotal != 48000 {
		t.Errorf("after the edit: line %d, subtotal %d", inv.Lines[0].Amount, inv.Subtotal)
	}
	var approved *practice.Invoice
	f.update(func(tx *sqlite.Tx) error {
		var err error
		approved, err = tx.ApproveInvoice(f.ctx, inv.ID)
		return err
	})
	if approved.Number != "INV-0001" || approved.Status != practice.InvoiceApproved {
		t.Errorf("approved %q %s", approved.Number, approved.Status)
	}
	f.update(func(tx *sqlite.Tx) error {
		return tx.MarkInvoiceSent(f.ctx, inv.ID, "e-mailed to accounts@bluegum.example")
	})
	f.update(func(tx *sqlite.Tx) error {
		inv.Notes = "too late"
		if err := tx.UpdateDraft(f.ctx, inv); practice.ErrorCode(err) != practice.ECONFLICT {
			t.Errorf("editing a sent invoice: %v, want it refused", err)
		}
		return nil
	})
	f.update(func(tx *sqlite.Tx) error { return tx.VoidInvoice(f.ctx, inv.ID, "wrong client") })
	f.update(func(tx *sqlite.Tx) error {
		got, err := tx.FindInvoice(f.ctx, inv.ID)
		if err != nil {
			return err
		}
		var actions []string
		for _, e := range got.Activity {
			actions = append(actions, e.Action)
		}
		if got.Status != practice.InvoiceVoid || !slices.Equal(actions, []string{"drafted", "edited", "approved", "sent", "voided"}) {
			t.Errorf("voided invoice %s, activity %v", got.Status, actions)
		}
		left, err := tx.FindWorkItems(f.ctx, practice.WorkFilter{Unbilled: true})
		if len(left) != 2 {
			t.Errorf("after voiding, %d items are unbilled again, want 2 (to reissue)", len(left))
		}
		return err
	})
}

// Approvals at the same time, from many goroutines: every number once,
// none skipped.
func TestBilling_ConcurrentApprovals_NumbersUniqueAndGapFree(t *testing.T) {
	f := newBillingFirm(t)
	const n = 40
	var drafts []*practice.Invoice
	for i := range n {
		drafts = append(drafts, f.draft(f.work(fmt.Sprintf("2026-11-%02d", i%28+1), "1", f.bookkeeping, nil)))
	}
	var wg stdsync.WaitGroup
	numbers := make([]string, n)
	errs := make([]error, n)
	for i, d := range drafts {
		wg.Go(func() {
			errs[i] = f.db.Update(f.ctx, func(tx *sqlite.Tx) error {
				inv, err := tx.ApproveInvoice(f.ctx, d.ID)
				if err == nil {
					numbers[i] = inv.Number
				}
				return err
			})
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	slices.Sort(numbers)
	for i, num := range numbers {
		if want := fmt.Sprintf("INV-%04d", i+1); num != want {
			t.Fatalf("numbers %v: position %d is %s, want %s (no gap, no repeat)", numbers, i, num, want)
		}
	}
}

func TestBilling_TaxRateInUse_ArchivedNotChangedNorDeleted(t *testing.T) {
	f := newBillingFirm(t)
	f.work("2026-11-02", "1", f.bookkeeping, f.gst)
	f.update(func(tx *sqlite.Tx) error {
		r, err := tx.FindTaxRate(f.ctx, f.gst.ID)
		if err != nil {
			return err
		}
		r.Percent = practice.MustDecimal("6")
		if err := tx.SaveTaxRate(f.ctx, r); practice.ErrorCode(err) != practice.ECONFLICT {
			t.Errorf("changing a rate in use: %v, want it refused", err)
		}
		if err := tx.DeleteTaxRate(f.ctx, f.gst.ID); practice.ErrorCode(err) != practice.ECONFLICT {
			t.Errorf("deleting a rate in use: %v, want it refused", err)
		}
		r.Percent, r.Archived = practice.MustDecimal("5"), true
		if err := tx.SaveTaxRate(f.ctx, r); err != nil {
			t.Errorf("archiving a rate in use: %v", err)
		}
		current, err := tx.FindTaxRates(f.ctx, false)
		if len(current) != 1 || current[0].Name != "CA sales" {
			t.Errorf("current rates after archiving GST: %+v", current)
		}
		if err := tx.DeleteTaxRate(f.ctx, f.ca.ID); err != nil {
			t.Errorf("deleting an unused rate: %v", err)
		}
		return err
	})
}

func TestBilling_ContactWithWork_NotDeleted(t *testing.T) {
	f := newBillingFirm(t)
	f.work("2026-11-02", "1", f.bookkeeping, nil)
	err := f.db.Update(f.ctx, func(tx *sqlite.Tx) error { return tx.DeleteContact(f.ctx, f.client.ID) })
	if practice.ErrorCode(err) != practice.ECONFLICT || practice.ErrorMessage(err) != "This contact has work or invoices, so it cannot be deleted." {
		t.Errorf("deleting a contact with work: %v", err)
	}
}

func TestBilling_WorkTypeNameTaken_Conflict(t *testing.T) {
	f := newBillingFirm(t)
	err := f.db.Update(f.ctx, func(tx *sqlite.Tx) error {
		return tx.SaveWorkType(f.ctx, &practice.WorkType{Name: "bookkeeping", RateKind: practice.RateFixed, Rate: 1, Active: true})
	})
	if practice.ErrorFields(err)["name"] == "" {
		t.Errorf("a second Bookkeeping (any case): %v, want the name refused", err)
	}
}
