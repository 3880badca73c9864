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

func TestCDC_OlderThan30Days_IsRefused_InQBOsWords(t *testing.T) {
	e := newEnv(t)
	since := e.clock.Now().Add(-31 * 24 * time.Hour)
	status, m, _ := e.cdc("Customer", since)
	expectFault(t, status, m, "6000") // the sandbox's choice: QBO's code is not known
	want := "Operation cdc with changedSince date " + since.Format(time.RFC3339) + " which is older than fixed days is not supported."
	if f := obj(list(obj(m["Fault"])["Error"])[0]); str(f["Detail"]) != want {
		t.Errorf("Detail %q, want %q", f["Detail"], want)
	}
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

func TestCDC_AtMost1000ObjectsInAllEntitiesTogether(t *testing.T) {
	e := newEnv(t, withEmpty())
	since := e.clock.Now()
	item := e.itemID("Services")
	var custs []string
	for i := range 600 {
		e.clock.Advance(time.Second)
		custs = append(custs, e.newCustomer(fmt.Sprintf("Bulk %04d", i)))
	}
	for i := range 500 {
		e.clock.Advance(time.Second)
		e.mustCreate("Invoice", usInvoice(custs[i], "", salesLine(item, "1", "10", "10", "")))
	}
	_, _, got := e.cdc("Customer,Invoice", since)
	if n := len(got["Customer"]) + len(got["Invoice"]); n != 1000 || len(got["Customer"]) != 600 || len(got["Invoice"]) != 400 {
		t.Fatalf("%d customers and %d invoices, want the oldest 1000 changes: 600 and 400", len(got["Customer"]), len(got["Invoice"]))
	}
}

func TestCDC_DeletedObjectsComeAfterTheOthers(t *testing.T) {
	e := newEnv(t)
	since := e.clock.Now()
	e.clock.Advance(time.Minute)
	cust := e.newCustomer("Deleted Early")
	inv := e.invoiceFor(cust, "90")
	early := e.mustCreate("Payment", payment(cust, "30", payLine(str(inv["Id"]), "30")))
	e.call("POST", "payment?operation=delete", map[string]any{"Id": early["Id"], "SyncToken": early["SyncToken"]})
	e.clock.Advance(time.Minute)
	later := e.mustCreate("Payment", payment(cust, "20", payLine(str(inv["Id"]), "20")))

	_, m, got := e.cdc("Payment", since)
	ps := got["Payment"]
	if len(ps) != 2 || str(obj(ps[0])["Id"]) != str(later["Id"]) || str(obj(ps[1])["status"]) != "Deleted" || str(obj(ps[1])["Id"]) != str(early["Id"]) {
		t.Fatalf("payments %v, want the later payment, then the earlier one's deleted stub", m)
	}
}
