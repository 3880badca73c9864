package qbo

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// Decimal is an exact decimal number: a quantity, a unit price or a tax rate
// in percent. QBO writes these as JSON numbers with as many decimals as the
// user typed (a unit price of 12.3456, a rate of 8.875); reading them into a
// float64 would change them, so Decimal keeps the digits: its value is
// coefficient × 10^-scale.
//
// The zero value is 0. Decimals compare with Equal or Cmp: 8.50 equals 8.5.
type Decimal struct {
	coef  int64
	scale int32
}

// maxDecimalScale bounds the decimals a Decimal keeps; QBO itself stores no
// more than 10, so anything beyond 18 is not a QBO number.
const maxDecimalScale = 18

// NewDecimal returns coef × 10^-scale, e.g. NewDecimal(8875, 3) is 8.875.
// A negative scale multiplies; NewDecimal panics if the result overflows,
// which only a programming error can cause.
func NewDecimal(coef int64, scale int) Decimal {
	for scale < 0 {
		if coef > math.MaxInt64/10 || coef < math.MinInt64/10 {
			panic(fmt.Sprintf("qbo: NewDecimal(%d, %d) overflows", coef, scale))
		}
		coef *= 10
		scale++
	}
	if scale > maxDecimalScale {
		panic(fmt.Sprintf("qbo: NewDecimal scale %d exceeds %d", scale, maxDecimalScale))
	}
	return Decimal{coef: coef, scale: int32(scale)}.canonical()
}

// ParseDecimal reads a decimal number in JSON number syntax, such as "8.875",
// "-2", "1e2" or "7.10". It refuses anything that does not fit exactly
// (more than 18 decimals, or beyond int64) rather than rounding it.
func ParseDecimal(s string) (Decimal, error) {
	n, err := parseNumber(s)
	if err != nil {
		return Decimal{}, err
	}
	if n.isZero() {
		return Decimal{}, nil
	}
	scale := 0
	if n.exp < 0 {
		scale = -n.exp
	}
	if scale > maxDecimalScale {
		return Decimal{}, fmt.Errorf("qbo: decimal %q has more than %d decimals", s, maxDecimalScale)
	}
	coef, err := n.scaled(scale)
	if err != nil {
		return Decimal{}, fmt.Errorf("qbo: decimal %q: %w", s, err)
	}
	return Decimal{coef: coef, scale: int32(scale)}.canonical(), nil
}

// canonical strips trailing zeros so that equal values have equal fields.
func (d Decimal) canonical() Decimal {
	if d.coef == 0 {
		return Decimal{}
	}
	for d.scale > 0 && d.coef%10 == 0 {
		d.coef /= 10
		d.scale--
	}
	return d
}

// Coefficient returns the integer c of c × 10^-Scale().
func (d Decimal) Coefficient() int64 { return d.coef }

// Scale returns the number of decimals of the canonical form (no trailing zeros).
func (d Decimal) Scale() int { return int(d.scale) }

// IsZero reports whether d is 0; json's omitzero uses it.
func (d Decimal) IsZero() bool { return d.coef == 0 }

// Equal reports whether d and e are the same number.
func (d Decimal) Equal(e Decimal) bool { return d.canonical() == e.canonical() }

// Cmp returns -1, 0 or +1 as d is less than, equal to or greater than e.
func (d Decimal) Cmp(e Decimal) int { return d.Rat().Cmp(e.Rat()) }

// Rat returns d as an exact rational, for arithmetic beyond comparison.
func (d Decimal) Rat() *big.Rat {
	den := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(d.scale)), nil)
	return new(big.Rat).SetFrac(big.NewInt(d.coef), den)
}

// String formats d in plain decimal notation without an exponent, e.g. "8.875".
func (d Decimal) String() string {
	neg := d.coef < 0
	digits := strconv.FormatUint(absInt64(d.coef), 10)
	if d.scale > 0 {
		if pad := int(d.scale) + 1 - len(digits); pad > 0 {
			digits = strings.Repeat("0", pad) + digits
		}
		cut := len(digits) - int(d.scale)
		digits = digits[:cut] + "." + digits[cut:]
	}
	if neg {
		return "-" + digits
	}
	return digits
}

