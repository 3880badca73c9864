package match

import (
	"fmt"
	"strings"
	"testing"
)

// brief writes a decision on one line, so a table can say what it expects
// in the words the accountant reads: "duplicate | 2: same email; name
// differs | 1: same name; email differs". A Link names its contact.
func brief(d Decision) string {
	var b strings.Builder
	b.WriteString(string(d.Outcome))
	if d.Outcome == Link {
		fmt.Fprintf(&b, " %d", d.ContactID)
	}
	for _, s := range d.Suggestions {
		fmt.Fprintf(&b, " | %d: %s", s.ContactID, s.Summary)
	}
	return b.String()
}

// customer is a customer going by one name.
func customer(id, name, email string) Customer {
	return Customer{ID: id, Names: []string{name}, Email: email}
}

// decideTest is one rule: the contacts, the customer, the decision.
type decideTest struct {
	name     string
	contacts []Contact
	customer Customer
	want     string
}

func runDecide(t *testing.T, tests []decideTest) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := brief(NewIndex(tt.contacts).Decide(tt.customer)); got != tt.want {
				t.Errorf("Decide:\n got  %s\n want %s", got, tt.want)
			}
		})
	}
}

func TestDecide_NameAndEmailExact_Links(t *testing.T) {
	runDecide(t, []decideTest{
		{"OneContact", []Contact{{ID: 1, Name: "Aroha Whitfield", Email: "aroha@example.com"}},
			customer("58", "Aroha Whitfield", "aroha@example.com"),
			"link 1 | 1: same name; same email"},
		{"AmongOthers", []Contact{
			{ID: 1, Name: "Wei Chen", Email: "wei@example.com"},
			{ID: 2, Name: "Aroha Whitfield", Email: "aroha@example.com"},
			{ID: 3, Name: "Priya Raman", Email: "priya@example.com"}},
			customer("58", "Aroha Whitfield", "aroha@example.com"),
			"link 2 | 2: same name; same email"},
		{"AlreadyLinkedToThisCustomer", []Contact{{ID: 1, Name: "Aroha Whitfield", Email: "aroha@example.com", LinkedTo: "58"}},
			customer("58", "Aroha Whitfield", "aroha@example.com"),
			"link 1 | 1: same name; same email; already linked to this QuickBooks customer"},
		{"AnyOfTheCustomersNames", []Contact{{ID: 1, Name: "Margaret Ellison", Email: "m@example.com"}},
			Customer{ID: "58", Names: []string{"Margaret Ellison", "Ellison, Margaret"}, Email: "m@example.com"},
			"link 1 | 1: same name; same email"},
	})
}

// Other contacts sharing only the name or only the email do not stop the
// link; they are listed after the linked contact.
func TestDecide_NameAndEmailExact_OthersSharingOne_LinksAndListsThemAfter(t *testing.T) {
	runDecide(t, []decideTest{
		{"SameNameElsewhere", []Contact{
			{ID: 1, Name: "Daniel Morgan", Email: "dan@example.com"},
			{ID: 2, Name: "Daniel Morgan", Email: "daniel@builds.example"}},
			customer("7", "Daniel Morgan", "daniel@builds.example"),
			"link 2 | 2: same name; same email | 1: same name; email differs"},
		{"SameEmailElsewhere", []Contact{
			{ID: 1, Name: "Harbour Lights Café", Email: "hello@harbour.example"},
			{ID: 2, Name: "Harbour Lights Hospitality", Email: "hello@harbour.example"}},
			customer("7", "Harbour Lights Café", "hello@harbour.example"),
			"link 1 | 1: same name; same email | 2: same email; name differs"},
	})
}

func TestDecide_SeveralExactOnBoth_Duplicate(t *testing.T) {
	runDecide(t, []decideTest{
		{"TwoIdentical", []Contact{
			{ID: 4, Name: "Daniel Morgan", Email: "dan@example.com"},
			{ID: 3, Name: "Daniel Morgan", Email: "dan@example.com"}},
			customer("7", "Daniel Morgan", "dan@example.com"),
			"duplicate | 3: same name; same email | 4: same name; same email"},
		{"EvenIfOneIsLinkedElsewhere", []Contact{
			{ID: 3, Name: "Daniel Morgan", Email: "dan@example.com", LinkedTo: "9"},
			{ID: 4, Name: "Daniel Morgan", Email: "dan@example.com"}},
			customer("7", "Daniel Morgan", "dan@example.com"),
			"duplicate | 3: same name; same email; already linked to QuickBooks customer 9 | 4: same name; same email"},
	})
}

