package sync_test

import (
	"slices"
	"strings"
	"testing"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// The demo company's named cases (backend/demo) each land where the rules
// of FEATURES 6 and 12, as the contact-sync issue spells them, put them.
func TestSyncNow_DemoCompany_FirstSync_EachCaseLandsWhereItShould(t *testing.T) {
	e := newEnv(t, "demo")
	e.seedDemoContacts()
	before := e.countCustomers()
	res := e.sync()
	if res.Run.Status != practice.RunDone || res.Run.Mode != "full" {
		t.Fatalf("run = %+v", res.Run)
	}
	if got := e.countCustomers(); got != before {
		t.Errorf("the first sync created customers in QuickBooks: %d before, %d after", before, got)
	}

	linked := func(contact, customer string) {
		t.Helper()
		c := e.contact(contact)
		l := e.link(c.ID)
		if l == nil {
			t.Errorf("%s: not linked, want linked to %q", contact, customer)
			return
		}
		if want := e.customer(customer); l.QBOID != want.ID {
			t.Errorf("%s: linked to customer %s (%s), want %s (%s)", contact, l.QBOID, l.DisplayName, want.ID, customer)
		}
	}
	linked("Aroha Whitfield", "Aroha Whitfield")                       // exact-match
	linked("Bramble & Finch Architects", "Bramble & Finch Architects") // exact-match, organisation
	linked("Petra Novak", "PETRA NOVAK")                               // case folding makes the names equal
	linked("Margaret Ellison", "Ellison, Margaret")                    // the person's name comes from given and family names
	linked("Greenway Landscaping", "Greenway Landscaping")             // competing customers: the exact one links
	linked("Lindqvist Dental Practice", "Lindqvist Dental Practice")   // one of the customer's addresses
	linked("Amara Okafor", "Amara Okafor")                             // one of the contact's addresses
	linked("Mark Delaney", "Mark Delaney")                             // email differs only by case
	linked("D'Arcy & Sons Joinery", "D'Arcy & Sons Joinery")           // apostrophe
	linked("Zoë Kowalczyk-Nørgaard", "Zoë Kowalczyk-Nørgaard")         // unicode
	linked("Jos\u00e9 \u00c1lvarez", "Jose\u0301 A\u0301lvarez")       // NFC and NFD agree
	linked("Hugo Lambert", "Hugo Lambert")                             // inactive, imported by default
	const housing = "Northern Rivers Community Housing and Tenancy Support Cooperative for Older Residents, Carers and Young Families (incorporated 1987, registration 44-0193)"
	linked(housing, housing) // a very long name

	created := func(name, customer string, kind practice.ContactKind) {
		t.Helper()
		cs := e.contactsNamed(name)
		if len(cs) != 1 {
			t.Errorf("%s: %d contacts, want one created from the customer", name, len(cs))
			return
		}
		if cs[0].Kind != kind || cs[0].TypeName != practice.DefaultContactTypeName {
			t.Errorf("%s: kind %s type %q, want %s of the import type", name, cs[0].Kind, cs[0].TypeName, kind)
		}
		linked(name, customer)
	}
	created("Kaito Nakamura", "Kaito Nakamura", practice.Person)       // no-match
	created("Bluegum Bakery", "Bluegum Bakery", practice.Organisation) // no-match
	created("Whitcombe Orchards", "Whitcombe Orchards", practice.Organisation)
	if l := e.link(e.contact("Whitcombe Orchards").ID); l == nil || l.Active {
		t.Errorf("an inactive customer's link must say it is inactive: %+v", l)
	}

	dups := e.duplicates()
	dup := func(customer string, candidates []string, why string) {
		t.Helper()
		d, ok := dups[customer]
		if !ok {
			t.Errorf("%s: not in Resolve Duplicates", customer)
			return
		}
		var names []string
		for _, c := range d.Candidates {
			names = append(names, c.Contact.Name)
		}
		for _, want := range candidates {
			if !slices.Contains(names, want) {
				t.Errorf("%s: candidates %q, want %q among them", customer, names, want)
			}
		}
		if why != "" && (len(d.Candidates) == 0 || !strings.Contains(d.Candidates[0].Summary, why)) {
			t.Errorf("%s: first candidate's reasons %q, want them to say %q", customer, d.Candidates[0].Summary, why)
		}
	}
	dup("Harbour Lights Hospitality LLC", []string{"Harbour Lights Café"}, "same email")
	dup("Tomasz Kowal", []string{"Tomasz Kowal"}, "same name")
	dup("Daniel Morgan", []string{"Daniel Morgan"}, "")
	if n := len(dups["Daniel Morgan"].Candidates); n != 2 {
		t.Errorf("Daniel Morgan: %d candidates, want both local Daniel Morgans", n)
	}
	dup("Wei Chen", []string{"Wei Chen", "Chen Family Trust"}, "")
	dup("Greenway Garden Services", []string{"Greenway Landscaping"}, "")
	dup("Ingrid Solberg", []string{"Ingrid Solberg"}, "same name")
	dup("Fernhill Veterinary Clinic", []string{"Fernhill Veterinary Clinic"}, "same name")
	dup("Okonkwo Tailoring", []string{"Okonkwo Tailoring"}, "same name")
	dup("Siobhan OBrien", []string{"Siobhan O'Brien"}, "punctuation")
	dup("Jonathon Pryce", []string{"Jonathan Pryce"}, "similar")
	dup("Ravi  Shankar", []string{"Ravi Shankar"}, "same name")
	if g := dups["Greenway Garden Services"]; len(g.Candidates) > 0 && g.Candidates[0].LinkedTo == "" {
		t.Errorf("Greenway Garden Services: the candidate is already linked, and the screen must say so")
	}

	// Sub-customers are jobs under their parent, not clients.
	for _, job := range []string{"Riverside Library Fit-out", "Harbour Street Townhouses"} {
		if n := len(e.contactsNamed(job)); n != 0 {
			t.Errorf("sub-customer %q became %d contact(s)", job, n)
		}
	}
	var rows []practice.ClientLink
	e.view(func(tx *sqlite.Tx) error {
		var err error
		rows, _, err = tx.FindClientLinks(e.ctx, e.client.RealmID(), practice.ClientLinkFilter{Search: "bramble"})
		return err
	})
	if len(rows) != 1 || len(rows[0].Jobs) != 2 {
		t.Errorf("client list row of Bramble & Finch: %+v, want its two jobs under it", rows)
	}

	// Every customer is linked, created, waiting, a job or listed.
	c := res.Run.Counts
	if c.Read != before {
		t.Errorf("read %d customers, the company has %d", c.Read, before)
	}
	if c.Linked+c.Created+c.Duplicates+c.Listed+c.Errors+2 != c.Read {
		t.Errorf("counts do not add up to what was read: %+v", c)
	}
}

// A second Sync Now with nothing changed writes nothing on either side and
// costs one change read.
func TestSyncNow_NothingChanged_NoWrites(t *testing.T) {
	e := newEnv(t, "demo")
	e.seedDemoContacts()
	e.sync()
	var auditBefore int
	e.view(func(tx *sqlite.Tx) error {
		_, n, err := tx.FindAudit(e.ctx, practice.AuditFilter{})
		auditBefore = n
		return err
	})
	res := e.sync()
	if res.Run.Mode != "changes" {
		t.Errorf("second run mode %q, want changes", res.Run.Mode)
	}
	c := res.Run.Counts
	if c.Linked+c.Created+c.UpdatedLocal+c.UpdatedQBO+c.Pushed+c.Duplicates+c.Conflicts != 0 {
		t.Errorf("a run with nothing changed changed something: %+v", c)
	}
	if res.Run.Requests > 2 {
		t.Errorf("a run with nothing changed sent %d requests, want one change read", res.Run.Requests)
	}
	e.view(func(tx *sqlite.Tx) error {
		_, n, err := tx.FindAudit(e.ctx, practice.AuditFilter{})
		if n != auditBefore {
			t.Errorf("audit log grew from %d to %d entries", auditBefore, n)
		}
		return err
	})
}