// MarshalJSON writes d as a JSON number.
func (d Decimal) MarshalJSON() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalJSON reads a JSON number, a string holding one (some QBO fields,
// e.g. TaxRate.RateValue, are documented as strings) or null (zero).
func (d *Decimal) UnmarshalJSON(b []byte) error {
	s, ok, err := numberText(b)
	if err != nil || !ok {
		*d = Decimal{}
		return err
	}
	v, err := ParseDecimal(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// number is a parsed decimal literal: (-1)^neg × digits × 10^exp, with digits
// free of leading and trailing zeros ("" for zero).
type number struct {
	neg    bool
	digits string
	exp    int
}

func (n number) isZero() bool { return n.digits == "" }

// errPrecision and errRange tell why a number does not fit; Money wraps them
// in its own words.
var (
	errPrecision = errors.New("more decimals than the type holds")
	errRange     = errors.New("out of range")
)

// scaled returns n × 10^scale as an int64, refusing a fractional result
// rather than rounding it.
func (n number) scaled(scale int) (int64, error) {
	if n.isZero() {
		return 0, nil
	}
	shift := n.exp + scale
	if shift < 0 {
		return 0, errPrecision
	}
	if len(n.digits)+shift > 19 {
		return 0, errRange
	}
	u, err := strconv.ParseUint(n.digits+strings.Repeat("0", shift), 10, 64)
	if err != nil {
		return 0, errRange
	}
	switch {
	case !n.neg && u <= math.MaxInt64:
		return int64(u), nil
	case n.neg && u <= math.MaxInt64:
		return -int64(u), nil
	case n.neg && u == math.MaxInt64+1:
		return math.MinInt64, nil
	}
	return 0, errRange
}

// maxExponent bounds the exponent of a literal so that "1e999999999" is
// refused at once instead of building a string of zeros.
const maxExponent = 400

// parseNumber parses JSON number syntax: -?digits(.digits)?([eE][+-]?digits)?
func parseNumber(s string) (number, error) {
	bad := func() (number, error) { return number{}, fmt.Errorf("qbo: %q is not a decimal number", s) }
	var n number
	i := 0
	if i < len(s) && s[i] == '-' {
		n.neg = true
		i++
	}
	intStart := i
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	intPart := s[intStart:i]
	if intPart == "" {
		return bad()
	}
	var frac string
	if i < len(s) && s[i] == '.' {
		i++
		fracStart := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		frac = s[fracStart:i]
		if frac == "" {
			return bad()
		}
	}
	exp := 0
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		expNeg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			expNeg = s[i] == '-'
			i++
		}
		expStart := i
		for i < len(s) && isDigit(s[i]) {
			i++
		}
		if expStart == i || i-expStart > 4 {
			return bad()
		}
		exp, _ = strconv.Atoi(s[expStart:i])
		if expNeg {
			exp = -exp
		}
	}
	if i != len(s) || len(intPart)+len(frac) > maxExponent || exp > maxExponent || exp < -maxExponent {
		return bad()
	}
	digits := strings.TrimLeft(intPart+frac, "0")
	n.exp = exp - len(frac)
	for strings.HasSuffix(digits, "0") {
		digits = digits[:len(digits)-1]
		n.exp++
	}
	n.digits = digits
	if digits == "" {
		n.neg, n.exp = false, 0
	}
	return n, nil
}

// numberText returns the literal inside a JSON number or a JSON string; ok is
// false for null.
func numberText(b []byte) (s string, ok bool, err error) {
	b = bytes.TrimSpace(b)
	if string(b) == "null" {
		return "", false, nil
	}
	if len(b) >= 2 && b[0] == '"' && b[len(b)-1] == '"' {
		unq, err := strconv.Unquote(string(b))
		if err != nil {
			return "", false, fmt.Errorf("qbo: bad number string %s", b)
		}
		return strings.TrimSpace(unq), true, nil
	}
	return string(b), true, nil
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func absInt64(v int64) uint64 {
	if v < 0 {
		return uint64(-(v + 1)) + 1
	}
	return uint64(v)
}
