package practice

import (
	"math/big"
	"testing"
)

func TestRoundCents_HalfAwayFromZero(t *testing.T) {
	for _, tc := range []struct {
		num, den int64
		want     int64
	}{
		{1, 2, 1}, {3, 2, 2}, {5, 2, 3}, {-1, 2, -1}, {-3, 2, -2},
		{49, 100, 0}, {51, 100, 1}, {-49, 100, 0}, {-51, 100, -1},
		{1, 3, 0}, {2, 3, 1}, {0, 1, 0}, {12345, 1, 12345},
		{4999999, 10000000, 0}, {5000001, 10000000, 1},
	} {
		if got := RoundCents(big.NewRat(tc.num, tc.den)); got != tc.want {
			t.Errorf("RoundCents(%d/%d) = %d, want %d", tc.num, tc.den, got, tc.want)
		}
	}
}

func TestLineAmount_QuantityTimesRate_RoundedPerLine(t *testing.T) {
	for _, tc := range []struct {
		qty  string
		rate int64
		want int64
	}{
		{"1", 15000, 15000},
		{"1.5", 15000, 22500},
		{"0.25", 18001, 4500},   // 4500.25 → 4500
		{"0.5", 18001, 9001},    // 9000.5 → 9001: half away from zero
		{"0.333", 10000, 3330},  // 3330 exactly
		{"0.3333", 10001, 3333}, // 3333.3333 → 3333
		{"2.125", 1, 2},         // 2.125 → 2
		{"2.5", 1, 3},           // 2.5 → 3
		{"-2.5", 1, -3},         // a credit rounds away from zero too
		{"0", 99999, 0},
	} {
		if got := LineAmount(MustDecimal(tc.qty), tc.rate); got != tc.want {
			t.Errorf("LineAmount(%s, %d) = %d, want %d", tc.qty, tc.rate, got, tc.want)
		}
	}
}

func TestTaxOn_PercentOfAmount_HalfCentCases(t *testing.T) {
	for _, tc := range []struct {
		amount  int64
		percent string
		want    int64
	}{
		{10000, "5", 500},
		{10000, "8.25", 825},
		{1010, "5", 51},     // 50.5 → 51
		{1030, "5", 52},     // 51.5 → 52
		{1001, "13", 130},   // 130.13 → 130
		{1050, "13", 137},   // 136.5 → 137
		{-1050, "13", -137}, // a credit's tax is the mirror image
		{333, "6", 20},      // 19.98 → 20
		{1, "0.5", 0},       // 0.005 → 0
		{100, "0.5", 1},     // 0.5 → 1
		{12345, "0", 0},
	} {
		if got := TaxOn(tc.amount, MustDecimal(tc.percent)); got != tc.want {
			t.Errorf("TaxOn(%d, %s%%) = %d, want %d", tc.amount, tc.percent, got, tc.want)
		}
	}
}

func TestParseDecimal(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"8.25", "8.25"}, {"8.250", "8.25"}, {" 1.5 ", "1.5"}, {"0.125", "0.125"}, {"3.", "3"},
		{".5", "0.5"}, {"-0", "0"}, {"007", "7"}, {"+2", "2"}, {"-1.50", "-1.5"}, {"0.000001", "0.000001"},
	} {
		d, err := ParseDecimal(tc.in)
		if err != nil || d.String() != tc.want {
			t.Errorf("ParseDecimal(%q) = %q, %v; want %q", tc.in, d, err, tc.want)
		}
	}
	for _, bad := range []string{"", "1,5", "abc", "1.2.3", "1e3", "0.0000001", ".", "-", "1 000", "9999999999999"} {
		if d, err := ParseDecimal(bad); err == nil {
			t.Errorf("ParseDecimal(%q) = %q, want an error", bad, d)
		}
	}
}
