package csvfile

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"ledgerlink/backend/practice"
)

// RowError is one problem of a file: the row as a spreadsheet numbers it
// (the header is row 1), the column by its header name ("" when the
// problem is the whole row's), and what is wrong, in a sentence for the
// accountant. A caller lists them so that every mistake can be fixed in
// one pass.
type RowError struct {
	Row     int    `json:"row"`
	Column  string `json:"column"`
	Problem string `json:"problem"`
}

// String is how a terminal shows the problem.
func (e RowError) String() string {
	switch {
	case e.Row == 0:
		return e.Problem
	case e.Column == "":
		return fmt.Sprintf("Row %d: %s", e.Row, e.Problem)
	default:
		return fmt.Sprintf("Row %d, %s: %s", e.Row, e.Column, e.Problem)
	}
}

// Error is the refusal of a whole file. It unwraps to a *practice.Error
// with code EINVALID and a plain sentence ("3 rows could not be imported;
// nothing was changed."), so every layer that already turns practice
// errors into the user's words shows it; Rows carries each problem for the
// callers that list them (errors.As(err, &*csvfile.Error)).
type Error struct {
	Err  *practice.Error
	Rows []RowError
}

// Error implements the error interface: the sentence, then every problem.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Err.Error())
	for _, r := range e.Rows {
		b.WriteString("\n")
		b.WriteString(r.String())
	}
	return b.String()
}

// Unwrap returns the *practice.Error, for practice.ErrorCode and
// practice.ErrorMessage.
func (e *Error) Unwrap() error { return e.Err }

// problems collects a file's problems as they are found.
type problems struct {
	rows    []RowError
	badRows map[int]bool
}

func (p *problems) add(row int, column, problem string) {
	if p.badRows == nil {
		p.badRows = map[int]bool{}
	}
	p.rows = append(p.rows, RowError{Row: row, Column: column, Problem: problem})
	p.badRows[row] = true
}

// err returns the problems as an *Error, by row, or nil when there are
// none. A file whose header could not be read says so; otherwise the
// sentence counts the rows at fault.
func (p *problems) err() error {
	if len(p.rows) == 0 {
		return nil
	}
	var msg string
	switch n := len(p.badRows); {
	case p.badRows[1]:
		msg = "The file could not be read; nothing was changed."
	case n == 1:
		msg = "1 row could not be imported; nothing was changed."
	default:
		msg = fmt.Sprintf("%d rows could not be imported; nothing was changed.", n)
	}
	rows := slices.Clone(p.rows)
	slices.SortStableFunc(rows, func(a, b RowError) int { return cmp.Compare(a.Row, b.Row) })
	return &Error{Err: &practice.Error{Code: practice.EINVALID, Message: msg}, Rows: rows}
}
