package qbo

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestCustomers_Get_DecodesQBOCustomer(t *testing.T) {
	env := newTestEnv(t)
	env.handle("GET", "customer/58", func(w http.ResponseWriter, r *http.Request) {
		testQueryParams(t, r, map[string]string{"requestid": ""})
		if got := r.Header.Get("Authorization"); got != "Bearer test-access-token" {
			t.Errorf("Authorization = %q", got)
		}
		if got := r.Header.Get("Accept"); got != "application/json" {
			t.Errorf("Accept = %q", got)
		}
		serveFile(t, w, 200, "customer.json")
	})
	got, err := env.client.Customers.Get(context.Background(), "58")
	if err != nil {
		t.Fatal(err)
	}
	want := &Customer{
		ID:        "58",
		SyncToken: "3",
		MetaData: MetaData{
			CreateTime:      mustDateTime(t, "2026-03-02T09:15:41-08:00"),
			LastUpdatedTime: mustDateTime(t, "2026-11-25T10:02:03-08:00"),
		},
		DisplayName:      new("O'Brien & Daughters"),
		GivenName:        new("Siobhán"),
		FamilyName:       new("O'Brien"),
		CompanyName:      new(`O'Brien & Daughters: Tax \ Audit`),
		PrintOnCheckName: new("O'Brien & Daughters"),
		PrimaryEmailAddr: &EmailAddress{Address: "siobhan@obrien.example, accounts@obrien.example"},
		PrimaryPhone:     &TelephoneNumber{FreeFormNumber: "(04) 555-0182"},
		Mobile:           &TelephoneNumber{FreeFormNumber: "021 555 0199"},
		BillAddr: &PhysicalAddress{ID: "41", Line1: "12 Kōwhai Lane", City: "Wellington", CountrySubDivisionCode: "WGN",
			PostalCode: "6011", Country: "NZ", Lat: "INVALID", Long: "INVALID"},
		Active:             new(true),
		Job:                new(false),
		BillWithParent:     new(false),
		Taxable:            new(false),
		CurrencyRef:        &ReferenceType{Value: "NZD", Name: "New Zealand Dollar"},
		FullyQualifiedName: "O'Brien & Daughters",
		Balance:            125050,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("customer mismatch (-want +got):\n%s", diff)
	}
}

func TestCustomers_Create_SendsRequestIDAndUnescapedJSON(t *testing.T) {
	env := newTestEnv(t)
	env.handle("POST", "customer", func(w http.ResponseWriter, r *http.Request) {
		testQueryParams(t, r, map[string]string{"requestid": "outbox-17", "operation": ""})
		if ct := r.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("Content-Type = %q", ct)
		}
		testJSONBody(t, r, `{
			"DisplayName": "O'Brien & Daughters",
			"GivenName": "Siobhán",
			"PrimaryEmailAddr": {"Address": "siobhan@obrien.example"},
			"Fax": {"FreeFormNumber": ""},
			"BillAddr": {"Line1": "12 Kōwhai Lane", "City": "Wellington"}
		}`)
		serveFile(t, w, 200, "customer.json")
	})
	c := &Customer{
		DisplayName:      new("O'Brien & Daughters"),
		GivenName:        new("Siobhán"),
		PrimaryEmailAddr: &EmailAddress{Address: "siobhan@obrien.example"},
		Fax:              &TelephoneNumber{},
		BillAddr:         &PhysicalAddress{Line1: "12 Kōwhai Lane", City: "Wellington"},
	}
	got, err := env.client.Customers.Create(context.Background(), "outbox-17", c)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != "58" {
		t.Errorf("Id = %q", got.ID)
	}
}

func TestCustomers_Create_RawBodyKeepsAmpersand(t *testing.T) {
	req, err := (&Client{}).NewRequest("POST", "customer", &Customer{DisplayName: new("Smith & Sons <Ltd>")})
	if err != nil {
		t.Fatal(err)
	}
	if want := `{"DisplayName":"Smith & Sons <Ltd>"}`; string(req.Body) != want {
		t.Errorf("body = %s, want %s", req.Body, want)
	}
}

