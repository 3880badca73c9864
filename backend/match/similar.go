package match

import "math"

// SimilarNameThreshold is the lowest similarity at which two names count
// as a near match. 0.85 lets through one typo in a name of 7 to 13
// characters and two from 14 on ("Jonathon Pryce" and "Jonathan Pryce"
// score 0.93), while names that merely share a word ("Greenway Garden
// Services", "Greenway Landscaping") stay well below it.
const SimilarNameThreshold = 0.85

// MinSimilarNameLength is the shortest name (in characters, words joined by
// single spaces) that similarity is computed for: in shorter names one
// letter is too large a share to call two names similar.
const MinSimilarNameLength = 8

// similarity scores how alike two names are, 0..1, and whether that makes
// them a near match (see the package doc). Names holding different numbers
// are never similar. The score of a pair below the threshold is 0: the
// bounded distance stops as soon as the threshold is out of reach.
func similarity(a, b form) (float64, bool) {
	if a.digits != b.digits || len(a.words) < MinSimilarNameLength || len(b.words) < MinSimilarNameLength {
		return 0, false
	}
	s := ratio(a.words, b.words)
	if !a.inOrder || !b.inOrder {
		s = max(s, ratio(a.sortedR, b.sortedR))
	}
	return s, s >= SimilarNameThreshold
}

// ratio is 1 - distance/longer length, or 0 when the distance is more than
// the threshold allows.
func ratio(a, b []rune) float64 {
	n := max(len(a), len(b))
	if n == 0 {
		return 0
	}
	limit := int(math.Floor((1-SimilarNameThreshold)*float64(n) + 1e-9))
	d, ok := distance(a, b, limit)
	if !ok {
		return 0
	}
	return 1 - float64(d)/float64(n)
}

// distance is the edit distance between a and b counting insertions,
// deletions, substitutions and swaps of two neighbouring characters (the
// common typos) as one edit each, without editing a substring twice
// ("optimal string alignment"). It gives up, returning false, as soon as
// the distance must exceed limit, so most pairs cost a few rows.
func distance(a, b []rune, limit int) (int, bool) {
	if abs(len(a)-len(b)) > limit {
		return 0, false
	}
	w := len(b) + 1
	var stack [3 * 64]int
	var buf []int
	if 3*w <= len(stack) {
		buf = stack[:3*w]
	} else {
		buf = make([]int, 3*w)
	}
	before, prev, cur := buf[:w], buf[w:2*w], buf[2*w:]
	for j := range prev {
		prev[j] = j
	}
	prevMin := 0
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := i
		for j := 1; j < w; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, before[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		// A row's minimum is at least the smaller of the two rows' before
		// it, so once both exceed the limit every later one does.
		if rowMin > limit && prevMin > limit {
			return 0, false
		}
		prevMin = rowMin
		before, prev, cur = prev, cur, before
	}
	d := prev[len(b)]
	return d, d <= limit
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
