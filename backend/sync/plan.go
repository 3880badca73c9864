package sync

import (
	"slices"
	"strings"
	"time"

	"ledgerlink/backend/match"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo"
	"ledgerlink/backend/sqlite"
)

// Plan is what a run does (or, in a dry run, would do), as plain values.
type Plan struct {
	Mode             string                `json:"mode"` // full or changes
	Link             []PlanLink            `json:"link"`
	Create           []PlanCreate          `json:"create"`
	UpdateLocal      []PlanUpdate          `json:"updateLocal"`
	UpdateQuickBooks []PlanUpdate          `json:"updateQuickBooks"`
	Push             []PlanPush            `json:"push"`
	Duplicates       []PlanDuplicate       `json:"duplicates"`
	Conflicts        []PlanConflict        `json:"conflicts"`
	Listed           []practice.ReportLine `json:"listed"`
	Invalid          []PlanInvalid         `json:"invalid"`

	jobs     []planJob
	refresh  []*sqlite.LinkRecord
	resolved []string // customers leaving Resolve Duplicates
	read     int
}

// PlanLink is a customer linked to an existing contact.
type PlanLink struct {
	QBOID       string `json:"qboId"`
	DisplayName string `json:"displayName"`
	ContactID   int64  `json:"contactId"`
	ContactName string `json:"contactName"`
	Why         string `json:"why"`

	link *sqlite.LinkRecord
}

// PlanCreate is a customer that becomes a new contact.
type PlanCreate struct {
	QBOID       string `json:"qboId"`
	DisplayName string `json:"displayName"`
	Name        string `json:"name"`
	Kind        string `json:"kind"`

	tempID  int64
	contact practice.Contact
	link    *sqlite.LinkRecord
}

// PlanUpdate is a change of some fields of one linked pair, on one side.
type PlanUpdate struct {
	ContactID int64         `json:"contactId"`
	Name      string        `json:"name"`
	QBOID     string        `json:"qboId"`
	Changes   []FieldChange `json:"changes"`

	syncToken string
	agreed    map[string]string // the snapshot once the change is made
}

// FieldChange is one field's before and after.
type FieldChange struct {
	Field  string `json:"field"`
	Label  string `json:"label"`
	Before string `json:"before"`
	After  string `json:"after"`
}

// PlanPush is a contact that becomes a new customer.
type PlanPush struct {
	ContactID int64  `json:"contactId"`
	Name      string `json:"name"`
}

// PlanDuplicate is a customer sent to Resolve Duplicates.
type PlanDuplicate struct {
	QBOID       string          `json:"qboId"`
	DisplayName string          `json:"displayName"`
	Candidates  []PlanCandidate `json:"candidates"`

	rec *sqlite.DuplicateRecord
}

// PlanCandidate is one candidate of a duplicate, in a plan.
type PlanCandidate struct {
	ContactID int64  `json:"contactId"`
	Name      string `json:"name"`
	Why       string `json:"why"`
}

// PlanConflict is a field changed on both sides.
type PlanConflict struct {
	ContactID int64  `json:"contactId"`
	Name      string `json:"name"`
	QBOID     string `json:"qboId"`
	Field     string `json:"field"`
	Ours      string `json:"ours"`
	Theirs    string `json:"theirs"`

	base string
}

// PlanInvalid is a record one side cannot take as the other has it.
type PlanInvalid struct {
	Kind    string `json:"kind"` // customer or contact
	ID      string `json:"id"`
	Name    string `json:"name"`
	Problem string `json:"problem"`
}

type planJob struct {
	parent string
	job    practice.Job
}

// add appends o's entries to p (for the dry run's whole plan).
func (p *Plan) add(o *Plan) {
	p.Link = append(p.Link, o.Link...)
	p.Create = append(p.Create, o.Create...)
	p.UpdateLocal = append(p.UpdateLocal, o.UpdateLocal...)
	p.UpdateQuickBooks = append(p.UpdateQuickBooks, o.UpdateQuickBooks...)
	p.Push = append(p.Push, o.Push...)
	p.Duplicates = append(p.Duplicates, o.Duplicates...)
	p.Conflicts = append(p.Conflicts, o.Conflicts...)
	p.Listed = append(p.Listed, o.Listed...)
	p.Invalid = append(p.Invalid, o.Invalid...)
	p.read += o.read
}

