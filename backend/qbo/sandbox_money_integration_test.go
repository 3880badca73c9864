package qbo_test

// Invoices, payments, tax and the closing date through the project's client
// against the sandbox (see sandbox_integration_test.go).

import (
	"math/big"
	"testing"
	"time"

	"ledgerlink/backend/qbo"
	"ledgerlink/backend/qbo/sandbox"
)

// itemID returns the Id of the item named name.
func (l *live) itemID(name string) string {
	l.t.Helper()
	items, err := l.client.Items.Query(l.ctx, qbo.Query{}.Where(qbo.Eq("Name", name)))
	if err != nil || len(items) != 1 {
		l.t.Fatalf("item %q: %d found, %v", name, len(items), err)
	}
	return items[0].ID
}

// taxCodeID returns the Id of the tax code named name.
func (l *live) taxCodeID(name string) string {
	l.t.Helper()
	codes, err := l.client.TaxCodes.Query(l.ctx, qbo.Query{}.Where(qbo.Eq("Name", name)))
	if err != nil || len(codes) != 1 {
		l.t.Fatalf("tax code %q: %d found, %v", name, len(codes), err)
	}
	return codes[0].ID
}

// line is one unit of the Services item at price, under taxCode (an Id, or
// TAX/NON in a US company).
func (l *live) line(price, taxCode string) qbo.Line {
	l.t.Helper()
	p, err := qbo.ParseDecimal(price)
	if err != nil {
		l.t.Fatal(err)
	}
	amt, err := qbo.ParseMoney(price)
	if err != nil {
		l.t.Fatal(err)
	}
	return qbo.Line{Amount: amt, DetailType: qbo.DetailTypeSalesItem, SalesItemLineDetail: &qbo.SalesItemLineDetail{
		ItemRef: qbo.Ref(l.itemID("Services")), Qty: qbo.NewDecimal(1, 0), UnitPrice: p, TaxCodeRef: qbo.Ref(taxCode)}}
}

// invoice creates an invoice for the customer or fails the test.
func (l *live) invoice(customerID, docNumber string, lines ...qbo.Line) *qbo.Invoice {
	l.t.Helper()
	inv := &qbo.Invoice{CustomerRef: qbo.Ref(customerID), Line: lines}
	if docNumber != "" {
		inv.DocNumber = new(docNumber)
	}
	got, err := l.client.Invoices.Create(l.ctx, l.rid(), inv)
	if err != nil {
		l.t.Fatalf("create invoice: %v", err)
	}
	return got
}

// payment is a payment of total applying the given amounts to invoices.
func (l *live) payment(customerID string, total qbo.Money, applied map[string]qbo.Money) *qbo.Payment {
	p := &qbo.Payment{CustomerRef: qbo.Ref(customerID), TotalAmt: total}
	for id, amt := range applied {
		p.Line = append(p.Line, qbo.PaymentLine{Amount: amt,
			LinkedTxn: []qbo.LinkedTxn{{TxnID: id, TxnType: qbo.TxnTypeInvoice}}})
	}
	return p
}

// balance reads an invoice's Balance.
func (l *live) balance(id string) qbo.Money {
	l.t.Helper()
	inv, err := l.client.Invoices.Get(l.ctx, id)
	if err != nil {
		l.t.Fatal(err)
	}
	return inv.Balance
}

func TestSandbox_Invoice_PaidInFull_BalanceFallsToZero(t *testing.T) {
	l := openSandbox(t, sandbox.Options{})
	c := l.customer("Paying Patricia")
	inv := &qbo.Invoice{CustomerRef: qbo.Ref(c.ID), Line: []qbo.Line{l.line("200.00", "TAX"), l.line("50.00", "NON")},
		TxnTaxDetail: &qbo.TxnTaxDetail{TxnTaxCodeRef: qbo.Ref(l.taxCodeID("California"))}}
	created, err := l.client.Invoices.Create(l.ctx, l.rid(), inv)
	if err != nil {
		t.Fatal(err)
	}
	// 7.25 % of the taxable 200.00 is 14.50.
	if created.TxnTaxDetail == nil || created.TxnTaxDetail.TotalTax != 1450 || created.TotalAmt != 26450 || created.Balance != 26450 {
		t.Fatalf("invoice totals: tax %+v, total %v, balance %v", created.TxnTaxDetail, created.TotalAmt, created.Balance)
	}
	if created.DocNumber == nil || *created.DocNumber == "" {
		t.Errorf("no DocNumber generated with custom numbers off")
	}
	pay, err := l.client.Payments.Create(l.ctx, l.rid(), l.payment(c.ID, 26450, map[string]qbo.Money{created.ID: 26450}))
	if err != nil {
		t.Fatal(err)
	}
	if pay.UnappliedAmt != 0 {
		t.Errorf("UnappliedAmt %v", pay.UnappliedAmt)
	}
	if b := l.balance(created.ID); b != 0 {
		t.Errorf("balance after paying in full: %v", b)
	}
}

