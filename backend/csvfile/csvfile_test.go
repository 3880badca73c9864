package csvfile_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"ledgerlink/backend/csvfile"
	"ledgerlink/backend/practice"
)

// roundTrip writes rows with a Writer and reads them back with a Reader.
func roundTrip(t *testing.T, header []string, rows [][]string) (string, [][]string) {
	t.Helper()
	var buf bytes.Buffer
	w := csvfile.NewWriter(&buf)
	for _, r := range append([][]string{header}, rows...) {
		if err := w.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	rd, err := csvfile.NewReader(strings.NewReader(buf.String()), header)
	if err != nil {
		t.Fatal(err)
	}
	var got [][]string
	for rec := range rd.Records() {
		var cells []string
		for _, h := range header {
			c, _ := rec.Get(h)
			cells = append(cells, c)
		}
		got = append(got, cells)
	}
	if err := rd.Err(); err != nil {
		t.Fatal(err)
	}
	return buf.String(), got
}

func TestWriter_CellsASpreadsheetWouldRun_AreTextAndReadBackUnchanged(t *testing.T) {
	cells := []string{"+64 9 555 0142", "-", "'quoted", "=SUM(A1)", "@cmd", "\tindented", "\rreturn",
		"''twice", "=HYPERLINK(\"http://x\",\"y\")", "plain", "", "1 Main St\nSuite 2", "a, b", "say \"hi\""}
	header := make([]string, len(cells))
	for i := range cells {
		header[i] = string(rune('a' + i))
	}
	text, got := roundTrip(t, header, [][]string{cells})
	if diff := cmp.Diff([][]string{cells}, got); diff != "" {
		t.Fatalf("cells changed on the way (-written +read):\n%s\nfile:\n%s", diff, text)
	}
	for _, dangerous := range []string{",=", ",+", ",-", ",@", ",\"\t", ",\"\r"} {
		if strings.Contains(text, dangerous) {
			t.Errorf("file has a cell starting %q that a spreadsheet would act on:\n%s", dangerous[1:], text)
		}
	}
	if !strings.Contains(text, ",'=SUM(A1),") || !strings.Contains(text, "'+64 9 555 0142") || !strings.Contains(text, ",''quoted,") {
		t.Errorf("file:\n%s\nwant formula-like cells behind a single quote", text)
	}
}

func TestEscape_OnlyCellsStartingWithAFormulaCharacter(t *testing.T) {
	for in, want := range map[string]string{
		"=1+2": "'=1+2", "+1": "'+1", "-1": "'-1", "@x": "'@x", "\tx": "'\tx", "\rx": "'\rx", "'x": "''x",
		"x=1": "x=1", "": "", "1-2": "1-2", "Ōtāhuhu": "Ōtāhuhu", " =x": " =x",
	} {
		if got := csvfile.Escape(in); got != want {
			t.Errorf("Escape(%q) = %q, want %q", in, got, want)
		}
		if got := csvfile.Unescape(csvfile.Escape(in)); got != in {
			t.Errorf("Unescape(Escape(%q)) = %q", in, got)
		}
	}
}

func TestWriter_StartsWithByteOrderMark_ReaderSkipsIt(t *testing.T) {
	text, got := roundTrip(t, []string{"name"}, [][]string{{"Zoë"}})
	if !strings.HasPrefix(text, "\ufeffname\n") {
		t.Fatalf("file starts %q, want a byte-order mark then the header", text[:min(len(text), 12)])
	}
	if got[0][0] != "Zoë" {
		t.Fatalf("read %q", got)
	}
}

func TestNewReader_Header(t *testing.T) {
	known := []string{"id", "name", "email"}
	tests := []struct {
		name   string
		text   string
		want   []string // columns read, or
		errors []csvfile.RowError
	}{
		{"OK", "id,name,email\n", []string{"id", "name", "email"}, nil},
		{"AnyOrderAndSubset", "email,id\n", []string{"email", "id"}, nil},
		{"CaseAndSpaceIgnored", " Name ,EMAIL\n", []string{"name", "email"}, nil},
		{"ByteOrderMark", "\ufeffid,name\n", []string{"id", "name"}, nil},
		{"ByteOrderMarkAndCRLF", "\ufeffname\r\nAda\r\n", []string{"name"}, nil},
		{"ErrUnknownColumn", "id,nmae,phone\n", nil, []csvfile.RowError{
			{1, "nmae", `"nmae" is not a column Ledgerlink knows. The columns are id, name, email.`},
			{1, "phone", `"phone" is not a column Ledgerlink knows. The columns are id, name, email.`}}},
		{"ErrDuplicateColumn", "name,Name\n", nil, []csvfile.RowError{{1, "name", `The column "name" appears more than once.`}}},
		{"ErrUnnamedColumn", "name,\n", nil, []csvfile.RowError{{1, "", "Column 2 has no name. Name it (one of id, name, email) or remove it."}}},
		{"ErrEmptyFile", "", nil, []csvfile.RowError{{1, "", "The file is empty: its first row must name the columns (id, name, email)."}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd, err := csvfile.NewReader(strings.NewReader(tt.text), known)
			if tt.errors == nil {
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(rd.Columns(), tt.want) {
					t.Fatalf("columns = %q, want %q", rd.Columns(), tt.want)
				}
				return
			}
			fe := mustFileError(t, err)
			if diff := cmp.Diff(tt.errors, fe.Rows); diff != "" {
				t.Fatalf("problems (-want +got):\n%s", diff)
			}
			if fe.Err.Message != "The file could not be read; nothing was changed." {
				t.Fatalf("message = %q", fe.Err.Message)
			}
		})
	}
}

// mustFileError returns err as a *csvfile.Error, which must also be an
// EINVALID *practice.Error.
func mustFileError(t *testing.T, err error) *csvfile.Error {
	t.Helper()
	var fe *csvfile.Error
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v, want a *csvfile.Error", err)
	}
	if practice.ErrorCode(err) != practice.EINVALID {
		t.Fatalf("code = %q, want %q", practice.ErrorCode(err), practice.EINVALID)
	}
	return fe
}

