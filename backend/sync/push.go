package sync

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo"
	"ledgerlink/backend/sqlite"
)

// local plans and applies what changed on Ledgerlink's side only.
func (r *runner) local(ctx context.Context) error {
	r.progress(PhaseLocal, 0, 0, true)
	var changed []int64
	if err := r.e.DB.View(ctx, func(tx *sqlite.Tx) error {
		var err error
		changed, err = tx.ChangedContacts(ctx, r.st.realm, r.st.company.FirstSyncAt, r.st.settings.PushTypeIDs)
		if err != nil {
			return err
		}
		if r.st.retry { // contacts waiting on an error are looked at again
			for id := range r.st.errorAt {
				changed = append(changed, id)
			}
			slices.Sort(changed)
			changed = slices.Compact(changed)
		}
		return r.st.ensure(ctx, tx, changed)
	}); err != nil {
		return err
	}
	p := &Plan{}
	r.st.planLocal(p, changed)
	if err := r.step(ctx, p, nil); err != nil {
		return err
	}
	return nil
}

// push sends the outbox: writes left from an earlier run first, in the
// batches they were grouped in (same requestid, so QuickBooks answers a
// batch it already did from memory), then the new ones in batches of 30.
// A customer QuickBooks says is stale is read again and merged, once.
func (r *runner) push(ctx context.Context) error {
	for round := 0; round < 2; round++ {
		var items []*sqlite.OutboxItem
		if err := r.e.DB.View(ctx, func(tx *sqlite.Tx) error {
			var err error
			items, err = tx.PendingOutbox(ctx, r.st.realm)
			return err
		}); err != nil {
			return err
		}
		if len(items) == 0 {
			return nil
		}
		stale, err := r.send(ctx, items)
		if err != nil {
			return err
		}
		if len(stale) == 0 {
			return nil
		}
		if err := r.remerge(ctx, stale); err != nil {
			return err
		}
	}
	return nil
}

// send sends items in batches and records each answer. It returns the
// updates QuickBooks refused as stale, already marked failed.
func (r *runner) send(ctx context.Context, items []*sqlite.OutboxItem) ([]*sqlite.OutboxItem, error) {
	groups, err := r.group(ctx, items)
	if err != nil {
		return nil, err
	}
	var stale []*sqlite.OutboxItem
	done := 0
	r.progress(PhaseSending, 0, len(items), true)
	for _, g := range groups {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		batch := make([]qbo.BatchItem, len(g.items))
		for i, it := range g.items {
			var c qbo.Customer
			if err := json.Unmarshal(it.Body, &c); err != nil {
				return nil, fmt.Errorf("queued write %d: %w", it.ID, err)
			}
			// The item's own id names it in the batch, so that an answer
			// QuickBooks gives from memory goes to the write it answers,
			// whatever else the batch holds now.
			batch[i] = qbo.BatchItem{BID: strconv.FormatInt(it.ID, 10), Operation: it.Operation, Object: &c}
		}
		results, err := r.q.Batch(ctx, g.id, batch)
		if err != nil {
			return nil, err
		}
		var s []*sqlite.OutboxItem
		var taken []refusal
		if err := r.e.DB.Update(ctx, func(tx *sqlite.Tx) error {
			var err error
			s, taken, err = r.record(ctx, tx, g.items, results)
			return err
		}); err != nil {
			return nil, err
		}
		if err := r.nameTaken(ctx, taken); err != nil {
			return nil, err
		}
		stale = append(stale, s...)
		done += len(g.items)
		r.progress(PhaseSending, done, len(items), done == len(items))
	}
	return stale, nil
}

type outboxGroup struct {
	id    string
	items []*sqlite.OutboxItem
}

