package sandbox

import (
	"strings"
	"unicode"
)

func init() {
	register(&kind{name: "Customer", seq: "Customer", nameList: true, build: buildCustomer, after: afterCustomer})
}

// customerPassthrough are kept as sent: the sandbox stores them but has no
// rule about them.
var customerPassthrough = []string{"Title", "Suffix", "MiddleName", "Notes", "WebAddr",
	"OtherContactInfo", "SalesTermRef", "PaymentMethodRef", "ResaleNum", "ARAccountRef",
	"PrimaryTaxIdentifier", "SecondaryTaxIdentifier", "TaxExemptionReasonId", "BusinessNumber",
	"GSTIN", "GSTRegistrationType", "CustomerTypeRef", "Source", "OtherAddr", "ClientEntityId"}

// badName reports whether a name holds what QBO's Customer reference
// forbids in DisplayName, Title, GivenName, MiddleName, FamilyName, Suffix
// and PrintOnCheckName — a colon (it separates a job from its parent in
// FullyQualifiedName), a tab and a new line — or another control character
// (NUL, a carriage return, an escape), which no name has reason to hold
// and which QBO's XML cannot carry. They are 2040 Invalid String.
func badName(s string) bool {
	return strings.Contains(s, ":") || strings.ContainsFunc(s, unicode.IsControl)
}

// buildCustomer applies QBO's customer rules: a name is required (6080),
// DisplayName defaults from the name parts, no name field holds a colon,
// tab, new line or other control character (2040), DisplayName is unique
// across customers, vendors and employees ignoring case (6240); a
// sub-customer's parent must exist; inactive customers keep their name.
func buildCustomer(w *write, prev, in map[string]any) (map[string]any, error) {
	out := map[string]any{}
	keep(out, in, customerPassthrough...)
	for _, f := range []struct {
		name string
		max  int
	}{{"GivenName", 100}, {"FamilyName", 100}, {"MiddleName", 100}, {"Title", 16}, {"Suffix", 16},
		{"CompanyName", 100}, {"PrintOnCheckName", 110}, {"DisplayName", 500}, {"Notes", 2000}} {
		v, err := text(in, f.name, f.max)
		if err != nil {
			return nil, err
		}
		if v != "" {
			out[f.name] = v
		} else {
			delete(out, f.name)
		}
	}
	display := str(out["DisplayName"])
	if display == "" {
		var parts []string
		for _, f := range []string{"Title", "GivenName", "MiddleName", "FamilyName", "Suffix"} {
			if v := str(out[f]); v != "" {
				parts = append(parts, v)
			}
		}
		display = strings.Join(parts, " ")
	}
	if display == "" {
		return nil, errNoName()
	}
	for _, f := range []string{"DisplayName", "Title", "GivenName", "MiddleName", "FamilyName", "Suffix", "PrintOnCheckName"} {
		if badName(str(out[f])) { // a DisplayName made of the parts is bad only if a part is
			return nil, errInvalidString(f)
		}
	}
	prevID := ""
	if prev != nil {
		prevID = str(prev["Id"])
	}
	if w.c.nameTaken(display, prevID) {
		return nil, errDuplicateName(display)
	}
	out["DisplayName"] = display
	if str(out["PrintOnCheckName"]) == "" {
		// QBO fills the name printed on checks from the display name, cut
		// to the field's own limit, so that a later update of a customer
		// with a long name is not refused for a field nobody sent.
		out["PrintOnCheckName"] = truncateRunes(display, 110)
	}

	if email := obj(in["PrimaryEmailAddr"]); email != nil {
		addr := strings.TrimSpace(str(email["Address"]))
		if err := checkEmails(addr); err != nil {
			return nil, err
		}
		if addr != "" {
			out["PrimaryEmailAddr"] = map[string]any{"Address": addr}
		}
	}
	for _, f := range []string{"PrimaryPhone", "Mobile", "AlternatePhone", "Fax"} {
		if p := obj(in[f]); p != nil {
			n, err := text(p, "FreeFormNumber", 30)
			if err != nil {
				return nil, err
			}
			if n != "" {
				out[f] = map[string]any{"FreeFormNumber": n}
			}
		}
	}
	for _, f := range []string{"BillAddr", "ShipAddr"} {
		if a := w.addr(obj(in[f]), obj(prevField(prev, f))); a != nil {
			out[f] = a
		}
	}

	out["Active"] = boolean(in["Active"], true)
	if prev != nil && !out["Active"].(bool) && boolean(prev["Active"], true) {
		if bal, _ := number(prev["Balance"]); bal != nil && bal.Sign() != 0 {
			return nil, validation("6000", "Delete List Has Balance Error",
				"The entity you are trying to delete has an open balance. : This customer cannot be made inactive because it has a non-zero balance", "Active")
		}
	}
	out["Job"] = false
	out["BillWithParent"] = boolean(in["BillWithParent"], false)
	out["Level"] = 0
	out["FullyQualifiedName"] = display
	if pid := refValue(in["ParentRef"]); pid != "" {
		parent := w.c.get("Customer", pid)
		if parent == nil {
			return nil, errInvalidRef("ParentRef", pid)
		}
		for p := parent; p != nil; p = w.c.get("Customer", refValue(p["ParentRef"])) {
			if prevID != "" && str(p["Id"]) == prevID {
				return nil, validation("900", "Parent cannot be child", "A customer cannot be its own parent.", "ParentRef")
			}
		}
		out["ParentRef"] = refTo(parent, "DisplayName")
		out["Job"] = true
		out["Level"] = intOf(parent["Level"]) + 1
		out["FullyQualifiedName"] = str(parent["FullyQualifiedName"]) + ":" + display
	} else {
		out["BillWithParent"] = false
	}

	if v := refValue(in["DefaultTaxCodeRef"]); v != "" {
		if _, err := w.ref(in, "DefaultTaxCodeRef", "TaxCode", false); err != nil {
			return nil, err
		}
		out["DefaultTaxCodeRef"] = map[string]any{"value": v}
	}
	out["Taxable"] = boolean(in["Taxable"], w.c.us())
	cur := countries[w.c.Country]
	out["CurrencyRef"] = map[string]any{"value": cur.currency, "name": cur.currencyName}
	out["PreferredDeliveryMethod"] = str(in["PreferredDeliveryMethod"])
	if out["PreferredDeliveryMethod"] == "" {
		out["PreferredDeliveryMethod"] = "Print"
	}
	// Balances belong to the server: kept from before, recomputed when
	// invoices and payments change.
	out["Balance"] = zeroIfAbsent(prevField(prev, "Balance"))
	out["BalanceWithJobs"] = zeroIfAbsent(prevField(prev, "BalanceWithJobs"))
	return out, nil
}

