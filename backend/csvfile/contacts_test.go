package csvfile_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ledgerlink/backend/csvfile"
	"ledgerlink/backend/practice"
	"ledgerlink/internal/fixture"
)

// oddContacts are contacts whose every field tries a spreadsheet or a CSV
// reader: formula characters, quotes, commas, line breaks, accents, a
// name at the length limit.
func oddContacts() []*practice.Contact {
	return []*practice.Contact{
		{Kind: practice.Person, Name: "Siobhán O'Brien", Email: "siobhan@example.ie, accounts@example.ie",
			Phones:          practice.Phones{Primary: "+64 9 555 0142", Mobile: "-021 555 0199", Other: "@5550100", Fax: "=555 0101"},
			PhysicalAddress: practice.Address{Lines: []string{"Level 3", "12 Queen's Road", "Unit \"B\", rear"}, City: "-", Region: "Tāmaki Makaurau", PostalCode: "1010", Country: "NZ"},
			MailingAddress:  practice.Address{Lines: []string{"PO Box 9"}, City: "Auckland", PostalCode: "+1011", Country: "New Zealand"}},
		{Kind: practice.Organisation, Name: "=SUM(A1)"},
		{Kind: practice.Person, Name: "'quoted"},
		{Kind: practice.Person, Name: "+Plus -Minus @At"},
		{Kind: practice.Organisation, Name: `Smith, "Bob" & Co`},
		{Kind: practice.Person, Name: "Zoë Ångström-Nguyễn 张伟 محمد 🦉"},
		{Kind: practice.Person, Name: strings.Repeat("Ā", practice.MaxContactName)},
	}
}

func TestExportImport_UnchangedExport_ChangesNothingAndKeepsUpdatedAt(t *testing.T) {
	s := newStore(t)
	s.MustCreate(t, oddContacts()...)
	before := s.All(t)
	text := s.MustExport(t)

	res := s.MustImport(t, text)
	if want := (csvfile.ImportResult{Unchanged: len(before)}); res != want {
		t.Fatalf("re-import = %+v, want %+v", res, want)
	}
	if diff := cmp.Diff(before, s.All(t)); diff != "" {
		t.Fatalf("contacts changed (-before +after):\n%s", diff)
	}
	if again := s.MustExport(t); again != text {
		t.Fatalf("second export differs from the first:\n%s\n---\n%s", text, again)
	}
}

func TestExport_HeaderAndFormulaSafeCells(t *testing.T) {
	s := newStore(t)
	s.MustCreate(t, oddContacts()[:2]...)
	text := s.MustExport(t)
	header := "\ufeffid,kind,name,email,phone_primary,phone_mobile,phone_other,phone_fax," +
		"physical_lines,physical_city,physical_region,physical_postal_code,physical_country," +
		"mailing_lines,mailing_city,mailing_region,mailing_postal_code,mailing_country,contact_type\n"
	if !strings.HasPrefix(text, header) {
		t.Fatalf("export starts:\n%q\nwant header:\n%q", text[:min(len(text), len(header))], header)
	}
	for _, cell := range []string{",'+64 9 555 0142,", ",'-021 555 0199,", ",'@5550100,", ",'=555 0101,", ",'-,", ",'=SUM(A1),",
		"\"Level 3\n12 Queen's Road\nUnit \"\"B\"\", rear\"", ",Client\n"} {
		if !strings.Contains(text, cell) {
			t.Errorf("export lacks %q:\n%s", cell, text)
		}
	}
}

func TestImportContacts_HeaderSubsetInAnyOrder(t *testing.T) {
	tests := []struct {
		name string
		file string
		want practice.Contact // the new contact, as stored
	}{
		{"NameOnly_DefaultKindAndType", "name\nAda Lovelace\n",
			practice.Contact{Kind: practice.Person, Name: "Ada Lovelace", TypeName: "Client"}},
		{"TypeNamedInAnyCase", "contact_type,email,name\nsUPPLIER,grace@example.com,Grace Hopper\n",
			practice.Contact{Kind: practice.Person, Name: "Grace Hopper", Email: "grace@example.com", TypeName: "Supplier"}},
		{"UpperCaseHeaderAndKind", "KIND, Name ,Mailing_Lines,mailing_city\nOrganisation,Hopper & Co,\"1 Main St\nSuite 2\",Leeds\n",
			practice.Contact{Kind: practice.Organisation, Name: "Hopper & Co", TypeName: "Client",
				MailingAddress: practice.Address{Lines: []string{"1 Main St", "Suite 2"}, City: "Leeds"}}},
		{"EmptyIdCreates", "id,name,phone_mobile\n,Alan Turing,'+44 20 7946 0000\n",
			practice.Contact{Kind: practice.Person, Name: "Alan Turing", Phones: practice.Phones{Mobile: "+44 20 7946 0000"}, TypeName: "Client"}},
		{"TypedInASpreadsheetWithoutQuote", "phone_primary,name\n+1 555 0100,Katherine Johnson\n",
			practice.Contact{Kind: practice.Person, Name: "Katherine Johnson", Phones: practice.Phones{Primary: "+1 555 0100"}, TypeName: "Client"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			s.MustCreateType(t, "Supplier")
			if res := s.MustImport(t, tt.file); res != (csvfile.ImportResult{Created: 1}) {
				t.Fatalf("import = %+v, want one created", res)
			}
			all := s.All(t)
			if len(all) != 1 {
				t.Fatalf("%d contacts stored, want 1", len(all))
			}
			got := *all[0]
			got.ID, got.TypeID, got.CreatedAt, got.UpdatedAt = 0, 0, time.Time{}, time.Time{}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Fatalf("stored contact (-want +got):\n%s", diff)
			}
		})
	}
}

