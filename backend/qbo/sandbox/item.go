package sandbox

import (
	"strings"
	"unicode"
)

func init() {
	register(&kind{name: "Item", seq: "Item", nameList: true, build: buildItem})
	// Accounts are read and queried; the chart of accounts is seeded.
	register(&kind{name: "Account", seq: "Account", nameList: true})
}

var itemPassthrough = []string{"PurchaseDesc", "PurchaseCost", "ExpenseAccountRef", "ClassRef",
	"Source", "ServiceType", "PurchaseTaxIncluded", "PurchaseTaxCodeRef", "PrefVendorRef",
	"ReorderPoint", "ManPartNum", "SalesTaxIncluded"}

// buildItem applies QBO's item rules for the types the sandbox serves
// (Service and NonInventory): Name required and unique among items (6240),
// IncomeAccountRef required (2020) and pointing at an active account.
func buildItem(w *write, prev, in map[string]any) (map[string]any, error) {
	out := map[string]any{}
	keep(out, in, itemPassthrough...)
	name, err := text(in, "Name", 100)
	if err != nil {
		return nil, err
	}
	if name == "" {
		return nil, errRequired("Name")
	}
	if strings.Contains(name, ":") {
		return nil, errItemNameColon()
	}
	if strings.ContainsFunc(name, unicode.IsControl) {
		return nil, errInvalidString("Name")
	}
	prevID := str(prevField(prev, "Id"))
	if w.c.find("Item", func(o map[string]any) bool {
		return str(o["Id"]) != prevID && foldName(str(o["Name"])) == foldName(name)
	}) != nil {
		return nil, errDuplicateItemName(name)
	}
	out["Name"] = name
	typ := str(in["Type"])
	if typ == "" {
		typ = "Service"
	}
	if typ != "Service" && typ != "NonInventory" {
		return nil, errBusiness("Item Type "+typ+" is not supported by this sandbox (Service or NonInventory).", "Type")
	}
	out["Type"] = typ
	acct, err := w.ref(in, "IncomeAccountRef", "Account", true)
	if err != nil {
		return nil, err
	}
	out["IncomeAccountRef"] = refTo(acct, "Name")
	for _, f := range []struct {
		name string
		max  int
	}{{"Description", 4000}, {"Sku", 100}} {
		v, err := text(in, f.name, f.max)
		if err != nil {
			return nil, err
		}
		if v != "" {
			out[f.name] = v
		}
	}
	price, _, err := moneyField(in, "UnitPrice")
	if err != nil {
		return nil, errBusiness("UnitPrice must be a number", "UnitPrice")
	}
	if price == nil {
		price = cents(0).rat()
	}
	out["UnitPrice"] = decNumber(price)
	if v := refValue(in["SalesTaxCodeRef"]); v != "" {
		code, err := w.ref(in, "SalesTaxCodeRef", "TaxCode", false)
		if err != nil {
			return nil, err
		}
		out["SalesTaxCodeRef"] = refTo(code, "Name")
	}
	out["Taxable"] = boolean(in["Taxable"], w.c.us())
	out["Active"] = boolean(in["Active"], true)
	out["TrackQtyOnHand"] = false
	out["SubItem"] = false
	out["Level"] = 0
	out["FullyQualifiedName"] = name
	if pid := refValue(in["ParentRef"]); pid != "" {
		parent := w.c.get("Item", pid)
		if parent == nil || pid == prevID {
			return nil, errInvalidRef("ParentRef", pid)
		}
		out["ParentRef"] = refTo(parent, "Name")
		out["SubItem"] = true
		out["Level"] = intOf(parent["Level"]) + 1
		out["FullyQualifiedName"] = str(parent["FullyQualifiedName"]) + ":" + name
	}
	return out, nil
}
