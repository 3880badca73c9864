package democompany

import (
	"net/mail"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"ledgerlink/backend/qbo/sandbox/qql"
)

// Names the tests below look for.
const (
	caseInactive = Case("inactive")
	nameBramble  = "Bramble & Finch Architects"
	nameDarcy    = "D'Arcy & Sons Joinery"
	nameZoe      = "Zoë Kowalczyk-Nørgaard"
	nameHousing  = "Northern Rivers Community Housing and Tenancy Support Cooperative for Older Residents, Carers and Young Families (incorporated 1987, registration 44-0193)"
	nameHugo     = "Hugo Lambert"
)

func TestCustomers_AboutSixtyWithUniqueLegalDisplayNames(t *testing.T) {
	cs := Customers()
	if n := len(cs); n < 55 || n > 65 {
		t.Fatalf("%d customers, want about 60", n)
	}
	seen := map[string]string{}
	for i, c := range cs {
		dn := c.DisplayName
		switch {
		case dn == "" || strings.TrimSpace(dn) != dn:
			t.Errorf("customer %d: DisplayName %q empty or padded", i, dn)
		case strings.Contains(dn, ":"):
			t.Errorf("%q: QBO forbids a colon in DisplayName", dn)
		case !utf8.ValidString(dn) || utf8.RuneCountInString(dn) > MaxDisplayName:
			t.Errorf("%q: not valid text or longer than %d", dn, MaxDisplayName)
		}
		key := strings.ToLower(dn)
		if other, dup := seen[key]; dup {
			t.Errorf("DisplayName %q repeats %q (QBO compares without case)", dn, other)
		}
		seen[key] = dn
		for _, f := range []struct {
			name, v string
			max     int
		}{
			{"Title", c.Title, MaxTitle}, {"GivenName", c.GivenName, MaxPersonName},
			{"FamilyName", c.FamilyName, MaxPersonName}, {"CompanyName", c.CompanyName, MaxCompanyName},
			{"Notes", c.Notes, MaxNotes},
		} {
			if utf8.RuneCountInString(f.v) > f.max {
				t.Errorf("%q: %s longer than %d", dn, f.name, f.max)
			}
		}
		for _, e := range c.Emails() {
			if a, err := mail.ParseAddress(e); err != nil || a.Address != e {
				t.Errorf("%q: %q is not a bare email address", dn, e)
			}
		}
		if c.Active != (c.Case != caseInactive) {
			t.Errorf("%q: Active = %v, but only the %s case is inactive", dn, c.Active, caseInactive)
		}
	}
}

func TestCustomers_JobsFollowTheirParents(t *testing.T) {
	earlier := map[string]bool{}
	jobs := 0
	for _, c := range Customers() {
		if c.Job != (c.ParentDisplayName != "") {
			t.Errorf("%q: Job = %v with parent %q", c.DisplayName, c.Job, c.ParentDisplayName)
		}
		if c.Job {
			jobs++
			if !earlier[c.ParentDisplayName] {
				t.Errorf("%q: parent %q does not come earlier", c.DisplayName, c.ParentDisplayName)
			}
		}
		earlier[c.DisplayName] = true
	}
	if jobs == 0 {
		t.Fatal("no sub-customers")
	}
}

func TestCustomers_IsDeterministicAndFreshOnEachCall(t *testing.T) {
	a, b := Customers(), Customers()
	if !reflect.DeepEqual(a, b) {
		t.Fatal("Customers() differs between calls")
	}
	a[0].DisplayName = "changed"
	if Customers()[0].DisplayName == "changed" {
		t.Fatal("Customers() shares its slice between calls")
	}
}

func TestObject_HasQBOShape(t *testing.T) {
	var c Customer
	for _, x := range Customers() {
		if x.DisplayName == nameBramble {
			c = x
		}
	}
	o := c.Object()
	if o["DisplayName"] != nameBramble || o["Active"] != true || o["Job"] != false {
		t.Fatalf("Object() = %v", o)
	}
	if e, _ := o["PrimaryEmailAddr"].(map[string]any); e["Address"] != "studio@brambleandfinch.example" {
		t.Errorf("PrimaryEmailAddr = %v", o["PrimaryEmailAddr"])
	}
	if f, _ := o["Fax"].(map[string]any); f["FreeFormNumber"] != "(503) 555-0111" {
		t.Errorf("Fax = %v", o["Fax"])
	}
	if a, _ := o["BillAddr"].(map[string]any); a["Line1"] != "PO Box 4410" || a["CountrySubDivisionCode"] != "OR" {
		t.Errorf("BillAddr = %v", o["BillAddr"])
	}
	if a, _ := o["ShipAddr"].(map[string]any); a["Line2"] != nil {
		t.Errorf("empty address line kept: %v", a)
	}
	for _, absent := range []string{"GivenName", "Mobile", "Title"} {
		if _, ok := o[absent]; ok {
			t.Errorf("empty field %s kept", absent)
		}
	}
}

// TestQueries_FindTheTrickyNames runs the demo company through the query
// language the sandbox serves it with: names with quotes and accents are
// found by an exact query, and inactive customers only when asked for.
func TestQueries_FindTheTrickyNames(t *testing.T) {
	var objs []map[string]any
	for _, c := range Customers() {
		objs = append(objs, c.Object())
	}
	count := func(where string) int {
		t.Helper()
		q, err := qql.Parse("select * from Customer where " + where + " maxresults 1000")
		if err != nil {
			t.Fatalf("Parse(%s): %v", where, err)
		}
		_, n := q.Apply(objs)
		return n
	}
	for _, name := range []string{nameDarcy, "O'Sullivan & Hart Solicitors", nameZoe, nameJoseNFD, nameHousing} {
		if n := count("DisplayName = " + qql.Quote(name)); n != 1 {
			t.Errorf("DisplayName = %s finds %d customers, want 1", qql.Quote(name), n)
		}
	}
	if n := count("DisplayName = " + qql.Quote(nameHugo)); n != 0 {
		t.Errorf("an inactive customer was found without asking for inactive ones (%d)", n)
	}
	if n := count("DisplayName = " + qql.Quote(nameHugo) + " AND Active IN (true, false)"); n != 1 {
		t.Errorf("inactive customer found %d times when asked for, want 1", n)
	}
	if n := count("PrimaryEmailAddr = 'office@greenway.example'"); n != 2 {
		t.Errorf("the competing customers' email finds %d, want 2", n)
	}
}
