package democompany

import "strings"

// Limits of QBO's Customer fields, in characters, as Intuit's Customer
// reference gives them. The demo data keeps within them so that the
// sandbox can hold it as QBO would.
const (
	MaxDisplayName = 500
	MaxTitle       = 16
	MaxPersonName  = 100 // GivenName, FamilyName
	MaxCompanyName = 100
	MaxNotes       = 2000
)

// Customer is one customer of the sandbox's demo company, with the fields
// of QBO's Customer that Ledgerlink syncs. The sandbox assigns Id,
// SyncToken and MetaData, and turns ParentDisplayName into a ParentRef.
type Customer struct {
	DisplayName string
	Title       string
	GivenName   string
	FamilyName  string
	CompanyName string

	// PrimaryEmail is PrimaryEmailAddr.Address: one address or, as QBO
	// allows, several separated by commas.
	PrimaryEmail   string
	PrimaryPhone   string
	Mobile         string
	AlternatePhone string
	Fax            string
	BillAddr       Address // mailing address
	ShipAddr       Address // physical address

	Active bool

	// Job marks a sub-customer; ParentDisplayName names its parent, which
	// comes earlier in Customers.
	Job               bool
	ParentDisplayName string

	Notes string

	// Case labels the matching situation this customer was written for;
	// empty for an ordinary customer.
	Case Case
}

// Case labels a matching situation a demo customer was written to meet.
// The situations are Ledgerlink's: package demo names each one (its Case
// constants) and says what a sync should do with it (its Cases).
type Case string

// Address is QBO's PhysicalAddress, as used for BillAddr and ShipAddr.
type Address struct {
	Line1, Line2, Line3, Line4, Line5 string
	City                              string
	CountrySubDivisionCode            string
	PostalCode                        string
	Country                           string
}

// IsZero reports whether the address has nothing in it.
func (a Address) IsZero() bool { return a == Address{} }

// Emails returns the customer's email addresses, split at commas.
func (c Customer) Emails() []string {
	var out []string
	for _, e := range strings.Split(c.PrimaryEmail, ",") {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}

// Object returns the customer as QBO's JSON has it (nested objects for
// email, phones and addresses; empty fields left out, as QBO leaves them
// out), ready for the sandbox to add Id, SyncToken, MetaData and ParentRef.
func (c Customer) Object() map[string]any {
	o := map[string]any{"DisplayName": c.DisplayName, "Active": c.Active, "Job": c.Job}
	for k, v := range map[string]string{
		"Title": c.Title, "GivenName": c.GivenName, "FamilyName": c.FamilyName,
		"CompanyName": c.CompanyName, "Notes": c.Notes,
	} {
		if v != "" {
			o[k] = v
		}
	}
	if c.PrimaryEmail != "" {
		o["PrimaryEmailAddr"] = map[string]any{"Address": c.PrimaryEmail}
	}
	for k, v := range map[string]string{
		"PrimaryPhone": c.PrimaryPhone, "Mobile": c.Mobile,
		"AlternatePhone": c.AlternatePhone, "Fax": c.Fax,
	} {
		if v != "" {
			o[k] = map[string]any{"FreeFormNumber": v}
		}
	}
	if !c.BillAddr.IsZero() {
		o["BillAddr"] = c.BillAddr.object()
	}
	if !c.ShipAddr.IsZero() {
		o["ShipAddr"] = c.ShipAddr.object()
	}
	return o
}

func (a Address) object() map[string]any {
	o := map[string]any{}
	for k, v := range map[string]string{
		"Line1": a.Line1, "Line2": a.Line2, "Line3": a.Line3, "Line4": a.Line4, "Line5": a.Line5,
		"City": a.City, "CountrySubDivisionCode": a.CountrySubDivisionCode,
		"PostalCode": a.PostalCode, "Country": a.Country,
	} {
		if v != "" {
			o[k] = v
		}
	}
	return o
}

// Customers returns the demo company's customers in a fixed order
// (parents before their jobs): the deliberate cases first, then ordinary
// customers. Each call returns a fresh slice.
func Customers() []Customer {
	return append(caseCustomers(), ordinaryCustomers()...)
}
