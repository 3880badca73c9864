package csvfile_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"ledgerlink/backend/csvfile"
	"ledgerlink/backend/practice"
)

func TestWorkTypes_UnchangedExport_ReimportChangesNothing(t *testing.T) {
	f := newFirm(t)
	before := f.WorkTypes(t)
	text := f.Export(t, workTypesFile)

	if res := f.MustLoad(t, workTypesFile, text); res != (csvfile.ImportResult{Unchanged: 3}) {
		t.Fatalf("re-import = %+v, want 3 unchanged", res)
	}
	if diff := cmp.Diff(before, f.WorkTypes(t)); diff != "" {
		t.Fatalf("work types changed (-before +after):\n%s", diff)
	}
	if again := f.Export(t, workTypesFile); again != text {
		t.Fatalf("second export differs:\n%s\n---\n%s", text, again)
	}
}

func TestExportWorkTypes_MoneyWithTwoDecimals_FormulaSafeNames(t *testing.T) {
	f := newFirm(t)
	want := "\ufeffname,rate,active,rate_kind\n" +
		"'-Payroll run,45.50,true,fixed\n" +
		"Bookkeeping,150.00,true,hourly\n" +
		"Legacy advice,99.00,false,hourly\n"
	if got := f.Export(t, workTypesFile); got != want {
		t.Fatalf("export:\n%q\nwant:\n%q", got, want)
	}
}

func TestImportWorkTypes_Rate_PlainNumberToExactCents(t *testing.T) {
	for cell, want := range map[string]int64{
		"150": 15000, "150.5": 15050, "150.50": 15050, "0": 0, "0.05": 5, " 99.99 ": 9999, "007.1": 710,
		"10000000000": practice.MaxMoney,
	} {
		t.Run(cell, func(t *testing.T) {
			s := newStore(t)
			if res := s.MustLoad(t, workTypesFile, "name,rate\nAudit,"+cell+"\n"); res != (csvfile.ImportResult{Created: 1}) {
				t.Fatalf("import = %+v", res)
			}
			if got := s.WorkTypes(t)[0].Rate; got != want {
				t.Fatalf("rate %q stored as %d cents, want %d", cell, got, want)
			}
		})
	}
}

func TestImportWorkTypes_Rate_AmbiguousOrNegativeRefused(t *testing.T) {
	for cell, says := range map[string]string{
		"1e3":         "not an amount",
		"12.345":      "more than 2 decimals",
		"-5":          "negative",
		"1,234.50":    "without thousands separators",
		"$150":        "currency sign",
		"150.":        "not an amount",
		".5":          "not an amount",
		"abc":         "not an amount",
		"10000000001": "too large",
		"":            "Enter the rate",
	} {
		t.Run(cell, func(t *testing.T) {
			s := newStore(t)
			_, err := s.Load(workTypesFile, "name,rate\nAudit,\""+cell+"\"\n")
			fe := mustFileError(t, err)
			if len(fe.Rows) != 1 || fe.Rows[0].Row != 2 || fe.Rows[0].Column != "rate" || !strings.Contains(fe.Rows[0].Problem, says) {
				t.Fatalf("problems = %+v, want row 2, rate, saying %q", fe.Rows, says)
			}
			if n := len(s.WorkTypes(t)); n != 0 {
				t.Fatalf("%d work types stored after a refused file", n)
			}
		})
	}
}

