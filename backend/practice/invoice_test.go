package practice

import "testing"

func testRates() map[int64]*TaxRate {
	gst := &TaxRate{ID: 1, Name: "GST", Percent: MustDecimal("5")}
	ca := &TaxRate{ID: 2, Name: "CA sales", Components: []TaxComponent{
		{Name: "State", Percent: MustDecimal("6")}, {Name: "County", Percent: MustDecimal("1.25")}, {Name: "City", Percent: MustDecimal("1")}}}
	hst := &TaxRate{ID: 3, Name: "HST ON 13 %", Percent: MustDecimal("13")}
	for _, r := range []*TaxRate{gst, ca, hst} {
		r.Normalize()
	}
	return map[int64]*TaxRate{1: gst, 2: ca, 3: hst}
}

func TestTaxRate_Combined_PercentIsTheSumOfItsComponents(t *testing.T) {
	r := testRates()[2]
	if r.Percent.String() != "8.25" || r.Label() != "CA sales 8.25 %" {
		t.Errorf("combined rate %s, label %q", r.Percent, r.Label())
	}
	if err := r.Validate(); err != nil {
		t.Errorf("valid combined rate refused: %v", err)
	}
	one := &TaxRate{Name: "Odd", Components: []TaxComponent{{Name: "Only", Percent: MustDecimal("2")}}}
	one.Normalize()
	if ErrorFields(one.Validate())["components"] == "" {
		t.Errorf("a combined rate of one component must be refused")
	}
	over := &TaxRate{Name: "Too much", Percent: MustDecimal("100.5")}
	if ErrorFields(over.Validate())["percent"] == "" {
		t.Errorf("a rate above 100 %% must be refused")
	}
}

func TestInvoiceCompute_TaxPerSimpleAndCombinedRate(t *testing.T) {
	inv := &Invoice{Lines: []InvoiceLine{
		{Description: "Bookkeeping", Quantity: MustDecimal("1.5"), Rate: 15000, TaxRateID: 1}, // 225.00, GST 11.25
		{Description: "Payroll", Quantity: MustDecimal("1"), Rate: 12000, TaxRateID: 2},       // 120.00: 7.20 + 1.50 + 1.20
		{Description: "Advisory", Quantity: MustDecimal("0.5"), Rate: 18001, TaxRateID: 1},    // 90.005 → 90.01, GST 4.5005 → 4.50
		{Description: "Filing fee", Quantity: MustDecimal("1"), Rate: 2500},                   // no tax
	}}
	if err := inv.Compute(testRates()); err != nil {
		t.Fatal(err)
	}
	if got := []int64{inv.Lines[0].Amount, inv.Lines[1].Amount, inv.Lines[2].Amount, inv.Lines[3].Amount}; got[0] != 22500 || got[1] != 12000 || got[2] != 9001 || got[3] != 2500 {
		t.Errorf("line amounts %v", got)
	}
	if inv.Subtotal != 46001 {
		t.Errorf("subtotal %d", inv.Subtotal)
	}
	if len(inv.Taxes) != 2 {
		t.Fatalf("taxes %+v, want one per rate", inv.Taxes)
	}
	gst, ca := inv.Taxes[0], inv.Taxes[1]
	if gst.Name != "GST 5 %" || gst.Base != 31501 || gst.Amount != 1125+450 {
		t.Errorf("GST %+v", gst)
	}
	if ca.Base != 12000 || ca.Amount != 720+150+120 || len(ca.Parts) != 3 || ca.Parts[1].Amount != 150 {
		t.Errorf("CA sales %+v", ca)
	}
	if inv.Total != 46001+1575+990 || inv.TaxTotal() != 2565 {
		t.Errorf("total %d, tax %d", inv.Total, inv.TaxTotal())
	}
}

// Rounding per line: two lines of 10.10 at 5 % are 0.505 each, 0.51 each
// line, 1.02 in all — not 1.01 as one rounding of the sum would give.
func TestInvoiceCompute_RoundsPerLine(t *testing.T) {
	inv := &Invoice{Lines: []InvoiceLine{
		{Quantity: MustDecimal("1"), Rate: 1010, TaxRateID: 1},
		{Quantity: MustDecimal("1"), Rate: 1010, TaxRateID: 1},
	}}
	if err := inv.Compute(testRates()); err != nil {
		t.Fatal(err)
	}
	if inv.Taxes[0].Amount != 102 {
		t.Errorf("tax %d, want 102 (51 per line)", inv.Taxes[0].Amount)
	}
}

func TestInvoiceCompute_ManyLines_SumsExactly(t *testing.T) {
	inv := &Invoice{}
	for i := range 10000 {
		inv.Lines = append(inv.Lines, InvoiceLine{Quantity: MustDecimal("0.333"), Rate: int64(10000 + i%7), TaxRateID: 3})
	}
	if err := inv.Compute(testRates()); err != nil {
		t.Fatal(err)
	}
	var sub, tax int64
	for _, l := range inv.Lines {
		sub += l.Amount
		tax += TaxOn(l.Amount, MustDecimal("13"))
	}
	if inv.Subtotal != sub || inv.Taxes[0].Amount != tax || inv.Total != sub+tax {
		t.Errorf("subtotal %d (want %d), tax %d (want %d), total %d", inv.Subtotal, sub, inv.Taxes[0].Amount, tax, inv.Total)
	}
}

func TestInvoiceCompute_UnknownRate_NamesTheLine(t *testing.T) {
	inv := &Invoice{Lines: []InvoiceLine{{Quantity: MustDecimal("1"), Rate: 100}, {Quantity: MustDecimal("1"), Rate: 100, TaxRateID: 99}}}
	if err := inv.Compute(testRates()); err == nil || err.Error() != "line 2: tax rate 99 is not known" {
		t.Errorf("err = %v", err)
	}
}

func TestInvoiceValidate(t *testing.T) {
	ok := Invoice{ContactID: 1, IssueDate: "2026-11-30", DueDate: "2026-12-14",
		Lines: []InvoiceLine{{Description: "Work", Quantity: MustDecimal("1"), Rate: 100}}}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid invoice refused: %v", err)
	}
	bad := ok
	bad.DueDate = "2026-11-01"
	bad.Lines = nil
	f := ErrorFields(bad.Validate())
	if f["dueDate"] == "" || f["lines"] == "" {
		t.Errorf("fields %v, want the due date and the lines named", f)
	}
}
