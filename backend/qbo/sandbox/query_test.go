package sandbox

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"ledgerlink/backend/qbo/sandbox/democompany"
)

func TestQuery_DemoCompanyHasAboutSixtyCustomers_ActiveOnesByDefault(t *testing.T) {
	e := newEnv(t)
	all, active := 0, 0
	for _, c := range democompany.Customers() {
		all++
		if c.Active {
			active++
		}
	}
	if all < 50 {
		t.Fatalf("demo has %d customers", all)
	}
	count := func(q string) int {
		return intOf(e.query(q)["totalCount"])
	}
	if n := count("SELECT COUNT(*) FROM Customer"); n != active {
		t.Errorf("COUNT without Active: %d, want the %d active", n, active)
	}
	if n := count("select count(*) from Customer where Active in (true, false)"); n != all {
		t.Errorf("COUNT of all: %d, want %d", n, all)
	}
}

func TestQuery_Answers(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name  string
		query string
		check func(t *testing.T, res map[string]any)
	}{
		{"ApostropheEscapedWithBackslash", `SELECT * FROM Customer WHERE DisplayName = 'D\'Arcy & Sons Joinery'`, func(t *testing.T, res map[string]any) {
			if len(list(res["Customer"])) != 1 {
				t.Errorf("%v", res)
			}
		}},
		{"NoRowsLeavesTheEntityKeyOut", `SELECT * FROM Customer WHERE DisplayName = 'Nobody At All'`, func(t *testing.T, res map[string]any) {
			if _, ok := res["Customer"]; ok || len(res) != 0 {
				t.Errorf("%v", res)
			}
		}},
		{"DefaultPageIs100AndStartsAt1", `SELECT * FROM Customer WHERE Active IN (true, false)`, func(t *testing.T, res map[string]any) {
			if intOf(res["startPosition"]) != 1 || intOf(res["maxResults"]) != len(list(res["Customer"])) {
				t.Errorf("paging %v %v", res["startPosition"], res["maxResults"])
			}
		}},
		{"PagingWithStartPosition", `SELECT * FROM Customer ORDERBY Id STARTPOSITION 11 MAXRESULTS 5`, func(t *testing.T, res map[string]any) {
			cs := list(res["Customer"])
			if len(cs) != 5 || intOf(res["startPosition"]) != 11 || intOf(res["maxResults"]) != 5 {
				t.Errorf("%d rows, %v", len(cs), res)
			}
		}},
		{"LikeAndOrderByDesc", `select * from Customer where DisplayName like 'Green%' orderby DisplayName desc`, func(t *testing.T, res map[string]any) {
			cs := list(res["Customer"])
			if len(cs) != 2 || str(obj(cs[0])["DisplayName"]) != "Greenway Landscaping" {
				t.Errorf("%v", cs)
			}
		}},
		{"InvoicesOfACustomerByRef", `SELECT * FROM Invoice WHERE CustomerRef = '` + e.customerNamed("Aldous Printing Co.")["Id"].(string) + `'`, func(t *testing.T, res map[string]any) {
			if len(list(res["Invoice"])) != 2 {
				t.Errorf("%v", res)
			}
		}},
		{"ChangedSinceByLastUpdatedTime", `SELECT * FROM Invoice WHERE MetaData.LastUpdatedTime > '2026-03-01T00:00:00-08:00'`, func(t *testing.T, res map[string]any) {
			if n := len(list(res["Invoice"])); n == 0 || n == 7 {
				t.Errorf("%d invoices changed since March", n)
			}
		}},
		{"CompanyInfo", `SELECT * FROM CompanyInfo`, func(t *testing.T, res map[string]any) {
			if len(list(res["CompanyInfo"])) != 1 {
				t.Errorf("%v", res)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { tc.check(t, e.query(tc.query)) })
	}
}

func TestQuery_Refusals(t *testing.T) {
	e := newEnv(t)
	cases := []struct {
		name, query, code string
	}{
		{"Garbage_4000", "SELEKT * FROM Customer", "4000"},
		{"OrIsNotQBO_4000", "SELECT * FROM Customer WHERE DisplayName = 'a' OR DisplayName = 'b'", "4000"},
		{"Projection_4000", "SELECT DisplayName FROM Customer", "4000"},
		{"UnterminatedString_4000", "SELECT * FROM Customer WHERE DisplayName = 'O'Brien'", "4000"},
		{"PageOver1000_4001", "SELECT * FROM Customer MAXRESULTS 1001", "4001"},
		{"UnknownEntity_4001", "SELECT * FROM Spaceship", "4001"},
		{"UnfilterableProperty_4001", "SELECT * FROM Customer WHERE Notes = 'x'", "4001"},
		{"Empty_2020", "", "2020"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, m := e.call("GET", "query?query="+url.QueryEscape(tc.query), nil)
			expectFault(t, status, m, tc.code)
		})
	}
}

func TestQuery_PostedAsPlainText(t *testing.T) {
	e := newEnv(t)
	req, _ := http.NewRequest("POST", e.ts.URL+"/v3/company/"+e.realm+"/query?minorversion=75", strings.NewReader("SELECT COUNT(*) FROM Item"))
	req.Header.Set("Content-Type", "application/text")
	req.Header.Set("Authorization", "Bearer "+e.token)
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
}

func TestMinorVersion_AnyValueIsAccepted(t *testing.T) {
	e := newEnv(t)
	for _, mv := range []string{"4", "65", "75", "999"} {
		if status, m := e.call("GET", "preferences?minorversion="+mv, nil); status != http.StatusOK {
			t.Errorf("minorversion=%s: %d %v", mv, status, m)
		}
	}
}

// Vendors and employees can be read by query (not written): their names
// share the customers' name space, and a client checks them before
// creating a customer.
func TestQuery_VendorsAndEmployees_ReadByName(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.Company = "demo" })
	v := list(e.query(`SELECT * FROM Vendor WHERE DisplayName IN ('Kestrel Office Supplies', 'Nobody') AND Active IN (true, false)`)["Vendor"])
	if len(v) != 1 || str(obj(v[0])["DisplayName"]) != "Kestrel Office Supplies" {
		t.Errorf("vendors named = %v", v)
	}
	emp := list(e.query(`select * from Employee where DisplayName = 'Sam Whitaker'`)["Employee"])
	if len(emp) != 1 || str(obj(emp[0])["Id"]) == "" {
		t.Errorf("employees named = %v", emp)
	}
	if got := e.query(`SELECT * FROM Vendor WHERE DisplayName = 'Sam Whitaker'`); got["Vendor"] != nil {
		t.Errorf("an employee answered as a vendor: %v", got)
	}
	status, _ := e.call("GET", "query?query="+url.QueryEscape(`SELECT * FROM Vendor WHERE Notes = 'x'`), nil)
	if status != http.StatusBadRequest {
		t.Errorf("a filter QBO refuses on vendors answered %d", status)
	}
}
