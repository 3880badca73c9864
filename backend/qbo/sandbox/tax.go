package sandbox

import (
	"math/big"
	"sort"
)

// Tax agencies, rates and codes are read and queried; they are seeded per
// country. How an invoice is taxed is here too, as QBO computes it.
func init() {
	register(&kind{name: "TaxAgency", seq: "TaxAgency"})
	register(&kind{name: "TaxRate", seq: "TaxRate", nameList: true})
	register(&kind{name: "TaxCode", seq: "TaxCode", nameList: true})
}

// US pseudo tax codes: a US invoice line is TAX or NON, nothing else.
const (
	codeTAX = "TAX"
	codeNON = "NON"
)

// taxLine is a line's net amount under a tax code.
type taxLine struct {
	net  cents
	code string // TaxCode Id
}

// taxResult is what QBO writes into TxnTaxDetail.
type taxResult struct {
	total  cents
	detail map[string]any
}

// codeRates returns a tax code's rates as (TaxRate object, percent).
func (c *company) codeRates(code map[string]any) []rateOf {
	var out []rateOf
	for _, d := range list(obj(code["SalesTaxRateList"])["TaxRateDetail"]) {
		rate := c.get("TaxRate", refValue(obj(d)["TaxRateRef"]))
		if rate == nil {
			continue
		}
		pct, ok := number(rate["RateValue"])
		if !ok {
			continue
		}
		out = append(out, rateOf{rate: rate, pct: pct})
	}
	return out
}

type rateOf struct {
	rate map[string]any
	pct  *big.Rat
}

// taxUS computes a US invoice's tax: one code (TxnTaxCodeRef) for the whole
// invoice, applied to the lines marked TAX. Each component rate of a
// combined code is computed on the taxable total and rounded on its own.
func (c *company) taxUS(lines []taxLine, code map[string]any) taxResult {
	var base cents
	for _, l := range lines {
		if l.code == codeTAX {
			base += l.net
		}
	}
	detail := map[string]any{}
	if code == nil {
		detail["TotalTax"] = cents(0).num()
		return taxResult{detail: detail}
	}
	detail["TxnTaxCodeRef"] = map[string]any{"value": str(code["Id"])}
	var total cents
	var taxLines []any
	for _, r := range c.codeRates(code) {
		amt := percentOf(base, r.pct)
		total += amt
		taxLines = append(taxLines, taxLineJSON(amt, r, base))
	}
	detail["TotalTax"] = total.num()
	if len(taxLines) > 0 {
		detail["TaxLine"] = taxLines
	}
	return taxResult{total: total, detail: detail}
}

// taxByLine computes a non-US invoice's tax from each line's own code: the
// net amounts are totalled per rate, each rate's tax rounded once, and a
// combined code contributes each of its rates.
func (c *company) taxByLine(lines []taxLine) taxResult {
	base := map[string]cents{} // TaxRate Id → taxable net
	rates := map[string]rateOf{}
	for _, l := range lines {
		code := c.get("TaxCode", l.code)
		if code == nil {
			continue
		}
		for _, r := range c.codeRates(code) {
			id := str(r.rate["Id"])
			base[id] += l.net
			rates[id] = r
		}
	}
	ids := make([]string, 0, len(base))
	for id := range base {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool { return idLess(ids[i], ids[j]) })
	var total cents
	var taxLines []any
	for _, id := range ids {
		amt := percentOf(base[id], rates[id].pct)
		total += amt
		taxLines = append(taxLines, taxLineJSON(amt, rates[id], base[id]))
	}
	detail := map[string]any{"TotalTax": total.num()}
	if len(taxLines) > 0 {
		detail["TaxLine"] = taxLines
	}
	return taxResult{total: total, detail: detail}
}

// inclusiveNet takes the tax out of a tax-inclusive amount under a code:
// net = gross − round(gross × R / (100 + R)), R the code's total percent.
func (c *company) inclusiveNet(gross *big.Rat, code map[string]any) cents {
	sum := new(big.Rat)
	for _, r := range c.codeRates(code) {
		sum.Add(sum, r.pct)
	}
	tax := new(big.Rat).Mul(gross, sum)
	tax.Quo(tax, new(big.Rat).Add(big.NewRat(100, 1), sum))
	return roundCents(gross) - roundCents(tax)
}

// percentOf is amount × pct / 100, rounded to cents.
func percentOf(amount cents, pct *big.Rat) cents {
	r := new(big.Rat).Mul(amount.rat(), pct)
	return roundCents(r.Quo(r, big.NewRat(100, 1)))
}

func taxLineJSON(amt cents, r rateOf, base cents) map[string]any {
	return map[string]any{
		"Amount":     amt.num(),
		"DetailType": "TaxLineDetail",
		"TaxLineDetail": map[string]any{
			"TaxRateRef":       map[string]any{"value": str(r.rate["Id"])},
			"PercentBased":     true,
			"TaxPercent":       decNumber(r.pct),
			"NetAmountTaxable": base.num(),
		},
	}
}
