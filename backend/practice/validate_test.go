package practice_test

import (
	"strings"
	"testing"

	"ledgerlink/backend/practice"
)

func validContact() *practice.Contact {
	return &practice.Contact{Kind: practice.Person, Name: "Ada Lovelace", Email: "ada@example.com", TypeID: 1}
}

func TestContactValidate(t *testing.T) {
	tests := []struct {
		name      string
		edit      func(c *practice.Contact)
		wantField string // "" means valid
	}{
		{"OK", func(c *practice.Contact) {}, ""},
		{"OK_NoEmail", func(c *practice.Contact) { c.Email = "" }, ""},
		{"OK_SeveralEmails", func(c *practice.Contact) { c.Email = "a@example.com; b@example.org" }, ""},
		{"OK_OddName", func(c *practice.Contact) { c.Name = `O'Brien & "Sons" - Ltd 🧾` }, ""},
		{"OK_LongName", func(c *practice.Contact) { c.Name = strings.Repeat("ß", practice.MaxContactName) }, ""},
		{"OK_Organisation", func(c *practice.Contact) { c.Kind = practice.Organisation }, ""},
		{"ErrNameRequired", func(c *practice.Contact) { c.Name = "   " }, "name"},
		{"ErrNameTooLong", func(c *practice.Contact) { c.Name = strings.Repeat("x", practice.MaxContactName+1) }, "name"},
		{"ErrNameNewline", func(c *practice.Contact) { c.Name = "Ada\nLovelace" }, "name"},
		{"ErrNameColon", func(c *practice.Contact) { c.Name = "Smith: Jones" }, "name"},
		{"ErrNameTab", func(c *practice.Contact) { c.Name = "Ada\tLovelace" }, "name"},
		{"ErrNameInvalidUTF8", func(c *practice.Contact) { c.Name = "Ada \xff" }, "name"},
		{"ErrEmailNoAt", func(c *practice.Contact) { c.Email = "ada.example.com" }, "email"},
		{"ErrEmailDisplayName", func(c *practice.Contact) { c.Email = "Ada <ada@example.com>" }, "email"},
		{"ErrEmailNoDomainDot", func(c *practice.Contact) { c.Email = "ada@localhost" }, "email"},
		{"ErrEmailSecondBad", func(c *practice.Contact) { c.Email = "ada@example.com, nope" }, "email"},
		{"ErrPhoneNoDigit", func(c *practice.Contact) { c.Phones.Mobile = "call me" }, "phones.mobile"},
		{"ErrPhoneTooLong", func(c *practice.Contact) { c.Phones.Fax = strings.Repeat("1", practice.MaxPhone+1) }, "phones.fax"},
		{"ErrTooManyLines", func(c *practice.Contact) { c.MailingAddress.Lines = []string{"1", "2", "3", "4", "5", "6"} }, "mailingAddress.lines"},
		{"ErrPostalCodeTooLong", func(c *practice.Contact) { c.PhysicalAddress.PostalCode = strings.Repeat("9", 31) }, "physicalAddress.postalCode"},
		{"ErrKind", func(c *practice.Contact) { c.Kind = "robot" }, "kind"},
		{"ErrTypeMissing", func(c *practice.Contact) { c.TypeID = 0 }, "typeId"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := validContact()
			tt.edit(c)
			c.Normalize()
			err := c.Validate()
			if tt.wantField == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want valid", err)
				}
				return
			}
			if code := practice.ErrorCode(err); code != practice.EINVALID {
				t.Fatalf("code = %q, want %q (err %v)", code, practice.EINVALID, err)
			}
			fields := practice.ErrorFields(err)
			if fields[tt.wantField] == "" {
				t.Fatalf("fields = %v, want a message for %q", fields, tt.wantField)
			}
		})
	}
}

// QuickBooks refuses a colon, tab or line break in a customer's names
// (2040): the contact is refused before it is ever sent, with words beside
// the name field that say why.
func TestContactValidate_ColonTabOrLineBreakInName_RefusedSayingQuickBooksDoesNotAllowThem(t *testing.T) {
	for _, name := range []string{"Smith: Jones", "Ada\tLovelace", "Ada\nLovelace", "Ada\r\nLovelace", "Trailing colon:"} {
		c := validContact()
		c.Name = name
		c.Normalize()
		msg := practice.ErrorFields(c.Validate())["name"]
		if msg != "Name cannot contain a colon, a tab or a line break: QuickBooks does not allow them in names." {
			t.Errorf("%q: name message %q", name, msg)
		}
	}
	c := validContact()
	c.Email, c.PhysicalAddress.Lines = "ada@example.com", []string{"Flat 2: Rear"}
	c.Normalize()
	if err := c.Validate(); err != nil {
		t.Errorf("a colon outside the name was refused: %v", err)
	}
}

func TestContactNormalize_TidiesWhatTheUserTyped(t *testing.T) {
	c := &practice.Contact{
		Name:            "  Grace Hopper ",
		Email:           " grace@example.com ;; g.hopper@example.org, ",
		Phones:          practice.Phones{Primary: " 555 0100 "},
		PhysicalAddress: practice.Address{Lines: []string{" 1 Main St ", "", "  "}, City: " Arlington "},
	}
	c.Normalize()
	if c.Name != "Grace Hopper" {
		t.Errorf("Name = %q", c.Name)
	}
	if c.Email != "grace@example.com, g.hopper@example.org" {
		t.Errorf("Email = %q", c.Email)
	}
	if got := c.Emails(); len(got) != 2 || got[1] != "g.hopper@example.org" {
		t.Errorf("Emails() = %q", got)
	}
	if c.Phones.Primary != "555 0100" {
		t.Errorf("Primary = %q", c.Phones.Primary)
	}
	if len(c.PhysicalAddress.Lines) != 1 || c.PhysicalAddress.Lines[0] != "1 Main St" || c.PhysicalAddress.City != "Arlington" {
		t.Errorf("PhysicalAddress = %+v", c.PhysicalAddress)
	}
	if c.Kind != practice.Person {
		t.Errorf("Kind = %q, want person by default", c.Kind)
	}
}

func TestContactTypeValidate(t *testing.T) {
	ok := &practice.ContactType{Name: " Client - QuickBooks "}
	ok.Normalize()
	if err := ok.Validate(); err != nil || ok.Name != "Client - QuickBooks" {
		t.Fatalf("Validate() = %v, name %q", err, ok.Name)
	}
	empty := &practice.ContactType{Name: " "}
	empty.Normalize()
	if practice.ErrorFields(empty.Validate())["name"] == "" {
		t.Fatal("an empty contact type name was accepted")
	}
}

func TestErrorMessage_HidesInternalFaults(t *testing.T) {
	err := practice.ErrorMessage(errString("sql: database disk image is malformed at /home/x"))
	if strings.Contains(err, "sql") || strings.Contains(err, "/home") {
		t.Fatalf("internal detail leaked to the user: %q", err)
	}
}

type errString string

func (e errString) Error() string { return string(e) }
