package sandbox

import (
	"encoding/json"
	"net/http"
	"testing"
)

// payLine applies amount to invoice id.
func payLine(invoiceID, amount string) map[string]any {
	return map[string]any{"Amount": json.Number(amount),
		"LinkedTxn": []any{map[string]any{"TxnId": invoiceID, "TxnType": "Invoice"}}}
}

func payment(cust, total string, lines ...map[string]any) map[string]any {
	return map[string]any{"CustomerRef": ref(cust), "TotalAmt": json.Number(total), "TxnDate": "2026-03-15", "Line": toAny(lines)}
}

// invoiceFor creates a 100.00 invoice (no tax) for cust.
func (e *env) invoiceFor(cust, amount string) map[string]any {
	e.t.Helper()
	return e.mustCreate("Invoice", usInvoice(cust, "", salesLine(e.itemID("Advisory"), "1", amount, amount, "")))
}

func (e *env) read(entity, id string) map[string]any {
	e.t.Helper()
	status, m := e.call("GET", entity+"/"+id, nil)
	if status != http.StatusOK {
		e.t.Fatalf("read %s %s: %d %v", entity, id, status, m)
	}
	for _, v := range m {
		if o := obj(v); o != nil {
			return o
		}
	}
	return nil
}

func TestPayment_ReducesInvoiceBalances(t *testing.T) {
	e := newEnv(t)
	cust := e.newCustomer("Tōtara Trust")
	cases := []struct {
		name      string
		invoices  []string // amounts
		total     string
		apply     []string // per invoice
		balances  []string
		unapplied string
		custBal   string
	}{
		{"Full", []string{"100"}, "100", []string{"100"}, []string{"0"}, "0", "0"},
		{"Partial", []string{"100"}, "40", []string{"40"}, []string{"60"}, "0", "60"},
		{"SplitOverTwo", []string{"100", "250.5"}, "350.5", []string{"100", "250.5"}, []string{"0", "0"}, "0", "0"},
		{"OverpaymentKeptAsUnapplied", []string{"100"}, "130", []string{"100"}, []string{"0"}, "30", "-30"},
		{"NoLinesAllUnapplied", nil, "25", nil, nil, "25", "-25"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cust := e.newCustomer("Payer " + tc.name)
			var invs []map[string]any
			var lines []map[string]any
			for i, amt := range tc.invoices {
				inv := e.invoiceFor(cust, amt)
				invs = append(invs, inv)
				lines = append(lines, payLine(str(inv["Id"]), tc.apply[i]))
			}
			p := e.mustCreate("Payment", payment(cust, tc.total, lines...))
			if str(p["UnappliedAmt"]) != tc.unapplied || str(p["TotalAmt"]) != tc.total {
				t.Errorf("payment %v", p)
			}
			for i, inv := range invs {
				got := e.read("invoice", str(inv["Id"]))
				if str(got["Balance"]) != tc.balances[i] {
					t.Errorf("invoice %d Balance %v, want %s", i, got["Balance"], tc.balances[i])
				}
				if str(got["SyncToken"]) != "1" {
					t.Errorf("invoice %d SyncToken %v: a payment changes the invoice", i, got["SyncToken"])
				}
				links := list(got["LinkedTxn"])
				if len(links) != 1 || str(obj(links[0])["TxnId"]) != str(p["Id"]) || str(obj(links[0])["TxnType"]) != "Payment" {
					t.Errorf("invoice %d LinkedTxn %v", i, links)
				}
			}
			if b := str(e.read("customer", cust)["Balance"]); b != tc.custBal {
				t.Errorf("customer Balance %s, want %s", b, tc.custBal)
			}
		})
	}
	_ = cust
}

