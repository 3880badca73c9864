package csvfile

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
)

// Reader reads a file whose first row names its columns. It collects the
// file's problems instead of stopping at the first one: a codec reads every
// record, adds what it finds wrong with Problem, and asks Err at the end.
type Reader struct {
	cr      *csv.Reader
	columns map[string]int // lower-case column name → index in a record
	names   []string       // the file's columns, as the codec names them
	row     int            // spreadsheet row of the last record read
	fault   error          // an I/O failure: the file could not be read at all
	problems
}

// NewReader reads the header of r and returns a reader of the records
// after it. The header names columns from known, each at most once, in any
// order, in any case, with space around them ignored; a byte-order mark
// (which spreadsheets write before "CSV UTF-8") is skipped. A header that
// breaks these rules is refused with an *Error naming every column at
// fault.
func NewReader(r io.Reader, known []string) (*Reader, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1 // a short or long row is a row problem, not the end of the file
	rd := &Reader{cr: cr, columns: map[string]int{}, row: 1}
	header, err := cr.Read()
	switch {
	case errors.Is(err, io.EOF):
		rd.add(1, "", "The file is empty: its first row must name the columns ("+strings.Join(known, ", ")+").")
		return nil, rd.err()
	case err != nil:
		if pe := new(csv.ParseError); errors.As(err, &pe) {
			rd.add(1, "", notCSV(pe))
			return nil, rd.err()
		}
		return nil, fmt.Errorf("read CSV header: %w", err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff")
	}
	isKnown := map[string]string{}
	for _, k := range known {
		isKnown[strings.ToLower(k)] = k
	}
	for i, h := range header {
		key := strings.ToLower(strings.TrimSpace(h))
		name, ok := isKnown[key]
		switch {
		case key == "":
			rd.add(1, "", fmt.Sprintf("Column %d has no name. Name it (one of %s) or remove it.", i+1, strings.Join(known, ", ")))
		case !ok:
			rd.add(1, strings.TrimSpace(h), fmt.Sprintf("%q is not a column Ledgerlink knows. The columns are %s.", strings.TrimSpace(h), strings.Join(known, ", ")))
		default:
			if _, dup := rd.columns[name]; dup {
				rd.add(1, name, fmt.Sprintf("The column %q appears more than once.", name))
				continue
			}
			rd.columns[name] = i
			rd.names = append(rd.names, name)
		}
	}
	if err := rd.err(); err != nil {
		return nil, err
	}
	return rd, nil
}

// notCSV says where a file stops being CSV, in the words of a person who
// edits it in a text editor.
func notCSV(pe *csv.ParseError) string {
	what := pe.Err.Error()
	switch {
	case errors.Is(pe.Err, csv.ErrQuote), errors.Is(pe.Err, csv.ErrBareQuote):
		what = "a double quote (\") is out of place; a cell that holds one must be enclosed in double quotes, with the quote doubled"
	}
	return fmt.Sprintf("The file is not valid CSV from line %d of the text on: %s. Nothing after it was read.", pe.StartLine, what)
}

// Columns returns the columns the file has, as the codec names them, in
// the file's order.
func (rd *Reader) Columns() []string { return rd.names }

// Has reports whether the file has the column.
func (rd *Reader) Has(column string) bool {
	_, ok := rd.columns[column]
	return ok
}

// Record is one data row of a file.
type Record struct {
	Row     int // as a spreadsheet numbers it: the header is row 1
	cells   []string
	columns map[string]int
}

// Get returns the cell of the column, unescaped (see Unescape), and
// whether the file has that column at all: an absent column and an empty
// cell mean different things to a codec that updates records.
func (r Record) Get(column string) (string, bool) {
	i, ok := r.columns[column]
	if !ok {
		return "", false
	}
	return Unescape(r.cells[i]), true
}

// Records returns the data rows. Rows whose cells are all empty (a
// spreadsheet's trailing blank rows) are skipped; a row with a different
// number of cells than the header is a problem of its own, and is not
// returned since its cells cannot be matched to columns. Reading stops
// where the text stops being CSV, with a problem saying where.
func (rd *Reader) Records() iter.Seq[Record] {
	return func(yield func(Record) bool) {
		for {
			cells, err := rd.cr.Read()
			if errors.Is(err, io.EOF) {
				return
			}
			rd.row++
			if err != nil {
				if pe := new(csv.ParseError); errors.As(err, &pe) {
					rd.add(rd.row, "", notCSV(pe))
				} else {
					rd.fault = fmt.Errorf("read CSV row %d: %w", rd.row, err)
				}
				return
			}
			if blank(cells) {
				continue
			}
			if want := len(rd.names); len(cells) != want {
				rd.add(rd.row, "", fmt.Sprintf("This row has %s but the header names %s.", count(len(cells), "cell"), count(want, "column")))
				continue
			}
			if !yield(Record{Row: rd.row, cells: cells, columns: rd.columns}) {
				return
			}
		}
	}
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// Problem records a problem with a cell (column as the codec names it) or,
// with column "", with the whole row.
func (rd *Reader) Problem(row int, column, problem string) {
	rd.add(row, column, problem)
}

// Err returns what stopped the file being read (an I/O failure), or else
// every problem found as one *Error, or nil when the file is good.
func (rd *Reader) Err() error {
	if rd.fault != nil {
		return rd.fault
	}
	return rd.err()
}

// count says "1 cell", "3 cells".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
