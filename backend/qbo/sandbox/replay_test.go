package sandbox

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"
)

// rawBody sends an API request and returns status and body bytes.
func (e *env) rawBody(method, rel string, body any) (int, []byte) {
	e.t.Helper()
	resp := e.raw(method, "/v3/company/"+e.realm+"/"+rel, body, e.token)
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, data
}

func (e *env) count(entity string) int {
	e.t.Helper()
	return intOf(e.query("SELECT COUNT(*) FROM " + entity + " WHERE Active IN (true, false)")["totalCount"])
}

func (e *env) countTxn(entity string) int {
	e.t.Helper()
	return intOf(e.query("SELECT COUNT(*) FROM " + entity)["totalCount"])
}

func TestRequestID_RepeatGetsTheOriginalResponse_NotASecondObject(t *testing.T) {
	e := newEnv(t)
	cust := e.newCustomer("Replay Customer")
	body := usInvoice(cust, "", salesLine(e.itemID("Advisory"), "1", "10", "10", ""))
	before := e.countTxn("Invoice")
	s1, b1 := e.rawBody("POST", "invoice?requestid=rq-0001&minorversion=75", body)
	e.clock.Advance(5e9)
	s2, b2 := e.rawBody("POST", "invoice?requestid=rq-0001&minorversion=75", body)
	if s1 != 200 || s2 != 200 || !bytes.Equal(b1, b2) {
		t.Fatalf("first %d %s\nsecond %d %s", s1, b1, s2, b2)
	}
	if n := e.countTxn("Invoice"); n != before+1 {
		t.Fatalf("%d invoices created, want 1", n-before)
	}
	t.Run("EvenWithAnotherBody", func(t *testing.T) {
		s3, b3 := e.rawBody("POST", "invoice?requestid=rq-0001", usInvoice(cust, "", salesLine(e.itemID("Advisory"), "1", "99", "99", "")))
		if s3 != 200 || !bytes.Equal(b1, b3) {
			t.Fatalf("%d %s", s3, b3)
		}
	})
	t.Run("AnotherIDCreatesAnother", func(t *testing.T) {
		if s, b := e.rawBody("POST", "invoice?requestid=rq-0002", body); s != 200 || bytes.Equal(b, b1) {
			t.Fatalf("%d %s", s, b)
		}
		if n := e.countTxn("Invoice"); n != before+2 {
			t.Fatalf("%d invoices, want %d", n, before+2)
		}
	})
	t.Run("FaultsAreReplayedToo", func(t *testing.T) {
		dup := map[string]any{"DisplayName": "Replay Customer"}
		s1, f1 := e.rawBody("POST", "customer?requestid=rq-dup", dup)
		e.mustCreate("Customer", map[string]any{"DisplayName": "Unrelated"})
		s2, f2 := e.rawBody("POST", "customer?requestid=rq-dup", map[string]any{"DisplayName": "A Fresh Name"})
		if s1 != 400 || s2 != 400 || !bytes.Equal(f1, f2) {
			t.Fatalf("%d %s / %d %s", s1, f1, s2, f2)
		}
	})
	t.Run("LongerThan50_2010", func(t *testing.T) {
		status, m := e.call("POST", "invoice?requestid="+strings.Repeat("x", 51), body)
		expectFault(t, status, m, "2010")
	})
}

func TestRequestID_BatchIsReplayedWhole(t *testing.T) {
	e := newEnv(t)
	items := map[string]any{"BatchItemRequest": []any{
		map[string]any{"bId": "1", "operation": "create", "Customer": map[string]any{"DisplayName": "Batch Replay One"}},
		map[string]any{"bId": "2", "operation": "create", "Customer": map[string]any{"DisplayName": "Batch Replay Two"}},
	}}
	before := e.count("Customer")
	s1, b1 := e.rawBody("POST", "batch?requestid=b-0001", items)
	s2, b2 := e.rawBody("POST", "batch?requestid=b-0001", items)
	if s1 != 200 || s2 != 200 || !bytes.Equal(b1, b2) {
		t.Fatalf("%d %s / %d %s", s1, b1, s2, b2)
	}
	if n := e.count("Customer"); n != before+2 {
		t.Fatalf("%d customers created, want 2", n-before)
	}
}

func TestRequestID_AfterTimeoutAfterCommit_RetryReturnsTheCommittedObject(t *testing.T) {
	e := newEnv(t)
	cust := e.newCustomer("Timeout Customer")
	body := usInvoice(cust, "", salesLine(e.itemID("Advisory"), "1", "42", "42", ""))
	body["DocNumber"] = "T-1"
	if _, err := e.srv.InjectFault(FaultRule{Method: "POST", Path: "/v3/company/*/invoice", Kind: FaultTimeoutAfterCommit, DelayMS: 10}); err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", e.ts.URL+"/v3/company/"+e.realm+"/invoice?requestid=rq-timeout", jsonReader(t, body))
	req.Header.Set("Authorization", "Bearer "+e.token)
	req.Header.Set("Content-Type", "application/json")
	if resp, err := e.ts.Client().Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("the first attempt got an answer (%d); it should have been cut off", resp.StatusCode)
	}
	res := e.query("SELECT * FROM Invoice WHERE DocNumber = 'T-1'")
	if n := len(list(res["Invoice"])); n != 1 {
		t.Fatalf("the write was not committed before the cut: %d invoices", n)
	}
	committed := obj(list(res["Invoice"])[0])

	status, m := e.call("POST", "invoice?requestid=rq-timeout", body)
	if status != http.StatusOK || str(obj(m["Invoice"])["Id"]) != str(committed["Id"]) {
		t.Fatalf("retry: %d %v, want invoice %v", status, m, committed["Id"])
	}
	if n := len(list(e.query("SELECT * FROM Invoice WHERE DocNumber = 'T-1'")["Invoice"])); n != 1 {
		t.Fatalf("%d invoices numbered T-1 after the retry", n)
	}
	t.Run("WithoutTheRequestIDTheRetryIsADuplicate", func(t *testing.T) {
		status, m := e.call("POST", "invoice", body)
		expectFault(t, status, m, "6140")
	})
}
