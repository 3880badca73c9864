package invoicepdf

import (
	"fmt"
	"time"
)

// Invoice is what the PDF shows, as plain values the caller prepared.
// Amounts are in cents (hundredths of the currency unit) and are printed as
// given: Subtotal, TaxTotal and Total are not recomputed from the lines.
type Invoice struct {
	Firm      Party     // the accounting firm: name, address lines, email, phone
	Client    Party     // the billing contact
	Number    string    // e.g. "INV-0042"; empty for a draft, printed as "Draft"
	IssueDate time.Time // printed as a date only; required
	DueDate   time.Time // printed as a date only; omitted when zero
	Currency  string    // e.g. "USD", printed beside the total
	Lines     []Line
	Taxes     []TaxLine // one per tax rate (or component) as the caller computed it
	Subtotal  int64     // cents
	TaxTotal  int64     // cents; the sum of Taxes, kept for the caller's records
	Total     int64     // cents
	Notes     string    // free text; line breaks are kept
	Terms     string    // e.g. "Due in 14 days"; line breaks are kept
}

// Party is a block of contact details: the firm's or the client's.
type Party struct {
	Name  string
	Lines []string // address lines, printed in order
	Email string
	Phone string
}

// Line is one row of the invoice's table.
type Line struct {
	Description string // wraps over as many lines as it needs
	Quantity    string // exact decimal text, e.g. "1.5", printed as given
	Unit        string // "h" for hours, or "" for units
	UnitPrice   int64  // cents
	Amount      int64  // cents
	TaxName     string // the name of the line's tax rate, e.g. "GST 5 %"; may be empty
}

// TaxLine is one row of tax under the subtotal.
type TaxLine struct {
	Name   string // e.g. "GST 5 %"
	Base   int64  // cents the tax is charged on, printed after the name
	Amount int64  // cents
}

// PageSize names a paper size.
type PageSize string

// The paper sizes a PDF can be made for. A4 is the default.
const (
	A4     PageSize = "A4"
	Letter PageSize = "Letter"
)

// Options change how an invoice is rendered. The zero value gives the
// default: A4, dates as "2 Jan 2006", compressed page content.
type Options struct {
	// PageSize is A4 (when empty) or Letter.
	PageSize PageSize
	// DateLayout is a time layout for the dates; "2 Jan 2006" when empty,
	// which no reader can take for another day whatever their country.
	DateLayout string
	// Uncompressed leaves the page content as plain text, so that tests
	// and simple tools can find the words in the file. The PDF is larger
	// but otherwise the same.
	Uncompressed bool
}

// pageSize is the page size as fpdf names it.
func (o Options) pageSize() (string, error) {
	switch o.PageSize {
	case "", A4:
		return "A4", nil
	case Letter:
		return "Letter", nil
	default:
		return "", fmt.Errorf("invoicepdf: unknown page size %q (want A4 or Letter)", o.PageSize)
	}
}

func (o Options) dateLayout() string {
	if o.DateLayout == "" {
		return "2 Jan 2006"
	}
	return o.DateLayout
}
