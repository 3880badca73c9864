package qbo

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestInvoices_Create_SendsExactAmountsAndDates(t *testing.T) {
	env := newTestEnv(t)
	env.handle("POST", "invoice", func(w http.ResponseWriter, r *http.Request) {
		testQueryParams(t, r, map[string]string{"requestid": "ob-inv-1042"})
		testJSONBody(t, r, `{
			"DocNumber": "INV-1042",
			"TxnDate": "2026-11-20",
			"DueDate": "2026-12-20",
			"CustomerRef": {"value": "58"},
			"Line": [
				{"Description": "Year-end accounts", "Amount": 300.00, "DetailType": "SalesItemLineDetail",
				 "SalesItemLineDetail": {"ItemRef": {"value": "7"}, "Qty": 2.5, "UnitPrice": 120, "TaxCodeRef": {"value": "TAX"}}},
				{"Description": "Filing fee", "Amount": 59.25, "DetailType": "SalesItemLineDetail",
				 "SalesItemLineDetail": {"ItemRef": {"value": "9"}, "Qty": 1, "UnitPrice": 59.25, "TaxCodeRef": {"value": "NON"}}}
			],
			"TxnTaxDetail": {"TxnTaxCodeRef": {"value": "3"}},
			"BillEmail": {"Address": "accounts@obrien.example"}
		}`)
		serveFile(t, w, 200, "invoice.json")
	})
	inv := &Invoice{
		DocNumber:   new("INV-1042"),
		TxnDate:     Date{2026, time.November, 20},
		DueDate:     Date{2026, time.December, 20},
		CustomerRef: Ref("58"),
		Line: []Line{
			{Description: "Year-end accounts", Amount: 30000, DetailType: DetailTypeSalesItem, SalesItemLineDetail: &SalesItemLineDetail{
				ItemRef: Ref("7"), Qty: mustDecimal(t, "2.5"), UnitPrice: Money(12000).Decimal(), TaxCodeRef: Ref("TAX")}},
			{Description: "Filing fee", Amount: 5925, DetailType: DetailTypeSalesItem, SalesItemLineDetail: &SalesItemLineDetail{
				ItemRef: Ref("9"), Qty: NewDecimal(1, 0), UnitPrice: Money(5925).Decimal(), TaxCodeRef: Ref("NON")}},
		},
		TxnTaxDetail: &TxnTaxDetail{TxnTaxCodeRef: Ref("3")},
		BillEmail:    &EmailAddress{Address: "accounts@obrien.example"},
	}
	got, err := env.client.Invoices.Create(context.Background(), "ob-inv-1042", inv)
	if err != nil {
		t.Fatal(err)
	}
	if got.TotalAmt != 38881 || got.Balance != 8881 || got.TxnTaxDetail.TotalTax != 2956 {
		t.Errorf("totals = %d %d %d", got.TotalAmt, got.Balance, got.TxnTaxDetail.TotalTax)
	}
	tl := got.TxnTaxDetail.TaxLine[1].TaxLineDetail
	if tl.TaxPercent.String() != "0.9766" || tl.NetAmountTaxable != 30000 {
		t.Errorf("tax line = %+v", tl)
	}
	if !got.Line[0].IsSalesItem() || got.Line[2].IsSalesItem() || got.Line[2].SubTotalLineDetail == nil || got.Line[2].Amount != 35925 {
		t.Errorf("lines = %+v", got.Line)
	}
	if got.MetaData.LastUpdatedTime.String() != "2026-11-24 13:45:00 -0800 -0800" {
		t.Errorf("LastUpdatedTime = %v", got.MetaData.LastUpdatedTime)
	}
}

func TestInvoices_Update_SparseDueDateOnly(t *testing.T) {
	env := newTestEnv(t)
	env.handle("POST", "invoice", func(w http.ResponseWriter, r *http.Request) {
		testJSONBody(t, r, `{"Id":"1042","SyncToken":"1","sparse":true,"DueDate":"2027-01-15"}`)
		serveFile(t, w, 200, "invoice.json")
	})
	_, err := env.client.Invoices.Update(context.Background(), "ob-inv-upd-1", &Invoice{ID: "1042", SyncToken: "1", DueDate: Date{2027, time.January, 15}})
	if err != nil {
		t.Fatal(err)
	}
}

