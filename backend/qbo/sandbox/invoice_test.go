package sandbox

import (
	"net/http"
	"strings"
	"testing"
)

// usInvoice is a US invoice body for customer cust.
func usInvoice(cust, taxCode string, lines ...map[string]any) map[string]any {
	in := map[string]any{"CustomerRef": ref(cust), "Line": toAny(lines), "TxnDate": "2026-03-10"}
	if taxCode != "" {
		in["TxnTaxDetail"] = map[string]any{"TxnTaxCodeRef": ref(taxCode)}
	}
	return in
}

func TestInvoice_US_TotalsTaxOnTaxLinesWithTheInvoiceCode(t *testing.T) {
	e := newEnv(t)
	cust := e.newCustomer("Pohutukawa Press")
	advisory, bookkeeping := e.itemID("Advisory"), e.itemID("Bookkeeping")
	cases := []struct {
		name, code           string
		lines                []map[string]any
		subtotal, tax, total string
		taxLines             int
	}{
		{"StateRate", e.codeID("California"),
			[]map[string]any{salesLine(advisory, "2", "180", "360", "TAX"), salesLine(bookkeeping, "1", "450", "450", "NON")},
			"810", "26.1", "836.1", 1},
		{"CombinedCodeSumsItsRates", e.codeID("Alameda County"),
			[]map[string]any{salesLine(advisory, "1", "1000", "1000", "TAX")},
			"1000", "102.5", "1102.5", 2},
		{"NoCodeNoTax", "",
			[]map[string]any{salesLine(advisory, "1", "99.99", "99.99", "TAX")},
			"99.99", "0", "99.99", 0},
		{"HalfCentRoundsUp", "",
			[]map[string]any{salesLine(advisory, "3", "33.335", "100.01", "")},
			"100.01", "0", "100.01", 0},
		{"AmountAloneIsTheLine", "",
			[]map[string]any{salesLine(advisory, "", "", "12.34", "")},
			"12.34", "0", "12.34", 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			inv := e.mustCreate("Invoice", usInvoice(cust, tc.code, tc.lines...))
			lines := list(inv["Line"])
			last := obj(lines[len(lines)-1])
			if str(last["DetailType"]) != "SubTotalLineDetail" || str(last["Amount"]) != tc.subtotal {
				t.Errorf("subtotal line %v, want %s", last, tc.subtotal)
			}
			td := obj(inv["TxnTaxDetail"])
			if str(td["TotalTax"]) != tc.tax || len(list(td["TaxLine"])) != tc.taxLines {
				t.Errorf("TxnTaxDetail %v, want tax %s in %d lines", td, tc.tax, tc.taxLines)
			}
			if str(inv["TotalAmt"]) != tc.total || str(inv["Balance"]) != tc.total {
				t.Errorf("TotalAmt %v Balance %v, want %s", inv["TotalAmt"], inv["Balance"], tc.total)
			}
		})
	}
}

