package sandbox

import (
	"cmp"
	"strconv"
	"strings"
)

func init() {
	register(&kind{name: "Invoice", seq: "Txn", build: buildInvoice,
		remove: removeInvoice, void: voidInvoice, after: afterInvoice})
}

var invoicePassthrough = []string{"CustomerMemo", "PrivateNote", "BillAddr", "ShipAddr",
	"ShipFromAddr", "SalesTermRef", "ClassRef", "DepartmentRef", "CustomField", "TrackingNum",
	"ShipDate", "ShipMethodRef", "BillEmailCc", "BillEmailBcc", "AllowOnlinePayment",
	"AllowOnlineCreditCardPayment", "AllowOnlineACHPayment", "AllowIPNPayment", "TxnSource",
	"TransactionLocationType", "ProjectRef"}

// buildInvoice applies QBO's invoice rules: CustomerRef required, closing
// date (6210), DocNumber unique (6140, when the company asks for that) or
// generated, line amounts equal to
// UnitPrice × Qty (6070), the country's tax model (US: TAX/NON lines and one
// TxnTaxCodeRef, 6100; elsewhere real codes on every line), totals and
// balance computed by the server.
func buildInvoice(w *write, prev, in map[string]any) (map[string]any, error) {
	out := map[string]any{}
	keep(out, in, invoicePassthrough...)
	cust, err := w.ref(in, "CustomerRef", "Customer", true)
	if err != nil {
		return nil, err
	}
	out["CustomerRef"] = refTo(cust, "DisplayName")
	txnDate, dueDate, err := w.txnDates(prev, in, true)
	if err != nil {
		return nil, err
	}
	out["TxnDate"], out["DueDate"] = txnDate, dueDate

	doc, err := w.docNumber(prev, in)
	if err != nil {
		return nil, err
	}
	if doc != "" {
		out["DocNumber"] = doc
	}

	lines, taxLines, subtotal, err := w.salesLines(in)
	if err != nil {
		return nil, err
	}
	tax, err := w.invoiceTax(in, out, taxLines)
	if err != nil {
		return nil, err
	}
	out["Line"] = append(lines, map[string]any{
		"Amount": subtotal.num(), "DetailType": "SubTotalLineDetail", "SubTotalLineDetail": map[string]any{}})
	out["TxnTaxDetail"] = tax.detail
	total := subtotal + tax.total
	out["TotalAmt"] = total.num()
	out["HomeTotalAmt"] = total.num()

	id := str(prevField(prev, "Id"))
	applied := w.c.appliedTo(id, "")
	if total < applied {
		return nil, errBusiness("The invoice total "+total.String()+" is less than the payments applied to it ("+applied.String()+"). Unlink or change the payments first.", "TotalAmt")
	}
	out["Balance"] = (total - applied).num()
	out["Deposit"] = cents(0).num()
	if links := w.c.paymentLinks(id); len(links) > 0 {
		out["LinkedTxn"] = links
	}

	if be := obj(in["BillEmail"]); be != nil {
		addr := strings.TrimSpace(str(be["Address"]))
		if err := checkEmails(addr); err != nil {
			return nil, err
		}
		if addr != "" {
			out["BillEmail"] = map[string]any{"Address": addr}
		}
	}
	out["EmailStatus"] = cmp.Or(str(in["EmailStatus"]), str(prevField(prev, "EmailStatus")), "NotSet")
	out["PrintStatus"] = cmp.Or(str(in["PrintStatus"]), "NotSet")
	if di := prevField(prev, "DeliveryInfo"); di != nil {
		out["DeliveryInfo"] = di
	}
	c := countries[w.c.Country]
	out["CurrencyRef"] = map[string]any{"value": c.currency, "name": c.currencyName}
	return out, nil
}

// txnDates reads TxnDate (today in the company's zone when absent) and,
// for invoices, DueDate (TxnDate when absent), and applies the closing
// date: QBO refuses a write dated on or before it, and a change to a
// transaction that was.
func (w *write) txnDates(prev, in map[string]any, due bool) (txnDate, dueDate string, err error) {
	txnDate = day(w.now)
	if s := str(in["TxnDate"]); s != "" {
		if txnDate, err = dateField("TxnDate", s); err != nil {
			return "", "", err
		}
	}
	if err := w.checkOpen(txnDate); err != nil {
		return "", "", err
	}
	if prev != nil {
		if err := w.checkOpen(str(prev["TxnDate"])); err != nil {
			return "", "", err
		}
	}
	if !due {
		return txnDate, "", nil
	}
	dueDate = txnDate
	if s := str(in["DueDate"]); s != "" {
		if dueDate, err = dateField("DueDate", s); err != nil {
			return "", "", err
		}
	}
	return txnDate, dueDate, nil
}

// checkOpen refuses a transaction date inside the closed books (6210).
func (w *write) checkOpen(date string) error {
	closed := w.c.closingDate()
	if closed != "" && date != "" && date <= closed {
		return errClosedPeriod()
	}
	return nil
}

func dateField(field, s string) (string, error) {
	d, ok := parseDate(s)
	if !ok {
		return "", errBusiness(field+" must be a date in the form YYYY-MM-DD; got "+s, field)
	}
	return d, nil
}

