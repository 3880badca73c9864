package csvfile_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"ledgerlink/backend/csvfile"
	"ledgerlink/backend/practice"
)

func TestTaxRates_UnchangedExport_ReimportChangesNothing(t *testing.T) {
	f := newFirm(t)
	f.work(t, &practice.WorkItem{ContactID: f.ada.ID, Date: "2025-03-14", WorkTypeID: f.bookkeeping.ID,
		Quantity: practice.MustDecimal("1"), DefaultRate: true, TaxRateID: f.ca.ID}) // CA sales in use
	before := f.TaxRates(t)
	text := f.Export(t, taxRatesFile)

	if res := f.MustLoad(t, taxRatesFile, text); res != (csvfile.ImportResult{Unchanged: 3}) {
		t.Fatalf("re-import = %+v, want 3 unchanged", res)
	}
	if diff := cmp.Diff(before, f.TaxRates(t), decimals); diff != "" {
		t.Fatalf("tax rates changed (-before +after):\n%s", diff)
	}
	if again := f.Export(t, taxRatesFile); again != text {
		t.Fatalf("second export differs:\n%s\n---\n%s", text, again)
	}
}

func TestExportTaxRates_CombinedAsComponents_FormulaSafeNames(t *testing.T) {
	f := newFirm(t)
	want := "\ufeffname,percent,components,archived\n" +
		"'+Old VAT,17.5,,true\n" +
		"CA sales,8.25,State=6;County=1.25;City=1,false\n" +
		"GST,5,,false\n"
	if got := f.Export(t, taxRatesFile); got != want {
		t.Fatalf("export:\n%q\nwant:\n%q", got, want)
	}
}

func TestImportTaxRates_Components_ParseAndPrintBackIdentically(t *testing.T) {
	tests := []struct{ name, components, percent, printed string }{
		{"AsExported", "State=6;County=1.25;City=1", "", "State=6;County=1.25;City=1"},
		{"SumGiven", "State=6;County=1.25;City=1", "8.25", "State=6;County=1.25;City=1"},
		{"SpacesPercentSignsTrailingSemicolon", " State = 6 % ; County=1.250;City=1.0; ", "8.25%", "State=6;County=1.25;City=1"},
		{"NameWithEquals", "A=B=2;C=3", "", "A=B=2;C=3"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			s.MustLoad(t, taxRatesFile, "name,percent,components\nCA sales,"+tt.percent+","+tt.components+"\n")
			r := s.TaxRates(t)[0]
			want := "CA sales," + r.Percent.String() + "," + tt.printed + ",false\n"
			if got := s.Export(t, taxRatesFile); !strings.HasSuffix(got, "\n"+want) {
				t.Fatalf("export:\n%s\nwant the row %q", got, want)
			}
			if len(r.Components) < 2 {
				t.Fatalf("stored %+v, want a combined rate", r)
			}
		})
	}
	s := newStore(t)
	s.MustLoad(t, taxRatesFile, "components,name\nState=6;County=1.25;City=1,CA sales\n")
	if r := s.TaxRates(t)[0]; r.Percent.String() != "8.25" || !cmp.Equal(r.Components, components("State", "6", "County", "1.25", "City", "1"), decimals) {
		t.Fatalf("stored %s %%, %+v", r.Percent, r.Components)
	}
}

func TestImportTaxRates_MatchedByNameIgnoringCase_UpdatesAndCreates(t *testing.T) {
	f := newFirm(t)
	res := f.MustLoad(t, taxRatesFile, "name,percent,components,archived\n"+
		"gst,5.5,,\n"+ // updates the simple rate
		"ca SALES,,State=6.5;County=1.25;City=1,\n"+ // updates the combined one
		"+old vat,,,no\n"+ // un-archives; an empty percent keeps the simple rate's
		"HST ON,13,,\n") // new
	if res != (csvfile.ImportResult{Created: 1, Updated: 3}) {
		t.Fatalf("import = %+v, want 1 created and 3 updated", res)
	}
	got := map[string]string{}
	for _, r := range f.TaxRates(t) {
		got[r.Name] = r.Percent.String() + " " + csvComponents(r.Components)
		if r.Archived {
			got[r.Name] += " archived"
		}
	}
	want := map[string]string{"gst": "5.5 ", "ca SALES": "8.75 State=6.5;County=1.25;City=1", "+old vat": "17.5 ", "HST ON": "13 "}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("tax rates (-want +got):\n%s", diff)
	}
}

