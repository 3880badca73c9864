package qbo

// Field conventions of the entity types:
//
//   - Optional scalar fields a caller writes are pointers (new("x") makes
//     one), so that a sparse update sends exactly what was set: false, "" and
//     0 included, nothing else.
//   - Read-only fields (MetaData, Balance, FullyQualifiedName…) are values,
//     left out of requests by omitempty/omitzero.
//   - Nested aggregates (addresses, e-mail, phones) are pointers; QBO replaces
//     an aggregate that is sent as a whole.
//
// Unknown fields in answers are ignored, so new QBO fields break nothing.

// Entity is an object that can travel in a batch: *Customer, *Invoice,
// *Payment, *Item.
type Entity interface {
	// EntityName returns QBO's name for the entity, e.g. "Invoice".
	EntityName() string
}

// ReferenceType points at another object: its Id in Value, its display name
// in Name (informational; QBO goes by Value).
type ReferenceType struct {
	Value string `json:"value"`
	Name  string `json:"name,omitempty"`
}

// Ref returns a reference to the object with Id id.
func Ref(id string) *ReferenceType { return &ReferenceType{Value: id} }

// MetaData is QBO's record of when an object was made and last changed,
// stamped with the company's zone offset.
type MetaData struct {
	CreateTime      DateTime `json:"CreateTime,omitzero"`
	LastUpdatedTime DateTime `json:"LastUpdatedTime,omitzero"`
}

// EmailAddress holds one address, or several separated by commas as QBO
// allows in Customer.PrimaryEmailAddr. Address is always sent, so that ""
// clears it.
type EmailAddress struct {
	Address string `json:"Address"`
}

// TelephoneNumber is a phone number as typed. FreeFormNumber is always
// sent, so that "" clears it.
type TelephoneNumber struct {
	FreeFormNumber string `json:"FreeFormNumber"`
}

// PhysicalAddress is a postal address. Lines 1–5 hold what does not fit the
// structured fields; Lat and Long are QBO's geocoding (sometimes "INVALID").
type PhysicalAddress struct {
	ID                     string `json:"Id,omitempty"`
	Line1                  string `json:"Line1,omitempty"`
	Line2                  string `json:"Line2,omitempty"`
	Line3                  string `json:"Line3,omitempty"`
	Line4                  string `json:"Line4,omitempty"`
	Line5                  string `json:"Line5,omitempty"`
	City                   string `json:"City,omitempty"`
	CountrySubDivisionCode string `json:"CountrySubDivisionCode,omitempty"`
	PostalCode             string `json:"PostalCode,omitempty"`
	Country                string `json:"Country,omitempty"`
	Lat                    string `json:"Lat,omitempty"`
	Long                   string `json:"Long,omitempty"`
}

// LinkedTxn ties a transaction to another one, e.g. a payment line to the
// invoice it pays. TxnID is the other transaction's Id, never its DocNumber.
type LinkedTxn struct {
	TxnID     string `json:"TxnId"`
	TxnType   string `json:"TxnType"`
	TxnLineID string `json:"TxnLineId,omitempty"`
}

// MemoRef is a message printed on a sales form.
type MemoRef struct {
	Value string `json:"value"`
}

// NameValue is an extension pair in CompanyInfo and Preferences.
type NameValue struct {
	Name  string `json:"Name"`
	Value string `json:"Value"`
}
