package qbo

// TaxCode is what an invoice line (non-US) or an invoice's TxnTaxDetail (US)
// refers to. A combined code lists several rates in SalesTaxRateList. In US
// companies the pseudo codes "TAX" and "NON" (Ids as well as names) are the
// only codes a line may carry.
type TaxCode struct {
	ID        string   `json:"Id,omitempty"`
	SyncToken string   `json:"SyncToken,omitempty"`
	MetaData  MetaData `json:"MetaData,omitzero"`

	Name                string      `json:"Name,omitempty"`
	Description         string      `json:"Description,omitempty"`
	Active              bool        `json:"Active,omitempty"`
	Taxable             bool        `json:"Taxable,omitempty"`
	TaxGroup            bool        `json:"TaxGroup,omitempty"`
	Hidden              bool        `json:"Hidden,omitempty"`
	SalesTaxRateList    TaxRateList `json:"SalesTaxRateList,omitzero"`
	PurchaseTaxRateList TaxRateList `json:"PurchaseTaxRateList,omitzero"`
}

// TaxRateList lists the rates of a tax code.
type TaxRateList struct {
	TaxRateDetail []TaxRateDetail `json:"TaxRateDetail"`
}

// IsZero reports whether l lists no rates; json's omitzero uses it.
func (l TaxRateList) IsZero() bool { return len(l.TaxRateDetail) == 0 }

// TaxRateDetail is one rate of a tax code, and how it applies.
type TaxRateDetail struct {
	TaxRateRef        ReferenceType `json:"TaxRateRef"`
	TaxTypeApplicable string        `json:"TaxTypeApplicable,omitempty"` // e.g. TaxOnAmount
	TaxOrder          int           `json:"TaxOrder"`
}

// TaxCodeService reads tax codes (QBO creates them through its TaxService).
type TaxCodeService struct {
	entityService[TaxCode]
}

// TaxRate is one rate, in percent (RateValue 8.875 is 8.875 %), collected
// for the agency in AgencyRef.
type TaxRate struct {
	ID        string   `json:"Id,omitempty"`
	SyncToken string   `json:"SyncToken,omitempty"`
	MetaData  MetaData `json:"MetaData,omitzero"`

	Name           string         `json:"Name,omitempty"`
	Description    string         `json:"Description,omitempty"`
	Active         bool           `json:"Active,omitempty"`
	RateValue      Decimal        `json:"RateValue"`
	AgencyRef      *ReferenceType `json:"AgencyRef,omitempty"`
	SpecialTaxType string         `json:"SpecialTaxType,omitempty"`
	DisplayType    string         `json:"DisplayType,omitempty"`
}

// TaxRateService reads tax rates.
type TaxRateService struct {
	entityService[TaxRate]
}

// TaxAgency is the authority a tax rate is collected for.
type TaxAgency struct {
	ID        string   `json:"Id,omitempty"`
	SyncToken string   `json:"SyncToken,omitempty"`
	MetaData  MetaData `json:"MetaData,omitzero"`

	DisplayName           string `json:"DisplayName,omitempty"`
	TaxRegistrationNumber string `json:"TaxRegistrationNumber,omitempty"`
	TaxTrackedOnSales     bool   `json:"TaxTrackedOnSales,omitempty"`
	TaxTrackedOnPurchases bool   `json:"TaxTrackedOnPurchases,omitempty"`
}

// TaxAgencyService reads tax agencies.
type TaxAgencyService struct {
	entityService[TaxAgency]
}