func TestInvoice_Faults(t *testing.T) {
	e := newEnv(t)
	cust := e.newCustomer("Karaka Kitchens")
	dormant := str(e.mustCreate("Customer", map[string]any{"DisplayName": "Dormant Kitchens", "Active": false})["Id"])
	item := e.itemID("Advisory")
	good := func() map[string]any { return usInvoice(cust, "", salesLine(item, "1", "100", "100", "TAX")) }
	with := func(f func(m map[string]any)) map[string]any { m := good(); f(m); return m }
	cases := []struct {
		name  string
		query string
		body  map[string]any
		code  string
		elem  string
	}{
		{"NoCustomerRef_2020", "", with(func(m map[string]any) { delete(m, "CustomerRef") }), "2020", "CustomerRef"},
		{"UnknownCustomer_2500", "", with(func(m map[string]any) { m["CustomerRef"] = ref("99999") }), "2500", "CustomerRef"},
		{"InactiveCustomer_610", "", with(func(m map[string]any) { m["CustomerRef"] = ref(dormant) }), "610", ""},
		{"NoLines_2020", "", with(func(m map[string]any) { delete(m, "Line") }), "2020", "Line"},
		{"USLineWithRealTaxCode_6100", "", usInvoice(cust, "", salesLine(item, "1", "100", "100", e.codeID("California"))), "6100", "TaxCodeRef"},
		{"PseudoCodeAsInvoiceCode_6100", "", usInvoice(cust, "TAX", salesLine(item, "1", "100", "100", "TAX")), "6100", "TaxCodeRef"},
		{"UnknownInvoiceTaxCode_2500", "", usInvoice(cust, "777", salesLine(item, "1", "100", "100", "TAX")), "2500", "TxnTaxCodeRef"},
		{"UnknownItem_2500", "", usInvoice(cust, "", salesLine("9999", "1", "100", "100", "")), "2500", "ItemRef"},
		{"InactiveItem_610", "", usInvoice(cust, "", salesLine(e.itemID("Legacy Consulting"), "1", "95", "95", "")), "610", ""},
		{"AmountNotQtyTimesPrice_6070", "", usInvoice(cust, "", salesLine(item, "3", "33.335", "100", "")), "6070", "Amount"},
		{"NoAmountNoPrice_2020", "", usInvoice(cust, "", salesLine(item, "", "", "", "")), "2020", "Line.Amount"},
		{"DocNumberTooLong_2050", "", with(func(m map[string]any) { m["DocNumber"] = strings.Repeat("9", 22) }), "2050", "DocNumber"},
		{"DuplicateDocNumber_6140", "", with(func(m map[string]any) { m["DocNumber"] = "1003" }), "6140", ""},
		{"DatedInClosedPeriod_6210", "", with(func(m map[string]any) { m["TxnDate"] = "2026-01-15" }), "6210", ""},
		{"DatedOnClosingDate_6210", "", with(func(m map[string]any) { m["TxnDate"] = "2026-01-31" }), "6210", ""},
		{"NotADate_6000", "", with(func(m map[string]any) { m["TxnDate"] = "10/03/2026" }), "6000", "TxnDate"},
		{"UnsupportedLineType_6000", "", with(func(m map[string]any) {
			m["Line"] = []any{map[string]any{"DetailType": "DiscountLineDetail", "Amount": "5"}}
		}), "6000", "DetailType"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, m := e.call("POST", "invoice"+tc.query, tc.body)
			expectFault(t, status, m, tc.code)
			if tc.elem != "" && faultElement(m) != tc.elem {
				t.Errorf("element %q, want %q", faultElement(m), tc.elem)
			}
		})
	}
	t.Run("DuplicateDocNumberAllowedWhenAsked", func(t *testing.T) {
		status, m := e.call("POST", "invoice?include=allowduplicatedocnum", with(func(m map[string]any) { m["DocNumber"] = "1003" }))
		if status != http.StatusOK || str(obj(m["Invoice"])["DocNumber"]) != "1003" {
			t.Fatalf("%d %v", status, m)
		}
	})
	t.Run("DuplicateDocNumberIgnoresCase_6140", func(t *testing.T) {
		e.mustCreate("Invoice", with(func(m map[string]any) { m["DocNumber"] = "INV-a1" }))
		status, m := e.call("POST", "invoice", with(func(m map[string]any) { m["DocNumber"] = "inv-A1" }))
		expectFault(t, status, m, "6140")
	})
}

func TestInvoice_DocNumber_GeneratedWhenCustomNumbersAreOff(t *testing.T) {
	e := newEnv(t)
	cust := e.newCustomer("Manuka Movers")
	item := e.itemID("Advisory")
	inv := e.mustCreate("Invoice", usInvoice(cust, "", salesLine(item, "1", "10", "10", "")))
	if _, ok := inv["DocNumber"]; ok {
		t.Fatalf("custom numbers on, none sent: DocNumber %v, want none", inv["DocNumber"])
	}
	if status, m := e.admin("POST", "preferences", map[string]any{"SalesFormsPrefs": map[string]any{"CustomTxnNumbers": false}}); status != 200 {
		t.Fatalf("%d %v", status, m)
	}
	a := e.mustCreate("Invoice", usInvoice(cust, "", salesLine(item, "1", "10", "10", "")))
	b := e.mustCreate("Invoice", usInvoice(cust, "", salesLine(item, "1", "10", "10", "")))
	if str(a["DocNumber"]) != "1008" || str(b["DocNumber"]) != "1009" {
		t.Fatalf("generated numbers %v, %v; want 1008, 1009 after the demo's 1007", a["DocNumber"], b["DocNumber"])
	}
}

