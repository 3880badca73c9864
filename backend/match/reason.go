package match

import (
	"fmt"
	"strings"
)

// Reason is one piece of evidence for or against a candidate: a machine
// code the UI and tests can rely on, and a plain English sentence fragment
// the accountant reads (FEATURES 12: every duplicate shows why).
type Reason struct {
	Code string `json:"code"`
	Text string `json:"text"`
}

// The reason codes. Texts may be reworded; codes are kept stable for
// whatever stores or translates them.
const (
	// Evidence: what matches.
	CodeSameName  = "same_name"
	CodeSameEmail = "same_email"

	// How the name differs. Case and spacing are folded by Key, so these
	// two accompany a same-name match; the others replace it.
	CodeNameDiffersByCase        = "name_differs_by_case"
	CodeNameDiffersBySpacing     = "name_differs_by_spacing"
	CodeNameDiffersByPunctuation = "name_differs_by_punctuation"
	CodeNameDiffersByWordOrder   = "name_differs_by_word_order"
	CodeSimilarName              = "similar_name"
	CodeNameDiffers              = "name_differs"

	// How the email differs.
	CodeEmailDiffersByCase = "email_differs_by_case"
	CodeEmailDiffers       = "email_differs"
	CodeNoEmail            = "no_email"

	// What stands in the way of linking, or makes a link certain.
	CodeAlreadyLinked        = "already_linked"
	CodeLinkedToThisCustomer = "linked_to_this_customer"
	CodeMatchRemoved         = "match_removed"
)

var (
	reasonSameName           = Reason{CodeSameName, "same name"}
	reasonSameEmail          = Reason{CodeSameEmail, "same email"}
	reasonNameCase           = Reason{CodeNameDiffersByCase, "name differs only by case"}
	reasonNameSpacing        = Reason{CodeNameDiffersBySpacing, "name differs only by spacing"}
	reasonNamePunctuation    = Reason{CodeNameDiffersByPunctuation, "name differs only by punctuation"}
	reasonNameWordOrder      = Reason{CodeNameDiffersByWordOrder, "name differs only by word order"}
	reasonNameDiffers        = Reason{CodeNameDiffers, "name differs"}
	reasonEmailCase          = Reason{CodeEmailDiffersByCase, "email differs only by case"}
	reasonEmailDiffers       = Reason{CodeEmailDiffers, "email differs"}
	reasonNoEmailCustomer    = Reason{CodeNoEmail, "no email on QuickBooks side"}
	reasonNoEmailContact     = Reason{CodeNoEmail, "no email on the contact"}
	reasonNoEmailEither      = Reason{CodeNoEmail, "no email on either side"}
	reasonLinkedHere         = Reason{CodeLinkedToThisCustomer, "already linked to this QuickBooks customer"}
	reasonMatchRemoved       = Reason{CodeMatchRemoved, "match removed"}
	reasonSimilarNamePattern = "similar name (score %.2f)"
)

// similarName says how similar two names are, with the score shown to two
// places.
func similarName(score float64) Reason {
	return Reason{CodeSimilarName, fmt.Sprintf(reasonSimilarNamePattern, score)}
}

// alreadyLinked names the other customer a candidate is linked to, so the
// accountant can go and look at it.
func alreadyLinked(customerID string) Reason {
	return Reason{CodeAlreadyLinked, "already linked to QuickBooks customer " + customerID}
}

// summary joins the reasons' texts for a person: "same email; name differs".
func summary(rs []Reason) string {
	texts := make([]string, len(rs))
	for i, r := range rs {
		texts[i] = r.Text
	}
	return strings.Join(texts, "; ")
}
