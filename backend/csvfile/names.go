package csvfile

import (
	"fmt"
	"strconv"
	"strings"
)

// named is a store's list of records that a file refers to by name
// (contact types, work types, tax rates), found as an accountant types a
// name: spaces around it ignored, the exact name first, then ignoring
// case. The store keeps these names unique ignoring case, so a name finds
// at most one record either way.
type named[T any] struct {
	all  []T
	name func(T) string
}

func newNamed[T any](all []T, name func(T) string) named[T] {
	return named[T]{all: all, name: name}
}

func (n named[T]) find(name string) (T, bool) {
	name = strings.TrimSpace(name)
	for _, v := range n.all {
		if n.name(v) == name {
			return v, true
		}
	}
	for _, v := range n.all {
		if strings.EqualFold(n.name(v), name) {
			return v, true
		}
	}
	var zero T
	return zero, false
}

// maxListed is how many names a problem lists before it says how many
// more there are: enough to spot a typo, short enough to read.
const maxListed = 12

// list returns the names for a problem's sentence: "Bookkeeping",
// "Payroll" (and 3 more), or "none yet".
func (n named[T]) list() string {
	if len(n.all) == 0 {
		return "none yet"
	}
	var quoted []string
	for _, v := range n.all[:min(len(n.all), maxListed)] {
		quoted = append(quoted, strconv.Quote(n.name(v)))
	}
	s := strings.Join(quoted, ", ")
	if more := len(n.all) - maxListed; more > 0 {
		s += fmt.Sprintf(" (and %d more)", more)
	}
	return s
}

// onceEach remembers the row that named each record of a file, so that a
// file which names one twice is refused at the second row rather than
// applied twice in an order the accountant cannot see.
type onceEach map[string]int

// seen records row as naming key (a name, compared ignoring case) and
// returns the earlier row that did, or 0.
func (o onceEach) seen(key string, row int) int {
	key = strings.ToLower(strings.TrimSpace(key))
	if first, ok := o[key]; ok {
		return first
	}
	o[key] = row
	return 0
}
