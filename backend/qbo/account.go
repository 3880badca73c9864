package qbo

// Account is a ledger account; Ledgerlink reads income accounts to give its
// service items an IncomeAccountRef.
type Account struct {
	ID        string   `json:"Id,omitempty"`
	SyncToken string   `json:"SyncToken,omitempty"`
	MetaData  MetaData `json:"MetaData,omitzero"`

	Name               string         `json:"Name,omitempty"`
	FullyQualifiedName string         `json:"FullyQualifiedName,omitempty"`
	AcctNum            string         `json:"AcctNum,omitempty"`
	Description        string         `json:"Description,omitempty"`
	Active             bool           `json:"Active,omitempty"`
	SubAccount         bool           `json:"SubAccount,omitempty"`
	ParentRef          *ReferenceType `json:"ParentRef,omitempty"`
	Classification     string         `json:"Classification,omitempty"` // Asset, Liability, Equity, Revenue, Expense
	AccountType        string         `json:"AccountType,omitempty"`    // e.g. Income, Bank
	AccountSubType     string         `json:"AccountSubType,omitempty"` // e.g. ServiceFeeIncome
	CurrentBalance     Money          `json:"CurrentBalance,omitzero"`
	CurrencyRef        *ReferenceType `json:"CurrencyRef,omitempty"`
}

// AccountService reads accounts.
type AccountService struct {
	entityService[Account]
}