// QBO refuses a duplicate DocNumber (6140) only in a company with custom
// transaction numbers and its duplicate-number warning on, a setting the
// API cannot see; the demo company has both, a new company neither.
func TestInvoice_DuplicateDocNumber_6140OnlyWithCustomNumbersAndTheWarningOn(t *testing.T) {
	e := newEnv(t)
	cust := e.newCustomer("Rimu Roofing")
	item := e.itemID("Advisory")
	inv := func(doc string) map[string]any {
		m := usInvoice(cust, "", salesLine(item, "1", "10", "10", ""))
		m["DocNumber"] = doc
		return m
	}
	first := e.mustCreate("Invoice", inv("2001"))
	status, m := e.call("POST", "invoice", inv("2001"))
	expectFault(t, status, m, "6140")
	want := "DocNumber=2001 is assigned to TxnType=Invoice with TxnId=" + str(first["Id"])
	if f := obj(list(obj(m["Fault"])["Error"])[0]); !strings.HasSuffix(str(f["Detail"]), want) {
		t.Errorf("Detail %q, want it to end %q", f["Detail"], want)
	}
	if status, m := e.call("POST", "invoice?include=allowduplicatedocnum", inv("2001")); status != http.StatusOK {
		t.Errorf("include=allowduplicatedocnum: %d %v", status, m)
	}

	if _, m := e.admin("GET", "settings", nil); m["warnDuplicateDocNumbers"] != true {
		t.Fatalf("demo company settings %v, want the warning on", m)
	}
	if strings.Contains(strings.ToLower(string(encode(e.read("preferences", "")))), "duplicate") {
		t.Errorf("the warning shows in Preferences; the API cannot read it")
	}
	if _, m := e.admin("POST", "settings", map[string]any{"warnDuplicateDocNumbers": false}); m["warnDuplicateDocNumbers"] != false {
		t.Fatalf("settings %v", m)
	}
	if status, m := e.call("POST", "invoice", inv("2001")); status != http.StatusOK || str(obj(m["Invoice"])["DocNumber"]) != "2001" {
		t.Errorf("warning off: %d %v, want the duplicate taken", status, m)
	}

	e.srv.SetCompanySettings(CompanySettings{WarnDuplicateDocNumbers: true})
	e.admin("POST", "preferences", map[string]any{"SalesFormsPrefs": map[string]any{"CustomTxnNumbers": false}})
	if status, m := e.call("POST", "invoice", inv("2001")); status != http.StatusOK {
		t.Errorf("custom numbers off: %d %v, want the duplicate taken", status, m)
	}
}

func TestInvoice_EmptyCompany_DuplicateDocNumberTaken_UntilTheWarningIsOn(t *testing.T) {
	e := newEnv(t, withEmpty())
	if got := e.srv.CompanySettings(); got.WarnDuplicateDocNumbers {
		t.Fatalf("a new company has the warning on")
	}
	e.admin("POST", "preferences", map[string]any{"SalesFormsPrefs": map[string]any{"CustomTxnNumbers": true}})
	cust := e.newCustomer("Totara Tiles")
	body := usInvoice(cust, "", salesLine(e.itemID("Services"), "1", "10", "10", ""))
	body["DocNumber"] = "A-1"
	e.mustCreate("Invoice", body)
	if status, m := e.call("POST", "invoice", body); status != http.StatusOK {
		t.Fatalf("custom numbers on, warning off: %d %v, want the duplicate taken", status, m)
	}
	e.admin("POST", "settings", map[string]any{"warnDuplicateDocNumbers": true})
	status, m := e.call("POST", "invoice", body)
	expectFault(t, status, m, "6140")
}

func TestInvoice_SparseUpdate_RecomputesTotalsAndChecksSyncToken(t *testing.T) {
	e := newEnv(t)
	cust := e.newCustomer("Harakeke Design")
	item := e.itemID("Advisory")
	inv := e.mustCreate("Invoice", usInvoice(cust, e.codeID("California"), salesLine(item, "1", "100", "100", "TAX")))
	status, m := e.call("POST", "invoice", map[string]any{"Id": inv["Id"], "SyncToken": inv["SyncToken"], "sparse": true,
		"Line": []any{salesLine(item, "2", "100", "200", "TAX")}})
	if status != http.StatusOK {
		t.Fatalf("%d %v", status, m)
	}
	u := obj(m["Invoice"])
	if str(u["TotalAmt"]) != "214.5" || str(u["Balance"]) != "214.5" || str(u["SyncToken"]) != "1" ||
		str(obj(u["TxnTaxDetail"])["TotalTax"]) != "14.5" || str(u["TxnDate"]) != "2026-03-10" {
		t.Fatalf("after update: %v", u)
	}
	status, m = e.call("POST", "invoice", map[string]any{"Id": inv["Id"], "SyncToken": "0", "sparse": true, "PrivateNote": "x"})
	expectFault(t, status, m, "5010")
}