// addCounts adds o's numbers to the run's counts.
func addCounts(c *practice.SyncCounts, o *Plan) {
	c.Read += o.read
	c.Linked += len(o.Link)
	c.Created += len(o.Create)
	c.UpdatedLocal += len(o.UpdateLocal)
	c.Duplicates += len(o.Duplicates)
	c.Conflicts += len(o.Conflicts)
	c.Listed += len(o.Listed)
	c.Errors += len(o.Invalid)
}

// planCustomer decides what to do with one customer read from QuickBooks.
func (st *state) planCustomer(c *qbo.Customer, p *Plan) {
	p.read++
	display := val(c.DisplayName)
	active := c.Active == nil || *c.Active
	if c.Job != nil && *c.Job && c.ParentRef != nil && st.settings.Jobs == JobsUnderParent {
		p.jobs = append(p.jobs, planJob{c.ParentRef.Value, practice.Job{QBOID: c.ID, DisplayName: display, Active: active}})
		return
	}
	contact, ok := contactOf(c)
	if !ok {
		p.Listed = append(p.Listed, practice.ReportLine{QBOID: c.ID, DisplayName: display,
			Why: "It has no name at all, so it cannot become a contact: give it a name in QuickBooks."})
		return
	}
	if l := st.links[c.ID]; l != nil {
		st.planLinked(c, &contact, l, p)
		return
	}
	if !active && st.settings.Inactive == InactiveList {
		p.Listed = append(p.Listed, practice.ReportLine{QBOID: c.ID, DisplayName: display,
			Why: "It is inactive in QuickBooks; the contact sync settings list inactive customers instead of importing them."})
		return
	}
	if token, waiting := st.pendingDup[c.ID]; waiting && token == c.SyncToken {
		return // waiting in Resolve Duplicates, unchanged since: the accountant's to answer
	}
	contact.TypeID = st.settings.ImportTypeID
	if err := contact.Validate(); err != nil {
		p.Invalid = append(p.Invalid, PlanInvalid{Kind: "customer", ID: c.ID, Name: display, Problem: problemOf(err)})
		return
	}
	d := st.matcher().Decide(match.Customer{ID: c.ID, Names: names(c, contact.Name), Email: contact.Email, Avoid: st.unlinks[c.ID]})
	if _, waiting := st.pendingDup[c.ID]; waiting && d.Outcome != match.Duplicate {
		p.resolved = append(p.resolved, c.ID)
	}
	switch d.Outcome {
	case match.Link:
		local := st.contacts[d.ContactID]
		m := merge(nil, local.SyncedValues(), contact.SyncedValues(), nil)
		l := &sqlite.LinkRecord{RealmID: st.realm, QBOID: c.ID, ContactID: local.ID, SyncToken: c.SyncToken,
			DisplayName: display, Active: active, Snapshot: m.snapshotUntilSent(nil), QBOUpdated: stamp(c)}
		why := "name and email match"
		if len(d.Suggestions) > 0 {
			why = d.Suggestions[0].Summary
		}
		p.Link = append(p.Link, PlanLink{QBOID: c.ID, DisplayName: display, ContactID: local.ID, ContactName: local.Name, Why: why, link: l})
		st.linked(l)
		st.planMerge(local, l, c.SyncToken, m, p)
	case match.Create:
		contact.ID = st.tempID()
		l := &sqlite.LinkRecord{RealmID: st.realm, QBOID: c.ID, ContactID: contact.ID, SyncToken: c.SyncToken,
			DisplayName: display, Active: active, Snapshot: contact.SyncedValues(), QBOUpdated: stamp(c)}
		p.Create = append(p.Create, PlanCreate{QBOID: c.ID, DisplayName: display, Name: contact.Name, Kind: string(contact.Kind),
			tempID: contact.ID, contact: contact, link: l})
		st.contacts[contact.ID] = &contact
		st.matcher().Add(match.Contact{ID: contact.ID, Name: contact.Name, Email: contact.Email})
		st.linked(l)
	default:
		rec := &sqlite.DuplicateRecord{RealmID: st.realm, QBOID: c.ID, SyncToken: c.SyncToken, DisplayName: display, Customer: contact}
		pd := PlanDuplicate{QBOID: c.ID, DisplayName: display}
		for _, s := range d.Suggestions {
			rec.Suggestions = append(rec.Suggestions, sqlite.StoredSuggestion{ContactID: s.ContactID, Score: s.Score,
				Reasons: reasonsOf(s.Reasons), Summary: s.Summary})
			name := ""
			if lc := st.contacts[s.ContactID]; lc != nil {
				name = lc.Name
			}
			pd.Candidates = append(pd.Candidates, PlanCandidate{ContactID: s.ContactID, Name: name, Why: s.Summary})
			st.dupCandidate[s.ContactID] = true // not pushed while the accountant has not chosen
		}
		pd.rec = rec
		p.Duplicates = append(p.Duplicates, pd)
		st.pendingDup[c.ID] = c.SyncToken
	}
}

