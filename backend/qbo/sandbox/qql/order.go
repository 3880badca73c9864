package qql

import (
	"slices"
)

// Start returns the 1-based position of the page's first row: the query's
// STARTPOSITION, or 1.
func (q *Query) Start() int { return max(q.StartPosition, 1) }

// Limit returns the page size: the query's MAXRESULTS, or QBO's default of
// DefaultMaxResults when it has none.
func (q *Query) Limit() int {
	if q.MaxResults <= 0 {
		return DefaultMaxResults
	}
	return q.MaxResults
}

// Less reports whether a sorts before b under the query's ORDERBY keys.
// A missing property sorts first in ascending order (and so last in
// descending order), as NULLs do in the databases behind QBO (unconfirmed).
// Values of one type compare as Match compares them, except that a date
// or time without offset is read as UTC, so that the order is total.
// Values of different types sort by type: booleans, numbers, then strings.
func (q *Query) Less(a, b map[string]any) bool {
	for _, o := range q.OrderBy {
		va, oka := Lookup(a, o.Field)
		vb, okb := Lookup(b, o.Field)
		n := orderCompare(va, oka, vb, okb)
		if n == 0 {
			continue
		}
		if o.Desc {
			return n > 0
		}
		return n < 0
	}
	return false
}

// Sort orders objs by the query's ORDERBY keys, in place. The sort is
// stable: rows that tie, and all rows of a query without ORDERBY, keep the
// order they came in (the server's natural order, by Id).
func (q *Query) Sort(objs []map[string]any) {
	if len(q.OrderBy) == 0 {
		return
	}
	slices.SortStableFunc(objs, func(a, b map[string]any) int {
		switch {
		case q.Less(a, b):
			return -1
		case q.Less(b, a):
			return 1
		}
		return 0
	})
}

// Page returns the rows of objs that the query's STARTPOSITION and
// MAXRESULTS select; nil when the start is past the end (QBO then answers
// with no entity key at all).
func (q *Query) Page(objs []map[string]any) []map[string]any {
	start := q.Start() - 1
	if start >= len(objs) {
		return nil
	}
	end := len(objs)
	if n := q.Limit(); end-start > n {
		end = start + n
	}
	return objs[start:end:end]
}

// Apply runs the query over objs: it keeps the rows Match accepts, sorts
// them, and returns the requested page together with the number of rows
// that matched in all (the totalCount of a COUNT query). objs is not
// modified.
func (q *Query) Apply(objs []map[string]any) (page []map[string]any, total int) {
	var matched []map[string]any
	for _, o := range objs {
		if q.Match(o) {
			matched = append(matched, o)
		}
	}
	q.Sort(matched)
	return q.Page(matched), len(matched)
}

// The ranks of value types in an ORDERBY, and of string forms within
// strings, so that values of mixed types still sort in one total order.
const (
	rankMissing = iota
	rankBool
	rankNumber
	rankInteger // a string holding a canonical integer, as Ids do
	rankTime    // a string holding a date or timestamp
	rankText
	rankOther // objects and arrays: equal to each other
)

func rank(v any, ok bool) int {
	if !ok {
		return rankMissing
	}
	if _, isNum := number(v); isNum {
		return rankNumber
	}
	switch v := v.(type) {
	case bool:
		return rankBool
	case string:
		if isInteger(v) {
			return rankInteger
		}
		if _, _, isTime := parseTime(v); isTime {
			return rankTime
		}
		return rankText
	}
	return rankOther
}

func orderCompare(a any, oka bool, b any, okb bool) int {
	ra, rb := rank(a, oka), rank(b, okb)
	if ra != rb {
		return cmpInt(ra, rb)
	}
	switch ra {
	case rankBool:
		return cmpBool(a.(bool), b.(bool))
	case rankNumber:
		fa, _ := number(a)
		fb, _ := number(b)
		return cmpFloat(fa, fb)
	case rankInteger, rankTime, rankText:
		return compareStrings(a.(string), b.(string), false)
	}
	return 0
}