func TestImportContacts_RowWithID_UpdatesOnlyColumnsInFile(t *testing.T) {
	s := newStore(t)
	c := s.MustCreate(t, oddContacts()[0])[0]
	want := s.MustGet(t, c.ID)

	res := s.MustImport(t, fmt.Sprintf("physical_city,id,email\nWellington,%d,\n", c.ID))
	if res != (csvfile.ImportResult{Updated: 1}) {
		t.Fatalf("import = %+v, want one updated", res)
	}
	got := s.MustGet(t, c.ID)
	want.PhysicalAddress.City, want.Email, want.UpdatedAt = "Wellington", "", s.clock.Now()
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("contact (-want +got):\n%s", diff)
	}
}

func TestImportContacts_EmptyKindOrTypeCell_KeepsTheContacts(t *testing.T) {
	s := newStore(t)
	supplier := s.MustCreateType(t, "Supplier")
	c := s.MustCreate(t, &practice.Contact{Kind: practice.Organisation, Name: "Hopper & Co", TypeID: supplier.ID})[0]

	res := s.MustImport(t, fmt.Sprintf("id,kind,name,contact_type\n%d,,Hopper & Co,\n", c.ID))
	if res != (csvfile.ImportResult{Unchanged: 1}) {
		t.Fatalf("import = %+v, want it unchanged", res)
	}
	if got := s.MustGet(t, c.ID); got.Kind != practice.Organisation || got.TypeID != supplier.ID {
		t.Fatalf("contact became %s of type %q", got.Kind, got.TypeName)
	}
}

func TestImportContacts_NewType_IsAnUpdateThroughTheStore(t *testing.T) {
	s := newStore(t)
	s.MustCreateType(t, "Client - QuickBooks")
	list := s.MustCreate(t, &practice.Contact{Name: "Ada"}, &practice.Contact{Name: "Grace"})
	created := list[0].UpdatedAt

	text := strings.Replace(s.MustExport(t), ",Client\n", ",client - quickbooks\n", 1)
	res := s.MustImport(t, text)
	if res != (csvfile.ImportResult{Updated: 1, Unchanged: 1}) {
		t.Fatalf("import = %+v, want one updated and one unchanged", res)
	}
	ada, grace := s.MustGet(t, list[0].ID), s.MustGet(t, list[1].ID)
	if ada.TypeName != "Client - QuickBooks" || !ada.UpdatedAt.Equal(s.clock.Now()) {
		t.Fatalf("Ada is %q, updated %v; want the new type, updated now (%v)", ada.TypeName, ada.UpdatedAt, s.clock.Now())
	}
	if grace.TypeName != "Client" || !grace.UpdatedAt.Equal(created) {
		t.Fatalf("Grace is %q, updated %v; want untouched", grace.TypeName, grace.UpdatedAt)
	}
}

func TestImportContacts_BadRow_NothingApplied(t *testing.T) {
	s := newStore(t)
	ada := s.MustCreate(t, &practice.Contact{Name: "Ada", Email: "ada@example.com"})[0]
	before := s.All(t)

	file := "id,name,email,phone_primary,contact_type,kind\n" + // row 1
		fmt.Sprintf("%d,Ada Lovelace,ada@example.com,,,\n", ada.ID) + // row 2: good
		",Grace,not-an-email,,,\n" + // row 3
		",Alan,,,Partner,\n" + // row 4
		"999,Gone,,,,\n" + // row 5
		"abc,Nobody,,,,\n" + // row 6
		fmt.Sprintf("%d,Ada again,,,,\n", ada.ID) + // row 7
		",,,,,\n" + // row 8: blank, skipped
		",,x@example.com,,,\n" + // row 9
		",Katherine,,no digits,,robot\n" + // row 10
		",Two: parts,,,,\n" // row 11
	_, err := s.Import(file)
	fe := mustFileError(t, err)
	want := []csvfile.RowError{
		{3, "email", `"not-an-email" is not an email address (expected something like name@example.com).`},
		{4, "contact_type", `There is no contact type named "Partner". The types are "Client".`},
		{5, "id", "No contact has id 999; it may have been deleted. Leave the id empty to add it as a new contact."},
		{6, "id", `"abc" is not a contact's id (a whole number from an export). Leave it empty to add a new contact.`},
		{7, "id", fmt.Sprintf("The contact with id %d is already on row 2; a file may change a contact only once.", ada.ID)},
		{9, "name", "Name is required."},
		{10, "kind", "Choose person or organisation."},
		{10, "phone_primary", "A phone number needs at least one digit."},
		{11, "name", "Name cannot contain a colon, a tab or a line break: QuickBooks does not allow them in names."},
	}
	if diff := cmp.Diff(want, fe.Rows); diff != "" {
		t.Fatalf("problems (-want +got):\n%s", diff)
	}
	if fe.Err.Message != "8 rows could not be imported; nothing was changed." {
		t.Fatalf("message = %q", fe.Err.Message)
	}
	if diff := cmp.Diff(before, s.All(t)); diff != "" {
		t.Fatalf("contacts changed although the file was refused (-before +after):\n%s", diff)
	}
}

