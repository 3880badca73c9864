package invoicepdf

import (
	"bytes"
	"strings"
	"testing"
)

// pdfPages reads back the text of an uncompressed PDF made by this package:
// for each page, the strings its Tj operators draw, in drawing order,
// decoded from cp1252 (only the characters the tests use beyond Latin-1).
// The pages' content streams are the only streams such a PDF has (the core
// font is not embedded), which the helper checks.
func pdfPages(t *testing.T, pdf []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf, []byte("%%EOF")) {
		t.Fatalf("not a complete PDF: %.40q", pdf)
	}
	var pages [][]string
	rest := pdf
	for {
		i := bytes.Index(rest, []byte("stream\n"))
		if i < 0 {
			break
		}
		rest = rest[i+len("stream\n"):]
		j := bytes.Index(rest, []byte("\nendstream"))
		if j < 0 {
			t.Fatal("stream without endstream")
		}
		pages = append(pages, shownStrings(t, rest[:j]))
		rest = rest[j+len("\nendstream"):]
	}
	if n := pageCount(pdf); n != len(pages) {
		t.Fatalf("%d pages but %d content streams", n, len(pages))
	}
	return pages
}

// pageCount counts the page objects of a PDF.
func pageCount(pdf []byte) int {
	return bytes.Count(pdf, []byte("/Type /Page\n")) + bytes.Count(pdf, []byte("/Type /Page/")) +
		bytes.Count(pdf, []byte("/Type /Page "))
}

// shownStrings returns the literal strings of a content stream that are
// drawn with Tj.
func shownStrings(t *testing.T, content []byte) []string {
	t.Helper()
	var out []string
	for i := 0; i < len(content); i++ {
		if content[i] != '(' {
			continue
		}
		s, end := literal(t, content, i)
		i = end
		if bytes.HasPrefix(bytes.TrimLeft(content[end+1:], " "), []byte("Tj")) {
			out = append(out, s)
		}
	}
	return out
}

// literal decodes the PDF literal string that opens at content[start],
// returning it and the index of its closing parenthesis.
func literal(t *testing.T, content []byte, start int) (string, int) {
	t.Helper()
	var b strings.Builder
	depth := 0
	for i := start; i < len(content); i++ {
		c := content[i]
		switch {
		case c == '\\' && i+1 < len(content):
			i++
			switch e := content[i]; e {
			case 'n':
				b.WriteByte('\n')
			case 'r':
				b.WriteByte('\r')
			case 't':
				b.WriteByte('\t')
			case '0', '1', '2', '3', '4', '5', '6', '7':
				v := 0
				for k := 0; k < 3 && i < len(content) && content[i] >= '0' && content[i] <= '7'; k++ {
					v = v*8 + int(content[i]-'0')
					i++
				}
				i--
				b.WriteRune(cp1252Rune(byte(v)))
			default:
				b.WriteRune(cp1252Rune(e))
			}
		case c == '(':
			if depth > 0 {
				b.WriteByte(c)
			}
			depth++
		case c == ')':
			depth--
			if depth == 0 {
				return b.String(), i
			}
			b.WriteByte(c)
		default:
			b.WriteRune(cp1252Rune(c))
		}
	}
	t.Fatal("unterminated string in content stream")
	return "", 0
}

// cp1252Rune decodes one cp1252 byte: Latin-1 above 0xA0, and the euro
// sign and curly quotes of 0x80–0x9F that the tests print.
func cp1252Rune(b byte) rune {
	switch b {
	case 0x80:
		return '€'
	case 0x91:
		return '‘'
	case 0x92:
		return '’'
	case 0x93:
		return '“'
	case 0x94:
		return '”'
	}
	return rune(b)
}

// joined is all the text of the pages, one string per page, its pieces
// separated by single spaces: a wrapped description reads as one phrase.
func joined(pages [][]string) []string {
	out := make([]string, len(pages))
	for i, p := range pages {
		out[i] = strings.Join(p, " ")
	}
	return out
}
