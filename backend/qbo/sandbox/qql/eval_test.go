package qql

import (
	"bytes"
	"encoding/json"
	"testing"
)

// decode turns JSON into an entity the way the server holds one; useNumber
// picks json.Number over float64 so both decodings are exercised.
func decode(t testing.TB, s string, useNumber bool) map[string]any {
	t.Helper()
	d := json.NewDecoder(bytes.NewReader([]byte(s)))
	if useNumber {
		d.UseNumber()
	}
	var m map[string]any
	if err := d.Decode(&m); err != nil {
		t.Fatalf("decode %s: %v", s, err)
	}
	return m
}

const customerJSON = `{
	"Id": "58", "SyncToken": "2",
	"DisplayName": "O'Brien Plumbing", "GivenName": "Seán", "FamilyName": "O'Brien",
	"CompanyName": "O'Brien Plumbing Ltd",
	"PrimaryEmailAddr": {"Address": "sean@obrien-plumbing.example"},
	"PrimaryPhone": {"FreeFormNumber": "(555) 010-2000"},
	"ParentRef": {"value": "12", "name": "Parent Co"},
	"Active": true, "Job": false, "Balance": 1250.5, "Notes": null,
	"BillAddr": {"Line1": "1 Main St", "City": "Springfield"},
	"MetaData": {"CreateTime": "2026-10-30T09:15:00-07:00", "LastUpdatedTime": "2026-11-02T10:00:00-08:00"},
	"TxnDate": "2026-11-05"
}`

func TestMatch(t *testing.T) {
	tests := []struct {
		name  string
		where string
		want  bool
	}{
		{"EqualExact", "DisplayName = 'O\\'Brien Plumbing'", true},
		{"EqualIgnoresCase", "DisplayName = 'o\\'brien PLUMBING'", true},
		{"EqualDoubledQuote", "FamilyName = 'O''Brien'", true},
		{"EqualOther", "DisplayName = 'OBrien Plumbing'", false},
		{"EqualUnicodeFolded", "GivenName = 'SEÁN'", true},
		{"NotEqual", "DisplayName != 'Someone Else'", true},
		{"NotEqualSame", "DisplayName != 'o\\'brien plumbing'", false},
		{"FieldNameAnyCase", "displayname = 'O\\'Brien Plumbing'", true},
		{"DottedFieldNameAnyCase", "metadata.createtime < '2026-10-31'", true},
		{"LikePrefix", "DisplayName LIKE 'o\\'bri%'", true},
		{"LikeSuffix", "DisplayName LIKE '%PLUMBING'", true},
		{"LikeContains", "CompanyName LIKE '%plumbing%'", true},
		{"LikeManyParts", "CompanyName LIKE 'O%Plu%ing%Ltd'", true},
		{"LikeNoWildcardIsEquality", "DisplayName LIKE 'O\\'Brien'", false},
		{"LikeWrongOrder", "CompanyName LIKE '%Ltd%Plumbing%'", false},
		{"LikeOverlapRefused", "Id LIKE '58%8'", false},
		{"LikeUnderscoreIsLiteral", "DisplayName LIKE 'O_Brien%'", false},
		{"LikeOnlyPercent", "DisplayName LIKE '%'", true},
		{"LikeOnNumberNeverHolds", "Balance LIKE '1%'", false},
		{"InHit", "Id IN ('1', '58', '99')", true},
		{"InMiss", "Id IN ('1', '2')", false},
		{"InIgnoresCase", "DisplayName IN ('x', 'O\\'BRIEN PLUMBING')", true},
		{"BoolTrue", "Active = true", true},
		{"BoolFalse", "Active = false", false},
		{"BoolQuotedWord", "Active = 'TRUE'", true},
		{"BoolIn", "Active IN (true, false)", true},
		{"BoolAgainstNumber", "Active = 1", false},
		{"NumberGreater", "Balance > 1000", true},
		{"NumberEqualDecimal", "Balance = 1250.50", true},
		{"NumberQuoted", "Balance >= '1250.5'", true},
		{"NumberLess", "Balance < 99.99", false},
		{"NumberAgainstWord", "Balance = 'lots'", false},
		{"IdAsNumber", "Id > '9'", true},
		{"IdUnquotedNumber", "Id = 58", true},
		{"IdLessThanLonger", "Id < '100'", true},
		{"EmailObjectUnwrapped", "PrimaryEmailAddr = 'SEAN@obrien-plumbing.example'", true},
		{"EmailByPath", "PrimaryEmailAddr.Address = 'sean@obrien-plumbing.example'", true},
		{"PhoneUnwrapped", "PrimaryPhone = '(555) 010-2000'", true},
		{"ReferenceUnwrapped", "ParentRef = '12'", true},
		{"ObjectWithoutScalarNeverMatches", "BillAddr = '1 Main St'", false},
		{"TimestampAfterAcrossOffsets", "MetaData.LastUpdatedTime > '2026-11-02T10:59:59-07:00'", true},
		{"TimestampSameInstantOtherOffset", "MetaData.LastUpdatedTime = '2026-11-02T18:00:00Z'", true},
		{"TimestampWithFraction", "MetaData.LastUpdatedTime >= '2026-11-02T18:00:00.000Z'", true},
		{"TimestampBefore", "MetaData.LastUpdatedTime < '2026-11-02T18:00:00Z'", false},
		{"TimestampAgainstDateInItsOwnOffset", "MetaData.LastUpdatedTime >= '2026-11-02'", true},
		{"TimestampAgainstLaterDate", "MetaData.LastUpdatedTime > '2026-11-03'", false},
		{"TimestampAgainstLocalTime", "MetaData.LastUpdatedTime < '2026-11-02T10:00:01'", true},
		{"DateEqual", "TxnDate = '2026-11-05'", true},
		{"DateRange", "TxnDate >= '2026-11-01' AND TxnDate <= '2026-11-30'", true},
		{"DateBefore", "TxnDate < '2026-11-05'", false},
		{"MissingNeverMatches", "MiddleName = 'x'", false},
		{"MissingNeverMatchesNotEqual", "MiddleName != 'x'", false},
		{"MissingNeverMatchesLike", "MiddleName LIKE '%'", false},
		{"NullNeverMatches", "Notes != 'x'", false},
		{"MissingPathStep", "Nope.Deeper = 'x'", false},
		{"PathThroughScalar", "DisplayName.Length = 'x'", false},
		{"AllConditionsMustHold", "Active = true AND Balance > 5000", false},
		{"AllConditionsHold", "Active = true AND Balance > 1000 AND DisplayName LIKE 'O%'", true},
	}
	for _, useNumber := range []bool{true, false} {
		obj := decode(t, customerJSON, useNumber)
		for _, tt := range tests {
			name := tt.name
			if !useNumber {
				name += "/float64"
			}
			t.Run(name, func(t *testing.T) {
				q, err := Parse("SELECT * FROM Customer WHERE " + tt.where)
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				if got := q.Match(obj); got != tt.want {
					t.Fatalf("WHERE %s: Match = %v, want %v", tt.where, got, tt.want)
				}
			})
		}
	}
}