func TestInvoices_Void_PostsOperationVoid(t *testing.T) {
	env := newTestEnv(t)
	env.handle("POST", "invoice", func(w http.ResponseWriter, r *http.Request) {
		testQueryParams(t, r, map[string]string{"operation": "void", "requestid": "ob-void-1042"})
		testJSONBody(t, r, `{"Id":"1042","SyncToken":"1"}`)
		serveFile(t, w, 200, "invoice_void.json")
	})
	got, err := env.client.Invoices.Void(context.Background(), "ob-void-1042", "1042", "1")
	if err != nil {
		t.Fatal(err)
	}
	if got.TotalAmt != 0 || *got.PrivateNote != "Voided" || !got.Line[0].IsSalesItem() {
		t.Errorf("voided = %+v", got)
	}
}

func TestInvoices_Send_PostsToSendWithAddress(t *testing.T) {
	env := newTestEnv(t)
	env.handle("POST", "invoice/1042/send", func(w http.ResponseWriter, r *http.Request) {
		testQueryParams(t, r, map[string]string{"sendTo": "o'brien+ar@obrien.example", "requestid": "ob-send-1042"})
		if ct := r.Header.Get("Content-Type"); ct != "application/octet-stream" {
			t.Errorf("Content-Type = %q", ct)
		}
		serveFile(t, w, 200, "invoice_send.json")
	})
	got, err := env.client.Invoices.Send(context.Background(), "ob-send-1042", "1042", "o'brien+ar@obrien.example")
	if err != nil {
		t.Fatal(err)
	}
	if *got.EmailStatus != "EmailSent" || got.DeliveryInfo.DeliveryType != "Email" {
		t.Errorf("sent = %+v", got)
	}
	want := []CallCount{{Method: "POST", Entity: "Invoice", Kind: "send", Requests: 1}}
	if diff := cmp.Diff(want, env.client.Stats().Calls); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
}

func TestPayments_Create_SplitAcrossInvoices(t *testing.T) {
	env := newTestEnv(t)
	env.handle("POST", "payment", func(w http.ResponseWriter, r *http.Request) {
		testQueryParams(t, r, map[string]string{"requestid": "ob-pay-311"})
		testJSONBody(t, r, `{
			"CustomerRef": {"value": "58"},
			"TotalAmt": 500.00,
			"TxnDate": "2026-11-24",
			"Line": [
				{"Amount": 300.00, "LinkedTxn": [{"TxnId": "1042", "TxnType": "Invoice"}]},
				{"Amount": 188.81, "LinkedTxn": [{"TxnId": "1043", "TxnType": "Invoice"}]}
			]
		}`)
		serveFile(t, w, 200, "payment.json")
	})
	p := &Payment{
		CustomerRef: Ref("58"),
		TotalAmt:    50000,
		TxnDate:     Date{2026, time.November, 24},
		Line: []PaymentLine{
			{Amount: 30000, LinkedTxn: []LinkedTxn{{TxnID: "1042", TxnType: TxnTypeInvoice}}},
			{Amount: 18881, LinkedTxn: []LinkedTxn{{TxnID: "1043", TxnType: TxnTypeInvoice}}},
		},
	}
	got, err := env.client.Payments.Create(context.Background(), "ob-pay-311", p)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != "311" || got.UnappliedAmt != 1119 || *got.PaymentRefNum != "CHK 20931" {
		t.Errorf("payment = %+v", got)
	}
}

func TestPayments_Delete_PostsOperationDelete(t *testing.T) {
	env := newTestEnv(t)
	env.handle("POST", "payment", func(w http.ResponseWriter, r *http.Request) {
		testQueryParams(t, r, map[string]string{"operation": "delete", "requestid": "ob-del-311"})
		testJSONBody(t, r, `{"Id":"311","SyncToken":"0"}`)
		serveFile(t, w, 200, "payment_delete.json")
	})
	if err := env.client.Payments.Delete(context.Background(), "ob-del-311", "311", "0"); err != nil {
		t.Fatal(err)
	}
	if err := env.client.Payments.Delete(context.Background(), "ob-del-312", "312", ""); err == nil {
		t.Error("delete without SyncToken accepted")
	}
}
