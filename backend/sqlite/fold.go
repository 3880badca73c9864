package sqlite

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// fold reduces text to the form search and sorting compare: lower case,
// accents removed, so "Émile" sorts among the E's and "emile" finds it.
// SQLite's own lower() and NOCASE know only ASCII.
func fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.ToLower(out)
}
