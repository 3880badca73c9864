package sync_test

// Defects found in review, each kept as the scenario that showed it,
// against the real sandbox: go test -run TestRegression_ ./backend/sync/

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo"
	"ledgerlink/backend/qbo/sandbox"
	"ledgerlink/backend/sqlite"
	"ledgerlink/backend/sync"
)

// createCustomer makes a customer as someone working in QuickBooks would.
func (e *env) createCustomer(c *qbo.Customer) *qbo.Customer {
	e.t.Helper()
	out, err := e.client.Customers.Create(e.ctx, e.rid(), c)
	if err != nil {
		e.t.Fatalf("create customer in QuickBooks: %v", err)
	}
	return out
}

// A new local contact of a pushed type, and in the same sync window a
// customer for the same client made in QuickBooks under a slightly different
// name. The run sends the customer to Resolve Duplicates with the contact as
// its candidate — and in the same run pushes that very contact as a second
// customer, because dupCandidate is only loaded at the start of the run
// (plan.go planLocal / apply.go duplicate never update it).
func TestRegression_NewContactAndSimilarQBOCustomerInSameRun_NoSecondCustomer(t *testing.T) {
	e := settled(t)
	e.pushClients()
	c := e.newContact("Tui Street Dental", "hello@tuistreet.example")
	e.createCustomer(&qbo.Customer{DisplayName: new("Tui Street Dental Ltd"), CompanyName: new("Tui Street Dental Ltd"),
		PrimaryEmailAddr: &qbo.EmailAddress{Address: "hello@tuistreet.example"}})
	before := e.countCustomers()
	e.sync()
	d, waiting := e.duplicates()["Tui Street Dental Ltd"]
	if !waiting {
		t.Fatalf("the QuickBooks customer should wait in Resolve Duplicates: %+v", e.duplicates())
	}
	cand := false
	for _, x := range d.Candidates {
		cand = cand || x.Contact.ID == c.ID
	}
	if !cand {
		t.Fatalf("the contact is not a candidate of the waiting customer")
	}
	if got := e.countCustomers(); got != before {
		t.Errorf("QuickBooks customers %d → %d: the contact waiting as a duplicate candidate was pushed as a second customer for the same client", before, got)
	}
}

