package sandbox

import (
	"encoding/json"
	"strconv"
	"testing"
)

// nonUSInvoice is an invoice body with line-level tax codes.
func nonUSInvoice(cust, gtc string, lines ...map[string]any) map[string]any {
	in := map[string]any{"CustomerRef": ref(cust), "Line": toAny(lines), "TxnDate": "2026-03-10"}
	if gtc != "" {
		in["GlobalTaxCalculation"] = gtc
	}
	return in
}

func TestTax_NonUS_QBOComputesTaxFromLineCodes(t *testing.T) {
	e := newEnv(t, withCountry("CA"))
	cust := e.newCustomer("Maple Leaf Studio")
	item := e.itemID("Advisory")
	gst, combined, hst := e.codeID("GST"), e.codeID("GST/PST BC"), e.codeID("HST ON")
	cases := []struct {
		name                 string
		gtc                  string
		lines                []map[string]any
		tax, total, taxLines string
	}{
		{"OneCode", "", []map[string]any{salesLine(item, "1", "200", "200", gst)}, "10", "210", "1"},
		{"CombinedCodeSumsItsRates", "TaxExcluded", []map[string]any{salesLine(item, "1", "200", "200", combined)}, "24", "224", "2"},
		{"MixedCodesPerLine", "", []map[string]any{salesLine(item, "1", "100", "100", gst), salesLine(item, "1", "100", "100", hst)}, "18", "218", "2"},
		{"RateRoundedOnceOverLines", "", []map[string]any{salesLine(item, "1", "0.1", "0.1", gst), salesLine(item, "1", "0.1", "0.1", gst), salesLine(item, "1", "0.1", "0.1", gst)}, "0.02", "0.32", "1"},
		{"NotApplicableHasNoTax", "NotApplicable", []map[string]any{salesLine(item, "1", "200", "200", "")}, "0", "200", "0"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			inv := e.mustCreate("Invoice", nonUSInvoice(cust, tc.gtc, tc.lines...))
			td := obj(inv["TxnTaxDetail"])
			if str(td["TotalTax"]) != tc.tax || str(inv["TotalAmt"]) != tc.total {
				t.Errorf("TotalTax %v TotalAmt %v, want %s %s", td["TotalTax"], inv["TotalAmt"], tc.tax, tc.total)
			}
			if n := len(list(td["TaxLine"])); strconv.Itoa(n) != tc.taxLines {
				t.Errorf("%d tax lines, want %s", n, tc.taxLines)
			}
			if want := tc.gtc; want != "" && inv["GlobalTaxCalculation"] != want {
				t.Errorf("GlobalTaxCalculation %v", inv["GlobalTaxCalculation"])
			}
		})
	}
}

func TestTax_NonUS_TaxInclusiveAmountIsSplitIntoNetAndTax(t *testing.T) {
	e := newEnv(t, withCountry("AU"))
	cust := e.newCustomer("Wattle Wines")
	line := map[string]any{"DetailType": "SalesItemLineDetail", "SalesItemLineDetail": map[string]any{
		"ItemRef": ref(e.itemID("Advisory")), "TaxCodeRef": ref(e.codeID("GST")), "TaxInclusiveAmt": json.Number("110")}}
	inv := e.mustCreate("Invoice", nonUSInvoice(cust, "TaxInclusive", line))
	if str(obj(list(inv["Line"])[0])["Amount"]) != "100" || str(obj(inv["TxnTaxDetail"])["TotalTax"]) != "10" || str(inv["TotalAmt"]) != "110" {
		t.Fatalf("inclusive invoice %v", inv)
	}
}

func TestTax_NonUS_Faults(t *testing.T) {
	e := newEnv(t, withCountry("UK"))
	cust := e.newCustomer("Thames Tailoring")
	item := e.itemID("Advisory")
	cases := []struct {
		name string
		body map[string]any
		code string
	}{
		{"LineWithoutCode_6000", nonUSInvoice(cust, "", salesLine(item, "1", "10", "10", "")), "6000"},
		{"USPseudoCode_2500", nonUSInvoice(cust, "", salesLine(item, "1", "10", "10", "TAX")), "2500"},
		{"UnknownCode_2500", nonUSInvoice(cust, "", salesLine(item, "1", "10", "10", "4242")), "2500"},
		{"BadGlobalTaxCalculation_2170", nonUSInvoice(cust, "Sometimes", salesLine(item, "1", "10", "10", e.codeID("20.0% S"))), "2170"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, m := e.call("POST", "invoice", tc.body)
			expectFault(t, status, m, tc.code)
		})
	}
}

func TestTax_EveryCountrySeedsACombinedCodeAndCompanyCountry(t *testing.T) {
	for code, want := range map[string]string{"US": "US", "CA": "CA", "AU": "AU", "UK": "GB", "NZ": "NZ"} {
		t.Run(code, func(t *testing.T) {
			e := newEnv(t, withCountry(code))
			combined := 0
			for _, c := range list(e.query("SELECT * FROM TaxCode")["TaxCode"]) {
				if obj(c)["TaxGroup"] == true && len(list(obj(obj(c)["SalesTaxRateList"])["TaxRateDetail"])) > 1 {
					combined++
				}
			}
			if combined == 0 {
				t.Error("no combined tax code")
			}
			info := e.read("companyinfo", e.realm)
			if info["Country"] != want {
				t.Errorf("CompanyInfo.Country %v, want %s", info["Country"], want)
			}
			if len(list(e.query("SELECT * FROM Invoice")["Invoice"])) != 7 || len(list(e.query("SELECT * FROM Payment")["Payment"])) != 4 {
				t.Error("demo invoices and payments missing")
			}
		})
	}
}
