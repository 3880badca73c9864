package sqlite_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
	"ledgerlink/internal/testkit"
)

// MustCreateContact stores c with the default type unless it names one.
func MustCreateContact(tb testing.TB, db *sqlite.DB, c *practice.Contact) *practice.Contact {
	tb.Helper()
	if c.TypeID == 0 {
		c.TypeID = 1
	}
	if err := sqlite.NewContactService(db).CreateContact(context.Background(), c); err != nil {
		tb.Fatal(err)
	}
	return c
}

func TestContactService_CreateAndFind(t *testing.T) {
	db := testkit.OpenDB(t)
	fixed := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	db.Now = func() time.Time { return fixed }
	s := sqlite.NewContactService(db)
	ctx := context.Background()

	in := &practice.Contact{
		Kind: practice.Organisation, Name: "Hopper & Co", Email: "office@hopper.example",
		Phones:          practice.Phones{Primary: "+1 555 0100", Mobile: "555 0101", Other: "555 0102", Fax: "555 0103"},
		PhysicalAddress: practice.Address{Lines: []string{"1 Main St", "Suite 2"}, City: "Arlington", Region: "VA", PostalCode: "22201", Country: "US"},
		MailingAddress:  practice.Address{Lines: []string{"PO Box 9"}, City: "Arlington", Region: "VA", PostalCode: "22210", Country: "US"},
		TypeID:          1,
	}
	if err := s.CreateContact(ctx, in); err != nil {
		t.Fatal(err)
	}
	if in.ID == 0 || !in.CreatedAt.Equal(fixed) || !in.UpdatedAt.Equal(fixed) || in.TypeName != "Client" {
		t.Fatalf("created contact = %+v", in)
	}
	got, err := s.FindContactByID(ctx, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, got); diff != "" {
		t.Fatalf("stored contact differs (-created +read):\n%s", diff)
	}
}

