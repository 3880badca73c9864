package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"ledgerlink/backend/billing"
	"ledgerlink/backend/demo"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// demoDay is the day the demo is seeded on in these tests.
var demoDay = time.Date(2026, 3, 18, 9, 30, 0, 0, time.Local)

// billingData is what a database holds of billing.
type billingData struct {
	contacts int
	types    []*practice.WorkType
	rates    []*practice.TaxRate
	work     []*practice.WorkItem
	settings billing.Settings
}

func readBilling(t *testing.T, db *sqlite.DB) billingData {
	t.Helper()
	ctx := context.Background()
	var d billingData
	if err := db.View(ctx, func(tx *sqlite.Tx) error {
		var err error
		if _, d.contacts, err = tx.FindContacts(ctx, practice.ContactFilter{Limit: 1}); err != nil {
			return err
		}
		if d.types, err = tx.FindWorkTypes(ctx, true); err != nil {
			return err
		}
		if d.rates, err = tx.FindTaxRates(ctx, true); err != nil {
			return err
		}
		if d.work, err = tx.FindWorkItems(ctx, practice.WorkFilter{}); err != nil {
			return err
		}
		d.settings, err = billing.LoadSettings(ctx, tx)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return d
}

func openAt(t *testing.T, path string) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	return db
}

// --demo on an empty database gives the demo firm's billing with its
// contacts: the four work types, the three tax rates, this month's
// unbilled work for several clients and the firm's settings — enough for
// a billing run through today to draft and approve an invoice per client.
func TestSeedDemo_EmptyDatabase_GetsBillingReadyForARun(t *testing.T) {
	path := filepath.Join(t.TempDir(), "l.db")
	db := openAt(t, path)
	n, err := seedDemoOn(context.Background(), db, demoDay)
	if err != nil || n != len(demo.LocalContacts()) {
		t.Fatalf("seed: %d, %v; want %d demo contacts", n, err, len(demo.LocalContacts()))
	}
	d := readBilling(t, db)
	db.Close()

	var types []string
	for _, w := range d.types {
		types = append(types, fmt.Sprintf("%s %s %d", w.Name, w.RateKind, w.Rate))
	}
	slices.Sort(types)
	if want := []string{"Advisory hourly 18000", "Bookkeeping hourly 15000", "Payroll fixed 12000", "Tax return fixed 85000"}; !slices.Equal(types, want) {
		t.Errorf("work types %q, want %q", types, want)
	}
	var rates []string
	for _, r := range d.rates {
		rates = append(rates, fmt.Sprintf("%s/%d", r.Label(), len(r.Components)))
	}
	slices.Sort(rates)
	if want := []string{"CA sales 8.25 %/3", "GST 5 %/0", "HST ON 13 %/0"}; !slices.Equal(rates, want) {
		t.Errorf("tax rates %q, want %q", rates, want)
	}
	clients := map[int64]bool{}
	for _, w := range d.work {
		if w.Date < "2026-03-01" || w.Date > "2026-03-18" || w.InvoiceID != 0 || w.Amount <= 0 {
			t.Errorf("work %q dated %s, invoice %d, amount %d: want unbilled work of this month so far", w.Description, w.Date, w.InvoiceID, w.Amount)
		}
		clients[w.ContactID] = true
	}
	if len(d.work) != len(demo.UnbilledWork(demoDay)) || len(clients) < 4 {
		t.Errorf("%d pieces of work for %d clients, want %d for several", len(d.work), len(clients), len(demo.UnbilledWork(demoDay)))
	}
	f, s := demo.BillingFirm(), d.settings
	if s.Firm.Name != f.Name || !slices.Equal(s.Firm.Lines, f.Lines) || s.Currency != "USD" || s.TermsDays != 14 || s.SaveFolder != "" || s.Mail.Host != "" {
		t.Errorf("billing settings %+v, want the demo firm's, USD, 14 days, no folder, no mail server", s)
	}

	var run struct {
		Run      practice.BillingRun `json:"run"`
		Problems []string            `json:"problems"`
	}
	verbJSON(t, jsonVerb(runBillingRun), &run, "--through", "2026-03-18", "--db", path)
	if len(run.Run.Invoices) != len(clients) || len(run.Problems) != 0 {
		t.Fatalf("billing-run drafted %d invoices (%v), want one per client with work (%d)", len(run.Run.Invoices), run.Problems, len(clients))
	}
	for i, inv := range run.Run.Invoices {
		if want := fmt.Sprintf("INV-%04d", i+1); inv.Status != practice.InvoiceApproved || inv.Number != want || inv.Total <= 0 || inv.DueDate != "2026-04-01" {
			t.Errorf("invoice %q %s total %d due %s, want %s approved, due in 14 days", inv.Number, inv.Status, inv.Total, inv.DueDate, want)
		}
	}
}

// A database with contacts is never touched: neither contacts nor billing
// data are added to it.
func TestSeedDemo_DatabaseWithContacts_NothingAdded(t *testing.T) {
	db := openAt(t, filepath.Join(t.TempDir(), "l.db"))
	defer db.Close()
	ctx := context.Background()
	if err := sqlite.NewContactService(db).CreateContact(ctx, &practice.Contact{Kind: practice.Person, Name: "Only Client", TypeID: 1}); err != nil {
		t.Fatal(err)
	}
	if n, err := seedDemoOn(ctx, db, demoDay); err != nil || n != 0 {
		t.Fatalf("seed: %d, %v; want nothing added", n, err)
	}
	d := readBilling(t, db)
	if d.contacts != 1 || len(d.types) != 0 || len(d.rates) != 0 || len(d.work) != 0 || !reflect.DeepEqual(d.settings, billing.DefaultSettings()) {
		t.Errorf("after the seed: %d contacts, %d work types, %d tax rates, %d work, settings %+v; want it untouched",
			d.contacts, len(d.types), len(d.rates), len(d.work), d.settings)
	}
}

// A database without contacts but with billing of its own (work types
// imported first, settings filled in) gets the demo contacts only: its
// work types stay the only ones and its settings are kept.
func TestSeedDemo_OwnBillingData_ContactsOnlyAndSettingsKept(t *testing.T) {
	db := openAt(t, filepath.Join(t.TempDir(), "l.db"))
	defer db.Close()
	ctx := context.Background()
	own := billing.DefaultSettings()
	own.Firm.Name = "Our Own Practice"
	if err := db.Update(ctx, func(tx *sqlite.Tx) error {
		if err := tx.SaveWorkType(ctx, &practice.WorkType{Name: "Audit", Rate: 20000, Active: true}); err != nil {
			return err
		}
		return billing.SaveSettings(ctx, tx, own)
	}); err != nil {
		t.Fatal(err)
	}
	if n, err := seedDemoOn(ctx, db, demoDay); err != nil || n != len(demo.LocalContacts()) {
		t.Fatalf("seed: %d, %v; want the demo contacts", n, err)
	}
	d := readBilling(t, db)
	if len(d.types) != 1 || d.types[0].Name != "Audit" || len(d.rates) != 0 || len(d.work) != 0 || d.settings.Firm.Name != "Our Own Practice" {
		t.Errorf("after the seed: %d work types, %d tax rates, %d work, firm %q; want the database's own billing kept as it was",
			len(d.types), len(d.rates), len(d.work), d.settings.Firm.Name)
	}
}
