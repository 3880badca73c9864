package sync_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo"
	"ledgerlink/backend/qbo/sandbox"
	"ledgerlink/backend/sqlite"
	"ledgerlink/backend/sync"
)

// seedCustomers creates n customers in the company, 30 to a batch, named
// "Customer 00001"….
func (e *env) seedCustomers(n int) {
	e.t.Helper()
	for i := 0; i < n; i += qbo.MaxBatchItems {
		var items []qbo.BatchItem
		for j := i; j < min(n, i+qbo.MaxBatchItems); j++ {
			items = append(items, qbo.BatchItem{Operation: qbo.BatchCreate, Object: &qbo.Customer{
				DisplayName: new(fmt.Sprintf("Customer %05d", j+1)), CompanyName: new(fmt.Sprintf("Customer %05d", j+1)),
				PrimaryEmailAddr: &qbo.EmailAddress{Address: fmt.Sprintf("c%05d@example.com", j+1)}}})
		}
		res, err := e.client.Batch(e.ctx, fmt.Sprintf("seed-%d", i), items)
		if err != nil {
			e.t.Fatal(err)
		}
		for _, r := range res {
			if r.Err != nil {
				e.t.Fatal(r.Err)
			}
		}
	}
}

func (e *env) countContacts() int {
	e.t.Helper()
	var n int
	e.view(func(tx *sqlite.Tx) error {
		_, total, err := tx.FindContacts(e.ctx, practice.ContactFilter{Limit: 1})
		n = total
		return err
	})
	return n
}

func (e *env) linkCount() int {
	e.t.Helper()
	var n int
	e.view(func(tx *sqlite.Tx) error {
		ls, err := tx.FindLinks(e.ctx, e.client.RealmID())
		n = len(ls)
		return err
	})
	return n
}

// An import cut off half-way (the second page fails: a gateway 503, then a
// reset connection) is picked up where it stopped by the next Sync Now:
// every customer once, nothing twice.
func TestSyncNow_ImportInterrupted_NextRunResumesNothingDuplicated(t *testing.T) {
	for _, kind := range []string{sandbox.FaultUnavailable, sandbox.FaultReset} {
		t.Run(kind, func(t *testing.T) {
			e := newEnv(t, "empty")
			e.seedCustomers(1500)
			if _, err := e.sb.InjectFault(sandbox.FaultRule{Method: "GET", Path: "*/query", Query: "STARTPOSITION+1001", Kind: kind, Count: 50}); err != nil {
				t.Fatal(err)
			}
			_, err := e.eng.Run(e.ctx, e.q, sync.Options{})
			if err == nil {
				t.Fatal("the run got through the injected faults")
			}
			if got := e.countContacts(); got != 1000 {
				t.Fatalf("after the cut: %d contacts, want the first page's 1000 kept", got)
			}
			e.sb.ClearFaults()
			res := e.sync()
			if res.Run.Mode != "full" || res.Run.Counts.Read != 500+sync.ResumeOverlap {
				t.Errorf("the resumed run read %d customers (%s), want the 500 it had not and the %d before them", res.Run.Counts.Read, res.Run.Mode, sync.ResumeOverlap)
			}
			if got := e.countContacts(); got != 1500 {
				t.Errorf("%d contacts, want 1500", got)
			}
			if got := e.linkCount(); got != 1500 {
				t.Errorf("%d links, want 1500", got)
			}
			// (The customers were all made minutes ago, so the change read
			// would hold more than one answer can: the run reads them all.)
			if again := e.sync(); again.Run.Counts.Created+again.Run.Counts.Linked+again.Run.Counts.Duplicates != 0 {
				t.Errorf("the run after the import changed something: %+v", again.Run)
			}
			if got := e.countContacts(); got != 1500 {
				t.Errorf("%d contacts after another run, want 1500", got)
			}
		})
	}
}

// A push whose answer never comes (QuickBooks made the customers, the
// connection died) is sent again under the same requestid by the next run:
// QuickBooks answers from memory, and no customer exists twice.
func TestSyncNow_PushTimedOutAfterCommit_NoDuplicateCustomer(t *testing.T) {
	e := settled(t)
	e.pushClients()
	before := e.countCustomers()
	for i := range 3 {
		e.newContact(fmt.Sprintf("Kōwhai Partners %d", i), "")
	}
	if _, err := e.sb.InjectFault(sandbox.FaultRule{Method: "POST", Path: "*/batch", Kind: sandbox.FaultTimeoutAfterCommit, DelayMS: 20, Count: 50}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.eng.Run(e.ctx, e.q, sync.Options{}); err == nil {
		t.Fatal("the run got through the injected timeouts")
	}
	e.sb.ClearFaults()
	res := e.sync()
	if res.Run.Counts.Pushed != 3 {
		t.Errorf("the next run confirmed %d pushes, want 3", res.Run.Counts.Pushed)
	}
	if got := e.countCustomers(); got != before+3 {
		t.Errorf("customers: %d before, %d after; want exactly 3 more", before, got)
	}
	for i := range 3 {
		c := e.contact(fmt.Sprintf("Kōwhai Partners %d", i))
		if e.link(c.ID) == nil {
			t.Errorf("%s is not linked", c.Name)
		}
	}
	if errs := e.syncErrors(); len(errs) != 0 {
		t.Errorf("sync errors left after the recovery: %+v", errs)
	}
}

// Cancel stops a first sync between pages; the run says so, keeps what it
// did, and the next Sync Now picks up where it stopped.
func TestSyncNow_Cancelled_NextRunPicksUpWhereItStopped(t *testing.T) {
	e := newEnv(t, "empty")
	e.seedCustomers(2500)
	ctx, cancel := context.WithCancel(e.ctx)
	e.eng.Progress = func(p sync.Progress) {
		if p.Phase == sync.PhaseReading && p.Done >= 1000 {
			cancel()
		}
	}
	res, err := e.eng.Run(ctx, e.q, sync.Options{})
	if !errors.Is(err, context.Canceled) || res == nil || res.Run.Status != practice.RunCancelled {
		t.Fatalf("cancelled run: %v %+v", err, res)
	}
	kept := e.countContacts()
	if kept == 0 || kept == 2500 {
		t.Fatalf("%d contacts after the cancel, want the pages read before it", kept)
	}
	e.eng.Progress = nil
	again := e.sync()
	if again.Run.Counts.Read != 2500-kept+sync.ResumeOverlap {
		t.Errorf("the next run read %d customers, want the %d not read before and the %d before them", again.Run.Counts.Read, 2500-kept, sync.ResumeOverlap)
	}
	if got := e.countContacts(); got != 2500 {
		t.Errorf("%d contacts, want 2500", got)
	}
	var runs []practice.SyncRun
	e.view(func(tx *sqlite.Tx) error {
		var err error
		runs, err = tx.FindSyncRuns(e.ctx, 10)
		return err
	})
	if len(runs) != 2 || runs[1].Status != practice.RunCancelled || runs[0].Status != practice.RunDone {
		t.Errorf("runs = %+v, want the cancelled one and the one that finished", runs)
	}
}
