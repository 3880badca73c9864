package sync_test

import (
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo"
	"ledgerlink/backend/sqlite"
	"ledgerlink/backend/sync"
)

// editCustomer changes a customer as someone working in QuickBooks would.
func (e *env) editCustomer(name string, change func(c *qbo.Customer)) {
	e.t.Helper()
	cur := e.customer(name)
	up := &qbo.Customer{ID: cur.ID, SyncToken: cur.SyncToken}
	change(up)
	if _, err := e.client.Customers.Update(e.ctx, e.rid(), up); err != nil {
		e.t.Fatalf("edit customer %q in QuickBooks: %v", name, err)
	}
}

// editContact changes a contact as the accountant would in Ledgerlink.
func (e *env) editContact(name string, change func(c *practice.Contact)) *practice.Contact {
	e.t.Helper()
	c := e.contact(name)
	change(c)
	if err := sqlite.NewContactService(e.db).UpdateContact(e.ctx, c); err != nil {
		e.t.Fatalf("edit contact %q: %v", name, err)
	}
	return c
}

// conflicts returns the open conflicts of the contact named name.
func (e *env) conflicts(name string) []practice.Conflict {
	e.t.Helper()
	var out []practice.Conflict
	id := e.contact(name).ID
	e.view(func(tx *sqlite.Tx) error {
		var err error
		out, err = tx.FindConflicts(e.ctx, e.client.RealmID(), id)
		return err
	})
	return out
}

func (e *env) syncErrors() []practice.SyncError {
	e.t.Helper()
	var out []practice.SyncError
	e.view(func(tx *sqlite.Tx) error {
		var err error
		out, err = tx.FindSyncErrors(e.ctx, e.client.RealmID())
		return err
	})
	return out
}

// settle runs the first sync and a second one, so that the writes the
// first sync queued (fields one side lacked) are out of the way.
func settled(t *testing.T) *env {
	e := newEnv(t, "demo")
	e.seedDemoContacts()
	e.sync()
	e.sync()
	return e
}

func TestSyncNow_CustomerEditedInQuickBooks_ContactFollows(t *testing.T) {
	e := settled(t)
	e.editCustomer("Bluegum Bakery", func(c *qbo.Customer) {
		c.PrimaryPhone = &qbo.TelephoneNumber{FreeFormNumber: "(505) 555-0999"}
	})
	res := e.sync()
	if got := e.contact("Bluegum Bakery").Phones.Primary; got != "(505) 555-0999" {
		t.Errorf("contact's phone = %q, want QuickBooks' new number", got)
	}
	if res.Run.Counts.UpdatedLocal != 1 || res.Run.Counts.UpdatedQBO != 0 {
		t.Errorf("counts %+v, want one local update and nothing sent", res.Run.Counts)
	}
	var entries []practice.AuditEntry
	e.view(func(tx *sqlite.Tx) error {
		var err error
		entries, _, err = tx.FindAudit(e.ctx, practice.AuditFilter{Search: "bluegum 0999"})
		return err
	})
	if len(entries) != 1 || entries[0].Field != practice.FieldPhonePrimary || entries[0].Side != practice.SideLocal ||
		entries[0].Before != "(505) 555-0196" || entries[0].RunID != res.Run.ID {
		t.Errorf("audit log = %+v, want the phone change, before and after, on the local side, in this run", entries)
	}
}

func TestSyncNow_ContactEditedLocally_CustomerFollows(t *testing.T) {
	e := settled(t)
	e.editContact("Kaito Nakamura", func(c *practice.Contact) { c.Email = "kaito@nakamura.example" })
	res := e.sync()
	if got := e.customer("Kaito Nakamura").PrimaryEmailAddr.Address; got != "kaito@nakamura.example" {
		t.Errorf("customer's email = %q, want the contact's new one", got)
	}
	if res.Run.Counts.UpdatedQBO != 1 {
		t.Errorf("counts %+v, want one customer updated", res.Run.Counts)
	}
	if again := e.sync(); again.Run.Counts.UpdatedQBO+again.Run.Counts.UpdatedLocal != 0 {
		t.Errorf("the next run changed something again: %+v", again.Run.Counts)
	}
}

