package sandbox

import (
	"net/http"
	"testing"
)

func TestItem_ServiceItem_CreateAndRules(t *testing.T) {
	e := newEnv(t)
	income := str(obj(list(e.query("SELECT * FROM Account WHERE Name = 'Consulting Income'")["Account"])[0])["Id"])
	inactive := str(obj(list(e.query("SELECT * FROM Account WHERE Active = false")["Account"])[0])["Id"])
	it := e.mustCreate("Item", map[string]any{"Name": "Audit Support", "Type": "Service", "UnitPrice": "210.5",
		"IncomeAccountRef": ref(income)})
	if it["Type"] != "Service" || str(it["UnitPrice"]) != "210.5" || str(obj(it["IncomeAccountRef"])["name"]) != "Consulting Income" {
		t.Fatalf("item %v", it)
	}
	cases := []struct {
		name string
		body map[string]any
		code string
		elem string
	}{
		{"NoIncomeAccount_2020", map[string]any{"Name": "No Account", "Type": "Service"}, "2020", "IncomeAccountRef"},
		{"UnknownIncomeAccount_2500", map[string]any{"Name": "Bad Account", "Type": "Service", "IncomeAccountRef": ref("999")}, "2500", "IncomeAccountRef"},
		{"InactiveIncomeAccount_610", map[string]any{"Name": "Old Account", "Type": "Service", "IncomeAccountRef": ref(inactive)}, "610", ""},
		{"DuplicateNameIgnoringCase_6240", map[string]any{"Name": "audit support", "Type": "Service", "IncomeAccountRef": ref(income)}, "6240", ""},
		{"NoName_2020", map[string]any{"Type": "Service", "IncomeAccountRef": ref(income)}, "2020", "Name"},
		{"InventoryNotServed_6000", map[string]any{"Name": "Widget", "Type": "Inventory", "IncomeAccountRef": ref(income)}, "6000", "Type"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, m := e.call("POST", "item", tc.body)
			expectFault(t, status, m, tc.code)
			if tc.elem != "" && faultElement(m) != tc.elem {
				t.Errorf("element %q, want %q", faultElement(m), tc.elem)
			}
		})
	}
}

func TestLists_ReadAndQueryAccountsAndTaxes(t *testing.T) {
	e := newEnv(t)
	for _, entity := range []string{"Account", "TaxCode", "TaxRate", "TaxAgency", "Item"} {
		t.Run(entity, func(t *testing.T) {
			rows := list(e.query("SELECT * FROM " + entity)[entity])
			if len(rows) == 0 {
				t.Fatal("none")
			}
			id := str(obj(rows[0])["Id"])
			status, m := e.call("GET", entity+"/"+id, nil)
			if status != http.StatusOK || str(obj(m[entity])["Id"]) != id {
				t.Fatalf("read %s %s: %d %v", entity, id, status, m)
			}
		})
	}
	t.Run("USPseudoCodesAreListed", func(t *testing.T) {
		for _, id := range []string{"TAX", "NON"} {
			if status, _ := e.call("GET", "taxcode/"+id, nil); status != http.StatusOK {
				t.Errorf("%s: %d", id, status)
			}
		}
	})
	t.Run("CombinedRateIsTheSumOfItsRates", func(t *testing.T) {
		code := e.read("taxcode", e.codeID("Alameda County"))
		var rates []string
		for _, d := range list(obj(code["SalesTaxRateList"])["TaxRateDetail"]) {
			rates = append(rates, str(e.read("taxrate", refValue(obj(d)["TaxRateRef"]))["RateValue"]))
		}
		if len(rates) != 2 || rates[0] != "7.25" || rates[1] != "3" || code["TaxGroup"] != true {
			t.Fatalf("rates %v of %v", rates, code)
		}
	})
}