func TestImportContacts_UnknownColumn_NothingApplied(t *testing.T) {
	s := newStore(t)
	_, err := s.Import("name,telephone\nAda,555\n")
	fe := mustFileError(t, err)
	if len(fe.Rows) != 1 || fe.Rows[0].Row != 1 || fe.Rows[0].Column != "telephone" ||
		!strings.Contains(fe.Rows[0].Problem, "phone_primary") {
		t.Fatalf("problems = %+v, want row 1 naming the column and the known ones", fe.Rows)
	}
	if n := len(s.All(t)); n != 0 {
		t.Fatalf("%d contacts stored, want none", n)
	}
}

func TestImportContacts_ByteOrderMarkAndCRLF_Accepted(t *testing.T) {
	s := newStore(t)
	res := s.MustImport(t, "\ufeffname,email\r\nAda,ada@example.com\r\n")
	if res != (csvfile.ImportResult{Created: 1}) {
		t.Fatalf("import = %+v", res)
	}
	if got := s.All(t)[0]; got.Name != "Ada" || got.Email != "ada@example.com" {
		t.Fatalf("stored %q <%s>", got.Name, got.Email)
	}
}

func TestImportContacts_OddNames_RoundTripAsNewContacts(t *testing.T) {
	src := newStore(t)
	src.MustCreate(t, oddContacts()...)
	want := src.All(t)
	// Without the id column the rows are new contacts of another database.
	var kept []string
	for _, c := range csvfile.ContactColumns {
		if c != "id" {
			kept = append(kept, c)
		}
	}
	text := keepColumns(t, src.MustExport(t), kept)
	dst := newStore(t)
	if res := dst.MustImport(t, text); res.Created != len(want) {
		t.Fatalf("import = %+v, want %d created", res, len(want))
	}
	got := dst.All(t)
	ignore := cmp.FilterPath(func(p cmp.Path) bool {
		f := p.Last().String()
		return f == ".ID" || f == ".CreatedAt" || f == ".UpdatedAt"
	}, cmp.Ignore())
	if diff := cmp.Diff(want, got, ignore); diff != "" {
		t.Fatalf("contacts differ (-exported +imported):\n%s", diff)
	}
}

// keepColumns rewrites a file with only the named columns, through the
// package's own reader and writer.
func keepColumns(t *testing.T, text string, cols []string) string {
	t.Helper()
	rd, err := csvfile.NewReader(strings.NewReader(text), csvfile.ContactColumns)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	w := csvfile.NewWriter(&b)
	w.Write(cols)
	for rec := range rd.Records() {
		row := make([]string, len(cols))
		for i, c := range cols {
			row[i], _ = rec.Get(c)
		}
		w.Write(row)
	}
	if err := rd.Err(); err != nil {
		t.Fatal(err)
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestExportImport_TenThousandContacts_ReadBackUnchanged(t *testing.T) {
	if testing.Short() {
		t.Skip("stores 10,000 contacts")
	}
	s := newStore(t)
	s.MustCreate(t, fixture.Contacts(10_000, 1)...)
	start := time.Now()
	text := s.MustExport(t)
	exported := time.Since(start)
	res := s.MustImport(t, text)
	if res != (csvfile.ImportResult{Unchanged: 10_000}) {
		t.Fatalf("re-import = %+v, want 10,000 unchanged", res)
	}
	t.Logf("exported 10,000 contacts (%d KB) in %v", len(text)/1024, exported)
}

func TestContactColumns_AreTheDocumentedOnes(t *testing.T) {
	want := []string{"id", "kind", "name", "email", "phone_primary", "phone_mobile", "phone_other", "phone_fax",
		"physical_lines", "physical_city", "physical_region", "physical_postal_code", "physical_country",
		"mailing_lines", "mailing_city", "mailing_region", "mailing_postal_code", "mailing_country", "contact_type"}
	if !slices.Equal(csvfile.ContactColumns, want) {
		t.Fatalf("columns = %q\nwant %q", csvfile.ContactColumns, want)
	}
}
