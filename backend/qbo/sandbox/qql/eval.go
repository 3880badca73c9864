package qql

import (
	"encoding/json"
	"strconv"
	"strings"
	"time"
)

// Match reports whether the entity obj (a decoded JSON object) satisfies
// every WHERE condition, with QBO's semantics:
//
//   - A condition on a missing or null property never holds, whatever the
//     operator (!= included), as with SQL's NULL.
//   - An entity whose Active is false is left out unless some condition
//     names Active: QBO's name-list queries return active records only
//     unless asked (WHERE Active = false, or Active IN (true, false)).
//   - Values are compared as described in the package documentation.
func (q *Query) Match(obj map[string]any) bool {
	if obj == nil {
		return false
	}
	namesActive := false
	for _, c := range q.Where {
		if strings.EqualFold(c.Field, "Active") {
			namesActive = true
		}
		if !c.Match(obj) {
			return false
		}
	}
	if !namesActive {
		if v, ok := field(obj, "Active"); ok {
			if active, isBool := v.(bool); isBool && !active {
				return false
			}
		}
	}
	return true
}

// Match reports whether obj satisfies this one condition.
func (c Cond) Match(obj map[string]any) bool {
	v, ok := Lookup(obj, c.Field)
	if !ok {
		return false
	}
	switch c.Op {
	case OpLike:
		s, isString := v.(string)
		return isString && len(c.Values) == 1 && like(s, c.Values[0])
	case OpIn:
		for _, lit := range c.Values {
			if n, ok := compare(v, lit.any()); ok && n == 0 {
				return true
			}
		}
		return false
	}
	if len(c.Values) != 1 {
		return false
	}
	n, ok := compare(v, c.Values[0].any())
	if !ok {
		return false
	}
	switch c.Op {
	case OpEq:
		return n == 0
	case OpNe:
		return n != 0
	case OpLt:
		return n < 0
	case OpGt:
		return n > 0
	case OpLe:
		return n <= 0
	case OpGe:
		return n >= 0
	}
	return false
}

// any converts the literal to the form a decoded JSON value has, so that a
// literal and a property are compared by the same rules.
func (v Value) any() any {
	switch v.Kind {
	case Number:
		return json.Number(v.Text)
	case Bool:
		return v.Bool
	}
	return v.Text
}

// Lookup returns the value at a dotted property path in obj. Each step
// matches a key exactly, else in any letter case (QBO's property names are
// not case-sensitive in queries; when two keys differ only in case the
// smaller one wins, so the result does not depend on map order). A value
// that is an object standing for one scalar — a reference {"value": …},
// an email {"Address": …}, a phone {"FreeFormNumber": …}, a web address
// {"URI": …} — yields that scalar, which is how QBO lets a query say
// PrimaryEmailAddr = '…' or CustomerRef = '42'. ok is false for a missing
// path or a null.
func Lookup(obj map[string]any, path string) (v any, ok bool) {
	var cur any = obj
	for seg := range strings.SplitSeq(path, ".") {
		m, isMap := cur.(map[string]any)
		if !isMap {
			return nil, false
		}
		if cur, ok = field(m, seg); !ok || cur == nil {
			return nil, false
		}
	}
	return unwrap(cur), true
}

// field returns m's value for name, matched exactly or else in any case.
func field(m map[string]any, name string) (any, bool) {
	if v, ok := m[name]; ok {
		return v, true
	}
	best, found := "", false
	for k := range m {
		if strings.EqualFold(k, name) && (!found || k < best) {
			best, found = k, true
		}
	}
	if !found {
		return nil, false
	}
	return m[best], true
}

// scalarKeys are the keys of QBO's one-value wrapper types, in the order
// they are tried.
var scalarKeys = []string{"value", "Address", "FreeFormNumber", "URI"}

func unwrap(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	for _, k := range scalarKeys {
		if inner, ok := field(m, k); ok && inner != nil {
			if _, nested := inner.(map[string]any); !nested {
				return inner
			}
		}
	}
	return v
}

// number returns v as a float64 when it is a JSON number.
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case json.Number:
		return numeric(string(n))
	case float64:
		return n, true
	case float32:
		return float64(n), true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case int32:
		return float64(n), true
	}
	return 0, false
}

