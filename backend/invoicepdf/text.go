package invoicepdf

import "strings"

// encoder turns UTF-8 text into the cp1252 bytes the PDF's core font
// draws. fpdf's translator knows cp1252; for anything it lacks (it would
// print ".") the encoder tries a plain Latin letter, then "?". One encoder
// serves one document: it is not safe for concurrent use.
type encoder struct {
	toCP1252 func(string) string
	cache    map[rune]byte
}

func newEncoder(toCP1252 func(string) string) *encoder {
	return &encoder{toCP1252: toCP1252, cache: map[rune]byte{}}
}

// line encodes text printed on one line: line breaks and tabs become
// spaces.
func (e *encoder) line(s string) string {
	return e.encode(s, false)
}

// text encodes text that may run over several lines: "\n" is kept.
func (e *encoder) text(s string) string {
	return e.encode(s, true)
}

func (e *encoder) encode(s string, keepNewlines bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n' && keepNewlines:
			b.WriteByte('\n')
		case r == '\n' || r == '\t':
			b.WriteByte(' ')
		case r < 0x20 || r == 0x7f:
			// other control characters (\r among them) print nothing
		case r < 0x80:
			b.WriteByte(byte(r))
		default:
			b.WriteByte(e.byteFor(r))
		}
	}
	return b.String()
}

func (e *encoder) byteFor(r rune) byte {
	if c, ok := e.cache[r]; ok {
		return c
	}
	c := byte('?')
	if t := e.toCP1252(string(r)); len(t) == 1 && t != "." {
		c = t[0]
	} else if a, ok := plainForm(r); ok {
		c = a
	}
	e.cache[r] = c
	return c
}

// latinExtendedA gives, for U+0100 to U+017F, the letter without its
// accent; "?" where there is no single plain letter (the ligatures ĳ).
// Letters of this block that cp1252 has (Œ œ Š š Ÿ Ž ž) never get here.
const latinExtendedA = "" +
	"AaAaAaCcCcCcCcDd" + // U+0100 Ā ā Ă ă Ą ą Ć ć Ĉ ĉ Ċ ċ Č č Ď ď
	"DdEeEeEeEeEeGgGg" + // U+0110 Đ đ Ē ē Ĕ ĕ Ė ė Ę ę Ě ě Ĝ ĝ Ğ ğ
	"GgGgHhHhIiIiIiIi" + // U+0120 Ġ ġ Ģ ģ Ĥ ĥ Ħ ħ Ĩ ĩ Ī ī Ĭ ĭ Į į
	"Ii??JjKkkLlLlLlL" + // U+0130 İ ı Ĳ ĳ Ĵ ĵ Ķ ķ ĸ Ĺ ĺ Ļ ļ Ľ ľ Ŀ
	"lLlNnNnNnnNnOoOo" + // U+0140 ŀ Ł ł Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ Ō ō Ŏ ŏ
	"OoOoRrRrRrSsSsSs" + // U+0150 Ő ő Œ œ Ŕ ŕ Ŗ ŗ Ř ř Ś ś Ŝ ŝ Ş ş
	"SsTtTtTtUuUuUuUu" + // U+0160 Š š Ţ ţ Ť ť Ŧ ŧ Ũ ũ Ū ū Ŭ ŭ Ů ů
	"UuUuWwYyYZzZzZzs" //   U+0170 Ű ű Ų ų Ŵ ŵ Ŷ ŷ Ÿ Ź ź Ż ż Ž ž ſ

// plainForm gives a cp1252 stand-in for a character cp1252 lacks, if one
// reads the same to a person.
func plainForm(r rune) (byte, bool) {
	switch {
	case r >= 0x100 && r < 0x180:
		c := latinExtendedA[r-0x100]
		return c, c != '?'
	case r == 0x218 || r == 0x219: // Ș ș (Romanian)
		return "Ss"[r-0x218], true
	case r == 0x21a || r == 0x21b: // Ț ț
		return "Tt"[r-0x21a], true
	case r == 0x2010, r == 0x2011, r == 0x2012, r == 0x2212: // hyphens, figure dash, minus
		return '-', true
	case r >= 0x2000 && r <= 0x200a, r == 0x202f, r == 0x205f: // typographic spaces
		return ' ', true
	case r == 0x2032: // prime
		return '\'', true
	}
	return 0, false
}
