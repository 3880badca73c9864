package sandbox

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// QBO reads a body into its schema's types before any rule runs: a value of
// the wrong JSON type is refused with 2010, naming the property, and
// nothing is stored — never kept as a default or turned into a string.
func TestWrite_WrongJSONType_400ValidationFault2010NamingTheProperty(t *testing.T) {
	e := newEnv(t)
	cust := e.newCustomer("Typed Customer")
	item := e.itemID("Advisory")
	inv := e.mustCreate("Invoice", map[string]any{"CustomerRef": ref(cust), "Line": []any{salesLine(item, "1", "100", "", "")}})
	line := func(edit func(l, d map[string]any)) map[string]any {
		l := salesLine(item, "1", "100", "100", "")
		edit(l, obj(l["SalesItemLineDetail"]))
		return map[string]any{"CustomerRef": ref(cust), "Line": []any{l}}
	}
	paid := func(edit func(p, l map[string]any)) map[string]any {
		l := map[string]any{"Amount": json.Number("10"), "LinkedTxn": []any{map[string]any{"TxnId": inv["Id"], "TxnType": "Invoice"}}}
		p := map[string]any{"CustomerRef": ref(cust), "TotalAmt": json.Number("10"), "Line": []any{l}}
		edit(p, l)
		return p
	}
	cases := []struct {
		name, entity string
		body         map[string]any
		element      string
	}{
		{"CustomerActiveYes", "Customer", map[string]any{"DisplayName": "T1", "Active": "yes"}, "Active"},
		{"CustomerEmailAsString", "Customer", map[string]any{"DisplayName": "T2", "PrimaryEmailAddr": "a@b.test"}, "PrimaryEmailAddr"},
		{"CustomerBillAddrAsArray", "Customer", map[string]any{"DisplayName": "T3", "BillAddr": []any{1, 2}}, "BillAddr"},
		{"CustomerBalanceLots", "Customer", map[string]any{"DisplayName": "T4", "Balance": "lots"}, "Balance"},
		{"CustomerDisplayNameNumber", "Customer", map[string]any{"DisplayName": 12345}, "DisplayName"},
		{"CustomerCityNumber", "Customer", map[string]any{"DisplayName": "T5", "ShipAddr": map[string]any{"City": 5}}, "ShipAddr.City"},
		{"CustomerPhoneNumberAsNumber", "Customer", map[string]any{"DisplayName": "T6", "Mobile": map[string]any{"FreeFormNumber": 5550100}}, "Mobile.FreeFormNumber"},
		{"CustomerParentRefAsBareString", "Customer", map[string]any{"DisplayName": "T7", "ParentRef": cust}, "ParentRef"},
		{"CustomerTaxableObject", "Customer", map[string]any{"DisplayName": "T8", "Taxable": map[string]any{}}, "Taxable"},
		{"CustomerSparseAsString", "Customer", map[string]any{"DisplayName": "T9", "sparse": "sometimes"}, "sparse"},
		{"ItemUnitPriceFree", "Item", map[string]any{"Name": "Typed Item 1", "IncomeAccountRef": ref("1"), "UnitPrice": "free"}, "UnitPrice"},
		{"ItemIncomeAccountRefArray", "Item", map[string]any{"Name": "Typed Item 2", "IncomeAccountRef": []any{"1"}}, "IncomeAccountRef"},
		{"ItemNameTrue", "Item", map[string]any{"Name": true, "IncomeAccountRef": ref("1")}, "Name"},
		{"InvoiceLineAsObject", "Invoice", map[string]any{"CustomerRef": ref(cust), "Line": salesLine(item, "1", "100", "", "")}, "Line"},
		{"InvoiceLineOfStrings", "Invoice", map[string]any{"CustomerRef": ref(cust), "Line": []any{"one hour"}}, "Line"},
		{"InvoiceLineAmountTen", "Invoice", line(func(l, d map[string]any) { l["Amount"] = "ten" }), "Line.Amount"},
		{"InvoiceQtyTrue", "Invoice", line(func(l, d map[string]any) { d["Qty"] = true }), "Line.SalesItemLineDetail.Qty"},
		{"InvoiceItemRefValueNumber", "Invoice", line(func(l, d map[string]any) { d["ItemRef"] = map[string]any{"value": 7} }), "Line.SalesItemLineDetail.ItemRef.value"},
		{"InvoiceCustomerRefNumber", "Invoice", map[string]any{"CustomerRef": 7, "Line": []any{salesLine(item, "1", "100", "", "")}}, "CustomerRef"},
		{"InvoiceAllowOnlinePaymentMaybe", "Invoice", map[string]any{"CustomerRef": ref(cust), "AllowOnlinePayment": "maybe", "Line": []any{salesLine(item, "1", "100", "", "")}}, "AllowOnlinePayment"},
		{"InvoiceTxnTaxDetailString", "Invoice", map[string]any{"CustomerRef": ref(cust), "TxnTaxDetail": "none", "Line": []any{salesLine(item, "1", "100", "", "")}}, "TxnTaxDetail"},
		{"InvoiceDocNumberNumber", "Invoice", map[string]any{"CustomerRef": ref(cust), "DocNumber": 1042, "Line": []any{salesLine(item, "1", "100", "", "")}}, "DocNumber"},
		{"PaymentTotalAmtAll", "Payment", paid(func(p, l map[string]any) { p["TotalAmt"] = "all" }), "TotalAmt"},
		{"PaymentLinkedTxnAsObject", "Payment", paid(func(p, l map[string]any) { l["LinkedTxn"] = obj(list(l["LinkedTxn"])[0]) }), "Line.LinkedTxn"},
		{"PaymentTxnIdNumber", "Payment", paid(func(p, l map[string]any) { obj(list(l["LinkedTxn"])[0])["TxnId"] = 5 }), "Line.LinkedTxn.TxnId"},
		{"PaymentTxnDateNumber", "Payment", paid(func(p, l map[string]any) { p["TxnDate"] = 20260318 }), "TxnDate"},
	}
	entities := func() string {
		_, m := e.admin("GET", "counts", nil)
		b, _ := json.Marshal(m["entities"])
		return string(b)
	}
	before := entities()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, m := e.call("POST", strings.ToLower(tc.entity)+"?minorversion=75", tc.body)
			expectFault(t, status, m, "2010")
			f := obj(list(obj(m["Fault"])["Error"])[0])
			if str(f["Message"]) != "Request has invalid or unsupported property" || str(f["element"]) != tc.element {
				t.Errorf("fault %v, want 2010 on %s", f, tc.element)
			}
			if d := str(f["Detail"]); !strings.HasPrefix(d, "Property Name:") || !strings.HasSuffix(d, "specified is unsupported or invalid") {
				t.Errorf("Detail %q is not in QBO's words", d)
			}
		})
	}
	if after := entities(); after != before {
		t.Errorf("objects stored from refused bodies: %v → %v", before, after)
	}

	t.Run("ASparseUpdateToo", func(t *testing.T) {
		status, m := e.call("POST", "customer", map[string]any{"Id": cust, "SyncToken": "0", "sparse": true, "Active": "yes"})
		expectFault(t, status, m, "2010")
		_, got := e.call("GET", "customer/"+cust, nil)
		if c := obj(got["Customer"]); c["Active"] != true || str(c["SyncToken"]) != "0" {
			t.Fatalf("the customer changed: %v", c)
		}
	})
	t.Run("InABatchItem", func(t *testing.T) {
		status, m := e.call("POST", "batch", map[string]any{"BatchItemRequest": []any{
			map[string]any{"bId": "1", "operation": "create", "Customer": map[string]any{"DisplayName": "Batch Typed", "Taxable": "no"}},
		}})
		resp := obj(list(m["BatchItemResponse"])[0])
		if status != http.StatusOK || faultCode(resp) != "2010" || faultElement(resp) != "Taxable" {
			t.Fatalf("%d %v", status, m)
		}
	})
	t.Run("InPreferences", func(t *testing.T) {
		_, p := e.call("GET", "preferences", nil)
		tok := obj(p["Preferences"])["SyncToken"]
		for name, body := range map[string]map[string]any{
			"GroupAsString": {"SyncToken": tok, "SalesFormsPrefs": "custom"},
			"FlagAsWord":    {"SyncToken": tok, "SalesFormsPrefs": map[string]any{"CustomTxnNumbers": "yes"}},
			"DateAsNumber":  {"SyncToken": tok, "AccountingInfoPrefs": map[string]any{"BookCloseDate": 20260131}},
		} {
			status, m := e.call("POST", "preferences", body)
			if status != http.StatusBadRequest || faultCode(m) != "2010" {
				t.Errorf("%s: %d %v, want 2010", name, status, m)
			}
		}
	})
}