// planLinked merges a linked customer with its contact.
func (st *state) planLinked(c *qbo.Customer, theirs *practice.Contact, l *sqlite.LinkRecord, p *Plan) {
	local := st.contacts[l.ContactID]
	st.touched[l.ContactID] = true
	if local == nil {
		return
	}
	if st.pendingWrite[l.ContactID] {
		// A write of this contact goes out first; the customer is read
		// again and merged after it (see remergeSkipped).
		st.skipped = append(st.skipped, c.ID)
		return
	}
	m := merge(l.Snapshot, local.SyncedValues(), theirs.SyncedValues(), st.conflicted[l.ContactID])
	active := c.Active == nil || *c.Active
	next := *l
	next.SyncToken, next.DisplayName, next.Active = c.SyncToken, val(c.DisplayName), active
	next.QBOUpdated = stamp(c)
	next.Snapshot = m.snapshotUntilSent(l.Snapshot)
	if st.heldBack(local) {
		// An error waits on this contact: nothing more is sent until it
		// changes or the accountant retries (the base stays as it was).
		m.Remote = map[string]string{}
	}
	changed := len(m.Local)+len(m.Remote)+len(m.Conflicts) > 0 || next.SyncToken != l.SyncToken ||
		next.DisplayName != l.DisplayName || next.Active != l.Active
	if !changed {
		return
	}
	p.refresh = append(p.refresh, &next)
	st.links[c.ID] = &next
	st.planMerge(local, &next, c.SyncToken, m, p)
}

// planMerge turns a merge's outcome into plan entries.
func (st *state) planMerge(local *practice.Contact, l *sqlite.LinkRecord, token string, m merged, p *Plan) {
	ours := local.SyncedValues()
	if len(m.Local) > 0 {
		p.UpdateLocal = append(p.UpdateLocal, PlanUpdate{ContactID: local.ID, Name: local.Name, QBOID: l.QBOID,
			Changes: changes(ours, m.Local)})
		for f, v := range m.Local {
			local.SetSyncedValue(f, v)
		}
	}
	if len(m.Remote) > 0 {
		p.UpdateQuickBooks = append(p.UpdateQuickBooks, PlanUpdate{ContactID: local.ID, Name: local.Name, QBOID: l.QBOID,
			Changes: changes(l.Snapshot, m.Remote), syncToken: token, agreed: m.Agreed})
		st.pendingWrite[local.ID] = true
	}
	for _, c := range m.Conflicts {
		p.Conflicts = append(p.Conflicts, PlanConflict{ContactID: local.ID, Name: local.Name, QBOID: l.QBOID,
			Field: c.Field, Ours: c.Ours, Theirs: c.Theirs, base: c.Base})
	}
}