// afterCustomer keeps sub-customers' full names in step with a renamed
// parent.
func afterCustomer(w *write, prev, cur map[string]any) {
	if prev != nil && cur != nil && str(prev["FullyQualifiedName"]) != str(cur["FullyQualifiedName"]) {
		w.renameJobs(cur)
	}
}

// renameJobs rewrites the names sub-customers derive from parent.
func (w *write) renameJobs(parent map[string]any) {
	for _, c := range w.c.all("Customer") {
		if refValue(c["ParentRef"]) != str(parent["Id"]) {
			continue
		}
		c["ParentRef"] = refTo(parent, "DisplayName")
		c["FullyQualifiedName"] = str(parent["FullyQualifiedName"]) + ":" + str(c["DisplayName"])
		c["Level"] = intOf(parent["Level"]) + 1
		w.renameJobs(c)
	}
}

// checkEmails accepts one address or several separated by commas, as QBO's
// PrimaryEmailAddr does, each needing something on both sides of an @.
func checkEmails(s string) error {
	if s == "" {
		return nil
	}
	if len(s) > 100 {
		return errStringLength("PrimaryEmailAddr.Address", 100, len(s))
	}
	for _, a := range strings.Split(s, ",") {
		a = strings.TrimSpace(a)
		at := strings.LastIndex(a, "@")
		if at <= 0 || at == len(a)-1 || strings.ContainsAny(a, " ;<>") {
			return errBusiness("Email Address does not conform to the syntax rules of RFC 822: "+a, "PrimaryEmailAddr")
		}
	}
	return nil
}

// addr normalises an address, giving it an Id as QBO does (kept on update).
func (w *write) addr(in, prev map[string]any) map[string]any {
	if in == nil {
		return nil
	}
	out := map[string]any{}
	for _, f := range []string{"Line1", "Line2", "Line3", "Line4", "Line5", "City", "Country",
		"CountrySubDivisionCode", "PostalCode", "Lat", "Long"} {
		if v := strings.TrimSpace(str(in[f])); v != "" {
			out[f] = v
		}
	}
	if len(out) == 0 {
		return nil
	}
	switch {
	case str(in["Id"]) != "":
		out["Id"] = str(in["Id"])
	case prev != nil && str(prev["Id"]) != "":
		out["Id"] = str(prev["Id"])
	default:
		out["Id"] = w.c.nextID("Address")
	}
	return out
}

func prevField(prev map[string]any, f string) any {
	if prev == nil {
		return nil
	}
	return prev[f]
}

func zeroIfAbsent(v any) any {
	if v == nil {
		return cents(0).num()
	}
	return v
}

// intOf reads a small JSON integer.
func intOf(v any) int {
	r, ok := number(v)
	if !ok || !r.IsInt() {
		return 0
	}
	return int(r.Num().Int64())
}

// truncateRunes cuts s to at most n characters.
func truncateRunes(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return strings.TrimSpace(string(r[:n]))
	}
	return s
}
