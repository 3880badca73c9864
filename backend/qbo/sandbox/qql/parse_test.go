package qql

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func str(s string) Value { return Value{Kind: String, Text: s} }

func num(s string) Value { return Value{Kind: Number, Text: s} }

func boolean(b bool) Value {
	if b {
		return Value{Kind: Bool, Bool: true, Text: "true"}
	}
	return Value{Kind: Bool, Text: "false"}
}

func TestParse_OK(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want Query
	}{
		{"SelectAll", "SELECT * FROM Customer", Query{Entity: "Customer"}},
		{"LowerCaseAsNodeQuickbooksSends",
			"select * from Customer where DisplayName = 'x' startposition 1 maxresults 1000",
			Query{Entity: "Customer", Where: []Cond{{"DisplayName", OpEq, []Value{str("x")}}}, StartPosition: 1, MaxResults: 1000}},
		{"MixedCaseKeywords", "SeLeCt * FrOm Invoice WhErE DocNumber = '1001' MaxResults 5",
			Query{Entity: "Invoice", Where: []Cond{{"DocNumber", OpEq, []Value{str("1001")}}}, MaxResults: 5}},
		{"Count", "SELECT COUNT(*) FROM Customer", Query{Count: true, Entity: "Customer"}},
		{"CountLowerWithSpaces", "select count ( * ) from customer startposition 1 maxresults 1000",
			Query{Count: true, Entity: "customer", StartPosition: 1, MaxResults: 1000}},
		{"Whitespace", "\tSELECT\n*\r\nFROM   Customer\n",
			Query{Entity: "Customer"}},
		{"NoSpaceAroundOperator", "SELECT * FROM Customer WHERE Id='7'",
			Query{Entity: "Customer", Where: []Cond{{"Id", OpEq, []Value{str("7")}}}}},
		{"AllComparisons",
			"SELECT * FROM Invoice WHERE Balance > 0 AND TotalAmt >= 1.5 AND Balance < 100 AND TotalAmt <= -2.25 AND Id != '3'",
			Query{Entity: "Invoice", Where: []Cond{
				{"Balance", OpGt, []Value{num("0")}},
				{"TotalAmt", OpGe, []Value{num("1.5")}},
				{"Balance", OpLt, []Value{num("100")}},
				{"TotalAmt", OpLe, []Value{num("-2.25")}},
				{"Id", OpNe, []Value{str("3")}},
			}}},
		{"BoolLiteral", "SELECT * FROM Customer WHERE Active = TRUE AND Job = false",
			Query{Entity: "Customer", Where: []Cond{{"Active", OpEq, []Value{boolean(true)}}, {"Job", OpEq, []Value{boolean(false)}}}}},
		{"InList", "SELECT * FROM Customer WHERE Active IN ( true, false ) AND Id IN ('1','2', '3')",
			Query{Entity: "Customer", Where: []Cond{
				{"Active", OpIn, []Value{boolean(true), boolean(false)}},
				{"Id", OpIn, []Value{str("1"), str("2"), str("3")}},
			}}},
		{"InSingle", "SELECT * FROM Item WHERE Type in ('Service')",
			Query{Entity: "Item", Where: []Cond{{"Type", OpIn, []Value{str("Service")}}}}},
		{"Like", "SELECT * FROM Customer WHERE DisplayName LIKE 'Acme%'",
			Query{Entity: "Customer", Where: []Cond{{"DisplayName", OpLike, []Value{{Kind: String, Text: "Acme%", wild: []int{4}}}}}}},
		{"LikeEscapedPercent", `SELECT * FROM Customer WHERE DisplayName LIKE '%100\%%'`,
			Query{Entity: "Customer", Where: []Cond{{"DisplayName", OpLike, []Value{{Kind: String, Text: "%100%%", wild: []int{0, 5}}}}}}},
		{"BackslashQuote", `SELECT * FROM Customer WHERE DisplayName = 'O\'Brien'`,
			Query{Entity: "Customer", Where: []Cond{{"DisplayName", OpEq, []Value{str("O'Brien")}}}}},
		{"DoubledQuote", `SELECT * FROM Customer WHERE DisplayName = 'O''Brien'`,
			Query{Entity: "Customer", Where: []Cond{{"DisplayName", OpEq, []Value{str("O'Brien")}}}}},
		{"BackslashBackslash", `SELECT * FROM Customer WHERE Notes = 'C:\\dir\\'`,
			Query{Entity: "Customer", Where: []Cond{{"Notes", OpEq, []Value{str(`C:\dir\`)}}}}},
		{"EmptyString", "SELECT * FROM Customer WHERE GivenName = '' AND FamilyName = 'x'",
			Query{Entity: "Customer", Where: []Cond{{"GivenName", OpEq, []Value{str("")}}, {"FamilyName", OpEq, []Value{str("x")}}}}},
		{"Unicode", "SELECT * FROM Customer WHERE DisplayName = 'Zoë Ångström 日本'",
			Query{Entity: "Customer", Where: []Cond{{"DisplayName", OpEq, []Value{str("Zoë Ångström 日本")}}}}},
		{"UnquotedWordValue", "SELECT * FROM Item WHERE Type = Service",
			Query{Entity: "Item", Where: []Cond{{"Type", OpEq, []Value{str("Service")}}}}},
		{"DottedPaths", "SELECT * FROM Customer WHERE MetaData.LastUpdatedTime > '2026-11-01T00:00:00-07:00' AND PrimaryEmailAddr.Address = 'a@b.example'",
			Query{Entity: "Customer", Where: []Cond{
				{"MetaData.LastUpdatedTime", OpGt, []Value{str("2026-11-01T00:00:00-07:00")}},
				{"PrimaryEmailAddr.Address", OpEq, []Value{str("a@b.example")}},
			}}},
		{"OrderBy", "SELECT * FROM Customer ORDERBY DisplayName",
			Query{Entity: "Customer", OrderBy: []Order{{"DisplayName", false}}}},
		{"OrderByMany", "SELECT * FROM Customer WHERE Active = true ORDERBY FamilyName DESC, GivenName asc, Id",
			Query{Entity: "Customer", Where: []Cond{{"Active", OpEq, []Value{boolean(true)}}},
				OrderBy: []Order{{"FamilyName", true}, {"GivenName", false}, {"Id", false}}}},
		{"OrderByTwoWords", "select * from Customer order by MetaData.CreateTime desc",
			Query{Entity: "Customer", OrderBy: []Order{{"MetaData.CreateTime", true}}}},
		{"StartPositionZeroIsOne", "SELECT * FROM Customer STARTPOSITION 0 MAXRESULTS 10",
			Query{Entity: "Customer", StartPosition: 1, MaxResults: 10}},
		{"MaxResultsOnly", "SELECT * FROM Customer MAXRESULTS 1000", Query{Entity: "Customer", MaxResults: 1000}},
		{"HugeStartPositionCapped", "SELECT * FROM Customer STARTPOSITION 99999999999999999999",
			Query{Entity: "Customer", StartPosition: maxStartPosition}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := Parse(tt.in)
			if err != nil {
				t.Fatalf("Parse(%q) = %v", tt.in, err)
			}
			if !reflect.DeepEqual(*q, tt.want) {
				t.Fatalf("Parse(%q)\n got %#v\nwant %#v", tt.in, *q, tt.want)
			}
			again, err := Parse(q.String())
			if err != nil || !reflect.DeepEqual(again, q) {
				t.Fatalf("String() = %q does not parse back: %v, %#v", q.String(), err, again)
			}
		})
	}
}

func TestParse_Errors(t *testing.T) {
	tests := []struct {
		name      string
		in        string
		code      string
		detail    string // the exact Detail
		line, col int
	}{
		{"ProjectionRefused", "SELECT Id, DisplayName FROM Customer", CodeParse,
			`QueryParserError: Encountered " <IDENTIFIER> "Id "" at line 1, column 8.`, 1, 8},
		{"UnknownWordAfterEntity", "SELECT * FROM Customer WHEN Id = '1'", CodeParse,
			`QueryParserError: Encountered " <IDENTIFIER> "WHEN "" at line 1, column 24.`, 1, 24},
		{"OrRefused", "select * from Customer where Id = '1' or Id = '2'", CodeParse,
			`QueryParserError: Encountered " <IDENTIFIER> "or "" at line 1, column 39.`, 1, 39},
		{"NotRefused", "SELECT * FROM Customer WHERE NOT Active", CodeParse,
			`QueryParserError: Encountered " <IDENTIFIER> "Active "" at line 1, column 34.`, 1, 34},
		{"EmptyInList", "SELECT * FROM Customer WHERE Id IN ()", CodeParse,
			`QueryParserError: Encountered " ")" ") "" at line 1, column 37.`, 1, 37},
		{"MissingEntity", "SELECT * FROM", CodeParse,
			`QueryParserError: Encountered "<EOF>" at line 1, column 14.`, 1, 14},
		{"Empty", "", CodeParse, `QueryParserError: Encountered "<EOF>" at line 1, column 1.`, 1, 1},
		{"KeywordAsEntity", "SELECT * FROM where", CodeParse,
			`QueryParserError: Encountered " "where" "where "" at line 1, column 15.`, 1, 15},
		{"SecondLine", "SELECT *\nFROM Customer\nWHERE = 'x'", CodeParse,
			`QueryParserError: Encountered " "=" "= "" at line 3, column 7.`, 3, 7},
		{"UnterminatedString", "SELECT * FROM Customer WHERE DisplayName = 'abc", CodeParse,
			`QueryParserError: Lexical error at line 1, column 48.  Encountered: <EOF> after : "'abc"`, 1, 48},
		{"BadCharacter", "SELECT * FROM Customer WHERE Id # '1'", CodeParse,
			`QueryParserError: Lexical error at line 1, column 33.  Encountered: "#" (35), after : ""`, 1, 33},
		{"LoneBang", "SELECT * FROM Customer WHERE Id ! '1'", CodeParse,
			`QueryParserError: Lexical error at line 1, column 34.  Encountered: " " (32), after : "!"`, 1, 34},
		{"DoubleQuotedString", `SELECT * FROM Customer WHERE DisplayName = "x"`, CodeParse,
			`QueryParserError: Lexical error at line 1, column 44.  Encountered: "\"" (34), after : ""`, 1, 44},
		{"LikeNeedsString", "SELECT * FROM Customer WHERE DisplayName LIKE 5", CodeParse,
			`QueryParserError: Encountered " <INTEGER> "5 "" at line 1, column 47.`, 1, 47},
		{"MaxResultsTooLarge", "SELECT * FROM Customer MAXRESULTS 1500", CodeInvalid,
			"QueryValidationError: value 1500 is too large. Max allowed value is 1000", 0, 0},
		{"MaxResultsNegative", "SELECT * FROM Customer MAXRESULTS -1", CodeParse,
			`QueryParserError: Encountered " <INTEGER> "-1 "" at line 1, column 35.`, 1, 35},
		{"MaxResultsBeforeStart", "SELECT * FROM Customer MAXRESULTS 10 STARTPOSITION 5", CodeParse,
			`QueryParserError: Encountered " "startposition" "STARTPOSITION "" at line 1, column 38.`, 1, 38},
		{"TrailingSemicolon", "SELECT * FROM Customer;", CodeParse,
			`QueryParserError: Lexical error at line 1, column 23.  Encountered: ";" (59), after : ""`, 1, 23},
		{"TrailingJunk", "SELECT * FROM Customer MAXRESULTS 10 10", CodeParse,
			`QueryParserError: Encountered " <INTEGER> "10 "" at line 1, column 38.`, 1, 38},
		{"DecimalStart", "SELECT * FROM Customer STARTPOSITION 1.5", CodeParse,
			`QueryParserError: Encountered " <DECIMAL> "1.5 "" at line 1, column 38.`, 1, 38},
		{"OrderWithoutBy", "SELECT * FROM Customer ORDER DisplayName", CodeParse,
			`QueryParserError: Encountered " <IDENTIFIER> "DisplayName "" at line 1, column 30.`, 1, 30},
		{"DanglingAnd", "SELECT * FROM Customer WHERE Active = true AND", CodeParse,
			`QueryParserError: Encountered "<EOF>" at line 1, column 47.`, 1, 47},
		{"EscapeAtEnd", `SELECT * FROM Customer WHERE Notes = 'x\`, CodeParse,
			`QueryParserError: Lexical error at line 1, column 41.  Encountered: <EOF> after : "'x\\"`, 1, 41},
		{"DottedEntity", "SELECT * FROM Customer.Foo", CodeParse,
			`QueryParserError: Encountered " <IDENTIFIER> "Customer.Foo "" at line 1, column 15.`, 1, 15},
		{"QuoteInImageEscaped", `SELECT * FROM 'a"b'`, CodeParse,
			`QueryParserError: Encountered " <STRING> "'a\"b' "" at line 1, column 15.`, 1, 15},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := Parse(tt.in)
			if err == nil {
				t.Fatalf("Parse(%q) = %v, want an error", tt.in, q)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Fatalf("error %T %v is not a *ParseError", err, err)
			}
			wantMsg := MessageParse
			if tt.code == CodeInvalid {
				wantMsg = MessageInvalid
			}
			if pe.Code != tt.code || pe.Message != wantMsg || pe.Detail != tt.detail || pe.Line != tt.line || pe.Column != tt.col {
				t.Fatalf("Parse(%q) error\n got %q %q %q at %d:%d\nwant %q %q %q at %d:%d", tt.in,
					pe.Code, pe.Message, pe.Detail, pe.Line, pe.Column, tt.code, wantMsg, tt.detail, tt.line, tt.col)
			}
			if !strings.HasPrefix(pe.Error(), pe.Message+": ") {
				t.Fatalf("Error() = %q", pe.Error())
			}
		})
	}
}

