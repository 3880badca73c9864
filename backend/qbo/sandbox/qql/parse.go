package qql

import (
	"strconv"
	"strings"
)

// MaxMaxResults is the largest page QBO serves; a larger MAXRESULTS is
// refused with 4001 rather than quietly cut down.
const MaxMaxResults = 1000

// DefaultMaxResults is the page size QBO uses when a query has no
// MAXRESULTS. Clients that page by checking for a short page rely on it.
const DefaultMaxResults = 100

// maxStartPosition caps STARTPOSITION so that a huge one cannot overflow
// the paging arithmetic; any value this large is past the end anyway.
const maxStartPosition = 1<<31 - 1

// Op is a comparison operator of a WHERE condition.
type Op string

// The operators QBO's query language has. OpNe is not in Intuit's grammar
// but QBO has been seen to accept it, so the sandbox does too.
const (
	OpEq   Op = "="
	OpNe   Op = "!="
	OpLt   Op = "<"
	OpGt   Op = ">"
	OpLe   Op = "<="
	OpGe   Op = ">="
	OpIn   Op = "IN"
	OpLike Op = "LIKE"
)

// Kind is the type of a literal value.
type Kind int

// The kinds of literal. An unquoted word used as a value (Intuit's grammar
// allows value_without_quote) is read as a String.
const (
	String Kind = iota
	Number
	Bool
)

// Value is a literal of a WHERE condition.
type Value struct {
	Kind Kind
	Text string // the string (unescaped), the number as written, or true/false
	Bool bool

	// wild holds the byte offsets in Text of the '%' characters that were
	// not escaped: the ones LIKE treats as wildcards.
	wild []int
}

// Cond is one condition of a WHERE clause: Field Op Values. Values has one
// element except for IN, where it has one or more.
type Cond struct {
	Field  string // a property path as written, e.g. MetaData.LastUpdatedTime
	Op     Op
	Values []Value
}

// Order is one key of an ORDERBY clause.
type Order struct {
	Field string
	Desc  bool
}

// Query is a parsed query.
type Query struct {
	Count   bool   // SELECT COUNT(*) rather than SELECT *
	Entity  string // as written; QBO matches entity names in any case
	Where   []Cond // all must hold (QBO has no OR)
	OrderBy []Order

	// StartPosition is the 1-based index of the first row of the page;
	// 0 when the query has none. QBO reads STARTPOSITION 0 as 1.
	StartPosition int
	// MaxResults is the page size asked for; 0 when the query has none.
	MaxResults int
}

// Parse reads a query in QBO's query language. Keywords are matched in any
// letter case. A query QBO could not parse yields a *ParseError with code
// 4000; one it parses but refuses (MAXRESULTS above 1000) yields code 4001.
func Parse(s string) (*Query, error) {
	p := &parser{lex: newLexer(s)}
	if err := p.advance(); err != nil {
		return nil, err
	}
	q, err := p.query()
	if err != nil {
		return nil, err
	}
	return q, nil
}

// comparisons are the operators written as symbols.
var comparisons = map[Op]bool{OpEq: true, OpNe: true, OpLt: true, OpGt: true, OpLe: true, OpGe: true}

type parser struct {
	lex       *lexer
	tok       token  // the current, not yet consumed, token
	lastCount string // the last STARTPOSITION/MAXRESULTS number as written
}

func (p *parser) advance() error {
	t, err := p.lex.next()
	if err != nil {
		return err
	}
	p.tok = t
	return nil
}

// keyword reports whether the current token is the given keyword.
func (p *parser) keyword(kw string) bool { return p.tok.kind == tKeyword && p.tok.val == kw }

func (p *parser) punct(s string) bool { return p.tok.kind == tPunct && p.tok.val == s }

// expect consumes the current token if ok, else fails on it.
func (p *parser) expect(ok bool) error {
	if !ok {
		return syntaxError(p.tok)
	}
	return p.advance()
}

func (p *parser) query() (*Query, error) {
	q := &Query{}
	if err := p.expect(p.keyword("SELECT")); err != nil {
		return nil, err
	}
	if p.keyword("COUNT") {
		q.Count = true
		for _, ok := range []func() bool{
			func() bool { return p.keyword("COUNT") },
			func() bool { return p.punct("(") },
			func() bool { return p.punct("*") },
			func() bool { return p.punct(")") },
		} {
			if err := p.expect(ok()); err != nil {
				return nil, err
			}
		}
	} else if err := p.expect(p.punct("*")); err != nil {
		// A projection (SELECT Id, Name) fails here: QBO has none.
		return nil, err
	}
	if err := p.expect(p.keyword("FROM")); err != nil {
		return nil, err
	}
	if p.tok.kind != tIdent || strings.Contains(p.tok.val, ".") {
		return nil, syntaxError(p.tok)
	}
	q.Entity = p.tok.val
	if err := p.advance(); err != nil {
		return nil, err
	}
	if p.keyword("WHERE") {
		if err := p.where(q); err != nil {
			return nil, err
		}
	}
	if err := p.orderBy(q); err != nil {
		return nil, err
	}
	if p.keyword("STARTPOSITION") {
		n, err := p.count()
		if err != nil {
			return nil, err
		}
		q.StartPosition = max(n, 1)
	}
	if p.keyword("MAXRESULTS") {
		n, err := p.count()
		if err != nil {
			return nil, err
		}
		if n > MaxMaxResults {
			return nil, invalid("value %s is too large. Max allowed value is %d", p.lastCount, MaxMaxResults)
		}
		q.MaxResults = n
	}
	if p.tok.kind != tEOF {
		return nil, syntaxError(p.tok)
	}
	return q, nil
}

