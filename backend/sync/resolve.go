package sync

import (
	"context"
	"fmt"
	"time"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// Resolution is the accountant's answer to a duplicate: link the customer
// to ContactID, or (Create) make it a new contact.
type Resolution struct {
	ContactID int64 `json:"contactId"`
	Create    bool  `json:"create"`
}

// ResolveDuplicate links a waiting customer to the chosen contact, or
// creates a contact for it, and returns the contact. Fields only one side
// has are copied to the other (the write to QuickBooks goes out with the
// next sync); fields both have, differently, become conflicts.
func (e *Engine) ResolveDuplicate(ctx context.Context, id int64, res Resolution) (*practice.Contact, error) {
	if res.Create == (res.ContactID != 0) {
		return nil, practice.Errorf(practice.EINVALID, "Choose a contact to link the customer to, or create a new contact — one of the two.")
	}
	release, err := e.claimWait(ctx)
	if err != nil {
		return nil, err
	}
	defer release()
	var out *practice.Contact
	err = e.DB.Update(ctx, func(tx *sqlite.Tx) error {
		rec, err := tx.FindDuplicateRecord(ctx, id)
		if err != nil {
			return err
		}
		if l, ok, err := tx.FindLinkByCustomer(ctx, rec.RealmID, rec.QBOID); err != nil {
			return err
		} else if ok {
			// Linked meanwhile (a write that had timed out was answered):
			// nothing is left to resolve.
			if err := tx.DeleteDuplicate(ctx, rec.RealmID, rec.QBOID); err != nil {
				return err
			}
			out, err = tx.FindContactByID(ctx, l.ContactID)
			return err
		}
		settings, err := LoadSettings(ctx, tx)
		if err != nil {
			return err
		}
		theirs := rec.Customer
		var local *practice.Contact
		var action, after string
		if res.Create {
			c := theirs
			c.ID, c.TypeID = 0, settings.ImportTypeID
			if err := tx.CreateContact(ctx, &c); err != nil {
				return err
			}
			local, action, after = &c, "resolve", "Created from QuickBooks customer "+rec.DisplayName+" (Resolve Duplicates)"
		} else {
			if local, err = tx.FindContactByID(ctx, res.ContactID); err != nil {
				return err
			}
			if l, err := tx.FindLinkByContact(ctx, rec.RealmID, local.ID); err == nil {
				return practice.Errorf(practice.ECONFLICT, "%s is already linked to QuickBooks customer %s. Remove that match in the client list first.", local.Name, l.DisplayName)
			}
			action, after = "resolve", "Linked to QuickBooks customer "+rec.DisplayName+" (Resolve Duplicates)"
		}
		m := merge(nil, local.SyncedValues(), theirs.SyncedValues(), nil)
		if res.Create {
			m = merge(nil, theirs.SyncedValues(), theirs.SyncedValues(), nil)
		}
		l := &sqlite.LinkRecord{RealmID: rec.RealmID, QBOID: rec.QBOID, ContactID: local.ID, SyncToken: rec.SyncToken,
			DisplayName: rec.DisplayName, Active: true, Snapshot: m.Agreed}
		if err := e.settle(ctx, tx, local, l, m, 0); err != nil {
			return err
		}
		if err := tx.ForgetUnlink(ctx, rec.RealmID, rec.QBOID, local.ID); err != nil {
			return err
		}
		if err := tx.DeleteDuplicate(ctx, rec.RealmID, rec.QBOID); err != nil {
			return err
		}
		out = local
		return tx.AddAudit(ctx, practice.AuditEntry{Action: action, Side: practice.SideLocal, ContactID: local.ID,
			QBOID: rec.QBOID, Record: local.Name, After: after})
	})
	return out, err
}

// settle saves a link and what its merge decided: local fields set now,
// QuickBooks fields queued, conflicts kept.
func (e *Engine) settle(ctx context.Context, tx *sqlite.Tx, local *practice.Contact, l *sqlite.LinkRecord, m merged, run int64) error {
	snapshot := m.snapshotUntilSent(nil)
	agreed := l.Snapshot
	l.Snapshot = snapshot
	if err := tx.SaveLink(ctx, l); err != nil {
		return err
	}
	if _, err := tx.ClearSyncErrors(ctx, l.RealmID, "contact", itoa(local.ID)); err != nil {
		return err
	}
	a := applier{tx: tx, st: &state{realm: l.RealmID}, run: run}
	ours := local.SyncedValues()
	if len(m.Local) > 0 {
		if _, err := a.updateLocal(ctx, PlanUpdate{ContactID: local.ID, Name: local.Name, QBOID: l.QBOID, Changes: changes(ours, m.Local)}); err != nil {
			return err
		}
	}
	if len(m.Remote) > 0 {
		if err := a.queueUpdate(ctx, PlanUpdate{ContactID: local.ID, Name: local.Name, QBOID: l.QBOID,
			Changes: changes(snapshot, m.Remote), syncToken: l.SyncToken, agreed: agreed}); err != nil {
			return err
		}
	}
	for _, c := range m.Conflicts {
		if err := a.conflict(ctx, PlanConflict{ContactID: local.ID, Name: local.Name, QBOID: l.QBOID,
			Field: c.Field, Ours: c.Ours, Theirs: c.Theirs, base: c.Base}); err != nil {
			return err
		}
	}
	return nil
}

// Unmatch removes the link of a contact. The pair is remembered: no sync
// links them again by itself, and the customer waits in Resolve
// Duplicates after the next sync.
func (e *Engine) Unmatch(ctx context.Context, realm string, contactID int64) error {
	return e.DB.Update(ctx, func(tx *sqlite.Tx) error {
		c, err := tx.FindContactByID(ctx, contactID)
		if err != nil {
			return err
		}
		l, err := tx.Unlink(ctx, realm, contactID)
		if err != nil {
			return err
		}
		return tx.AddAudit(ctx, practice.AuditEntry{Action: "unlink", Side: practice.SideLocal, ContactID: contactID,
			QBOID: l.QBOID, Record: c.Name, Before: "Linked to QuickBooks customer " + l.DisplayName, After: "Match removed"})
	})
}

// Keep values for ResolveConflict.
const (
	KeepOurs   = "ours"
	KeepTheirs = "theirs"
)

// ResolveConflict settles one conflicted field: keep Ledgerlink's value
// (sent to QuickBooks with the next sync) or QuickBooks' (set on the
// contact now).
func (e *Engine) ResolveConflict(ctx context.Context, id int64, keep string) error {
	if keep != KeepOurs && keep != KeepTheirs {
		return practice.Errorf(practice.EINVALID, `Choose which value to keep: "ours" (Ledgerlink's) or "theirs" (QuickBooks').`)
	}
	release, err := e.claimWait(ctx)
	if err != nil {
		return err
	}
	defer release()
	return e.DB.Update(ctx, func(tx *sqlite.Tx) error {
		c, realm, err := tx.FindConflict(ctx, id)
		if err != nil {
			return err
		}
		l, ok, err := tx.FindLinkByCustomer(ctx, realm, c.QBOID)
		if err != nil {
			return err
		}
		if err := tx.DeleteConflict(ctx, id); err != nil {
			return err
		}
		if !ok {
			return nil // the match was removed meanwhile: nothing to settle
		}
		local, err := tx.FindContactByID(ctx, c.ContactID)
		if err != nil {
			return err
		}
		// QuickBooks holds theirs now: that is the base either way, so the
		// next read of the customer brings no new clash; keeping ours then
		// sends ours, and the base moves when QuickBooks confirms it.
		l.Snapshot = withField(l.Snapshot, c.Field, c.Theirs)
		if err := tx.SaveLink(ctx, l); err != nil {
			return err
		}
		a := applier{tx: tx, st: &state{realm: realm}}
		ours := local.SyncedValues()[c.Field]
		kept := c.Theirs
		switch {
		case keep == KeepOurs:
			kept = ours
			err = a.queueUpdate(ctx, PlanUpdate{ContactID: local.ID, Name: local.Name, QBOID: l.QBOID,
				Changes:   []FieldChange{{Field: c.Field, Label: c.Label, Before: c.Theirs, After: ours}},
				syncToken: l.SyncToken, agreed: withField(l.Snapshot, c.Field, ours)})
		case ours != c.Theirs:
			_, err = a.updateLocal(ctx, PlanUpdate{ContactID: local.ID, Name: local.Name, QBOID: l.QBOID,
				Changes: []FieldChange{{Field: c.Field, Label: c.Label, Before: ours, After: c.Theirs}}})
		}
		if err != nil {
			return err
		}
		return tx.AddAudit(ctx, practice.AuditEntry{Action: "resolve", Side: practice.SideLocal, ContactID: local.ID,
			QBOID: c.QBOID, Record: local.Name, Field: c.Field, Before: c.Ours, After: "kept " + keep + ": " + kept})
	})
}

// RetryWait returns how long until Retry may be pressed again (0: now).
func (e *Engine) RetryWait(ctx context.Context) (time.Duration, error) {
	var wait time.Duration
	err := e.DB.View(ctx, func(tx *sqlite.Tx) error {
		v, ok, err := tx.Setting(ctx, retryAtKey)
		if err != nil || !ok {
			return err
		}
		at, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			return nil // unreadable: allow
		}
		wait = max(at.Sub(e.now()), 0)
		return nil
	})
	return wait, err
}

