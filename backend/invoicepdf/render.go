package invoicepdf

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
)

// Measures of the page, in millimetres.
const (
	margin    = 18.0 // left, right and top
	footRoom  = 20.0 // below the last row: the footer lives here
	fontSize  = 9.0  // points, for body text
	lineH     = 4.2  // one line of body text
	rowPad    = 1.4  // above and below the text of a table row
	headRowH  = 7.0  // the table's header row
	contLineH = 8.0  // the "continued" line on pages after the first
)

// Render draws inv as a PDF with the default Options (A4).
func Render(inv Invoice) ([]byte, error) {
	return RenderWith(inv, Options{})
}

// RenderWith draws inv as a PDF with the given options.
func RenderWith(inv Invoice, opt Options) ([]byte, error) {
	if inv.IssueDate.IsZero() {
		return nil, errors.New("invoicepdf: the invoice has no issue date")
	}
	size, err := opt.pageSize()
	if err != nil {
		return nil, err
	}
	pdf := fpdf.New("P", "mm", size, "")
	pdf.SetCompression(!opt.Uncompressed)
	// Fixed dates and sorted catalogs: the same invoice gives the same bytes.
	day := time.Date(inv.IssueDate.Year(), inv.IssueDate.Month(), inv.IssueDate.Day(), 0, 0, 0, 0, time.UTC)
	pdf.SetCreationDate(day)
	pdf.SetModificationDate(day)
	pdf.SetCatalogSort(true)
	// Every page break is ours, so that each new page gets its header.
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(margin, margin, margin)
	pdf.AliasNbPages("")
	pdf.SetTitle("Invoice "+number(inv), true)
	pdf.SetAuthor(inv.Firm.Name, true)
	pdf.SetCreator("Ledgerlink", false)

	w, h := pdf.GetPageSize()
	l := &layout{
		pdf: pdf, enc: newEncoder(pdf.UnicodeTranslatorFromDescriptor("cp1252")),
		inv: inv, opt: opt,
		pageH: h, width: w - 2*margin, bottom: h - footRoom,
	}
	l.columns()
	pdf.SetFooterFunc(l.footer)

	pdf.AddPage()
	l.head()
	l.table()
	l.totals()
	l.notes()

	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("invoicepdf: render invoice %s: %w", number(inv), err)
	}
	return buf.Bytes(), nil
}

// number is the invoice number as printed: a draft has none yet.
func number(inv Invoice) string {
	if strings.TrimSpace(inv.Number) == "" {
		return "Draft"
	}
	return inv.Number
}

// layout draws one invoice, keeping track of where the next thing goes.
type layout struct {
	pdf    *fpdf.Fpdf
	enc    *encoder
	inv    Invoice
	opt    Options
	pageH  float64
	width  float64 // between the margins
	bottom float64 // nothing is drawn below this, except the footer
	y      float64 // where the next thing goes

	cols    []column
	inTable bool // a new page repeats the table header
}

// column is one column of the lines table.
type column struct {
	title string
	width float64
	align string  // "L" or "R"
	pad   float64 // space before the text, apart from the cell margin
}

func (l *layout) columns() {
	// Tax is left-aligned after a right-aligned price: a gap keeps them apart.
	fixed := []column{{"Qty", 20, "R", 0}, {"Unit price", 27, "R", 0}, {"Tax", 31, "L", 4}, {"Amount", 27, "R", 0}}
	desc := l.width
	for _, c := range fixed {
		desc -= c.width
	}
	l.cols = append([]column{{"Description", desc, "L", 0}}, fixed...)
}

func (l *layout) font(style string, size float64) {
	l.pdf.SetFont("Helvetica", style, size)
}

func (l *layout) grey(on bool) {
	if on {
		l.pdf.SetTextColor(110, 110, 110)
	} else {
		l.pdf.SetTextColor(25, 25, 25)
	}
}

// cell prints one line of already-encoded text in a box of width w at (x, y).
func (l *layout) cell(x, y, w, h float64, s, align string) {
	l.pdf.SetXY(x, y)
	l.pdf.CellFormat(w, h, s, "", 0, align+"M", false, 0, "")
}

