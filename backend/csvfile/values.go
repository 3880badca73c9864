package csvfile

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"ledgerlink/backend/practice"
)

// The cells of the billing files that hold more than text: amounts of
// money, yes-or-no, percentages and a combined rate's components. Each is
// written in one canonical form and read back exactly; what a person could
// mean two ways is refused with a sentence saying how to write it, never
// guessed.

// formatMoney writes an amount in cents as a file holds it: "150.00".
func formatMoney(cents int64) string {
	sign := ""
	if cents < 0 {
		sign, cents = "-", -cents
	}
	return fmt.Sprintf("%s%d.%02d", sign, cents/100, cents%100)
}

// parseMoney reads a rate as a file holds it and returns it in cents,
// exactly (no float on the way): a plain number with at most two decimals
// — "150", "150.5", "150.50". It refuses a thousands separator ("1,234.50"
// is 1234.50 in one country and 1.2345 in another), a currency sign, an
// exponent ("1e3"), a third decimal ("12.345": rounded which way?) and a
// negative amount, since no rate is one.
func parseMoney(cell string) (int64, error) {
	t := strings.TrimSpace(cell)
	if strings.HasPrefix(t, "-") {
		return 0, fmt.Errorf("%q is negative; a rate is 0 or more.", t)
	}
	whole, frac, hasPoint := strings.Cut(t, ".")
	if whole == "" || !isDigits(whole) || !isDigits(frac) || (hasPoint && frac == "") {
		return 0, fmt.Errorf("%q is not an amount: write a plain number with at most 2 decimals, without thousands separators or a currency sign, like 1234.50.", t)
	}
	if len(frac) > 2 {
		return 0, fmt.Errorf("%q has more than 2 decimals; write the rate to the cent, like 12.35.", t)
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > 11 { // beyond practice.MaxMoney (11 digits of whole units), and beyond int64 further on
		return 0, fmt.Errorf("%q is too large for a rate.", t)
	}
	cents := int64(0)
	if whole != "" {
		n, err := strconv.ParseInt(whole, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%q is not an amount.", t)
		}
		cents = n * 100
	}
	if frac != "" {
		n, _ := strconv.ParseInt((frac + "0")[:2], 10, 64) // two digits, checked above
		cents += n
	}
	if cents > practice.MaxMoney {
		return 0, fmt.Errorf("%q is too large for a rate.", t)
	}
	return cents, nil
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// formatBool writes a yes-or-no cell: "true" or "false".
func formatBool(b bool) string { return strconv.FormatBool(b) }

// parseBool reads true/false, yes/no or 1/0, in any case.
func parseBool(cell string) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(cell)) {
	case "true", "yes", "1":
		return true, nil
	case "false", "no", "0":
		return false, nil
	}
	return false, fmt.Errorf("%q is neither true nor false (yes/no and 1/0 are read too).", strings.TrimSpace(cell))
}

// parsePercent reads a percentage as practice.Decimal text ("8.25"); a
// trailing "%" is allowed, as people write it.
func parsePercent(cell string) (practice.Decimal, error) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(cell), "%"))
	d, err := practice.ParseDecimal(t)
	if err != nil {
		return practice.Decimal{}, fmt.Errorf("%q is not a percentage: write a number with a point and at most %d decimals, like 8.25.", t, practice.MaxDecimalPlaces)
	}
	return d, nil
}

// componentSeparator separates the components of a combined rate in one
// cell, and componentEquals a component's name from its percentage:
// "State=6;County=1.25;City=1".
const (
	componentSeparator = ";"
	componentEquals    = "="
)

// formatComponents writes a combined rate's components in one cell, or ""
// for a simple rate. A component's percentage is its canonical text, so a
// cell read by parseComponents prints back identically.
func formatComponents(cs []practice.TaxComponent) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = c.Name + componentEquals + c.Percent.String()
	}
	return strings.Join(parts, componentSeparator)
}

// parseComponents reads "State=6;County=1.25;City=1": components separated
// by semicolons, each a name and its percentage; an empty cell is a simple
// rate. A name may hold "=" (the last one separates), not ";".
func parseComponents(cell string) ([]practice.TaxComponent, error) {
	var out []practice.TaxComponent
	for part := range strings.SplitSeq(cell, componentSeparator) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		i := strings.LastIndex(part, componentEquals)
		if i < 0 {
			return nil, fmt.Errorf("%q is not a component: write each as NAME=PERCENT, separated by semicolons, like State=6;County=1.25;City=1.", part)
		}
		pct, err := parsePercent(part[i+1:])
		if err != nil {
			return nil, errors.New(strings.TrimSpace(part[:i]) + ": " + err.Error())
		}
		out = append(out, practice.TaxComponent{Name: strings.TrimSpace(part[:i]), Percent: pct})
	}
	return out, nil
}
