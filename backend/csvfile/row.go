package csvfile

import (
	"maps"
	"slices"
	"strings"

	"ledgerlink/backend/practice"
)

// rowCheck collects the problems of one row as a codec checks it, at most
// one a column: the first found is the one shown, so a cell that could not
// be read ("1e3 is not an amount") is not reported again by the rules that
// then find it missing ("Enter a rate").
type rowCheck struct {
	rd  *Reader
	row int
	bad map[string]bool // columns with a problem; "" is the whole row
}

func newRowCheck(rd *Reader, row int) *rowCheck {
	return &rowCheck{rd: rd, row: row, bad: map[string]bool{}}
}

// problem adds a problem with a column's cell, or with the row ("").
func (c *rowCheck) problem(column, msg string) {
	if c.bad[column] {
		return
	}
	c.bad[column] = true
	c.rd.Problem(c.row, column, msg)
}

// ok reports whether the row has no problem so far.
func (c *rowCheck) ok() bool { return len(c.bad) == 0 }

// fieldColumn pairs a field that practice's rules name in their errors
// (the form's field, "rateKind") with the file's column that holds it
// ("rate_kind"). A field "components.2" belongs to the column of
// "components".
type fieldColumn struct {
	field, column string
}

// invalid adds the problems of err, an error of practice's rules or of the
// store's: each field's message against its column, in cols' order (a
// stable list), and a message that names no column known to cols against
// the whole row.
func (c *rowCheck) invalid(err error, cols []fieldColumn) {
	fields := practice.ErrorFields(err)
	names := slices.Sorted(maps.Keys(fields)) // components.0 before components.1
	shown := false
	for _, fc := range cols {
		for _, f := range names {
			if f == fc.field || strings.HasPrefix(f, fc.field+".") {
				c.problem(fc.column, fields[f])
				shown = true
			}
		}
	}
	if !shown {
		c.problem("", practice.ErrorMessage(err))
	}
}

// change is one row's write: the record as it will be stored, whether it
// is new, and whether it holds exactly what is stored already (then it is
// not written at all, and its updated time stays).
type change[T any] struct {
	row   int
	v     T
	isNew bool
	same  bool
}

// applyChanges saves each change through save and counts what it did. A
// change the store refuses by a rule of its own (EINVALID or ECONFLICT: a
// tax rate in use cannot change its percentage) becomes a problem of its
// row, and the other changes are still tried so that every bad row is
// listed; the error is then rd's *Error and the caller's transaction must
// be rolled back. Any other error is a fault and stops at once.
func applyChanges[T any](rd *Reader, plan []change[T], save func(T) error, cols []fieldColumn) (ImportResult, error) {
	var res ImportResult
	for _, ch := range plan {
		if ch.same {
			res.Unchanged++
			continue
		}
		err := save(ch.v)
		switch practice.ErrorCode(err) {
		case "":
		case practice.EINVALID, practice.ECONFLICT:
			newRowCheck(rd, ch.row).invalid(err, cols)
			continue
		default:
			return ImportResult{}, err
		}
		if ch.isNew {
			res.Created++
		} else {
			res.Updated++
		}
	}
	if err := rd.Err(); err != nil {
		return ImportResult{}, err
	}
	return res, nil
}
