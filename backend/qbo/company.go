package qbo

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
)

// CompanyInfo describes the connected company.
type CompanyInfo struct {
	ID        string   `json:"Id,omitempty"`
	SyncToken string   `json:"SyncToken,omitempty"`
	MetaData  MetaData `json:"MetaData,omitzero"`

	CompanyName          string           `json:"CompanyName,omitempty"`
	LegalName            string           `json:"LegalName,omitempty"`
	Country              string           `json:"Country,omitempty"` // e.g. "US", "CA", "GB"
	CompanyAddr          *PhysicalAddress `json:"CompanyAddr,omitempty"`
	Email                *EmailAddress    `json:"Email,omitempty"`
	CompanyStartDate     Date             `json:"CompanyStartDate,omitzero"`
	FiscalYearStartMonth string           `json:"FiscalYearStartMonth,omitempty"`
	SupportedLanguages   string           `json:"SupportedLanguages,omitempty"`
	NameValue            []NameValue      `json:"NameValue,omitempty"`
}

// Preferences are the company settings Ledgerlink obeys.
type Preferences struct {
	ID        string   `json:"Id,omitempty"`
	SyncToken string   `json:"SyncToken,omitempty"`
	MetaData  MetaData `json:"MetaData,omitzero"`

	AccountingInfoPrefs AccountingInfoPrefs `json:"AccountingInfoPrefs,omitzero"`
	SalesFormsPrefs     SalesFormsPrefs     `json:"SalesFormsPrefs,omitzero"`
	TaxPrefs            TaxPrefs            `json:"TaxPrefs,omitzero"`
	CurrencyPrefs       CurrencyPrefs       `json:"CurrencyPrefs,omitzero"`
}

// AccountingInfoPrefs holds the closing date: writes dated on or before
// BookCloseDate fail with 6210 or 6200 (IsClosedPeriod). Zero when books are open.
type AccountingInfoPrefs struct {
	BookCloseDate          Date   `json:"BookCloseDate,omitzero"`
	FirstMonthOfFiscalYear string `json:"FirstMonthOfFiscalYear,omitempty"`
}

// SalesFormsPrefs says whether invoice numbers are the caller's: when
// CustomTxnNumbers is false, QBO generates DocNumber itself.
type SalesFormsPrefs struct {
	CustomTxnNumbers bool `json:"CustomTxnNumbers"`
}

// TaxPrefs tells how the company taxes sales. PartnerTaxEnabled is US
// automated sales tax, where QBO computes the tax.
type TaxPrefs struct {
	UsingSalesTax     bool `json:"UsingSalesTax"`
	PartnerTaxEnabled bool `json:"PartnerTaxEnabled"`
}

// CurrencyPrefs tells whether amounts may be in more than one currency.
type CurrencyPrefs struct {
	MultiCurrencyEnabled bool           `json:"MultiCurrencyEnabled"`
	HomeCurrency         *ReferenceType `json:"HomeCurrency,omitempty"`
}

// CompanyService reads the company's description and settings.
type CompanyService struct {
	client *Client
}

// Info reads the CompanyInfo of the client's realm.
func (s *CompanyService) Info(ctx context.Context) (*CompanyInfo, error) {
	var v CompanyInfo
	if err := s.read(ctx, "companyinfo/"+url.PathEscape(s.client.realmID), "CompanyInfo", &v); err != nil {
		return nil, err
	}
	return &v, nil
}

// Preferences reads the company's Preferences.
func (s *CompanyService) Preferences(ctx context.Context) (*Preferences, error) {
	var v Preferences
	if err := s.read(ctx, "preferences", "Preferences", &v); err != nil {
		return nil, err
	}
	return &v, nil
}

func (s *CompanyService) read(ctx context.Context, path, entity string, v any) error {
	req, err := s.client.NewRequest(http.MethodGet, path, nil)
	if err != nil {
		return err
	}
	req.Entity, req.Kind = entity, "read"
	var env map[string]json.RawMessage
	if err := s.client.Do(ctx, req, &env); err != nil {
		return err
	}
	raw, ok := pick(env, entity)
	if !ok {
		return fmt.Errorf("qbo: %s: %w: it holds no %s", req.op(), ErrUnreadable, entity)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		return fmt.Errorf("qbo: %s: %w: decode %s: %w", req.op(), ErrUnreadable, entity, err)
	}
	return nil
}