// docNumber decides an invoice's number. With custom transaction numbers
// off (or AutoDocNumber) QBO numbers invoices itself when none is sent. A
// number already used is refused (6140) only when the company has custom
// transaction numbers on and its duplicate-number warning too (a setting
// the API cannot read, see CompanySettings), and the request does not say
// include=allowduplicatedocnum; otherwise QBO takes it.
func (w *write) docNumber(prev, in map[string]any) (string, error) {
	doc, err := text(in, "DocNumber", 21)
	if err != nil {
		return "", err
	}
	if doc == "" && prev != nil {
		doc = str(prev["DocNumber"])
	}
	if doc == "" && (boolean(in["AutoDocNumber"], false) || !w.c.customTxnNumbers()) {
		return w.c.nextDocNumber(), nil
	}
	if doc == "" || w.include["allowduplicatedocnum"] || !w.c.customTxnNumbers() || !w.c.WarnDuplicateDocNumbers {
		return doc, nil
	}
	prevID := str(prevField(prev, "Id"))
	if o := w.c.find("Invoice", func(o map[string]any) bool {
		return str(o["Id"]) != prevID && strings.EqualFold(str(o["DocNumber"]), doc)
	}); o != nil {
		return "", errDuplicateDocNumber(doc, "Invoice", str(o["Id"]))
	}
	return doc, nil
}

// nextDocNumber is one more than the largest numeric invoice number, from 1001.
func (c *company) nextDocNumber() string {
	n := 1000
	for _, o := range c.Entities["Invoice"] {
		if v, err := strconv.Atoi(str(o["DocNumber"])); err == nil && v > n {
			n = v
		}
	}
	return strconv.Itoa(n + 1)
}

// invoiceTax computes TxnTaxDetail for the company's tax model.
func (w *write) invoiceTax(in, out map[string]any, lines []taxLine) (taxResult, error) {
	if w.c.us() {
		if !w.c.usingSalesTax() {
			return taxResult{detail: map[string]any{"TotalTax": cents(0).num()}}, nil
		}
		var code map[string]any
		if id := refValue(obj(in["TxnTaxDetail"])["TxnTaxCodeRef"]); id != "" {
			if id == codeTAX || id == codeNON {
				return taxResult{}, errUSLineTaxCode(id)
			}
			c, err := w.ref(obj(in["TxnTaxDetail"]), "TxnTaxCodeRef", "TaxCode", false)
			if err != nil {
				return taxResult{}, err
			}
			code = c
		}
		return w.c.taxUS(lines, code), nil
	}
	gtc := globalTaxCalculation(in)
	switch gtc {
	case "TaxExcluded", "TaxInclusive":
	case "NotApplicable":
		out["GlobalTaxCalculation"] = gtc
		return taxResult{detail: map[string]any{"TotalTax": cents(0).num()}}, nil
	default:
		return taxResult{}, validation("2170", "Invalid Enumeration",
			"Invalid Enumeration : "+gtc+" (GlobalTaxCalculation is TaxExcluded, TaxInclusive or NotApplicable)", "GlobalTaxCalculation")
	}
	out["GlobalTaxCalculation"] = gtc
	for _, l := range lines {
		if l.code == "" {
			return taxResult{}, errBusiness("Make sure all your transactions have a tax rate before you save: every line needs a TaxCodeRef.", "TaxCodeRef")
		}
	}
	return w.c.taxByLine(lines), nil
}

// globalTaxCalculation reads the non-US tax mode; TaxExcluded by default.
func globalTaxCalculation(in map[string]any) string {
	if g := str(in["GlobalTaxCalculation"]); g != "" {
		return g
	}
	return "TaxExcluded"
}

// removeInvoice allows deleting an invoice with no payments applied.
func removeInvoice(w *write, cur map[string]any) error {
	if err := w.checkOpen(str(cur["TxnDate"])); err != nil {
		return err
	}
	if w.c.appliedTo(str(cur["Id"]), "") > 0 {
		return errBusiness("This invoice has payments applied to it. Delete or change the payments first.", "")
	}
	return nil
}

// voidInvoice zeroes an invoice's amounts and keeps it, as QBO does. A
// payment that was applied to it becomes unapplied credit.
func voidInvoice(w *write, o map[string]any) (map[string]any, error) {
	if err := w.checkOpen(str(o["TxnDate"])); err != nil {
		return nil, err
	}
	id := str(o["Id"])
	for _, p := range w.c.Entities["Payment"] {
		if w.unlinkPayment(p, id) {
			w.touch(p)
		}
	}
	for _, l := range list(o["Line"]) {
		line := obj(l)
		line["Amount"] = cents(0).num()
		if d := obj(line["SalesItemLineDetail"]); d != nil {
			d["Qty"] = cents(0).num()
			d["UnitPrice"] = cents(0).num()
		}
	}
	zero := cents(0).num()
	o["TotalAmt"], o["HomeTotalAmt"], o["Balance"] = zero, zero, zero
	o["TxnTaxDetail"] = map[string]any{"TotalTax": zero}
	o["PrivateNote"] = "Voided"
	delete(o, "LinkedTxn")
	return o, nil
}

// afterInvoice brings the customers' balances up to date.
func afterInvoice(w *write, prev, cur map[string]any) {
	for _, o := range []map[string]any{prev, cur} {
		if o != nil {
			w.c.recalcCustomer(refValue(o["CustomerRef"]))
		}
	}
}