func csvComponents(cs []practice.TaxComponent) string {
	var parts []string
	for _, c := range cs {
		parts = append(parts, c.Name+"="+c.Percent.String())
	}
	return strings.Join(parts, ";")
}

func TestImportTaxRates_RateInUse_PercentChangeIsItsRowsProblem_NothingWritten(t *testing.T) {
	f := newFirm(t)
	f.work(t, &practice.WorkItem{ContactID: f.ada.ID, Date: "2025-03-14", WorkTypeID: f.bookkeeping.ID,
		Quantity: practice.MustDecimal("1"), DefaultRate: true, TaxRateID: f.gst.ID})
	before := f.TaxRates(t)

	_, err := f.Load(taxRatesFile, "name,percent\n"+
		"HST ON,13\n"+ // row 2: good, but not written
		"GST,6\n"+ // row 3: in use
		"PST,abc\n") // row 4
	fe := mustFileError(t, err)
	want := []csvfile.RowError{
		{3, "", "GST 5 % is used by work or invoices, so its percentage cannot change. Archive it and add a new rate instead."},
		{4, "percent", `"abc" is not a percentage: write a number with a point and at most 6 decimals, like 8.25.`},
	}
	if diff := cmp.Diff(want, fe.Rows); diff != "" {
		t.Fatalf("problems (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(before, f.TaxRates(t), decimals); diff != "" {
		t.Fatalf("tax rates changed although the file was refused (-before +after):\n%s", diff)
	}

	// Renaming and archiving a rate in use are allowed.
	if res := f.MustLoad(t, taxRatesFile, "name,archived\ngst,true\n"); res != (csvfile.ImportResult{Updated: 1}) {
		t.Fatalf("archive = %+v, want 1 updated", res)
	}
}

func TestImportTaxRates_BadRows_EachNamed(t *testing.T) {
	f := newFirm(t)
	_, err := f.Load(taxRatesFile, "name,percent,components\n"+
		"A,8,State=6;County=1.25\n"+ // row 2: not the sum
		"B,,State=6\n"+ // row 3: one component
		"C,,State=6;state=1\n"+ // row 4: a component twice
		"D,,State6\n"+ // row 5: not NAME=PERCENT
		"E,101,\n"+ // row 6: out of range
		"F,,\n"+ // row 7: no percent
		"CA sales,,\n"+ // row 8: a combined rate made simple, without its percent
		"G,,State=x;City=1\n") // row 9
	fe := mustFileError(t, err)
	want := []csvfile.RowError{
		{2, "percent", "8 is not the sum of the components, 7.25; write 7.25 or leave percent empty."},
		{3, "components", "A combined rate has two components or more; one is a simple rate."},
		{4, "components", `Two components are named "state".`},
		{5, "components", `"State6" is not a component: write each as NAME=PERCENT, separated by semicolons, like State=6;County=1.25;City=1.`},
		{6, "percent", "A tax rate is between 0 and 100 %."},
		{7, "percent", "Enter the percentage of a simple rate, like 5 or 8.25 (or its components, for a combined rate)."},
		{8, "percent", "Enter the percentage of a simple rate, like 5 or 8.25 (or its components, for a combined rate)."},
		{9, "components", `State: "x" is not a percentage: write a number with a point and at most 6 decimals, like 8.25.`},
	}
	if diff := cmp.Diff(want, fe.Rows); diff != "" {
		t.Fatalf("problems (-want +got):\n%s", diff)
	}
}