func TestSandbox_Payment_PartialSplitAndOverpayment(t *testing.T) {
	l := openSandbox(t, sandbox.Options{})
	c := l.customer("Partial Pete")
	a := l.invoice(c.ID, "", l.line("100.00", "NON"))
	b := l.invoice(c.ID, "", l.line("50.00", "NON"))

	if _, err := l.client.Payments.Create(l.ctx, l.rid(), l.payment(c.ID, 3000, map[string]qbo.Money{a.ID: 3000})); err != nil {
		t.Fatal(err)
	}
	if got := l.balance(a.ID); got != 7000 {
		t.Errorf("after a partial payment of 30.00: balance %v, want 70.00", got)
	}

	split, err := l.client.Payments.Create(l.ctx, l.rid(), l.payment(c.ID, 10000, map[string]qbo.Money{a.ID: 7000, b.ID: 3000}))
	if err != nil {
		t.Fatal(err)
	}
	if len(split.Line) != 2 {
		t.Errorf("split payment has %d lines", len(split.Line))
	}
	if ga, gb := l.balance(a.ID), l.balance(b.ID); ga != 0 || gb != 2000 {
		t.Errorf("after a split payment: balances %v and %v, want 0.00 and 20.00", ga, gb)
	}

	over, err := l.client.Payments.Create(l.ctx, l.rid(), l.payment(c.ID, 5000, map[string]qbo.Money{b.ID: 2000}))
	if err != nil {
		t.Fatal(err)
	}
	if over.UnappliedAmt != 3000 {
		t.Errorf("overpayment: UnappliedAmt %v, want 30.00", over.UnappliedAmt)
	}
	if got := l.balance(b.ID); got != 0 {
		t.Errorf("after the overpayment: balance %v", got)
	}

	_, err = l.client.Payments.Create(l.ctx, l.rid(), l.payment(c.ID, 100, map[string]qbo.Money{*a.DocNumber: 100}))
	if !qbo.IsNotFound(err) {
		t.Errorf("a payment linking the DocNumber instead of the Id: %v, want 610", err)
	}
}

func TestSandbox_ClosingDate_WriteOnOrBeforeIt_IsClosedPeriod(t *testing.T) {
	l := openSandbox(t, sandbox.Options{})
	today := qbo.DateOf(time.Now().In(pacific(t)))
	closing := qbo.DateOf(time.Now().In(pacific(t)).AddDate(0, 0, -10))
	if _, err := l.srv.SetPreferences(map[string]any{"AccountingInfoPrefs": map[string]any{"BookCloseDate": closing.String()}}); err != nil {
		t.Fatal(err)
	}
	prefs, err := l.client.Company.Preferences(l.ctx)
	if err != nil || prefs.AccountingInfoPrefs.BookCloseDate != closing {
		t.Fatalf("closing date read back: %v, %v", prefs, err)
	}
	c := l.customer("Closed Books Ltd")
	for _, date := range []qbo.Date{closing, qbo.DateOf(closing.Time(time.UTC).AddDate(0, 0, -1))} {
		_, err := l.client.Invoices.Create(l.ctx, l.rid(), &qbo.Invoice{CustomerRef: qbo.Ref(c.ID), TxnDate: date, Line: []qbo.Line{l.line("10.00", "NON")}})
		if !qbo.IsClosedPeriod(err) || faultCode(t, err) != qbo.CodeAccountPeriodClosedServicesAPI {
			t.Errorf("invoice dated %v with books closed on %v: %v, want 6210", date, closing, err)
		}
	}
	inv, err := l.client.Invoices.Create(l.ctx, l.rid(), &qbo.Invoice{CustomerRef: qbo.Ref(c.ID), TxnDate: today, Line: []qbo.Line{l.line("10.00", "NON")}})
	if err != nil {
		t.Fatalf("invoice dated today: %v", err)
	}
	_, err = l.client.Payments.Create(l.ctx, l.rid(), &qbo.Payment{CustomerRef: qbo.Ref(c.ID), TotalAmt: 1000, TxnDate: closing,
		Line: []qbo.PaymentLine{{Amount: 1000, LinkedTxn: []qbo.LinkedTxn{{TxnID: inv.ID, TxnType: qbo.TxnTypeInvoice}}}}})
	if !qbo.IsClosedPeriod(err) {
		t.Errorf("payment dated on the closing date: %v, want 6210", err)
	}
}

