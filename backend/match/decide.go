package match

import (
	"cmp"
	"slices"
)

// Customer is a QBO customer as matching sees it: only what the rules look
// at, so the engine can build it from the API's customer and its own
// records.
type Customer struct {
	ID    string   // QBO Id
	Names []string // the names it goes by: the contact name derived from it and its DisplayName (may be equal)
	Email string   // QBO's PrimaryEmailAddr.Address, possibly several comma-separated
	Avoid []int64  // contacts the accountant un-matched from this customer: never auto-linked to them again
}

// Outcome is what the engine is to do with a customer (FEATURES 6).
type Outcome string

// The three outcomes of FEATURES 6.
const (
	// Link: the customer is Decision.ContactID; link them.
	Link Outcome = "link"
	// Create: the customer is nobody the firm knows; create a contact.
	Create Outcome = "create"
	// Duplicate: ask the accountant, showing Decision.Suggestions.
	Duplicate Outcome = "duplicate"
)

// Suggestion is one candidate contact for a customer, with why, so the
// Resolve Duplicates screen can show the evidence beside each candidate.
type Suggestion struct {
	ContactID int64    `json:"contactId"`
	Score     float64  `json:"score"` // 0..1, for ranking; exact name+email = 1
	Reasons   []Reason `json:"reasons"`
	Summary   string   `json:"summary"` // the reasons joined for a person: "same email; name differs"
}

// Decision is what to do with one customer, and the candidates that led to
// it.
type Decision struct {
	Outcome   Outcome `json:"outcome"`
	ContactID int64   `json:"contactId,omitempty"` // the contact to link, for Link
	// Suggestions holds every candidate, best first: for Duplicate the
	// choices; for Link the linked contact first, then any contact that
	// shares only the name or only the email, for information; empty for
	// Create.
	Suggestions []Suggestion `json:"suggestions,omitempty"`
}

// blockLimit is the largest block the similarity search looks into: a
// word more than this many contacts share says little about which one is
// meant, and comparing against all of them would cost the run its speed.
const blockLimit = 64

// compareLimit caps how many contacts one customer name is compared with
// for similarity; the rarest blocks are taken first.
const compareLimit = 256

// Decide applies the matching rules of the package doc to one customer.
func (ix *Index) Decide(c Customer) Decision {
	p := prepare(c)
	var found idSet
	for _, k := range p.emails {
		found.addAll(ix.byEmail[k])
	}
	for _, f := range p.forms {
		found.addAll(ix.byName[f.key])
	}
	if c.ID != "" {
		found.addAll(ix.byLink[c.ID])
	}
	evs := make([]evidence, 0, len(found.ids))
	for _, id := range found.ids {
		evs = append(evs, p.relate(ix.contacts[id]))
	}

	if id, ok := linkable(evs); ok {
		return Decision{Outcome: Link, ContactID: id, Suggestions: p.suggest(evs, id)}
	}
	evs = append(evs, ix.near(p, &found)...)
	if len(evs) == 0 {
		return Decision{Outcome: Create}
	}
	return Decision{Outcome: Duplicate, Suggestions: p.suggest(evs, 0)}
}

// linkable picks the contact to link, if the rules allow one: the single
// contact already linked to the customer, or else the single contact that
// matches on both name and email, provided nothing stands in its way.
func linkable(evs []evidence) (int64, bool) {
	var here, both []evidence
	for _, ev := range evs {
		if ev.linkedHere && !ev.avoided {
			here = append(here, ev)
		}
		if ev.exact() {
			both = append(both, ev)
		}
	}
	switch {
	case len(here) == 1:
		return here[0].e.c.ID, true
	case len(here) > 1:
		return 0, false
	case len(both) == 1 && both[0].canLink():
		return both[0].e.c.ID, true
	}
	return 0, false
}

// near finds the contacts not yet among the candidates whose name is a
// near match for one of the customer's names (see the package doc for the
// blocking).
func (ix *Index) near(p *prepared, found *idSet) []evidence {
	var evs []evidence
	// A contact turned down is not remembered: it may be met again in
	// another block and compared again, which costs less than a set that
	// grows by every contact compared.
	consider := func(id int64) {
		if found.has(id) {
			return
		}
		if e := ix.contacts[id]; p.nearName(e) {
			found.add(id)
			evs = append(evs, p.relate(e))
		}
	}
	for _, f := range p.forms {
		for _, id := range ix.byCompact[f.compact] {
			consider(id)
		}
		for _, id := range ix.bySorted[f.sorted] {
			consider(id)
		}
		if len(f.words) < MinSimilarNameLength {
			continue
		}
		var lists [][]int64
		for _, b := range f.blocks() {
			if ids := ix.byBlock[b]; len(ids) > 0 && len(ids) <= blockLimit {
				lists = append(lists, ids)
			}
		}
		slices.SortFunc(lists, func(a, b []int64) int { return cmp.Compare(len(a), len(b)) })
		compared := 0
	blocks:
		for _, ids := range lists {
			for _, id := range ids {
				if compared == compareLimit {
					break blocks
				}
				if !found.has(id) {
					compared++
					consider(id)
				}
			}
		}
	}
	return evs
}

// suggest turns the candidates into ranked suggestions; first, if not 0,
// is the contact being linked and goes first.
func (p *prepared) suggest(evs []evidence, first int64) []Suggestion {
	slices.SortFunc(evs, func(a, b evidence) int {
		switch first {
		case a.e.c.ID:
			return -1
		case b.e.c.ID:
			return 1
		}
		return cmp.Or(
			cmp.Compare(a.tier(), b.tier()),
			cmp.Compare(b.score(), a.score()),
			cmp.Compare(a.e.c.ID, b.e.c.ID),
		)
	})
	out := make([]Suggestion, len(evs))
	for i, ev := range evs {
		rs := p.reasons(ev)
		out[i] = Suggestion{ContactID: ev.e.c.ID, Score: ev.score(), Reasons: rs, Summary: summary(rs)}
	}
	return out
}
