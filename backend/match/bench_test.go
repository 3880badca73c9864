package match_test

import (
	"fmt"
	"testing"

	"ledgerlink/backend/match"
	"ledgerlink/internal/fixture"
)

// run10k is a run at the scale FEATURES 27 promises: 10,000 local contacts
// (the benchmark fixture's) and 10,000 customers, a third matching a
// contact exactly, a third sharing only its email under another name, a
// third new, with names in the fixture's style.
type run10k struct {
	contacts  []match.Contact
	customers []match.Customer
}

const scale = 10_000

func newRun10k() run10k {
	var r run10k
	for i, c := range fixture.Contacts(scale, 1) {
		r.contacts = append(r.contacts, match.Contact{ID: int64(i + 1), Name: c.Name, Email: c.Email})
	}
	for i := range scale {
		c := r.contacts[i]
		id := fmt.Sprint(i + 1)
		switch i % 3 {
		case 0: // exact
			r.customers = append(r.customers, match.Customer{ID: id, Names: []string{c.Name}, Email: c.Email})
		case 1: // same email, another name
			r.customers = append(r.customers, match.Customer{ID: id, Names: []string{fmt.Sprintf("Renamed Client %d", i)}, Email: c.Email})
		default: // new, in the fixture's style
			r.customers = append(r.customers, match.Customer{ID: id, Names: []string{fmt.Sprintf("Ada Lovelace %d", scale+i)}, Email: fmt.Sprintf("new%d@example.org", i)})
		}
	}
	return r
}

// decideAll runs the customers as the engine does, keeping the index
// current, and counts the outcomes.
func (r run10k) decideAll() map[match.Outcome]int {
	ix := match.NewIndex(r.contacts)
	n := map[match.Outcome]int{}
	next := int64(len(r.contacts))
	for _, c := range r.customers {
		d := ix.Decide(c)
		n[d.Outcome]++
		switch d.Outcome {
		case match.Link:
			ix.SetLinked(d.ContactID, c.ID)
		case match.Create:
			next++
			ix.Add(match.Contact{ID: next, Name: c.Names[0], Email: c.Email, LinkedTo: c.ID})
		}
	}
	return n
}

// At scale the rules still give the expected outcomes: the fixture's many
// similar names ("Ada Lovelace 5", "Ada Lovelace 15") are not near matches,
// an exact customer whose contact has no email (every tenth) is a
// same-name duplicate, and a renamed one is new.
func TestDecide_10kRun_OutcomesAsExpected(t *testing.T) {
	r := newRun10k()
	var link, dup, create int
	for i, c := range r.contacts {
		switch {
		case i%3 == 0 && c.Email != "":
			link++
		case i%3 == 2, i%3 == 1 && c.Email == "": // new, or renamed without an email: nothing in common
			create++
		default:
			dup++
		}
	}
	got := r.decideAll()
	want := map[match.Outcome]int{match.Link: link, match.Duplicate: dup, match.Create: create}
	for _, o := range []match.Outcome{match.Link, match.Duplicate, match.Create} {
		if got[o] != want[o] {
			t.Errorf("%s: %d, want %d", o, got[o], want[o])
		}
	}
}

// BenchmarkDecide10k is one whole matching run: index 10,000 contacts and
// decide 10,000 customers, keeping the index current. One op is one run.
func BenchmarkDecide10k(b *testing.B) {
	r := newRun10k()
	b.ReportAllocs()
	for b.Loop() {
		r.decideAll()
	}
}

// BenchmarkDecide10kCrowdedNames is a harder run for the near-match
// search: every contact shares each word of its name with dozens of
// others (just under the block limit), and every customer is a new name
// made of those words, so each one is compared with many contacts.
func BenchmarkDecide10kCrowdedNames(b *testing.B) {
	var r run10k
	for i := range scale {
		r.contacts = append(r.contacts, match.Contact{ID: int64(i + 1),
			Name: fmt.Sprintf("Wordsmith%03d Partner%03d", i%170, i/170), Email: fmt.Sprintf("c%d@example.com", i)})
		r.customers = append(r.customers, match.Customer{ID: fmt.Sprint(i + 1),
			Names: []string{fmt.Sprintf("Wordsmith%03d Partnr%03d", i%170, (i/170+1)%60)}, Email: fmt.Sprintf("n%d@example.org", i)})
	}
	b.ReportAllocs()
	for b.Loop() {
		r.decideAll()
	}
}