func TestDecide_ExactCandidateLinkedElsewhere_Duplicate(t *testing.T) {
	runDecide(t, []decideTest{
		{"LinkedToAnother", []Contact{{ID: 1, Name: "Greenway Landscaping", Email: "office@greenway.example", LinkedTo: "58"}},
			customer("59", "Greenway Landscaping", "office@greenway.example"),
			"duplicate | 1: same name; same email; already linked to QuickBooks customer 58"},
	})
}

func TestDecide_LinkedToThisCustomer_LinksWhateverTheNamesSay(t *testing.T) {
	runDecide(t, []decideTest{
		{"NameAndEmailChanged", []Contact{
			{ID: 1, Name: "Old Name Ltd", Email: "old@example.com", LinkedTo: "58"},
			{ID: 2, Name: "New Name Ltd", Email: "new@example.com"}},
			customer("58", "New Name Ltd", "new@example.com"),
			"link 1 | 1: name differs; email differs; already linked to this QuickBooks customer | 2: same name; same email"},
		{"UnlessMatchRemoved", []Contact{{ID: 1, Name: "Old Name Ltd", Email: "old@example.com", LinkedTo: "58"}},
			Customer{ID: "58", Names: []string{"Old Name Ltd"}, Email: "old@example.com", Avoid: []int64{1}},
			"duplicate | 1: same name; same email; already linked to this QuickBooks customer; match removed"},
	})
}

func TestDecide_AvoidedContact_NeverAutoLinked(t *testing.T) {
	runDecide(t, []decideTest{
		{"BothExact", []Contact{{ID: 1, Name: "Aroha Whitfield", Email: "aroha@example.com"}},
			Customer{ID: "58", Names: []string{"Aroha Whitfield"}, Email: "aroha@example.com", Avoid: []int64{1}},
			"duplicate | 1: same name; same email; match removed"},
		{"OtherContactStillLinks", []Contact{
			{ID: 1, Name: "Aroha Whitfield", Email: "aroha@example.com"},
			{ID: 2, Name: "Aroha Whitfield", Email: "aroha@work.example"}},
			Customer{ID: "58", Names: []string{"Aroha Whitfield"}, Email: "aroha@work.example", Avoid: []int64{1}},
			"link 2 | 2: same name; same email | 1: same name; email differs; match removed"},
	})
}

func TestDecide_OnlyOneMatches_Duplicate(t *testing.T) {
	runDecide(t, []decideTest{
		{"SameEmailOtherName", []Contact{{ID: 1, Name: "Harbour Lights Café", Email: "hello@harbour.example"}},
			customer("7", "Harbour Lights Hospitality LLC", "hello@harbour.example"),
			"duplicate | 1: same email; name differs"},
		{"SameNameOtherEmail", []Contact{{ID: 1, Name: "Tomasz Kowal", Email: "tomasz@example.net"}},
			customer("7", "Tomasz Kowal", "t.kowal@design.example"),
			"duplicate | 1: same name; email differs"},
		{"SameNameNoEmailOnQuickBooksSide", []Contact{{ID: 1, Name: "Ingrid Solberg", Email: "ingrid@solberg.example"}},
			customer("7", "Ingrid Solberg", ""),
			"duplicate | 1: same name; no email on QuickBooks side"},
		{"SameNameNoEmailOnTheContact", []Contact{{ID: 1, Name: "Fernhill Veterinary Clinic"}},
			customer("7", "Fernhill Veterinary Clinic", "frontdesk@fernhill.example"),
			"duplicate | 1: same name; no email on the contact"},
		{"SeveralWithTheName", []Contact{
			{ID: 2, Name: "Daniel Morgan", Email: "daniel@builds.example"},
			{ID: 1, Name: "Daniel Morgan", Email: "dan@example.com"}},
			customer("7", "Daniel Morgan", "d.morgan@example.net"),
			"duplicate | 1: same name; email differs | 2: same name; email differs"},
		{"NameAndEmailPointApart", []Contact{
			{ID: 1, Name: "Wei Chen", Email: "wei.chen@example.com"},
			{ID: 2, Name: "Chen Family Trust", Email: "accounts@chenfamily.example"}},
			customer("7", "Wei Chen", "accounts@chenfamily.example"),
			"duplicate | 2: same email; name differs | 1: same name; email differs"},
		{"SameEmailCandidateLinkedElsewhere", []Contact{{ID: 1, Name: "Greenway Landscaping", Email: "office@greenway.example", LinkedTo: "58"}},
			customer("59", "Greenway Garden Services", "office@greenway.example"),
			"duplicate | 1: same email; name differs; already linked to QuickBooks customer 58"},
	})
}

