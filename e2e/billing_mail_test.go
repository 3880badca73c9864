//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"ledgerlink/backend/billing"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
	"ledgerlink/internal/testkit"
)

// The billing journey with a real mail server: ten clients billed
// in one run, each invoice e-mailed with its PDF; the run stopped half-way
// (each message takes a moment to arrive, long enough to press Stop) and
// resumed — ten invoices, each e-mailed once.
func TestBilling_RunOfTenEmailed_StoppedAndResumed_EachSentOnce(t *testing.T) {
	smtp := testkit.StartSMTP(t, testkit.SMTPOnData(func() { time.Sleep(600 * time.Millisecond) }))
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "mail.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	err = db.Update(ctx, func(tx *sqlite.Tx) error {
		wt := &practice.WorkType{Name: "Bookkeeping", RateKind: practice.RateHourly, Rate: 15000, Active: true}
		if err := tx.SaveWorkType(ctx, wt); err != nil {
			return err
		}
		if err := billing.SaveSettings(ctx, tx, billing.Settings{
			Firm: billing.Firm{Name: "Kauri & Co Accountants", Email: "accounts@kauri.example"}, Currency: "NZD", TermsDays: 14,
			Mail: billing.Mail{Host: smtp.Host, Port: smtp.Port, Security: "none", From: "invoices@kauri.example", FromName: "Kauri & Co"},
		}); err != nil {
			return err
		}
		for i := range 10 {
			c := &practice.Contact{Kind: practice.Organisation, Name: fmt.Sprintf("Client %02d", i+1), Email: fmt.Sprintf("client%02d@example.com", i+1), TypeID: 1}
			if err := tx.CreateContact(ctx, c); err != nil {
				return err
			}
			if err := tx.SaveWorkItem(ctx, &practice.WorkItem{ContactID: c.ID, Date: "2026-01-15", WorkTypeID: wt.ID,
				Description: "January bookkeeping", Quantity: practice.MustDecimal("2"), DefaultRate: true}); err != nil {
				return err
			}
		}
		return nil
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}
	base := serve(t, path)
	tab := newBrowser(t)

	step(t, tab, "open Close", chromedp.Navigate(base+"/#/billing/close"), chromedp.WaitVisible(chromedp.CSS("#run-through")))
	step(t, tab, "cut-off 31 January", setField("#run-through", "2026-01-31"),
		chromedp.Evaluate[chromedp.Void](`document.getElementById('run-through').dispatchEvent(new Event('change', { bubbles: true }))`))
	waitUntil(t, tab, "ten clients chosen", `[...document.querySelectorAll('[data-testid=run-client]')].filter(c => c.checked).length === 10`)
	rows := `[...document.querySelectorAll('[data-testid=run-invoice]')]`
	step(t, tab, "Draft all", chromedp.Click(byTestID("draft-all")))
	waitUntil(t, tab, "ten drafts", rows+`.length === 10`)
	step(t, tab, "Approve all", chromedp.Click(byTestID("approve-all")))
	waitUntil(t, tab, "ten approved", rows+`.length === 10 && `+rows+`.every(r => r.dataset.status === 'approved')`)

	step(t, tab, "Send all", chromedp.Click(byTestID("send-all")))
	deadline := time.Now().Add(30 * time.Second)
	for len(smtp.Messages()) < 3 {
		if time.Now().After(deadline) {
			t.Fatalf("only %d invoices e-mailed after 30 s", len(smtp.Messages()))
		}
		time.Sleep(50 * time.Millisecond)
	}
	step(t, tab, "Stop", chromedp.Click(byTestID("stop-run")))
	waitUntil(t, tab, "the run stopped", `document.querySelector('[data-testid=run-status]')?.dataset.status === 'stopped' && !!document.querySelector('[data-testid=resume-run]')`)
	stoppedAt := len(smtp.Messages())
	if stoppedAt == 0 || stoppedAt >= 10 {
		t.Fatalf("%d invoices e-mailed when the run stopped; want it stopped half-way", stoppedAt)
	}
	shot(t, tab, "billing-mail-1-stopped")

	step(t, tab, "Resume", chromedp.Click(byTestID("resume-run")))
	waitUntil(t, tab, "the run done", `document.querySelector('[data-testid=run-status]')?.dataset.status === 'done'`)
	shot(t, tab, "billing-mail-2-done")

	// Ten messages, one to each client, each with its invoice's PDF.
	got := smtp.Messages()
	if len(got) != 10 {
		t.Fatalf("%d messages e-mailed in all; want 10, each invoice once (%d before the stop)", len(got), stoppedAt)
	}
	seen := map[string]bool{}
	for _, m := range got {
		if len(m.To) != 1 || seen[m.To[0]] {
			t.Errorf("message to %v: each client gets exactly one", m.To)
		}
		seen[m.To[0]] = true
		mail := testkit.ParseMail(t, m.Data)
		number := strings.Fields(mail.Subject)[1]
		pdf := mail.Attachment(number + ".pdf")
		if !strings.HasPrefix(mail.Subject, "Invoice INV-") || pdf == nil || !bytes.HasPrefix(pdf.Data, []byte("%PDF-")) || pdf.ContentType != "application/pdf" {
			t.Errorf("message %q: want the invoice's PDF attached as %s.pdf", mail.Subject, number)
		}
	}
	waitUntil(t, tab, "every invoice awaiting payment", rows+`.every(r => r.dataset.status === 'sent')`)
}
