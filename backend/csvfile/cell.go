// Package csvfile reads and writes the firm's records as CSV files that a
// spreadsheet opens safely and that read back unchanged: a header row that
// names the columns, so a file may hold any of them in any order; cells that
// a spreadsheet would run as formulas written so that it cannot; and every
// problem of a file reported at once, by row and column as the spreadsheet
// shows them, instead of one at a time. The format is here once; each kind
// of record (contacts, work types, tax rates, work) has a codec of its own
// beside it.
package csvfile

import "strings"

// formulaStarts are the first characters that make a spreadsheet read a
// cell as a formula (=, +, -, @), or that it may drop or act on (tab and
// carriage return), plus the quote itself so that the escape can be undone
// without guessing.
const formulaStarts = "=+-@\t\r'"

// Escape returns the cell as it is written: unchanged, or with a leading
// single quote when it starts with a character a spreadsheet would act on.
// A phone number "+64 9 555 0142" is then shown as text rather than
// computed, and "=HYPERLINK(…)" from a contact's name cannot run.
func Escape(cell string) string {
	if cell != "" && strings.IndexByte(formulaStarts, cell[0]) >= 0 {
		return "'" + cell
	}
	return cell
}

// Unescape undoes Escape: it removes one leading single quote. Every cell
// read goes through it, so a file written by Export reads back exactly,
// and a cell typed in a spreadsheet as '+64 means +64.
func Unescape(cell string) string {
	return strings.TrimPrefix(cell, "'")
}
