package sync

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strconv"
	"time"

	"ledgerlink/backend/match"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// state is what a run knows of the local side, loaded once and kept
// current as the run plans: the contacts, the links and what waits on the
// accountant.
type state struct {
	realm    string
	company  *sqlite.SyncCompany
	settings Settings
	retry    bool

	contacts      map[int64]*practice.Contact // by id, those read so far (all once allLoaded); planned ones have negative ids
	allLoaded     bool
	links         map[string]*sqlite.LinkRecord
	linkByContact map[int64]*sqlite.LinkRecord
	index         *match.Index // built on first use: a run with no unlinked customer needs none
	unlinks       map[string][]int64
	pendingDup    map[string]string         // customers waiting in Resolve Duplicates, and the SyncToken they waited with
	dupCandidate  map[int64]bool            // contacts a waiting duplicate may be
	conflicted    map[int64]map[string]bool // open conflicts by contact and field
	errorAt       map[int64]time.Time       // contacts with an open sync error, and when it was last seen
	pendingWrite  map[int64]bool            // contacts with a write to QuickBooks queued
	touched       map[int64]bool            // contacts whose customer this run read
	realID        map[int64]int64           // a planned contact's temporary id → its stored id
	nextTemp      int64
	firstSyncNow  bool // this run does the first full read
	restaled      map[int64]bool
	skipped       []string // customers read while a write of their contact waited: merged after the push
}

// load reads the local side for a run in realm.
func load(ctx context.Context, tx *sqlite.Tx, realm string, retry bool) (*state, error) {
	st := &state{realm: realm, retry: retry,
		contacts: map[int64]*practice.Contact{}, links: map[string]*sqlite.LinkRecord{},
		linkByContact: map[int64]*sqlite.LinkRecord{}, dupCandidate: map[int64]bool{},
		pendingWrite: map[int64]bool{}, touched: map[int64]bool{}, realID: map[int64]int64{},
		errorAt: map[int64]time.Time{}}
	var err error
	if st.company, _, err = tx.FindSyncCompany(ctx, realm); err != nil {
		return nil, err
	}
	if st.settings, err = LoadSettings(ctx, tx); err != nil {
		return nil, err
	}
	links, err := tx.FindLinks(ctx, realm)
	if err != nil {
		return nil, err
	}
	for _, l := range links {
		st.links[l.QBOID], st.linkByContact[l.ContactID] = l, l
	}
	if st.unlinks, err = tx.FindUnlinks(ctx, realm); err != nil {
		return nil, err
	}
	if st.pendingDup, err = tx.DuplicateCustomers(ctx, realm); err != nil {
		return nil, err
	}
	if st.conflicted, err = tx.ConflictedFields(ctx, realm); err != nil {
		return nil, err
	}
	if st.dupCandidate, err = tx.DuplicateCandidates(ctx, realm); err != nil {
		return nil, err
	}
	errs, err := tx.FindSyncErrors(ctx, realm)
	if err != nil {
		return nil, err
	}
	for _, e := range errs {
		if e.RecordKind == "contact" {
			if id, err := strconv.ParseInt(e.RecordID, 10, 64); err == nil {
				st.errorAt[id] = e.UpdatedAt
			}
		}
	}
	pending, err := tx.PendingOutbox(ctx, realm)
	if err != nil {
		return nil, err
	}
	for _, it := range pending {
		st.pendingWrite[it.ContactID] = true
	}
	return st, nil
}

// loadAll reads every contact: what matching a customer needs, and what a
// full read will touch anyway. A run that reads only changes loads just the
// contacts they concern (ensure), so that nothing changed costs little.
func (st *state) loadAll(ctx context.Context, tx *sqlite.Tx) error {
	if st.allLoaded {
		return nil
	}
	for c, err := range tx.AllContacts(ctx) {
		if err != nil {
			return err
		}
		if _, have := st.contacts[c.ID]; !have {
			st.contacts[c.ID] = c
		}
	}
	st.allLoaded = true
	return nil
}

// ensure reads the contacts of ids not read yet.
func (st *state) ensure(ctx context.Context, tx *sqlite.Tx, ids []int64) error {
	if st.allLoaded {
		return nil
	}
	var missing []int64
	for _, id := range ids {
		if _, have := st.contacts[id]; !have && id > 0 {
			missing = append(missing, id)
		}
	}
	list, err := tx.FindContactsByIDs(ctx, missing)
	for _, c := range list {
		st.contacts[c.ID] = c
	}
	return err
}

// matcher returns the match index of the contacts, building it the first
// time it is needed; every contact must be loaded by then (loadAll).
func (st *state) matcher() *match.Index {
	if st.index == nil {
		list := make([]match.Contact, 0, len(st.contacts))
		for _, id := range st.contactIDs() {
			c := st.contacts[id]
			linkedTo := ""
			if l := st.linkByContact[id]; l != nil {
				linkedTo = l.QBOID
			}
			list = append(list, match.Contact{ID: id, Name: c.Name, Email: c.Email, LinkedTo: linkedTo})
		}
		st.index = match.NewIndex(list)
	}
	return st.index
}

// linked records a new link in the run's view.
func (st *state) linked(l *sqlite.LinkRecord) {
	st.links[l.QBOID], st.linkByContact[l.ContactID] = l, l
	if st.index != nil {
		st.index.SetLinked(l.ContactID, l.QBOID)
	}
	st.touched[l.ContactID] = true
}

// tempID numbers a contact the run plans to create.
func (st *state) tempID() int64 {
	st.nextTemp--
	return st.nextTemp
}

// stored returns the stored id of a contact, mapping a planned contact's
// temporary id once it is created.
func (st *state) stored(id int64) int64 {
	if real, ok := st.realID[id]; ok {
		return real
	}
	return id
}

// linkList returns the links in contact order, for a stable plan.
func (st *state) linkList() []*sqlite.LinkRecord {
	out := slices.Collect(maps.Values(st.links))
	slices.SortFunc(out, func(a, b *sqlite.LinkRecord) int { return cmp.Compare(a.ContactID, b.ContactID) })
	return out
}

// contactIDs returns the contacts' ids in order.
func (st *state) contactIDs() []int64 {
	return slices.Sorted(maps.Keys(st.contacts))
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

// retried reports whether a contact's write was already read again and
// merged after a stale answer in this run.
func (st *state) retried(contactID int64) bool { return st.restaled[contactID] }

func (st *state) markRetried(contactID int64) {
	if st.restaled == nil {
		st.restaled = map[int64]bool{}
	}
	st.restaled[contactID] = true
}