func (p *parser) where(q *Query) error {
	for {
		if err := p.advance(); err != nil { // past WHERE or AND
			return err
		}
		c, err := p.cond()
		if err != nil {
			return err
		}
		q.Where = append(q.Where, c)
		if !p.keyword("AND") {
			return nil
		}
	}
}

func (p *parser) cond() (Cond, error) {
	if p.tok.kind != tIdent {
		return Cond{}, syntaxError(p.tok)
	}
	c := Cond{Field: p.tok.val}
	if err := p.advance(); err != nil {
		return Cond{}, err
	}
	switch {
	case p.keyword("IN"):
		c.Op = OpIn
		if err := p.advance(); err != nil {
			return Cond{}, err
		}
		if err := p.expect(p.punct("(")); err != nil {
			return Cond{}, err
		}
		for {
			v, err := p.value()
			if err != nil {
				return Cond{}, err
			}
			c.Values = append(c.Values, v)
			if !p.punct(",") {
				break
			}
			if err := p.advance(); err != nil {
				return Cond{}, err
			}
		}
		return c, p.expect(p.punct(")"))
	case p.keyword("LIKE"):
		c.Op = OpLike
		if err := p.advance(); err != nil {
			return Cond{}, err
		}
		if p.tok.kind != tString {
			return Cond{}, syntaxError(p.tok)
		}
	case p.tok.kind == tPunct && comparisons[Op(p.tok.val)]:
		c.Op = Op(p.tok.val)
		if err := p.advance(); err != nil {
			return Cond{}, err
		}
	default:
		return Cond{}, syntaxError(p.tok)
	}
	v, err := p.value()
	if err != nil {
		return Cond{}, err
	}
	c.Values = []Value{v}
	return c, nil
}

// value consumes one literal.
func (p *parser) value() (Value, error) {
	var v Value
	switch {
	case p.tok.kind == tString:
		v = Value{Kind: String, Text: p.tok.val, wild: p.tok.wild}
	case p.tok.kind == tIdent:
		v = Value{Kind: String, Text: p.tok.val}
	case p.tok.kind == tInteger || p.tok.kind == tDecimal:
		v = Value{Kind: Number, Text: p.tok.val}
	case p.keyword("TRUE"), p.keyword("FALSE"):
		v = Value{Kind: Bool, Bool: p.tok.val == "TRUE", Text: strings.ToLower(p.tok.val)}
	default:
		return Value{}, syntaxError(p.tok)
	}
	return v, p.advance()
}

// orderBy reads ORDERBY (or ORDER BY, which QBO has been seen to accept)
// and its keys, if present.
func (p *parser) orderBy(q *Query) error {
	switch {
	case p.keyword("ORDERBY"):
	case p.tok.kind == tIdent && strings.EqualFold(p.tok.val, "ORDER"):
		if err := p.advance(); err != nil {
			return err
		}
		if p.tok.kind != tIdent || !strings.EqualFold(p.tok.val, "BY") {
			return syntaxError(p.tok)
		}
	default:
		return nil
	}
	for {
		if err := p.advance(); err != nil { // past ORDERBY, BY or a comma
			return err
		}
		if p.tok.kind != tIdent {
			return syntaxError(p.tok)
		}
		o := Order{Field: p.tok.val}
		if err := p.advance(); err != nil {
			return err
		}
		if p.keyword("ASC") || p.keyword("DESC") {
			o.Desc = p.tok.val == "DESC"
			if err := p.advance(); err != nil {
				return err
			}
		}
		q.OrderBy = append(q.OrderBy, o)
		if !p.punct(",") {
			return nil
		}
	}
}

// count consumes STARTPOSITION or MAXRESULTS and its unsigned integer.
// Values too large for the arithmetic are capped; MAXRESULTS is checked
// against its limit by the caller, with lastCount kept for the message.
func (p *parser) count() (int, error) {
	if err := p.advance(); err != nil {
		return 0, err
	}
	if p.tok.kind != tInteger || strings.HasPrefix(p.tok.val, "-") {
		return 0, syntaxError(p.tok)
	}
	p.lastCount = p.tok.val
	n, err := strconv.Atoi(p.tok.val)
	if err != nil || n > maxStartPosition {
		n = maxStartPosition
	}
	return n, p.advance()
}
