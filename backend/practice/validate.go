package practice

import (
	"fmt"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of contact fields, in characters. The name limit is generous on
// purpose: the firm's own records may hold what QuickBooks would refuse, and
// the sync explains the difference when it pushes. Characters QuickBooks
// refuses in any name are another matter: they are refused here (see
// nameForbidden), so that a contact never waits on a sync to learn it.
const (
	MaxContactName   = 4000
	MaxEmail         = 1000
	MaxPhone         = 30
	MaxAddressLines  = 5
	MaxAddressLine   = 500
	MaxAddressField  = 255
	MaxPostalCode    = 30
	maxEmailAddrPart = 254
)

// Normalize trims surrounding space from every field, drops empty address
// lines and tidies the email list, so that what is stored is what is shown.
func (c *Contact) Normalize() {
	c.Name = strings.TrimSpace(c.Name)
	c.Email = normalizeEmails(c.Email)
	for _, p := range []*string{&c.Phones.Primary, &c.Phones.Mobile, &c.Phones.Other, &c.Phones.Fax} {
		*p = strings.TrimSpace(*p)
	}
	c.PhysicalAddress.normalize()
	c.MailingAddress.normalize()
	if c.Kind == "" {
		c.Kind = Person
	}
}

func (a *Address) normalize() {
	var lines []string
	for _, l := range a.Lines {
		if l = strings.TrimSpace(l); l != "" {
			lines = append(lines, l)
		}
	}
	a.Lines = lines
	a.City = strings.TrimSpace(a.City)
	a.Region = strings.TrimSpace(a.Region)
	a.PostalCode = strings.TrimSpace(a.PostalCode)
	a.Country = strings.TrimSpace(a.Country)
}

func normalizeEmails(s string) string {
	parts := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' })
	var out []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, ", ")
}

// Emails returns the contact's email addresses, in order.
func (c *Contact) Emails() []string {
	if c.Email == "" {
		return nil
	}
	return strings.Split(normalizeEmails(c.Email), ", ")
}

// Validate checks a normalized contact. The returned *Error has a field entry
// for each problem so the UI can show it beside the field.
func (c *Contact) Validate() error {
	v := validator{}
	if c.Kind != Person && c.Kind != Organisation {
		v.add("kind", "Choose person or organisation.")
	}
	if strings.ContainsAny(c.Name, nameForbidden) {
		v.add("name", "Name cannot contain a colon, a tab or a line break: QuickBooks does not allow them in names.")
	}
	v.text("name", c.Name, MaxContactName, true)
	if c.Email != "" {
		v.emails("email", c.Email)
	}
	v.phone("phones.primary", c.Phones.Primary)
	v.phone("phones.mobile", c.Phones.Mobile)
	v.phone("phones.other", c.Phones.Other)
	v.phone("phones.fax", c.Phones.Fax)
	v.address("physicalAddress", c.PhysicalAddress)
	v.address("mailingAddress", c.MailingAddress)
	if c.TypeID <= 0 {
		v.add("typeId", "Choose a contact type.")
	}
	return v.err("The contact could not be saved. Check the highlighted fields.")
}

// nameForbidden are the characters QuickBooks refuses in a customer's names
// (its error 2040, Invalid String): a colon, which it keeps to separate a
// sub-customer from its parent, a tab and a line break.
const nameForbidden = ":\t\n\r"

// validator collects field problems; err turns them into one *Error.
type validator struct {
	fields map[string]string
}

func (v *validator) add(field, msg string) {
	if v.fields == nil {
		v.fields = map[string]string{}
	}
	if _, ok := v.fields[field]; !ok { // the first problem is the one to fix first
		v.fields[field] = msg
	}
}

func (v *validator) err(summary string) error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: summary, Fields: v.fields}
}

// text checks a single-line text field.
func (v *validator) text(field, s string, max int, required bool) {
	label := fieldLabel(field)
	switch n := utf8.RuneCountInString(s); {
	case !ValidText(s):
		v.add(field, notValidText(label))
	case required && n == 0:
		v.add(field, label+" is required.")
	case n > max:
		v.add(field, fmt.Sprintf("%s is too long: %d characters, at most %d.", label, n, max))
	case strings.ContainsFunc(s, isControl):
		v.add(field, label+" must be on one line, without tabs or control characters.")
	}
}

func isControl(r rune) bool { return unicode.IsControl(r) }

func (v *validator) emails(field, s string) {
	if !ValidText(s) {
		v.add(field, notValidText(fieldLabel(field)))
		return
	}
	if utf8.RuneCountInString(s) > MaxEmail {
		v.add(field, fmt.Sprintf("Email is too long: at most %d characters.", MaxEmail))
		return
	}
	for _, addr := range strings.Split(s, ", ") {
		if !isEmail(addr) {
			v.add(field, fmt.Sprintf("%q is not an email address (expected something like name@example.com).", addr))
			return
		}
	}
}

// isEmail accepts a bare address (no display name) with a dotted domain.
func isEmail(s string) bool {
	if len(s) > maxEmailAddrPart || strings.ContainsFunc(s, unicode.IsSpace) {
		return false
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Name != "" || a.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	return strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

func (v *validator) phone(field, s string) {
	if s == "" {
		return
	}
	v.text(field, s, MaxPhone, false)
	if !strings.ContainsFunc(s, unicode.IsDigit) {
		v.add(field, "A phone number needs at least one digit.")
	}
}

func (v *validator) address(field string, a Address) {
	if len(a.Lines) > MaxAddressLines {
		v.add(field+".lines", fmt.Sprintf("An address has at most %d street lines.", MaxAddressLines))
	}
	for _, l := range a.Lines {
		v.text(field+".lines", l, MaxAddressLine, false)
	}
	v.text(field+".city", a.City, MaxAddressField, false)
	v.text(field+".region", a.Region, MaxAddressField, false)
	v.text(field+".postalCode", a.PostalCode, MaxPostalCode, false)
	v.text(field+".country", a.Country, MaxAddressField, false)
}
