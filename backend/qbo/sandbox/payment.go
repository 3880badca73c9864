package sandbox

import (
	"fmt"
	"math/big"
	"sort"
)

func init() {
	register(&kind{name: "Payment", seq: "Txn", build: buildPayment,
		remove: removePayment, void: voidPayment, after: afterPayment})
}

var paymentPassthrough = []string{"PaymentMethodRef", "ARAccountRef", "CreditCardPayment",
	"TxnSource", "TransactionLocationType", "ProjectRef"}

// buildPayment applies QBO's payment rules: CustomerRef and TotalAmt
// required; each line links an invoice by its Id (610 otherwise) of the same
// customer (or its parent or sub-customer), applying no more than the
// invoice's open balance; what the lines do not apply stays on the payment
// as UnappliedAmt (QBO takes overpayments as credit).
func buildPayment(w *write, prev, in map[string]any) (map[string]any, error) {
	out := map[string]any{}
	keep(out, in, paymentPassthrough...)
	cust, err := w.ref(in, "CustomerRef", "Customer", true)
	if err != nil {
		return nil, err
	}
	out["CustomerRef"] = refTo(cust, "DisplayName")
	total, has, err := moneyField(in, "TotalAmt")
	switch {
	case err != nil:
		return nil, errBusiness("TotalAmt must be a number", "TotalAmt")
	case !has:
		return nil, errRequired("TotalAmt")
	case total.Sign() < 0:
		return nil, errBusiness("TotalAmt cannot be negative", "TotalAmt")
	}
	totalC := roundCents(total)
	txnDate, _, err := w.txnDates(prev, in, false)
	if err != nil {
		return nil, err
	}
	out["TxnDate"] = txnDate

	prevID := str(prevField(prev, "Id"))
	var lines []any
	var applied cents
	perInvoice := map[string]cents{}
	for i, l := range list(in["Line"]) {
		line := obj(l)
		amt, has, err := moneyField(line, "Amount")
		switch {
		case err != nil:
			return nil, errBusiness(fmt.Sprintf("Line[%d] Amount must be a number", i), "Amount")
		case !has:
			return nil, errRequired("Line.Amount")
		case amt.Sign() < 0:
			return nil, errBusiness("A payment line cannot have a negative amount", "Amount")
		}
		links := list(line["LinkedTxn"])
		if len(links) == 0 {
			return nil, errRequired("Line.LinkedTxn")
		}
		link := obj(links[0])
		if t := str(link["TxnType"]); t != "Invoice" {
			return nil, errBusiness("This sandbox links payments to invoices only; TxnType "+t+" is not supported.", "TxnType")
		}
		invID := str(link["TxnId"])
		inv := w.c.get("Invoice", invID)
		if inv == nil {
			return nil, errNotFound("Invoice", invID)
		}
		if !related(w.c, refValue(inv["CustomerRef"]), str(cust["Id"])) {
			return nil, errBusiness(fmt.Sprintf("Invoice %s belongs to another customer than the payment's.", invID), "CustomerRef")
		}
		a := roundCents(amt)
		perInvoice[invID] += a
		invTotal, _ := number(inv["TotalAmt"])
		open := roundCents(invTotal) - w.c.appliedTo(invID, prevID)
		if perInvoice[invID] > open {
			return nil, errBusiness(fmt.Sprintf("The payment applies %s to invoice %s, more than its open balance of %s.",
				perInvoice[invID], invID, open), "Amount")
		}
		applied += a
		lines = append(lines, map[string]any{
			"Amount":    a.num(),
			"LinkedTxn": []any{map[string]any{"TxnId": invID, "TxnType": "Invoice"}},
		})
	}
	if applied > totalC {
		return nil, errBusiness(fmt.Sprintf("The lines apply %s, more than the payment's TotalAmt of %s.", applied, totalC), "TotalAmt")
	}
	if lines != nil {
		out["Line"] = lines
	} else {
		out["Line"] = []any{}
	}
	out["TotalAmt"] = totalC.num()
	out["UnappliedAmt"] = (totalC - applied).num()

	if refValue(in["DepositToAccountRef"]) != "" {
		acct, err := w.ref(in, "DepositToAccountRef", "Account", false)
		if err != nil {
			return nil, err
		}
		out["DepositToAccountRef"] = refTo(acct, "Name")
	} else if uf := w.c.find("Account", func(o map[string]any) bool { return str(o["AccountSubType"]) == "UndepositedFunds" }); uf != nil {
		out["DepositToAccountRef"] = refTo(uf, "Name")
	}
	for _, f := range []struct {
		name string
		max  int
	}{{"PaymentRefNum", 21}, {"PrivateNote", 4000}} {
		v, err := text(in, f.name, f.max)
		if err != nil {
			return nil, err
		}
		if v != "" {
			out[f.name] = v
		}
	}
	out["ProcessPayment"] = false
	c := countries[w.c.Country]
	out["CurrencyRef"] = map[string]any{"value": c.currency, "name": c.currencyName}
	return out, nil
}