// planLocal finds what changed on Ledgerlink's side only, among the
// contacts changed (see sqlite ChangedContacts, plus those with errors on
// a Retry): linked contacts whose synced fields differ from the snapshot
// (the customer unchanged), and, once the first sync is done, contacts of a
// pushed type that are not customers yet.
func (st *state) planLocal(p *Plan, changed []int64) {
	for _, id := range changed {
		local, l := st.contacts[id], st.linkByContact[id]
		if local == nil || l == nil || st.touched[id] || st.pendingWrite[id] || st.heldBack(local) {
			continue
		}
		m := merge(l.Snapshot, local.SyncedValues(), l.Snapshot, st.conflicted[id])
		if len(m.Remote) == 0 {
			continue
		}
		p.UpdateQuickBooks = append(p.UpdateQuickBooks, PlanUpdate{ContactID: local.ID, Name: local.Name, QBOID: l.QBOID,
			Changes: changes(l.Snapshot, m.Remote), syncToken: l.SyncToken, agreed: m.Agreed})
		st.pendingWrite[local.ID] = true
	}
	if st.company.FirstSyncAt.IsZero() || st.firstSyncNow {
		return // the first sync never creates customers
	}
	for _, id := range changed {
		c := st.contacts[id]
		if c == nil || st.linkByContact[id] != nil || st.pendingWrite[id] || !st.settings.pushes(c.TypeID) ||
			!c.UpdatedAt.After(st.company.FirstSyncAt) || st.dupCandidate[id] || st.heldBack(c) {
			continue
		}
		if problem := checkForQuickBooks(c); problem != "" {
			p.Invalid = append(p.Invalid, PlanInvalid{Kind: "contact", ID: itoa(id), Name: c.Name, Problem: problem})
			continue
		}
		p.Push = append(p.Push, PlanPush{ContactID: id, Name: c.Name})
		st.pendingWrite[id] = true
	}
}

// heldBack reports whether a contact waits on an error the accountant has
// not acted on: it has an open sync error and has not changed since, and
// this run is not a Retry.
func (st *state) heldBack(c *practice.Contact) bool {
	at, ok := st.errorAt[c.ID]
	return ok && !st.retry && !c.UpdatedAt.After(at)
}

// changes lists the fields of to with their values before (from from).
func changes(from, to map[string]string) []FieldChange {
	out := make([]FieldChange, 0, len(to))
	for _, f := range practice.SyncedFields {
		if v, ok := to[f]; ok {
			out = append(out, FieldChange{Field: f, Label: practice.SyncedFieldLabel(f), Before: from[f], After: v})
		}
	}
	return out
}

func withField(m map[string]string, f, v string) map[string]string {
	out := make(map[string]string, len(m)+1)
	for k, x := range m {
		out[k] = x
	}
	out[f] = v
	return out
}

func reasonsOf(rs []match.Reason) []practice.Reason {
	out := make([]practice.Reason, len(rs))
	for i, r := range rs {
		out[i] = practice.Reason{Code: r.Code, Text: r.Text}
	}
	return out
}

// problemOf is the field problems of a validation error, in one line.
func problemOf(err error) string {
	fields := practice.ErrorFields(err)
	if len(fields) == 0 {
		return practice.ErrorMessage(err)
	}
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	msgs := make([]string, len(keys))
	for i, k := range keys {
		msgs[i] = fields[k]
	}
	return strings.Join(msgs, " ")
}

// stamp is the customer's last change as stored with its link.
func stamp(c *qbo.Customer) string {
	if c.MetaData.LastUpdatedTime.IsZero() {
		return ""
	}
	return c.MetaData.LastUpdatedTime.Format(time.RFC3339)
}

// planDeleted handles a customer QuickBooks reports deleted (merged into
// another): nothing is deleted here; a linked contact's link is flagged
// inactive and the run's report says so.
func (st *state) planDeleted(d qbo.DeletedObject, p *Plan) {
	if d.Entity != "Customer" {
		return
	}
	l := st.links[d.ID]
	if l == nil {
		return
	}
	next := *l
	next.Active = false
	p.refresh = append(p.refresh, &next)
	st.links[d.ID] = &next
	p.Listed = append(p.Listed, practice.ReportLine{QBOID: d.ID, DisplayName: l.DisplayName,
		Why: "It was deleted or merged into another customer in QuickBooks. Its contact is kept; remove the match in the client list if it should link elsewhere."})
}
