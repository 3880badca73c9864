package demo

import (
	"fmt"
	"time"

	"ledgerlink/backend/practice"
)

// The demo firm's work types, by name: Work names them so, since the
// store gives the ids.
const (
	WorkBookkeeping = "Bookkeeping"
	WorkTaxReturn   = "Tax return"
	WorkPayroll     = "Payroll"
	WorkAdvisory    = "Advisory"
)

// The demo firm's tax rates, by name.
const (
	TaxGST     = "GST 5 %"
	TaxHST     = "HST ON 13 %"
	TaxCASales = "CA sales" // combined: State 6 + County 1.25 + City 1 = 8.25 %
)

// Firm is the demo firm as its invoices show it.
type Firm struct {
	Name      string
	Lines     []string // the address, one line each
	Email     string
	Phone     string
	Currency  string // the three-letter code printed beside totals
	TermsDays int    // an invoice is due this many days after its date
}

// BillingFirm returns the demo firm: what its invoices say of it and their
// terms. Invoices are saved as PDF files (the app asks where), since the
// demo has no mail server.
func BillingFirm() Firm {
	return Firm{Name: "Alder & Quill Accounting", Lines: []string{"410 SW Pine Street, Suite 300", "Portland, OR 97204"},
		Email: "billing@alderquill.example", Phone: "(503) 555-0150", Currency: "USD", TermsDays: 14}
}

// WorkTypes returns the demo firm's work types: two billed by the hour,
// two at a fixed price. Each call returns fresh values.
func WorkTypes() []practice.WorkType {
	return []practice.WorkType{
		{Name: WorkBookkeeping, RateKind: practice.RateHourly, Rate: 150_00, Active: true},
		{Name: WorkTaxReturn, RateKind: practice.RateFixed, Rate: 850_00, Active: true},
		{Name: WorkPayroll, RateKind: practice.RateFixed, Rate: 120_00, Active: true},
		{Name: WorkAdvisory, RateKind: practice.RateHourly, Rate: 180_00, Active: true},
	}
}

// TaxRates returns the demo firm's tax rates: two simple, one combined
// from three components. Each call returns fresh values.
func TaxRates() []practice.TaxRate {
	return []practice.TaxRate{
		{Name: TaxGST, Percent: practice.MustDecimal("5")},
		{Name: TaxHST, Percent: practice.MustDecimal("13")},
		{Name: TaxCASales, Percent: practice.MustDecimal("8.25"), Components: []practice.TaxComponent{
			{Name: "State", Percent: practice.MustDecimal("6")},
			{Name: "County", Percent: practice.MustDecimal("1.25")},
			{Name: "City", Percent: practice.MustDecimal("1")},
		}},
	}
}

// Work is a piece of the demo firm's unbilled work. Its client, work type
// and tax rate are named (the store gives their ids); Item holds the rest,
// at the work type's rate.
type Work struct {
	Client   string // the name of one of LocalContacts
	WorkType string // the name of one of WorkTypes
	TaxRate  string // the name of one of TaxRates; "" for none
	Item     practice.WorkItem
}

// demoWork is one line of UnbilledWork's table: the day of the month it
// was done, and what.
type demoWork struct {
	day                       int
	client, workType, taxRate string
	quantity, description     string
}

var unbilled = []demoWork{
	{2, nameAroha, WorkTaxReturn, TaxGST, "1", "Income tax return with foreign-income schedule"},
	{9, nameAroha, WorkAdvisory, TaxGST, "1", "Residency and foreign-income advice"},
	{3, nameBramble, WorkBookkeeping, "", "6.5", "Monthly bookkeeping: bank feeds and reconciliations"},
	{10, nameBramble, WorkAdvisory, "", "1.5", "Cash-flow forecast review"},
	{14, nameBramble, WorkPayroll, "", "2", "Payroll runs, two fortnights"},
	{5, nameHarbour, WorkBookkeeping, TaxHST, "4", "Monthly bookkeeping and till reconciliations"},
	{15, nameHarbour, WorkPayroll, TaxHST, "2", "Payroll runs, two fortnights"},
	{6, nameChenTrust, WorkBookkeeping, TaxCASales, "3.25", "Trust accounts: distributions ledger"},
	{12, nameChenTrust, WorkTaxReturn, TaxCASales, "1", "Trust income tax return"},
	{8, nameLocalOnly1, WorkTaxReturn, TaxCASales, "1", "Personal income tax return"},
	{9, nameLocalOnly1, WorkAdvisory, TaxCASales, "0.75", "Estimated tax payments: call and worksheet"},
	{4, nameGreenway, WorkBookkeeping, "", "5.5", "Monthly bookkeeping and sales-tax workpapers"},
	{11, nameGreenway, WorkAdvisory, "", "2", "Equipment lease or buy: analysis"},
	{18, nameGreenway, WorkPayroll, "", "4", "Weekly payroll runs"},
}

// UnbilledWork returns the demo firm's unbilled work for several clients,
// dated in today's month and on or before today (work planned for a later
// day is dated today), so that a billing run through today bills all of
// it. Each call returns fresh values.
func UnbilledWork(today time.Time) []Work {
	out := make([]Work, 0, len(unbilled))
	for _, w := range unbilled {
		day := min(w.day, today.Day())
		out = append(out, Work{Client: w.client, WorkType: w.workType, TaxRate: w.taxRate, Item: practice.WorkItem{
			Date:        fmt.Sprintf("%04d-%02d-%02d", today.Year(), today.Month(), day),
			Description: w.description, Quantity: practice.MustDecimal(w.quantity), DefaultRate: true,
		}})
	}
	return out
}
