package demo

import (
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"ledgerlink/backend/practice"
)

// locals indexes the local contacts for the relation checks below.
type locals []practice.Contact

// named returns the contacts whose name is exactly s.
func (ls locals) named(s string) []practice.Contact {
	return ls.where(func(c practice.Contact) bool { return c.Name == s })
}

// withEmail returns the contacts holding exactly one of the addresses.
func (ls locals) withEmail(addrs ...string) []practice.Contact {
	return ls.where(func(c practice.Contact) bool {
		return slices.ContainsFunc(c.Emails(), func(e string) bool { return slices.Contains(addrs, e) })
	})
}

// withEmailAnyCase returns the contacts holding one of the addresses,
// ignoring letter case.
func (ls locals) withEmailAnyCase(addrs ...string) []practice.Contact {
	return ls.where(func(c practice.Contact) bool {
		return slices.ContainsFunc(c.Emails(), func(e string) bool {
			return slices.ContainsFunc(addrs, func(a string) bool { return strings.EqualFold(a, e) })
		})
	})
}

func (ls locals) where(f func(practice.Contact) bool) []practice.Contact {
	var out []practice.Contact
	for _, c := range ls {
		if f(c) {
			out = append(out, c)
		}
	}
	return out
}

// letters keeps letters and digits, lower-cased, dropping punctuation and
// spaces: "O'Brien" and "OBrien" agree.
func letters(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// words returns the name's words, without punctuation, lower-cased, sorted:
// "Ellison, Margaret" and "Margaret Ellison" agree.
func words(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	sort.Strings(f)
	return strings.Join(f, " ")
}

// distance is the edit distance between two strings, in runes.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

// near reports whether a local contact's name is within reach of a
// matcher's near-match rules: equal ignoring case, punctuation, spacing or
// word order, or a couple of typos away.
func near(a, b string) bool {
	return words(a) == words(b) || letters(a) == letters(b) || distance(strings.ToLower(a), strings.ToLower(b)) <= 2
}

// compose turns the two decomposed accents the data uses into their
// precomposed letters; the standard library has no Unicode normaliser.
func compose(s string) string {
	return strings.NewReplacer("e\u0301", "\u00e9", "A\u0301", "\u00c1").Replace(s)
}

// TestCases_RelationsHold checks, customer by customer, that the data sets
// up the situation its Case names against LocalContacts.
func TestCases_RelationsHold(t *testing.T) {
	ls := locals(LocalContacts())
	customers := Customers()
	byName := map[string]Customer{}
	for _, c := range customers {
		byName[c.DisplayName] = c
	}
	for _, c := range customers {
		dn, emails := c.DisplayName, c.Emails()
		exact, byMail := ls.named(dn), ls.withEmail(emails...)
		fail := func(why string) {
			t.Errorf("%s %q: %s (name matches %d, email matches %d)", c.Case, dn, why, len(exact), len(byMail))
		}
		one := func(cs []practice.Contact) bool { return len(cs) == 1 }
		nearAny := len(ls.where(func(l practice.Contact) bool { return near(l.Name, dn) })) > 0
		switch c.Case {
		case CaseExactMatch, CaseApostrophe, CaseUnicode, CaseLongName, CaseInactive, CaseCustomerMultiEmail:
			// Either an exact match on both, or (for the second customer
			// of some cases) no counterpart at all.
			if one(exact) && len(ls.withEmail(emails...)) == 1 && ls.withEmail(emails...)[0].Name == dn {
				break
			}
			if c.Case == CaseExactMatch || c.Case == CaseLongName || c.Case == CaseCustomerMultiEmail || len(byMail) > 0 || nearAny {
				fail("want one local contact with this exact name and email")
			}
		case CaseNoMatch, "":
			if len(exact) > 0 || len(ls.withEmailAnyCase(emails...)) > 0 || nearAny {
				fail("want no local contact with this name, a near name or this email")
			}
		case CaseSameEmailOtherName:
			if len(exact) > 0 || !one(byMail) || near(byMail[0].Name, dn) {
				fail("want the email of one contact whose name is quite different")
			}
		case CaseSameNameOtherEmail:
			if !one(exact) || len(emails) == 0 || len(ls.withEmailAnyCase(emails...)) > 0 {
				fail("want one contact of this name and an email nobody has")
			}
		case CaseNameCase:
			same := ls.where(func(l practice.Contact) bool { return strings.EqualFold(l.Name, dn) })
			if len(exact) > 0 || !one(same) || !one(byMail) || byMail[0].Name != same[0].Name {
				fail("want the same contact by email, its name differing only in case")
			}
		case CaseNamePunctuation:
			same := ls.where(func(l practice.Contact) bool { return letters(l.Name) == letters(dn) && !strings.EqualFold(l.Name, dn) })
			if len(exact) > 0 || !one(same) || len(emails) > 0 {
				fail("want no email and a contact whose name differs only by punctuation")
			}
		case CaseNameWordOrder:
			same := ls.where(func(l practice.Contact) bool { return words(l.Name) == words(dn) && letters(l.Name) != letters(dn) })
			if len(exact) > 0 || !one(same) || !one(byMail) || byMail[0].Name != same[0].Name {
				fail("want the same contact by email, its words in another order")
			}
		case CaseNameWhitespace:
			same := ls.where(func(l practice.Contact) bool { return strings.Join(strings.Fields(dn), " ") == l.Name })
			if len(exact) > 0 || !one(same) || len(emails) == 0 || len(ls.withEmailAnyCase(emails...)) > 0 {
				fail("want another email and a contact whose name differs only by spacing")
			}
		case CaseSimilarName:
			typo := ls.where(func(l practice.Contact) bool {
				d := distance(strings.ToLower(l.Name), strings.ToLower(dn))
				return d > 0 && d <= 2 && letters(l.Name) != letters(dn)
			})
			if len(exact) > 0 || !one(typo) || len(ls.withEmailAnyCase(emails...)) > 0 {
				fail("want another email and one contact a typo away")
			}
		case CaseSeveralCandidates:
			if len(exact) < 2 || len(byMail) > 0 {
				fail("want several contacts of this name and none with this email")
			}
		case CaseSplitCandidates:
			if !one(exact) || !one(byMail) || exact[0].Name == byMail[0].Name {
				fail("want the name to point at one contact and the email at another")
			}
		case CaseCompetingCustomers:
			// Checked as a group below.
		case CaseContactMultiEmail:
			if !one(exact) || len(exact[0].Emails()) < 2 || len(emails) != 1 || exact[0].Emails()[0] == emails[0] || !one(byMail) {
				fail("want one address equal to a later one of the contact's several")
			}
		case CaseEmailCase:
			if !one(exact) || len(byMail) > 0 || !one(ls.withEmailAnyCase(emails...)) {
				fail("want the exact name and the email differing only in case")
			}
		case CaseCustomerNoEmail:
			if !one(exact) || len(emails) > 0 || exact[0].Email == "" {
				fail("want the exact name, no email here and one on the contact")
			}
		case CaseContactNoEmail:
			if !one(exact) || len(emails) == 0 || exact[0].Email != "" {
				fail("want the exact name, an email here and none on the contact")
			}
		case CaseNoEmailEitherSide:
			if !one(exact) || len(emails) > 0 || exact[0].Email != "" {
				fail("want the exact name and no email on either side")
			}
		case CaseSubCustomer:
			parent, ok := byName[c.ParentDisplayName]
			if !c.Job || !ok || !one(ls.named(parent.DisplayName)) {
				fail("want a job whose parent matches a local contact")
			}
		case CaseUnicodeNormalForm:
			same := ls.named(compose(dn))
			if len(exact) > 0 || !one(same) || !one(byMail) || byMail[0].Name != same[0].Name {
				fail("want the same contact by email, its name in another normal form")
			}
		default:
			fail("no relation check for this case")
		}
		if (c.Case == CaseApostrophe && !strings.Contains(dn, "'")) ||
			(c.Case == CaseUnicode && utf8.RuneCountInString(dn) == len(dn)) ||
			(c.Case == CaseLongName && utf8.RuneCountInString(dn) < 120) ||
			(c.Case == CaseCustomerMultiEmail && (len(emails) < 2 || !strings.Contains(c.PrimaryEmail, ","))) {
			fail("the name or email lacks what the case is about")
		}
	}
	checkGroups(t, ls, customers)
}

// checkGroups checks the cases that are about several customers at once.
func checkGroups(t *testing.T, ls locals, customers []Customer) {
	of := func(k Case) []Customer {
		var out []Customer
		for _, c := range customers {
			if c.Case == k {
				out = append(out, c)
			}
		}
		return out
	}
	linksBoth := func(c Customer) bool {
		return len(ls.named(c.DisplayName)) == 1 && len(ls.withEmail(c.Emails()...)) == 1
	}

	// Two customers, one local contact: one links on both, the other only
	// by email, so its candidate is taken.
	comp := of(CaseCompetingCustomers)
	if len(comp) != 2 || !linksBoth(comp[0]) || len(ls.named(comp[1].DisplayName)) > 0 ||
		len(ls.withEmail(comp[1].Emails()...)) != 1 ||
		ls.withEmail(comp[1].Emails()...)[0].Name != comp[0].DisplayName {
		t.Errorf("competing customers do not both point at one local contact: %v", comp)
	}

	// Each of these cases needs one customer that matches exactly, and
	// some need one that matches nothing.
	for k, wantNew := range map[Case]bool{CaseApostrophe: true, CaseUnicode: true, CaseInactive: true} {
		var linked, unmatched int
		for _, c := range of(k) {
			if linksBoth(c) {
				linked++
			} else if len(ls.withEmailAnyCase(c.Emails()...)) == 0 {
				unmatched++
			}
		}
		if linked == 0 || (wantNew && unmatched == 0) {
			t.Errorf("case %s: %d exact, %d without counterpart", k, linked, unmatched)
		}
	}

	// Sub-customers: one shares its parent's email, one has none.
	var sharing, bare int
	for _, c := range of(CaseSubCustomer) {
		for _, p := range customers {
			if p.DisplayName == c.ParentDisplayName && c.PrimaryEmail != "" && c.PrimaryEmail == p.PrimaryEmail {
				sharing++
			}
		}
		if c.PrimaryEmail == "" {
			bare++
		}
	}
	if sharing == 0 || bare == 0 {
		t.Errorf("sub-customers: %d share the parent's email, %d have none; want both kinds", sharing, bare)
	}

	// Local contacts with no customer at all: the first sync must not push
	// them to QBO (FEATURES 5).
	for _, l := range ls {
		related := false
		for _, c := range customers {
			if near(l.Name, c.DisplayName) || len(locals{l}.withEmailAnyCase(c.Emails()...)) > 0 || l.Name == compose(c.DisplayName) {
				related = true
			}
		}
		if !related && l.Name != nameLocalOnly1 && l.Name != nameLocalOnly2 {
			t.Errorf("local contact %q meets no customer and is not one of the local-only ones", l.Name)
		}
		if related && (l.Name == nameLocalOnly1 || l.Name == nameLocalOnly2) {
			t.Errorf("local-only contact %q meets a customer", l.Name)
		}
	}
}
