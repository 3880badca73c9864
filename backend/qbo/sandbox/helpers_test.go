package sandbox

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"ledgerlink/internal/testkit/fakeclock"
)

// testStart is the fixed moment tests begin at (a Wednesday, Pacific).
var testStart = time.Date(2026, 3, 18, 9, 30, 0, 0, pacific)

// fakeClock is the project's one fake clock. (The sandbox's tests cannot
// use testkit, which imports the sandbox.)
type fakeClock = fakeclock.Clock

// env is a sandbox behind a real HTTP server, with a connected token.
type env struct {
	t     testing.TB
	srv   *Server
	ts    *httptest.Server
	clock *fakeClock
	token string
	realm string
}

// newEnv starts a sandbox (demo company, US, throttling off unless opts say
// otherwise) and connects to it.
func newEnv(t testing.TB, opts ...func(*Options)) *env {
	t.Helper()
	clock := fakeclock.New(testStart)
	o := Options{Now: clock.Now, Limits: Limits{Off: true}}
	for _, f := range opts {
		f(&o)
	}
	srv, err := New(o)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(func() {
		ts.Close()
		if err := srv.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	tok := srv.IssueTokens()
	return &env{t: t, srv: srv, ts: ts, clock: clock, token: tok.AccessToken, realm: tok.RealmID}
}

func withCountry(c string) func(*Options) { return func(o *Options) { o.Country = c } }
func withEmpty() func(*Options)           { return func(o *Options) { o.Company = "empty" } }

// call sends an API request (rel is relative to /v3/company/{realm}/) and
// decodes the JSON answer with exact numbers.
func (e *env) call(method, rel string, body any) (int, map[string]any) {
	e.t.Helper()
	return e.callWith(method, "/v3/company/"+e.realm+"/"+rel, body, e.token)
}

func (e *env) callWith(method, path string, body any, token string) (int, map[string]any) {
	e.t.Helper()
	resp := e.raw(method, path, body, token)
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatalf("%s %s: read: %v", method, path, err)
	}
	if resp.Header.Get("intuit_tid") == "" {
		e.t.Errorf("%s %s: no intuit_tid header", method, path)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return resp.StatusCode, nil
	}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/xml") {
		m, err := readXMLFault(data)
		if err != nil {
			e.t.Fatalf("%s %s: %d %s: not an XML fault: %v", method, path, resp.StatusCode, data, err)
		}
		return resp.StatusCode, m
	}
	m, err := decodeObject(data)
	if err != nil {
		e.t.Fatalf("%s %s: %d %s: not JSON: %v", method, path, resp.StatusCode, data, err)
	}
	return resp.StatusCode, m
}

func (e *env) raw(method, path string, body any, token string) *http.Response {
	e.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, e.ts.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Accept", "application/json")
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	return resp
}

// readXMLFault reads an XML fault (<IntuitResponse time="…"><Fault
// type="…"><Error code="…">…) into the shape of a JSON one, with "xml":
// true beside it, so that tests check either the same way.
func readXMLFault(data []byte) (map[string]any, error) {
	var x struct {
		XMLName xml.Name
		Time    string `xml:"time,attr"`
		Fault   struct {
			Type  string `xml:"type,attr"`
			Error []struct {
				Code    string `xml:"code,attr"`
				Element string `xml:"element,attr"`
				Message string `xml:"Message"`
				Detail  string `xml:"Detail"`
			} `xml:"Error"`
		} `xml:"Fault"`
	}
	if err := xml.Unmarshal(data, &x); err != nil {
		return nil, err
	}
	if x.XMLName.Local != "IntuitResponse" || len(x.Fault.Error) == 0 {
		return nil, fmt.Errorf("root <%s> with %d errors, want <IntuitResponse> with a Fault", x.XMLName.Local, len(x.Fault.Error))
	}
	var errs []any
	for _, xe := range x.Fault.Error {
		errs = append(errs, map[string]any{"code": xe.Code, "element": xe.Element, "Message": xe.Message, "Detail": xe.Detail})
	}
	return map[string]any{"Fault": map[string]any{"Error": errs, "type": x.Fault.Type}, "time": x.Time, "xml": true}, nil
}

