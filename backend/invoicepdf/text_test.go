package invoicepdf

import (
	"testing"

	"github.com/go-pdf/fpdf"
)

func TestEncoder_OutsideCP1252_PlainLetterOrQuestionMark(t *testing.T) {
	enc := newEncoder(fpdf.New("P", "mm", "A4", "").UnicodeTranslatorFromDescriptor("cp1252"))
	for _, tc := range []struct{ in, want string }{
		{"O'Brien & Sons", "O'Brien & Sons"},
		{"Café Élan", "Caf\xe9 \xc9lan"},                       // in cp1252: as they are
		{"Bjørn Ærø, Straße", "Bj\xf8rn \xc6r\xf8, Stra\xdfe"}, // in cp1252
		{"€ 5 – “quoted” …", "\x80 5 \x96 \x93quoted\x94 \x85"},
		{"Šárka Žák", "\x8a\xe1rka \x8e\xe1k"}, // cp1252 has Š and Ž
		{"Łukasz Wałęsa", "Lukasz Walesa"},     // Polish: the letter without its mark
		{"Dvořák, Łódź", "Dvor\xe1k, L\xf3dz"}, // á and ó are in cp1252, ř ł ź are not
		{"Ștefan Țiriac", "Stefan Tiriac"},     // Romanian comma-below letters
		{"GST 5\u202f%", "GST 5 %"},            // narrow no-break space
		{"\u22125.00", "-5.00"},                // minus sign
		{"東京 Ltd", "?? Ltd"},                   // no stand-in: a visible "?"
		{"Ελλάδα", "??????"},                   // Greek
		{"Fee 🙂", "Fee ?"},                     // emoji
		{"bad \xff byte", "bad ? byte"},        // invalid UTF-8
		{"tab\there\r\nnext", "tab here next"}, // one line: breaks become spaces
	} {
		if got := enc.line(tc.in); got != tc.want {
			t.Errorf("line(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if got, want := enc.text("one\r\ntwo\nthree"), "one\ntwo\nthree"; got != want {
		t.Errorf("text keeps line breaks: got %q, want %q", got, want)
	}
}

func TestLatinExtendedA_OneLetterPerCodePoint(t *testing.T) {
	if len(latinExtendedA) != 0x80 {
		t.Fatalf("table has %d entries, want 128", len(latinExtendedA))
	}
	for r, want := range map[rune]byte{'Ā': 'A', 'č': 'c', 'ğ': 'g', 'İ': 'I', 'ł': 'l', 'Ł': 'L', 'ő': 'o', 'ř': 'r', 'ů': 'u', 'ż': 'z', 'ſ': 's'} {
		if got, ok := plainForm(r); !ok || got != want {
			t.Errorf("plainForm(%q) = %q, %v; want %q", r, got, ok, want)
		}
	}
}
