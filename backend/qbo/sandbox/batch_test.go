package sandbox

import (
	"fmt"
	"net/http"
	"testing"
)

func TestBatch_RunsEachItem_FaultsPerItemUnderHTTP200(t *testing.T) {
	e := newEnv(t)
	cust := e.customerNamed("Aldous Printing Co.")
	inv := e.invoiceFor(str(cust["Id"]), "40")
	items := []any{
		map[string]any{"bId": "c1", "operation": "create", "Customer": map[string]any{"DisplayName": "Batch Newcomer"}},
		map[string]any{"bId": "c2", "operation": "create", "Customer": map[string]any{"DisplayName": "Aldous Printing Co."}},
		map[string]any{"bId": "u1", "operation": "update", "Customer": map[string]any{"Id": cust["Id"], "SyncToken": "99", "sparse": true, "Notes": "x"}},
		map[string]any{"bId": "q1", "Query": "SELECT * FROM Item WHERE Name = 'Bookkeeping'"},
		map[string]any{"bId": "p1", "operation": "create", "Payment": payment(str(cust["Id"]), "40", payLine(str(inv["Id"]), "40"))},
		map[string]any{"bId": "d1", "operation": "delete", "Invoice": map[string]any{"Id": "999999", "SyncToken": "0"}},
	}
	status, m := e.call("POST", "batch?minorversion=75", map[string]any{"BatchItemRequest": items})
	if status != http.StatusOK {
		t.Fatalf("%d %v", status, m)
	}
	got := map[string]map[string]any{}
	for _, r := range list(m["BatchItemResponse"]) {
		got[str(obj(r)["bId"])] = obj(r)
	}
	if len(got) != len(items) {
		t.Fatalf("%d answers for %d items: %v", len(got), len(items), m)
	}
	if str(obj(got["c1"]["Customer"])["Id"]) == "" {
		t.Errorf("c1: %v", got["c1"])
	}
	for bid, code := range map[string]string{"c2": "6240", "u1": "5010", "d1": "610"} {
		if faultCode(got[bid]) != code {
			t.Errorf("%s: %v, want fault %s", bid, got[bid], code)
		}
	}
	if len(list(obj(got["q1"]["QueryResponse"])["Item"])) != 1 {
		t.Errorf("q1: %v", got["q1"])
	}
	if str(obj(got["p1"]["Payment"])["TotalAmt"]) != "40" {
		t.Errorf("p1: %v", got["p1"])
	}
	if b := str(e.read("invoice", str(inv["Id"]))["Balance"]); b != "0" {
		t.Errorf("the batch's payment did not reach the invoice: %s", b)
	}
}

func TestBatch_Refusals(t *testing.T) {
	e := newEnv(t)
	many := func(n int, idLen int) []any {
		var items []any
		for i := 0; i < n; i++ {
			id := fmt.Sprintf("%0*d", idLen, i)
			items = append(items, map[string]any{"bId": id, "Query": "SELECT * FROM Item"})
		}
		return items
	}
	cases := []struct {
		name  string
		query string
		items []any
		code  string
	}{
		{"ThirtyOneItems_1040", "", many(31, 2), "1040"},
		{"Empty_2020", "", nil, "2020"},
		{"SameBIdTwice_2010", "", []any{map[string]any{"bId": "a", "Query": "SELECT * FROM Item"}, map[string]any{"bId": "a", "Query": "SELECT * FROM Item"}}, "2010"},
		{"LongBIdWithRequestID_2010", "?requestid=batch-long-bid", many(1, 11), "2010"},
		{"RequestIDOver36_2010", "?requestid=0123456789012345678901234567890123456", many(1, 2), "2010"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, m := e.call("POST", "batch"+tc.query, map[string]any{"BatchItemRequest": tc.items})
			expectFault(t, status, m, tc.code)
		})
	}
	t.Run("ThirtyItemsAreFine", func(t *testing.T) {
		status, m := e.call("POST", "batch", map[string]any{"BatchItemRequest": many(30, 2)})
		if status != http.StatusOK || len(list(m["BatchItemResponse"])) != 30 {
			t.Fatalf("%d %v", status, m)
		}
	})
}