func pacific(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestSandbox_USTax_LineCodeOtherThanTAXOrNON_Is6100_AndCombinedRateApplies(t *testing.T) {
	l := openSandbox(t, sandbox.Options{})
	c := l.customer("Taxed Tom")
	county := l.taxCodeID("Alameda County")
	_, err := l.client.Invoices.Create(l.ctx, l.rid(), &qbo.Invoice{CustomerRef: qbo.Ref(c.ID), Line: []qbo.Line{l.line("100.00", county)}})
	if err == nil || faultCode(t, err) != qbo.CodeInvalidTaxCode {
		t.Fatalf("a real tax code on a US line: %v, want 6100", err)
	}
	inv, err := l.client.Invoices.Create(l.ctx, l.rid(), &qbo.Invoice{CustomerRef: qbo.Ref(c.ID),
		Line: []qbo.Line{l.line("100.00", "TAX")}, TxnTaxDetail: &qbo.TxnTaxDetail{TxnTaxCodeRef: qbo.Ref(county)}})
	if err != nil {
		t.Fatal(err)
	}
	// The combined code is state 7.25 % plus district 3 %.
	if inv.TxnTaxDetail.TotalTax != 1025 || inv.TotalAmt != 11025 || len(inv.TxnTaxDetail.TaxLine) != 2 {
		t.Errorf("combined US tax: %+v, total %v", inv.TxnTaxDetail, inv.TotalAmt)
	}
}

func TestSandbox_NonUSTax_CombinedLineCode_QBOTotalsEveryRate(t *testing.T) {
	l := openSandbox(t, sandbox.Options{Country: "CA"})
	c := l.customer("Vancouver Ventures")
	codes, err := l.client.TaxCodes.Query(l.ctx, qbo.Query{}.Where(qbo.Eq("Name", "GST/PST BC")))
	if err != nil || len(codes) != 1 {
		t.Fatalf("combined code: %v, %v", codes, err)
	}
	combined := codes[0]
	if !combined.TaxGroup || len(combined.SalesTaxRateList.TaxRateDetail) != 2 {
		t.Fatalf("GST/PST BC is not a combined code: %+v", combined)
	}
	sum := new(big.Rat)
	for _, d := range combined.SalesTaxRateList.TaxRateDetail {
		r, err := l.client.TaxRates.Get(l.ctx, d.TaxRateRef.Value)
		if err != nil {
			t.Fatal(err)
		}
		sum.Add(sum, r.RateValue.Rat())
	}
	if sum.Cmp(big.NewRat(12, 1)) != 0 {
		t.Errorf("rates of GST/PST BC add up to %v, want 12", sum)
	}
	inv := l.invoice(c.ID, "", l.line("250.00", combined.ID), l.line("100.00", l.taxCodeID("GST")))
	// 12 % of 250.00 and 5 % of 100.00: 30.00 + 5.00.
	if inv.TxnTaxDetail == nil || inv.TxnTaxDetail.TotalTax != 3500 || inv.TotalAmt != 38500 {
		t.Errorf("non-US tax: %+v, total %v", inv.TxnTaxDetail, inv.TotalAmt)
	}
	_, err = l.client.Invoices.Create(l.ctx, l.rid(), &qbo.Invoice{CustomerRef: qbo.Ref(c.ID), Line: []qbo.Line{l.line("10.00", "TAX")}})
	if err == nil {
		t.Error("the US pseudo code TAX was accepted in a Canadian company")
	}
}

func TestSandbox_DocNumber_Duplicate_IsDuplicateDocNumber_WhenTheCompanyWarnsOfDuplicates(t *testing.T) {
	l := openSandbox(t, sandbox.Options{})
	if _, err := l.srv.SetPreferences(map[string]any{"SalesFormsPrefs": map[string]any{"CustomTxnNumbers": true}}); err != nil {
		t.Fatal(err)
	}
	c := l.customer("Numbered Nora")
	l.invoice(c.ID, "LL-2026-001", l.line("10.00", "NON"))
	// A new company does not warn of duplicates: QBO takes the number.
	if _, err := l.client.Invoices.Create(l.ctx, l.rid(), &qbo.Invoice{CustomerRef: qbo.Ref(c.ID), DocNumber: new("LL-2026-001"), Line: []qbo.Line{l.line("10.00", "NON")}}); err != nil {
		t.Fatalf("a duplicate number without the company's warning: %v, want it taken", err)
	}
	l.srv.SetCompanySettings(sandbox.CompanySettings{WarnDuplicateDocNumbers: true})
	for _, doc := range []string{"LL-2026-001", "ll-2026-001"} {
		_, err := l.client.Invoices.Create(l.ctx, l.rid(), &qbo.Invoice{CustomerRef: qbo.Ref(c.ID), DocNumber: new(doc), Line: []qbo.Line{l.line("10.00", "NON")}})
		if !qbo.IsDuplicateDocNumber(err) {
			t.Errorf("second invoice numbered %s: %v, want 6140", doc, err)
		}
	}
	n, err := l.client.Invoices.Count(l.ctx, qbo.Query{}.Where(qbo.Eq("DocNumber", "LL-2026-001")))
	if err != nil || n != 2 {
		t.Errorf("invoices numbered LL-2026-001: %d, %v", n, err)
	}
}
