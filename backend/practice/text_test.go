package practice_test

import (
	"testing"

	"ledgerlink/backend/practice"
)

// ValidText is what the CSV import (and anything else reading text from
// outside) checks before it keeps a string.
func TestValidText_BytesThatAreNoCharacter_NotText(t *testing.T) {
	for s, want := range map[string]bool{
		"":                    true,
		"Zoë Ångström 🧾 株式会社": true,
		"Ada \xff Lovelace":   false, // a byte that starts no character
		"caf\xc3":             false, // a character cut short
		"\xed\xa0\x80":        false, // U+D800, half a surrogate pair, in UTF-8
		"\xef\xbf\xbd":        true,  // U+FFFD itself is a character
	} {
		if got := practice.ValidText(s); got != want {
			t.Errorf("ValidText(%q) = %v, want %v", s, got, want)
		}
	}
}

// Every text field of a contact refuses text that is not text with the
// same sentence, naming the field as the form labels it.
func TestContactValidate_TextThatIsNotText_RefusedInEveryFieldWithItsLabel(t *testing.T) {
	const bad = "x\xed\xa0\x80y"
	for field, tc := range map[string]struct {
		edit  func(c *practice.Contact)
		label string
	}{
		"name":                      {func(c *practice.Contact) { c.Name = bad }, "Name"},
		"email":                     {func(c *practice.Contact) { c.Email = "ada" + bad + "@example.com" }, "Email"},
		"phones.primary":            {func(c *practice.Contact) { c.Phones.Primary = "555 " + bad }, "Phone number"},
		"phones.fax":                {func(c *practice.Contact) { c.Phones.Fax = "555 " + bad }, "Phone number"},
		"physicalAddress.lines":     {func(c *practice.Contact) { c.PhysicalAddress.Lines = []string{bad} }, "Street line"},
		"physicalAddress.city":      {func(c *practice.Contact) { c.PhysicalAddress.City = bad }, "City"},
		"mailingAddress.region":     {func(c *practice.Contact) { c.MailingAddress.Region = bad }, "Region"},
		"mailingAddress.postalCode": {func(c *practice.Contact) { c.MailingAddress.PostalCode = bad }, "Postal code"},
		"physicalAddress.country":   {func(c *practice.Contact) { c.PhysicalAddress.Country = bad }, "Country"},
	} {
		c := validContact()
		tc.edit(c)
		c.Normalize()
		want := tc.label + " contains characters that are not valid text."
		if got := practice.ErrorFields(c.Validate())[field]; got != want {
			t.Errorf("%s: %q, want %q", field, got, want)
		}
		if got := practice.InvalidText(field).Fields[field]; got != want {
			t.Errorf("InvalidText(%q): %q, want the validator's %q", field, got, want)
		}
	}
}