// split wraps already-encoded text to the width w in the current font.
func (l *layout) split(s string, w float64) []string {
	if s == "" {
		return nil
	}
	var out []string
	for _, b := range l.pdf.SplitLines([]byte(s), w) {
		out = append(out, string(b))
	}
	return out
}

// head draws the top of the first page: the firm, the invoice's number and
// dates, and the client.
func (l *layout) head() {
	inv := l.inv
	right := margin + l.width
	l.grey(false)
	l.font("B", 20)
	l.cell(right-80, margin, 80, 9, "INVOICE", "R")

	meta := [][2]string{
		{"Invoice no.", number(inv)},
		{"Issue date", inv.IssueDate.Format(l.opt.dateLayout())},
	}
	if !inv.DueDate.IsZero() {
		meta = append(meta, [2]string{"Due date", inv.DueDate.Format(l.opt.dateLayout())})
	}
	metaY := margin + 12
	for _, m := range meta {
		l.font("", fontSize)
		l.grey(true)
		l.cell(right-80, metaY, 38, lineH+0.8, m[0], "R")
		l.font("B", fontSize)
		l.grey(false)
		l.cell(right-42, metaY, 42, lineH+0.8, l.enc.line(m[1]), "R")
		metaY += lineH + 0.8
	}

	firmEnd := l.party(margin, margin, l.width-84, inv.Firm, 14)
	l.y = max(firmEnd, metaY) + 10
	l.font("B", 8)
	l.grey(true)
	l.cell(margin, l.y, 60, 4, "BILL TO", "L")
	l.grey(false)
	l.y = l.party(margin, l.y+5, l.width*0.6, inv.Client, 11) + 8
}

// party draws a block of contact details and returns the y below it.
func (l *layout) party(x, y, w float64, p Party, nameSize float64) float64 {
	l.font("B", nameSize)
	nameH := nameSize * 0.45
	for _, s := range l.split(l.enc.line(p.Name), w) {
		l.cell(x, y, w, nameH, s, "L")
		y += nameH
	}
	y += 0.8
	l.font("", fontSize)
	rows := append(append([]string{}, p.Lines...), p.Email, p.Phone)
	for _, r := range rows {
		for _, s := range l.split(l.enc.line(r), w) {
			l.cell(x, y, w, lineH, s, "L")
			y += lineH
		}
	}
	return y
}

// newPage starts a page after the first: a line saying whose invoice this
// is, then the table header if the table is still running.
func (l *layout) newPage() {
	l.pdf.AddPage()
	l.y = margin
	l.font("", 8)
	l.grey(true)
	l.cell(margin, l.y, l.width/2, 4, l.enc.line(l.inv.Firm.Name), "L")
	l.cell(margin+l.width/2, l.y, l.width/2, 4, l.enc.line("Invoice "+number(l.inv)+" (continued)"), "R")
	l.grey(false)
	l.y += contLineH
	if l.inTable {
		l.tableHeader()
	}
	l.font("", fontSize)
}

// fit makes room for h millimetres, starting a new page if needed.
func (l *layout) fit(h float64) {
	if l.y+h > l.bottom {
		l.newPage()
	}
}

func (l *layout) tableHeader() {
	l.pdf.SetFillColor(236, 236, 236)
	l.pdf.Rect(margin, l.y, l.width, headRowH, "F")
	l.font("B", 8.5)
	x := margin
	for _, c := range l.cols {
		l.cell(x+c.pad, l.y, c.width-c.pad, headRowH, c.title, c.align)
		x += c.width
	}
	l.y += headRowH
}

// table draws the lines; a row that does not fit on the page moves to
// the next, and a row longer than a whole page is split between pages.
func (l *layout) table() {
	l.fit(headRowH + lineH + 2*rowPad)
	l.inTable = true
	l.tableHeader()
	for _, ln := range l.inv.Lines {
		l.font("", fontSize)
		qty := strings.TrimSpace(ln.Quantity + " " + ln.Unit)
		l.row([][]string{
			l.split(l.enc.text(ln.Description), l.cols[0].width),
			{l.enc.line(qty)},
			{FormatMoney(ln.UnitPrice, "")},
			l.split(l.enc.line(ln.TaxName), l.cols[3].width-l.cols[3].pad),
			{FormatMoney(ln.Amount, "")},
		})
	}
	l.inTable = false
}

