package qbo

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestItems_Create_DefaultsToService(t *testing.T) {
	env := newTestEnv(t)
	env.handle("POST", "item", func(w http.ResponseWriter, r *http.Request) {
		testQueryParams(t, r, map[string]string{"requestid": "ob-item-12"})
		testJSONBody(t, r, `{"Name":"Payroll: monthly run","Type":"Service","IncomeAccountRef":{"value":"1"},"UnitPrice":85.5}`)
		serveFile(t, w, 200, "item.json")
	})
	got, err := env.client.Items.Create(context.Background(), "ob-item-12",
		&Item{Name: "Payroll: monthly run", IncomeAccountRef: Ref("1"), UnitPrice: mustDecimal(t, "85.50")})
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != "12" || got.Type != ItemTypeService || got.UnitPrice.String() != "85.5" {
		t.Errorf("item = %+v", got)
	}
}

func TestTaxCodes_Query_CombinedCodeListsRates(t *testing.T) {
	env := newTestEnv(t)
	env.handle("GET", "query", func(w http.ResponseWriter, r *http.Request) {
		testQueryParams(t, r, map[string]string{"query": "SELECT * FROM TaxCode"})
		serveFile(t, w, 200, "taxcode_query.json")
	})
	got, err := env.client.TaxCodes.Query(context.Background(), Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].ID != "TAX" || got[1].Taxable {
		t.Fatalf("codes = %+v", got)
	}
	want := []TaxRateDetail{
		{TaxRateRef: ReferenceType{Value: "5", Name: "NY State"}, TaxTypeApplicable: "TaxOnAmount"},
		{TaxRateRef: ReferenceType{Value: "6", Name: "NYC"}, TaxTypeApplicable: "TaxOnAmount"},
	}
	if diff := cmp.Diff(want, got[2].SalesTaxRateList.TaxRateDetail); diff != "" {
		t.Errorf("combined rates (-want +got):\n%s", diff)
	}
}

func TestTaxRates_Get_RateIsExactDecimal(t *testing.T) {
	env := newTestEnv(t)
	env.handle("GET", "taxrate/5", func(w http.ResponseWriter, r *http.Request) { serveFile(t, w, 200, "taxrate.json") })
	got, err := env.client.TaxRates.Get(context.Background(), "5")
	if err != nil {
		t.Fatal(err)
	}
	if !got.RateValue.Equal(NewDecimal(8875, 3)) || got.AgencyRef.Value != "2" {
		t.Errorf("rate = %+v", got)
	}
}

func TestTaxAgencies_Get(t *testing.T) {
	env := newTestEnv(t)
	env.handle("GET", "taxagency/2", func(w http.ResponseWriter, r *http.Request) { serveFile(t, w, 200, "taxagency.json") })
	got, err := env.client.TaxAgencies.Get(context.Background(), "2")
	if err != nil || got.DisplayName != "New York State Department of Taxation" || !got.TaxTrackedOnSales {
		t.Errorf("agency = %+v, %v", got, err)
	}
}

func TestAccounts_Query_IncomeAccounts(t *testing.T) {
	env := newTestEnv(t)
	env.handle("GET", "query", func(w http.ResponseWriter, r *http.Request) {
		testQueryParams(t, r, map[string]string{"query": "SELECT * FROM Account WHERE AccountType = 'Income' AND Active = true"})
		serveFile(t, w, 200, "account_query.json")
	})
	got, err := env.client.Accounts.Query(context.Background(), Query{}.Where(Eq("AccountType", "Income"), Eq("Active", true)))
	if err != nil || len(got) != 1 || got[0].AccountSubType != "ServiceFeeIncome" {
		t.Errorf("accounts = %+v, %v", got, err)
	}
}

func TestCompany_Info_ReadsByRealm(t *testing.T) {
	env := newTestEnv(t)
	env.handle("GET", "companyinfo/"+testRealm, func(w http.ResponseWriter, r *http.Request) {
		testQueryParams(t, r, nil)
		serveFile(t, w, 200, "companyinfo.json")
	})
	got, err := env.client.Company.Info(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got.CompanyName != "Harbour Street Accounting" || got.Country != "US" || got.CompanyStartDate != (Date{2026, time.January, 5}) {
		t.Errorf("info = %+v", got)
	}
}

func TestCompany_Preferences_ClosingDateAndTax(t *testing.T) {
	env := newTestEnv(t)
	env.handle("GET", "preferences", func(w http.ResponseWriter, r *http.Request) { serveFile(t, w, 200, "preferences.json") })
	got, err := env.client.Company.Preferences(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if got.AccountingInfoPrefs.BookCloseDate != (Date{2026, time.June, 30}) || !got.SalesFormsPrefs.CustomTxnNumbers ||
		!got.TaxPrefs.UsingSalesTax || got.TaxPrefs.PartnerTaxEnabled || got.CurrencyPrefs.HomeCurrency.Value != "USD" {
		t.Errorf("preferences = %+v", got)
	}
}

func TestNewClient_RequiresRealmAndTokens(t *testing.T) {
	if _, err := NewClient(Config{TokenSource: failingTokens{}}); err == nil {
		t.Error("no realm accepted")
	}
	if _, err := NewClient(Config{RealmID: "1"}); err == nil {
		t.Error("no token source accepted")
	}
	if _, err := NewClient(Config{RealmID: "1", TokenSource: failingTokens{}, BaseURL: "not a url"}); err == nil {
		t.Error("relative base URL accepted")
	}
	c, err := NewClient(Config{RealmID: "1", TokenSource: failingTokens{}})
	if err != nil || c.company != ProductionBaseURL+"/v3/company/1/" || c.http.Timeout != DefaultTimeout {
		t.Errorf("defaults: %v %q %v", err, c.company, c.http.Timeout)
	}
}
