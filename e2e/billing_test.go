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
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"ledgerlink/backend/billing"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// billingFirm is a database seeded for billing: four clients and extra
// more, one work type, one tax rate, and settings that save invoices in a
// folder (no mail server). Every client but the first has unbilled work
// already; the first has none, for the test to add through the UI.
type billingFirm struct {
	db       string
	folder   string
	clients  []*practice.Contact
	workType *practice.WorkType
	gst      *practice.TaxRate
}

func seedBillingFirm(t *testing.T, extra int) *billingFirm {
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
		names := []string{"Aroha Bakery", "Birch Dental", "Cedar Joinery", "Dune Surf School"}
		for i := range extra {
			names = append(names, fmt.Sprintf("Extra Client %02d", i+1))
		}
		for i, name := range names {
			c := &practice.Contact{Kind: practice.Organisation, Name: name, Email: fmt.Sprintf("client%d@example.com", i+1), TypeID: 1}
			if err := tx.CreateContact(ctx, c); err != nil {
				return err
			}
			f.clients = append(f.clients, c)
			if i == 0 {
				continue
			}
			w := &practice.WorkItem{ContactID: c.ID, Date: "2026-01-15", WorkTypeID: f.workType.ID, Description: "January bookkeeping",
				Quantity: practice.MustDecimal(strconv.Itoa(min(i, 9))), DefaultRate: true, TaxRateID: f.gst.ID}
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
	f := seedBillingFirm(t, 0)
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

func TestBilling_SettingsWorkAndCorrections(t *testing.T) {
	f := seedBillingFirm(t, 0)
	base := serve(t, f.db)
	ctx := newBrowser(t)
	birch, cedar, dune := f.clients[1], f.clients[2], f.clients[3]

	// A work type's rate is money typed exactly; a comma is refused beside the field.
	step(t, ctx, "open Billing settings", chromedp.Navigate(base+"/#/billing/settings"))
	waitUntil(t, ctx, "the settings form", `document.getElementById('bs-firm-name')?.value === 'Kauri & Co Accountants'`)
	step(t, ctx, "add a work type", chromedp.Click(byTestID("add-work-type")), chromedp.WaitVisible(chromedp.CSS("#wt-name")))
	step(t, ctx, "a rate with a comma",
		setField("#wt-name", "Payroll"),
		chromedp.Click(chromedp.CSS(`input[name=wt-kind][value=fixed]`)),
		setField("#wt-rate", "1,234.50"),
		chromedp.Click(byTestID("save-work-type")))
	waitUntil(t, ctx, "the comma refused", `document.getElementById('wt-rate-error')?.innerText.includes('without commas')`)
	step(t, ctx, "the rate without it", setField("#wt-rate", "1234.50"), chromedp.Click(byTestID("save-work-type")))
	workTypes := `[...document.querySelectorAll('[data-testid=work-type]')].map(r => r.innerText)`
	waitUntil(t, ctx, "Payroll at 1,234.50 a unit", `!`+dialogOpen+` && `+workTypes+`.some(t => t.includes('Payroll') && t.includes('1,234.50') && t.includes('unit'))`)

	// A combined tax rate adds its components up exactly.
	step(t, ctx, "add a tax rate", chromedp.Click(byTestID("add-tax-rate")), chromedp.WaitVisible(chromedp.CSS("#tr-name")))
	step(t, ctx, "make it combined", setField("#tr-name", "CA sales"), chromedp.Click(chromedp.CSS(`input[name=tr-kind][value=true]`)))
	step(t, ctx, "its components",
		setField("#tr-comp-0-name", "State"), setField("#tr-comp-0-percent", "6"),
		setField("#tr-comp-1-name", "County"), setField("#tr-comp-1-percent", "1.25"),
		chromedp.Click(button("Add a component")))
	step(t, ctx, "a third component", setField("#tr-comp-2-name", "City"), setField("#tr-comp-2-percent", "1"))
	waitUntil(t, ctx, "the total 8.25 %", testIDText("tax-rate-total")+` === '8.25 %'`)
	step(t, ctx, "save it", chromedp.Click(byTestID("save-tax-rate")))
	taxRow := func(name string) string {
		return `[...document.querySelectorAll('[data-testid=tax-rate]')].find(r => r.innerText.includes(` + js(name) + `))`
	}
	waitUntil(t, ctx, "CA sales listed", `!`+dialogOpen+` && `+taxRow("CA sales")+`?.innerText.includes('County 1.25 %')`)

	// A rate in use is not deleted: Go says why. One unused is archived, restored, deleted.
	rowMenu := func(row, item string) {
		t.Helper()
		step(t, ctx, item+" in "+row, chromedp.Evaluate[chromedp.Void](taxRow(row)+`.querySelector('[aria-haspopup=menu]').click()`))
		step(t, ctx, "choose "+item, chromedp.Click(chromedp.Search(fmt.Sprintf(`//button[@role='menuitem'][normalize-space()=%q]`, item))))
	}
	rowMenu("GST", "Delete…")
	step(t, ctx, "confirm", chromedp.Click(button("Delete tax rate")))
	waitUntil(t, ctx, "Go's refusal", `document.querySelector('dialog[open]')?.innerText.includes('archived rather than deleted')`)
	step(t, ctx, "cancel", chromedp.Click(button("Cancel")))
	rowMenu("CA sales", "Archive")
	waitUntil(t, ctx, "CA sales archived", taxRow("CA sales")+`?.innerText.includes('archived')`)
	rowMenu("CA sales", "Restore")
	waitUntil(t, ctx, "CA sales restored", `!`+taxRow("CA sales")+`?.innerText.includes('archived')`)
	rowMenu("CA sales", "Delete…")
	step(t, ctx, "confirm", chromedp.Click(button("Delete tax rate")))
	waitUntil(t, ctx, "CA sales deleted", `!`+dialogOpen+` && !`+taxRow("CA sales"))

	// The firm's details are saved, and invoices show them.
	step(t, ctx, "rename the firm", setField("#bs-firm-name", "Kauri Partners"), chromedp.Click(byTestID("save-billing-settings")))
	waitUntil(t, ctx, "saved", testIDText("billing-settings-message")+`.startsWith('Saved')`)

	// Unbilled work: edit one item, remove another.
	section := func(id int64) string {
		return fmt.Sprintf(`document.querySelector('[data-testid=unbilled-client][data-contact-id="%d"]')`, id)
	}
	step(t, ctx, "open Unbilled work", chromedp.Evaluate[chromedp.Void](`location.hash = '#/billing'`))
	waitUntil(t, ctx, "three clients", `document.querySelectorAll('[data-testid=unbilled-client]').length === 3`)
	workMenu := func(client int64, item string) {
		t.Helper()
		step(t, ctx, item, chromedp.Evaluate[chromedp.Void](section(client)+`.querySelector('[aria-haspopup=menu]').click()`))
		step(t, ctx, "choose "+item, chromedp.Click(chromedp.Search(fmt.Sprintf(`//button[@role='menuitem'][normalize-space()=%q]`, item))))
	}
	workMenu(birch.ID, "Edit…")
	waitUntil(t, ctx, "Birch's work in the form", `document.getElementById('work-client')?.value === 'Birch Dental' && document.getElementById('work-quantity').value === '1'`)
	step(t, ctx, "two hours", setField("#work-quantity", "2"), chromedp.Click(byTestID("save-work")))
	waitUntil(t, ctx, "Birch's total 300.00", `!`+dialogOpen+` && `+section(birch.ID)+`?.querySelector('[data-testid=client-total]').innerText.includes('300.00')`)
	workMenu(cedar.ID, "Remove…")
	step(t, ctx, "confirm", chromedp.Click(button("Remove work")))
	waitUntil(t, ctx, "Cedar gone", `!`+dialogOpen+` && !`+section(cedar.ID))

	// A draft deleted gives its work back.
	step(t, ctx, "draft Dune's invoice", chromedp.Evaluate[chromedp.Void](section(dune.ID)+`.querySelector('[data-testid=draft-invoice]').click()`))
	waitUntil(t, ctx, "the draft with the new firm name", testIDText("invoice-status")+` === 'Draft' && `+testIDText("invoice-document")+`.includes('Kauri Partners')`)
	// A new invoice date moves the terms' due date with it (14 days).
	step(t, ctx, "date it 1 December", chromedp.Evaluate[chromedp.Void](`(() => {
		const el = document.getElementById('invoice-issue-date');
		el.value = '2026-12-01';
		el.dispatchEvent(new Event('change', { bubbles: true }));
	})()`))
	waitUntil(t, ctx, "due 15 December", `document.getElementById('invoice-due-date').value === '2026-12-15'`)
	step(t, ctx, "delete the draft", chromedp.Click(byTestID("delete-draft")), chromedp.Click(button("Delete draft")))
	waitUntil(t, ctx, "Dune's work unbilled again", `location.hash === '#/billing' && !!`+section(dune.ID))

	// An approved invoice voided, with a reason: its work is unbilled again.
	step(t, ctx, "draft it again", chromedp.Evaluate[chromedp.Void](section(dune.ID)+`.querySelector('[data-testid=draft-invoice]').click()`))
	waitUntil(t, ctx, "the draft", testIDText("invoice-status")+` === 'Draft'`)
	step(t, ctx, "approve", chromedp.Click(byTestID("approve")))
	waitUntil(t, ctx, "INV-0001", testIDText("invoice-number")+` === 'INV-0001'`)
	step(t, ctx, "void", chromedp.Click(byTestID("void")), chromedp.WaitVisible(chromedp.CSS("#void-reason")))
	step(t, ctx, "without a reason", chromedp.Click(byTestID("confirm-void")))
	waitUntil(t, ctx, "a reason asked for", `!!document.getElementById('void-reason-error')`)
	step(t, ctx, "with one", setField("#void-reason", "Billed to the wrong school"), chromedp.Click(byTestID("confirm-void")))
	waitUntil(t, ctx, "Void", testIDText("invoice-status")+` === 'Void' && `+
		`document.querySelector('[data-testid=activity] [data-action=voided]')?.innerText.includes('wrong school')`)
	if eval[bool](t, ctx, `!!document.querySelector('[data-testid=send], [data-testid=void], [data-testid=approve]')`) {
		t.Error("a void invoice still offers Send, Void or Approve")
	}
	step(t, ctx, "back to Unbilled work", chromedp.Evaluate[chromedp.Void](`location.hash = '#/billing'`))
	waitUntil(t, ctx, "Dune's work unbilled again", `!!`+section(dune.ID))
}

// A run stopped while it sends keeps what it sent, shows Resume, and
// resumes with the rest: every invoice saved once. The third invoice's
// file is written through a named pipe (a disk that stalls) that the test
// reads only once Stop is pressed, so the stop lands half-way every time.
func TestBilling_RunStoppedHalfWayAndResumed_EachInvoiceOnce(t *testing.T) {
	f := seedBillingFirm(t, 2) // five clients with work
	if err := os.MkdirAll(f.folder, 0o700); err != nil {
		t.Fatal(err)
	}
	stall := filepath.Join(f.folder, "INV-0003.pdf.part")
	if err := syscall.Mkfifo(stall, 0o600); err != nil {
		t.Fatal(err)
	}
	base := serve(t, f.db)
	ctx := newBrowser(t)

	step(t, ctx, "open Close", chromedp.Navigate(base+"/#/billing/close"))
	waitUntil(t, ctx, "five clients chosen", `[...document.querySelectorAll('[data-testid=run-client]')].filter(c => c.checked).length === 5`)
	step(t, ctx, "Draft all", chromedp.Click(byTestID("draft-all")))
	runRows := `[...document.querySelectorAll('[data-testid=run-invoice]')]`
	waitUntil(t, ctx, "five drafts", runRows+`.length === 5 && `+runRows+`.every(r => r.dataset.status === 'draft')`)
	step(t, ctx, "Approve all", chromedp.Click(byTestID("approve-all")))
	waitUntil(t, ctx, "five approved", runRows+`.every(r => r.dataset.status === 'approved')`)

	step(t, ctx, "Send all", chromedp.Click(byTestID("send-all")))
	third := runRows + `.find(r => r.children[1].innerText === 'INV-0003')`
	waitUntil(t, ctx, "two sent, the third stalled", `!!document.querySelector('[data-testid=stop-run]') && `+
		testIDText("run-progress-text")+` === 'Sending invoices: 2 of 5'`)
	waitUntil(t, ctx, "the table following the progress", runRows+`.filter(r => r.dataset.status === 'sent').length === 2 && `+
		third+`?.dataset.sendState === 'sending'`)
	shot(t, ctx, "billing-8-run-sending")
	step(t, ctx, "Stop", chromedp.Click(byTestID("stop-run")))
	// Ledgerlink has heard Stop before the disk is let go, or the run could
	// send the fourth before the Stop arrives.
	waitUntil(t, ctx, "Stop heard", `document.querySelector('[data-testid=stop-run]')?.dataset.stopping === 'true'`)

	// The disk catches up: the third invoice is written whole, then the run stops.
	pdf, err := os.ReadFile(stall)
	if err != nil || !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Fatalf("the third invoice through the pipe: %v (starts %q)", err, pdf[:min(len(pdf), 8)])
	}
	waitUntil(t, ctx, "the run stopped with Resume", `document.querySelector('[data-testid=run-status]')?.dataset.status === 'stopped' && `+
		`!!document.querySelector('[data-testid=resume-run]')`)
	shot(t, ctx, "billing-9-run-stopped")
	if got := eval[[]string](t, ctx, runRows+`.map(r => r.dataset.status)`); !slices.Equal(got, []string{"sent", "sent", "sent", "approved", "approved"}) {
		t.Errorf("when the run stopped its invoices were %q; want the two sent before Stop and the one under way sent, two left", got)
	}

	// A reload shows the stopped run; Resume sends the rest.
	step(t, ctx, "reload", chromedp.Reload())
	waitUntil(t, ctx, "Resume after a reload", `!!document.querySelector('[data-testid=resume-run]')`)
	step(t, ctx, "Resume", chromedp.Click(byTestID("resume-run")))
	waitUntil(t, ctx, "the run done", `document.querySelector('[data-testid=run-status]')?.dataset.status === 'done' && `+
		runRows+`.every(r => r.dataset.status === 'sent')`)
	want := []string{"INV-0001.pdf", "INV-0002.pdf", "INV-0003.pdf", "INV-0004.pdf", "INV-0005.pdf"}
	if got := f.savedInvoices(t); !slices.Equal(got, want) {
		t.Errorf("the save folder holds %q, want %q: each invoice once", got, want)
	}
	sentOnce(t, ctx, eval[[]int](t, ctx, runRows+`.map(r => +r.dataset.invoiceId)`))
}

// sentOnce checks that each invoice's activity log says it was sent once.
func sentOnce(t *testing.T, ctx context.Context, ids []int) {
	t.Helper()
	for _, id := range ids {
		n := evalAsync[int](t, ctx, fmt.Sprintf(`fetch('/api/call/Billing.Invoice', {method: 'POST',
			headers: {'Content-Type': 'application/json', 'X-Ledgerlink-Token': document.querySelector('meta[name="ledgerlink-token"]').content},
			body: JSON.stringify([%d])}).then(r => r.json()).then(b => b.result.activity.filter(e => e.action === 'sent').length)`, id))
		if n != 1 {
			t.Errorf("invoice %d was sent %d times", id, n)
		}
	}
}

// When Ledgerlink stops while an invoice goes out (here: killed while its
// file is half-written), that invoice may have reached the client: Resume
// does not send it again, the run lists it to check, and its page asks
// before "Send it again".
func TestBilling_KilledWhileSending_InvoiceToCheck_SentAgainOnlyWhenAsked(t *testing.T) {
	f := seedBillingFirm(t, 0) // three clients with work
	if err := os.MkdirAll(f.folder, 0o700); err != nil {
		t.Fatal(err)
	}
	stall := filepath.Join(f.folder, "INV-0002.pdf.part")
	if err := syscall.Mkfifo(stall, 0o600); err != nil {
		t.Fatal(err)
	}
	p := start(t, nil, "serve", "--addr", "127.0.0.1:0", "--db", f.db)
	line := p.waitLine(t, "serving on ", 30*time.Second)
	base := strings.TrimSuffix(line[strings.Index(line, "http://"):], "/")
	ctx := newBrowser(t)

	step(t, ctx, "open Close", chromedp.Navigate(base+"/#/billing/close"))
	waitUntil(t, ctx, "three clients chosen", `[...document.querySelectorAll('[data-testid=run-client]')].filter(c => c.checked).length === 3`)
	step(t, ctx, "Draft all", chromedp.Click(byTestID("draft-all")))
	runRows := `[...document.querySelectorAll('[data-testid=run-invoice]')]`
	waitUntil(t, ctx, "three drafts", runRows+`.length === 3`)
	runHash := eval[string](t, ctx, `location.hash`)
	step(t, ctx, "Approve all", chromedp.Click(byTestID("approve-all")))
	waitUntil(t, ctx, "three approved", runRows+`.every(r => r.dataset.status === 'approved')`)
	step(t, ctx, "Send all", chromedp.Click(byTestID("send-all")))
	second := runRows + `.find(r => r.children[1].innerText === 'INV-0002')`
	waitUntil(t, ctx, "INV-0002 going out", second+`?.dataset.sendState === 'sending'`)

	// Ledgerlink dies mid-write; the disk is fine again when it is started anew.
	if err := p.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	<-p.done
	p.done <- nil // for the harness's own clean-up
	if err := os.Remove(stall); err != nil {
		t.Fatal(err)
	}
	base = serve(t, f.db)
	step(t, ctx, "open the run again", chromedp.Navigate(base+"/"+runHash))
	waitUntil(t, ctx, "INV-0002 to check", second+`?.innerText.includes('May have been sent')`)

	step(t, ctx, "Resume", chromedp.Click(byTestID("resume-run")))
	waitUntil(t, ctx, "INV-0003 sent, INV-0002 listed to check", runRows+`.find(r => r.children[1].innerText === 'INV-0003')?.dataset.status === 'sent' && `+
		testIDText("run-problems")+`.includes('INV-0002 may have been sent')`)
	if got := f.savedInvoices(t); !slices.Equal(got, []string{"INV-0001.pdf", "INV-0003.pdf"}) {
		t.Errorf("after Resume the save folder holds %q: INV-0002 must not be sent again by itself", got)
	}
	shot(t, ctx, "billing-10-to-check")

	step(t, ctx, "open INV-0002", chromedp.Evaluate[chromedp.Void](second+`.querySelector('a').click()`))
	waitUntil(t, ctx, "INV-0002", testIDText("invoice-number")+` === 'INV-0002' && !!document.querySelector('[data-testid=send]')`)
	step(t, ctx, "Send", chromedp.Click(byTestID("send")))
	waitUntil(t, ctx, "Go's question", testIDText("maybe-sent")+`.includes('may have been sent already')`)
	shot(t, ctx, "billing-11-maybe-sent")
	step(t, ctx, "Send it again", chromedp.Click(byTestID("send-again")))
	waitUntil(t, ctx, "Awaiting Payment", testIDText("invoice-status")+` === 'Awaiting Payment'`)
	if got := f.savedInvoices(t); !slices.Equal(got, []string{"INV-0001.pdf", "INV-0002.pdf", "INV-0003.pdf"}) {
		t.Errorf("the save folder holds %q", got)
	}
	step(t, ctx, "back to the run", chromedp.Evaluate[chromedp.Void](`history.back()`))
	waitUntil(t, ctx, "the run again", runRows+`.length === 3 && `+runRows+`.every(r => r.dataset.status === 'sent')`)
	sentOnce(t, ctx, eval[[]int](t, ctx, runRows+`.map(r => +r.dataset.invoiceId)`))
}
