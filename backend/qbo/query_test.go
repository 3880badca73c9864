package qbo

import (
	"strings"
	"testing"
	"time"
)

func TestQuote_EscapesApostropheAndBackslash(t *testing.T) {
	tests := map[string]string{
		"O'Brien":           `'O\'Brien'`,
		`C:\Users\x`:        `'C:\\Users\\x'`,
		`\'`:                `'\\\''`,
		"Ngāti: Ōtaki & Co": `'Ngāti: Ōtaki & Co'`,
		"":                  `''`,
	}
	for in, want := range tests {
		if got := Quote(in); got != want {
			t.Errorf("Quote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestQuery_Select_BuildsStatement(t *testing.T) {
	since := time.Date(2026, 11, 1, 0, 0, 0, 0, time.FixedZone("PST", -8*3600))
	tests := []struct {
		name string
		q    Query
		want string
	}{
		{"All", Query{}, "SELECT * FROM Customer"},
		{"NameWithApostrophe", Query{}.Where(Eq("DisplayName", "O'Brien")),
			`SELECT * FROM Customer WHERE DisplayName = 'O\'Brien'`},
		{"AndBoolOrderPage", Query{}.Where(Eq("Active", true), Gt("Balance", Money(1050))).OrderBy("Id").StartPosition(1001).MaxResults(1000),
			`SELECT * FROM Customer WHERE Active = true AND Balance > '10.50' ORDERBY Id STARTPOSITION 1001 MAXRESULTS 1000`},
		{"ChangedSince", Query{}.Where(Gt("MetaData.LastUpdatedTime", since)).OrderByDesc("MetaData.LastUpdatedTime"),
			`SELECT * FROM Customer WHERE MetaData.LastUpdatedTime > '2026-11-01T00:00:00-08:00' ORDERBY MetaData.LastUpdatedTime DESC`},
		{"In", Query{}.Where(In("Id", "1", "2", 3)),
			`SELECT * FROM Customer WHERE Id IN ('1', '2', '3')`},
		{"Like", Query{}.Where(Like("DisplayName", "O'Br%")),
			`SELECT * FROM Customer WHERE DisplayName LIKE 'O\'Br%'`},
		{"LeGeLtDate", Query{}.Where(Ge("TxnDate", Date{2026, 1, 1}), Le("TxnDate", Date{2026, 12, 31}), Lt("Balance", mustDecimal(t, "0.5"))),
			`SELECT * FROM Customer WHERE TxnDate >= '2026-01-01' AND TxnDate <= '2026-12-31' AND Balance < '0.5'`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.q.Select("Customer")
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestQuery_Count_DropsOrderAndPaging(t *testing.T) {
	got, err := Query{}.Where(Eq("Active", false)).OrderBy("Id").MaxResults(10).Count("Invoice")
	if err != nil {
		t.Fatal(err)
	}
	if want := "SELECT COUNT(*) FROM Invoice WHERE Active = false"; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestQuery_Where_DoesNotShareConditions(t *testing.T) {
	base := Query{}.Where(Eq("Active", true))
	a, _ := base.Where(Eq("Id", "1")).Select("Item")
	b, _ := base.Where(Eq("Id", "2")).Select("Item")
	if strings.Contains(b, "'1'") || strings.Contains(a, "'2'") {
		t.Errorf("refined queries share state:\n%s\n%s", a, b)
	}
}

func TestQuery_InjectionAttempt_StaysInsideLiteral(t *testing.T) {
	evil := `x' OR Id > '0`
	got, err := Query{}.Where(Eq("DisplayName", evil)).Select("Customer")
	if err != nil {
		t.Fatal(err)
	}
	if want := `SELECT * FROM Customer WHERE DisplayName = 'x\' OR Id > \'0'`; got != want {
		t.Errorf("got %s, want %s", got, want)
	}
}

func TestQuery_LongUnicodeName_Survives(t *testing.T) {
	name := strings.Repeat("Ōtautahi O'Brien: ", 30)
	got, err := Query{}.Where(Eq("DisplayName", name)).Select("Customer")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(got, strings.ReplaceAll(name, "'", `\'`)) {
		t.Errorf("name mangled: %s", got)
	}
}

func TestQuery_Mistakes_ReportedBySelect(t *testing.T) {
	tests := map[string]Query{
		"BadField":      Query{}.Where(Eq("Name; DROP", "x")),
		"BadType":       Query{}.Where(Eq("Balance", 1.5)),
		"EmptyIn":       Query{}.Where(In("Id")),
		"LikeNonString": Query{}.Where(Cond{field: "Id", op: "LIKE", vals: []any{3}}),
		"MaxTooLarge":   Query{}.MaxResults(1001),
		"StartZero":     Query{}.StartPosition(0),
		"BadOrder":      Query{}.OrderBy("Id DESC, Name"),
		"ZeroDate":      Query{}.Where(Eq("TxnDate", Date{})),
	}
	for name, q := range tests {
		if stmt, err := q.Select("Customer"); err == nil {
			t.Errorf("%s: no error, statement %s", name, stmt)
		}
	}
	if _, err := (Query{}).Select("Customer WHERE"); err == nil {
		t.Error("bad entity accepted")
	}
}
