package practice

import (
	"encoding/json"
	"fmt"
	"math/big"
	"strings"
)

// Decimal is an exact decimal number as a person types it: a quantity of
// work (1.5 hours) or a tax percentage (8.25). It is kept as its canonical
// text ("8.25", never "8.250" or 8.2499999), travels in JSON as a string,
// and is computed with exactly, never through float64. The zero value is 0.
type Decimal struct {
	s string // canonical: no leading '+', no trailing zeros after '.', "" for 0
}

// MaxDecimalPlaces is the most digits after the point a Decimal keeps:
// enough for any quantity or rate a firm types, and refused beyond rather
// than rounded silently.
const MaxDecimalPlaces = 6

// ParseDecimal reads "8.25", "1.5", "-2", "0.125" or "3." (spaces around
// are ignored, and a comma is not a decimal point: "1,5" is refused so that
// it is never read as 15). It refuses more than MaxDecimalPlaces decimals.
func ParseDecimal(text string) (Decimal, error) {
	t := strings.TrimSpace(text)
	neg := strings.HasPrefix(t, "-")
	t = strings.TrimPrefix(strings.TrimPrefix(t, "-"), "+")
	whole, frac, hasPoint := strings.Cut(t, ".")
	if (whole == "" && frac == "") || !digits(whole) || !digits(frac) || (hasPoint && whole == "" && frac == "") {
		return Decimal{}, fmt.Errorf("%q is not a number (write it like 1.5, with a point)", text)
	}
	if len(frac) > MaxDecimalPlaces {
		return Decimal{}, fmt.Errorf("%q has more than %d decimals", text, MaxDecimalPlaces)
	}
	whole = strings.TrimLeft(whole, "0")
	frac = strings.TrimRight(frac, "0")
	if len(whole) > 12 {
		return Decimal{}, fmt.Errorf("%q is too large", text)
	}
	s := whole
	if s == "" {
		s = "0"
	}
	if frac != "" {
		s += "." + frac
	}
	if s == "0" {
		return Decimal{}, nil
	}
	if neg {
		s = "-" + s
	}
	return Decimal{s: s}, nil
}

func digits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// MustDecimal is ParseDecimal for constants; it panics on bad text.
func MustDecimal(text string) Decimal {
	d, err := ParseDecimal(text)
	if err != nil {
		panic(err)
	}
	return d
}

// String is the canonical text: "0", "8.25", "-1.5".
func (d Decimal) String() string {
	if d.s == "" {
		return "0"
	}
	return d.s
}

// IsZero reports whether d is 0.
func (d Decimal) IsZero() bool { return d.s == "" }

// Sign returns -1, 0 or 1.
func (d Decimal) Sign() int {
	switch {
	case d.s == "":
		return 0
	case strings.HasPrefix(d.s, "-"):
		return -1
	}
	return 1
}

// Rat returns d as an exact fraction.
func (d Decimal) Rat() *big.Rat {
	r, ok := new(big.Rat).SetString(d.String())
	if !ok { // the canonical text always parses
		panic("practice: bad decimal " + d.s)
	}
	return r
}

// Cmp compares d and e: -1, 0 or 1.
func (d Decimal) Cmp(e Decimal) int { return d.Rat().Cmp(e.Rat()) }

// Add returns d + e.
func (d Decimal) Add(e Decimal) Decimal { return decimalOf(new(big.Rat).Add(d.Rat(), e.Rat())) }

// decimalOf turns an exact fraction with a finite decimal expansion of at
// most MaxDecimalPlaces digits (a sum of Decimals) back into a Decimal.
func decimalOf(r *big.Rat) Decimal {
	d, err := ParseDecimal(r.FloatString(MaxDecimalPlaces))
	if err != nil {
		panic(err)
	}
	return d
}

// MarshalJSON writes the canonical text as a JSON string.
func (d Decimal) MarshalJSON() ([]byte, error) { return json.Marshal(d.String()) }

// UnmarshalJSON reads a JSON string, or a JSON number, of decimal text.
func (d *Decimal) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("a decimal is a string such as \"1.5\"")
		}
		s = n.String()
	}
	if strings.TrimSpace(s) == "" {
		*d = Decimal{}
		return nil
	}
	v, err := ParseDecimal(s)
	if err != nil {
		return err
	}
	*d = v
	return nil
}
