package demo

import "ledgerlink/backend/qbo/sandbox/democompany"

// Case names a matching situation that a demo customer was written to
// exercise against LocalContacts. Ordinary customers have no Case. The
// customers carry it as a label (democompany.Case); the names and their
// meaning are this package's.
type Case = democompany.Case

// The matching situations. Each is documented, with what FEATURES 6, 12
// and 16 lead one to expect, by Cases.
const (
	CaseExactMatch         Case = "exact-match"
	CaseNoMatch            Case = "no-match"
	CaseSameEmailOtherName Case = "same-email-other-name"
	CaseSameNameOtherEmail Case = "same-name-other-email"
	CaseNameCase           Case = "name-differs-by-case"
	CaseNamePunctuation    Case = "name-differs-by-punctuation"
	CaseNameWordOrder      Case = "name-differs-by-word-order"
	CaseNameWhitespace     Case = "name-differs-by-whitespace"
	CaseSimilarName        Case = "similar-name"
	CaseSeveralCandidates  Case = "several-candidates"
	CaseSplitCandidates    Case = "name-and-email-point-apart"
	CaseCompetingCustomers Case = "competing-customers"
	CaseCustomerMultiEmail Case = "customer-several-emails"
	CaseContactMultiEmail  Case = "contact-several-emails"
	CaseEmailCase          Case = "email-differs-by-case"
	CaseCustomerNoEmail    Case = "customer-without-email"
	CaseContactNoEmail     Case = "contact-without-email"
	CaseNoEmailEitherSide  Case = "no-email-either-side"
	CaseSubCustomer        Case = "sub-customer"
	CaseInactive           Case = "inactive"
	CaseApostrophe         Case = "apostrophe"
	CaseUnicode            Case = "unicode"
	CaseUnicodeNormalForm  Case = "unicode-normal-form"
	CaseLongName           Case = "long-name"
)

// CaseInfo documents one matching situation: what the data sets up and
// what the rules lead one to expect of a sync. Expect is the reading of
// FEATURES.md the data was written for; the matching code decides, and its
// tests say so.
type CaseInfo struct {
	Case    Case
	Summary string // the situation, in the accountant's terms
	Expect  string // what Sync Now should do with it
}

// Cases returns every matching situation the demo data covers, in a fixed
// order. Each has at least one customer in Customers.
func Cases() []CaseInfo {
	return []CaseInfo{
		{CaseExactMatch, "Name and email are exactly those of one local contact.",
			"Linked automatically."},
		{CaseNoMatch, "Neither the name nor the email is anywhere in the firm's contacts.",
			"A new local contact of the import contact type is created."},
		{CaseSameEmailOtherName, "The email is a local contact's; the name is quite different (a trading name).",
			"Listed as a duplicate: one candidate, because of the email."},
		{CaseSameNameOtherEmail, "The name is a local contact's; the email is another.",
			"Listed as a duplicate: one candidate, because of the name."},
		{CaseNameCase, "Same email as a local contact; the name differs only in letter case (PETRA NOVAK).",
			"Linked: names are compared after case folding, and the reasons note 'name differs only by case'."},
		{CaseNamePunctuation, "No email; the name differs from a local contact's only by an apostrophe (OBrien).",
			"No exact rule fires; the near match (punctuation) sends it to Resolve Duplicates instead of creating a second contact."},
		{CaseNameWordOrder, "Same email as a local contact; the name is written family name first (Ellison, Margaret).",
			"Linked: a person's name comes from the given and family names, so it is the contact's; the display name's order does not matter."},
		{CaseNameWhitespace, "Another email; the name differs from a local contact's only by a doubled space.",
			"Spaces are collapsed, so the name is the contact's; the emails differ: a duplicate by name."},
		{CaseSimilarName, "Another email; the name is a local contact's with a one-letter typo (Jonathon).",
			"No exact rule fires; the similar name (with its score) sends it to Resolve Duplicates, ranked below exact reasons."},
		{CaseSeveralCandidates, "The name belongs to two local contacts (the firm has two Daniel Morgans); the email to neither.",
			"A duplicate with two candidates; nothing is linked by guesswork."},
		{CaseSplitCandidates, "The name is one local contact's and the email another's.",
			"A duplicate with two candidates, each with its own reason."},
		{CaseCompetingCustomers, "Two customers point at one local contact: one by name and email, the other by email only.",
			"The first links automatically; the second is a duplicate whose candidate is already linked."},
		{CaseCustomerMultiEmail, "Exact name; the customer's email field holds two addresses separated by a comma, one of them the contact's.",
			"Linked automatically: one of the addresses matches exactly."},
		{CaseContactMultiEmail, "Exact name; the local contact holds two addresses and the customer's is the second.",
			"Linked automatically."},
		{CaseEmailCase, "Exact name; the email differs only in letter case.",
			"Mail systems treat addresses without regard to case, so this should link like an exact match."},
		{CaseCustomerNoEmail, "Exact name; the customer has no email, the local contact has one.",
			"Only the name can match: a duplicate by name (an absent email is no evidence either way)."},
		{CaseContactNoEmail, "Exact name; the local contact has no email, the customer has one.",
			"Only the name can match: a duplicate by name; linking would add the email locally."},
		{CaseNoEmailEitherSide, "Exact name; neither side has an email.",
			"Two empty emails must not count as a match: a duplicate by name."},
		{CaseSubCustomer, "Sub-customers (jobs) of a customer that matches a local organisation; one shares the parent's email.",
			"Handled by the sub-customer setting, not silently skipped; by email alone a job would look like its parent."},
		{CaseInactive, "Inactive customers: one whose name and email match a local contact, one with no local counterpart.",
			"Handled by the inactive-customer setting, not silently skipped."},
		{CaseApostrophe, "Names with an apostrophe, one matching a local contact exactly.",
			"Matched like any name; a query for the name must escape the quote (D\\'Arcy)."},
		{CaseUnicode, "Names with letters beyond ASCII, one matching a local contact exactly.",
			"Matched like any name."},
		{CaseUnicodeNormalForm, "Same email; the name looks identical but is written with combining accents (NFD) where the contact's is NFC.",
			"Should count as the same name once both are normalised; a byte comparison would miss it."},
		{CaseLongName, "A very long display name (within QBO's limit) matching a local contact exactly.",
			"Linked automatically; screens must cope with the length."},
	}
}
