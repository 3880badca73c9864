package match_test

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"ledgerlink/backend/demo"
	"ledgerlink/backend/match"
)

// TestDecide_DemoCases runs the demo company's customers, in order,
// against the firm's demo contacts the way the sync engine does: a link is
// recorded with SetLinked and a created contact is added, so later
// customers see both. Each customer written for a case gets the decision
// the rules give it; every ordinary customer is created.
//
// The customers go by their DisplayName only; the engine may also pass the
// name it derives for the contact (see TestDecide_DerivedName_CanLink).
//
// Where the rules differ from a case's Expect in package demo, the rules
// win and the line says so: Key folds case and spacing, so PETRA NOVAK
// links (with the difference reported) and "Ravi  Shankar" is a same-name
// duplicate rather than only a near match.
func TestDecide_DemoCases(t *testing.T) {
	locals := demo.LocalContacts()
	contacts := make([]match.Contact, len(locals))
	names := map[int64]string{}
	for i, l := range locals {
		contacts[i] = match.Contact{ID: int64(i + 1), Name: l.Name, Email: l.Email}
		names[int64(i+1)] = l.Name
	}
	customers := demo.Customers()
	customerID := map[string]string{}
	for i, c := range customers {
		customerID[c.DisplayName] = strconv.Itoa(i + 1)
	}

	want := map[string]string{
		"Aroha Whitfield":                "link Aroha Whitfield | Aroha Whitfield: same name; same email",
		"Bramble & Finch Architects":     "link Bramble & Finch Architects | Bramble & Finch Architects: same name; same email",
		"Riverside Library Fit-out":      "duplicate | Bramble & Finch Architects: same email; name differs; already linked to QuickBooks customer {Bramble & Finch Architects}",
		"Harbour Street Townhouses":      "create",
		"Harbour Lights Hospitality LLC": "duplicate | Harbour Lights Café: same email; name differs",
		"Tomasz Kowal":                   "duplicate | Tomasz Kowal: same name; email differs",
		"PETRA NOVAK":                    "link Petra Novak | Petra Novak: same name; same email; name differs only by case",
		"Siobhan OBrien":                 "duplicate | Siobhan O'Brien: name differs only by punctuation; no email on QuickBooks side",
		"Ellison, Margaret":              "duplicate | Margaret Ellison: same email; name differs only by word order",
		"Ravi  Shankar":                  "duplicate | Ravi Shankar: same name; name differs only by spacing; email differs",
		"Jonathon Pryce":                 "duplicate | Jonathan Pryce: similar name (score 0.93); email differs",
		"Daniel Morgan":                  "duplicate | Daniel Morgan: same name; email differs | Daniel Morgan: same name; email differs",
		"Wei Chen":                       "duplicate | Chen Family Trust: same email; name differs | Wei Chen: same name; email differs",
		"Greenway Landscaping":           "link Greenway Landscaping | Greenway Landscaping: same name; same email",
		"Greenway Garden Services":       "duplicate | Greenway Landscaping: same email; name differs; already linked to QuickBooks customer {Greenway Landscaping}",
		"Lindqvist Dental Practice":      "link Lindqvist Dental Practice | Lindqvist Dental Practice: same name; same email",
		"Amara Okafor":                   "link Amara Okafor | Amara Okafor: same name; same email",
		"Mark Delaney":                   "link Mark Delaney | Mark Delaney: same name; same email; email differs only by case",
		"Ingrid Solberg":                 "duplicate | Ingrid Solberg: same name; no email on QuickBooks side",
		"Fernhill Veterinary Clinic":     "duplicate | Fernhill Veterinary Clinic: same name; no email on the contact",
		"Okonkwo Tailoring":              "duplicate | Okonkwo Tailoring: same name; no email on either side",
		"Hugo Lambert":                   "link Hugo Lambert | Hugo Lambert: same name; same email",
		"Whitcombe Orchards":             "create",
		"D'Arcy & Sons Joinery":          "link D'Arcy & Sons Joinery | D'Arcy & Sons Joinery: same name; same email",
		"O'Sullivan & Hart Solicitors":   "create",
		"Zoë Kowalczyk-Nørgaard":         "link Zoë Kowalczyk-Nørgaard | Zoë Kowalczyk-Nørgaard: same name; same email",
		"Łukasz Wróbel":                  "create",
		"Jose\u0301 A\u0301lvarez":       "link Jos\u00e9 \u00c1lvarez | Jos\u00e9 \u00c1lvarez: same name; same email",
		"Kaito Nakamura":                 "create",
		"Bluegum Bakery":                 "create",
	}
	long := customers[slices.IndexFunc(customers, func(c demo.Customer) bool { return c.Case == demo.CaseLongName })].DisplayName
	want[long] = fmt.Sprintf("link %[1]s | %[1]s: same name; same email", long)

	ix := match.NewIndex(contacts)
	next := int64(1000)
	seen := map[string]bool{}
	for _, c := range customers {
		id := customerID[c.DisplayName]
		d := ix.Decide(match.Customer{ID: id, Names: []string{c.DisplayName}, Email: c.PrimaryEmail})
		switch d.Outcome {
		case match.Link:
			ix.SetLinked(d.ContactID, id)
		case match.Create:
			next++
			ix.Add(match.Contact{ID: next, Name: c.DisplayName, Email: c.PrimaryEmail, LinkedTo: id})
			names[next] = c.DisplayName
		}
		got := describe(d, names)
		w, ok := want[c.DisplayName]
		switch {
		case ok:
			seen[c.DisplayName] = true
			w = fillCustomerIDs(w, customerID)
		case c.Case == "":
			w = "create"
		default:
			t.Errorf("case %s customer %q has no expectation here", c.Case, c.DisplayName)
			continue
		}
		if got != w {
			t.Errorf("%s %q:\n got  %s\n want %s", cmp.Or(string(c.Case), "ordinary"), c.DisplayName, got, w)
		}
	}
	for name := range want {
		if !seen[name] {
			t.Errorf("expected customer %q is not among the demo customers", name)
		}
	}
}

// A customer whose derived contact name is the local contact's links even
// when its DisplayName is written family name first.
func TestDecide_DerivedName_CanLink(t *testing.T) {
	ix := match.NewIndex([]match.Contact{{ID: 1, Name: "Margaret Ellison", Email: "m.ellison@example.com"}})
	d := ix.Decide(match.Customer{ID: "9", Names: []string{"Margaret Ellison", "Ellison, Margaret"}, Email: "m.ellison@example.com"})
	if d.Outcome != match.Link || d.ContactID != 1 {
		t.Errorf("got %s %d, want link 1", d.Outcome, d.ContactID)
	}
}

// describe writes a decision with contact names for IDs.
func describe(d match.Decision, names map[int64]string) string {
	var b strings.Builder
	b.WriteString(string(d.Outcome))
	if d.Outcome == match.Link {
		b.WriteString(" " + names[d.ContactID])
	}
	for _, s := range d.Suggestions {
		fmt.Fprintf(&b, " | %s: %s", names[s.ContactID], s.Summary)
	}
	return b.String()
}

// fillCustomerIDs replaces {DisplayName} with that customer's Id.
func fillCustomerIDs(s string, ids map[string]string) string {
	for name, id := range ids {
		s = strings.ReplaceAll(s, "{"+name+"}", id)
	}
	return s
}