// A push times out after QuickBooks committed it; before the next sync the
// accountant renames the contact. The next run's pull sends the new customer
// to Resolve Duplicates (name now differs), then the replayed push links it
// (push.go confirmed) without taking it out of duplicates. Resolving that
// duplicate with "create new contact" then silently moves the link
// (contact_link.go SaveLink upserts contact_id), leaving two local contacts,
// and the orphaned one is pushed again as a second QuickBooks customer.
func TestRegression_PushTimeoutThenRename_NoDuplicateAnywhere(t *testing.T) {
	e := settled(t)
	e.pushClients()
	c := e.newContact("Kowhai Partners", "kp@kowhai.example")
	if _, err := e.sb.InjectFault(sandbox.FaultRule{Method: "POST", Path: "*/batch", Kind: sandbox.FaultTimeoutAfterCommit, DelayMS: 20, Count: 50}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.eng.Run(e.ctx, e.q, sync.Options{}); err == nil {
		t.Fatal("the run got through the injected timeouts")
	}
	e.sb.ClearFaults()
	before := e.countCustomers() // the committed one is there already
	e.editContact("Kowhai Partners", func(c *practice.Contact) { c.Name = "Kowhai Partners Ltd" })
	e.sync()
	l := e.link(c.ID)
	d, waiting := e.duplicates()["Kowhai Partners"]
	if l != nil && waiting {
		t.Errorf("customer %s is linked to the contact AND waits in Resolve Duplicates", l.QBOID)
	}
	if !waiting {
		return
	}
	// The accountant answers the duplicate the screen shows.
	if _, err := e.eng.ResolveDuplicate(e.ctx, d.ID, sync.Resolution{Create: true}); err != nil {
		t.Logf("resolve refused: %v", err)
		return
	}
	e.sync()
	if n := len(e.contactsNamed("Kowhai Partners")) + len(e.contactsNamed("Kowhai Partners Ltd")); n != 1 {
		t.Errorf("%d local contacts for one client, want 1", n)
	}
	if got := e.countCustomers(); got != before {
		t.Errorf("QuickBooks customers %d → %d: a second customer was created for the same client", before, got)
	}
}

// Remove Match while an update of the contact waits in the outbox (its push
// failed with a 503): the next run still sends the update to the customer
// that is no longer the contact's, and push.go confirmed() re-creates the
// link the accountant removed (Unlink leaves the outbox alone).
func TestRegression_UnmatchWithPendingUpdate_NotSentNorRelinked(t *testing.T) {
	e := settled(t)
	kaito := e.editContact("Kaito Nakamura", func(c *practice.Contact) { c.Email = "kaito@new.example" })
	if _, err := e.sb.InjectFault(sandbox.FaultRule{Method: "POST", Path: "*/batch", Kind: sandbox.FaultUnavailable, Count: 50}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.eng.Run(e.ctx, e.q, sync.Options{}); err == nil {
		t.Fatal("the run got through the injected 503s")
	}
	e.sb.ClearFaults()
	if err := e.eng.Unmatch(e.ctx, e.client.RealmID(), kaito.ID); err != nil {
		t.Fatal(err)
	}
	e.sync()
	if l := e.link(kaito.ID); l != nil {
		t.Errorf("Remove Match undone by the sync: linked again to %s", l.QBOID)
	}
	if got := e.customer("Kaito Nakamura").PrimaryEmailAddr.Address; got != "kaito.nakamura@example.net" {
		t.Errorf("the unmatched contact's edit was still sent to the customer: email %q", got)
	}
}

// Remove Match pressed while a sync runs (here: while it waits on the CDC
// answer): the run's refresh of the link (SaveLink upsert) puts it back.
func TestRegression_UnmatchDuringRun_NotUndone(t *testing.T) {
	e := settled(t)
	aroha := e.contact("Aroha Whitfield")
	e.editCustomer("Aroha Whitfield", func(c *qbo.Customer) {
		c.AlternatePhone = &qbo.TelephoneNumber{FreeFormNumber: "(555) 555-0100"}
	})
	var once atomic.Bool
	var unmatchErr error
	e.sb.SetAPIHook(func(r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/cdc") && once.CompareAndSwap(false, true) {
			unmatchErr = e.eng.Unmatch(e.ctx, e.client.RealmID(), aroha.ID)
		}
	})
	e.sync()
	e.sb.SetAPIHook(nil)
	if unmatchErr != nil {
		t.Fatalf("unmatch: %v", unmatchErr)
	}
	if l := e.link(aroha.ID); l != nil {
		t.Errorf("Remove Match made during a run was silently undone by it: linked to %s", l.QBOID)
	}
}

// Two conflicts on one contact, both resolved "keep ours": the second
// ResolveConflict's AddOutbox deletes the first one's queued write
// (outbox.go AddOutbox replaces an unsent write of the same contact), so only
// one field is sent; the snapshot still holds the old base for the other, and
// the next read of the customer raises the same conflict again.
func TestRegression_KeepOursOnTwoFields_BothSentNoConflictBack(t *testing.T) {
	e := settled(t)
	e.editCustomer("Kaito Nakamura", func(c *qbo.Customer) {
		c.Mobile = &qbo.TelephoneNumber{FreeFormNumber: "(808) 555-1111"}
		c.PrimaryPhone = &qbo.TelephoneNumber{FreeFormNumber: "(808) 555-2222"}
	})
	e.editContact("Kaito Nakamura", func(c *practice.Contact) {
		c.Phones.Mobile = "(808) 555-3333"
		c.Phones.Primary = "(808) 555-4444"
	})
	e.sync()
	cs := e.conflicts("Kaito Nakamura")
	if len(cs) != 2 {
		t.Fatalf("conflicts = %+v, want two", cs)
	}
	for _, c := range cs {
		if err := e.eng.ResolveConflict(e.ctx, c.ID, sync.KeepOurs); err != nil {
			t.Fatal(err)
		}
	}
	e.sync()
	e.sync()
	cust := e.customer("Kaito Nakamura")
	if cust.Mobile.FreeFormNumber != "(808) 555-3333" || cust.PrimaryPhone.FreeFormNumber != "(808) 555-4444" {
		t.Errorf("after keeping ours twice, QuickBooks has mobile %q phone %q", cust.Mobile.FreeFormNumber, cust.PrimaryPhone.FreeFormNumber)
	}
	if back := e.conflicts("Kaito Nakamura"); len(back) != 0 {
		t.Errorf("a resolved conflict came back: %+v", back)
	}
}

// A value set in QuickBooks that the contact form refuses (a phone without a
// digit): updateLocal fails and records an error, but the link's snapshot was
// already saved with QuickBooks' value (apply.go: refresh before
// updateLocal). The next run sees the contact "changed" against that
// snapshot and overwrites the QuickBooks edit with the old local value.
func TestRegression_QBOValueRefusedLocally_NotOverwrittenInQBO(t *testing.T) {
	e := settled(t)
	e.editCustomer("Bluegum Bakery", func(c *qbo.Customer) {
		c.PrimaryPhone = &qbo.TelephoneNumber{FreeFormNumber: "ask at the counter"}
	})
	e.sync()
	e.sync()
	if got := e.customer("Bluegum Bakery").PrimaryPhone; got == nil || got.FreeFormNumber != "ask at the counter" {
		t.Errorf("the QuickBooks edit was silently overwritten by the sync: phone now %+v", got)
	}
}

// A person customer with a middle name, renamed in Ledgerlink: setName sends
// GivenName and FamilyName (first word / rest) but leaves MiddleName, and
// contactOf rebuilds the name from Given+Middle+Family, so the name comes
// back with the middle name twice and overwrites the contact.
func TestRegression_RenamePersonWithMiddleName_RoundTrips(t *testing.T) {
	e := settled(t)
	e.createCustomer(&qbo.Customer{DisplayName: new("Mere Tui Ngata"), GivenName: new("Mere"), MiddleName: new("Tui"),
		FamilyName: new("Ngata"), PrimaryEmailAddr: &qbo.EmailAddress{Address: "mere@ngata.example"}})
	e.sync()
	e.editContact("Mere Tui Ngata", func(c *practice.Contact) { c.Name = "Mere Tui Walker" })
	e.sync()
	e.sync()
	if cs := e.contactsNamed("Mere Tui Walker"); len(cs) != 1 {
		var names []string
		e.view(func(tx *sqlite.Tx) error {
			for c, err := range tx.AllContacts(e.ctx) {
				if err != nil {
					return err
				}
				if strings.HasPrefix(c.Name, "Mere") {
					names = append(names, c.Name)
				}
			}
			return nil
		})
		t.Errorf("after renaming to %q the contact is now %q", "Mere Tui Walker", names)
	}
}

// A 6240 on push, fixed the way the error says ("link the contact to it"),
// then Retry: the error stays in View Errors for good, because only a
// confirmed write clears a contact's errors.
func TestRegression_DuplicateNameFixedByLinking_ErrorCleared(t *testing.T) {
	e := settled(t)
	e.pushClients()
	c := e.newContact("Harbour Lights Hospitality LLC", "events@harbourlights.example")
	e.sync()
	if errs := e.syncErrors(); len(errs) != 1 || errs[0].Code != practice.SyncDuplicateName {
		t.Fatalf("errors = %+v", errs)
	}
	d := e.duplicates()["Harbour Lights Hospitality LLC"]
	if _, err := e.eng.ResolveDuplicate(e.ctx, d.ID, sync.Resolution{ContactID: c.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.eng.Retry(e.ctx, e.q, sync.Options{}); err != nil {
		t.Fatal(err)
	}
	if errs := e.syncErrors(); len(errs) != 0 {
		t.Errorf("the contact is linked (the fix the error asked for) and Retry ran, yet errors remain: %+v", errs)
	}
}

// First sync, a pair linked by the matching rules where only the contact has
// a mobile: the link's snapshot is saved with the contact's mobile already
// in it (plan.go planCustomer, Link case: Snapshot: m.Agreed, unlike
// planLinked and settle, which leave unconfirmed fields out). When QuickBooks
// refuses that write, nothing ever sends the field again — not the next
// runs, not Retry — since contact and snapshot now "agree".
func TestRegression_FirstSyncLinkWriteRefused_FieldSentLater(t *testing.T) {
	e := newEnv(t, "demo")
	e.seedDemoContacts()
	var faulted atomic.Bool
	e.sb.SetAPIAnswer(func(w http.ResponseWriter, r *http.Request) bool {
		if !strings.HasSuffix(r.URL.Path, "/batch") || !faulted.CompareAndSwap(false, true) {
			return false
		}
		var in struct {
			BatchItemRequest []struct {
				BID string `json:"bId"`
			} `json:"BatchItemRequest"`
		}
		_ = json.NewDecoder(r.Body).Decode(&in)
		var items []map[string]any
		for _, it := range in.BatchItemRequest {
			items = append(items, map[string]any{"bId": it.BID, "Fault": map[string]any{"type": "ValidationFault",
				"Error": []map[string]any{{"Message": "A business validation error has occurred while processing your request",
					"Detail": "Business Validation Error: try again later", "code": "6000"}}}})
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"BatchItemResponse": items, "time": "2026-01-01T00:00:00.000-08:00"})
		return true
	})
	e.sync()
	if !faulted.Load() {
		t.Fatal("no batch was sent by the first sync")
	}
	e.sb.SetAPIAnswer(nil)
	e.sync()
	if _, err := e.eng.Retry(e.ctx, e.q, sync.Options{}); err != nil {
		t.Fatal(err)
	}
	e.sync()
	cust := e.customer("Aroha Whitfield")
	if cust.Mobile == nil || cust.Mobile.FreeFormNumber != "+64 21 555 0187" {
		t.Errorf("the contact's mobile never reached QuickBooks after the refused write, later runs and Retry: %+v", cust.Mobile)
	}
}

// A batch of two creates times out after QuickBooks made both customers; one
// of the two contacts is then deleted (its outbox row goes with it, ON DELETE
// CASCADE). The next run re-sends the batch with the remaining item under the
// same requestid; QuickBooks replays the first answer, and push.go record()
// pairs answers with items by position (bIds are "1", "2"… from the slice
// index), so the remaining contact is confirmed against the deleted
// contact's customer. Here that link collides with Beta's own (made by the
// pull), the batch's transaction fails, and since the same requestid gets the
// same answer forever, every later Sync Now fails and no queued write of any
// contact goes out again: the outbox is wedged.
func TestRegression_BatchReplayAfterItemRemoved_AnswersNotMisattributed(t *testing.T) {
	e := settled(t)
	e.pushClients()
	a := e.newContact("Kowhai Alpha", "alpha@kowhai.example")
	b := e.newContact("Kowhai Beta", "beta@kowhai.example")
	// Another contact shares Alpha's email, so Alpha's customer is not
	// linked by the next pull's matching but sent to duplicates.
	e.newContact("Alpha Holdings", "alpha@kowhai.example")
	if _, err := e.sb.InjectFault(sandbox.FaultRule{Method: "POST", Path: "*/batch", Kind: sandbox.FaultTimeoutAfterCommit, DelayMS: 20, Count: 50}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.eng.Run(e.ctx, e.q, sync.Options{}); err == nil {
		t.Fatal("the run got through the injected timeouts")
	}
	e.sb.ClearFaults()
	if err := sqlite.NewContactService(e.db).DeleteContact(e.ctx, a.ID); err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		res, err := e.eng.Run(e.ctx, e.q, sync.Options{})
		if err != nil {
			t.Errorf("run %d after the recovery: %v (counts %+v)", i+1, err, res.Run.Counts)
		}
	}
	if l := e.link(b.ID); l == nil || l.DisplayName != "Kowhai Beta" {
		t.Errorf("contact Kowhai Beta's link: %+v, want its own customer", l)
	}
}

// A customer waiting in Resolve Duplicates that a later run reads again
// unchanged (a full read past CDC's 30 days, a change read cut off) stays
// as it waits: no rewrite, no audit entry, not counted again.
func TestRegression_WaitingDuplicateReadAgainUnchanged_NotRewritten(t *testing.T) {
	e := newEnv(t, "demo")
	e.seedDemoContacts()
	first := e.sync()
	if err := e.db.Update(e.ctx, func(tx *sqlite.Tx) error {
		c, _, err := tx.FindSyncCompany(e.ctx, e.client.RealmID())
		if err != nil {
			return err
		}
		c.ChangedSince = c.ChangedSince.AddDate(0, 0, -31)
		return tx.SaveSyncCompany(e.ctx, c)
	}); err != nil {
		t.Fatal(err)
	}
	var before int
	e.view(func(tx *sqlite.Tx) error {
		_, n, err := tx.FindAudit(e.ctx, practice.AuditFilter{})
		before = n
		return err
	})
	again := e.sync()
	if again.Run.Mode != "full" {
		t.Fatalf("a run 31 days after the last read %q, want full", again.Run.Mode)
	}
	if again.Run.Counts.Duplicates != 0 || len(e.duplicates()) != first.Run.Counts.Duplicates {
		t.Errorf("the full read counted %d duplicates again; %d wait, %d did before", again.Run.Counts.Duplicates, len(e.duplicates()), first.Run.Counts.Duplicates)
	}
	e.view(func(tx *sqlite.Tx) error {
		_, n, err := tx.FindAudit(e.ctx, practice.AuditFilter{})
		if n != before {
			t.Errorf("the audit log grew from %d to %d entries on a run that changed nothing", before, n)
		}
		return err
	})
}