func TestPayment_Faults(t *testing.T) {
	e := newEnv(t)
	cust := e.newCustomer("Matai Motors")
	other := e.newCustomer("Someone Else")
	inv := e.invoiceFor(cust, "100")
	id := str(inv["Id"])
	prior := e.mustCreate("Payment", payment(cust, "10", payLine(id, "10")))
	cases := []struct {
		name string
		body map[string]any
		code string
	}{
		{"NoCustomer_2020", map[string]any{"TotalAmt": "10", "Line": []any{payLine(id, "10")}}, "2020"},
		{"NoTotal_2020", map[string]any{"CustomerRef": ref(cust), "Line": []any{payLine(id, "10")}}, "2020"},
		{"DocNumberInsteadOfId_610", payment(cust, "10", payLine(str(inv["DocNumber"])+"X", "10")), "610"},
		{"PaymentIdInsteadOfInvoiceId_610", payment(cust, "10", payLine(str(prior["Id"]), "10")), "610"},
		{"MoreThanOpenBalance_6000", payment(cust, "95", payLine(id, "95")), "6000"},
		{"LinesExceedTotal_6000", payment(cust, "5", payLine(id, "10")), "6000"},
		{"OtherCustomersInvoice_6000", payment(other, "10", payLine(id, "10")), "6000"},
		{"ClosedPeriod_6210", func() map[string]any {
			p := payment(cust, "10", payLine(id, "10"))
			p["TxnDate"] = "2026-01-20"
			return p
		}(), "6210"},
		{"NegativeTotal_6000", payment(cust, "-5"), "6000"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, m := e.call("POST", "payment", tc.body)
			expectFault(t, status, m, tc.code)
		})
	}
	if b := str(e.read("invoice", id)["Balance"]); b != "90" {
		t.Errorf("failed payments changed the balance: %s", b)
	}
}

func TestPayment_DeleteOrVoid_RestoresTheInvoiceBalance(t *testing.T) {
	e := newEnv(t)
	cust := e.newCustomer("Rimu Rentals")
	for name, op := range map[string]string{"Delete": "payment?operation=delete", "VoidQBOsWay": "payment?operation=update&include=void", "Void": "payment?operation=void"} {
		t.Run(name, func(t *testing.T) {
			inv := e.invoiceFor(cust, "80")
			p := e.mustCreate("Payment", payment(cust, "80", payLine(str(inv["Id"]), "80")))
			if b := str(e.read("invoice", str(inv["Id"]))["Balance"]); b != "0" {
				t.Fatalf("paid balance %s", b)
			}
			status, m := e.call("POST", op, map[string]any{"Id": p["Id"], "SyncToken": p["SyncToken"], "sparse": true})
			if status != http.StatusOK {
				t.Fatalf("%d %v", status, m)
			}
			got := e.read("invoice", str(inv["Id"]))
			if str(got["Balance"]) != "80" {
				t.Errorf("Balance after %s: %v", name, got["Balance"])
			}
			if name == "Delete" {
				if str(obj(m["Payment"])["status"]) != "Deleted" {
					t.Errorf("delete answer %v", m)
				}
				if got["LinkedTxn"] != nil {
					t.Errorf("LinkedTxn kept after delete: %v", got["LinkedTxn"])
				}
				status, m := e.call("GET", "payment/"+str(p["Id"]), nil)
				expectFault(t, status, m, "610")
			} else if v := obj(m["Payment"]); str(v["TotalAmt"]) != "0" || str(v["PrivateNote"]) != "Voided" {
				t.Errorf("voided payment %v", v)
			}
		})
	}
}

func TestPayment_ParentMayPayItsJobsInvoice(t *testing.T) {
	e := newEnv(t)
	parent := e.newCustomer("Nikau Builders")
	job := str(e.mustCreate("Customer", map[string]any{"DisplayName": "Nikau Builders Job 1", "ParentRef": ref(parent)})["Id"])
	inv := e.invoiceFor(job, "300")
	e.mustCreate("Payment", payment(parent, "300", payLine(str(inv["Id"]), "300")))
	if b := str(e.read("customer", parent)["BalanceWithJobs"]); b != "0" {
		t.Errorf("parent BalanceWithJobs %s", b)
	}
}

func TestPayment_VoidingTheInvoiceLeavesThePaymentUnapplied(t *testing.T) {
	e := newEnv(t)
	cust := e.newCustomer("Kahikatea Farms")
	inv := e.invoiceFor(cust, "60")
	p := e.mustCreate("Payment", payment(cust, "60", payLine(str(inv["Id"]), "60")))
	inv = e.read("invoice", str(inv["Id"]))
	if status, m := e.call("POST", "invoice?operation=void", map[string]any{"Id": inv["Id"], "SyncToken": inv["SyncToken"]}); status != 200 {
		t.Fatalf("%d %v", status, m)
	}
	got := e.read("payment", str(p["Id"]))
	if str(got["UnappliedAmt"]) != "60" || len(list(got["Line"])) != 0 || str(got["SyncToken"]) != "1" {
		t.Fatalf("payment after its invoice was voided: %v", got)
	}
}
