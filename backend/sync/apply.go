package sync

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo"
	"ledgerlink/backend/sqlite"
)

// apply writes one step's plan in one transaction, with the bookmark that
// says where the next step starts: a run stopped between steps loses
// nothing and repeats nothing.
func (r *runner) apply(ctx context.Context, p *Plan, bookmark func(*sqlite.SyncCompany)) error {
	st := r.st
	return r.e.DB.Update(ctx, func(tx *sqlite.Tx) error {
		a := applier{tx: tx, st: st, run: r.run.ID}
		for i := range p.Create {
			if err := a.create(ctx, &p.Create[i], p); err != nil {
				return err
			}
		}
		// The contacts first: a value the contact cannot take (the firm's
		// rules refuse it) keeps its old base in the snapshot, so that it
		// is not sent back over QuickBooks' new one.
		refused := map[int64]map[string]string{}
		for _, u := range p.UpdateLocal {
			ok, err := a.updateLocal(ctx, u)
			if err != nil {
				return err
			}
			if !ok {
				refused[u.ContactID] = map[string]string{}
				for _, ch := range u.Changes {
					refused[u.ContactID][ch.Field] = ch.Before
				}
			}
		}
		keepBase := func(l *sqlite.LinkRecord) {
			for f, v := range refused[l.ContactID] {
				l.Snapshot = withField(l.Snapshot, f, v)
			}
		}
		for _, pl := range p.Link {
			keepBase(pl.link)
			if err := a.link(ctx, pl); err != nil {
				return err
			}
		}
		for _, q := range p.resolved {
			if err := tx.DeleteDuplicate(ctx, st.realm, q); err != nil {
				return err
			}
		}
		for _, l := range p.refresh {
			keepBase(l)
			if _, err := tx.RefreshLink(ctx, l); err != nil {
				return err
			}
		}
		for _, u := range p.UpdateQuickBooks {
			if err := a.queueUpdate(ctx, u); err != nil {
				return err
			}
		}
		for _, c := range p.Conflicts {
			if err := a.conflict(ctx, c); err != nil {
				return err
			}
		}
		for _, d := range p.Duplicates {
			if err := a.duplicate(ctx, d); err != nil {
				return err
			}
		}
		for _, j := range p.jobs {
			if err := tx.SaveJob(ctx, st.realm, j.parent, j.job); err != nil {
				return err
			}
		}
		for _, in := range p.Invalid {
			if err := a.invalid(ctx, in); err != nil {
				return err
			}
		}
		for _, ps := range p.Push {
			if err := a.queueCreate(ctx, ps); err != nil {
				return err
			}
		}
		if bookmark != nil {
			bookmark(st.company)
			st.company.Current = true
			if err := tx.SaveSyncCompany(ctx, st.company); err != nil {
				return err
			}
		}
		return nil
	})
}

// applier writes plan entries in one transaction.
type applier struct {
	tx  *sqlite.Tx
	st  *state
	run int64
}

func (a applier) audit(ctx context.Context, e practice.AuditEntry) error {
	e.RunID = a.run
	return a.tx.AddAudit(ctx, e)
}

func (a applier) create(ctx context.Context, c *PlanCreate, p *Plan) error {
	contact := c.contact
	contact.ID = 0
	if err := a.tx.CreateContact(ctx, &contact); err != nil {
		if practice.ErrorCode(err) != practice.EINVALID {
			return err
		}
		p.Invalid = append(p.Invalid, PlanInvalid{Kind: "customer", ID: c.QBOID, Name: c.DisplayName, Problem: problemOf(err)})
		return nil
	}
	a.st.realID[c.tempID] = contact.ID
	stored := contact
	a.st.contacts[c.tempID] = &stored
	l := *c.link
	l.ContactID = contact.ID
	if err := a.tx.SaveLink(ctx, &l); err != nil {
		return err
	}
	if _, err := a.tx.ClearSyncErrors(ctx, a.st.realm, "customer", c.QBOID); err != nil {
		return err
	}
	return a.audit(ctx, practice.AuditEntry{Action: "create", Side: practice.SideLocal, ContactID: contact.ID,
		QBOID: c.QBOID, Record: contact.Name, After: "Created from QuickBooks customer " + c.DisplayName})
}

func (a applier) link(ctx context.Context, pl PlanLink) error {
	l := *pl.link
	l.ContactID = a.st.stored(l.ContactID)
	if err := a.tx.SaveLink(ctx, &l); err != nil {
		return err
	}
	if err := a.tx.DeleteDuplicate(ctx, a.st.realm, l.QBOID); err != nil {
		return err
	}
	if _, err := a.tx.ClearSyncErrors(ctx, a.st.realm, "contact", itoa(l.ContactID)); err != nil {
		return err
	}
	return a.audit(ctx, practice.AuditEntry{Action: "link", Side: practice.SideLocal, ContactID: l.ContactID,
		QBOID: l.QBOID, Record: pl.ContactName, After: "Linked to QuickBooks customer " + pl.DisplayName + " (" + pl.Why + ")"})
}

