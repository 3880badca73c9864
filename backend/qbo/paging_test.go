package qbo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"testing"
)

// pagedCustomers serves n customers through the query endpoint, honouring
// STARTPOSITION and MAXRESULTS as QBO does, and records the statements.
func pagedCustomers(t *testing.T, env *testEnv, n int) *[]string {
	t.Helper()
	var stmts []string
	paging := regexp.MustCompile(`STARTPOSITION (\d+) MAXRESULTS (\d+)$`)
	env.handle("GET", "query", func(w http.ResponseWriter, r *http.Request) {
		stmt := r.URL.Query().Get("query")
		stmts = append(stmts, stmt)
		m := paging.FindStringSubmatch(stmt)
		if m == nil {
			t.Errorf("statement without paging: %s", stmt)
			w.WriteHeader(400)
			return
		}
		start, _ := strconv.Atoi(m[1])
		size, _ := strconv.Atoi(m[2])
		var page []map[string]any
		for i := start; i < start+size && i <= n; i++ {
			page = append(page, map[string]any{"Id": strconv.Itoa(i), "DisplayName": fmt.Sprintf("Client %05d", i)})
		}
		qr := map[string]any{"startPosition": start, "maxResults": len(page)}
		if len(page) > 0 {
			qr["Customer"] = page
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"QueryResponse": qr, "time": "2026-11-25T10:00:00.000-08:00"})
	})
	return &stmts
}

func TestCustomers_All_WalksThousandRowPages(t *testing.T) {
	env := newTestEnv(t)
	stmts := pagedCustomers(t, env, 2345)
	var ids []string
	for c, err := range env.client.Customers.All(context.Background(), Query{}.Where(Eq("Active", true)).OrderBy("Id")) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	if len(ids) != 2345 || ids[0] != "1" || ids[1000] != "1001" || ids[2344] != "2345" {
		t.Fatalf("got %d customers (first %v)", len(ids), ids[:min(3, len(ids))])
	}
	want := []string{
		"SELECT * FROM Customer WHERE Active = true ORDERBY Id STARTPOSITION 1 MAXRESULTS 1000",
		"SELECT * FROM Customer WHERE Active = true ORDERBY Id STARTPOSITION 1001 MAXRESULTS 1000",
		"SELECT * FROM Customer WHERE Active = true ORDERBY Id STARTPOSITION 2001 MAXRESULTS 1000",
	}
	if fmt.Sprint(*stmts) != fmt.Sprint(want) {
		t.Errorf("statements:\n%q\nwant\n%q", *stmts, want)
	}
}

func TestCustomers_All_ExactMultipleEndsOnEmptyPage(t *testing.T) {
	env := newTestEnv(t)
	stmts := pagedCustomers(t, env, 2000)
	n := 0
	for _, err := range env.client.Customers.All(context.Background(), Query{}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 2000 || len(*stmts) != 3 {
		t.Errorf("%d customers in %d requests, want 2000 in 3", n, len(*stmts))
	}
}

func TestCustomers_All_StopsWhenCallerBreaks(t *testing.T) {
	env := newTestEnv(t)
	stmts := pagedCustomers(t, env, 5000)
	for c := range env.client.Customers.All(context.Background(), Query{}) {
		if c.ID == "10" {
			break
		}
	}
	if len(*stmts) != 1 {
		t.Errorf("%d requests after break, want 1", len(*stmts))
	}
}

func TestCustomers_All_YieldsErrorOnce(t *testing.T) {
	env := newTestEnv(t)
	env.handle("GET", "query", func(w http.ResponseWriter, r *http.Request) {
		serveFile(t, w, 400, "fault_query_parse.json")
	})
	var errs []error
	for _, err := range env.client.Customers.All(context.Background(), Query{}) {
		errs = append(errs, err)
	}
	var qe *Error
	if len(errs) != 1 || !errors.As(errs[0], &qe) || qe.Code != CodeQueryParse {
		t.Errorf("errors = %v", errs)
	}
}