// numeric parses a decimal number as written in JSON or in a query; unlike
// strconv it refuses "NaN", "Inf" and hex, which are not numbers here.
func numeric(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !isDigit(rune(c)) && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E' {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	return f, err == nil
}

// compare orders a property value a against a literal b: negative, zero or
// positive. ok is false when the two cannot be compared (an object, or a
// word against a number), and then no condition on them holds.
func compare(a, b any) (int, bool) {
	if an, ok := number(a); ok {
		if bn, ok := number(b); ok {
			return cmpFloat(an, bn), true
		}
		if bs, ok := b.(string); ok {
			if bn, ok := numeric(bs); ok {
				return cmpFloat(an, bn), true
			}
		}
		return 0, false
	}
	switch a := a.(type) {
	case bool:
		bb, ok := boolOf(b)
		return cmpBool(a, bb), ok
	case string:
		switch b := b.(type) {
		case string:
			return compareStrings(a, b, true), true
		case bool:
			ab, ok := boolOf(a)
			return cmpBool(ab, b), ok
		}
		if bn, ok := number(b); ok {
			if an, ok := numeric(a); ok {
				return cmpFloat(an, bn), true
			}
		}
	}
	return 0, false
}

// boolOf reads a bool, or the words true and false in any case.
func boolOf(v any) (bool, bool) {
	switch v := v.(type) {
	case bool:
		return v, true
	case string:
		switch strings.ToLower(v) {
		case "true":
			return true, true
		case "false":
			return false, true
		}
	}
	return false, false
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case b:
		return -1
	}
	return 1
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// compareStrings compares two strings as QBO does: as instants when both
// are dates or timestamps, as numbers when both are plain integers (Ids),
// else as text ignoring letter case. With borrowZone, a date or a time
// written without an offset is read in the other side's offset, so that
// '2026-11-01' against a Pacific timestamp means midnight Pacific.
func compareStrings(a, b string, borrowZone bool) int {
	if ta, za, ok := parseTime(a); ok {
		if tb, zb, ok := parseTime(b); ok {
			if borrowZone && za != zb {
				if za {
					tb = inZone(tb, ta.Location())
				} else {
					ta = inZone(ta, tb.Location())
				}
			}
			return ta.Compare(tb)
		}
	}
	if isInteger(a) && isInteger(b) {
		if len(a) != len(b) {
			return cmpInt(len(a), len(b))
		}
		return strings.Compare(a, b)
	}
	return strings.Compare(fold(a), fold(b))
}

func cmpInt(a, b int) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// fold is the case-insensitive form strings are compared in.
func fold(s string) string { return strings.ToLower(s) }

// isInteger reports whether s is a canonical unsigned integer (no sign, no
// leading zero), the form of QBO's Ids; only those compare as numbers, so
// that equality and order agree.
func isInteger(s string) bool {
	if s == "" || (s[0] == '0' && len(s) > 1) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(rune(s[i])) {
			return false
		}
	}
	return true
}

// parseTime reads an RFC 3339 timestamp (with or without fraction, with or
// without offset) or a plain date. zoned says whether it carried an offset.
func parseTime(s string) (t time.Time, zoned, ok bool) {
	if len(s) < 10 || s[4] != '-' || s[7] != '-' {
		return time.Time{}, false, false
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, true, true
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, false, true
		}
	}
	return time.Time{}, false, false
}

// inZone reads t's wall clock as a time in loc.
func inZone(t time.Time, loc *time.Location) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
}

// like reports whether s matches the LIKE pattern p, ignoring case. Only
// the unescaped '%' is a wildcard (any run of characters, none included);
// '_' is an ordinary character in QBO.
func like(s string, p Value) bool {
	var parts []string
	prev := 0
	for _, w := range p.wild {
		parts = append(parts, fold(p.Text[prev:w]))
		prev = w + 1
	}
	parts = append(parts, fold(p.Text[prev:]))
	s = fold(s)
	if len(parts) == 1 {
		return s == parts[0]
	}
	first, last := parts[0], parts[len(parts)-1]
	if !strings.HasPrefix(s, first) {
		return false
	}
	s = s[len(first):]
	for _, mid := range parts[1 : len(parts)-1] {
		i := strings.Index(s, mid)
		if i < 0 {
			return false
		}
		s = s[i+len(mid):]
	}
	return strings.HasSuffix(s, last)
}
