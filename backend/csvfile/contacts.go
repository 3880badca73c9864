package csvfile

import (
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"

	"ledgerlink/backend/practice"
)

// ContactColumns are the columns of a contacts file, in the order an
// export writes them. The names are a contract with the accountants'
// spreadsheets and scripts: they never change.
var ContactColumns = columnNames(contactColumns)

// contactColumn is one column of a contacts file: its name, the form field
// practice's validation names for it (so that a problem it finds is shown
// against the column), and how its cell is read from and set on a contact.
// id and contact_type are resolved against the store and have no set.
type contactColumn struct {
	name  string
	field string
	get   func(c *practice.Contact) string
	set   func(c *practice.Contact, cell string)
}

// The columns with a meaning beyond their text.
const (
	colID   = "id"
	colKind = "kind"
	colType = "contact_type"
)

var contactColumns = slices.Concat([]contactColumn{
	{colID, "", func(c *practice.Contact) string { return strconv.FormatInt(c.ID, 10) }, nil},
	{colKind, "kind", func(c *practice.Contact) string { return string(c.Kind) },
		func(c *practice.Contact, s string) {
			c.Kind = practice.ContactKind(strings.ToLower(strings.TrimSpace(s)))
		}},
	{"name", "name", func(c *practice.Contact) string { return c.Name }, func(c *practice.Contact, s string) { c.Name = s }},
	{"email", "email", func(c *practice.Contact) string { return c.Email }, func(c *practice.Contact, s string) { c.Email = s }},
	{"phone_primary", "phones.primary", func(c *practice.Contact) string { return c.Phones.Primary },
		func(c *practice.Contact, s string) { c.Phones.Primary = s }},
	{"phone_mobile", "phones.mobile", func(c *practice.Contact) string { return c.Phones.Mobile },
		func(c *practice.Contact, s string) { c.Phones.Mobile = s }},
	{"phone_other", "phones.other", func(c *practice.Contact) string { return c.Phones.Other },
		func(c *practice.Contact, s string) { c.Phones.Other = s }},
	{"phone_fax", "phones.fax", func(c *practice.Contact) string { return c.Phones.Fax },
		func(c *practice.Contact, s string) { c.Phones.Fax = s }},
},
	addressColumns("physical", "physicalAddress", func(c *practice.Contact) *practice.Address { return &c.PhysicalAddress }),
	addressColumns("mailing", "mailingAddress", func(c *practice.Contact) *practice.Address { return &c.MailingAddress }),
	[]contactColumn{{colType, "typeId", func(c *practice.Contact) string { return c.TypeName }, nil}},
)

// addressColumns are the five columns of one of a contact's addresses:
// prefix_lines holds the street lines, one a line, in one cell.
func addressColumns(prefix, field string, addr func(*practice.Contact) *practice.Address) []contactColumn {
	return []contactColumn{
		{prefix + "_lines", field + ".lines",
			func(c *practice.Contact) string { return strings.Join(addr(c).Lines, "\n") },
			func(c *practice.Contact, s string) { addr(c).Lines = splitLines(s) }},
		{prefix + "_city", field + ".city", func(c *practice.Contact) string { return addr(c).City },
			func(c *practice.Contact, s string) { addr(c).City = s }},
		{prefix + "_region", field + ".region", func(c *practice.Contact) string { return addr(c).Region },
			func(c *practice.Contact, s string) { addr(c).Region = s }},
		{prefix + "_postal_code", field + ".postalCode", func(c *practice.Contact) string { return addr(c).PostalCode },
			func(c *practice.Contact, s string) { addr(c).PostalCode = s }},
		{prefix + "_country", field + ".country", func(c *practice.Contact) string { return addr(c).Country },
			func(c *practice.Contact, s string) { addr(c).Country = s }},
	}
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

func columnNames(cols []contactColumn) []string {
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name
	}
	return names
}

// ExportContacts writes a contacts file of every contact contacts yields
// (a store's walk, such as sqlite's Tx.AllContacts: each contact is written
// as it arrives and none is kept) and returns how many it wrote. The
// contact_type column holds the type's name, as the accountant knows it.
func ExportContacts(w io.Writer, contacts iter.Seq2[*practice.Contact, error]) (int, error) {
	return exportRows(w, "contacts", ContactColumns, contacts, func(c *practice.Contact, row []string) {
		for i, col := range contactColumns {
			row[i] = col.get(c)
		}
	})
}
