package csvfile_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"ledgerlink/backend/csvfile"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// someWork adds work of every shape: the work type's rate and another,
// with a simple, a combined and no tax rate, descriptions a spreadsheet
// would run or split.
func (f *firm) someWork(t *testing.T) []*practice.WorkItem {
	t.Helper()
	return f.work(t,
		&practice.WorkItem{ContactID: f.ada.ID, Date: "2025-03-14", WorkTypeID: f.bookkeeping.ID, Description: "March books",
			Quantity: practice.MustDecimal("1.5"), DefaultRate: true, TaxRateID: f.gst.ID},
		&practice.WorkItem{ContactID: f.bakery.ID, Date: "2025-03-01", WorkTypeID: f.payroll.ID, Description: "=HYPERLINK(\"x\")",
			Quantity: practice.MustDecimal("4"), Rate: 3999, TaxRateID: f.ca.ID},
		&practice.WorkItem{ContactID: f.ada.ID, Date: "2025-03-02", WorkTypeID: f.bookkeeping.ID, Description: "Call, then \"fix\"\nsecond line",
			Quantity: practice.MustDecimal("0.25"), Rate: 0},
	)
}

func TestWork_ExportDeleteImport_SameWorkAndSameFile(t *testing.T) {
	f := newFirm(t)
	f.someWork(t)
	before := f.Work(t)
	text := f.Export(t, workFile)

	f.update(t, func(tx *sqlite.Tx) error {
		for _, w := range before {
			if err := tx.DeleteWorkItem(f.ctx, w.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if res := f.MustLoad(t, workFile, text); res != (csvfile.ImportResult{Created: 3}) {
		t.Fatalf("import = %+v, want 3 created", res)
	}
	ignore := cmp.FilterPath(func(p cmp.Path) bool {
		s := p.Last().String()
		return s == ".ID" || s == ".CreatedAt" || s == ".UpdatedAt"
	}, cmp.Ignore())
	if diff := cmp.Diff(before, f.Work(t), ignore, decimals); diff != "" {
		t.Fatalf("work differs after export and import (-before +after):\n%s", diff)
	}
	if again := f.Export(t, workFile); again != text {
		t.Fatalf("second export differs:\n%s\n---\n%s", text, again)
	}
}

func TestExportWork_FormulaSafeCellsMoneyAndNames(t *testing.T) {
	f := newFirm(t)
	f.someWork(t)
	want := "\ufeffclient,date,work_type,tax_rate,description,quantity,rate,invoice\n" +
		"'=Bluegum Bakery,2025-03-01,'-Payroll run,CA sales,\"'=HYPERLINK(\"\"x\"\")\",4,39.99,\n" +
		"Ada Lovelace,2025-03-02,Bookkeeping,,\"Call, then \"\"fix\"\"\nsecond line\",0.25,0.00,\n" +
		"Ada Lovelace,2025-03-14,Bookkeeping,GST,March books,1.5,150.00,\n"
	if got := f.Export(t, workFile); got != want {
		t.Fatalf("export:\n%q\nwant:\n%q", got, want)
	}
}

func TestExportWork_BilledWorkCarriesItsInvoice_ImportRefusesToBillItTwice(t *testing.T) {
	f := newFirm(t)
	items := f.someWork(t)
	var inv *practice.Invoice
	f.update(t, func(tx *sqlite.Tx) (err error) {
		inv, err = tx.DraftInvoice(f.ctx, f.ada.ID, []int64{items[0].ID}, "2025-03-31", "2025-04-30", 0)
		return err
	})
	text := f.Export(t, workFile)
	billed := fmt.Sprintf("Ada Lovelace,2025-03-14,Bookkeeping,GST,March books,1.5,150.00,%d\n", inv.ID)
	if !strings.HasSuffix(text, billed) || strings.Count(text, ",\n") != 2 {
		t.Fatalf("export:\n%s\nwant the billed row %q and two unbilled ones", text, billed)
	}

	// The billed row would bill that work twice: refused, naming the row,
	// and nothing is imported.
	dst := newFirmLike(t, f)
	_, err := dst.Load(workFile, text)
	var fe *csvfile.Error
	if !errors.As(err, &fe) || len(fe.Rows) != 1 || fe.Rows[0].Row != 4 || fe.Rows[0].Column != "invoice" {
		t.Fatalf("import of a billed row: %v, want row 4's invoice cell refused", err)
	}
	if n := len(dst.Work(t)); n != 0 {
		t.Fatalf("%d work items after a refused import, want none", n)
	}
	// Without it, the unbilled rows come in as unbilled work.
	if res := dst.MustLoad(t, workFile, strings.TrimSuffix(text, billed)); res != (csvfile.ImportResult{Created: 2}) {
		t.Fatalf("import = %+v", res)
	}
	for _, w := range dst.Work(t) {
		if w.InvoiceID != 0 {
			t.Errorf("imported work %q is on invoice %d, want unbilled", w.Description, w.InvoiceID)
		}
	}
}

// newFirmLike is a second firm with the same clients, work types and tax
// rates (and so the same ids) as f.
func newFirmLike(t *testing.T, f *firm) *firm {
	t.Helper()
	dst := newFirm(t)
	if dst.ada.ID != f.ada.ID || dst.gst.ID != f.gst.ID {
		t.Fatal("the second firm's ids differ")
	}
	return dst
}

func TestImportWork_ClientByIDThenExactName(t *testing.T) {
	f := newFirm(t)
	named2 := f.MustCreate(t, &practice.Contact{Name: fmt.Sprint(f.bakery.ID)})[0] // a contact named as the bakery's id
	tests := []struct {
		cell string
		want int64
	}{
		{fmt.Sprint(f.ada.ID), f.ada.ID},
		{"Ada Lovelace", f.ada.ID},
		{"  Ada Lovelace ", f.ada.ID},
		{"'=Bluegum Bakery", f.bakery.ID},      // as an export writes it
		{fmt.Sprint(f.bakery.ID), f.bakery.ID}, // the id wins over the name
		{fmt.Sprint(named2.ID), named2.ID},
	}
	for _, tt := range tests {
		t.Run(tt.cell, func(t *testing.T) {
			res := f.MustLoad(t, workFile, "client,date,work_type,quantity\n\""+tt.cell+"\",2025-03-14,Bookkeeping,1\n")
			if res != (csvfile.ImportResult{Created: 1}) {
				t.Fatalf("import = %+v", res)
			}
			all := f.Work(t)
			var last *practice.WorkItem
			for _, w := range all {
				if last == nil || w.ID > last.ID {
					last = w
				}
			}
			if last.ContactID != tt.want {
				t.Fatalf("client %q is contact %d, want %d", tt.cell, last.ContactID, tt.want)
			}
		})
	}
}

func TestImportWork_UnknownOrUnusableNames_AreErrorsNamingTheRow(t *testing.T) {
	f := newFirm(t)
	file := "client,date,work_type,tax_rate,quantity,rate\n" + // row 1
		"Ada Lovelace,2025-03-14,Bookkeeping,GST,1,\n" + // row 2: good
		"Charles Babbage,2025-03-14,Bookkeeping,,1,\n" + // row 3
		"ada lovelace,2025-03-14,Bookkeeping,,1,\n" + // row 4
		"999,2025-03-14,Bookkeeping,,1,\n" + // row 5
		"Ada Lovelace,2025-03-14,Audit,,1,\n" + // row 6
		"Ada Lovelace,2025-03-14,Legacy advice,,1,\n" + // row 7
		"Ada Lovelace,2025-03-14,bookkeeping,VAT,1,\n" + // row 8
		"Ada Lovelace,2025-03-14,Bookkeeping,+old vat,1,\n" + // row 9
		"Ada Lovelace,14/03/2025,Bookkeeping,,1,\n" + // row 10
		",2025-03-14,,,,\n" + // row 11
		"Ada Lovelace,2025-03-14,Bookkeeping,,\"1,5\",1e3\n" // row 12
	_, err := f.Load(workFile, file)
	fe := mustFileError(t, err)
	want := []csvfile.RowError{
		{3, "client", `No contact is named "Charles Babbage". Write a contact's exact name, or its id.`},
		{4, "client", fmt.Sprintf(`No contact is named exactly "ada lovelace"; did you mean "Ada Lovelace" (id %d)?`, f.ada.ID)},
		{5, "client", "No contact has the id 999, and none is named so."},
		{6, "work_type", `There is no work type named "Audit". The work types are "-Payroll run", "Bookkeeping", "Legacy advice".`},
		{7, "work_type", "Legacy advice is inactive; make it active again or choose another work type."},
		{8, "tax_rate", `There is no tax rate named "VAT". The tax rates are "+Old VAT", "CA sales", "GST"; leave the cell empty for no tax.`},
		{9, "tax_rate", "+Old VAT 17.5 % is archived; choose a current rate."},
		{10, "date", "Enter the date as YYYY-MM-DD."},
		{11, "client", "Enter the client: a contact's id, or its exact name."},
		{11, "work_type", "Enter the work type, by its name."},
		{11, "quantity", "Enter the quantity: hours or units, like 1.5."},
		{12, "quantity", `"1,5" is not a quantity: write a number with a point and at most 6 decimals, like 1.5.`},
		{12, "rate", `"1e3" is not an amount: write a plain number with at most 2 decimals, without thousands separators or a currency sign, like 1234.50.`},
	}
	if diff := cmp.Diff(want, fe.Rows); diff != "" {
		t.Fatalf("problems (-want +got):\n%s", diff)
	}
	if fe.Err.Message != "10 rows could not be imported; nothing was changed." {
		t.Fatalf("message = %q", fe.Err.Message)
	}
	if n := len(f.Work(t)); n != 0 {
		t.Fatalf("%d work items stored after a refused file, want none", n)
	}
}

func TestImportWork_ClientNameTwoContactsShare_IsAnErrorNamingBothIDs(t *testing.T) {
	f := newFirm(t)
	twins := f.MustCreate(t, &practice.Contact{Name: "Smith & Co"}, &practice.Contact{Name: "Smith & Co"})
	_, err := f.Load(workFile, "client,date,work_type,quantity\nSmith & Co,2025-03-14,Bookkeeping,1\n")
	fe := mustFileError(t, err)
	want := fmt.Sprintf(`2 contacts are named "Smith & Co" (ids %d and %d); write the id of the one you mean.`, twins[0].ID, twins[1].ID)
	if diff := cmp.Diff([]csvfile.RowError{{2, "client", want}}, fe.Rows); diff != "" {
		t.Fatalf("problems (-want +got):\n%s", diff)
	}

	// An export writes their ids, so that it reads back.
	f.work(t, &practice.WorkItem{ContactID: twins[1].ID, Date: "2025-03-14", WorkTypeID: f.bookkeeping.ID, Quantity: practice.MustDecimal("1"), DefaultRate: true})
	if text := f.Export(t, workFile); !strings.Contains(text, fmt.Sprintf("\n%d,2025-03-14,", twins[1].ID)) {
		t.Fatalf("export:\n%s\nwant the client as id %d", text, twins[1].ID)
	}
}

func TestImportWork_Rate_EmptyOrAbsentIsTheWorkTypes(t *testing.T) {
	tests := []struct {
		name, file string
		want       int64
	}{
		{"EmptyCell", "client,date,work_type,quantity,rate\nAda Lovelace,2025-03-14,Bookkeeping,2,\n", 15000},
		{"NoColumn", "client,date,work_type,quantity\nAda Lovelace,2025-03-14,Bookkeeping,2\n", 15000},
		{"Given", "client,date,work_type,quantity,rate\nAda Lovelace,2025-03-14,Bookkeeping,2,150.5\n", 15050},
		{"WholeNumber", "client,date,work_type,quantity,rate\nAda Lovelace,2025-03-14,-payroll RUN,2,150\n", 15000},
		{"Zero", "client,date,work_type,quantity,rate\nAda Lovelace,2025-03-14,Bookkeeping,2,0\n", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFirm(t)
			f.MustLoad(t, workFile, tt.file)
			w := f.Work(t)[0]
			if w.Rate != tt.want || w.Amount != 2*tt.want {
				t.Fatalf("rate %d, amount %d; want %d and %d", w.Rate, w.Amount, tt.want, 2*tt.want)
			}
		})
	}
}

func TestImportWork_RateRefusals(t *testing.T) {
	for cell, says := range map[string]string{"1e3": "not an amount", "12.345": "more than 2 decimals", "-5": "negative"} {
		f := newFirm(t)
		_, err := f.Load(workFile, "client,date,work_type,quantity,rate\nAda Lovelace,2025-03-14,Bookkeeping,2,"+cell+"\n")
		fe := mustFileError(t, err)
		if len(fe.Rows) != 1 || fe.Rows[0].Row != 2 || fe.Rows[0].Column != "rate" || !strings.Contains(fe.Rows[0].Problem, says) {
			t.Errorf("rate %q: problems = %+v, want row 2, rate, saying %q", cell, fe.Rows, says)
		}
	}
}

func TestImportWork_BadRowInTheMiddle_NothingWritten(t *testing.T) {
	f := newFirm(t)
	f.someWork(t)
	before := f.Work(t)
	_, err := f.Load(workFile, "client,date,work_type,quantity\n"+
		"Ada Lovelace,2025-04-01,Bookkeeping,1\n"+
		"Ada Lovelace,2025-04-02,Bookkeeping,0\n"+
		"Ada Lovelace,2025-04-03,Bookkeeping,2\n")
	fe := mustFileError(t, err)
	if diff := cmp.Diff([]csvfile.RowError{{3, "quantity", "Enter a quantity above 0."}}, fe.Rows); diff != "" {
		t.Fatalf("problems (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(before, f.Work(t), decimals); diff != "" {
		t.Fatalf("work changed although the file was refused (-before +after):\n%s", diff)
	}
}

func TestImportWork_MissingColumns_RefusedAtTheHeader(t *testing.T) {
	f := newFirm(t)
	_, err := f.Load(workFile, "client,description\nAda Lovelace,x\n")
	fe := mustFileError(t, err)
	want := "The file has no date, work_type, quantity columns; work needs client, date, work_type, quantity, and may have tax_rate, description, rate, invoice."
	if diff := cmp.Diff([]csvfile.RowError{{1, "", want}}, fe.Rows); diff != "" {
		t.Fatalf("problems (-want +got):\n%s", diff)
	}
}
