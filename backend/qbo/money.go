package qbo

import (
	"errors"
	"fmt"
)

// Money is an amount in minor units (cents) of the transaction's currency:
// Money(1050) is 10.50. QBO sends amounts as JSON numbers (100.5, 25, even
// 1e2); Money reads them exactly, never through float64.
//
// A value with a fraction of a cent (12.345) is refused, not rounded. QBO
// keeps amounts at the currency's two decimals, so such a value means the
// data is not what Ledgerlink assumes (a three-decimal currency, a
// computation gone wrong), and quietly rounding a sum of money would hide it.
// Trailing zeros are fine: 12.340 is 1234 cents. Rates, quantities and unit
// prices, which do carry more decimals, are Decimal.
type Money int64

// ErrSubCent is wrapped by errors for amounts with a fraction of a cent.
var ErrSubCent = errors.New("qbo: amount has a fraction of a cent")

// ParseMoney reads an amount in decimal notation, such as "10.5", "-3" or
// "1e2", refusing fractions of a cent and values beyond int64 cents.
func ParseMoney(s string) (Money, error) {
	n, err := parseNumber(s)
	if err != nil {
		return 0, err
	}
	cents, err := n.scaled(2)
	switch {
	case errors.Is(err, errPrecision):
		return 0, fmt.Errorf("%w: %q", ErrSubCent, s)
	case err != nil:
		return 0, fmt.Errorf("qbo: amount %q is out of range", s)
	}
	return Money(cents), nil
}

// Cents returns m in minor units.
func (m Money) Cents() int64 { return int64(m) }

// IsZero reports whether m is 0; json's omitzero uses it.
func (m Money) IsZero() bool { return m == 0 }

// Decimal returns m as a Decimal, e.g. to send an amount as a UnitPrice.
func (m Money) Decimal() Decimal { return NewDecimal(int64(m), 2) }

// String formats m with two decimals, e.g. "-12.30".
func (m Money) String() string {
	sign := ""
	if m < 0 {
		sign = "-"
	}
	u := absInt64(int64(m))
	return fmt.Sprintf("%s%d.%02d", sign, u/100, u%100)
}

// MarshalJSON writes m as a JSON number with two decimals.
func (m Money) MarshalJSON() ([]byte, error) {
	return []byte(m.String()), nil
}

// UnmarshalJSON reads a JSON number, a string holding one, or null (zero).
func (m *Money) UnmarshalJSON(b []byte) error {
	s, ok, err := numberText(b)
	if err != nil || !ok {
		*m = 0
		return err
	}
	v, err := ParseMoney(s)
	if err != nil {
		return err
	}
	*m = v
	return nil
}