// updateLocal sets QuickBooks' values on a contact. A value the firm's
// rules refuse is kept as a sync error of the customer, and reported false.
func (a applier) updateLocal(ctx context.Context, u PlanUpdate) (bool, error) {
	id := a.st.stored(u.ContactID)
	c, err := a.tx.FindContactByID(ctx, id)
	if err != nil {
		return false, err
	}
	for _, ch := range u.Changes {
		c.SetSyncedValue(ch.Field, ch.After)
	}
	if err := a.tx.UpdateContact(ctx, c); err != nil {
		if practice.ErrorCode(err) != practice.EINVALID {
			return false, err
		}
		se := &practice.SyncError{Code: practice.SyncCustomerInvalid, RecordKind: "customer", RecordID: u.QBOID,
			RecordName: u.Name, Detail: problemOf(err)}
		return false, a.tx.RecordSyncError(ctx, a.st.realm, se, a.run)
	}
	if _, err := a.tx.ClearSyncErrors(ctx, a.st.realm, "customer", u.QBOID); err != nil {
		return false, err
	}
	for _, ch := range u.Changes {
		if err := a.audit(ctx, practice.AuditEntry{Action: "update", Side: practice.SideLocal, ContactID: id, QBOID: u.QBOID,
			Record: c.Name, Field: ch.Field, Before: ch.Before, After: ch.After}); err != nil {
			return false, err
		}
	}
	return true, nil
}

// queueUpdate stores a sparse update of the customer in the outbox; the
// link's snapshot moves when QuickBooks confirms it. A write of the same
// contact still waiting to go out is folded into this one. Nothing is
// queued when the pair was taken apart meanwhile.
func (a applier) queueUpdate(ctx context.Context, u PlanUpdate) error {
	if l, err := a.tx.FindLinkByContact(ctx, a.st.realm, u.ContactID); practice.ErrorCode(err) == practice.ENOTFOUND || (err == nil && l.QBOID != u.QBOID) {
		return nil
	} else if err != nil {
		return err
	}
	c, err := a.tx.FindContactByID(ctx, u.ContactID)
	if err != nil {
		return err
	}
	fields := make([]string, 0, len(u.Changes))
	before := map[string]string{}
	for _, ch := range u.Changes {
		fields = append(fields, ch.Field)
		before[ch.Field] = ch.Before
	}
	agreed := u.agreed
	if prev, err := a.tx.UnsentOutbox(ctx, a.st.realm, c.ID); err != nil {
		return err
	} else if prev != nil && prev.Operation == qbo.BatchUpdate && prev.QBOID == u.QBOID {
		var sent qbo.Customer
		if err := json.Unmarshal(prev.Body, &sent); err != nil {
			return fmt.Errorf("queued write %d: %w", prev.ID, err)
		}
		agreed = maps.Clone(agreed)
		for _, f := range practice.SyncedFields {
			if sentField(&sent, f) && !slices.Contains(fields, f) {
				fields = append(fields, f)
				agreed[f] = prev.Fields[f]
				before[f] = prev.Before[f]
			}
		}
	}
	cust := customerFields(c, fields)
	cust.ID, cust.SyncToken, cust.Sparse = u.QBOID, u.syncToken, true
	body, err := json.Marshal(cust)
	if err != nil {
		return err
	}
	return a.tx.AddOutbox(ctx, &sqlite.OutboxItem{RealmID: a.st.realm, Operation: qbo.BatchUpdate, ContactID: c.ID,
		QBOID: u.QBOID, Body: body, Fields: agreed, Before: before})
}

// queueCreate stores a new customer for the contact in the outbox.
func (a applier) queueCreate(ctx context.Context, ps PlanPush) error {
	c, err := a.tx.FindContactByID(ctx, ps.ContactID)
	if err != nil {
		return err
	}
	body, err := json.Marshal(customerFields(c, practice.SyncedFields))
	if err != nil {
		return err
	}
	return a.tx.AddOutbox(ctx, &sqlite.OutboxItem{RealmID: a.st.realm, Operation: qbo.BatchCreate, ContactID: c.ID,
		Body: body, Fields: c.SyncedValues()})
}

func (a applier) conflict(ctx context.Context, pc PlanConflict) error {
	c := &practice.Conflict{ContactID: a.st.stored(pc.ContactID), QBOID: pc.QBOID, Field: pc.Field,
		Base: pc.base, Ours: pc.Ours, Theirs: pc.Theirs}
	if err := a.tx.SaveConflict(ctx, a.st.realm, c, a.run); err != nil {
		return err
	}
	return a.audit(ctx, practice.AuditEntry{Action: "conflict", Side: practice.SideLocal, ContactID: c.ContactID,
		QBOID: pc.QBOID, Record: pc.Name, Field: pc.Field, Before: pc.Ours, After: pc.Theirs})
}

func (a applier) duplicate(ctx context.Context, d PlanDuplicate) error {
	if _, linked, err := a.tx.FindLinkByCustomer(ctx, a.st.realm, d.QBOID); err != nil || linked {
		return err // linked meanwhile: nothing to resolve
	}
	rec := *d.rec
	rec.RunID = a.run
	rec.Suggestions = append([]sqlite.StoredSuggestion(nil), rec.Suggestions...)
	for i := range rec.Suggestions {
		rec.Suggestions[i].ContactID = a.st.stored(rec.Suggestions[i].ContactID)
	}
	if err := a.tx.SaveDuplicate(ctx, &rec); err != nil {
		return err
	}
	return a.audit(ctx, practice.AuditEntry{Action: "duplicate", Side: practice.SideLocal, QBOID: d.QBOID,
		Record: d.DisplayName, After: fmt.Sprintf("Sent to Resolve Duplicates with %d candidate(s)", len(d.Candidates))})
}

func (a applier) invalid(ctx context.Context, in PlanInvalid) error {
	code := practice.SyncCustomerInvalid
	if in.Kind == "contact" {
		code = practice.SyncContactInvalid
	}
	se := &practice.SyncError{Code: code, RecordKind: in.Kind, RecordID: in.ID, RecordName: in.Name, Detail: in.Problem}
	return a.tx.RecordSyncError(ctx, a.st.realm, se, a.run)
}