// Two empty emails are no evidence: they never make a match on their own
// nor complete a name match into a link.
func TestDecide_EmptyEmails_NeverMatch(t *testing.T) {
	runDecide(t, []decideTest{
		{"NameMatchesButNoEmailEitherSide", []Contact{{ID: 1, Name: "Okonkwo Tailoring"}},
			customer("7", "Okonkwo Tailoring", ""),
			"duplicate | 1: same name; no email on either side"},
		{"NothingButEmptyEmails", []Contact{{ID: 1, Name: "Okonkwo Tailoring"}},
			customer("7", "Bluegum Bakery", ""),
			"create"},
		{"OnlySeparators", []Contact{{ID: 1, Name: "Okonkwo Tailoring", Email: " , ; "}},
			customer("7", "Bluegum Bakery", ";,"),
			"create"},
	})
}

func TestDecide_NeitherMatches_Creates(t *testing.T) {
	runDecide(t, []decideTest{
		{"EmptyIndex", nil, customer("7", "Kaito Nakamura", "kaito@example.net"), "create"},
		{"OthersOnly", []Contact{
			{ID: 1, Name: "Aroha Whitfield", Email: "aroha@example.com"},
			{ID: 2, Name: "Ada Lovelace 5", Email: "contact5@example.com"}},
			customer("7", "Ada Lovelace 15", "contact15@example.com"), "create"},
		{"ShareOnlyAWord", []Contact{{ID: 1, Name: "Harbour Lights Café", Email: "hello@harbour.example"}},
			customer("7", "Harbour Street Townhouses", ""), "create"},
	})
}

// Key folds case, normal form and spacing, so these are exact matches;
// what was folded is still said.
func TestDecide_FoldedDifferences_MatchAndAreReported(t *testing.T) {
	runDecide(t, []decideTest{
		{"NameCase_LinksAndSaysSo", []Contact{{ID: 1, Name: "Petra Novak", Email: "petra.novak@example.org"}},
			customer("7", "PETRA NOVAK", "petra.novak@example.org"),
			"link 1 | 1: same name; same email; name differs only by case"},
		{"NameSpacing_SaysSo", []Contact{{ID: 1, Name: "Ravi Shankar", Email: "ravi.shankar@example.net"}},
			customer("7", "Ravi  Shankar", "ravi@shankar-consulting.example"),
			"duplicate | 1: same name; name differs only by spacing; email differs"},
		{"NameCaseAndSpacing_SaysBoth", []Contact{{ID: 1, Name: "Ravi Shankar", Email: "ravi@example.net"}},
			customer("7", " ravi   shankar", "ravi@example.net"),
			"link 1 | 1: same name; same email; name differs only by case; name differs only by spacing"},
		{"NameNormalForm_LinksSilently", []Contact{{ID: 1, Name: "Jos\u00e9 \u00c1lvarez", Email: "jose@example.net"}},
			customer("7", "Jose\u0301 A\u0301lvarez", "jose@example.net"),
			"link 1 | 1: same name; same email"},
		{"EmailCase_LinksAndSaysSo", []Contact{{ID: 1, Name: "Mark Delaney", Email: "mark.delaney@example.com"}},
			customer("7", "Mark Delaney", "Mark.Delaney@Example.com"),
			"link 1 | 1: same name; same email; email differs only by case"},
		{"OneNameWrittenExactly_NothingToSay", []Contact{{ID: 1, Name: "Petra Novak", Email: "p@example.org"}},
			Customer{ID: "7", Names: []string{"Petra Novak", "PETRA NOVAK"}, Email: "p@example.org"},
			"link 1 | 1: same name; same email"},
	})
}

