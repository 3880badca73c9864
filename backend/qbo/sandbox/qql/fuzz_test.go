package qql

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

// FuzzParse checks that no input makes the parser or the evaluator panic,
// that every refusal is a *ParseError the server can turn into a Fault, and
// that every accepted query prints to text that parses back to itself.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"SELECT * FROM Customer",
		"select count(*) from Customer where Active in (true,false) startposition 1 maxresults 1000",
		`SELECT * FROM Customer WHERE DisplayName = 'O\'Brien' AND FamilyName LIKE 'O''B%' ORDERBY DisplayName DESC, Id`,
		"SELECT * FROM Customer WHERE MetaData.LastUpdatedTime > '2026-11-01T00:00:00-07:00' ORDER BY Id",
		"SELECT * FROM Invoice WHERE TotalAmt >= -1.25 AND Id != '3' MAXRESULTS 1500",
		`SELECT * FROM Customer WHERE Notes = '\\ \% %'`,
		"SELECT Id FROM Customer",
		"SELECT * FROM Customer WHERE 'x",
		"SELECT * FROM Customer WHERE Id ! 1",
		"\xff\xfe",
	} {
		f.Add(s)
	}
	rows := []map[string]any{
		{"Id": "1", "DisplayName": "O'Brien", "Active": true, "Balance": 3.5,
			"MetaData": map[string]any{"LastUpdatedTime": "2026-11-02T10:00:00-08:00"}},
		{"Id": "2", "DisplayName": "Zoë", "Active": false, "PrimaryEmailAddr": map[string]any{"Address": "z@x.example"}},
		{"Id": "10", "Notes": `\ % `, "TxnDate": "2026-11-05", "Line": []any{1.0, "a"}},
		{},
	}
	f.Fuzz(func(t *testing.T, s string) {
		q, err := Parse(s)
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Detail == "" || (pe.Code != CodeParse && pe.Code != CodeInvalid) {
				t.Fatalf("Parse(%q) error %#v is not a usable *ParseError", s, err)
			}
			if pe.Code == CodeParse && !strings.HasPrefix(pe.Detail, "QueryParserError: ") {
				t.Fatalf("Parse(%q) detail %q", s, pe.Detail)
			}
			return
		}
		again, err := Parse(q.String())
		if err != nil {
			t.Fatalf("Parse(%q).String() = %q does not parse: %v", s, q.String(), err)
		}
		if !reflect.DeepEqual(again, q) {
			t.Fatalf("round trip of %q via %q:\n got %#v\nwant %#v", s, q.String(), again, q)
		}
		work := append([]map[string]any(nil), rows...)
		q.Apply(work)
		q.Sort(work)
		_ = q.CheckFields(func(string) bool { return false })
	})
}
