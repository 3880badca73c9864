package match

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// form is a name in the shapes near matching compares, computed once per
// contact when it enters the index and once per customer name in Decide.
// All are derived from the name's Key, so case, normal form and spacing are
// already folded.
type form struct {
	key     string // Key(name)
	compact string // letters and digits only: "siobhan o'brien" → "siobhanobrien"
	sorted  string // the words sorted, joined by one space: "ellison margaret"
	digits  string // the numbers in the name, in order: "unit 5 block 12" → "5 12"
	words   []rune // the words in written order, joined by one space
	sortedR []rune // sorted, as runes
	inOrder bool   // the words are already sorted: words equals sortedR
	list    []string
}

// newForm derives the near-matching shapes of a name.
func newForm(name string) form {
	key := Key(name)
	list := strings.FieldsFunc(key, notWordRune)
	f := form{key: key, compact: strings.Join(list, ""), list: list}
	f.words = []rune(strings.Join(list, " "))
	sorted := slices.Clone(list)
	slices.Sort(sorted)
	f.sorted = strings.Join(sorted, " ")
	f.sortedR = []rune(f.sorted)
	f.inOrder = slices.Equal(list, sorted)
	f.digits = strings.Join(strings.FieldsFunc(key, func(r rune) bool { return !unicode.IsDigit(r) }), " ")
	return f
}

// notWordRune separates words: anything but a letter, a digit or a mark
// (an accent that did not compose stays with its letter).
func notWordRune(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r)
}

// affixLen is how many leading and trailing letters of the compact form
// make a block: a typo in a one-word name leaves one end intact.
const affixLen = 4

// blocks returns the keys under which the index files this name for the
// similarity search: each word of two letters or more (and every number),
// and, for names long enough to be compared at all, the first and last
// affixLen letters. Two names a typo apart share at least one of them,
// unless the typo sits in a short name.
func (f form) blocks() []string {
	var out []string
	add := func(k string) {
		if !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	for _, w := range f.list {
		if utf8.RuneCountInString(w) >= 2 || isNumber(w) {
			add("w\x00" + w)
		}
	}
	if len(f.words) >= MinSimilarNameLength {
		r := []rune(f.compact)
		if len(r) >= affixLen {
			add("p\x00" + string(r[:affixLen]))
			add("s\x00" + string(r[len(r)-affixLen:]))
		}
	}
	return out
}

// isNumber reports whether w is all digits.
func isNumber(w string) bool {
	for _, r := range w {
		if !unicode.IsDigit(r) {
			return false
		}
	}
	return w != ""
}