func TestReader_EveryBadRowNamedBySpreadsheetRow(t *testing.T) {
	text := "name,email\n" + // row 1
		"Ada,ada@example.com\n" + // row 2
		"\"Two\nlines\",x@example.com\n" + // row 3, over two lines of text
		"too,many,cells\n" + // row 4
		",\n" + // row 5: blank, skipped
		"short\n" + // row 6
		"Grace,g@example.com\n" // row 7
	rd, err := csvfile.NewReader(strings.NewReader(text), []string{"name", "email"})
	if err != nil {
		t.Fatal(err)
	}
	var rows []int
	for rec := range rd.Records() {
		rows = append(rows, rec.Row)
		if rec.Row == 3 {
			rd.Problem(rec.Row, "name", "Name cannot contain a line break.")
		}
	}
	if !slices.Equal(rows, []int{2, 3, 7}) {
		t.Fatalf("records at rows %v, want 2, 3, 7", rows)
	}
	fe := mustFileError(t, rd.Err())
	want := []csvfile.RowError{ // by row, whenever found
		{3, "name", "Name cannot contain a line break."},
		{4, "", "This row has 3 cells but the header names 2 columns."},
		{6, "", "This row has 1 cell but the header names 2 columns."},
	}
	if diff := cmp.Diff(want, fe.Rows); diff != "" {
		t.Fatalf("problems (-want +got):\n%s", diff)
	}
	if fe.Err.Message != "3 rows could not be imported; nothing was changed." {
		t.Fatalf("message = %q", fe.Err.Message)
	}
}

func TestReader_NotCSV_SaysWhereAndStops(t *testing.T) {
	text := "name\nAda\nbad \"quote\" here\nGrace\n"
	rd, err := csvfile.NewReader(strings.NewReader(text), []string{"name"})
	if err != nil {
		t.Fatal(err)
	}
	for range rd.Records() {
	}
	fe := mustFileError(t, rd.Err())
	if len(fe.Rows) != 1 || fe.Rows[0].Row != 3 || !strings.Contains(fe.Rows[0].Problem, "line 3") {
		t.Fatalf("problems = %+v, want one at row 3 saying line 3", fe.Rows)
	}
	if fe.Err.Message != "1 row could not be imported; nothing was changed." {
		t.Fatalf("message = %q", fe.Err.Message)
	}
}

func TestRecord_Get_AbsentColumnDiffersFromEmptyCell(t *testing.T) {
	rd, err := csvfile.NewReader(strings.NewReader("name,email\nAda,\n"), []string{"name", "email", "id"})
	if err != nil {
		t.Fatal(err)
	}
	for rec := range rd.Records() {
		if v, ok := rec.Get("email"); !ok || v != "" {
			t.Errorf("email = %q, %v; want empty and present", v, ok)
		}
		if _, ok := rec.Get("id"); ok {
			t.Error("id present, want absent")
		}
	}
	if rd.Has("id") || !rd.Has("email") {
		t.Error("Has disagrees with the header")
	}
}
