package qql

import (
	"slices"
	"strconv"
	"strings"
)

// Quote returns s as a string literal: in single quotes, with backslashes
// and single quotes escaped by a backslash, as QBO documents. Percent signs
// are left alone, so a caller building a LIKE pattern adds its own.
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' || s[i] == '\'' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('\'')
	return b.String()
}

// String returns the literal as it is written in a query. Percent signs that
// LIKE would take literally are escaped, so that parsing the result gives
// back the same value.
func (v Value) String() string {
	switch v.Kind {
	case Number:
		return v.Text
	case Bool:
		return strconv.FormatBool(v.Bool)
	}
	var b strings.Builder
	b.WriteByte('\'')
	for i := 0; i < len(v.Text); i++ {
		c := v.Text[i]
		if c == '\\' || c == '\'' || (c == '%' && !slices.Contains(v.wild, i)) {
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	b.WriteByte('\'')
	return b.String()
}

// String returns the query in a canonical form (keywords upper-cased, one
// space between tokens) that parses back to an equal Query; the server logs
// it and tests compare it.
func (q *Query) String() string {
	var b strings.Builder
	b.WriteString("SELECT ")
	if q.Count {
		b.WriteString("COUNT(*)")
	} else {
		b.WriteString("*")
	}
	b.WriteString(" FROM ")
	b.WriteString(q.Entity)
	for i, c := range q.Where {
		if i == 0 {
			b.WriteString(" WHERE ")
		} else {
			b.WriteString(" AND ")
		}
		b.WriteString(c.Field)
		b.WriteByte(' ')
		b.WriteString(string(c.Op))
		b.WriteByte(' ')
		if c.Op == OpIn {
			b.WriteByte('(')
		}
		for j, v := range c.Values {
			if j > 0 {
				b.WriteString(", ")
			}
			b.WriteString(v.String())
		}
		if c.Op == OpIn {
			b.WriteByte(')')
		}
	}
	for i, o := range q.OrderBy {
		if i == 0 {
			b.WriteString(" ORDERBY ")
		} else {
			b.WriteString(", ")
		}
		b.WriteString(o.Field)
		if o.Desc {
			b.WriteString(" DESC")
		}
	}
	if q.StartPosition > 0 {
		b.WriteString(" STARTPOSITION ")
		b.WriteString(strconv.Itoa(q.StartPosition))
	}
	if q.MaxResults > 0 {
		b.WriteString(" MAXRESULTS ")
		b.WriteString(strconv.Itoa(q.MaxResults))
	}
	return b.String()
}

// Fields returns the property paths the query names, in WHERE then ORDERBY
// order, each once. The server checks them against what the entity lets be
// queried (see CheckFields).
func (q *Query) Fields() []string {
	var out []string
	add := func(f string) {
		if !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	for _, c := range q.Where {
		add(c.Field)
	}
	for _, o := range q.OrderBy {
		add(o.Field)
	}
	return out
}

// CheckFields returns a 4001 *ParseError naming the first property path the
// query uses that known rejects, worded as QBO words it; nil if known
// accepts them all. QBO refuses properties that do not exist or cannot be
// filtered (e.g. Customer.CustomerTypeRef), and the sandbox should too,
// lest a client come to rely on a filter real QBO would refuse.
func (q *Query) CheckFields(known func(path string) bool) error {
	for _, f := range q.Fields() {
		if !known(f) {
			return invalid("Property %s not found for Entity %s", f, q.Entity)
		}
	}
	return nil
}