func TestImportWorkTypes_NameMatchedIgnoringCase_UpdatesInFileColumnsAndCreatesTheRest(t *testing.T) {
	f := newFirm(t)
	res := f.MustLoad(t, workTypesFile, "rate_kind,NAME,active,rate\n"+
		",bookkeeping,no,175\n"+ // updates; the file's spelling of the name wins
		"fixed,Tax return,,350\n"+ // new, active by default
		",Legacy advice,YES,\n") // an empty rate keeps the stored one
	if res != (csvfile.ImportResult{Created: 1, Updated: 2}) {
		t.Fatalf("import = %+v, want 1 created and 2 updated", res)
	}
	type row struct {
		Name, Kind   string
		Rate         int64
		Active       bool
		SameIDAsWant bool
	}
	var got []row
	for _, w := range f.WorkTypes(t) {
		got = append(got, row{w.Name, w.RateKind, w.Rate, w.Active, w.ID == f.bookkeeping.ID || w.ID == f.legacy.ID || w.ID == f.payroll.ID})
	}
	want := []row{
		{"-Payroll run", "fixed", 4550, true, true},
		{"bookkeeping", "hourly", 17500, false, true},
		{"Legacy advice", "hourly", 9900, true, true},
		{"Tax return", "fixed", 35000, true, false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("work types (-want +got):\n%s", diff)
	}
}

func TestImportWorkTypes_Active_ReadsTrueFalseYesNoOneZeroInAnyCase(t *testing.T) {
	for cell, want := range map[string]bool{"true": true, "TRUE": true, "Yes": true, "1": true, "false": false, "No": false, "0": false, "fAlSe": false} {
		s := newStore(t)
		s.MustLoad(t, workTypesFile, "name,rate,active\nAudit,1,"+cell+"\n")
		if got := s.WorkTypes(t)[0].Active; got != want {
			t.Errorf("active %q read as %v", cell, got)
		}
	}
}

func TestImportWorkTypes_BadRowsInTheMiddle_NothingWrittenEveryRowNamed(t *testing.T) {
	f := newFirm(t)
	before := f.WorkTypes(t)
	file := "name,rate,active,rate_kind\n" + // row 1
		"Bookkeeping,160,true,hourly\n" + // row 2: good
		"Audit,12.345,true,hourly\n" + // row 3
		"Tax return,300,,fixed\n" + // row 4: good
		"Advisory,200,maybe,daily\n" + // row 5: two problems
		"BOOKKEEPING,170,,\n" + // row 6: named twice
		",10,,\n" + // row 7: no name
		strings.Repeat("x", practice.MaxBillingName+1) + ",10,,\n" // row 8: too long
	_, err := f.Load(workTypesFile, file)
	fe := mustFileError(t, err)
	want := []csvfile.RowError{
		{3, "rate", `"12.345" has more than 2 decimals; write the rate to the cent, like 12.35.`},
		{5, "active", `"maybe" is neither true nor false (yes/no and 1/0 are read too).`},
		{5, "rate_kind", `"daily" is not a kind of rate: write hourly or fixed.`},
		{6, "name", `The work type "BOOKKEEPING" is already on row 2; a file names each work type once.`},
		{7, "name", "Enter the work type's name: rows are matched to work types by it."},
		{8, "name", "Name is too long: 101 characters, at most 100."},
	}
	if diff := cmp.Diff(want, fe.Rows); diff != "" {
		t.Fatalf("problems (-want +got):\n%s", diff)
	}
	if fe.Err.Message != "5 rows could not be imported; nothing was changed." {
		t.Fatalf("message = %q", fe.Err.Message)
	}
	if diff := cmp.Diff(before, f.WorkTypes(t)); diff != "" {
		t.Fatalf("work types changed although the file was refused (-before +after):\n%s", diff)
	}
}

func TestImportWorkTypes_NoNameColumn_RefusedAtTheHeader(t *testing.T) {
	s := newStore(t)
	_, err := s.Load(workTypesFile, "rate,active\n150,true\n")
	fe := mustFileError(t, err)
	if len(fe.Rows) != 1 || fe.Rows[0].Row != 1 || !strings.Contains(fe.Rows[0].Problem, "no name column") {
		t.Fatalf("problems = %+v", fe.Rows)
	}
}

func TestBillingColumns_AreTheDocumentedOnes(t *testing.T) {
	for _, c := range []struct{ got, want []string }{
		{csvfile.WorkTypeColumns, []string{"name", "rate", "active", "rate_kind"}},
		{csvfile.TaxRateColumns, []string{"name", "percent", "components", "archived"}},
		{csvfile.WorkColumns, []string{"client", "date", "work_type", "tax_rate", "description", "quantity", "rate", "invoice"}},
	} {
		if !slices.Equal(c.got, c.want) {
			t.Errorf("columns = %q, want %q", c.got, c.want)
		}
	}
}
