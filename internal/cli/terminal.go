package cli

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// printable returns s fit for a terminal: control characters (ESC, BEL,
// new lines, C1 codes, …), the invisible marks that reorder text
// (bidirectional overrides) and bytes that are not UTF-8 are shown as
// escapes such as \x1b or \u202e. Text from QuickBooks (a company's or a
// customer's name) then cannot retitle the terminal, clear it, colour it
// or disguise what follows. Every plain-text line a verb prints of such
// text goes through it; --json output does not need to, since JSON escapes
// control characters itself and decodes back to the exact text.
func printable(s string) string {
	if !needsEscape(s) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteString(`\x` + strconv.FormatUint(uint64(s[i]), 16))
		case escaped(r):
			q := strconv.QuoteRuneToASCII(r)
			b.WriteString(q[1 : len(q)-1])
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func needsEscape(s string) bool {
	if !utf8.ValidString(s) {
		return true
	}
	for _, r := range s {
		if escaped(r) {
			return true
		}
	}
	return false
}

// escaped reports whether r must not reach a terminal as it is.
func escaped(r rune) bool {
	switch {
	case unicode.IsControl(r): // C0, DEL, C1
		return true
	case r == '\u061c', r == '\u200e', r == '\u200f', r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
		return true // marks that reorder bidirectional text
	}
	return false
}

// printableLines is printable for text of several lines, such as an error
// that ends with advice on a line of its own: the line breaks stay.
func printableLines(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = printable(l)
	}
	return strings.Join(lines, "\n")
}
