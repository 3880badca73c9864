package app

import (
	"bytes"
	"encoding/json"
	"strings"
	"unicode/utf8"
)

// Text that is not text. encoding/json turns bytes that are not UTF-8, and
// \u escapes of half a UTF-16 surrogate pair ("\ud800" alone), into U+FFFD
// without a word, so a name would be stored with "�" in it and the
// validator could never refuse it. The bridge therefore reads the raw JSON
// of each argument before decoding it. (The desktop window's calls are
// decoded by Wails; the UI's api layer refuses such strings before
// sending them.)

// illFormedText reports whether the JSON text raw holds a string that is
// not valid text and, when it can tell, the field it is in, named as the UI
// names fields: object keys joined by dots, array positions left out
// ("physicalAddress.lines"). A bare string argument has no field: "".
func illFormedText(raw []byte) (field string, bad bool) {
	if wellFormedJSONText(raw) {
		return "", false
	}
	type level struct {
		object  bool
		key     string
		wantKey bool
	}
	var stack []level
	path := func() string {
		var keys []string
		for _, l := range stack {
			if l.object {
				keys = append(keys, l.key)
			}
		}
		return strings.Join(keys, ".")
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	var from int64
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", true // the bad text is there; where, the decoder cannot say
		}
		to := dec.InputOffset()
		// raw[from:to] is the token with the commas, colons and spaces
		// before it, which are ASCII.
		isBad := !wellFormedJSONText(raw[from:to])
		from = to
		var top *level
		if len(stack) > 0 {
			top = &stack[len(stack)-1]
		}
		switch tok {
		case json.Delim('{'), json.Delim('['):
			stack = append(stack, level{object: tok == json.Delim('{'), wantKey: true})
			continue
		case json.Delim('}'), json.Delim(']'):
			stack = stack[:len(stack)-1]
		default:
			if top != nil && top.object && top.wantKey {
				if isBad {
					return "", true // a key: no field of ours
				}
				top.key, top.wantKey = tok.(string), false
				continue
			}
			if isBad {
				return path(), true
			}
		}
		// A value is complete: its object waits for the next key.
		if len(stack) > 0 {
			stack[len(stack)-1].wantKey = true
		}
	}
}

// wellFormedJSONText reports whether the JSON text b is UTF-8 throughout
// and every \u escape of a surrogate is half of a pair: a high one
// (D800–DBFF) followed at once by a low one (DC00–DFFF). In valid JSON a
// backslash occurs only in strings, so b need not be parsed.
func wellFormedJSONText(b []byte) bool {
	if !bytes.Contains(b, []byte(`\u`)) {
		return utf8.Valid(b)
	}
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case c == '\\' && i+1 < len(b) && b[i+1] == 'u':
			r, ok := hex4(b[i+2:])
			switch {
			case !ok:
				return false
			case r >= 0xD800 && r <= 0xDBFF:
				low, ok := rune(0), len(b) >= i+12 && b[i+6] == '\\' && b[i+7] == 'u'
				if ok {
					low, ok = hex4(b[i+8:])
				}
				if !ok || low < 0xDC00 || low > 0xDFFF {
					return false
				}
				i += 12
			case r >= 0xDC00 && r <= 0xDFFF:
				return false
			default:
				i += 6
			}
		case c == '\\':
			i += 2 // \" \\ \/ \b \f \n \r \t
		case c < utf8.RuneSelf:
			i++
		default:
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size <= 1 {
				return false
			}
			i += size
		}
	}
	return true
}

// hex4 reads the four hex digits of a \u escape.
func hex4(b []byte) (rune, bool) {
	if len(b) < 4 {
		return 0, false
	}
	var r rune
	for _, c := range b[:4] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c -= 'a' - 10
		case 'A' <= c && c <= 'F':
			c -= 'A' - 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}
