package invoicepdf

import (
	"math"
	"testing"
)

func TestFormatMoney_GroupsThousandsWithTwoDecimals(t *testing.T) {
	for _, tc := range []struct {
		cents    int64
		currency string
		want     string
	}{
		{0, "", "0.00"},
		{5, "", "0.05"},
		{99, "", "0.99"},
		{100, "", "1.00"},
		{123456, "", "1,234.56"},
		{-250, "", "-2.50"},
		{-5, "", "-0.05"},
		{100000, "", "1,000.00"},
		{99999, "", "999.99"},
		{1e12, "", "10,000,000,000.00"},
		{123456, "USD", "USD 1,234.56"},
		{-250, "CAD", "CAD -2.50"},
		{math.MaxInt64, "", "92,233,720,368,547,758.07"},
		{math.MinInt64, "", "-92,233,720,368,547,758.08"},
	} {
		if got := FormatMoney(tc.cents, tc.currency); got != tc.want {
			t.Errorf("FormatMoney(%d, %q) = %q, want %q", tc.cents, tc.currency, got, tc.want)
		}
	}
}
