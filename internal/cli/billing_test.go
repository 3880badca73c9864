package cli

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"ledgerlink/backend/billing"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// The billing verbs as a scheduled task uses them: a billing run through a
// date, sent (saved as PDF files here, no mail server being set), then the
// list and one invoice, each --json output one document.
func TestBillingVerbs_RunSendListShow_JSONDocuments(t *testing.T) {
	db := filepath.Join(t.TempDir(), "l.db")
	folder := filepath.Join(t.TempDir(), "sent")
	store, err := sqlite.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if err := store.Update(ctx, func(tx *sqlite.Tx) error {
		c := &practice.Contact{Kind: practice.Organisation, Name: "Bluegum Bakery", TypeID: 1}
		if err := tx.CreateContact(ctx, c); err != nil {
			return err
		}
		wt := &practice.WorkType{Name: "Bookkeeping", Rate: 15000, Active: true}
		if err := tx.SaveWorkType(ctx, wt); err != nil {
			return err
		}
		gst := &practice.TaxRate{Name: "GST", Percent: practice.MustDecimal("5")}
		if err := tx.SaveTaxRate(ctx, gst); err != nil {
			return err
		}
		if err := tx.SaveWorkItem(ctx, &practice.WorkItem{ContactID: c.ID, Date: "2026-11-03", WorkTypeID: wt.ID,
			Quantity: practice.MustDecimal("1.5"), DefaultRate: true, TaxRateID: gst.ID}); err != nil {
			return err
		}
		set := billing.DefaultSettings()
		set.SaveFolder = folder
		return billing.SaveSettings(ctx, tx, set)
	}); err != nil {
		t.Fatal(err)
	}
	store.Close()

	var run, first struct {
		Run      practice.BillingRun `json:"run"`
		Problems []string            `json:"problems"`
	}
	// Drafted and approved first, sent by a second run through the same
	// date, which resumes the first rather than finding nothing to bill.
	verbJSON(t, jsonVerb(runBillingRun), &first, "--through", "2026-11-30", "--db", db)
	if first.Run.Status != practice.BillingRunApproved || first.Run.Invoices[0].Status != practice.InvoiceApproved {
		t.Fatalf("billing-run without --send = %+v", first)
	}
	verbJSON(t, jsonVerb(runBillingRun), &run, "--through", "2026-11-30", "--send", "--db", db)
	if run.Run.ID != first.Run.ID {
		t.Errorf("the second billing-run made run %d; want run %d resumed", run.Run.ID, first.Run.ID)
	}
	if run.Run.Status != practice.BillingRunDone || len(run.Run.Invoices) != 1 || run.Run.Invoices[0].Status != practice.InvoiceSent || len(run.Problems) != 0 {
		t.Fatalf("billing-run --send --json = %+v", run)
	}
	if _, err := os.Stat(filepath.Join(folder, "INV-0001.pdf")); err != nil {
		t.Errorf("the sent invoice is not in the folder: %v", err)
	}
	var list struct {
		Invoices []practice.Invoice `json:"invoices"`
		Count    int                `json:"count"`
		Total    int64              `json:"total"`
	}
	verbJSON(t, jsonVerb(runInvoices), &list, "--status", "sent", "--db", db)
	if list.Count != 1 || list.Total != 23625 || list.Invoices[0].Number != "INV-0001" {
		t.Fatalf("invoices --json = %+v", list)
	}
	var inv practice.Invoice
	verbJSON(t, jsonVerb(runInvoice), &inv, "show", "INV-0001", "--db", db)
	if len(inv.Lines) != 1 || inv.Lines[0].Amount != 22500 || len(inv.Taxes) != 1 || inv.Taxes[0].Amount != 1125 || inv.Total != 23625 {
		t.Fatalf("invoice show --json = %+v", inv)
	}
	if len(inv.Activity) < 3 {
		t.Errorf("activity %+v, want drafted, approved, sent", inv.Activity)
	}
}