func TestQuote_ParsesBackToTheSameString(t *testing.T) {
	for _, s := range []string{"", "plain", "O'Brien", `back\slash`, `\'`, "100%", "''", "日本 'x' \\"} {
		q, err := Parse("SELECT * FROM Customer WHERE DisplayName = " + Quote(s))
		if err != nil {
			t.Fatalf("Quote(%q) = %s does not parse: %v", s, Quote(s), err)
		}
		if got := q.Where[0].Values[0].Text; got != s {
			t.Fatalf("Quote(%q) parses back to %q", s, got)
		}
	}
}

func TestQuote_UsesBackslash(t *testing.T) {
	if got, want := Quote(`O'Brien \ Co`), `'O\'Brien \\ Co'`; got != want {
		t.Fatalf("Quote = %s, want %s", got, want)
	}
}

func TestFields_AndCheckFields(t *testing.T) {
	q, err := Parse("SELECT * FROM Customer WHERE DisplayName = 'x' AND Active = true AND DisplayName LIKE 'x%' ORDERBY Id, DisplayName")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := q.Fields(), []string{"DisplayName", "Active", "Id"}; !reflect.DeepEqual(got, want) {
		t.Fatalf("Fields() = %v, want %v", got, want)
	}
	known := func(p string) bool { return p != "Active" }
	err = q.CheckFields(known)
	var pe *ParseError
	if !errors.As(err, &pe) || pe.Code != CodeInvalid || pe.Message != MessageInvalid ||
		pe.Detail != "QueryValidationError: Property Active not found for Entity Customer" {
		t.Fatalf("CheckFields = %#v", err)
	}
	if err := q.CheckFields(func(string) bool { return true }); err != nil {
		t.Fatalf("CheckFields(all known) = %v", err)
	}
}
