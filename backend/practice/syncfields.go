package practice

import "strings"

// The contact fields kept in step with QuickBooks, named as the contact
// form names them. An address travels as one field: QuickBooks replaces an
// address as a whole, so merging it line by line would invent addresses
// neither side wrote.
const (
	FieldName            = "name"
	FieldEmail           = "email"
	FieldPhonePrimary    = "phones.primary"
	FieldPhoneMobile     = "phones.mobile"
	FieldPhoneOther      = "phones.other"
	FieldPhoneFax        = "phones.fax"
	FieldPhysicalAddress = "physicalAddress"
	FieldMailingAddress  = "mailingAddress"
)

// SyncedFields lists the synced fields in the order screens show them.
var SyncedFields = []string{FieldName, FieldEmail, FieldPhonePrimary, FieldPhoneMobile,
	FieldPhoneOther, FieldPhoneFax, FieldPhysicalAddress, FieldMailingAddress}

var syncedFieldLabels = map[string]string{
	FieldName: "Name", FieldEmail: "Email", FieldPhonePrimary: "Phone", FieldPhoneMobile: "Mobile phone",
	FieldPhoneOther: "Other phone", FieldPhoneFax: "Fax", FieldPhysicalAddress: "Physical address",
	FieldMailingAddress: "Mailing address",
}

// SyncedFieldLabel is how screens and the audit log name a synced field.
func SyncedFieldLabel(field string) string {
	if l, ok := syncedFieldLabels[field]; ok {
		return l
	}
	return field
}

// SyncedValues returns c's synced fields as text, by field: what the
// three-way merge and the duplicate view compare. An address is its lines,
// city, region, postal code and country, one per line, so that equal
// addresses give equal text.
func (c *Contact) SyncedValues() map[string]string {
	return map[string]string{
		FieldName:            c.Name,
		FieldEmail:           c.Email,
		FieldPhonePrimary:    c.Phones.Primary,
		FieldPhoneMobile:     c.Phones.Mobile,
		FieldPhoneOther:      c.Phones.Other,
		FieldPhoneFax:        c.Phones.Fax,
		FieldPhysicalAddress: c.PhysicalAddress.Text(),
		FieldMailingAddress:  c.MailingAddress.Text(),
	}
}

// SetSyncedValue sets one synced field of c from its text (as SyncedValues
// gives it); an unknown field is ignored and reported false.
func (c *Contact) SetSyncedValue(field, value string) bool {
	switch field {
	case FieldName:
		c.Name = value
	case FieldEmail:
		c.Email = value
	case FieldPhonePrimary:
		c.Phones.Primary = value
	case FieldPhoneMobile:
		c.Phones.Mobile = value
	case FieldPhoneOther:
		c.Phones.Other = value
	case FieldPhoneFax:
		c.Phones.Fax = value
	case FieldPhysicalAddress:
		c.PhysicalAddress = ParseAddressText(value)
	case FieldMailingAddress:
		c.MailingAddress = ParseAddressText(value)
	default:
		return false
	}
	return true
}

// Text writes the address as lines: the street lines, then city, region,
// postal code and country on one line each after a blank separator. The
// empty address is "".
func (a Address) Text() string {
	if a.IsZero() {
		return ""
	}
	return strings.Join(a.Lines, "\n") + "\n\n" + strings.Join([]string{a.City, a.Region, a.PostalCode, a.Country}, "\n")
}

// ParseAddressText reads what Address.Text wrote.
func ParseAddressText(s string) Address {
	if s == "" {
		return Address{}
	}
	street, rest, _ := strings.Cut(s, "\n\n")
	var a Address
	if street != "" {
		a.Lines = strings.Split(street, "\n")
	}
	parts := strings.SplitN(rest, "\n", 4)
	for len(parts) < 4 {
		parts = append(parts, "")
	}
	a.City, a.Region, a.PostalCode, a.Country = parts[0], parts[1], parts[2], parts[3]
	return a
}

// DifferingFields names the synced fields whose values differ between a
// and b, in SyncedFields order.
func DifferingFields(a, b *Contact) []string {
	va, vb := a.SyncedValues(), b.SyncedValues()
	out := []string{}
	for _, f := range SyncedFields {
		if va[f] != vb[f] {
			out = append(out, f)
		}
	}
	return out
}
