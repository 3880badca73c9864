package sync

import (
	"fmt"
	"strings"

	"golang.org/x/text/unicode/norm"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo"
)

// contactOf returns the contact a customer becomes (without a type), and
// false when the customer has no name at all. A customer is an
// organisation when its CompanyName equals its DisplayName; else a person
// when it has a given or family name, the contact's name then coming from
// them; else an organisation named by its DisplayName.
func contactOf(c *qbo.Customer) (practice.Contact, bool) {
	display, company := val(c.DisplayName), val(c.CompanyName)
	person := strings.Join(strings.Fields(strings.Join([]string{val(c.GivenName), val(c.MiddleName), val(c.FamilyName)}, " ")), " ")
	var out practice.Contact
	switch {
	case company != "" && company == display:
		out.Kind, out.Name = practice.Organisation, display
	case person != "":
		out.Kind, out.Name = practice.Person, person
	case display != "":
		out.Kind, out.Name = practice.Organisation, display
	case company != "":
		out.Kind, out.Name = practice.Organisation, company
	default:
		return out, false
	}
	if c.PrimaryEmailAddr != nil {
		out.Email = c.PrimaryEmailAddr.Address
	}
	out.Phones = practice.Phones{Primary: phone(c.PrimaryPhone), Mobile: phone(c.Mobile),
		Other: phone(c.AlternatePhone), Fax: phone(c.Fax)}
	out.PhysicalAddress = addressOf(c.ShipAddr)
	out.MailingAddress = addressOf(c.BillAddr)
	out.Name = norm.NFC.String(out.Name) // one form for names written with combining accents
	out.Normalize()
	return out, true
}

// names returns the names a customer goes by, for matching: the contact
// name derived from it and its DisplayName.
func names(c *qbo.Customer, derived string) []string {
	if d := val(c.DisplayName); d != "" && d != derived {
		return []string{derived, d}
	}
	return []string{derived}
}

func val(p *string) string {
	if p == nil {
		return ""
	}
	return strings.TrimSpace(*p)
}

func phone(t *qbo.TelephoneNumber) string {
	if t == nil {
		return ""
	}
	return t.FreeFormNumber
}

func addressOf(a *qbo.PhysicalAddress) practice.Address {
	if a == nil {
		return practice.Address{}
	}
	out := practice.Address{City: a.City, Region: a.CountrySubDivisionCode, PostalCode: a.PostalCode, Country: a.Country}
	for _, l := range []string{a.Line1, a.Line2, a.Line3, a.Line4, a.Line5} {
		if l = strings.TrimSpace(l); l != "" {
			out.Lines = append(out.Lines, l)
		}
	}
	return out
}

// qboAddress is the QuickBooks form of an address; the empty address is
// sent with every part empty, which clears it.
func qboAddress(a practice.Address) *qbo.PhysicalAddress {
	out := &qbo.PhysicalAddress{City: a.City, CountrySubDivisionCode: a.Region, PostalCode: a.PostalCode, Country: a.Country}
	lines := []*string{&out.Line1, &out.Line2, &out.Line3, &out.Line4, &out.Line5}
	for i, l := range a.Lines {
		if i < len(lines) {
			*lines[i] = l
		}
	}
	return out
}

// QuickBooks' limits on a customer's name fields, in characters.
const (
	maxDisplayName = 500
	maxPersonName  = 100
)

// setName writes a contact's name into the customer so that it reads back
// as the same name: the DisplayName, and the company name for an
// organisation, or for a person the given and family names (the first word
// and the rest) with no middle name. A part that does not fit QuickBooks'
// limits is cleared instead, and the name then comes from the DisplayName.
func setName(out *qbo.Customer, kind practice.ContactKind, name string) {
	out.DisplayName = new(name)
	given, family, _ := strings.Cut(name, " ")
	family = strings.TrimSpace(family)
	fits := func(s string) bool { return len([]rune(s)) <= maxPersonName }
	switch {
	case kind == practice.Organisation && fits(name):
		out.CompanyName = new(name)
		out.GivenName, out.MiddleName, out.FamilyName = new(""), new(""), new("")
	case kind == practice.Person && fits(given) && fits(family):
		out.GivenName, out.MiddleName, out.FamilyName = new(given), new(""), new(family)
		out.CompanyName = new("")
	default:
		out.GivenName, out.MiddleName, out.FamilyName, out.CompanyName = new(""), new(""), new(""), new("")
	}
}

// customerFields returns the customer fields that carry the given synced
// fields of contact c: all of them for a new customer, the changed ones
// for a sparse update.
func customerFields(c *practice.Contact, fields []string) *qbo.Customer {
	out := &qbo.Customer{}
	for _, f := range fields {
		switch f {
		case practice.FieldName:
			setName(out, c.Kind, c.Name)
		case practice.FieldEmail:
			out.PrimaryEmailAddr = &qbo.EmailAddress{Address: c.Email}
		case practice.FieldPhonePrimary:
			out.PrimaryPhone = &qbo.TelephoneNumber{FreeFormNumber: c.Phones.Primary}
		case practice.FieldPhoneMobile:
			out.Mobile = &qbo.TelephoneNumber{FreeFormNumber: c.Phones.Mobile}
		case practice.FieldPhoneOther:
			out.AlternatePhone = &qbo.TelephoneNumber{FreeFormNumber: c.Phones.Other}
		case practice.FieldPhoneFax:
			out.Fax = &qbo.TelephoneNumber{FreeFormNumber: c.Phones.Fax}
		case practice.FieldPhysicalAddress:
			out.ShipAddr = qboAddress(c.PhysicalAddress)
		case practice.FieldMailingAddress:
			out.BillAddr = qboAddress(c.MailingAddress)
		}
	}
	return out
}

// checkForQuickBooks returns what QuickBooks would refuse in c, in words,
// or "".
func checkForQuickBooks(c *practice.Contact) string {
	if n := len([]rune(c.Name)); n > maxDisplayName {
		return fmt.Sprintf("The name has %d characters; QuickBooks takes at most %d.", n, maxDisplayName)
	}
	if strings.ContainsAny(c.Name, ":\t\n\r") {
		return "The name holds a colon, a tab or a line break, which QuickBooks refuses in names."
	}
	return ""
}
