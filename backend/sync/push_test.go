package sync_test

import (
	"strings"
	"testing"
	"time"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/sync"
	"ledgerlink/internal/testkit"
)

// Push to QuickBooks on purpose: the preview sorts the chosen contacts into
// new customers, links to customers already there, and collisions (with a
// customer's name, or a vendor's); the push does exactly that, and a
// second push creates nothing more.
func TestPushOnPurpose_PreviewThenPush_CreatesLinksAndLeavesCollisions(t *testing.T) {
	e := settled(t)
	kestrel := e.contact("Kestrel Office Supplies") // only local, but a vendor has the name: collides
	priya := e.contact("Priya Raman")               // only local: new customer
	tomasz := e.contact("Tomasz Kowal")             // its name is a customer's, waiting in duplicates: collides
	aroha := e.contact("Aroha Whitfield")           // already linked: skipped
	req := sync.PushRequest{ContactIDs: []int64{kestrel.ID, priya.ID, tomasz.ID, aroha.ID}}
	p, err := e.eng.PreviewPush(e.ctx, e.q, req)
	if err != nil {
		t.Fatal(err)
	}
	names := func(items []sync.PushItem) map[string]bool {
		m := map[string]bool{}
		for _, it := range items {
			m[it.Name] = true
		}
		return m
	}
	if c := names(p.Create); len(c) != 1 || !c["Priya Raman"] {
		t.Errorf("would create %v", c)
	}
	if c := names(p.Collide); len(c) != 2 || !c["Tomasz Kowal"] || !c["Kestrel Office Supplies"] {
		t.Errorf("would collide %+v", p.Collide)
	}
	for _, it := range p.Collide {
		if it.Name == "Tomasz Kowal" && it.QBOID == "" || it.Name == "Kestrel Office Supplies" && !strings.Contains(it.Why, "vendor") {
			t.Errorf("a collision must say what holds the name: %+v", it)
		}
	}
	if s := names(p.Skip); len(s) != 1 || !s["Aroha Whitfield"] {
		t.Errorf("would skip %v", s)
	}
	if p.Requests < 1 {
		t.Errorf("the preview reports %d requests", p.Requests)
	}
	before := e.countCustomers()
	res, err := e.eng.Push(e.ctx, e.q, req, sync.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if res.Run.Counts.Pushed != 1 || e.countCustomers() != before+1 {
		t.Errorf("pushed %d, customers %d → %d; want 1 new", res.Run.Counts.Pushed, before, e.countCustomers())
	}
	if errs := e.syncErrors(); len(errs) != 0 {
		t.Errorf("errors after the push: %+v; the collisions were left alone, nothing was refused", errs)
	}
	if e.link(kestrel.ID) != nil || e.link(priya.ID) == nil || e.link(tomasz.ID) != nil {
		t.Errorf("links after the push: kestrel %v priya %v tomasz %v", e.link(kestrel.ID), e.link(priya.ID), e.link(tomasz.ID))
	}
	again, err := e.eng.PreviewPush(e.ctx, e.q, req)
	if err != nil {
		t.Fatal(err)
	}
	if c := names(again.Create); c["Priya Raman"] || !names(again.Skip)["Priya Raman"] {
		t.Errorf("after the push, the preview would create %v again", again.Create)
	}
}

// A contact whose customer exists already unlinked (name and email the
// same) is linked by a push, not created twice.
func TestPushOnPurpose_CustomerAlreadyThere_Linked(t *testing.T) {
	e := settled(t)
	d := e.duplicates()["Tomasz Kowal"]
	c := e.newContact("Tomasz Kowal Design", "t.kowal@kowal-design.example")
	if _, err := e.eng.ResolveDuplicate(e.ctx, d.ID, sync.Resolution{Create: true}); err != nil {
		t.Fatal(err)
	}
	// Unlink the created one, so that the customer is there and free.
	created := e.contactsNamed("Tomasz Kowal")
	var newOne *practice.Contact
	for _, x := range created {
		if x.Email == "t.kowal@kowal-design.example" {
			newOne = x
		}
	}
	if err := e.eng.Unmatch(e.ctx, e.client.RealmID(), newOne.ID); err != nil {
		t.Fatal(err)
	}
	p, err := e.eng.PreviewPush(e.ctx, e.q, sync.PushRequest{ContactIDs: []int64{newOne.ID, c.ID}})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Link) != 1 || p.Link[0].ContactID != newOne.ID || p.Link[0].CustomerName != "Tomasz Kowal" {
		t.Errorf("preview link = %+v, want the contact linked to the customer that is there", p.Link)
	}
}

// Retry is allowed once every 3 minutes, by the engine's clock, and the
// time of the next one survives a restart (it is in the database).
func TestRetry_OnceEveryThreeMinutes_KeptAcrossRestarts(t *testing.T) {
	e := settled(t)
	clock := testkit.NewClock()
	e.eng.Now = clock.Now
	if _, err := e.eng.Retry(e.ctx, e.q, sync.Options{}); err != nil {
		t.Fatal(err)
	}
	clock.Advance(2*time.Minute + 30*time.Second)
	restarted := &sync.Engine{DB: e.db, Now: clock.Now}
	_, err := restarted.Retry(e.ctx, e.q, sync.Options{})
	if practice.ErrorCode(err) != sync.ErrRetryWait {
		t.Fatalf("a retry 2½ minutes after the last: %v, want it refused", err)
	}
	if msg := practice.ErrorMessage(err); msg == "" || !strings.Contains(msg, "30 s") {
		t.Errorf("the refusal must say how long to wait: %q", msg)
	}
	if wait, _ := restarted.RetryWait(e.ctx); wait != 30*time.Second {
		t.Errorf("RetryWait = %v, want 30s", wait)
	}
	clock.Advance(31 * time.Second)
	if _, err := restarted.Retry(e.ctx, e.q, sync.Options{}); err != nil {
		t.Errorf("a retry after 3 minutes: %v", err)
	}
}