// mustCreate creates an entity and returns it, failing the test on a fault.
func (e *env) mustCreate(entity string, body map[string]any) map[string]any {
	e.t.Helper()
	status, m := e.call("POST", strings.ToLower(entity)+"?minorversion=75", body)
	if status != http.StatusOK {
		e.t.Fatalf("create %s: %d %v", entity, status, m)
	}
	return obj(m[entity])
}

// query runs a query and returns QueryResponse.
func (e *env) query(q string) map[string]any {
	e.t.Helper()
	status, m := e.call("GET", "query?query="+url.QueryEscape(q), nil)
	if status != http.StatusOK {
		e.t.Fatalf("query %q: %d %v", q, status, m)
	}
	return obj(m["QueryResponse"])
}

// admin calls an admin endpoint.
func (e *env) admin(method, path string, body any) (int, map[string]any) {
	e.t.Helper()
	return e.callWith(method, "/_sandbox/"+path, body, "")
}

// faultCode returns the first error code of a Fault body ("" if none).
func faultCode(m map[string]any) string {
	errs := list(obj(m["Fault"])["Error"])
	if len(errs) == 0 {
		return ""
	}
	return str(obj(errs[0])["code"])
}

func faultElement(m map[string]any) string {
	errs := list(obj(m["Fault"])["Error"])
	if len(errs) == 0 {
		return ""
	}
	return str(obj(errs[0])["element"])
}

// expectFault checks an answer is a 400 ValidationFault with code.
func expectFault(t *testing.T, status int, m map[string]any, code string) {
	t.Helper()
	if status != http.StatusBadRequest || faultCode(m) != code {
		t.Fatalf("want 400 fault %s, got %d %v", code, status, m)
	}
	if typ := str(obj(m["Fault"])["type"]); typ != validationFault {
		t.Errorf("fault type %q, want %s", typ, validationFault)
	}
	if str(m["time"]) == "" {
		t.Errorf("fault without time: %v", m)
	}
}

// findByName queries one customer by DisplayName.
func (e *env) customerNamed(name string) map[string]any {
	e.t.Helper()
	res := e.query("SELECT * FROM Customer WHERE DisplayName = '" + strings.ReplaceAll(name, "'", `\'`) + "'")
	cs := list(res["Customer"])
	if len(cs) != 1 {
		e.t.Fatalf("customer %q: %d found", name, len(cs))
	}
	return obj(cs[0])
}

func ref(id string) map[string]any { return map[string]any{"value": id} }

// salesLine is a SalesItemLineDetail line.
func salesLine(item, qty, price, amount, taxCode string) map[string]any {
	d := map[string]any{"ItemRef": ref(item)}
	if qty != "" {
		d["Qty"] = json.Number(qty)
	}
	if price != "" {
		d["UnitPrice"] = json.Number(price)
	}
	if taxCode != "" {
		d["TaxCodeRef"] = ref(taxCode)
	}
	l := map[string]any{"DetailType": "SalesItemLineDetail", "SalesItemLineDetail": d}
	if amount != "" {
		l["Amount"] = json.Number(amount)
	}
	return l
}

// itemNamed returns the Id of the item with that name.
func (e *env) itemID(name string) string {
	e.t.Helper()
	res := e.query("SELECT * FROM Item WHERE Name = '" + name + "' AND Active IN (true, false)")
	items := list(res["Item"])
	if len(items) != 1 {
		e.t.Fatalf("item %q: %d found", name, len(items))
	}
	return str(obj(items[0])["Id"])
}

// codeID returns the Id of the tax code with that name.
func (e *env) codeID(name string) string {
	e.t.Helper()
	res := e.query("SELECT * FROM TaxCode WHERE Name = '" + name + "'")
	codes := list(res["TaxCode"])
	if len(codes) != 1 {
		e.t.Fatalf("tax code %q: %d found", name, len(codes))
	}
	return str(obj(codes[0])["Id"])
}

// newCustomer creates a customer with a unique name and returns its Id.
func (e *env) newCustomer(name string) string {
	e.t.Helper()
	return str(e.mustCreate("Customer", map[string]any{"DisplayName": name,
		"PrimaryEmailAddr": map[string]any{"Address": "billing@example.com"}})["Id"])
}
