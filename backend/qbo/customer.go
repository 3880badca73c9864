package qbo

import "context"

// Customer is a QBO customer or, with Job set, a sub-customer. DisplayName
// is unique across customers, vendors and employees (else 6240); it and the
// other name fields (Title, GivenName, MiddleName, FamilyName, Suffix,
// PrintOnCheckName) may not hold a colon, tab or new line (else 2040,
// ErrInvalidString); with no name field at all QBO answers 6080. Customers are
// deactivated (Active=false), never deleted.
type Customer struct {
	ID        string   `json:"Id,omitempty"`
	SyncToken string   `json:"SyncToken,omitempty"`
	Sparse    bool     `json:"sparse,omitempty"`
	MetaData  MetaData `json:"MetaData,omitzero"`

	DisplayName      *string `json:"DisplayName,omitempty"`
	Title            *string `json:"Title,omitempty"`
	GivenName        *string `json:"GivenName,omitempty"`
	MiddleName       *string `json:"MiddleName,omitempty"`
	FamilyName       *string `json:"FamilyName,omitempty"`
	Suffix           *string `json:"Suffix,omitempty"`
	CompanyName      *string `json:"CompanyName,omitempty"`
	PrintOnCheckName *string `json:"PrintOnCheckName,omitempty"`
	Notes            *string `json:"Notes,omitempty"`

	PrimaryEmailAddr *EmailAddress    `json:"PrimaryEmailAddr,omitempty"`
	PrimaryPhone     *TelephoneNumber `json:"PrimaryPhone,omitempty"`
	Mobile           *TelephoneNumber `json:"Mobile,omitempty"`
	AlternatePhone   *TelephoneNumber `json:"AlternatePhone,omitempty"`
	Fax              *TelephoneNumber `json:"Fax,omitempty"`
	BillAddr         *PhysicalAddress `json:"BillAddr,omitempty"` // mailing address
	ShipAddr         *PhysicalAddress `json:"ShipAddr,omitempty"` // physical address

	Active            *bool          `json:"Active,omitempty"`
	Job               *bool          `json:"Job,omitempty"`
	BillWithParent    *bool          `json:"BillWithParent,omitempty"`
	ParentRef         *ReferenceType `json:"ParentRef,omitempty"`
	Taxable           *bool          `json:"Taxable,omitempty"`
	DefaultTaxCodeRef *ReferenceType `json:"DefaultTaxCodeRef,omitempty"`
	CurrencyRef       *ReferenceType `json:"CurrencyRef,omitempty"`

	FullyQualifiedName string `json:"FullyQualifiedName,omitempty"` // read only
	Level              int    `json:"Level,omitempty"`              // read only; 0 for a top-level customer
	Balance            Money  `json:"Balance,omitzero"`             // read only
}

// EntityName returns "Customer".
func (Customer) EntityName() string { return "Customer" }

// CustomerService reads and writes customers. Get, Query, All and Count
// come from the shared entity service.
type CustomerService struct {
	entityService[Customer]
}

// Create makes a customer. requestID (from the caller's outbox) makes the
// call idempotent: repeating it returns the same customer.
func (s *CustomerService) Create(ctx context.Context, requestID string, c *Customer) (*Customer, error) {
	return s.write(ctx, "create", "", requestID, c)
}

// Update applies a sparse update: only the fields set in c change. c must
// carry the Id and the SyncToken last read (else 5010, IsStaleObject).
func (s *CustomerService) Update(ctx context.Context, requestID string, c *Customer) (*Customer, error) {
	if err := checkIDAndToken("update Customer", c.ID, c.SyncToken); err != nil {
		return nil, err
	}
	sparse := *c
	sparse.Sparse = true
	return s.write(ctx, "update", "", requestID, &sparse)
}
