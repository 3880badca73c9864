package match

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestEmails_Splits(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"One", "a@x.example", []string{"a@x.example"}},
		{"SplitsOnCommas", "accounts@l.example, reception@l.example", []string{"accounts@l.example", "reception@l.example"}},
		{"SplitsOnSemicolons", "a@x.example;b@x.example", []string{"a@x.example", "b@x.example"}},
		{"NormalisesEach", " A@X.Example ,B@x.example ", []string{"a@x.example", "b@x.example"}},
		{"DropsEmpties", ", ,a@x.example,,; ", []string{"a@x.example"}},
		{"DropsDuplicatesKeepingOrder", "b@x.example, a@x.example, B@X.example", []string{"b@x.example", "a@x.example"}},
		{"EmptyIsNone", "", nil},
		{"BlankIsNone", "  ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Emails(tt.in); !slices.Equal(got, tt.want) {
				t.Errorf("Emails(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// FuzzEmails checks that every address Emails returns is normalised,
// non-empty, free of separators and given once.
func FuzzEmails(f *testing.F) {
	for _, s := range []string{"a@b, C@D", ";;", "x@y;X@Y, z", "Jose\u0301@example.com"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip()
		}
		got := Emails(s)
		for i, a := range got {
			if a == "" || Key(a) != a || strings.ContainsAny(a, ",;") || slices.Contains(got[:i], a) {
				t.Errorf("Emails(%q) = %q: %q is empty, not normalised, holds a separator or repeats", s, got, a)
			}
		}
	})
}
