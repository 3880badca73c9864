package qql

import (
	"fmt"
	"reflect"
	"testing"
)

// ids returns the Id of each row, for compact comparisons.
func ids(rows []map[string]any) []string {
	out := []string{}
	for _, r := range rows {
		out = append(out, fmt.Sprint(r["Id"]))
	}
	return out
}

func mustParse(t testing.TB, s string) *Query {
	t.Helper()
	q, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return q
}

func sortRows(t *testing.T) []map[string]any {
	return []map[string]any{
		decode(t, `{"Id": "1", "DisplayName": "beta", "Balance": 10, "MetaData": {"LastUpdatedTime": "2026-11-02T10:00:00-08:00"}}`, true),
		decode(t, `{"Id": "10", "DisplayName": "Alpha", "Balance": 2.5, "MetaData": {"LastUpdatedTime": "2026-11-02T17:00:00Z"}}`, true),
		decode(t, `{"Id": "9", "DisplayName": "alpha", "MetaData": {"LastUpdatedTime": "2026-11-02T09:30:00-07:00"}}`, true),
		decode(t, `{"Id": "2", "DisplayName": "Gamma", "Balance": 10, "MetaData": {"LastUpdatedTime": "2026-11-01T00:00:00-07:00"}}`, true),
	}
}

func TestSort(t *testing.T) {
	tests := []struct {
		orderBy string
		want    []string
	}{
		{"", []string{"1", "10", "9", "2"}},                                 // no ORDERBY keeps the given order
		{"ORDERBY DisplayName", []string{"10", "9", "1", "2"}},              // case ignored, ties stable
		{"ORDERBY DisplayName DESC", []string{"2", "1", "10", "9"}},         // ties stay stable in DESC too
		{"ORDERBY Id", []string{"1", "2", "9", "10"}},                       // Ids as numbers
		{"ORDERBY Id DESC", []string{"10", "9", "2", "1"}},                  //
		{"ORDERBY Balance", []string{"9", "10", "1", "2"}},                  // missing first
		{"ORDERBY Balance DESC", []string{"1", "2", "10", "9"}},             // missing last
		{"ORDERBY Balance DESC, Id DESC", []string{"2", "1", "10", "9"}},    // second key breaks the tie
		{"ORDERBY MetaData.LastUpdatedTime", []string{"2", "9", "10", "1"}}, // instants, not text
		{"ORDERBY metadata.lastupdatedtime DESC", []string{"1", "10", "9", "2"}},
	}
	for _, tt := range tests {
		t.Run(tt.orderBy, func(t *testing.T) {
			rows := sortRows(t)
			q := mustParse(t, "SELECT * FROM Customer "+tt.orderBy)
			q.Sort(rows)
			if got := ids(rows); !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("%s: %v, want %v", tt.orderBy, got, tt.want)
			}
		})
	}
}

func TestLess_MixedTypesSortByType(t *testing.T) {
	rows := []map[string]any{
		{"Id": "a", "V": "text"},
		{"Id": "b", "V": "2026-01-01"},
		{"Id": "c", "V": "42"},
		{"Id": "d", "V": 7.0},
		{"Id": "e", "V": true},
		{"Id": "f"},
		{"Id": "g", "V": map[string]any{"x": 1.0}},
	}
	q := mustParse(t, "SELECT * FROM X ORDERBY V")
	q.Sort(rows)
	if got, want := ids(rows), []string{"f", "e", "d", "c", "b", "a", "g"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
}

func TestStartAndLimit(t *testing.T) {
	tests := []struct {
		query        string
		start, limit int
	}{
		{"SELECT * FROM Customer", 1, DefaultMaxResults},
		{"SELECT * FROM Customer STARTPOSITION 0", 1, DefaultMaxResults},
		{"SELECT * FROM Customer STARTPOSITION 11 MAXRESULTS 10", 11, 10},
		{"SELECT * FROM Customer MAXRESULTS 0", 1, DefaultMaxResults},
		{"SELECT * FROM Customer MAXRESULTS 1000", 1, 1000},
	}
	for _, tt := range tests {
		q := mustParse(t, tt.query)
		if q.Start() != tt.start || q.Limit() != tt.limit {
			t.Errorf("%s: Start, Limit = %d, %d; want %d, %d", tt.query, q.Start(), q.Limit(), tt.start, tt.limit)
		}
	}
}

func TestPage(t *testing.T) {
	var rows []map[string]any
	for i := 1; i <= 250; i++ {
		rows = append(rows, map[string]any{"Id": fmt.Sprint(i)})
	}
	tests := []struct {
		paging      string
		first, last string
		n           int
	}{
		{"", "1", "100", 100}, // QBO's default page
		{"STARTPOSITION 1 MAXRESULTS 1000", "1", "250", 250},
		{"STARTPOSITION 101 MAXRESULTS 100", "101", "200", 100},
		{"STARTPOSITION 201 MAXRESULTS 100", "201", "250", 50},
		{"STARTPOSITION 250 MAXRESULTS 5", "250", "250", 1},
		{"STARTPOSITION 251 MAXRESULTS 5", "", "", 0},
		{"STARTPOSITION 99999999999 MAXRESULTS 5", "", "", 0},
	}
	for _, tt := range tests {
		page := mustParse(t, "SELECT * FROM Customer "+tt.paging).Page(rows)
		if len(page) != tt.n {
			t.Errorf("%s: %d rows, want %d", tt.paging, len(page), tt.n)
			continue
		}
		if tt.n == 0 {
			if page != nil {
				t.Errorf("%s: page = %v, want nil", tt.paging, page)
			}
			continue
		}
		if got := ids(page); got[0] != tt.first || got[len(got)-1] != tt.last {
			t.Errorf("%s: rows %s..%s, want %s..%s", tt.paging, got[0], got[len(got)-1], tt.first, tt.last)
		}
	}
}

func TestApply_FiltersSortsPagesAndCounts(t *testing.T) {
	rows := sortRows(t)
	rows = append(rows, decode(t, `{"Id": "3", "DisplayName": "Alpine", "Active": false}`, true))
	before := ids(rows)

	q := mustParse(t, "select * from Customer where DisplayName like 'al%' orderby Id desc startposition 2 maxresults 1")
	page, total := q.Apply(rows)
	if got := ids(page); !reflect.DeepEqual(got, []string{"9"}) || total != 2 {
		t.Fatalf("Apply = %v, %d; want [9], 2 (the inactive Alpine left out)", got, total)
	}
	if !reflect.DeepEqual(ids(rows), before) {
		t.Fatalf("Apply reordered its input: %v", ids(rows))
	}

	if _, total := mustParse(t, "SELECT COUNT(*) FROM Customer").Apply(rows); total != 4 {
		t.Fatalf("COUNT total = %d, want 4 active", total)
	}
	if _, total := mustParse(t, "SELECT COUNT(*) FROM Customer WHERE Active = false").Apply(rows); total != 1 {
		t.Fatalf("COUNT of inactive = %d, want 1", total)
	}
	none := mustParse(t, "SELECT * FROM Customer WHERE DisplayName = 'nobody'")
	if page, total := none.Apply(rows); page != nil || total != 0 {
		t.Fatalf("no match: %v, %d; want nil, 0", page, total)
	}
}
