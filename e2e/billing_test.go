//go:build e2e

package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"ledgerlink/backend/billing"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// billingFirm is a database seeded for billing: four clients, one work
// type, one tax rate, and settings that save invoices in a folder (no mail
// server). Three of the clients have unbilled work already; the first has
// none, for the test to add through the UI.
type billingFirm struct {
	db       string
	folder   string
	clients  []*practice.Contact
	workType *practice.WorkType
	gst      *practice.TaxRate
}

func seedBillingFirm(t *testing.T) *billingFirm {
	t.Helper()
	ctx := context.Background()
	dir := t.TempDir()
	f := &billingFirm{db: filepath.Join(dir, "billing.db"), folder: filepath.Join(dir, "invoices")}
	db, err := sqlite.Open(ctx, f.db)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(ctx, func(tx *sqlite.Tx) error {
		f.workType = &practice.WorkType{Name: "Bookkeeping", RateKind: practice.RateHourly, Rate: 15000, Active: true}
		if err := tx.SaveWorkType(ctx, f.workType); err != nil {
			return err
		}
		f.gst = &practice.TaxRate{Name: "GST", Percent: practice.MustDecimal("5")}
		if err := tx.SaveTaxRate(ctx, f.gst); err != nil {
			return err
		}
		if err := billing.SaveSettings(ctx, tx, billing.Settings{
			Firm:     billing.Firm{Name: "Kauri & Co Accountants", Lines: []string{"1 Queen Street", "Auckland 1010"}, Email: "accounts@kauri.example"},
			Currency: "NZD", TermsDays: 14, Mail: billing.Mail{Port: 587, Security: "starttls"}, SaveFolder: f.folder,
		}); err != nil {
			return err
		}
		for i, name := range []string{"Aroha Bakery", "Birch Dental", "Cedar Joinery", "Dune Surf School"} {
			c := &practice.Contact{Kind: practice.Organisation, Name: name, Email: fmt.Sprintf("client%d@example.com", i+1), TypeID: 1}
			if err := tx.CreateContact(ctx, c); err != nil {
				return err
			}
			f.clients = append(f.clients, c)
			if i == 0 {
				continue
			}
			w := &practice.WorkItem{ContactID: c.ID, Date: "2026-01-15", WorkTypeID: f.workType.ID, Description: "January bookkeeping",
				Quantity: practice.MustDecimal(strconv.Itoa(i)), DefaultRate: true, TaxRateID: f.gst.ID}
			if err := tx.SaveWorkItem(ctx, w); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// savedInvoices lists the files in the save folder.
func (f *billingFirm) savedInvoices(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(f.folder)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	return names
}

func byTestID(id string) chromedp.CSS { return chromedp.CSS(`[data-testid=` + id + `]`) }

// testIDText is the text of the first element with a data-testid.
func testIDText(id string) string {
	return `(document.querySelector('[data-testid=` + id + `]')?.innerText ?? '')`
}

// setSelect chooses an option of a <select> by value, as a person picking it does.
func setSelect(selector, value string) chromedp.Action[chromedp.Void] {
	return chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const el = document.querySelector(%s);
		el.value = %s;
		el.dispatchEvent(new Event('change', { bubbles: true }));
	})()`, js(selector), js(value)))
}

func TestBilling_WorkDraftEditApproveSend_ThenARunOfThreeClients(t *testing.T) {
	f := seedBillingFirm(t)
	base := serve(t, f.db)
	ctx := newBrowser(t)
	aroha := f.clients[0]

	step(t, ctx, "open Billing", chromedp.Navigate(base+"/#/billing"))
	waitUntil(t, ctx, "the three clients with unbilled work", `document.querySelectorAll('[data-testid=unbilled-client]').length === 3`)

	// Add work for a client found by searching its name; the work type's rate fills the rate.
	step(t, ctx, "open Add work", chromedp.Click(byTestID("add-work")), chromedp.WaitVisible(chromedp.CSS("#work-client")))
	step(t, ctx, "search the client", setField("#work-client", "aroha"))
	arohaOption := fmt.Sprintf(`#work-client-options [data-contact-id="%d"]`, aroha.ID)
	step(t, ctx, "pick Aroha Bakery", chromedp.WaitVisible(chromedp.CSS(arohaOption)), chromedp.Click(chromedp.CSS(arohaOption)))
	waitUntil(t, ctx, "the type's rate in the rate field", `document.getElementById('work-rate').value === '150.00'`)
	step(t, ctx, "describe the work",
		setField("#work-description", "Monthly bookkeeping"),
		setField("#work-quantity", "2.5"),
		setSelect("#work-tax", strconv.FormatInt(f.gst.ID, 10)),
		chromedp.Click(byTestID("save-work")))
	arohaSection := fmt.Sprintf(`document.querySelector('[data-testid=unbilled-client][data-contact-id="%d"]')`, aroha.ID)
	waitUntil(t, ctx, "Aroha's work listed at 2.5 × 150.00", `!`+dialogOpen+` && `+arohaSection+`?.innerText.includes('375.00')`)
	shot(t, ctx, "billing-1-unbilled")

	// Draft Invoice opens the draft.
	step(t, ctx, "draft Aroha's invoice", chromedp.Evaluate[chromedp.Void](arohaSection+`.querySelector('[data-testid=draft-invoice]').click()`))
	waitUntil(t, ctx, "the draft", `location.hash.startsWith('#/billing/invoice/') && `+testIDText("invoice-status")+` === 'Draft'`)
	if got := eval[string](t, ctx, testIDText("invoice-number")); got != "Draft" {
		t.Errorf("a draft's number reads %q, want Draft", got)
	}
	paper := eval[string](t, ctx, testIDText("invoice-document"))
	for _, want := range []string{"Kauri & Co Accountants", "1 Queen Street", "Aroha Bakery", "GST 5 %", "393.75"} {
		if !bytes.Contains([]byte(paper), []byte(want)) {
			t.Errorf("the invoice does not show %q:\n%s", want, paper)
		}
	}

	// Edit a line: a quantity Go refuses shows Go's sentence beside it; a good one is saved.
	step(t, ctx, "a quantity of 0", setField("#line-0-quantity", "0"), chromedp.Click(byTestID("save-draft")))
	waitUntil(t, ctx, "Go's problem beside the quantity", `document.getElementById('line-0-quantity-error')?.innerText.includes('other than 0')`)
	step(t, ctx, "a comma", setField("#line-0-quantity", "1,5"), chromedp.Click(byTestID("save-draft")))
	waitUntil(t, ctx, "the comma refused beside the quantity", `document.getElementById('line-0-quantity-error')?.innerText.includes('point')`)
	step(t, ctx, "edit the line",
		setField("#line-0-quantity", "3"),
		setField("#line-0-description", "Monthly bookkeeping, January"))
	waitUntil(t, ctx, "the total following the edit (3 × 150.00 + 5 %)", testIDText("invoice-total")+`.includes('472.50')`)
	shot(t, ctx, "billing-2-draft")
	step(t, ctx, "save the draft", chromedp.Click(byTestID("save-draft")))
	waitUntil(t, ctx, "the draft saved", testIDText("invoice-notice")+` === 'Saved.' && !!document.querySelector('[data-testid=activity] [data-action=edited]')`)

	// Approve gives it its number.
	step(t, ctx, "approve", chromedp.Click(byTestID("approve")))
	waitUntil(t, ctx, "INV-0001", testIDText("invoice-number")+` === 'INV-0001' && `+testIDText("invoice-status")+` === 'Approved'`)

	// Send saves the PDF in the folder (no mail server is set): Awaiting Payment.
	step(t, ctx, "send", chromedp.Click(byTestID("send")))
	waitUntil(t, ctx, "Awaiting Payment", testIDText("invoice-status")+` === 'Awaiting Payment'`)
	pdf, err := os.ReadFile(filepath.Join(f.folder, "INV-0001.pdf"))
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("INV-0001.pdf in the save folder: %v (starts %q)", err, pdf[:min(len(pdf), 8)])
	}
	waitUntil(t, ctx, "sent in the activity log", `!!document.querySelector('[data-testid=activity] [data-action=sent]')`)
	shot(t, ctx, "billing-3-sent")
	activity := eval[string](t, ctx, testIDText("activity"))
	for _, want := range []string{"Drafted", "Edited", "Approved", "Number INV-0001", "Sent", "INV-0001.pdf"} {
		if !bytes.Contains([]byte(activity), []byte(want)) {
			t.Errorf("the activity log lacks %q:\n%s", want, activity)
		}
	}
	// A sent invoice is read only, after a reload too.
	step(t, ctx, "reload the invoice", chromedp.Reload())
	waitUntil(t, ctx, "still Awaiting Payment", testIDText("invoice-status")+` === 'Awaiting Payment'`)
	if eval[bool](t, ctx, `!!document.getElementById('line-0-quantity') || !!document.querySelector('[data-testid=approve], [data-testid=send]')`) {
		t.Error("a sent invoice can still be edited, approved or sent")
	}

	// Close: the three clients with unbilled work are chosen; Draft all, Approve all, Send all.
	step(t, ctx, "open Close", chromedp.Evaluate[chromedp.Void](`location.hash = '#/billing/close'`))
	waitUntil(t, ctx, "the three clients chosen", `[...document.querySelectorAll('[data-testid=run-client]')].filter(c => c.checked).length === 3`)
	shot(t, ctx, "billing-4-close")
	step(t, ctx, "Draft all", chromedp.Click(byTestID("draft-all")))
	runRows := `[...document.querySelectorAll('[data-testid=run-invoice]')]`
	waitUntil(t, ctx, "three drafts", `/^#\/billing\/close\/\d+$/.test(location.hash) && `+runRows+`.length === 3 && `+runRows+`.every(r => r.dataset.status === 'draft')`)
	runHash := eval[string](t, ctx, `location.hash`)
	step(t, ctx, "Approve all", chromedp.Click(byTestID("approve-all")))
	waitUntil(t, ctx, "three approved", runRows+`.every(r => r.dataset.status === 'approved')`)
	numbers := eval[[]string](t, ctx, runRows+`.map(r => r.children[1].innerText)`)
	slices.Sort(numbers)
	if want := []string{"INV-0002", "INV-0003", "INV-0004"}; !slices.Equal(numbers, want) {
		t.Errorf("the run's numbers = %q, want %q", numbers, want)
	}
	step(t, ctx, "Send all", chromedp.Click(byTestID("send-all")))
	waitUntil(t, ctx, "the run done", `document.querySelector('[data-testid=run-status]')?.dataset.status === 'done' && `+
		runRows+`.every(r => r.dataset.status === 'sent')`)

	shot(t, ctx, "billing-5-run-sent")
	// Each invoice saved once: the single one and the run's three.
	if got, want := f.savedInvoices(t), []string{"INV-0001.pdf", "INV-0002.pdf", "INV-0003.pdf", "INV-0004.pdf"}; !slices.Equal(got, want) {
		t.Errorf("the save folder holds %q, want %q", got, want)
	}

	// The run is in the address: a reload shows it again.
	step(t, ctx, "reload the run", chromedp.Reload())
	waitUntil(t, ctx, "the run after a reload", `location.hash === `+js(runHash)+` && document.querySelector('[data-testid=run-status]')?.dataset.status === 'done'`)

	// The invoice list counts and totals what its filter selects; arrows and Enter open one.
	step(t, ctx, "open Invoices", chromedp.Evaluate[chromedp.Void](`location.hash = '#/billing/invoices'`))
	waitUntil(t, ctx, "four invoices", testIDText("invoices-count")+` === '4 invoices'`)
	step(t, ctx, "only Awaiting Payment", setSelect("#invoices-status", "sent"))
	waitUntil(t, ctx, "four awaiting payment", testIDText("invoices-count")+` === '4 invoices' && `+
		`[...document.querySelectorAll('[data-testid=invoice-row]')].every(r => r.dataset.status === 'sent')`)
	step(t, ctx, "number 0001", setField("#invoices-number", "0001"))
	waitUntil(t, ctx, "one match totalling INV-0001", testIDText("invoices-count")+` === '1 invoice' && `+testIDText("invoices-total")+`.includes('472.50')`)
	shot(t, ctx, "billing-6-invoices")
	step(t, ctx, "open it from the keyboard",
		chromedp.Focus(byTestID("invoice-list")),
		chromedp.KeyEvent(kb.ArrowDown),
		chromedp.KeyEvent(kb.Enter))
	waitUntil(t, ctx, "INV-0001 opened", `location.hash.startsWith('#/billing/invoice/') && `+testIDText("invoice-number")+` === 'INV-0001'`)

	// Billing settings: the next number follows the run; one already used is refused beside its field.
	step(t, ctx, "open Billing settings", chromedp.Evaluate[chromedp.Void](`location.hash = '#/billing/settings'`))
	waitUntil(t, ctx, "the next number", testIDText("number-preview")+` === 'INV-0005'`)
	step(t, ctx, "a used next number", setField("#bs-next", "2"), chromedp.Click(byTestID("save-billing-settings")))
	waitUntil(t, ctx, "Go's refusal beside Next number", `document.getElementById('bs-next-error')?.innerText.includes('INV-0002')`)
	shot(t, ctx, "billing-7-settings")
}