// related reports whether two customers are the same, or one is an
// ancestor of the other (a parent may pay its sub-customer's invoice).
func related(c *company, a, b string) bool {
	isAncestor := func(anc, of string) bool {
		for o := c.get("Customer", of); o != nil; o = c.get("Customer", refValue(o["ParentRef"])) {
			if str(o["Id"]) == anc {
				return true
			}
		}
		return false
	}
	return a == b || isAncestor(a, b) || isAncestor(b, a)
}

func removePayment(w *write, cur map[string]any) error {
	return w.checkOpen(str(cur["TxnDate"]))
}

// voidPayment zeroes a payment: its invoices' balances come back.
func voidPayment(w *write, o map[string]any) (map[string]any, error) {
	if err := w.checkOpen(str(o["TxnDate"])); err != nil {
		return nil, err
	}
	zero := cents(0).num()
	for _, l := range list(o["Line"]) {
		obj(l)["Amount"] = zero
	}
	o["TotalAmt"], o["UnappliedAmt"] = zero, zero
	o["PrivateNote"] = "Voided"
	o["TxnStatus"] = "Voided"
	return o, nil
}

// afterPayment recomputes every invoice the payment touched, before or
// after, and the customers' balances. The invoices change (Balance,
// LinkedTxn), so they get a new SyncToken as in QBO.
func afterPayment(w *write, prev, cur map[string]any) {
	seen := map[string]bool{}
	for _, p := range []map[string]any{prev, cur} {
		for _, id := range linkedInvoices(p) {
			if seen[id] {
				continue
			}
			seen[id] = true
			if inv := w.c.get("Invoice", id); inv != nil {
				w.refreshInvoice(inv)
			}
		}
		if p != nil {
			w.c.recalcCustomer(refValue(p["CustomerRef"]))
		}
	}
}

// refreshInvoice recomputes an invoice's Balance and LinkedTxn from the
// payments applied to it, touching it when they changed.
func (w *write) refreshInvoice(inv map[string]any) {
	id := str(inv["Id"])
	total, _ := number(inv["TotalAmt"])
	balance := (roundCents(total) - w.c.appliedTo(id, "")).num()
	links := w.c.paymentLinks(id)
	oldLinks := len(list(inv["LinkedTxn"]))
	if str(inv["Balance"]) == string(balance) && oldLinks == len(links) {
		return
	}
	inv["Balance"] = balance
	if len(links) > 0 {
		inv["LinkedTxn"] = links
	} else {
		delete(inv, "LinkedTxn")
	}
	w.touch(inv)
	w.c.recalcCustomer(refValue(inv["CustomerRef"]))
}