func TestInvoice_InClosedPeriod_CannotBeChangedVoidedOrDeleted_6210InQBOsWords(t *testing.T) {
	e := newEnv(t)
	old := obj(list(e.query("SELECT * FROM Invoice WHERE DocNumber = '1001'")["Invoice"])[0])
	body := map[string]any{"Id": old["Id"], "SyncToken": old["SyncToken"], "sparse": true, "PrivateNote": "late edit"}
	for _, op := range []string{"invoice", "invoice?operation=void", "invoice?operation=delete"} {
		status, m := e.call("POST", op, body)
		expectFault(t, status, m, "6210")
		f := obj(list(obj(m["Fault"])["Error"])[0])
		if str(f["Message"]) != "Account Period Closed, Cannot Update Through Services API" ||
			str(f["Detail"]) != "The account period has closed and the account books cannot be updated through the QBO Services API. Please use the QBO website to make these changes." {
			t.Errorf("%s: not QBO's words: %v", op, f)
		}
	}
	t.Run("MovedOutOfTheClosedPeriodIsStill6210", func(t *testing.T) {
		status, m := e.call("POST", "invoice", map[string]any{"Id": old["Id"], "SyncToken": old["SyncToken"], "sparse": true, "TxnDate": "2026-03-01"})
		expectFault(t, status, m, "6210")
	})
	t.Run("OpeningTheBooksAllowsIt", func(t *testing.T) {
		e.admin("POST", "closing-date", map[string]any{"date": ""})
		status, m := e.call("POST", "invoice", body)
		if status != http.StatusOK {
			t.Fatalf("%d %v", status, m)
		}
	})
}

func TestInvoice_Void_ZeroesAmountsAndKeepsTheInvoice(t *testing.T) {
	e := newEnv(t)
	cust := e.newCustomer("Kowhai Cafe")
	inv := e.mustCreate("Invoice", usInvoice(cust, e.codeID("California"), salesLine(e.itemID("Bookkeeping"), "1", "450", "450", "TAX")))
	status, m := e.call("POST", "invoice?operation=void", map[string]any{"Id": inv["Id"], "SyncToken": inv["SyncToken"]})
	if status != http.StatusOK {
		t.Fatalf("%d %v", status, m)
	}
	v := obj(m["Invoice"])
	if str(v["TotalAmt"]) != "0" || str(v["Balance"]) != "0" || str(v["SyncToken"]) != "1" || str(v["PrivateNote"]) != "Voided" {
		t.Fatalf("voided: %v", v)
	}
	if status, m := e.call("GET", "invoice/"+str(inv["Id"]), nil); status != 200 || str(obj(m["Invoice"])["DocNumber"]) != str(inv["DocNumber"]) {
		t.Fatalf("voided invoice should still be there: %d %v", status, m)
	}
}

func TestInvoice_Delete_LeavesADeletedStub(t *testing.T) {
	e := newEnv(t)
	inv := e.mustCreate("Invoice", usInvoice(e.newCustomer("Rata Roofing"), "", salesLine(e.itemID("Advisory"), "1", "5", "5", "")))
	status, m := e.call("POST", "invoice?operation=delete", map[string]any{"Id": inv["Id"], "SyncToken": inv["SyncToken"]})
	if status != http.StatusOK || str(obj(m["Invoice"])["status"]) != "Deleted" || str(obj(m["Invoice"])["Id"]) != str(inv["Id"]) {
		t.Fatalf("%d %v", status, m)
	}
	status, m = e.call("GET", "invoice/"+str(inv["Id"]), nil)
	expectFault(t, status, m, "610")
}

func TestInvoice_Send_NeedsAnAddress_MarksEmailSent_AndIsCappedPerDay(t *testing.T) {
	e := newEnv(t)
	e.srv.SetLimits(Limits{Off: true, EmailsPerDay: 2})
	cust := e.newCustomer("Tawa Tiles")
	inv := e.mustCreate("Invoice", usInvoice(cust, "", salesLine(e.itemID("Advisory"), "1", "5", "5", "")))
	id := str(inv["Id"])
	status, m := e.call("POST", "invoice/"+id+"/send", nil)
	expectFault(t, status, m, "2020")

	status, m = e.call("POST", "invoice/"+id+"/send?sendTo="+"tawa%40example.com", nil)
	if status != http.StatusOK {
		t.Fatalf("%d %v", status, m)
	}
	sent := obj(m["Invoice"])
	if sent["EmailStatus"] != "EmailSent" || str(obj(sent["BillEmail"])["Address"]) != "tawa@example.com" ||
		str(obj(sent["DeliveryInfo"])["DeliveryType"]) != "Email" || str(sent["SyncToken"]) != "1" {
		t.Fatalf("sent invoice %v", sent)
	}
	if status, m = e.call("POST", "invoice/"+id+"/send", nil); status != http.StatusOK {
		t.Fatalf("second send (to BillEmail): %d %v", status, m)
	}
	status, m = e.call("POST", "invoice/"+id+"/send", nil)
	expectFault(t, status, m, "6000")
	e.clock.Advance(24 * 60 * 60e9)
	e.token = e.srv.IssueTokens().AccessToken // the old one has expired meanwhile
	if status, m = e.call("POST", "invoice/"+id+"/send", nil); status != http.StatusOK {
		t.Fatalf("next day: %d %v", status, m)
	}
}
