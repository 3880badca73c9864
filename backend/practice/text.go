package practice

import (
	"fmt"
	"maps"
	"strings"
	"unicode/utf8"
)

// ValidText reports whether s is text Ledgerlink may keep: UTF-8 from end to
// end, with no byte that is not part of a character and no half of a UTF-16
// surrogate pair (UTF-8 cannot hold one either). Text from outside — a form,
// a file being imported — is checked with it before anything is stored, so
// that nothing is silently turned into "�".
func ValidText(s string) bool { return utf8.ValidString(s) }

// InvalidText is the refusal of text that is not ValidText, in the field the
// UI knows it by ("name", "physicalAddress.city"), or "" when it is not a
// form field. The sentence names the field as the form labels it.
func InvalidText(field string) *Error {
	msg := notValidText(fieldLabel(field))
	e := &Error{Code: EINVALID, Message: msg}
	if field != "" {
		e.Fields = map[string]string{field: msg}
	}
	return e
}

func notValidText(label string) string {
	return label + " contains characters that are not valid text."
}

// fieldLabels are the labels of the form fields, by the last part of the
// field's name ("city" in "physicalAddress.city"): the one copy of them for
// every message about a field. The UI's api layer has its own copy for the
// same sentence (frontend/src/lib/api/text.ts), held to this one by a test.
var fieldLabels = map[string]string{
	"name":       "Name",
	"email":      "Email",
	"primary":    "Phone number",
	"mobile":     "Phone number",
	"other":      "Phone number",
	"fax":        "Phone number",
	"lines":      "Street line",
	"city":       "City",
	"region":     "Region",
	"postalCode": "Postal code",
	"country":    "Country",
	"search":     "Search",
}

// FieldLabels returns a copy of the labels of the form fields, by the last
// part of the field's name (for tests that hold the UI's copy to it).
func FieldLabels() map[string]string {
	return maps.Clone(fieldLabels)
}

// fieldLabel is how a message names field: its label, or the field's own
// name when it has none, or "This text" when there is no field.
func fieldLabel(field string) string {
	if field == "" {
		return "This text"
	}
	if l, ok := fieldLabels[field[strings.LastIndexByte(field, '.')+1:]]; ok {
		return l
	}
	return fmt.Sprintf("The field %q", field)
}
