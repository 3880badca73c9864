package qql

import (
	"strings"
	"unicode/utf8"
)

type tokenKind int

const (
	tEOF     tokenKind = iota
	tIdent             // a name, possibly dotted: Customer, MetaData.LastUpdatedTime
	tString            // a quoted literal; val holds it unescaped
	tInteger           // digits, possibly signed
	tDecimal           // digits with a fraction, possibly signed
	tKeyword           // a reserved word; val holds it upper-cased
	tPunct             // * ( ) , and the comparison operators
)

// keywords are reserved in every letter case. ORDER and BY are not: they
// are read as a pair only where ORDER BY may stand, so that neither stops
// being usable as a name.
var keywords = map[string]bool{
	"SELECT": true, "COUNT": true, "FROM": true, "WHERE": true, "AND": true,
	"IN": true, "LIKE": true, "TRUE": true, "FALSE": true, "ORDERBY": true,
	"ASC": true, "DESC": true, "STARTPOSITION": true, "MAXRESULTS": true,
}

type token struct {
	kind      tokenKind
	text      string // as written, for error messages
	val       string // string literal unescaped, keyword upper-cased, else text
	wild      []int  // byte offsets in val of unescaped '%' (string literals)
	line, col int
}

// kindImage names the token's kind the way the parser's messages do:
// <IDENTIFIER> for names, the quoted word for keywords and symbols.
func (t token) kindImage() string {
	switch t.kind {
	case tIdent:
		return "<IDENTIFIER>"
	case tString:
		return "<STRING>"
	case tInteger:
		return "<INTEGER>"
	case tDecimal:
		return "<DECIMAL>"
	case tKeyword:
		return `"` + strings.ToLower(t.val) + `"`
	case tPunct:
		return `"` + escapeImage(t.val) + `"`
	}
	return "<EOF>"
}

// lexer hands out tokens one at a time, so that a syntax error early in a
// query is reported before a bad character later on, as QBO's parser does.
type lexer struct {
	src       string
	pos       int
	line, col int
}

func newLexer(s string) *lexer { return &lexer{src: s, line: 1, col: 1} }

// peekRune returns the rune at byte offset i and its size; 0 at the end.
func (l *lexer) peekRune(i int) (rune, int) {
	if i >= len(l.src) {
		return 0, 0
	}
	return utf8.DecodeRuneInString(l.src[i:])
}

// advance moves past n bytes that hold one rune r, keeping line and column.
func (l *lexer) advance(r rune, n int) {
	l.pos += n
	if r == '\n' {
		l.line++
		l.col = 1
	} else {
		l.col++
	}
}

func isSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' }

func isIdentStart(r rune) bool {
	return r == '_' || ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z')
}

func isIdentPart(r rune) bool { return isIdentStart(r) || isDigit(r) }

func isDigit(r rune) bool { return '0' <= r && r <= '9' }

// next returns the next token, or a *ParseError for text no token fits.
func (l *lexer) next() (token, error) {
	for {
		r, n := l.peekRune(l.pos)
		if n == 0 || !isSpace(r) {
			break
		}
		l.advance(r, n)
	}
	start, line, col := l.pos, l.line, l.col
	r, n := l.peekRune(l.pos)
	if n == 0 {
		return token{kind: tEOF, line: line, col: col}, nil
	}
	tok := token{line: line, col: col}
	switch {
	case r == '\'':
		return l.str(tok)
	case isIdentStart(r):
		l.ident()
		tok.text = l.src[start:l.pos]
		tok.kind, tok.val = tIdent, tok.text
		if up := strings.ToUpper(tok.text); keywords[up] {
			tok.kind, tok.val = tKeyword, up
		}
		return tok, nil
	case isDigit(r) || (r == '-' && isDigit(l.runeAfter(l.pos+1))):
		l.advance(r, n)
		tok.kind = l.number()
		tok.text = l.src[start:l.pos]
		tok.val = tok.text
		return tok, nil
	}
	switch r {
	case '*', '(', ')', ',', '=':
		l.advance(r, n)
	case '<', '>', '!':
		l.advance(r, n)
		if l.runeAfter(l.pos) == '=' {
			l.advance('=', 1)
		} else if r == '!' {
			return token{}, lexicalError(l.line, l.col, l.runeAfter(l.pos), l.pos >= len(l.src), "!")
		}
	default:
		return token{}, lexicalError(line, col, r, false, "")
	}
	tok.kind, tok.text = tPunct, l.src[start:l.pos]
	tok.val = tok.text
	return tok, nil
}

// runeAfter returns the rune at byte offset i, or 0 at the end.
func (l *lexer) runeAfter(i int) rune {
	r, _ := l.peekRune(i)
	return r
}

// ident consumes a name with optional dotted parts (MetaData.CreateTime).
// A dot not followed by a name is left for the next token, which fails.
func (l *lexer) ident() {
	for {
		r, n := l.peekRune(l.pos)
		for n > 0 && isIdentPart(r) {
			l.advance(r, n)
			r, n = l.peekRune(l.pos)
		}
		if r != '.' || !isIdentStart(l.runeAfter(l.pos+1)) {
			return
		}
		l.advance('.', 1)
	}
}

// number consumes the rest of digits[.digits] after its first character.
func (l *lexer) number() tokenKind {
	for isDigit(l.runeAfter(l.pos)) {
		l.advance('0', 1)
	}
	if l.runeAfter(l.pos) != '.' || !isDigit(l.runeAfter(l.pos+1)) {
		return tInteger
	}
	l.advance('.', 1)
	for isDigit(l.runeAfter(l.pos)) {
		l.advance('0', 1)
	}
	return tDecimal
}

// str consumes a quoted literal. A backslash makes the next character
// literal (\' is a quote, \\ a backslash, \% a percent sign that LIKE
// takes literally); a doubled quote also stands for one quote, because
// clients built for SQL send it even though QBO documents the backslash.
func (l *lexer) str(tok token) (token, error) {
	start := l.pos
	l.advance('\'', 1)
	var val []byte
	for {
		r, n := l.peekRune(l.pos)
		switch {
		case n == 0:
			return token{}, lexicalError(l.line, l.col, 0, true, l.src[start:l.pos])
		case r == '\\':
			l.advance(r, n)
			e, en := l.peekRune(l.pos)
			if en == 0 {
				return token{}, lexicalError(l.line, l.col, 0, true, l.src[start:l.pos])
			}
			val = append(val, l.src[l.pos:l.pos+en]...)
			l.advance(e, en)
		case r == '\'' && l.runeAfter(l.pos+1) == '\'':
			val = append(val, '\'')
			l.advance(r, 1)
			l.advance(r, 1)
		case r == '\'':
			l.advance(r, n)
			tok.kind, tok.text, tok.val = tString, l.src[start:l.pos], string(val)
			return tok, nil
		default:
			if r == '%' {
				tok.wild = append(tok.wild, len(val))
			}
			val = append(val, l.src[l.pos:l.pos+n]...)
			l.advance(r, n)
		}
	}
}
