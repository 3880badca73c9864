package billing_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"ledgerlink/backend/billing"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
	"ledgerlink/internal/testkit"
)

// firm is a database with n clients, each with two items of unbilled
// work, and a billing service that saves invoices in a folder (the real
// delivery used when no mail server is set).
type firm struct {
	t       *testing.T
	ctx     context.Context
	db      *sqlite.DB
	svc     *billing.Service
	dir     string
	clients []*practice.Contact
}

func newFirm(t testing.TB, n int) *firm {
	tt, _ := t.(*testing.T)
	f := &firm{t: tt, ctx: context.Background(), db: testkit.OpenDB(t), dir: filepath.Join(t.TempDir(), "invoices")}
	f.svc = &billing.Service{DB: f.db, Render: billing.PDF, Deliver: billing.Folder{Dir: f.dir}}
	err := f.db.Update(f.ctx, func(tx *sqlite.Tx) error {
		wt := &practice.WorkType{Name: "Bookkeeping", RateKind: practice.RateHourly, Rate: 15000, Active: true}
		if err := tx.SaveWorkType(f.ctx, wt); err != nil {
			return err
		}
		gst := &practice.TaxRate{Name: "GST", Percent: practice.MustDecimal("5")}
		if err := tx.SaveTaxRate(f.ctx, gst); err != nil {
			return err
		}
		if err := billing.SaveSettings(f.ctx, tx, billing.Settings{Firm: billing.Firm{Name: "Kauri & Co Accountants", Lines: []string{"1 Queen Street", "Auckland"}},
			Currency: "NZD", TermsDays: 14}); err != nil {
			return err
		}
		for i := range n {
			c := &practice.Contact{Kind: practice.Organisation, Name: fmt.Sprintf("Client %03d", i+1), Email: fmt.Sprintf("c%d@example.com", i+1), TypeID: 1}
			if err := tx.CreateContact(f.ctx, c); err != nil {
				return err
			}
			f.clients = append(f.clients, c)
			for j, qty := range []string{"1.5", "2"} {
				w := &practice.WorkItem{ContactID: c.ID, Date: fmt.Sprintf("2026-11-%02d", j+3), WorkTypeID: wt.ID,
					Description: fmt.Sprintf("Bookkeeping week %d", j+1), Quantity: practice.MustDecimal(qty), DefaultRate: true, TaxRateID: gst.ID}
				if err := tx.SaveWorkItem(f.ctx, w); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func (f *firm) files() []string {
	f.t.Helper()
	entries, _ := os.ReadDir(f.dir)
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestSend_ApprovedInvoice_SavedAsPDFAndAwaitingPayment(t *testing.T) {
	f := newFirm(t, 1)
	run, err := f.svc.DraftRun(f.ctx, "2026-11-30", nil)
	if err != nil {
		t.Fatal(err)
	}
	id := run.Invoices[0].ID
	if _, err := f.svc.Send(f.ctx, id, false); practice.ErrorCode(err) != practice.ECONFLICT {
		t.Errorf("sending a draft: %v, want it refused", err)
	}
	inv, err := f.svc.Approve(f.ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	sent, err := f.svc.Send(f.ctx, id, false)
	if err != nil {
		t.Fatal(err)
	}
	if sent.Status != practice.InvoiceSent || sent.DueDate != "2026-12-14" {
		t.Errorf("sent invoice %s due %s", sent.Status, sent.DueDate)
	}
	pdf, err := os.ReadFile(filepath.Join(f.dir, inv.Number+".pdf"))
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("no PDF saved for %s: %v", inv.Number, err)
	}
	last := sent.Activity[len(sent.Activity)-1]
	if last.Action != "sent" || last.Detail == "" {
		t.Errorf("activity %+v, want the sending with where it went", sent.Activity)
	}
	if _, err := f.svc.Send(f.ctx, id, false); practice.ErrorCode(err) != practice.ECONFLICT {
		t.Errorf("sending a sent invoice again: %v, want it refused", err)
	}
}

// A billing run of ten clients, stopped half-way through sending and
// resumed: ten invoices, numbered without gaps, each sent once.
func TestBillingRun_StoppedHalfWayAndResumed_EachSentOnce(t *testing.T) {
	f := newFirm(t, 10)
	run, err := f.svc.DraftRun(f.ctx, "2026-11-30", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(run.Invoices) != 10 || run.Status != practice.BillingRunDrafted {
		t.Fatalf("drafted %d invoices, status %s", len(run.Invoices), run.Status)
	}
	if run, err = f.svc.ApproveRun(f.ctx, run.ID); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(f.ctx)
	sent := 0
	f.svc.Progress = func(p billing.Progress) {
		if p.Phase == "sending" {
			if sent++; sent == 5 {
				cancel()
			}
		}
	}
	stopped, _, err := f.svc.SendRun(ctx, run.ID)
	if err == nil || stopped.Status != practice.BillingRunStopped {
		t.Fatalf("a stopped run: %v, status %+v", err, stopped)
	}
	if n := len(f.files()); n != 5 {
		t.Fatalf("%d invoices went out before the stop, want 5", n)
	}
	f.svc.Progress = nil
	done, problems, err := f.svc.SendRun(f.ctx, run.ID)
	if err != nil || len(problems) != 0 || done.Status != practice.BillingRunDone {
		t.Fatalf("resumed run: %v %v %s", err, problems, done.Status)
	}
	if n := len(f.files()); n != 10 {
		t.Errorf("%d invoice files, want 10", n)
	}
	for _, inv := range done.Invoices {
		full, _ := f.invoice(inv.ID)
		sends := 0
		for _, e := range full.Activity {
			if e.Action == "sent" {
				sends++
			}
		}
		if sends != 1 || full.Status != practice.InvoiceSent {
			t.Errorf("invoice %s: sent %d times, status %s", full.Number, sends, full.Status)
		}
	}
}

// An invoice found half-sent (Ledgerlink stopped while it went out) is not
// sent again by a resumed run; the accountant is told to check it.
func TestBillingRun_HalfSentInvoice_LeftForTheAccountant(t *testing.T) {
	f := newFirm(t, 3)
	run, err := f.svc.DraftRun(f.ctx, "2026-11-30", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.ApproveRun(f.ctx, run.ID); err != nil {
		t.Fatal(err)
	}
	half := run.Invoices[1].ID
	if err := f.db.Update(f.ctx, func(tx *sqlite.Tx) error { return tx.SetSendState(f.ctx, half, "sending") }); err != nil {
		t.Fatal(err)
	}
	_, problems, err := f.svc.SendRun(f.ctx, run.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || practice.ErrorCode(problems[0]) != billing.ErrMaybeSent {
		t.Fatalf("problems %v, want the half-sent invoice named", problems)
	}
	if n := len(f.files()); n != 2 {
		t.Errorf("%d invoices went out, want the 2 others", n)
	}
	if _, err := f.svc.Send(f.ctx, half, true); err != nil {
		t.Errorf("sending it on purpose after checking: %v", err)
	}
}

func (f *firm) invoice(id int64) (*practice.Invoice, error) {
	var inv *practice.Invoice
	err := f.db.View(f.ctx, func(tx *sqlite.Tx) error {
		var err error
		inv, err = tx.FindInvoice(f.ctx, id)
		return err
	})
	return inv, err
}

// BenchmarkBillingRun_1000ClientsDraftAndApprove drafts and approves a
// billing run of 1,000 clients with 5 items each.
func BenchmarkBillingRun_1000ClientsDraftAndApprove(b *testing.B) {
	for b.Loop() {
		b.StopTimer()
		f := newFirm(b, 1000)
		// three more items each: five in all
		if err := f.db.Update(f.ctx, func(tx *sqlite.Tx) error {
			for _, c := range f.clients {
				for j := range 3 {
					w := &practice.WorkItem{ContactID: c.ID, Date: fmt.Sprintf("2026-11-%02d", j+10), WorkTypeID: 1,
						Description: "Advice", Quantity: practice.MustDecimal("0.75"), DefaultRate: true}
					if err := tx.SaveWorkItem(f.ctx, w); err != nil {
						return err
					}
				}
			}
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		run, err := f.svc.DraftRun(f.ctx, "2026-11-30", nil)
		if err != nil {
			b.Fatal(err)
		}
		run, err = f.svc.ApproveRun(f.ctx, run.ID)
		if err != nil || len(run.Invoices) != 1000 || run.Invoices[0].Number == "" || run.Invoices[0].Status != practice.InvoiceApproved {
			b.Fatalf("run: %v, %d invoices", err, len(run.Invoices))
		}
	}
	testkit.ReportPeakRSS(b)
}
