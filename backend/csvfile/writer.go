package csvfile

import (
	"encoding/csv"
	"io"
)

// byteOrderMark starts every file written, so that a spreadsheet opened on
// it reads the text as UTF-8 (a name like "Tāmaki" stays readable) rather
// than guessing an older encoding. NewReader skips it.
const byteOrderMark = "\ufeff"

// Writer writes a file: the header row, then records, every cell escaped
// so that a spreadsheet shows it as text (see Escape). Lines end in a line
// feed, which every spreadsheet reads; CRLF would make encoding/csv drop a
// carriage return inside a cell, and a file must read back exactly. A
// cell's own line breaks (the street lines of an address) stay inside its
// quotes.
type Writer struct {
	cw     *csv.Writer
	w      io.Writer
	header bool
}

// NewWriter returns a writer to w.
func NewWriter(w io.Writer) *Writer {
	return &Writer{cw: csv.NewWriter(w), w: w}
}

// Write writes one row, escaping each cell. The first row written is the
// header and is preceded by the byte-order mark.
func (w *Writer) Write(cells []string) error {
	if !w.header {
		w.header = true
		if _, err := io.WriteString(w.w, byteOrderMark); err != nil {
			return err
		}
	}
	row := make([]string, len(cells))
	for i, c := range cells {
		row[i] = Escape(c)
	}
	return w.cw.Write(row)
}

// Flush writes what is buffered and returns the first error of any write.
func (w *Writer) Flush() error {
	w.cw.Flush()
	return w.cw.Error()
}
