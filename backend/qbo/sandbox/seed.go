package sandbox

import (
	"fmt"
	"math/big"
	"time"
)

// seed builds a company as a new QBO company of the country starts (chart
// of accounts, tax setup, the Services and Hours items), plus, for "demo",
// the demo customers, items, invoices and payments.
func seed(kindName, country, realm string, now time.Time) (*company, error) {
	c := newCompany(realm, country)
	// The base company was set up well before today, so that a CDC over the
	// recent past shows what clients did, not the setup.
	w := &write{c: c, now: now.Add(-90 * 24 * time.Hour), include: map[string]bool{}}
	w.seedCompanyInfo(kindName)
	w.seedAccounts()
	w.seedTax()
	for _, it := range []map[string]any{
		{"Name": "Services", "Type": "Service", "IncomeAccountRef": map[string]any{"value": "1"}},
		{"Name": "Hours", "Type": "Service", "IncomeAccountRef": map[string]any{"value": "1"}},
	} {
		if _, err := w.create(kinds["item"], it); err != nil {
			return nil, fmt.Errorf("sandbox: seed item: %w", err)
		}
	}
	if kindName == "demo" {
		if err := seedDemo(w, now); err != nil {
			return nil, fmt.Errorf("sandbox: seed demo company: %w", err)
		}
		c.WarnDuplicateDocNumbers = true
	}
	return c, nil
}

// insert stores a seeded object of a read-only entity.
func (w *write) insert(entity, seq string, o map[string]any) map[string]any {
	o["Id"] = w.c.nextID(seq)
	o["SyncToken"] = "0"
	o["domain"] = "QBO"
	o["sparse"] = false
	o["MetaData"] = map[string]any{"CreateTime": stamp(w.now), "LastUpdatedTime": stamp(w.now)}
	w.c.put(entity, o)
	return o
}

func (w *write) seedCompanyInfo(kindName string) {
	ctry := countries[w.c.Country]
	name := fmt.Sprintf("Sandbox Company_%s_1", w.c.Country)
	if kindName == "demo" {
		name = "Ledgerlink Demo Company (" + w.c.Country + ")"
	}
	w.insert("CompanyInfo", "CompanyInfo", map[string]any{
		"CompanyName": name, "LegalName": name,
		"CompanyAddr": withID(ctry.addr, "1"), "LegalAddr": withID(ctry.addr, "1"),
		"CustomerCommunicationAddr": withID(ctry.addr, "1"),
		"PrimaryPhone":              map[string]any{}, "Email": map[string]any{"Address": "books@example.com"},
		"WebAddr": map[string]any{}, "Country": ctry.code, "SupportedLanguages": "en",
		"CompanyStartDate": day(w.now), "FiscalYearStartMonth": "January",
		"NameValue": []any{
			map[string]any{"Name": "OfferingSku", "Value": "QuickBooks Online Plus"},
			map[string]any{"Name": "SubscriptionStatus", "Value": "SUBSCRIBED"},
			map[string]any{"Name": "CompanyType", "Value": "Other"},
			map[string]any{"Name": "NeoEnabled", "Value": "true"},
		},
	})
	taxPrefs := map[string]any{"UsingSalesTax": true}
	if w.c.us() {
		taxPrefs["PartnerTaxEnabled"] = false
	}
	w.insert("Preferences", "Preferences", map[string]any{
		"AccountingInfoPrefs": map[string]any{"TrackDepartments": false, "ClassTrackingPerTxn": false,
			"ClassTrackingPerTxnLine": false, "CustomerTerminology": "Customers", "UseAccountNumbers": false},
		"ProductAndServicesPrefs": map[string]any{"ForSales": true, "ForPurchase": true,
			"QuantityWithPriceAndRate": true, "QuantityOnHand": false},
		"SalesFormsPrefs": map[string]any{"CustomTxnNumbers": kindName == "demo", "AllowDeposit": false,
			"AllowDiscount": false, "AllowEstimates": true, "AllowShipping": false, "AutoApplyCredit": true,
			"AutoApplyPayments": true, "UsingPriceLevels": false, "ETransactionEnabledStatus": "NotApplicable"},
		"TaxPrefs": taxPrefs,
		"CurrencyPrefs": map[string]any{"MultiCurrencyEnabled": false,
			"HomeCurrency": map[string]any{"value": ctry.currency}},
		"ReportPrefs": map[string]any{"ReportBasis": "Accrual", "CalcAgingReportFromTxnDate": false},
	})
}

