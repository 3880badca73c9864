package sandbox

import (
	"fmt"
	"net/url"
	"testing"
	"time"
)

// cdc runs a CDC and returns its QueryResponse list keyed by entity.
func (e *env) cdc(entities string, since time.Time) (int, map[string]any, map[string][]any) {
	e.t.Helper()
	status, m := e.call("GET", "cdc?entities="+entities+"&changedSince="+url.QueryEscape(since.Format(time.RFC3339))+"&minorversion=75", nil)
	out := map[string][]any{}
	if resp := list(m["CDCResponse"]); len(resp) == 1 {
		for _, qr := range list(obj(resp[0])["QueryResponse"]) {
			for k, v := range obj(qr) {
				if l := list(v); l != nil {
					out[k] = append(out[k], l...)
				}
			}
		}
	}
	return status, m, out
}

func TestCDC_ReturnsChangesAndDeletionsSinceTheTime(t *testing.T) {
	e := newEnv(t)
	since := e.clock.Now()
	e.clock.Advance(time.Minute)
	cust := e.newCustomer("Changed Recently")
	inv := e.invoiceFor(cust, "70")
	p := e.mustCreate("Payment", payment(cust, "70", payLine(str(inv["Id"]), "70")))
	e.call("POST", "payment?operation=delete", map[string]any{"Id": p["Id"], "SyncToken": p["SyncToken"]})

	status, m, got := e.cdc("Customer,Invoice,Payment", since)
	if status != 200 {
		t.Fatalf("%d %v", status, m)
	}
	if len(got["Customer"]) != 1 || str(obj(got["Customer"][0])["DisplayName"]) != "Changed Recently" {
		t.Errorf("customers %v", got["Customer"])
	}
	if len(got["Invoice"]) != 1 || str(obj(got["Invoice"][0])["Balance"]) != "70" {
		t.Errorf("invoices %v", got["Invoice"])
	}
	if len(got["Payment"]) != 1 || str(obj(got["Payment"][0])["status"]) != "Deleted" || str(obj(got["Payment"][0])["Id"]) != str(p["Id"]) {
		t.Errorf("payments %v, want one deleted stub", got["Payment"])
	}
	if str(m["time"]) == "" {
		t.Error("no time")
	}
}

func TestCDC_NothingChanged_EntityKeysAbsent(t *testing.T) {
	e := newEnv(t)
	_, m, got := e.cdc("Customer", e.clock.Now().Add(-time.Minute))
	if len(got) != 0 {
		t.Fatalf("%v", m)
	}
}

func TestCDC_OlderThan30Days_IsRefused(t *testing.T) {
	e := newEnv(t)
	status, m, _ := e.cdc("Customer", e.clock.Now().Add(-31*24*time.Hour))
	expectFault(t, status, m, "6000")
	if status, _, _ := e.cdc("Customer", e.clock.Now().Add(-29*24*time.Hour)); status != 200 {
		t.Errorf("29 days back: %d", status)
	}
}

func TestCDC_AtMost1000Objects_OldestFirst(t *testing.T) {
	e := newEnv(t, withEmpty())
	since := e.clock.Now()
	for i := 0; i < 1005; i++ {
		e.clock.Advance(time.Second)
		e.newCustomer(fmt.Sprintf("Bulk %04d", i))
	}
	_, _, got := e.cdc("Customer", since)
	if len(got["Customer"]) != 1000 {
		t.Fatalf("%d customers, want 1000", len(got["Customer"]))
	}
	if str(obj(got["Customer"][0])["DisplayName"]) != "Bulk 0000" || str(obj(got["Customer"][999])["DisplayName"]) != "Bulk 0999" {
		t.Errorf("not the oldest 1000: first %v last %v", obj(got["Customer"][0])["DisplayName"], obj(got["Customer"][999])["DisplayName"])
	}
}

func TestCDC_MissingParameters_2020(t *testing.T) {
	e := newEnv(t)
	for _, q := range []string{"cdc?entities=Customer", "cdc?changedSince=2026-03-01T00:00:00-08:00"} {
		status, m := e.call("GET", q, nil)
		expectFault(t, status, m, "2020")
	}
}
