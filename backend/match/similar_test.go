package match

import (
	"math/rand/v2"
	"testing"
)

// slowDistance is the textbook optimal-string-alignment distance, without
// a bound, to check the bounded one against.
func slowDistance(a, b []rune) int {
	d := make([][]int, len(a)+1)
	for i := range d {
		d[i] = make([]int, len(b)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

func TestDistance_AgreesWithTextbookWithinItsLimit(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	word := func() []rune {
		w := make([]rune, r.IntN(30))
		for i := range w {
			w[i] = rune('a' + r.IntN(3))
		}
		return w
	}
	for range 5000 {
		a, b, limit := word(), word(), r.IntN(8)
		want := slowDistance(a, b)
		got, ok := distance(a, b, limit)
		if ok != (want <= limit) || (ok && got != want) {
			t.Fatalf("distance(%q, %q, %d) = %d, %v; textbook says %d", string(a), string(b), limit, got, ok, want)
		}
	}
}

func TestDistance_SwapOfNeighboursIsOneEdit(t *testing.T) {
	if d, ok := distance([]rune("jonahtan"), []rune("jonathan"), 1); !ok || d != 1 {
		t.Errorf("distance = %d, %v; want 1", d, ok)
	}
}

func TestSimilarity(t *testing.T) {
	tests := []struct {
		name, a, b string
		similar    bool
		score      float64 // checked to two places when similar
	}{
		{"OneTypo_Similar", "Jonathon Pryce", "Jonathan Pryce", true, 0.93},
		{"OneTypoInEightLetters_Similar", "Wei Chan", "Wei Chen", true, 0.88},
		{"TwoTyposInFourteen_Similar", "Jonathon Pryse", "Jonathan Pryce", true, 0.86},
		{"SwappedLetters_Similar", "Jonahtan Pryce", "Jonathan Pryce", true, 0.93},
		{"TypoAndWordOrder_Similar", "Pryce, Jonathon", "Jonathan Pryce", true, 0.93},
		{"ShortName_NotSimilar", "Ann Lee", "Anne Lee", false, 0},
		{"DifferentNumbers_NotSimilar", "Ada Lovelace 5", "Ada Lovelace 15", false, 0},
		{"SharedWordOnly_NotSimilar", "Greenway Garden Services", "Greenway Landscaping", false, 0},
		{"ThreeTyposInFourteen_NotSimilar", "Jonathon Prise", "Jonathan Pryce", false, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, ok := similarity(newForm(tt.a), newForm(tt.b))
			if ok != tt.similar {
				t.Fatalf("similarity(%q, %q) = %.3f, %v; want similar %v", tt.a, tt.b, s, ok, tt.similar)
			}
			if ok && (s < tt.score-0.005 || s >= tt.score+0.005) {
				t.Errorf("similarity(%q, %q) = %.3f, want %.2f", tt.a, tt.b, s, tt.score)
			}
		})
	}
}
