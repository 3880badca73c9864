package match

import (
	"slices"
	"strings"
)

// Emails splits an email field into its addresses, each normalised by Key,
// because QuickBooks lets PrimaryEmailAddr hold several addresses separated
// by commas and the firm's contacts may do the same (semicolons are
// accepted too, as people type them). Empty entries and repeats are
// dropped; the order is kept, so the first address stays the first.
// Mail systems treat addresses without regard to case, which Key's folding
// matches.
func Emails(field string) []string {
	var out []string
	for _, a := range addresses(field) {
		if k := Key(a); k != "" && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// addresses splits an email field into its addresses as written, trimmed,
// empties dropped: Emails normalises them, and reasons compare them as
// written to tell a difference in letter case.
func addresses(field string) []string {
	var out []string
	for _, a := range strings.FieldsFunc(field, func(r rune) bool { return r == ',' || r == ';' }) {
		if a = strings.TrimSpace(a); a != "" {
			out = append(out, a)
		}
	}
	return out
}
