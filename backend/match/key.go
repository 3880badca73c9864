package match

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"
)

// folder folds case. A folding Caser is stateless, so one serves every
// goroutine.
var folder = cases.Fold()

// Key normalises a name or one email address for exact comparison, so that
// what a person would call the same text compares equal: Unicode NFC (an
// accent typed as a combining mark equals the precomposed letter), case
// folding ("PETRA NOVAK" equals "Petra Novak", "Straße" equals "STRASSE"),
// trimmed, and every run of white space collapsed into one space.
//
// Key is idempotent: Key(Key(s)) == Key(s).
func Key(s string) string {
	if isASCII(s) {
		return asciiKey(s)
	}
	// Folding may leave a string that is no longer NFC (it can split a
	// precomposed letter), so normalise on both sides of it.
	return collapse(foldNFC(norm.NFC.String(s)))
}

// foldNFC folds case and puts the result back in NFC: Key without its
// white-space collapsing.
func foldNFC(s string) string {
	return norm.NFC.String(strings.Map(cherokeeUpper, folder.String(s)))
}

// cherokeeUpper maps Cherokee letters to capitals, which is what Unicode
// case folding does with them; the folding tables we use swap the two
// cases instead, which would let "Ᏻ" and "ᏻ" each fold into the other and
// make Key give two answers for one name.
func cherokeeUpper(r rune) rune {
	if r >= 0x13A0 && (r <= 0x13FF || (r >= 0xAB70 && r <= 0xABBF)) {
		return unicode.ToUpper(r)
	}
	return r
}

// isASCII reports whether s is all ASCII, for which NFC is the identity
// and case folding is lower-casing.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// asciiKey is Key for ASCII text, in one pass: most names and nearly all
// email addresses are ASCII, and a run decides thousands of them.
func asciiKey(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			space = b.Len() > 0
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteByte(c)
	}
	return b.String()
}

// collapse trims s and turns every run of Unicode white space into one
// ASCII space.
func collapse(s string) string {
	return strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " ")
}
