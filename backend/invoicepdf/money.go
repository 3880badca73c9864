package invoicepdf

import "strconv"

// FormatMoney prints an amount of cents with two decimals and a comma
// between thousands, and a minus sign before a negative amount:
// 123456 → "1,234.56", -250 → "-2.50". A non-empty currency code goes in
// front, separated by a space: FormatMoney(123456, "USD") → "USD 1,234.56".
// Every amount is taken as hundredths of its unit, as elsewhere in
// Ledgerlink.
func FormatMoney(cents int64, currency string) string {
	neg := cents < 0
	u := uint64(cents)
	if neg {
		u = ^u + 1 // two's complement: right even for the most negative int64
	}
	whole := strconv.FormatUint(u/100, 10)
	frac := u % 100

	b := make([]byte, 0, len(currency)+len(whole)+len(whole)/3+5)
	if currency != "" {
		b = append(b, currency...)
		b = append(b, ' ')
	}
	if neg {
		b = append(b, '-')
	}
	for i := range len(whole) {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b = append(b, ',')
		}
		b = append(b, whole[i])
	}
	b = append(b, '.', byte('0'+frac/10), byte('0'+frac%10))
	return string(b)
}
