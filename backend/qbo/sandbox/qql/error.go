package qql

import (
	"fmt"
	"strings"
)

// The fault codes a query can fail with. QBO answers a query it cannot
// parse with 4000 and one that parses but asks for something it refuses
// (a page too large, a property it does not know) with 4001; clients branch
// on the code, so the sandbox must pick the same one.
const (
	CodeParse   = "4000"
	CodeInvalid = "4001"
)

// The fault messages that go with the codes, as QBO words them.
const (
	MessageParse   = "Error parsing query"
	MessageInvalid = "Invalid query"
)

// ParseError is why a query was refused, shaped so that the server can
// copy it into a Fault unchanged: Code and Message go to the error's code
// and Message, Detail to its Detail.
//
// For a syntax error Detail reads like QBO's parser reports (a JavaCC-style
// "QueryParserError: Encountered ... at line L, column C."), and Line and
// Column locate the offending token (1-based, counted in characters). For a
// refused but well-formed query Detail starts with "QueryValidationError:"
// and Line and Column are 0.
type ParseError struct {
	Code    string
	Message string
	Detail  string
	Line    int
	Column  int
}

// Error implements the error interface.
func (e *ParseError) Error() string {
	return e.Message + ": " + e.Detail
}

// syntaxError reports an unexpected token the way QBO's parser does:
// the token's kind, its text, and where it starts.
func syntaxError(t token) *ParseError {
	var d string
	if t.kind == tEOF {
		d = fmt.Sprintf(`QueryParserError: Encountered "<EOF>" at line %d, column %d.`, t.line, t.col)
	} else {
		d = fmt.Sprintf(`QueryParserError: Encountered " %s "%s "" at line %d, column %d.`,
			t.kindImage(), escapeImage(t.text), t.line, t.col)
	}
	return &ParseError{Code: CodeParse, Message: MessageParse, Detail: d, Line: t.line, Column: t.col}
}

// lexicalError reports a character no token can start with (or a string
// that never ends), in the wording of QBO's tokenizer. after is the text of
// the token being read when it failed, if any.
func lexicalError(line, col int, r rune, eof bool, after string) *ParseError {
	enc := "<EOF> "
	if !eof {
		enc = fmt.Sprintf(`"%s" (%d), `, escapeImage(string(r)), r)
	}
	d := fmt.Sprintf(`QueryParserError: Lexical error at line %d, column %d.  Encountered: %safter : "%s"`,
		line, col, enc, escapeImage(after))
	return &ParseError{Code: CodeParse, Message: MessageParse, Detail: d, Line: line, Column: col}
}

// invalid reports a well-formed query that QBO refuses to run.
func invalid(format string, args ...any) *ParseError {
	return &ParseError{Code: CodeInvalid, Message: MessageInvalid,
		Detail: "QueryValidationError: " + fmt.Sprintf(format, args...)}
}

// escapeImage escapes token text as the parser's messages do, so that a
// quote or a newline in the query cannot break the Detail's own quoting.
func escapeImage(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '"':
			b.WriteString(`\"`)
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			if r < 0x20 || r == 0x7f {
				fmt.Fprintf(&b, `\u%04x`, r)
			} else {
				b.WriteRune(r)
			}
		}
	}
	return b.String()
}