func TestDecide_SeveralAddresses_AnyInCommonMatches(t *testing.T) {
	runDecide(t, []decideTest{
		{"CustomerHoldsTwo", []Contact{{ID: 1, Name: "Lindqvist Dental Practice", Email: "reception@lindqvist.example"}},
			customer("7", "Lindqvist Dental Practice", "accounts@lindqvist.example, reception@lindqvist.example"),
			"link 1 | 1: same name; same email"},
		{"ContactHoldsTwo", []Contact{{ID: 1, Name: "Amara Okafor", Email: "amara@okafor.example, amara.okafor@example.com"}},
			customer("7", "Amara Okafor", "amara.okafor@example.com"),
			"link 1 | 1: same name; same email"},
		{"SemicolonsToo", []Contact{{ID: 1, Name: "Amara Okafor", Email: "amara@okafor.example; amara.okafor@example.com"}},
			customer("7", "Amara Okafor", "x@example.com;AMARA.OKAFOR@example.com"),
			"link 1 | 1: same name; same email; email differs only by case"},
		{"NoneInCommon", []Contact{{ID: 1, Name: "Amara Okafor", Email: "amara@okafor.example, amara.okafor@example.com"}},
			customer("7", "Amara Okafor", "a@example.com, b@example.com"),
			"duplicate | 1: same name; email differs"},
	})
}

func TestDecide_NearMatch_Duplicate(t *testing.T) {
	runDecide(t, []decideTest{
		{"Punctuation", []Contact{{ID: 1, Name: "Siobhan O'Brien", Email: "siobhan@obrien.example"}},
			customer("7", "Siobhan OBrien", ""),
			"duplicate | 1: name differs only by punctuation; no email on QuickBooks side"},
		{"WordOrder", []Contact{{ID: 1, Name: "Margaret Ellison", Email: "m.ellison@example.com"}},
			customer("7", "Ellison, Margaret", "margaret@elsewhere.example"),
			"duplicate | 1: name differs only by word order; email differs"},
		{"SimilarName", []Contact{{ID: 1, Name: "Jonathan Pryce", Email: "jon.pryce@example.net"}},
			customer("7", "Jonathon Pryce", "jonathon.pryce@example.org"),
			"duplicate | 1: similar name (score 0.93); email differs"},
		{"SimilarOneWordName", []Contact{{ID: 1, Name: "Microsoftware"}},
			customer("7", "Micrsoftware", ""),
			"duplicate | 1: similar name (score 0.92); no email on either side"},
		{"AlongsideExactCandidates_RankedBelow", []Contact{
			{ID: 1, Name: "Jonathan Pryce", Email: "jon.pryce@example.net"},
			{ID: 2, Name: "Jonathon Pryce", Email: "jp@example.org"}},
			customer("7", "Jonathon Pryce", "jonathon.pryce@example.org"),
			"duplicate | 2: same name; email differs | 1: similar name (score 0.93); email differs"},
		{"NotAlongsideALink", []Contact{
			{ID: 1, Name: "Jonathan Pryce", Email: "jon.pryce@example.net"},
			{ID: 2, Name: "Jonathon Pryce", Email: "jonathon.pryce@example.org"}},
			customer("7", "Jonathon Pryce", "jonathon.pryce@example.org"),
			"link 2 | 2: same name; same email"},
	})
}

// A same-email candidate's name is explained by the closest relation it
// has to the customer's.
func TestDecide_SameEmail_SaysHowTheNameDiffers(t *testing.T) {
	contact := func(name string) []Contact { return []Contact{{ID: 1, Name: name, Email: "x@example.com"}} }
	runDecide(t, []decideTest{
		{"ByPunctuation", contact("Siobhan O'Brien"), customer("7", "Siobhan OBrien", "x@example.com"),
			"duplicate | 1: same email; name differs only by punctuation"},
		{"ByWordOrder", contact("Margaret Ellison"), customer("7", "Ellison, Margaret", "x@example.com"),
			"duplicate | 1: same email; name differs only by word order"},
		{"BySimilarName", contact("Jonathan Pryce"), customer("7", "Jonathon Pryce", "x@example.com"),
			"duplicate | 1: same email; similar name (score 0.93)"},
		{"Otherwise", contact("Harbour Lights Café"), customer("7", "Harbour Lights Hospitality LLC", "x@example.com"),
			"duplicate | 1: same email; name differs"},
	})
}