// What QBO's reading tolerates, the sandbox takes too: null for anything,
// numbers in quotes, and "true"/"false" in quotes for a boolean.
func TestWrite_TolerableJSON_Accepted(t *testing.T) {
	e := newEnv(t)
	c := e.mustCreate("Customer", map[string]any{"DisplayName": "Lenient Ltd", "Active": "true", "Taxable": "FALSE",
		"Notes": nil, "BillAddr": nil, "Balance": "0"})
	if c["Active"] != true || c["Taxable"] != false {
		t.Fatalf("customer %v", c)
	}
	item := e.mustCreate("Item", map[string]any{"Name": "Lenient Item", "IncomeAccountRef": ref("1"), "UnitPrice": "12.50"})
	if str(item["UnitPrice"]) != "12.5" {
		t.Fatalf("item %v", item)
	}
	e.mustCreate("Invoice", map[string]any{"CustomerRef": ref(str(c["Id"])), "Line": []any{
		map[string]any{"DetailType": "SalesItemLineDetail", "Amount": "25", "LineNum": 1,
			"SalesItemLineDetail": map[string]any{"ItemRef": ref(str(item["Id"])), "Qty": "2", "UnitPrice": json.Number("12.5")}}}})
}

// Control characters have no place in a name: QBO's 2040 Invalid String,
// as for a tab or a new line.
func TestWrite_ControlCharacterInAName_Is2040InvalidString(t *testing.T) {
	e := newEnv(t)
	for name, tc := range map[string]struct {
		entity, field string
		body          map[string]any
	}{
		"NULInDisplayName":     {"Customer", "DisplayName", map[string]any{"DisplayName": "Ada\x00Lovelace"}},
		"BellInGivenName":      {"Customer", "GivenName", map[string]any{"GivenName": "Ada\a", "FamilyName": "Lovelace"}},
		"CarriageReturnInName": {"Customer", "FamilyName", map[string]any{"GivenName": "Ada", "FamilyName": "Love\rlace"}},
		"EscapeInPrintName":    {"Customer", "PrintOnCheckName", map[string]any{"DisplayName": "Ada L", "PrintOnCheckName": "Ada\x1b[31m"}},
		"C1ControlInSuffix":    {"Customer", "Suffix", map[string]any{"DisplayName": "Ada M", "Suffix": "J\u0085r"}},
		"NULInItemName":        {"Item", "Name", map[string]any{"Name": "Advice\x00", "IncomeAccountRef": ref("1")}},
	} {
		t.Run(name, func(t *testing.T) {
			status, m := e.call("POST", strings.ToLower(tc.entity), tc.body)
			expectFault(t, status, m, "2040")
			if faultElement(m) != tc.field {
				t.Errorf("element %q, want %q", faultElement(m), tc.field)
			}
		})
	}
}