func TestMatch_InactiveLeftOutUnlessAskedFor(t *testing.T) {
	inactive := decode(t, `{"Id": "3", "DisplayName": "Gone Ltd", "Active": false}`, true)
	noActive := decode(t, `{"Id": "4", "TotalAmt": 5}`, true) // an Invoice has no Active
	tests := []struct {
		query string
		obj   map[string]any
		want  bool
	}{
		{"SELECT * FROM Customer", inactive, false},
		{"SELECT * FROM Customer WHERE DisplayName = 'Gone Ltd'", inactive, false},
		{"SELECT * FROM Customer WHERE Active = false", inactive, true},
		{"SELECT * FROM Customer WHERE active IN (true, false)", inactive, true},
		{"SELECT * FROM Customer WHERE Active = true", inactive, false},
		{"SELECT * FROM Invoice", noActive, true},
	}
	for _, tt := range tests {
		q, err := Parse(tt.query)
		if err != nil {
			t.Fatal(err)
		}
		if got := q.Match(tt.obj); got != tt.want {
			t.Errorf("%s: Match = %v, want %v", tt.query, got, tt.want)
		}
	}
}

func TestMatch_NilObject(t *testing.T) {
	q, _ := Parse("SELECT * FROM Customer")
	if q.Match(nil) {
		t.Fatal("Match(nil) = true")
	}
}

func TestLookup(t *testing.T) {
	obj := decode(t, `{"Name": "exact", "name": "lower", "MetaData": {"CreateTime": "t"}, "Ref": {"value": "7"}, "Addr": {"City": "X"}}`, true)
	tests := []struct {
		path string
		want any
		ok   bool
	}{
		{"Name", "exact", true},
		{"name", "lower", true},
		{"NAME", "exact", true}, // the smaller of the case-insensitive matches
		{"metadata.createtime", "t", true},
		{"Ref", "7", true},
		{"Ref.value", "7", true},
		{"Addr.City", "X", true},
		{"Addr.Line1", nil, false},
		{"Missing", nil, false},
	}
	for _, tt := range tests {
		got, ok := Lookup(obj, tt.path)
		if ok != tt.ok || (ok && got != tt.want) {
			t.Errorf("Lookup(%q) = %v, %v; want %v, %v", tt.path, got, ok, tt.want, tt.ok)
		}
	}
	if v, ok := Lookup(obj, "Addr"); !ok {
		t.Errorf("Lookup(Addr) = %v, %v; want the object", v, ok)
	}
}
