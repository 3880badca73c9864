package practice

import (
	"math/big"
)

// Amounts of money are int64 minor units (cents) everywhere: exact, and
// summed without drift. The one rounding rule of the firm's invoices is
// applied per line, half away from zero: an amount is computed exactly
// (quantity × rate, then amount × percent) and rounded to the cent once.

// RoundCents rounds an exact amount of cents to a whole cent, half away
// from zero: 0.5 → 1, 1.5 → 2, −0.5 → −1, 0.49 → 0.
func RoundCents(r *big.Rat) int64 {
	num, den := new(big.Int).Set(r.Num()), r.Denom()
	neg := num.Sign() < 0
	num.Abs(num)
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	if m.Lsh(m, 1).Cmp(den) >= 0 { // remainder ≥ half
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	return q.Int64()
}

// LineAmount is quantity × rate (cents), rounded to the cent.
func LineAmount(quantity Decimal, rate int64) int64 {
	return RoundCents(new(big.Rat).Mul(quantity.Rat(), new(big.Rat).SetInt64(rate)))
}

// TaxOn is percent % of amount (cents), rounded to the cent.
func TaxOn(amount int64, percent Decimal) int64 {
	r := new(big.Rat).Mul(new(big.Rat).SetInt64(amount), percent.Rat())
	return RoundCents(r.Quo(r, big.NewRat(100, 1)))
}
