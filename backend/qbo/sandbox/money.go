package sandbox

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Money is kept in integer cents and every other number (quantities, unit
// prices, tax percentages) as an exact rational parsed from the JSON text, so
// that no amount ever passes through float64. Request bodies are decoded with
// UseNumber, which keeps each number as its original decimal text.

// cents is an amount of money in minor units.
type cents int64

// number reads a JSON value as an exact rational. It accepts json.Number and
// numeric strings (some clients quote numbers); ok is false for anything else.
func number(v any) (r *big.Rat, ok bool) {
	var s string
	switch x := v.(type) {
	case json.Number:
		s = string(x)
	case string:
		s = strings.TrimSpace(x)
	case int:
		return new(big.Rat).SetInt64(int64(x)), true
	case int64:
		return new(big.Rat).SetInt64(x), true
	default:
		return nil, false
	}
	if s == "" || strings.ContainsAny(s, "/") {
		return nil, false
	}
	r, ok = new(big.Rat).SetString(s)
	return r, ok
}

// roundCents rounds r to cents, halves away from zero, as QBO rounds line
// amounts and tax.
func roundCents(r *big.Rat) cents {
	x := new(big.Rat).Mul(r, big.NewRat(100, 1))
	neg := x.Sign() < 0
	if neg {
		x.Neg(x)
	}
	q, m := new(big.Int).QuoRem(x.Num(), x.Denom(), new(big.Int))
	// Round up when the remainder is at least half the denominator.
	if new(big.Int).Mul(m, big.NewInt(2)).Cmp(x.Denom()) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	c := cents(q.Int64())
	if neg {
		c = -c
	}
	return c
}

// rat returns c as a rational number of currency units.
func (c cents) rat() *big.Rat { return big.NewRat(int64(c), 100) }

// exact reports whether r is a whole number of cents.
func exactCents(r *big.Rat) bool {
	x := new(big.Rat).Mul(r, big.NewRat(100, 1))
	return x.IsInt()
}

// String formats c with the fewest digits QBO would print: 150, 150.5, 150.55.
func (c cents) String() string {
	neg := c < 0
	if neg {
		c = -c
	}
	s := strconv.FormatInt(int64(c/100), 10)
	switch frac := int64(c % 100); {
	case frac == 0:
	case frac%10 == 0:
		s += "." + strconv.FormatInt(frac/10, 10)
	default:
		s += fmt.Sprintf(".%02d", frac)
	}
	if neg && c != 0 {
		s = "-" + s
	}
	return s
}

// num returns c as a JSON number.
func (c cents) num() json.Number { return json.Number(c.String()) }

// decNumber formats r as a JSON number: exact when r is a terminating decimal
// of at most 10 places (quantities, unit prices and rates always are), else
// rounded to 10 places.
func decNumber(r *big.Rat) json.Number {
	s := r.FloatString(10)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return json.Number(s)
}

// moneyField reads obj[key] as money. present is false when the key is
// absent or null; err is set when the value is not a number.
func moneyField(obj map[string]any, key string) (r *big.Rat, present bool, err error) {
	v, ok := obj[key]
	if !ok || v == nil {
		return nil, false, nil
	}
	r, ok = number(v)
	if !ok {
		return nil, true, fmt.Errorf("%s is not a number", key)
	}
	return r, true, nil
}
