package qbo

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// MaxPageSize is the most rows QBO returns for one query.
const MaxPageSize = 1000

// Query is a QBO query without its entity: conditions, order and paging. It
// is a value; every method returns a changed copy, so a base query can be
// shared and refined:
//
//	q := qbo.Query{}.Where(qbo.Eq("DisplayName", name), qbo.Eq("Active", true))
//	stmt, err := q.Select("Customer")
//	// SELECT * FROM Customer WHERE DisplayName = 'O\'Brien' AND Active = true
//
// Values are never pasted into the statement: each is formatted by its Go
// type, and strings are quoted with QBO's escapes (a backslash before an
// apostrophe or a backslash). A mistake (a bad field name, a value of an
// unsupported type) is kept and reported by Select or Count.
type Query struct {
	conds []Cond
	order string
	desc  bool
	start int
	max   int
	err   error
}

// Cond is one condition of a WHERE clause; make it with Eq, Lt, Gt, Le, Ge,
// In or Like.
type Cond struct {
	field string
	op    string
	vals  []any
}

// Eq is field = v. Supported values: string, bool, the integer types, Money,
// Decimal, Date, DateTime and time.Time.
func Eq(field string, v any) Cond { return Cond{field, "=", []any{v}} }

// Lt is field < v.
func Lt(field string, v any) Cond { return Cond{field, "<", []any{v}} }

// Gt is field > v, e.g. Gt("MetaData.LastUpdatedTime", since).
func Gt(field string, v any) Cond { return Cond{field, ">", []any{v}} }

// Le is field <= v.
func Le(field string, v any) Cond { return Cond{field, "<=", []any{v}} }

// Ge is field >= v.
func Ge(field string, v any) Cond { return Cond{field, ">=", []any{v}} }

// In is field IN (v1, v2, …); it needs at least one value.
func In(field string, vs ...any) Cond { return Cond{field, "IN", vs} }

// Like is field LIKE pattern, where % (QBO's only wildcard) matches any run
// of characters. QBO has no escape for a literal %, so a % in user data acts
// as a wildcard: filter such results again on the client if it matters.
func Like(field, pattern string) Cond { return Cond{field, "LIKE", []any{pattern}} }

// Where returns q with conds added, joined by AND (QBO has no OR).
func (q Query) Where(conds ...Cond) Query {
	q.conds = append(q.conds[:len(q.conds):len(q.conds)], conds...)
	return q
}

// OrderBy returns q sorted by field, ascending.
func (q Query) OrderBy(field string) Query {
	q.order, q.desc = field, false
	return q
}

// OrderByDesc returns q sorted by field, descending.
func (q Query) OrderByDesc(field string) Query {
	q.order, q.desc = field, true
	return q
}

// StartPosition returns q starting at row n (1-based).
func (q Query) StartPosition(n int) Query {
	if n < 1 {
		q.err = cmpErr(q.err, fmt.Errorf("qbo: query: STARTPOSITION %d is below 1", n))
	}
	q.start = n
	return q
}

// MaxResults returns q limited to n rows, 1 to MaxPageSize.
func (q Query) MaxResults(n int) Query {
	if n < 1 || n > MaxPageSize {
		q.err = cmpErr(q.err, fmt.Errorf("qbo: query: MAXRESULTS %d is outside 1..%d", n, MaxPageSize))
	}
	q.max = n
	return q
}

// Select returns the statement SELECT * FROM entity … for q.
func (q Query) Select(entity string) (string, error) { return q.statement("SELECT *", entity, true) }

// Count returns the statement SELECT COUNT(*) FROM entity … for q's
// conditions; order and paging do not apply to a count and are left out.
func (q Query) Count(entity string) (string, error) {
	return q.statement("SELECT COUNT(*)", entity, false)
}

var (
	entityName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9]*$`)
	fieldName  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*$`)
)

func (q Query) statement(head, entity string, paged bool) (string, error) {
	if q.err != nil {
		return "", q.err
	}
	if !entityName.MatchString(entity) {
		return "", fmt.Errorf("qbo: query: %q is not an entity name", entity)
	}
	var b strings.Builder
	b.WriteString(head)
	b.WriteString(" FROM ")
	b.WriteString(entity)
	for i, c := range q.conds {
		if i == 0 {
			b.WriteString(" WHERE ")
		} else {
			b.WriteString(" AND ")
		}
		if err := c.write(&b); err != nil {
			return "", err
		}
	}
	if !paged {
		return b.String(), nil
	}
	if q.order != "" {
		if !fieldName.MatchString(q.order) {
			return "", fmt.Errorf("qbo: query: %q is not a field name", q.order)
		}
		b.WriteString(" ORDERBY ")
		b.WriteString(q.order)
		if q.desc {
			b.WriteString(" DESC")
		}
	}
	if q.start > 0 {
		b.WriteString(" STARTPOSITION " + strconv.Itoa(q.start))
	}
	if q.max > 0 {
		b.WriteString(" MAXRESULTS " + strconv.Itoa(q.max))
	}
	return b.String(), nil
}

func (c Cond) write(b *strings.Builder) error {
	if !fieldName.MatchString(c.field) {
		return fmt.Errorf("qbo: query: %q is not a field name", c.field)
	}
	if len(c.vals) == 0 {
		return fmt.Errorf("qbo: query: %s %s needs a value", c.field, c.op)
	}
	if c.op == "LIKE" {
		if _, ok := c.vals[0].(string); !ok {
			return fmt.Errorf("qbo: query: LIKE on %s needs a string pattern", c.field)
		}
	}
	lits := make([]string, len(c.vals))
	for i, v := range c.vals {
		lit, err := literal(v)
		if err != nil {
			return fmt.Errorf("qbo: query: %s %s: %w", c.field, c.op, err)
		}
		lits[i] = lit
	}
	b.WriteString(c.field)
	b.WriteString(" " + c.op + " ")
	if c.op == "IN" {
		b.WriteString("(" + strings.Join(lits, ", ") + ")")
	} else {
		b.WriteString(lits[0])
	}
	return nil
}

// literal formats one value. Numbers are quoted, as in Intuit's own examples
// (TotalAmt > '300.00'); booleans are bare words.
func literal(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return Quote(v), nil
	case bool:
		return strconv.FormatBool(v), nil
	case int:
		return Quote(strconv.Itoa(v)), nil
	case int32:
		return Quote(strconv.FormatInt(int64(v), 10)), nil
	case int64:
		return Quote(strconv.FormatInt(v, 10)), nil
	case uint:
		return Quote(strconv.FormatUint(uint64(v), 10)), nil
	case uint64:
		return Quote(strconv.FormatUint(v, 10)), nil
	case Money:
		return Quote(v.String()), nil
	case Decimal:
		return Quote(v.String()), nil
	case Date:
		if v.IsZero() {
			return "", errors.New("zero Date")
		}
		return Quote(v.String()), nil
	case DateTime:
		return literal(v.Time)
	case time.Time:
		if v.IsZero() {
			return "", errors.New("zero time")
		}
		return Quote(v.Format(time.RFC3339)), nil
	}
	return "", fmt.Errorf("unsupported value type %T", v)
}

// Quote returns s as a QBO string literal: in single quotes, with a
// backslash before every apostrophe and every backslash. Quote("O'Brien")
// is 'O\'Brien'.
func Quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('\'')
	for _, r := range s {
		if r == '\'' || r == '\\' {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('\'')
	return b.String()
}

// cmpErr keeps the first error.
func cmpErr(first, next error) error {
	if first != nil {
		return first
	}
	return next
}