// Retry retries every sync error at once: a sync run that no longer holds
// back the contacts with errors. It is allowed once every
// practice.RetryInterval; the time of the next one is kept across
// restarts.
func (e *Engine) Retry(ctx context.Context, q QuickBooks, opt Options) (*Result, error) {
	c, err := e.Claim()
	if err != nil {
		return nil, err
	}
	defer c.Release()
	return c.Retry(ctx, q, opt)
}

// Retry is Engine.Retry on a claimed engine.
func (c *Claim) Retry(ctx context.Context, q QuickBooks, opt Options) (*Result, error) {
	e := c.e
	wait, err := e.RetryWait(ctx)
	if err != nil {
		return nil, err
	}
	if wait > 0 {
		return nil, RetryRefusal(wait)
	}
	if err := e.DB.Update(ctx, func(tx *sqlite.Tx) error {
		if err := tx.SetSetting(ctx, retryAtKey, e.now().Add(practice.RetryInterval).UTC().Format(time.RFC3339Nano)); err != nil {
			return err
		}
		return tx.RetryFailedOutbox(ctx, q.RealmID())
	}); err != nil {
		return nil, err
	}
	opt.Trigger = TriggerRetry
	return e.run(ctx, q, opt)
}

// ResolutionWait is how long a resolution waits for a run under way to
// end: the run read the records before it, and would write over it.
const ResolutionWait = 60 * time.Second