func TestSyncNow_SameFieldEditedOnBothSides_ConflictOtherFieldsFlow(t *testing.T) {
	e := settled(t)
	e.editCustomer("Kaito Nakamura", func(c *qbo.Customer) {
		c.Mobile = &qbo.TelephoneNumber{FreeFormNumber: "(808) 555-1111"}
		c.PrimaryPhone = &qbo.TelephoneNumber{FreeFormNumber: "(808) 555-2222"}
	})
	e.editContact("Kaito Nakamura", func(c *practice.Contact) { c.Phones.Mobile = "(808) 555-3333" })
	res := e.sync()
	conflicts := e.conflicts("Kaito Nakamura")
	if len(conflicts) != 1 || conflicts[0].Field != practice.FieldPhoneMobile ||
		conflicts[0].Ours != "(808) 555-3333" || conflicts[0].Theirs != "(808) 555-1111" {
		t.Fatalf("conflicts = %+v, want the mobile, ours beside theirs", conflicts)
	}
	if res.Run.Counts.Conflicts != 1 {
		t.Errorf("counts %+v", res.Run.Counts)
	}
	c := e.contact("Kaito Nakamura")
	if c.Phones.Primary != "(808) 555-2222" || c.Phones.Mobile != "(808) 555-3333" {
		t.Errorf("contact phones %+v: the other field must flow, the conflicted one must stay", c.Phones)
	}
	if got := e.customer("Kaito Nakamura").Mobile.FreeFormNumber; got != "(808) 555-1111" {
		t.Errorf("QuickBooks' mobile was overwritten: %q", got)
	}
	// A run while the conflict is open leaves the field alone.
	e.sync()
	if len(e.conflicts("Kaito Nakamura")) != 1 {
		t.Fatalf("the conflict did not survive a run")
	}
	// Keep ours: the next sync sends it.
	if err := e.eng.ResolveConflict(e.ctx, conflicts[0].ID, sync.KeepOurs); err != nil {
		t.Fatal(err)
	}
	e.sync()
	if got := e.customer("Kaito Nakamura").Mobile.FreeFormNumber; got != "(808) 555-3333" {
		t.Errorf("after keeping ours, QuickBooks' mobile = %q", got)
	}
	if len(e.conflicts("Kaito Nakamura")) != 0 {
		t.Errorf("conflict still open after it was resolved")
	}
	if again := e.sync(); again.Run.Counts.UpdatedQBO+again.Run.Counts.UpdatedLocal+again.Run.Counts.Conflicts != 0 {
		t.Errorf("the run after the resolution changed something: %+v", again.Run.Counts)
	}
}

func TestResolveConflict_KeepTheirs_ContactTakesQuickBooksValue(t *testing.T) {
	e := settled(t)
	e.editCustomer("Kaito Nakamura", func(c *qbo.Customer) { c.Mobile = &qbo.TelephoneNumber{FreeFormNumber: "(808) 555-1111"} })
	e.editContact("Kaito Nakamura", func(c *practice.Contact) { c.Phones.Mobile = "(808) 555-3333" })
	e.sync()
	cs := e.conflicts("Kaito Nakamura")
	if len(cs) != 1 {
		t.Fatalf("conflicts = %+v", cs)
	}
	if err := e.eng.ResolveConflict(e.ctx, cs[0].ID, sync.KeepTheirs); err != nil {
		t.Fatal(err)
	}
	if got := e.contact("Kaito Nakamura").Phones.Mobile; got != "(808) 555-1111" {
		t.Errorf("contact's mobile = %q after keeping theirs", got)
	}
	if again := e.sync(); again.Run.Counts.UpdatedQBO+again.Run.Counts.UpdatedLocal+again.Run.Counts.Conflicts != 0 {
		t.Errorf("the run after the resolution changed something: %+v", again.Run.Counts)
	}
}

// pushClients makes the "Client" type a pushed type.
func (e *env) pushClients() {
	e.t.Helper()
	if err := e.db.Update(e.ctx, func(tx *sqlite.Tx) error {
		s, err := sync.LoadSettings(e.ctx, tx)
		if err != nil {
			return err
		}
		s.PushTypeIDs = []int64{1}
		return sync.SaveSettings(e.ctx, tx, s)
	}); err != nil {
		e.t.Fatal(err)
	}
}

func (e *env) newContact(name, email string) *practice.Contact {
	e.t.Helper()
	c := &practice.Contact{Kind: practice.Organisation, Name: name, Email: email, TypeID: 1}
	if err := sqlite.NewContactService(e.db).CreateContact(e.ctx, c); err != nil {
		e.t.Fatal(err)
	}
	return c
}

func TestSyncNow_NewContactOfPushedType_CreatedInQuickBooksOnce(t *testing.T) {
	e := settled(t)
	e.pushClients()
	before := e.countCustomers()
	c := e.newContact("Tui Street Dental", "hello@tuistreet.example")
	res := e.sync()
	if res.Run.Counts.Pushed != 1 {
		t.Fatalf("counts %+v, want one customer pushed", res.Run.Counts)
	}
	cust := e.customer("Tui Street Dental")
	if l := e.link(c.ID); l == nil || l.QBOID != cust.ID {
		t.Errorf("the pushed contact is not linked to its new customer: %+v", l)
	}
	if cust.PrimaryEmailAddr == nil || cust.PrimaryEmailAddr.Address != "hello@tuistreet.example" {
		t.Errorf("customer email %+v", cust.PrimaryEmailAddr)
	}
	e.sync()
	if got := e.countCustomers(); got != before+1 {
		t.Errorf("customers: %d before, %d after two runs; want exactly one more", before, got)
	}
	// The old contacts of the type were there before the first sync: they
	// are not pushed by the setting alone.
	if n := len(e.contactsNamed("Priya Raman")); n != 1 || e.link(e.contact("Priya Raman").ID) != nil {
		t.Errorf("a contact from before the first sync was pushed without being changed")
	}
}