func TestCustomers_Update_IsSparseWithSyncToken(t *testing.T) {
	env := newTestEnv(t)
	env.handle("POST", "customer", func(w http.ResponseWriter, r *http.Request) {
		testQueryParams(t, r, map[string]string{"requestid": "outbox-18"})
		testJSONBody(t, r, `{"Id":"58","SyncToken":"3","sparse":true,"Active":false,"Notes":""}`)
		serveFile(t, w, 200, "customer.json")
	})
	c := &Customer{ID: "58", SyncToken: "3", Active: new(false), Notes: new("")}
	if _, err := env.client.Customers.Update(context.Background(), "outbox-18", c); err != nil {
		t.Fatal(err)
	}
	if c.Sparse {
		t.Error("Update changed the caller's value")
	}
}

func TestCustomers_Update_WithoutSyncToken_NotSent(t *testing.T) {
	env := newTestEnv(t)
	_, err := env.client.Customers.Update(context.Background(), "outbox-19", &Customer{ID: "58"})
	if err == nil {
		t.Fatal("no error")
	}
	if got := env.client.Stats().Requests; got != 0 {
		t.Errorf("%d requests sent", got)
	}
}

func TestCustomers_Create_InvalidRequestID_NotSent(t *testing.T) {
	env := newTestEnv(t)
	for _, id := range []string{"", "has space", string(make([]byte, 51)), "x\u00e9"} {
		_, err := env.client.Customers.Create(context.Background(), id, &Customer{DisplayName: new("A")})
		if !errors.Is(err, ErrInvalidRequestID) {
			t.Errorf("requestid %q: err = %v, want ErrInvalidRequestID", id, err)
		}
	}
	if got := env.client.Stats().Requests; got != 0 {
		t.Errorf("%d requests sent", got)
	}
}

func TestCustomers_Query_EscapesAndDecodesPage(t *testing.T) {
	env := newTestEnv(t)
	env.handle("GET", "query", func(w http.ResponseWriter, r *http.Request) {
		testQueryParams(t, r, map[string]string{
			"query": `SELECT * FROM Customer WHERE DisplayName LIKE 'O\'Brien%' ORDERBY Id`,
		})
		serveFile(t, w, 200, "customer_query.json")
	})
	got, err := env.client.Customers.Query(context.Background(), Query{}.Where(Like("DisplayName", "O'Brien%")).OrderBy("Id"))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || *got[1].DisplayName != "O'Brien & Daughters:Audit 2026" || got[1].ParentRef.Value != "58" || got[1].Balance != 9999 {
		t.Errorf("page = %+v", got)
	}
}

func TestCustomers_Query_NoMatch_IsEmptyPage(t *testing.T) {
	env := newTestEnv(t)
	env.handle("GET", "query", func(w http.ResponseWriter, r *http.Request) {
		serveFile(t, w, 200, "query_empty.json")
	})
	got, err := env.client.Customers.Query(context.Background(), Query{}.Where(Eq("DisplayName", "Nobody")))
	if err != nil || len(got) != 0 {
		t.Errorf("got %v, %v", got, err)
	}
}

func TestCustomers_Count_ReadsTotalCount(t *testing.T) {
	env := newTestEnv(t)
	env.handle("GET", "query", func(w http.ResponseWriter, r *http.Request) {
		testQueryParams(t, r, map[string]string{"query": "SELECT COUNT(*) FROM Customer WHERE Active = true"})
		serveFile(t, w, 200, "count.json")
	})
	n, err := env.client.Customers.Count(context.Background(), Query{}.Where(Eq("Active", true)))
	if err != nil || n != 2417 {
		t.Errorf("Count = %d, %v", n, err)
	}
	s := env.client.Stats()
	want := []CallCount{{Method: "GET", Entity: "Customer", Kind: "count", Requests: 1}}
	if diff := cmp.Diff(want, s.Calls); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
}

func TestCustomers_MetaDataChangedSince_QueryUsesOffset(t *testing.T) {
	env := newTestEnv(t)
	since := mustDateTime(t, "2026-11-25T10:02:03-08:00")
	env.handle("GET", "query", func(w http.ResponseWriter, r *http.Request) {
		testQueryParams(t, r, map[string]string{"query": "SELECT * FROM Customer WHERE MetaData.LastUpdatedTime > '2026-11-25T10:02:03-08:00'"})
		serveFile(t, w, 200, "query_empty.json")
	})
	if _, err := env.client.Customers.Query(context.Background(), Query{}.Where(Gt("MetaData.LastUpdatedTime", since))); err != nil {
		t.Fatal(err)
	}
}