// linkedInvoices lists the invoice Ids a payment's lines link.
func linkedInvoices(p map[string]any) []string {
	if p == nil {
		return nil
	}
	var ids []string
	for _, l := range list(p["Line"]) {
		for _, t := range list(obj(l)["LinkedTxn"]) {
			if str(obj(t)["TxnType"]) == "Invoice" {
				ids = append(ids, str(obj(t)["TxnId"]))
			}
		}
	}
	return ids
}

// appliedTo sums what payments (other than exceptPayment) apply to an invoice.
func (c *company) appliedTo(invoiceID, exceptPayment string) cents {
	if invoiceID == "" {
		return 0
	}
	var sum cents
	for pid, p := range c.Entities["Payment"] {
		if pid == exceptPayment {
			continue
		}
		for _, l := range list(p["Line"]) {
			for _, t := range list(obj(l)["LinkedTxn"]) {
				if str(obj(t)["TxnId"]) == invoiceID && str(obj(t)["TxnType"]) == "Invoice" {
					amt, _ := number(obj(l)["Amount"])
					if amt != nil {
						sum += roundCents(amt)
					}
				}
			}
		}
	}
	return sum
}

// paymentLinks is an invoice's LinkedTxn: the payments applied to it.
func (c *company) paymentLinks(invoiceID string) []any {
	if invoiceID == "" {
		return nil
	}
	var ids []string
	for pid, p := range c.Entities["Payment"] {
		for _, id := range linkedInvoices(p) {
			if id == invoiceID {
				ids = append(ids, pid)
				break
			}
		}
	}
	sort.Slice(ids, func(i, j int) bool { return idLess(ids[i], ids[j]) })
	var out []any
	for _, id := range ids {
		out = append(out, map[string]any{"TxnId": id, "TxnType": "Payment"})
	}
	return out
}

// unlinkPayment removes a payment's lines for an invoice, leaving their
// amount unapplied; it reports whether anything changed.
func (w *write) unlinkPayment(p map[string]any, invoiceID string) bool {
	var kept []any
	changed := false
	unapplied, _ := number(p["UnappliedAmt"])
	if unapplied == nil {
		unapplied = new(big.Rat)
	}
	for _, l := range list(p["Line"]) {
		ids := linkedInvoices(map[string]any{"Line": []any{l}})
		if len(ids) == 1 && ids[0] == invoiceID {
			amt, _ := number(obj(l)["Amount"])
			if amt != nil {
				unapplied.Add(unapplied, amt)
			}
			changed = true
			continue
		}
		kept = append(kept, l)
	}
	if changed {
		if kept == nil {
			kept = []any{}
		}
		p["Line"] = kept
		p["UnappliedAmt"] = roundCents(unapplied).num()
		w.c.recalcCustomer(refValue(p["CustomerRef"]))
	}
	return changed
}

// recalcCustomer sets a customer's Balance (open invoices less unapplied
// payments) and BalanceWithJobs, and those of its ancestors.
func (c *company) recalcCustomer(id string) {
	cust := c.get("Customer", id)
	if cust == nil {
		return
	}
	var own cents
	for _, inv := range c.Entities["Invoice"] {
		if refValue(inv["CustomerRef"]) == id {
			b, _ := number(inv["Balance"])
			if b != nil {
				own += roundCents(b)
			}
		}
	}
	for _, p := range c.Entities["Payment"] {
		if refValue(p["CustomerRef"]) == id {
			u, _ := number(p["UnappliedAmt"])
			if u != nil {
				own -= roundCents(u)
			}
		}
	}
	withJobs := own
	for _, child := range c.Entities["Customer"] {
		if refValue(child["ParentRef"]) == id {
			b, _ := number(child["BalanceWithJobs"])
			if b != nil {
				withJobs += roundCents(b)
			}
		}
	}
	cust["Balance"] = own.num()
	cust["BalanceWithJobs"] = withJobs.num()
	if parent := refValue(cust["ParentRef"]); parent != "" && parent != id {
		c.recalcCustomer(parent)
	}
}
