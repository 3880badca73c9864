package qbo

import (
	"encoding/json"
	"errors"
	"math"
	"testing"
)

func TestMoney_UnmarshalJSON_ExactCents(t *testing.T) {
	tests := []struct {
		in   string
		want Money
	}{
		{`100.5`, 10050},
		{`1e2`, 10000},
		{`1.5E+1`, 1500},
		{`25`, 2500},
		{`0.1`, 10},
		{`0.07`, 7},
		{`-12.3`, -1230},
		{`12.340`, 1234}, // trailing zeros are still whole cents
		{`"362.07"`, 36207},
		{`0`, 0},
		{`-0.0`, 0},
		{`null`, 0},
		{`92233720368547758.07`, math.MaxInt64},
		{`-92233720368547758.08`, math.MinInt64},
	}
	for _, tt := range tests {
		var m Money
		if err := json.Unmarshal([]byte(tt.in), &m); err != nil {
			t.Errorf("Unmarshal(%s): %v", tt.in, err)
			continue
		}
		if m != tt.want {
			t.Errorf("Unmarshal(%s) = %d cents, want %d", tt.in, m, tt.want)
		}
	}
}

func TestMoney_UnmarshalJSON_SubCentRefused(t *testing.T) {
	for _, in := range []string{`12.345`, `"12.345"`, `1e-3`, `0.001`} {
		var m Money
		err := json.Unmarshal([]byte(in), &m)
		if !errors.Is(err, ErrSubCent) {
			t.Errorf("Unmarshal(%s) error = %v, want ErrSubCent", in, err)
		}
	}
}

func TestMoney_UnmarshalJSON_GarbageAndOverflowRefused(t *testing.T) {
	for _, in := range []string{`"abc"`, `"1,50"`, `"."`, `"1."`, `".5"`, `true`, `"1e999999"`, `92233720368547758.08`, `1e30`} {
		var m Money
		if err := json.Unmarshal([]byte(in), &m); err == nil {
			t.Errorf("Unmarshal(%s) = %d, want an error", in, m)
		}
	}
}

func TestMoney_MarshalJSON_TwoDecimals(t *testing.T) {
	tests := map[Money]string{0: "0.00", 5: "0.05", 10050: "100.50", -1230: "-12.30", -7: "-0.07", math.MinInt64: "-92233720368547758.08"}
	for m, want := range tests {
		b, err := json.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != want {
			t.Errorf("Marshal(%d) = %s, want %s", m, b, want)
		}
		var back Money
		if err := json.Unmarshal(b, &back); err != nil || back != m {
			t.Errorf("round trip of %d = %d, %v", m, back, err)
		}
	}
}

func TestDecimal_ParseAndFormat_Exact(t *testing.T) {
	tests := []struct{ in, want string }{
		{"8.875", "8.875"},
		{"7.10", "7.1"},
		{"1e2", "100"},
		{"12.3456", "12.3456"},
		{"-0.0001", "-0.0001"},
		{"0.9766", "0.9766"},
		{"2", "2"},
		{"0e5", "0"},
	}
	for _, tt := range tests {
		d, err := ParseDecimal(tt.in)
		if err != nil {
			t.Errorf("ParseDecimal(%q): %v", tt.in, err)
			continue
		}
		if d.String() != tt.want {
			t.Errorf("ParseDecimal(%q) = %s, want %s", tt.in, d, tt.want)
		}
	}
}

func TestDecimal_EqualIgnoresTrailingZeros(t *testing.T) {
	a, b := mustDecimal(t, "8.50"), mustDecimal(t, "8.5")
	if !a.Equal(b) || a.Cmp(b) != 0 {
		t.Errorf("8.50 and 8.5 differ")
	}
	if NewDecimal(8875, 3).Cmp(mustDecimal(t, "8.9")) != -1 {
		t.Errorf("8.875 is not below 8.9")
	}
	if got := NewDecimal(5, -2).String(); got != "500" {
		t.Errorf("NewDecimal(5, -2) = %s", got)
	}
	if got := Money(1999).Decimal().String(); got != "19.99" {
		t.Errorf("Money(1999).Decimal() = %s", got)
	}
}

func TestDecimal_JSON_NumberOrString(t *testing.T) {
	var v struct{ A, B, C Decimal }
	if err := json.Unmarshal([]byte(`{"A":8.875,"B":"7.1","C":null}`), &v); err != nil {
		t.Fatal(err)
	}
	if v.A.String() != "8.875" || v.B.String() != "7.1" || !v.C.IsZero() {
		t.Errorf("got %s %s %s", v.A, v.B, v.C)
	}
	b, _ := json.Marshal(v)
	if string(b) != `{"A":8.875,"B":7.1,"C":0}` {
		t.Errorf("Marshal = %s", b)
	}
}

func TestDecimal_TooManyDecimalsRefused(t *testing.T) {
	if _, err := ParseDecimal("0.1234567890123456789"); err == nil {
		t.Error("19 decimals accepted")
	}
	if _, err := ParseDecimal("99999999999999999999"); err == nil {
		t.Error("a value beyond int64 accepted")
	}
}
