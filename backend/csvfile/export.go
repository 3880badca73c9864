package csvfile

import (
	"fmt"
	"io"
	"iter"
)

// exportRows writes a file of header and one row for each record records
// yields, its cells filled in by cells, and returns how many it wrote.
// Each row is written as its record arrives and none is kept, so a store's
// walk streams to the file. kind names the records in an error ("contacts").
func exportRows[T any](w io.Writer, kind string, header []string, records iter.Seq2[T, error], cells func(T, []string)) (int, error) {
	cw := NewWriter(w)
	if err := cw.Write(header); err != nil {
		return 0, fmt.Errorf("write %s header: %w", kind, err)
	}
	n := 0
	row := make([]string, len(header))
	for v, err := range records {
		if err != nil {
			return n, err
		}
		cells(v, row)
		if err := cw.Write(row); err != nil {
			return n, fmt.Errorf("write %s, row %d: %w", kind, n+2, err)
		}
		n++
	}
	if err := cw.Flush(); err != nil {
		return n, fmt.Errorf("write %s: %w", kind, err)
	}
	return n, nil
}

// each yields the records of a list, for exportRows.
func each[T any](list []T) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		for _, v := range list {
			if !yield(v, nil) {
				return
			}
		}
	}
}
