package match

import "slices"

// Contact is a local contact as matching sees it: only what the rules look
// at, so the engine can build it from whatever its store holds.
type Contact struct {
	ID       int64
	Name     string
	Email    string // one address or several separated by commas
	LinkedTo string // QBO customer Id this contact is already linked to, "" if none
}

// entry is a contact in the index with its keys, computed once.
type entry struct {
	c      Contact
	form   form
	emails []string // Emails(c.Email)
	raw    []string // the addresses as written, for telling a case difference
	blocks []string // form.blocks(), kept to remove the entry again
}

// Index holds the local contacts keyed for fast look-up: a run decides
// thousands of customers against thousands of contacts, so every exact
// rule is a map look-up and the near-match search is blocked (see the
// package doc). The zero Index is not usable; call NewIndex.
type Index struct {
	contacts  map[int64]*entry
	byName    map[string][]int64 // Key(name)
	byEmail   map[string][]int64 // each of Emails(email)
	byCompact map[string][]int64 // letters and digits only
	bySorted  map[string][]int64 // sorted words
	byBlock   map[string][]int64 // similarity blocks, see form.blocks
	byLink    map[string][]int64 // LinkedTo
}

// NewIndex indexes the local contacts at the start of a run. A contact
// whose ID repeats an earlier one replaces it, as Add does.
func NewIndex(contacts []Contact) *Index {
	n := len(contacts)
	ix := &Index{
		contacts:  make(map[int64]*entry, n),
		byName:    make(map[string][]int64, n),
		byEmail:   make(map[string][]int64, n),
		byCompact: make(map[string][]int64, n),
		bySorted:  make(map[string][]int64, n),
		byBlock:   make(map[string][]int64, 2*n),
		byLink:    make(map[string][]int64),
	}
	for _, c := range contacts {
		ix.Add(c)
	}
	return ix
}

// Add puts a contact in the index, so that a contact the engine created
// from one customer is found by the customers after it in the same run. A
// contact already indexed under the same ID is replaced, which is how the
// engine tells the index about a changed name or email.
func (ix *Index) Add(c Contact) {
	ix.Remove(c.ID)
	e := &entry{c: c, form: newForm(c.Name), emails: Emails(c.Email), raw: addresses(c.Email)}
	e.blocks = e.form.blocks()
	ix.contacts[c.ID] = e
	put(ix.byName, e.form.key, c.ID)
	put(ix.byCompact, e.form.compact, c.ID)
	put(ix.bySorted, e.form.sorted, c.ID)
	for _, k := range e.emails {
		put(ix.byEmail, k, c.ID)
	}
	for _, k := range e.blocks {
		put(ix.byBlock, k, c.ID)
	}
	put(ix.byLink, c.LinkedTo, c.ID)
}

// Remove takes a contact out of the index, for a contact the engine
// deleted or merged during the run. An unknown ID is ignored.
func (ix *Index) Remove(contactID int64) {
	e, ok := ix.contacts[contactID]
	if !ok {
		return
	}
	delete(ix.contacts, contactID)
	drop(ix.byName, e.form.key, contactID)
	drop(ix.byCompact, e.form.compact, contactID)
	drop(ix.bySorted, e.form.sorted, contactID)
	for _, k := range e.emails {
		drop(ix.byEmail, k, contactID)
	}
	for _, k := range e.blocks {
		drop(ix.byBlock, k, contactID)
	}
	drop(ix.byLink, e.c.LinkedTo, contactID)
}

// SetLinked records that the engine linked a contact to a customer (or,
// with customerID "", removed its link), so that later customers in the
// run see the contact as taken. An unknown contact ID is ignored.
func (ix *Index) SetLinked(contactID int64, customerID string) {
	e, ok := ix.contacts[contactID]
	if !ok || e.c.LinkedTo == customerID {
		return
	}
	drop(ix.byLink, e.c.LinkedTo, contactID)
	e.c.LinkedTo = customerID
	put(ix.byLink, customerID, contactID)
}

// Len is the number of contacts in the index.
func (ix *Index) Len() int { return len(ix.contacts) }

// put files id under key; an empty key says nothing and is not filed.
func put(m map[string][]int64, key string, id int64) {
	if key != "" {
		m[key] = append(m[key], id)
	}
}

// drop removes id from under key, and the key once it holds nobody.
func drop(m map[string][]int64, key string, id int64) {
	ids, ok := m[key]
	if !ok {
		return
	}
	if i := slices.Index(ids, id); i >= 0 {
		ids = slices.Delete(ids, i, i+1)
	}
	if len(ids) == 0 {
		delete(m, key)
	} else {
		m[key] = ids
	}
}
