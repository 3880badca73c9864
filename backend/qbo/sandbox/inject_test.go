package sandbox

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func jsonReader(t *testing.T, v any) io.Reader {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.NewReader(b)
}

func TestFaults_InjectedAnswers(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		kind, body string
		status     int
		check      func(t *testing.T, h http.Header, b []byte)
	}{
		{FaultServerError, "", 500, func(t *testing.T, _ http.Header, b []byte) {
			if !strings.Contains(string(b), `"code":"10000"`) || !strings.Contains(string(b), `"type":"SystemFault"`) {
				t.Errorf("%s", b)
			}
		}},
		{FaultUnavailable, "", 503, func(t *testing.T, h http.Header, b []byte) {
			if !strings.HasPrefix(h.Get("Content-Type"), "text/html") || !strings.Contains(string(b), "503") {
				t.Errorf("%s %s", h.Get("Content-Type"), b)
			}
		}},
		{FaultUnavailable, "empty", 503, func(t *testing.T, _ http.Header, b []byte) {
			if len(b) != 0 {
				t.Errorf("%s", b)
			}
		}},
		{FaultThrottled, "", 429, func(t *testing.T, h http.Header, b []byte) {
			if h.Get("Retry-After") != "" || !strings.HasPrefix(h.Get("Content-Type"), "application/xml") || !strings.Contains(string(b), `<Error code="3001">`) {
				t.Errorf("want the throttles' own answer (XML, no Retry-After): %v %s", h, b)
			}
		}},
		{FaultThrottled, "json", 429, func(t *testing.T, h http.Header, b []byte) {
			if !strings.Contains(string(b), `"code":"3001"`) || !strings.Contains(string(b), "errorCode=003001") {
				t.Errorf("%v %s", h, b)
			}
		}},
		{FaultServerError, "xml", 500, func(t *testing.T, h http.Header, b []byte) {
			if !strings.HasPrefix(h.Get("Content-Type"), "application/xml") || !strings.Contains(string(b), `<Error code="10000">`) {
				t.Errorf("%v %s", h, b)
			}
		}},
		{FaultUnauthorized, "", 401, func(t *testing.T, h http.Header, b []byte) {
			if h.Get("WWW-Authenticate") == "" || !strings.Contains(string(b), `"fault":{"error":[{`) {
				t.Errorf("%v %s", h, b)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.kind+tc.body, func(t *testing.T) {
			if status, m := e.admin("POST", "faults", map[string]any{"method": "GET", "path": "/v3/company/*/preferences", "kind": tc.kind, "body": tc.body}); status != 200 {
				t.Fatalf("%d %v", status, m)
			}
			resp := e.raw("GET", "/v3/company/"+e.realm+"/preferences", nil, e.token)
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tc.status || resp.Header.Get("intuit_tid") == "" {
				t.Fatalf("%d %s", resp.StatusCode, b)
			}
			tc.check(t, resp.Header, b)
			if status, _ := e.call("GET", "preferences", nil); status != 200 {
				t.Errorf("the fault outlived its count: %d", status)
			}
		})
	}
}

func TestFaults_Reset_DropsTheConnectionWithoutDoingTheWrite(t *testing.T) {
	e := newEnv(t)
	before := e.count("Customer")
	e.srv.InjectFault(FaultRule{Method: "POST", Path: "*/customer", Kind: FaultReset})
	req, _ := http.NewRequest("POST", e.ts.URL+"/v3/company/"+e.realm+"/customer", strings.NewReader(`{"DisplayName":"Never Made"}`))
	req.Header.Set("Authorization", "Bearer "+e.token)
	if resp, err := e.ts.Client().Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("got %d, want a dropped connection", resp.StatusCode)
	}
	if n := e.count("Customer"); n != before {
		t.Fatalf("a reset request still wrote: %d → %d", before, n)
	}
}

func TestFaults_CountMethodPathAndQuerySelectRequests(t *testing.T) {
	e := newEnv(t)
	e.admin("POST", "faults", []any{
		map[string]any{"method": "GET", "path": "/v3/company/*/query", "query": "Invoice", "kind": "500", "count": 2},
	})
	if status, _ := e.call("GET", "query?query=SELECT%20*%20FROM%20Item", nil); status != 200 {
		t.Errorf("a query for items matched a rule for invoices: %d", status)
	}
	if status, _ := e.call("POST", "query", "SELECT * FROM Invoice"); status != 200 {
		t.Errorf("a POST matched a GET rule: %d", status)
	}
	for i := 0; i < 2; i++ {
		if status, _ := e.call("GET", "query?query=SELECT%20*%20FROM%20Invoice", nil); status != 500 {
			t.Errorf("hit %d: %d, want 500", i+1, status)
		}
	}
	if status, _ := e.call("GET", "query?query=SELECT%20*%20FROM%20Invoice", nil); status != 200 {
		t.Errorf("third: %d", status)
	}
	_, m := e.admin("GET", "faults", nil)
	if len(list(m["faults"])) != 0 {
		t.Errorf("spent rules still listed: %v", m)
	}
}

func TestFaults_TokenEndpointCanFailToo(t *testing.T) {
	e := newEnv(t)
	e.srv.InjectFault(FaultRule{Path: "/oauth2/v1/tokens/bearer", Kind: FaultUnavailable})
	status, _ := e.tokenCall(map[string][]string{"grant_type": {"refresh_token"}, "refresh_token": {"x"}}, nil)
	if status != 503 {
		t.Fatalf("%d", status)
	}
}

func TestFaults_AdminListAddClearAndRefuseUnknownKinds(t *testing.T) {
	e := newEnv(t)
	if status, _ := e.admin("POST", "faults", map[string]any{"path": "*", "kind": "explode"}); status != 400 {
		t.Errorf("unknown kind: %d", status)
	}
	e.admin("POST", "faults", map[string]any{"path": "*/invoice", "kind": "timeout"})
	_, m := e.admin("GET", "faults", nil)
	rules := list(m["faults"])
	if len(rules) != 1 || obj(rules[0])["kind"] != FaultTimeoutAfterCommit || intOf(obj(rules[0])["count"]) != 1 {
		t.Fatalf("%v", m)
	}
	e.admin("DELETE", "faults", nil)
	if _, m = e.admin("GET", "faults", nil); len(list(m["faults"])) != 0 {
		t.Fatalf("%v", m)
	}
}

func TestFaults_Delay_AnswersLate(t *testing.T) {
	e := newEnv(t)
	e.srv.InjectFault(FaultRule{Path: "*/preferences", Kind: FaultDelay, DelayMS: 150})
	start := time.Now()
	if status, _ := e.call("GET", "preferences", nil); status != 200 {
		t.Fatalf("%d", status)
	}
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Errorf("answered after %v", d)
	}
}
