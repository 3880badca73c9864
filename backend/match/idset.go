package match

import "slices"

// idSet is the set of contacts Decide has already looked at, in the order
// found. Most customers have a handful of candidates, for which a slice is
// fastest; a map takes over when a common name or address brings many.
type idSet struct {
	ids []int64
	m   map[int64]struct{}
}

// smallSet is the size up to which idSet searches its slice.
const smallSet = 16

// has reports whether id is in the set.
func (s *idSet) has(id int64) bool {
	if s.m != nil {
		_, ok := s.m[id]
		return ok
	}
	return slices.Contains(s.ids, id)
}

// add puts id in the set and reports whether it was new.
func (s *idSet) add(id int64) bool {
	if s.has(id) {
		return false
	}
	s.ids = append(s.ids, id)
	if s.m != nil {
		s.m[id] = struct{}{}
	} else if len(s.ids) > smallSet {
		s.m = make(map[int64]struct{}, 2*len(s.ids))
		for _, x := range s.ids {
			s.m[x] = struct{}{}
		}
	}
	return true
}

// addAll adds every id.
func (s *idSet) addAll(ids []int64) {
	for _, id := range ids {
		s.add(id)
	}
}