// group keeps the batches items were already sent in, and groups the rest
// by 30 under new batch ids, stored before anything is sent.
func (r *runner) group(ctx context.Context, items []*sqlite.OutboxItem) ([]outboxGroup, error) {
	var groups []outboxGroup
	index := map[string]int{}
	var fresh []*sqlite.OutboxItem
	for _, it := range items {
		if it.BatchID == "" {
			fresh = append(fresh, it)
			continue
		}
		i, ok := index[it.BatchID]
		if !ok {
			i = len(groups)
			index[it.BatchID] = i
			groups = append(groups, outboxGroup{id: it.BatchID})
		}
		groups[i].items = append(groups[i].items, it)
	}
	var newGroups []outboxGroup
	for len(fresh) > 0 {
		n := min(len(fresh), qbo.MaxBatchItems)
		id, err := sqlite.NewBatchID()
		if err != nil {
			return nil, err
		}
		newGroups = append(newGroups, outboxGroup{id: id, items: fresh[:n]})
		fresh = fresh[n:]
	}
	if len(newGroups) > 0 {
		if err := r.e.DB.Update(ctx, func(tx *sqlite.Tx) error {
			for _, g := range newGroups {
				ids := make([]int64, len(g.items))
				for i, it := range g.items {
					ids[i] = it.ID
				}
				if err := tx.GroupOutbox(ctx, g.id, ids); err != nil {
					return err
				}
			}
			return nil
		}); err != nil {
			return nil, err
		}
	}
	return append(groups, newGroups...), nil
}

// refusal is a write QuickBooks refused.
type refusal struct {
	item *sqlite.OutboxItem
	err  error
}

// record applies QuickBooks' answers to one batch. It returns the updates
// refused as stale (to read again and merge) and the writes refused for a
// name already taken (whose holder is looked up after the transaction: no
// request to QuickBooks while the database is held).
func (r *runner) record(ctx context.Context, tx *sqlite.Tx, items []*sqlite.OutboxItem, results []qbo.BatchResult) ([]*sqlite.OutboxItem, []refusal, error) {
	var stale []*sqlite.OutboxItem
	var taken []refusal
	for i, it := range items {
		res := results[i]
		if res.Err == nil && res.Customer != nil {
			if err := r.confirmed(ctx, tx, it, res.Customer); err != nil {
				return nil, nil, err
			}
			continue
		}
		err := res.Err
		if err == nil {
			err = fmt.Errorf("QuickBooks answered without the customer")
		}
		if err := tx.FinishOutbox(ctx, it.ID, sqlite.OutboxFailed); err != nil {
			return nil, nil, err
		}
		switch {
		case qbo.IsStaleObject(err) && it.Operation == qbo.BatchUpdate && !r.st.retried(it.ContactID):
			stale = append(stale, it)
		case qbo.IsDuplicateName(err):
			taken = append(taken, refusal{it, err})
		default:
			if err := r.failed(ctx, tx, it, err, ""); err != nil {
				return nil, nil, err
			}
		}
	}
	return stale, taken, nil
}

// nameTaken records the writes refused for a display name already taken,
// each saying which record holds the name.
func (r *runner) nameTaken(ctx context.Context, taken []refusal) error {
	if len(taken) == 0 {
		return nil
	}
	details := make([]string, len(taken))
	for i, t := range taken {
		details[i] = r.holderOf(ctx, t.item.Fields[practice.FieldName])
	}
	return r.e.DB.Update(ctx, func(tx *sqlite.Tx) error {
		for i, t := range taken {
			if err := r.failed(ctx, tx, t.item, t.err, details[i]); err != nil {
				return err
			}
		}
		return nil
	})
}