func TestSyncNow_PushedNameTaken_ErrorSaysWhoHoldsItThenRetryAfterFix(t *testing.T) {
	e := settled(t)
	e.pushClients()
	c := e.newContact("Harbour Lights Hospitality LLC", "events@harbourlights.example")
	e.sync()
	errs := e.syncErrors()
	if len(errs) != 1 || errs[0].Code != practice.SyncDuplicateName || errs[0].RecordID != strconv.FormatInt(c.ID, 10) {
		t.Fatalf("sync errors = %+v, want one duplicate name for the contact", errs)
	}
	holder := e.customer("Harbour Lights Hospitality LLC")
	if !strings.Contains(errs[0].Detail, holder.ID) || !strings.Contains(errs[0].Detail, "Harbour Lights Hospitality LLC") {
		t.Errorf("the error must say which customer holds the name: %q", errs[0].Detail)
	}
	if errs[0].Explain == "" || errs[0].Fix == "" || errs[0].Screen == "" {
		t.Errorf("the error has no plain words or no way to fix it: %+v", errs[0])
	}
	// An ordinary run does not hammer QuickBooks with the same refusal.
	e.sync()
	if errs := e.syncErrors(); len(errs) != 1 || errs[0].Attempts != 1 {
		t.Errorf("after a run with nothing fixed: %+v, want the error untouched", errs)
	}
	// Fix (rename), then Retry.
	e.editContact("Harbour Lights Hospitality LLC", func(c *practice.Contact) { c.Name = "Harbour Lights Events" })
	if _, err := e.eng.Retry(e.ctx, e.q, sync.Options{}); err != nil {
		t.Fatal(err)
	}
	if errs := e.syncErrors(); len(errs) != 0 {
		t.Errorf("errors after the fix and a retry: %+v", errs)
	}
	e.customer("Harbour Lights Events")
}

func TestSyncNow_StaleSyncToken_ReadAgainAndMergedOnce(t *testing.T) {
	e := settled(t)
	e.editContact("Kaito Nakamura", func(c *practice.Contact) { c.Phones.Fax = "(808) 555-4444" })
	// Someone edits the customer in QuickBooks while the sync is on its way:
	// after Ledgerlink read it, before its write lands.
	var once atomic.Bool
	e.sb.SetAPIHook(func(r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/batch") && once.CompareAndSwap(false, true) {
			e.editCustomer("Kaito Nakamura", func(c *qbo.Customer) { c.Mobile = &qbo.TelephoneNumber{FreeFormNumber: "(808) 555-5555"} })
		}
	})
	e.sync()
	cust := e.customer("Kaito Nakamura")
	if cust.Fax == nil || cust.Fax.FreeFormNumber != "(808) 555-4444" || cust.Mobile.FreeFormNumber != "(808) 555-5555" {
		t.Errorf("customer fax %+v mobile %+v: want both changes kept", cust.Fax, cust.Mobile)
	}
	if errs := e.syncErrors(); len(errs) != 0 {
		t.Errorf("sync errors = %+v", errs)
	}
	e.sync()
	if got := e.contact("Kaito Nakamura").Phones.Mobile; got != "(808) 555-5555" {
		t.Errorf("contact mobile %q, want QuickBooks' change", got)
	}
}

// A contact moved to a pushed type after the first sync (by hand or by a
// CSV import) counts as changed: the next sync creates its customer.
func TestSyncNow_ContactMovedToPushedType_Pushed(t *testing.T) {
	e := settled(t)
	var pushed int64
	if err := e.db.Update(e.ctx, func(tx *sqlite.Tx) error {
		ct := &practice.ContactType{Name: "Client - QuickBooks"}
		if err := tx.CreateContactType(e.ctx, ct); err != nil {
			return err
		}
		pushed = ct.ID
		s, err := sync.LoadSettings(e.ctx, tx)
		if err != nil {
			return err
		}
		s.PushTypeIDs = []int64{pushed}
		return sync.SaveSettings(e.ctx, tx, s)
	}); err != nil {
		t.Fatal(err)
	}
	if r := e.sync(); r.Run.Counts.Pushed != 0 {
		t.Fatalf("a setting alone pushed %d contacts", r.Run.Counts.Pushed)
	}
	c := e.editContact("Priya Raman", func(c *practice.Contact) { c.TypeID = pushed })
	if r := e.sync(); r.Run.Counts.Pushed != 1 {
		t.Fatalf("after moving a contact to a pushed type: %+v", r.Run.Counts)
	}
	if l := e.link(c.ID); l == nil || l.DisplayName != "Priya Raman" {
		t.Errorf("link of the pushed contact: %+v", l)
	}
}
