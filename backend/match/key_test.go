package match

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestKey_Normalises(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"FoldsCase", "PETRA Novak", "petra novak"},
		{"FoldsCaseBeyondASCII", "ZOË KOWALCZYK-NØRGAARD", "zoë kowalczyk-nørgaard"},
		{"FoldsSharpS", "Straße", "strasse"},
		{"TrimsWhiteSpace", "  Ravi Shankar\t\n", "ravi shankar"},
		{"CollapsesRunsOfWhiteSpace", "Ravi  \t Shankar", "ravi shankar"},
		{"CollapsesNonASCIIWhiteSpace", "Ravi\u00a0\u2003Shankar", "ravi shankar"},
		{"KeepsPunctuation", "Siobhan O'Brien", "siobhan o'brien"},
		{"EmptyStaysEmpty", "", ""},
		{"OnlySpaceIsEmpty", " \t ", ""},
		{"FoldsCherokeeSmallToCapital", "\u13fb", "\u13f3"},
		{"KeepsCherokeeCapital", "\u13f3", "\u13f3"},
		{"FoldsEmail", " Mark.Delaney@Example.com ", "mark.delaney@example.com"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Key(tt.in); got != tt.want {
				t.Errorf("Key(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestKey_NFDEqualsNFC(t *testing.T) {
	nfd, nfc := "Jose\u0301 A\u0301lvarez", "Jos\u00e9 \u00c1lvarez"
	if nfd == nfc {
		t.Fatal("the test needs two different byte strings")
	}
	if Key(nfd) != Key(nfc) {
		t.Errorf("Key(NFD) = %q, Key(NFC) = %q; want equal", Key(nfd), Key(nfc))
	}
	if want := "jos\u00e9 \u00e1lvarez"; Key(nfd) != want {
		t.Errorf("Key(NFD) = %q, want the composed form %q", Key(nfd), want)
	}
}

func TestKey_ASCIIFastPath_AgreesWithUnicodePath(t *testing.T) {
	for _, s := range []string{"Ada Lovelace 5", "  A\tB\r\nC  ", "MiXeD@Example.COM", "O'Brien & Sons, Ltd.", "\x00\x1f~"} {
		slow := collapse(foldNFC(s))
		if got := Key(s); got != slow {
			t.Errorf("Key(%q) = %q, the Unicode path gives %q", s, got, slow)
		}
	}
}

// FuzzKey checks that Key is idempotent, never leaves outer or doubled
// spaces, and agrees with the full Unicode path on ASCII input.
func FuzzKey(f *testing.F) {
	for _, s := range []string{"Jose\u0301", "ǰ", "ᾳ", "Straße", "  a  b ", "İstanbul", "ﬃ", "\u0345"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip()
		}
		k := Key(s)
		if kk := Key(k); kk != k {
			t.Errorf("Key(Key(%q)) = %q, Key = %q", s, kk, k)
		}
		if strings.HasPrefix(k, " ") || strings.HasSuffix(k, " ") || strings.Contains(k, "  ") {
			t.Errorf("Key(%q) = %q has outer or doubled spaces", s, k)
		}
		if isASCII(s) && k != collapse(foldNFC(s)) {
			t.Errorf("Key(%q) = %q differs from the Unicode path", s, k)
		}
	})
}
