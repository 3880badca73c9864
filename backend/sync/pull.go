package sync

import (
	"context"
	"errors"
	"maps"
	"slices"
	"time"

	"ledgerlink/backend/qbo"
	"ledgerlink/backend/sqlite"
)

// PageSize is how many customers one query page asks for: QuickBooks'
// most.
const PageSize = qbo.MaxPageSize

// ResumeOverlap is how many customers before where it stopped an
// interrupted full read starts again.
const ResumeOverlap = 100

// clockMargin is how far back a change read starts before the last one
// began, for clocks that disagree: a customer seen twice merges to nothing.
const clockMargin = 5 * time.Minute

// pull reads the customers — every one, or the changes since the last run
// — and plans and applies them a page at a time.
func (r *runner) pull(ctx context.Context) error {
	c := r.st.company
	now := r.e.now()
	switch {
	case c.FirstSyncAt.IsZero(), c.ResumePosition > 0, now.Sub(c.ChangedSince) > qbo.CDCMaxLookback-time.Hour:
		return r.fullRead(ctx)
	default:
		err := r.changes(ctx)
		if errors.Is(err, qbo.ErrCDCWindow) {
			return r.fullRead(ctx)
		}
		return err
	}
}

// fullRead reads every customer, a page at a time from where an
// interrupted full read stopped. Each page is applied with the position of
// the next, so a cancelled or failed run resumes there.
func (r *runner) fullRead(ctx context.Context) error {
	r.run.Mode = "full"
	c := r.st.company
	r.st.firstSyncNow = c.FirstSyncAt.IsZero()
	started := c.FullReadStarted
	if c.ResumePosition == 0 || started.IsZero() {
		started = r.e.now()
	}
	// A customer merged away in QuickBooks since the interruption shifts
	// the later ones back: resuming a little early reads a few again (a
	// customer read twice merges to nothing) and skips none.
	start := max(c.ResumePosition-ResumeOverlap, 1)
	if err := r.e.DB.View(ctx, func(tx *sqlite.Tx) error { return r.st.loadAll(ctx, tx) }); err != nil {
		return err
	}
	total, err := r.q.CustomerCount(ctx)
	if err != nil {
		return err
	}
	done := start - 1
	r.progress(PhaseReading, done, total, true)
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		page, err := r.q.CustomerPage(ctx, start, PageSize)
		if err != nil {
			return err
		}
		p := &Plan{}
		for i := range page {
			r.st.planCustomer(&page[i], p)
		}
		last := len(page) < PageSize
		next := start + len(page)
		if err := r.step(ctx, p, func(b *sqlite.SyncCompany) {
			b.FullReadStarted, b.ResumePosition = started, next
			if last {
				b.ResumePosition, b.FullReadStarted = 0, time.Time{}
				b.ChangedSince = started.Add(-clockMargin)
				if b.FirstSyncAt.IsZero() {
					b.FirstSyncAt = r.e.now()
				}
			}
		}); err != nil {
			return err
		}
		done += len(page)
		r.progress(PhaseReading, done, max(total, done), last)
		if last {
			return nil
		}
		start = next
	}
}

// changes reads the customers changed since the last run through change
// data capture, asking again from the newest change seen while an answer
// may have been cut at QuickBooks' cap.
func (r *runner) changes(ctx context.Context) error {
	r.run.Mode = "changes"
	since := r.st.company.ChangedSince
	began := r.e.now()
	res, err := r.q.ChangedCustomers(ctx, since)
	if err != nil {
		return err
	}
	if res.Truncated() {
		// More changes than one answer holds: which of them QuickBooks
		// left out is not said, so every customer is read instead.
		return r.fullRead(ctx)
	}
	// The next read starts a few minutes before this one, by QuickBooks'
	// clock when its answer says it (this computer's may be off).
	next := began.Add(-clockMargin)
	if !res.Time.IsZero() {
		next = res.Time.Add(-clockMargin)
	}
	if err := r.prepare(ctx, res.Customers); err != nil {
		return err
	}
	p := &Plan{}
	seen := map[string]bool{}
	for i := range res.Customers {
		cu := &res.Customers[i]
		seen[cu.ID] = true
		r.st.planCustomer(cu, p)
	}
	for _, d := range res.Deleted {
		r.st.planDeleted(d, p)
	}
	// A customer whose match was removed since the last run has not
	// changed, so change data capture does not bring it: read it, so that it
	// waits in Resolve Duplicates.
	for _, id := range sortedKeys(r.st.unlinks) {
		if _, waiting := r.st.pendingDup[id]; waiting || r.st.links[id] != nil || seen[id] {
			continue
		}
		cu, err := r.q.Customer(ctx, id)
		if qbo.IsNotFound(err) {
			continue
		}
		if err != nil {
			return err
		}
		if err := r.prepare(ctx, []qbo.Customer{*cu}); err != nil {
			return err
		}
		r.st.planCustomer(cu, p)
	}
	r.progress(PhaseReading, p.read, p.read, true)
	return r.step(ctx, p, func(b *sqlite.SyncCompany) { b.ChangedSince = next })
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}

// prepare reads the contacts planning these customers needs: the linked
// ones' contacts, or every contact when one of them must be matched.
func (r *runner) prepare(ctx context.Context, customers []qbo.Customer) error {
	return r.e.DB.View(ctx, func(tx *sqlite.Tx) error {
		var ids []int64
		for _, c := range customers {
			if l := r.st.links[c.ID]; l != nil {
				ids = append(ids, l.ContactID)
				continue
			}
			if token, waiting := r.st.pendingDup[c.ID]; waiting && token == c.SyncToken {
				continue
			}
			if c.Job != nil && *c.Job && r.st.settings.Jobs == JobsUnderParent {
				continue
			}
			return r.st.loadAll(ctx, tx)
		}
		return r.st.ensure(ctx, tx, ids)
	})
}
