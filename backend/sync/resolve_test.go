package sync_test

import (
	"testing"

	"ledgerlink/backend/qbo/sandbox"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/sync"
)

func TestResolveDuplicate_Link_PairLinkedAndLeavesTheList(t *testing.T) {
	e := newEnv(t, "demo")
	e.seedDemoContacts()
	e.sync()
	d, ok := e.duplicates()["Harbour Lights Hospitality LLC"]
	if !ok || len(d.Candidates) == 0 {
		t.Fatalf("no duplicate to resolve")
	}
	cafe := e.contact("Harbour Lights Café")
	if _, err := e.eng.ResolveDuplicate(e.ctx, d.ID, sync.Resolution{ContactID: cafe.ID}); err != nil {
		t.Fatal(err)
	}
	if l := e.link(cafe.ID); l == nil || l.QBOID != d.QBOID {
		t.Errorf("after linking, the contact's link is %+v", l)
	}
	if _, still := e.duplicates()["Harbour Lights Hospitality LLC"]; still {
		t.Errorf("the resolved duplicate is still listed")
	}
	// The next sync keeps the link and does not bring the duplicate back.
	e.sync()
	if _, back := e.duplicates()["Harbour Lights Hospitality LLC"]; back || e.link(cafe.ID) == nil {
		t.Errorf("the next sync undid the resolution")
	}
}

func TestResolveDuplicate_Create_NewContactLinked(t *testing.T) {
	e := newEnv(t, "demo")
	e.seedDemoContacts()
	e.sync()
	d := e.duplicates()["Tomasz Kowal"]
	c, err := e.eng.ResolveDuplicate(e.ctx, d.ID, sync.Resolution{Create: true})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(e.contactsNamed("Tomasz Kowal")); n != 2 {
		t.Errorf("%d contacts named Tomasz Kowal, want the old one and the new one", n)
	}
	if l := e.link(c.ID); l == nil || l.QBOID != d.QBOID {
		t.Errorf("the new contact is not linked to the customer: %+v", l)
	}
	if c.Email != "t.kowal@kowal-design.example" {
		t.Errorf("the new contact's email %q, want the customer's", c.Email)
	}
}

func TestResolveDuplicate_CandidateLinkedElsewhere_Refused(t *testing.T) {
	e := newEnv(t, "demo")
	e.seedDemoContacts()
	e.sync()
	d := e.duplicates()["Greenway Garden Services"]
	_, err := e.eng.ResolveDuplicate(e.ctx, d.ID, sync.Resolution{ContactID: e.contact("Greenway Landscaping").ID})
	if practice.ErrorCode(err) != practice.ECONFLICT {
		t.Errorf("linking a contact already linked elsewhere: %v, want a conflict in plain words", err)
	}
}

func TestUnmatch_NotRelinked_CustomerWaitsInDuplicates(t *testing.T) {
	e := newEnv(t, "demo")
	e.seedDemoContacts()
	e.sync()
	aroha := e.contact("Aroha Whitfield")
	qboID := e.link(aroha.ID).QBOID
	if err := e.eng.Unmatch(e.ctx, e.client.RealmID(), aroha.ID); err != nil {
		t.Fatal(err)
	}
	if e.link(aroha.ID) != nil {
		t.Fatalf("still linked after Remove Match")
	}
	e.sync()
	if e.link(aroha.ID) != nil {
		t.Errorf("the sync linked a removed match again by itself")
	}
	d, ok := e.duplicates()["Aroha Whitfield"]
	if !ok || d.QBOID != qboID {
		t.Fatalf("the customer is not waiting in Resolve Duplicates after Remove Match: %+v", e.duplicates())
	}
	if len(d.Candidates) == 0 || d.Candidates[0].Contact.ID != aroha.ID {
		t.Errorf("the contact should still be offered, with why it was not linked: %+v", d.Candidates)
	}
	// Linking on purpose is allowed.
	if _, err := e.eng.ResolveDuplicate(e.ctx, d.ID, sync.Resolution{ContactID: aroha.ID}); err != nil {
		t.Fatal(err)
	}
	e.sync()
	if l := e.link(aroha.ID); l == nil || l.QBOID != qboID {
		t.Errorf("relinked on purpose, then lost: %+v", l)
	}
}

func TestSyncNow_DryRun_ListsThePlanWritesNothing(t *testing.T) {
	e := newEnv(t, "demo")
	e.seedDemoContacts()
	res := e.sync(func(o *sync.Options) { o.DryRun = true })
	p := res.Plan
	if p == nil || len(p.Link) == 0 || len(p.Create) == 0 || len(p.Duplicates) == 0 {
		t.Fatalf("dry run plan = %+v", p)
	}
	if e.link(e.contact("Aroha Whitfield").ID) != nil || len(e.contactsNamed("Kaito Nakamura")) != 0 || len(e.duplicates()) != 0 {
		t.Errorf("a dry run wrote to the database")
	}
	real := e.sync()
	c := real.Run.Counts
	if c.Linked != len(p.Link) || c.Created != len(p.Create) || c.Duplicates != len(p.Duplicates) {
		t.Errorf("the dry run said link %d create %d duplicates %d; the run did %+v", len(p.Link), len(p.Create), len(p.Duplicates), c)
	}
}

func TestSyncNow_OtherCompanyConnected_NothingSyncedUntilStartFresh(t *testing.T) {
	e := newEnv(t, "demo")
	e.seedDemoContacts()
	e.sync()
	other := newEnv(t, "empty", func(o *sandbox.Options) { o.RealmID = "1234512345" })
	other.db, other.eng = e.db, e.eng
	_, err := other.eng.Run(other.ctx, other.q, sync.Options{})
	if practice.ErrorCode(err) != sync.ErrOtherCompany {
		t.Fatalf("sync with another company: %v, want it refused in plain words", err)
	}
	if _, err := other.eng.Run(other.ctx, other.q, sync.Options{NewCompany: true}); err != nil {
		t.Fatalf("start fresh: %v", err)
	}
	// The first company's links are kept aside, not lost.
	if e.link(e.contact("Aroha Whitfield").ID) == nil {
		t.Errorf("starting fresh lost the first company's links")
	}
}

// The contact form shows the customer a contact is linked to, and whether
// QuickBooks made it inactive (FEATURES 16: flagged on its contact).
func TestLinkOf_InactiveCustomerFlaggedOnItsContact(t *testing.T) {
	e := newEnv(t, "demo")
	e.seedDemoContacts()
	e.sync()
	l, err := e.eng.LinkOf(e.ctx, e.contact("Hugo Lambert").ID)
	if err != nil || l == nil || l.Active || l.DisplayName != "Hugo Lambert" {
		t.Errorf("link of Hugo Lambert (inactive in QuickBooks) = %+v, %v", l, err)
	}
	if l, err := e.eng.LinkOf(e.ctx, e.contact("Priya Raman").ID); err != nil || l != nil {
		t.Errorf("link of a contact with no customer = %+v, %v; want none", l, err)
	}
}
