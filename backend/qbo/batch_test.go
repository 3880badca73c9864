package qbo

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
)

func TestClient_Batch_MixedResultsByBID(t *testing.T) {
	env := newTestEnv(t)
	env.handle("POST", "batch", func(w http.ResponseWriter, r *http.Request) {
		testQueryParams(t, r, map[string]string{"requestid": "ob-batch-7"})
		testJSONBody(t, r, `{"BatchItemRequest":[
			{"bId":"c1","operation":"create","Customer":{"DisplayName":"Ngāti Accounting Trust"}},
			{"bId":"c2","operation":"create","Customer":{"DisplayName":"O'Brien & Daughters"}},
			{"bId":"i1","operation":"update","Invoice":{"Id":"1042","SyncToken":"0","sparse":true,"DueDate":"2026-12-31"}},
			{"bId":"q1","Query":"SELECT * FROM Customer WHERE DisplayName = 'O\\'Brien & Daughters'"}
		]}`)
		serveFile(t, w, 200, "batch.json")
	})
	stmt, err := Query{}.Where(Eq("DisplayName", "O'Brien & Daughters")).Select("Customer")
	if err != nil {
		t.Fatal(err)
	}
	items := []BatchItem{
		{BID: "c1", Operation: BatchCreate, Object: &Customer{DisplayName: new("Ngāti Accounting Trust")}},
		{BID: "c2", Operation: BatchCreate, Object: &Customer{DisplayName: new("O'Brien & Daughters")}},
		{BID: "i1", Operation: BatchUpdate, Object: &Invoice{ID: "1042", SyncToken: "0", Sparse: true, DueDate: Date{2026, 12, 31}}},
		{BID: "q1", Query: stmt},
	}
	res, err := env.client.Batch(context.Background(), "ob-batch-7", items)
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 4 {
		t.Fatalf("%d results", len(res))
	}
	if res[0].Err != nil || res[0].Customer == nil || res[0].Customer.ID != "60" {
		t.Errorf("c1 = %+v", res[0])
	}
	if !IsDuplicateName(res[1].Err) {
		t.Errorf("c2 err = %v", res[1].Err)
	}
	var qe *Error
	if !errors.As(res[2].Err, &qe) || qe.BID != "i1" || !IsStaleObject(qe) || !strings.Contains(qe.Error(), "batch item i1") {
		t.Errorf("i1 err = %v", res[2].Err)
	}
	if res[3].Err != nil || !strings.Contains(string(res[3].QueryResponse), `"Id": "58"`) {
		t.Errorf("q1 = %+v", res[3])
	}
	s := env.client.Stats()
	if s.Requests != 1 || s.Calls[0].Kind != "batch" {
		t.Errorf("stats = %+v", s)
	}
}

func TestClient_Batch_MissingAnswer_IsItemError(t *testing.T) {
	env := newTestEnv(t)
	env.handle("POST", "batch", func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"BatchItemResponse":[{"bId":"1","Item":{"Id":"12","Name":"Bookkeeping"}}]}`))
	})
	res, err := env.client.Batch(context.Background(), "ob-b-8", []BatchItem{
		{Operation: BatchCreate, Object: &Item{Name: "Bookkeeping", Type: ItemTypeService}},
		{Operation: BatchCreate, Object: &Item{Name: "Payroll", Type: ItemTypeService}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if res[0].BID != "1" || res[0].Item == nil || res[0].Err != nil {
		t.Errorf("first = %+v", res[0])
	}
	if res[1].BID != "2" || res[1].Err == nil {
		t.Errorf("second = %+v", res[1])
	}
}

func TestClient_Batch_Over30_RefusedClientSide(t *testing.T) {
	env := newTestEnv(t)
	items := make([]BatchItem, 31)
	for i := range items {
		items[i] = BatchItem{Operation: BatchCreate, Object: &Customer{DisplayName: new("x")}}
	}
	_, err := env.client.Batch(context.Background(), "ob-b-9", items)
	if !errors.Is(err, ErrBatchTooLarge) || !strings.Contains(err.Error(), "31") {
		t.Errorf("err = %v", err)
	}
	if env.client.Stats().Requests != 0 {
		t.Error("request sent")
	}
}

func TestClient_Batch_RequestIDOver36_Refused(t *testing.T) {
	env := newTestEnv(t)
	_, err := env.client.Batch(context.Background(), strings.Repeat("a", 37),
		[]BatchItem{{Operation: BatchCreate, Object: &Customer{DisplayName: new("x")}}})
	if !errors.Is(err, ErrInvalidRequestID) {
		t.Errorf("err = %v", err)
	}
}

func TestClient_Batch_BadItems_Refused(t *testing.T) {
	env := newTestEnv(t)
	cases := map[string][]BatchItem{
		"Empty":        nil,
		"DuplicateBID": {{BID: "a", Query: "SELECT * FROM Item"}, {BID: "a", Query: "SELECT * FROM Item"}},
		"NoOperation":  {{Object: &Customer{}}},
		"Both":         {{Operation: BatchCreate, Object: &Customer{}, Query: "SELECT * FROM Item"}},
	}
	for name, items := range cases {
		if _, err := env.client.Batch(context.Background(), "ob-b-10", items); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestClient_Batch_Throttled_RetriedWithSameRequestID(t *testing.T) {
	env := newTestEnv(t)
	rec := &recorder{answers: []func(http.ResponseWriter){
		withHeader("Retry-After", "2", status(t, 429, "fault_throttle.json")),
		status(t, 200, "batch.json"),
	}}
	env.mux.Handle("POST "+companyPath+"batch", rec)
	_, err := env.client.Batch(context.Background(), "ob-b-11", []BatchItem{{BID: "c1", Operation: BatchCreate, Object: &Customer{DisplayName: new("x")}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.seen) != 2 || rec.seen[0] != rec.seen[1] || !strings.Contains(rec.seen[1].RawQuery, "requestid=ob-b-11") {
		t.Errorf("tries = %+v", rec.seen)
	}
}
