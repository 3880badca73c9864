package sandbox

import (
	"fmt"
	"time"

	"ledgerlink/backend/qbo/sandbox/democompany"
)

// The demo company's vendor and employee. They share the customers' name
// space: the vendor is also one of the firm's local contacts that has no
// customer, so pushing that contact meets QBO's 6240.
var (
	demoVendors   = []string{"Kestrel Office Supplies"}
	demoEmployees = []string{"Sam Whitaker"}
)

// demoItems are the firm's services; the last is inactive, for 610.
var demoItems = []struct {
	name, desc, price string
	active            bool
}{
	{"Bookkeeping", "Monthly bookkeeping", "450", true},
	{"Tax Return Preparation", "Annual tax return", "850", true},
	{"Payroll Services", "Payroll run", "120", true},
	{"Advisory", "Advisory, per hour", "180", true},
	{"Year-end Accounts", "Year-end accounts and reporting", "1200", true},
	{"Legacy Consulting", "No longer offered", "95", false},
}

// seedDemo fills the company with the demo customers (democompany), the
// firm's service items, a few invoices and payments around a closing date
// two months back, so that closed-period, partial, split, overpaid and sent
// cases all exist from the start.
func seedDemo(w *write, now time.Time) error {
	w.c.Vendors = append([]string(nil), demoVendors...)
	w.c.Employees = append([]string(nil), demoEmployees...)
	byName := map[string]string{}
	for _, dc := range democompany.Customers() {
		o := dc.Object()
		delete(o, "Job")
		if dc.ParentDisplayName != "" {
			o["ParentRef"] = map[string]any{"value": byName[dc.ParentDisplayName]}
		}
		created, err := w.create(kinds["customer"], o)
		if err != nil {
			return fmt.Errorf("customer %q: %w", dc.DisplayName, err)
		}
		byName[dc.DisplayName] = str(created["Id"])
	}
	items := map[string]string{}
	for _, it := range demoItems {
		o, err := w.create(kinds["item"], map[string]any{
			"Name": it.name, "Description": it.desc, "Type": "Service", "UnitPrice": it.price,
			"IncomeAccountRef": map[string]any{"value": "1"}, "Active": it.active,
		})
		if err != nil {
			return fmt.Errorf("item %q: %w", it.name, err)
		}
		items[it.name] = str(o["Id"])
	}

	pt := now.In(pacific)
	first := time.Date(pt.Year(), pt.Month(), 1, 10, 0, 0, 0, pacific)
	closing := first.AddDate(0, -1, -1) // last day of the month before last
	at := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 10, 0, 0, 0, pacific) }
	ago := func(days int) time.Time { return at(pt.AddDate(0, 0, -days)) }

	std, combined := w.demoTaxCodes()
	line := func(item string, qty, price string, taxed bool) map[string]any {
		d := map[string]any{"ItemRef": map[string]any{"value": items[item]}, "Qty": qty, "UnitPrice": price}
		switch {
		case w.c.us() && taxed:
			d["TaxCodeRef"] = map[string]any{"value": codeTAX}
		case w.c.us():
			d["TaxCodeRef"] = map[string]any{"value": codeNON}
		case taxed && combined != "":
			d["TaxCodeRef"] = map[string]any{"value": combined}
		default:
			d["TaxCodeRef"] = map[string]any{"value": std}
		}
		return map[string]any{"DetailType": "SalesItemLineDetail", "Description": item, "SalesItemLineDetail": d}
	}
	invoice := func(doc, cust string, date time.Time, usCode string, lines ...map[string]any) (map[string]any, error) {
		w.now = date
		in := map[string]any{"DocNumber": doc, "TxnDate": day(date), "DueDate": day(date.AddDate(0, 0, 30)),
			"CustomerRef": map[string]any{"value": byName[cust]}, "Line": toAny(lines)}
		if w.c.us() && usCode != "" {
			in["TxnTaxDetail"] = map[string]any{"TxnTaxCodeRef": map[string]any{"value": usCode}}
		}
		o, err := w.create(kinds["invoice"], in)
		if err != nil {
			return nil, fmt.Errorf("invoice %s: %w", doc, err)
		}
		return o, nil
	}
	payment := func(cust string, date time.Time, total cents, applied map[string]cents) error {
		w.now = date
		var lines []any
		for _, id := range sortedKeys(applied) {
			lines = append(lines, map[string]any{"Amount": applied[id].num(),
				"LinkedTxn": []any{map[string]any{"TxnId": id, "TxnType": "Invoice"}}})
		}
		_, err := w.create(kinds["payment"], map[string]any{"CustomerRef": map[string]any{"value": byName[cust]},
			"TotalAmt": total.num(), "TxnDate": day(date), "Line": lines})
		return err
	}
	usState := w.codeID("California")
	usCombined := w.codeID("Alameda County")

	aldous, beatriz, copper, desmond := "Aldous Printing Co.", "Beatriz Santos", "Copperline Electrical", "Desmond Achebe"
	bramble, job := "Bramble & Finch Architects", "Riverside Library Fit-out"

	i1, err := invoice("1001", aldous, closing.AddDate(0, 0, -20), "", line("Bookkeeping", "1", "450", false))
	if err != nil {
		return err
	}
	i2, err := invoice("1002", beatriz, closing.AddDate(0, 0, 5), usState,
		line("Tax Return Preparation", "1", "850", true), line("Advisory", "2", "180", false))
	if err != nil {
		return err
	}
	i3, err := invoice("1003", copper, ago(12), usCombined, line("Year-end Accounts", "1", "1200", true))
	if err != nil {
		return err
	}
	i4, err := invoice("1004", desmond, ago(6), "", line("Payroll Services", "3", "120", false))
	if err != nil {
		return err
	}
	i4["BillEmail"] = map[string]any{"Address": "d.achebe@example.org"}
	i4["EmailStatus"] = "EmailSent"
	i4["DeliveryInfo"] = map[string]any{"DeliveryType": "Email", "DeliveryTime": stamp(ago(6))}
	i5, err := invoice("1005", job, ago(8), "", line("Advisory", "1.5", "180", false))
	if err != nil {
		return err
	}
	i6, err := invoice("1006", aldous, ago(20), "", line("Bookkeeping", "1", "450", false))
	if err != nil {
		return err
	}
	i7, err := invoice("1007", bramble, ago(15), usState, line("Tax Return Preparation", "1", "850", true))
	if err != nil {
		return err
	}
	total := func(o map[string]any) cents { r, _ := number(o["TotalAmt"]); return roundCents(r) }
	id := func(o map[string]any) string { return str(o["Id"]) }
	steps := []error{
		// Paid in full, inside what is now the closed period.
		payment(aldous, closing.AddDate(0, 0, -10), total(i1), map[string]cents{id(i1): total(i1)}),
		// Partial payment.
		payment(copper, ago(4), 50000, map[string]cents{id(i3): 50000}),
		// Overpayment: 50 more than the invoice, kept as unapplied credit.
		payment(aldous, ago(2), total(i6)+5000, map[string]cents{id(i6): total(i6)}),
		// One payment split over the parent's invoice and its job's.
		payment(bramble, ago(1), total(i7)+total(i5), map[string]cents{id(i7): total(i7), id(i5): total(i5)}),
	}
	for _, err := range steps {
		if err != nil {
			return fmt.Errorf("payment: %w", err)
		}
	}
	_ = i2
	w.now = now.Add(-90 * 24 * time.Hour)
	prefs := w.c.preferences()
	obj(prefs["AccountingInfoPrefs"])["BookCloseDate"] = day(closing)
	return nil
}

// demoTaxCodes returns the Ids of the country's standard code and of its
// combined code (empty in the US, where lines carry TAX or NON).
func (w *write) demoTaxCodes() (std, combined string) {
	if w.c.us() {
		return "", ""
	}
	ctry := countries[w.c.Country]
	std = w.codeID(ctry.codes[0].name)
	for _, cs := range ctry.codes {
		if len(cs.rates) > 1 {
			return std, w.codeID(cs.name)
		}
	}
	return std, ""
}

func (w *write) codeID(name string) string {
	if o := w.c.find("TaxCode", func(o map[string]any) bool { return str(o["Name"]) == name }); o != nil {
		return str(o["Id"])
	}
	return ""
}

func toAny(ms []map[string]any) []any {
	out := make([]any, len(ms))
	for i, m := range ms {
		out[i] = m
	}
	return out
}

func sortedKeys(m map[string]cents) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && idLess(keys[j], keys[j-1]); j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
	return keys
}