func withID(m map[string]any, id string) map[string]any {
	o := cloneObj(m)
	o["Id"] = id
	return o
}

// seedAccounts creates the chart of accounts items and payments refer to.
// Account 1 is the income account of the default items.
func (w *write) seedAccounts() {
	ctry := countries[w.c.Country]
	taxPayable := "Sales Tax Payable"
	if !w.c.us() {
		taxPayable = "GST/VAT Payable"
	}
	for _, a := range []struct {
		name, typ, sub, class string
		active                bool
	}{
		{"Services", "Income", "ServiceFeeIncome", "Revenue", true},
		{"Sales of Product Income", "Income", "SalesOfProductIncome", "Revenue", true},
		{"Accounts Receivable (A/R)", "Accounts Receivable", "AccountsReceivable", "Asset", true},
		{"Undeposited Funds", "Other Current Asset", "UndepositedFunds", "Asset", true},
		{"Checking", "Bank", "Checking", "Asset", true},
		{taxPayable, "Other Current Liability", "GlobalTaxPayable", "Liability", true},
		{"Consulting Income", "Income", "ServiceFeeIncome", "Revenue", true},
		{"Old Consulting Income", "Income", "ServiceFeeIncome", "Revenue", false},
	} {
		w.insert("Account", "Account", map[string]any{
			"Name": a.name, "FullyQualifiedName": a.name, "SubAccount": false, "Active": a.active,
			"Classification": a.class, "AccountType": a.typ, "AccountSubType": a.sub,
			"CurrentBalance": cents(0).num(), "CurrentBalanceWithSubAccounts": cents(0).num(),
			"CurrencyRef": map[string]any{"value": ctry.currency, "name": ctry.currencyName},
		})
	}
}

// seedTax creates the country's agencies, rates and codes (and, in the
// US, the TAX and NON pseudo codes).
func (w *write) seedTax() {
	ctry := countries[w.c.Country]
	var agencies, rates []map[string]any
	for _, name := range ctry.agencies {
		agencies = append(agencies, w.insert("TaxAgency", "TaxAgency", map[string]any{
			"DisplayName": name, "TaxTrackedOnSales": true, "TaxTrackedOnPurchases": !w.c.us(),
		}))
	}
	for _, r := range ctry.rates {
		rates = append(rates, w.insert("TaxRate", "TaxRate", map[string]any{
			"Name": r.name, "Description": r.name, "Active": true, "RateValue": decNumber(mustRat(r.percent)),
			"AgencyRef": map[string]any{"value": str(agencies[r.agency]["Id"])}, "SpecialTaxType": "NONE",
			"DisplayType":      "ReadOnly",
			"EffectiveTaxRate": []any{map[string]any{"RateValue": decNumber(mustRat(r.percent)), "EffectiveDate": day(w.now)}},
		}))
	}
	if w.c.us() {
		for _, p := range []struct {
			id      string
			taxable bool
		}{{codeTAX, true}, {codeNON, false}} {
			w.c.put("TaxCode", map[string]any{"Id": p.id, "Name": p.id, "Description": p.id,
				"Taxable": p.taxable, "TaxGroup": false, "Active": true, "domain": "QBO", "sparse": false,
				"SyncToken": "0", "MetaData": map[string]any{"CreateTime": stamp(w.now), "LastUpdatedTime": stamp(w.now)}})
		}
	}
	for _, cs := range ctry.codes {
		var details []any
		for i, ri := range cs.rates {
			details = append(details, map[string]any{
				"TaxRateRef":        refTo(rates[ri], "Name"),
				"TaxTypeApplicable": "TaxOnAmount", "TaxOrder": i,
			})
		}
		w.insert("TaxCode", "TaxCode", map[string]any{
			"Name": cs.name, "Description": cs.desc, "Active": true, "Hidden": false, "Taxable": true,
			"TaxGroup":            len(cs.rates) > 1,
			"SalesTaxRateList":    map[string]any{"TaxRateDetail": details},
			"PurchaseTaxRateList": map[string]any{"TaxRateDetail": []any{}},
		})
	}
}

func mustRat(s string) *big.Rat {
	r, ok := number(s)
	if !ok {
		panic("sandbox: bad seed number " + s)
	}
	return r
}