func TestContactService_OddNamesRoundTrip(t *testing.T) {
	db := testkit.OpenDB(t)
	s := sqlite.NewContactService(db)
	names := []string{
		`O'Brien "The Accountant" — Ltd; \ / % _`,
		"Zoë Ångström 🧾 株式会社",
		`100% \_under_score\`,
		strings.Repeat("Long name 📎 ", 200)[:2000],
	}
	for _, name := range names {
		c := MustCreateContact(t, db, &practice.Contact{Name: name})
		got, err := s.FindContactByID(context.Background(), c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != strings.TrimSpace(name) {
			t.Errorf("name did not round-trip:\n got %q\nwant %q", got.Name, name)
		}
	}
	// Search treats % and _ literally.
	list, total, err := s.FindContacts(context.Background(), practice.ContactFilter{Search: `100%`})
	if err != nil || total != 1 || list[0].Name != names[2] {
		t.Fatalf("search for a literal %%: total %d, err %v", total, err)
	}
}

func TestContactService_CreateInvalid(t *testing.T) {
	db := testkit.OpenDB(t)
	s := sqlite.NewContactService(db)
	err := s.CreateContact(context.Background(), &practice.Contact{Name: "Bad Email", Email: "not-an-email", TypeID: 1})
	if practice.ErrorFields(err)["email"] == "" {
		t.Fatalf("err = %v, want a message for the email field", err)
	}
	err = s.CreateContact(context.Background(), &practice.Contact{Name: "No Such Type", TypeID: 999})
	if practice.ErrorFields(err)["typeId"] == "" {
		t.Fatalf("err = %v, want a message for the type field", err)
	}
	if _, total, _ := s.FindContacts(context.Background(), practice.ContactFilter{}); total != 0 {
		t.Fatalf("an invalid contact was stored: %d contacts", total)
	}
}

func TestContactService_Update(t *testing.T) {
	db := testkit.OpenDB(t)
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	s := sqlite.NewContactService(db)
	ctx := context.Background()
	c := MustCreateContact(t, db, &practice.Contact{Name: "Before", Email: "before@example.com"})

	types := sqlite.NewContactTypeService(db)
	supplier := &practice.ContactType{Name: "Supplier"}
	if err := types.CreateContactType(ctx, supplier); err != nil {
		t.Fatal(err)
	}
	now = now.Add(time.Hour)
	c.Name, c.Email, c.TypeID = "After", "after@example.com", supplier.ID
	c.MailingAddress = practice.Address{Lines: []string{"2 High St"}, Country: "NZ"}
	if err := s.UpdateContact(ctx, c); err != nil {
		t.Fatal(err)
	}
	got, _ := s.FindContactByID(ctx, c.ID)
	if got.Name != "After" || got.Email != "after@example.com" || got.TypeName != "Supplier" || got.MailingAddress.Country != "NZ" {
		t.Fatalf("after update: %+v", got)
	}
	if !got.UpdatedAt.Equal(now) || got.CreatedAt.Equal(now) {
		t.Fatalf("times after update: created %v updated %v", got.CreatedAt, got.UpdatedAt)
	}

	if err := s.UpdateContact(ctx, &practice.Contact{ID: 12345, Name: "Ghost", TypeID: 1}); practice.ErrorCode(err) != practice.ENOTFOUND {
		t.Fatalf("update of a missing contact: %v", err)
	}
}

func TestContactService_Delete(t *testing.T) {
	db := testkit.OpenDB(t)
	s := sqlite.NewContactService(db)
	ctx := context.Background()
	c := MustCreateContact(t, db, &practice.Contact{Name: "Going Away"})
	if err := s.DeleteContact(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.FindContactByID(ctx, c.ID); practice.ErrorCode(err) != practice.ENOTFOUND {
		t.Fatalf("find after delete: %v", err)
	}
	if err := s.DeleteContact(ctx, c.ID); practice.ErrorCode(err) != practice.ENOTFOUND {
		t.Fatalf("second delete: %v", err)
	}
}

func TestContactService_SearchSortAndPage(t *testing.T) {
	db := testkit.OpenDB(t)
	s := sqlite.NewContactService(db)
	ctx := context.Background()
	for _, c := range []struct{ name, email string }{
		{"Émile Zola", "emile@zola.example"},
		{"ada lovelace", "ada@analytical.example"},
		{"Charles Babbage", "charles@analytical.example"},
		{"Bertha Benz", ""},
		{"Zoë Ångström", ""},
	} {
		MustCreateContact(t, db, &practice.Contact{Name: c.name, Email: c.email})
	}

	names := func(list []*practice.Contact) []string {
		var out []string
		for _, c := range list {
			out = append(out, c.Name)
		}
		return out
	}
	tests := []struct {
		filter practice.ContactFilter
		want   []string
		total  int
	}{
		{practice.ContactFilter{}, []string{"ada lovelace", "Bertha Benz", "Charles Babbage", "Émile Zola", "Zoë Ångström"}, 5},
		{practice.ContactFilter{Desc: true}, []string{"Zoë Ångström", "Émile Zola", "Charles Babbage", "Bertha Benz", "ada lovelace"}, 5},
		{practice.ContactFilter{Search: "ANALYTICAL"}, []string{"ada lovelace", "Charles Babbage"}, 2},
		{practice.ContactFilter{Search: "émile"}, []string{"Émile Zola"}, 1},
		{practice.ContactFilter{Search: "EMILE"}, []string{"Émile Zola"}, 1},
		{practice.ContactFilter{Search: "angstrom"}, []string{"Zoë Ångström"}, 1},
		{practice.ContactFilter{Search: "analytical char"}, []string{"Charles Babbage"}, 1},
		{practice.ContactFilter{Search: "nobody"}, nil, 0},
		{practice.ContactFilter{Search: "zo"}, []string{"Émile Zola", "Zoë Ångström"}, 2},
		{practice.ContactFilter{Search: "ada @"}, []string{"ada lovelace"}, 1},
		{practice.ContactFilter{Sort: practice.SortByEmail}, []string{"ada lovelace", "Charles Babbage", "Émile Zola", "Bertha Benz", "Zoë Ångström"}, 5},
		{practice.ContactFilter{Sort: practice.SortByEmail, Desc: true}, []string{"Zoë Ångström", "Bertha Benz", "Émile Zola", "Charles Babbage", "ada lovelace"}, 5},
		{practice.ContactFilter{Offset: 1, Limit: 2}, []string{"Bertha Benz", "Charles Babbage"}, 5},
		{practice.ContactFilter{Offset: 10}, nil, 5},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%+v", tt.filter), func(t *testing.T) {
			list, total, err := s.FindContacts(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if total != tt.total {
				t.Errorf("total = %d, want %d", total, tt.total)
			}
			if diff := cmp.Diff(tt.want, names(list)); diff != "" {
				t.Errorf("names (-want +got):\n%s", diff)
			}
		})
	}
}

func TestContactTypeService_DuplicateNameRefused(t *testing.T) {
	db := testkit.OpenDB(t)
	s := sqlite.NewContactTypeService(db)
	err := s.CreateContactType(context.Background(), &practice.ContactType{Name: "client"})
	if practice.ErrorCode(err) != practice.ECONFLICT || practice.ErrorFields(err)["name"] == "" {
		t.Fatalf("a second 'Client' type (different case): %v", err)
	}
	if err := s.CreateContactType(context.Background(), &practice.ContactType{Name: "Client - QuickBooks"}); err != nil {
		t.Fatal(err)
	}
	types, _ := s.FindContactTypes(context.Background())
	if len(types) != 2 || types[1].Name != "Client - QuickBooks" || types[1].IsDefault {
		t.Fatalf("types = %+v", types)
	}
}

func TestContactService_CreateContacts_AllOrNothing(t *testing.T) {
	db := testkit.OpenDB(t)
	s := sqlite.NewContactService(db)
	ctx := context.Background()
	batch := []*practice.Contact{
		{Name: "First", TypeID: 1},
		{Name: "Second", Email: "broken", TypeID: 1},
		{Name: "Third", TypeID: 1},
	}
	err := s.CreateContacts(ctx, batch)
	if practice.ErrorFields(err)["email"] == "" || !strings.Contains(practice.ErrorMessage(err), "Contact 2 of 3") {
		t.Fatalf("err = %v, want the second contact named with its email problem", err)
	}
	if _, total, _ := s.FindContacts(ctx, practice.ContactFilter{}); total != 0 {
		t.Fatalf("%d contacts stored from a batch with a bad row, want none", total)
	}

	batch[1].Email = "second@example.com"
	if err := s.CreateContacts(ctx, batch); err != nil {
		t.Fatal(err)
	}
	if _, total, _ := s.FindContacts(ctx, practice.ContactFilter{}); total != 3 {
		t.Fatalf("%d contacts stored, want 3", total)
	}
}

func TestContactService_SearchFollowsEditsAndDeletes(t *testing.T) {
	db := testkit.OpenDB(t)
	s := sqlite.NewContactService(db)
	ctx := context.Background()
	count := func(search string) int {
		t.Helper()
		_, n, err := s.FindContacts(ctx, practice.ContactFilter{Search: search})
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
	c := MustCreateContact(t, db, &practice.Contact{Name: "Margaret Hamilton", Email: "mh@apollo.example"})
	if count("hamilton") != 1 || count("apollo") != 1 {
		t.Fatal("a new contact is not found by name and email")
	}
	c.Name, c.Email = "Margaret Heafield", "margaret@mit.example"
	if err := s.UpdateContact(ctx, c); err != nil {
		t.Fatal(err)
	}
	if count("hamilton") != 0 || count("apollo") != 0 || count("heafield") != 1 || count("mit.example") != 1 {
		t.Fatal("search still finds the old name or misses the new one after an edit")
	}
	if err := s.DeleteContact(ctx, c.ID); err != nil {
		t.Fatal(err)
	}
	if count("heafield") != 0 {
		t.Fatal("a deleted contact is still found")
	}
}