// claimWait takes the engine for a resolution, waiting for a run under way
// (the background sync's, say) to end first; after ResolutionWait it says
// so instead.
func (e *Engine) claimWait(ctx context.Context) (release func(), err error) {
	deadline := time.Now().Add(ResolutionWait)
	for !e.begin() {
		if time.Now().After(deadline) {
			return nil, practice.Errorf(practice.ECONFLICT, "A sync is still running. Try again when it has finished.")
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(50 * time.Millisecond):
		}
	}
	return e.end, nil
}

// RetryRefusal is the refusal of a Retry pressed wait too early.
func RetryRefusal(wait time.Duration) error {
	return &practice.Error{Code: ErrRetryWait, Message: fmt.Sprintf(
		"Retry is allowed once every 3 minutes, so that QuickBooks' limits are respected. Try again in %s.", waitText(wait))}
}

// ErrRetryWait is the code of a Retry pressed within 3 minutes of the last.
const ErrRetryWait = "retry_wait"

// waitText says a wait the way a person would: "2 min 10 s".
func waitText(d time.Duration) string {
	s := int(d.Round(time.Second).Seconds())
	if s < 60 {
		return fmt.Sprintf("%d s", max(s, 1))
	}
	if s%60 == 0 {
		return fmt.Sprintf("%d min", s/60)
	}
	return fmt.Sprintf("%d min %d s", s/60, s%60)
}
