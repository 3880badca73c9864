package sandbox

import (
	"fmt"
	"math/big"
	"strconv"
)

// salesLines reads an invoice's Line array. Sales item lines are checked
// and priced; description lines are kept; the subtotal line QBO adds
// itself is dropped when a client sends it back.
func (w *write) salesLines(in map[string]any) (lines []any, taxLines []taxLine, subtotal cents, err error) {
	raw := list(in["Line"])
	if len(raw) == 0 {
		return nil, nil, 0, errRequired("Line")
	}
	used := map[string]bool{}
	for _, l := range raw {
		if id := str(obj(l)["Id"]); id != "" {
			used[id] = true
		}
	}
	next := 1
	lineID := func(given string) string {
		if given != "" {
			return given
		}
		for used[strconv.Itoa(next)] {
			next++
		}
		used[strconv.Itoa(next)] = true
		return strconv.Itoa(next)
	}
	num := 0
	for i, l := range raw {
		line := obj(l)
		if line == nil {
			return nil, nil, 0, errBadRequest(fmt.Sprintf("Line[%d] is not an object", i))
		}
		switch dt := str(line["DetailType"]); dt {
		case "SubTotalLineDetail":
			continue
		case "DescriptionOnly":
			num++
			out := map[string]any{"Id": lineID(str(line["Id"])), "LineNum": num, "DetailType": dt,
				"DescriptionLineDetail": map[string]any{}}
			keep(out, line, "Description")
			lines = append(lines, out)
		case "SalesItemLineDetail":
			num++
			out, tl, err := w.salesItemLine(line, i)
			if err != nil {
				return nil, nil, 0, err
			}
			out["Id"] = lineID(str(line["Id"]))
			out["LineNum"] = num
			lines = append(lines, out)
			taxLines = append(taxLines, tl)
			subtotal += tl.net
		case "":
			return nil, nil, 0, errRequired("Line.DetailType")
		default:
			return nil, nil, 0, errBusiness("Line DetailType "+dt+" is not supported by this sandbox (SalesItemLineDetail or DescriptionOnly).", "DetailType")
		}
	}
	if len(taxLines) == 0 {
		return nil, nil, 0, errBusiness("You must set a transaction amount: an invoice needs at least one SalesItemLineDetail line.", "Line")
	}
	return lines, taxLines, subtotal, nil
}

// salesItemLine checks one SalesItemLineDetail line: its item, its amount
// against UnitPrice × Qty (6070; QBO rounds the product half up to cents),
// and its tax code under the company's tax model.
func (w *write) salesItemLine(line map[string]any, i int) (map[string]any, taxLine, error) {
	d := obj(line["SalesItemLineDetail"])
	if d == nil {
		d = map[string]any{}
	}
	item, err := w.lineItem(d)
	if err != nil {
		return nil, taxLine{}, err
	}
	outD := map[string]any{"ItemRef": refTo(item, "Name")}
	if acct := obj(item["IncomeAccountRef"]); acct != nil {
		outD["ItemAccountRef"] = acct
	}
	keep(outD, d, "ServiceDate", "ClassRef", "TaxClassificationRef")
	qty, hasQty, err := moneyField(d, "Qty")
	if err != nil {
		return nil, taxLine{}, errBusiness(fmt.Sprintf("Line[%d] Qty must be a number", i), "Qty")
	}
	price, hasPrice, err := moneyField(d, "UnitPrice")
	if err != nil {
		return nil, taxLine{}, errBusiness(fmt.Sprintf("Line[%d] UnitPrice must be a number", i), "UnitPrice")
	}
	amount, hasAmount, err := moneyField(line, "Amount")
	if err != nil {
		return nil, taxLine{}, errBusiness(fmt.Sprintf("Line[%d] Amount must be a number", i), "Amount")
	}
	code, err := w.lineTaxCode(d)
	if err != nil {
		return nil, taxLine{}, err
	}
	var net cents
	switch {
	case hasAmount && hasQty && hasPrice:
		want := roundCents(new(big.Rat).Mul(qty, price))
		if amount.Cmp(want.rat()) != 0 {
			return nil, taxLine{}, errAmount(str(line["Amount"]))
		}
		net = want
	case hasAmount:
		net = roundCents(amount)
	case hasQty && hasPrice:
		net = roundCents(new(big.Rat).Mul(qty, price))
	default:
		gross, hasGross, err := moneyField(d, "TaxInclusiveAmt")
		if err != nil || !hasGross || code == "" || w.c.us() {
			return nil, taxLine{}, errRequired("Line.Amount")
		}
		net = w.c.inclusiveNet(gross, w.c.get("TaxCode", code))
		outD["TaxInclusiveAmt"] = roundCents(gross).num()
	}
	if hasQty {
		outD["Qty"] = decNumber(qty)
	}
	if hasPrice {
		outD["UnitPrice"] = decNumber(price)
	}
	if code != "" {
		outD["TaxCodeRef"] = map[string]any{"value": code}
	}
	out := map[string]any{"Amount": net.num(), "DetailType": "SalesItemLineDetail", "SalesItemLineDetail": outD}
	keep(out, line, "Description")
	return out, taxLine{net: net, code: code}, nil
}

// lineItem resolves a line's ItemRef; QBO puts its "Services" item on a
// line that names none.
func (w *write) lineItem(d map[string]any) (map[string]any, error) {
	if refValue(d["ItemRef"]) == "" {
		if item := w.c.find("Item", func(o map[string]any) bool { return str(o["Name"]) == "Services" }); item != nil {
			return item, nil
		}
	}
	return w.ref(d, "ItemRef", "Item", true)
}

// lineTaxCode checks a line's TaxCodeRef. US lines take only the pseudo
// codes TAX and NON (absent means NON); other countries need a real code on
// every line unless the invoice's tax is NotApplicable.
func (w *write) lineTaxCode(d map[string]any) (string, error) {
	code := refValue(d["TaxCodeRef"])
	if w.c.us() {
		switch code {
		case "":
			return codeNON, nil
		case codeTAX, codeNON:
			return code, nil
		}
		return "", errUSLineTaxCode(code)
	}
	if code == "" {
		return "", nil
	}
	if code == codeTAX || code == codeNON {
		return "", errInvalidRef("TaxCodeRef", code)
	}
	if _, err := w.ref(d, "TaxCodeRef", "TaxCode", false); err != nil {
		return "", err
	}
	return code, nil
}
