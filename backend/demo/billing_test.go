package demo

import (
	"testing"
	"time"

	"ledgerlink/backend/practice"
)

func TestWorkTypes_TheFourAtTheirRates(t *testing.T) {
	want := map[string]struct {
		kind string
		rate int64
	}{
		WorkBookkeeping: {practice.RateHourly, 15000},
		WorkTaxReturn:   {practice.RateFixed, 85000},
		WorkPayroll:     {practice.RateFixed, 12000},
		WorkAdvisory:    {practice.RateHourly, 18000},
	}
	types := WorkTypes()
	if len(types) != len(want) {
		t.Fatalf("%d work types, want %d", len(types), len(want))
	}
	for _, w := range types {
		w.Normalize()
		if err := w.Validate(); err != nil {
			t.Errorf("%q does not validate: %v", w.Name, err)
		}
		if exp, ok := want[w.Name]; !ok || w.RateKind != exp.kind || w.Rate != exp.rate || !w.Active {
			t.Errorf("%q: %s %d active %v, want %+v", w.Name, w.RateKind, w.Rate, w.Active, exp)
		}
	}
}

func TestTaxRates_TwoSimpleAndOneCombined(t *testing.T) {
	want := map[string]string{TaxGST: "GST 5 %", TaxHST: "HST ON 13 %", TaxCASales: "CA sales 8.25 %"}
	rates := TaxRates()
	if len(rates) != len(want) {
		t.Fatalf("%d tax rates, want %d", len(rates), len(want))
	}
	for _, r := range rates {
		given := r.Percent
		r.Normalize()
		if err := r.Validate(); err != nil {
			t.Errorf("%q does not validate: %v", r.Name, err)
		}
		if r.Percent.Cmp(given) != 0 {
			t.Errorf("%q: %s %% given, its components make %s %%", r.Name, given, r.Percent)
		}
		if r.Label() != want[r.Name] {
			t.Errorf("%q is labelled %q, want %q", r.Name, r.Label(), want[r.Name])
		}
		if combined := len(r.Components) > 0; combined != (r.Name == TaxCASales) {
			t.Errorf("%q has %d components", r.Name, len(r.Components))
		}
	}
}

// Every piece of work names a contact (exactly one, and one with an email
// address, so the demo can e-mail its invoices), a work type and a tax
// rate the demo has, and is valid work once their ids are known.
func TestUnbilledWork_NamesKnownClientsTypesAndRates(t *testing.T) {
	contacts := map[string][]practice.Contact{}
	for _, c := range LocalContacts() {
		contacts[c.Name] = append(contacts[c.Name], c)
	}
	types, rates := map[string]bool{}, map[string]bool{"": true}
	for _, w := range WorkTypes() {
		types[w.Name] = true
	}
	for _, r := range TaxRates() {
		rates[r.Name] = true
	}
	clients := map[string]bool{}
	for _, w := range UnbilledWork(time.Date(2026, 3, 18, 9, 0, 0, 0, time.UTC)) {
		if cs := contacts[w.Client]; len(cs) != 1 || len(cs[0].Emails()) == 0 {
			t.Errorf("%q names %d contacts (want one, with an email address)", w.Client, len(cs))
		}
		if !types[w.WorkType] || !rates[w.TaxRate] {
			t.Errorf("%q: work type %q, tax rate %q unknown", w.Item.Description, w.WorkType, w.TaxRate)
		}
		item := w.Item
		item.ContactID, item.WorkTypeID = 1, 1
		item.Normalize()
		if err := item.Validate(); err != nil || !item.DefaultRate {
			t.Errorf("%q: %v (default rate %v)", item.Description, err, item.DefaultRate)
		}
		clients[w.Client] = true
	}
	if len(clients) < 4 {
		t.Errorf("work for %d clients, want several", len(clients))
	}
}

// Whatever the day, the work is dated in its month and not after it, so a
// billing run through today bills it all.
func TestUnbilledWork_DatedInTodaysMonthOnOrBeforeToday(t *testing.T) {
	for _, today := range []time.Time{
		time.Date(2026, 3, 18, 9, 0, 0, 0, time.UTC),
		time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC),
		time.Date(2026, 12, 31, 23, 59, 0, 0, time.UTC),
	} {
		first := today.Format("2006-01") + "-01"
		last := today.Format(time.DateOnly)
		for _, w := range UnbilledWork(today) {
			if w.Item.Date < first || w.Item.Date > last {
				t.Errorf("today %s: %q dated %s", last, w.Item.Description, w.Item.Date)
			}
		}
	}
}
