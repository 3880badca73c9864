package match

import (
	"encoding/json"
	"math"
	"slices"
	"testing"
)

func TestDecide_Suggestions_RankedByEvidenceThenScoreThenID(t *testing.T) {
	contacts := []Contact{
		{ID: 1, Name: "Wei Chen", Email: "a@example.com"},            // same name, email differs
		{ID: 2, Name: "Chen Family Trust", Email: "wei@example.com"}, // same email, name differs
		{ID: 3, Name: "Wei-Chen", Email: "wei@example.com"},          // same email, name by punctuation
		{ID: 4, Name: "Wei Chan"},                                    // similar name
		{ID: 5, Name: "WeiChen"},                                     // near by punctuation
		{ID: 6, Name: "Wei Chen"},                                    // same name, no email on the contact
		{ID: 7, Name: "Wei Chen", Email: "b@example.com"},            // same name, email differs
		{ID: 8, Name: "Chen, Wei", Email: "c@example.com"},           // near by word order
	}
	d := NewIndex(contacts).Decide(customer("9", "Wei Chen", "wei@example.com"))
	if d.Outcome != Duplicate {
		t.Fatalf("outcome %s, want duplicate", d.Outcome)
	}
	var order []int64
	var scores []float64
	for _, s := range d.Suggestions {
		order = append(order, s.ContactID)
		scores = append(scores, s.Score)
	}
	if want := []int64{3, 2, 6, 1, 7, 5, 8, 4}; !slices.Equal(order, want) {
		t.Errorf("order %v, want %v", order, want)
	}
	want := []float64{0.95, 0.80, 0.70, 0.65, 0.65, 0.55, 0.50, 0.4375}
	for i := range scores {
		if i < len(want) && math.Abs(scores[i]-want[i]) > 1e-9 {
			t.Errorf("score of %d = %v, want %v", order[i], scores[i], want[i])
		}
	}
}

func TestDecide_ExactOnBoth_ScoresOne(t *testing.T) {
	d := NewIndex([]Contact{{ID: 1, Name: "Aroha Whitfield", Email: "a@example.com"}}).
		Decide(customer("9", "Aroha Whitfield", "a@example.com"))
	if len(d.Suggestions) != 1 || d.Suggestions[0].Score != 1 {
		t.Errorf("suggestions %+v, want one scoring 1", d.Suggestions)
	}
}

func TestSuggestion_SummaryJoinsReasonTexts(t *testing.T) {
	d := NewIndex([]Contact{{ID: 1, Name: "Greenway Landscaping", Email: "o@g.example", LinkedTo: "58"}}).
		Decide(customer("59", "Greenway Garden Services", "o@g.example"))
	s := d.Suggestions[0]
	wantCodes := []string{CodeSameEmail, CodeNameDiffers, CodeAlreadyLinked}
	var codes []string
	for _, r := range s.Reasons {
		codes = append(codes, r.Code)
	}
	if !slices.Equal(codes, wantCodes) {
		t.Errorf("codes %v, want %v", codes, wantCodes)
	}
	if want := "same email; name differs; already linked to QuickBooks customer 58"; s.Summary != want {
		t.Errorf("summary %q, want %q", s.Summary, want)
	}
}

// The Resolve Duplicates screen reads suggestions as JSON; these are the
// names it reads.
func TestSuggestion_JSONFieldNames(t *testing.T) {
	b, err := json.Marshal(Suggestion{ContactID: 3, Score: 0.5, Reasons: []Reason{reasonSameEmail}, Summary: "same email"})
	if err != nil {
		t.Fatal(err)
	}
	want := `{"contactId":3,"score":0.5,"reasons":[{"code":"same_email","text":"same email"}],"summary":"same email"}`
	if string(b) != want {
		t.Errorf("JSON %s, want %s", b, want)
	}
}