// confirmed links a created customer, or moves an updated one's snapshot.
// A link that cannot be made (the contact or the customer is linked to
// another meanwhile) is a sync error of the contact, not a failure of the
// batch: the other answers still count.
func (r *runner) confirmed(ctx context.Context, tx *sqlite.Tx, it *sqlite.OutboxItem, c *qbo.Customer) error {
	if err := tx.FinishOutbox(ctx, it.ID, sqlite.OutboxDone); err != nil {
		return err
	}
	contact, err := tx.FindContactByID(ctx, it.ContactID)
	if practice.ErrorCode(err) == practice.ENOTFOUND {
		return nil // deleted meanwhile: the customer stays, as QuickBooks keeps it
	}
	if err != nil {
		return err
	}
	l, ok, err := tx.FindLinkByCustomer(ctx, r.st.realm, c.ID)
	if err != nil {
		return err
	}
	switch {
	case !ok && it.Operation == qbo.BatchUpdate:
		return nil // the match was removed meanwhile: nothing to move
	case ok && l.ContactID != it.ContactID:
		se := &practice.SyncError{Code: practice.SyncRejected, RecordKind: "contact", RecordID: itoa(it.ContactID), RecordName: contact.Name,
			Detail: fmt.Sprintf("QuickBooks customer %q (Id %s) is linked to another contact; this contact's change was not linked to it.", val(c.DisplayName), c.ID)}
		r.count.Errors++
		return tx.RecordSyncError(ctx, r.st.realm, se, r.run.ID)
	case !ok:
		l = &sqlite.LinkRecord{RealmID: r.st.realm, QBOID: c.ID, ContactID: it.ContactID}
	}
	l.SyncToken, l.DisplayName, l.Snapshot = c.SyncToken, val(c.DisplayName), it.Fields
	l.Active = c.Active == nil || *c.Active
	l.QBOUpdated = stamp(c)
	if err := tx.SaveLink(ctx, l); err != nil {
		if practice.ErrorCode(err) != practice.ECONFLICT {
			return err
		}
		se := &practice.SyncError{Code: practice.SyncRejected, RecordKind: "contact", RecordID: itoa(it.ContactID), RecordName: contact.Name,
			Detail: practice.ErrorMessage(err)}
		r.count.Errors++
		return tx.RecordSyncError(ctx, r.st.realm, se, r.run.ID)
	}
	if err := tx.DeleteDuplicate(ctx, r.st.realm, c.ID); err != nil {
		return err
	}
	if _, err := tx.ClearSyncErrors(ctx, r.st.realm, "contact", itoa(it.ContactID)); err != nil {
		return err
	}
	audit := practice.AuditEntry{RunID: r.run.ID, Side: practice.SideQuickBooks, ContactID: it.ContactID, QBOID: c.ID, Record: contact.Name}
	if it.Operation == qbo.BatchCreate {
		r.count.Pushed++
		audit.Action, audit.After = "push", "Created QuickBooks customer "+val(c.DisplayName)
		return tx.AddAudit(ctx, audit)
	}
	r.count.UpdatedQBO++
	var sent qbo.Customer
	_ = json.Unmarshal(it.Body, &sent)
	for _, f := range practice.SyncedFields {
		if !sentField(&sent, f) {
			continue
		}
		e := audit
		e.Action, e.Field, e.Before, e.After = "update", f, it.Before[f], it.Fields[f]
		if err := tx.AddAudit(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

// sentField reports whether a sparse update carried field f.
func sentField(c *qbo.Customer, f string) bool {
	switch f {
	case practice.FieldName:
		return c.DisplayName != nil
	case practice.FieldEmail:
		return c.PrimaryEmailAddr != nil
	case practice.FieldPhonePrimary:
		return c.PrimaryPhone != nil
	case practice.FieldPhoneMobile:
		return c.Mobile != nil
	case practice.FieldPhoneOther:
		return c.AlternatePhone != nil
	case practice.FieldPhoneFax:
		return c.Fax != nil
	case practice.FieldPhysicalAddress:
		return c.ShipAddr != nil
	case practice.FieldMailingAddress:
		return c.BillAddr != nil
	}
	return false
}

// failed records a refused write as a sync error of its contact; detail,
// when given, says more than QuickBooks did.
func (r *runner) failed(ctx context.Context, tx *sqlite.Tx, it *sqlite.OutboxItem, err error, detail string) error {
	code := errorCode(err)
	if code == "" {
		code = practice.SyncRejected
	}
	se := &practice.SyncError{Code: code, RecordKind: "contact", RecordID: itoa(it.ContactID),
		RecordName: it.Fields[practice.FieldName], Detail: cmp.Or(detail, faultText(err))}
	r.count.Errors++
	return tx.RecordSyncError(ctx, r.st.realm, se, r.run.ID)
}

// holderOf says which QuickBooks record holds a display name, as best it
// can be found.
func (r *runner) holderOf(ctx context.Context, name string) string {
	c, err := r.q.FindCustomerByName(ctx, name)
	switch {
	case err != nil:
		return fmt.Sprintf("QuickBooks already has a customer, vendor or employee named %q (which one could not be read just now). Rename the contact, or link it to that customer, then retry.", name)
	case c != nil:
		return fmt.Sprintf("QuickBooks customer %q (Id %s) already has the name %q. Link the contact to it, or rename one of them.", val(c.DisplayName), c.ID, name)
	default:
		return fmt.Sprintf("A vendor or employee in QuickBooks already has the name %q: QuickBooks names must be unique across customers, vendors and employees. Rename the contact (or that record), then retry.", name)
	}
}

// faultText is what QuickBooks said, for the error's detail: its message
// and detail, never a credential (the client's errors carry none).
func faultText(err error) string {
	var qe *qbo.Error
	if ok := asQBO(err, &qe); ok {
		if qe.Detail != "" && qe.Detail != qe.Message {
			return qe.Message + ": " + qe.Detail
		}
		return qe.Message
	}
	return err.Error()
}

// remerge reads each stale customer again and merges it with its contact,
// queueing the outcome with the new SyncToken.
func (r *runner) remerge(ctx context.Context, items []*sqlite.OutboxItem) error {
	ids := make([]string, len(items))
	for i, it := range items {
		r.st.markRetried(it.ContactID)
		ids[i] = it.QBOID
	}
	_, err := r.reread(ctx, ids, nil)
	return err
}

// remergeSkipped reads again, after the push, the customers this run read
// while a write of their contact waited, and merges them: a change made in
// QuickBooks before that write is not lost behind it.
func (r *runner) remergeSkipped(ctx context.Context) error {
	ids := r.st.skipped
	r.st.skipped = nil
	if len(ids) == 0 {
		return nil
	}
	var pending []*sqlite.OutboxItem
	if err := r.e.DB.View(ctx, func(tx *sqlite.Tx) error {
		var err error
		pending, err = tx.PendingOutbox(ctx, r.st.realm)
		return err
	}); err != nil {
		return err
	}
	waiting := map[int64]bool{}
	for _, it := range pending {
		waiting[it.ContactID] = true
	}
	p, err := r.reread(ctx, ids, waiting)
	if err != nil || len(p.UpdateQuickBooks) == 0 {
		return err
	}
	return r.push(ctx)
}

// reread reads the customers ids again and merges each with its contact
// as it is now (contacts in skip are left for later), applying the plan.
func (r *runner) reread(ctx context.Context, ids []string, skip map[int64]bool) (*Plan, error) {
	p := &Plan{}
	for _, id := range ids {
		c, err := r.q.Customer(ctx, id)
		if err != nil {
			return nil, err
		}
		theirs, ok := contactOf(c)
		if !ok {
			continue
		}
		if err := r.e.DB.View(ctx, func(tx *sqlite.Tx) error {
			l, ok, err := tx.FindLinkByCustomer(ctx, r.st.realm, id)
			if err != nil || !ok || skip[l.ContactID] {
				return err
			}
			local, err := tx.FindContactByID(ctx, l.ContactID)
			if err != nil {
				return err
			}
			r.st.contacts[local.ID] = local
			r.st.pendingWrite[local.ID] = false
			r.st.planLinked(c, &theirs, l, p)
			return nil
		}); err != nil {
			return nil, err
		}
	}
	return p, r.step(ctx, p, nil)
}
