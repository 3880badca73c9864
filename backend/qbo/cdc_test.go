package qbo

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestClient_CDC_ChangedAndDeletedObjects(t *testing.T) {
	env := newTestEnv(t)
	since := env.clock.Now().Add(-24 * time.Hour).In(time.FixedZone("PST", -8*3600))
	env.handle("GET", "cdc", func(w http.ResponseWriter, r *http.Request) {
		testQueryParams(t, r, map[string]string{
			"entities":     "Customer,Invoice,Payment",
			"changedSince": "2026-11-24T02:00:00-08:00",
			"requestid":    "",
		})
		serveFile(t, w, 200, "cdc.json")
	})
	got, err := env.client.CDC(context.Background(), since, "Customer", "Invoice", "Payment")
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Customers) != 1 || *got.Customers[0].DisplayName != "O'Brien & Daughters" || got.Customers[0].SyncToken != "4" {
		t.Errorf("Customers = %+v", got.Customers)
	}
	if len(got.Payments) != 1 || got.Payments[0].ID != "312" || got.Payments[0].TotalAmt != 8881 ||
		got.Payments[0].Line[0].LinkedTxn[0].TxnID != "1042" {
		t.Errorf("Payments = %+v", got.Payments)
	}
	wantDeleted := []DeletedObject{{Entity: "Payment", ID: "311",
		MetaData: MetaData{LastUpdatedTime: mustDateTime(t, "2026-11-25T09:31:12-08:00")}}}
	if diff := cmp.Diff(wantDeleted, got.Deleted); diff != "" {
		t.Errorf("Deleted (-want +got):\n%s", diff)
	}
	if got.Objects != 3 || got.Truncated() {
		t.Errorf("Objects = %d, Truncated = %v", got.Objects, got.Truncated())
	}
	if want := time.Date(2026, 11, 25, 18, 16, 0, 0, time.UTC); !got.Time.Equal(want) {
		t.Errorf("Time = %v, want QuickBooks' clock from the answer, %v", got.Time, want)
	}
	if s := env.client.Stats(); s.Calls[0].Kind != "cdc" {
		t.Errorf("stats = %+v", s)
	}
}

func TestClient_CDC_OlderThan30Days_RefusedWithoutRequest(t *testing.T) {
	env := newTestEnv(t)
	_, err := env.client.CDC(context.Background(), env.clock.Now().Add(-31*24*time.Hour), "Customer")
	if !errors.Is(err, ErrCDCWindow) {
		t.Errorf("err = %v, want ErrCDCWindow", err)
	}
	if env.client.Stats().Requests != 0 {
		t.Error("request sent")
	}
}

// QBO's refusal of an old changedSince comes with a code nobody has
// confirmed: the client recognises it by its words. The testdata's code is
// deliberately neither the sandbox's (6000) nor any other known one.
func TestClient_CDC_RefusedByQBOAsTooOld_IsErrCDCWindow_WhateverTheCode(t *testing.T) {
	env := newTestEnv(t)
	env.handle("GET", "cdc", func(w http.ResponseWriter, r *http.Request) { serveFile(t, w, 400, "fault_cdc_too_old.json") })
	_, err := env.client.CDC(context.Background(), env.clock.Now().Add(-29*24*time.Hour), "Customer")
	var e *Error
	if !errors.Is(err, ErrCDCWindow) || !errors.As(err, &e) || e.Code != "10000" {
		t.Fatalf("err = %v, want ErrCDCWindow carrying QBO's fault", err)
	}
	if errors.Is(getWith(t, 400, "fault_query_parse.json", nil), ErrCDCWindow) {
		t.Error("another fault matched ErrCDCWindow")
	}
}

func TestClient_CDC_BadEntityName_Refused(t *testing.T) {
	env := newTestEnv(t)
	if _, err := env.client.CDC(context.Background(), env.clock.Now(), "Customer&x=1"); err == nil {
		t.Error("bad entity accepted")
	}
	if _, err := env.client.CDC(context.Background(), env.clock.Now()); err == nil {
		t.Error("no entity accepted")
	}
}