// row draws one table row whose cells hold wrapped lines of text.
func (l *layout) row(cells [][]string) {
	n := 1
	for _, c := range cells {
		n = max(n, len(c))
	}
	linesFit := func(top float64) int { return int((l.bottom - top - 2*rowPad) / lineH) }
	fresh := linesFit(margin + contLineH + headRowH)
	for i := 0; i < n; {
		rest, avail := n-i, linesFit(l.y)
		// Keep a row whole when a new page can hold it; split it only
		// when no page can.
		if rest > avail && (i == 0 && rest <= fresh || avail < 1) {
			l.newPage()
			continue
		}
		k := min(rest, avail)
		x := margin
		for ci, c := range cells {
			for j := i; j < i+k && j < len(c); j++ {
				col := l.cols[ci]
				l.cell(x+col.pad, l.y+rowPad+float64(j-i)*lineH, col.width-col.pad, lineH, c[j], col.align)
			}
			x += l.cols[ci].width
		}
		l.y += float64(k)*lineH + 2*rowPad
		l.pdf.SetDrawColor(215, 215, 215)
		l.pdf.SetLineWidth(0.2)
		l.pdf.Line(margin, l.y, margin+l.width, l.y)
		if i += k; i < n {
			l.newPage()
		}
	}
}

// totals draws the subtotal, one row per tax and the total, kept together
// on one page.
func (l *layout) totals() {
	type total struct {
		label []string
		value string
		bold  bool
	}
	const labelW, valueW = 85.0, 38.0
	l.font("", fontSize)
	rows := []total{{[]string{"Subtotal"}, FormatMoney(l.inv.Subtotal, ""), false}}
	for _, t := range l.inv.Taxes {
		label := l.enc.line(t.Name + " on " + FormatMoney(t.Base, ""))
		rows = append(rows, total{l.split(label, labelW), FormatMoney(t.Amount, ""), false})
	}
	rows = append(rows, total{[]string{"Total"}, l.enc.line(FormatMoney(l.inv.Total, l.inv.Currency)), true})

	h := 3.0
	for _, r := range rows {
		h += float64(len(r.label))*lineH + 1.6
	}
	l.y += 3
	l.fit(h)
	x := margin + l.width - labelW - valueW
	for _, r := range rows {
		style, size := "", fontSize
		if r.bold {
			style, size = "B", 11
			l.pdf.SetDrawColor(60, 60, 60)
			l.pdf.SetLineWidth(0.3)
			l.pdf.Line(x, l.y+0.3, margin+l.width, l.y+0.3)
			l.y += 1.2
		}
		l.font(style, size)
		for j, s := range r.label {
			l.cell(x, l.y+float64(j)*lineH, labelW, lineH+0.8, s, "R")
		}
		l.cell(x+labelW, l.y, valueW, lineH+0.8, r.value, "R")
		l.y += float64(len(r.label))*lineH + 1.6
	}
	l.y += 6
}

// notes draws the notes and the terms, each under its heading.
func (l *layout) notes() {
	for _, sec := range [][2]string{{"Notes", l.inv.Notes}, {"Terms", l.inv.Terms}} {
		if strings.TrimSpace(sec[1]) == "" {
			continue
		}
		l.font("", fontSize)
		lines := l.split(l.enc.text(strings.TrimSpace(sec[1])), l.width)
		// A heading stays with the first lines of its text.
		l.fit(5 + float64(min(len(lines), 2))*lineH)
		l.font("B", fontSize)
		l.cell(margin, l.y, l.width, 5, sec[0], "L")
		l.y += 5
		l.font("", fontSize)
		for _, s := range lines {
			l.fit(lineH)
			l.cell(margin, l.y, l.width, lineH, s, "L")
			l.y += lineH
		}
		l.y += 4
	}
}

// footer prints the invoice number and "Page N of M" on every page.
func (l *layout) footer() {
	y := l.pageH - 12
	l.font("", 8)
	l.grey(true)
	l.cell(margin, y, l.width/3, 4, l.enc.line(number(l.inv)), "L")
	l.cell(margin, y, l.width, 4, fmt.Sprintf("Page %d of {nb}", l.pdf.PageNo()), "C")
	l.grey(false)
}
