package match

import "testing"

func TestIndex_ContactCreatedFromOneCustomer_IsFoundByTheNext(t *testing.T) {
	ix := NewIndex(nil)
	if d := ix.Decide(customer("1", "Bluegum Bakery", "orders@bluegum.example")); d.Outcome != Create {
		t.Fatalf("first customer: %s, want create", brief(d))
	}
	ix.Add(Contact{ID: 10, Name: "Bluegum Bakery", Email: "orders@bluegum.example", LinkedTo: "1"})
	if got, want := brief(ix.Decide(customer("2", "Bluegum Bakery Ltd", "orders@bluegum.example"))),
		"duplicate | 10: same email; name differs; already linked to QuickBooks customer 1"; got != want {
		t.Errorf("second customer:\n got  %s\n want %s", got, want)
	}
}

func TestIndex_SetLinked_CountsAsAlreadyLinkedForOthers(t *testing.T) {
	ix := NewIndex([]Contact{{ID: 1, Name: "Greenway Landscaping", Email: "office@greenway.example"}})
	a := customer("58", "Greenway Landscaping", "office@greenway.example")
	if d := ix.Decide(a); d.Outcome != Link || d.ContactID != 1 {
		t.Fatalf("first customer: %s, want link 1", brief(d))
	}
	ix.SetLinked(1, "58")
	if got, want := brief(ix.Decide(customer("59", "Greenway Landscaping", "office@greenway.example"))),
		"duplicate | 1: same name; same email; already linked to QuickBooks customer 58"; got != want {
		t.Errorf("competing customer:\n got  %s\n want %s", got, want)
	}
	if d := ix.Decide(a); d.Outcome != Link || d.ContactID != 1 {
		t.Errorf("the linked customer again: %s, want link 1", brief(d))
	}
}

func TestIndex_SetLinkedEmpty_FreesTheContact(t *testing.T) {
	ix := NewIndex([]Contact{{ID: 1, Name: "Aroha Whitfield", Email: "a@example.com", LinkedTo: "58"}})
	ix.SetLinked(1, "")
	if d := ix.Decide(customer("59", "Aroha Whitfield", "a@example.com")); d.Outcome != Link || d.ContactID != 1 {
		t.Errorf("after unlinking: %s, want link 1", brief(d))
	}
	if d := ix.Decide(customer("58", "Someone Else Entirely", "")); d.Outcome != Create {
		t.Errorf("the former customer: %s, want create (no longer linked)", brief(d))
	}
}

func TestIndex_Remove_ForgetsEveryKey(t *testing.T) {
	ix := NewIndex([]Contact{{ID: 1, Name: "Jonathan Pryce", Email: "jon@example.net", LinkedTo: "5"}})
	ix.Remove(1)
	ix.Remove(99) // unknown: ignored
	for _, c := range []Customer{
		customer("5", "Someone Else Entirely", ""),                // by link
		customer("6", "Jonathan Pryce", ""),                       // by name
		customer("7", "Someone Else Entirely", "jon@example.net"), // by email
		customer("8", "Jonathon Pryce", ""),                       // by similarity
		customer("9", "Pryce, Jonathan", ""),                      // by word order
	} {
		if d := ix.Decide(c); d.Outcome != Create {
			t.Errorf("%v after Remove: %s, want create", c.Names, brief(d))
		}
	}
	if ix.Len() != 0 {
		t.Errorf("Len %d after Remove, want 0", ix.Len())
	}
}

func TestIndex_AddSameID_ReplacesTheContact(t *testing.T) {
	ix := NewIndex([]Contact{{ID: 1, Name: "Old Name", Email: "old@example.com"}})
	ix.Add(Contact{ID: 1, Name: "New Name Ltd", Email: "new@example.com"})
	if d := ix.Decide(customer("5", "Old Name", "old@example.com")); d.Outcome != Create {
		t.Errorf("old name and email: %s, want create", brief(d))
	}
	if d := ix.Decide(customer("5", "New Name Ltd", "new@example.com")); d.Outcome != Link || d.ContactID != 1 {
		t.Errorf("new name and email: %s, want link 1", brief(d))
	}
	if ix.Len() != 1 {
		t.Errorf("Len %d, want 1", ix.Len())
	}
}

func TestIndex_CommonWords_DoNotHideExactMatches(t *testing.T) {
	// Past blockLimit a word is not used for similarity, but exact rules
	// are map look-ups and never capped.
	var cs []Contact
	for i := range 3 * blockLimit {
		cs = append(cs, Contact{ID: int64(i + 1), Name: "Smith Holdings", Email: ""})
	}
	d := NewIndex(cs).Decide(customer("5", "Smith Holdings", ""))
	if d.Outcome != Duplicate || len(d.Suggestions) != 3*blockLimit {
		t.Errorf("got %s with %d suggestions, want duplicate with %d", d.Outcome, len(d.Suggestions), 3*blockLimit)
	}
}

func TestDecide_NearMatch_FoundThroughARareWordAmongMany(t *testing.T) {
	// "Holdings" is in more than blockLimit names and is not searched; the
	// rarer "Pryce" still leads to the contact a typo away.
	var cs []Contact
	for i := range 3 * blockLimit {
		cs = append(cs, Contact{ID: int64(i + 1), Name: string(rune('a'+i%26)) + string(rune('a'+i/26)) + "zq Holdings"})
	}
	cs = append(cs, Contact{ID: 999, Name: "Jonathan Pryce Holdings"})
	got := brief(NewIndex(cs).Decide(customer("5", "Jonathon Pryce Holdings", "")))
	if want := "duplicate | 999: similar name (score 0.96); no email on either side"; got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}
