package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// billingCSVDB makes a database file with a client, a work type, a tax
// rate and one item of work, closed again so that a verb can open it.
func billingCSVDB(t *testing.T) string {
	t.Helper()
	path := contactsDB(t, &practice.Contact{Name: "Ada Lovelace"})
	ctx := context.Background()
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	err = db.Update(ctx, func(tx *sqlite.Tx) error {
		wt := &practice.WorkType{Name: "Bookkeeping", Rate: 15000, Active: true}
		if err := tx.SaveWorkType(ctx, wt); err != nil {
			return err
		}
		gst := &practice.TaxRate{Name: "GST", Percent: practice.MustDecimal("5")}
		if err := tx.SaveTaxRate(ctx, gst); err != nil {
			return err
		}
		return tx.SaveWorkItem(ctx, &practice.WorkItem{ContactID: 1, Date: "2025-03-14", WorkTypeID: wt.ID, TaxRateID: gst.ID,
			Description: "March books", Quantity: practice.MustDecimal("1.5"), DefaultRate: true})
	})
	if err != nil {
		t.Fatal(err)
	}
	return path
}

// exportJSON runs `VERB export FILE --json` and returns the count under key.
func exportJSON(t *testing.T, db, verb, file, key string) int {
	t.Helper()
	code, out, errOut := runVerb(t, verb, "export", file, "--db", db, "--json")
	if code != 0 {
		t.Fatalf("%s export: exit %d: %s", verb, code, errOut)
	}
	var doc map[string]any
	if err := json.Unmarshal([]byte(out), &doc); err != nil || doc["file"] != file {
		t.Fatalf("%s export printed %q (%v), want the file", verb, out, err)
	}
	if !strings.HasPrefix(out, `{"file":`) {
		t.Errorf("%s export printed %q; want the file first, as contacts export does", verb, out)
	}
	n, ok := doc[key].(float64)
	if !ok {
		t.Fatalf("%s export printed %q, want a count under %q", verb, out, key)
	}
	return int(n)
}

func TestWorkTypesVerb_ExportEditImport_JSON(t *testing.T) {
	db := billingCSVDB(t)
	file := filepath.Join(t.TempDir(), "work-types.csv")
	if n := exportJSON(t, db, "work-types", file, "workTypes"); n != 1 {
		t.Fatalf("exported %d work types, want 1", n)
	}
	text, _ := os.ReadFile(file)
	if !strings.Contains(string(text), "\nBookkeeping,150.00,true,hourly\n") {
		t.Fatalf("export:\n%s", text)
	}
	os.WriteFile(file, append(text, "=Advisory,180.5,yes,\n"...), 0o600)

	code, out, errOut := runVerb(t, "work-types", "import", "--json", "--db", db, file)
	if code != 0 || strings.TrimSpace(out) != `{"created":1,"updated":0,"unchanged":1}` {
		t.Fatalf("import: exit %d, printed %q %q", code, out, errOut)
	}
	code, out, _ = runVerb(t, "work-types", "export", "--db", db, file)
	if code != 0 || out != "Exported 2 work types to "+file+".\n" {
		t.Fatalf("export: exit %d, printed %q", code, out)
	}
	if text, _ := os.ReadFile(file); !strings.Contains(string(text), "\n'=Advisory,180.50,true,hourly\n") {
		t.Fatalf("export after import:\n%s\nwant the new work type, formula-safe", text)
	}
}

func TestTaxRatesVerb_CombinedRate_ImportThenExport(t *testing.T) {
	db := billingCSVDB(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "in.csv")
	os.WriteFile(in, []byte("name,percent,components\nCA sales,,State=6;County=1.25;City=1\ngst,6,\n"), 0o600)

	// GST is used by the work: its percentage cannot change, and so nothing is imported.
	code, out, errOut := runVerb(t, "tax-rates", "import", in, "--db", db, "--json")
	if code != 1 || !strings.Contains(out, `{"row":3,"column":"","problem":"GST 5 % is used by work or invoices`) {
		t.Fatalf("import: exit %d, printed %q", code, out)
	}
	if !strings.Contains(errOut, "ledgerlink tax-rates: 1 row could not be imported; nothing was changed.\n  Row 3: GST 5 %") {
		t.Fatalf("stderr = %q", errOut)
	}

	os.WriteFile(in, []byte("name,percent,components\nCA sales,,State=6;County=1.25;City=1\n"), 0o600)
	code, out, errOut = runVerb(t, "tax-rates", "import", in, "--db", db)
	if code != 0 || out != "Imported "+in+": 1 created, 0 updated, 0 unchanged.\n" {
		t.Fatalf("import: exit %d, printed %q %q", code, out, errOut)
	}
	file := filepath.Join(dir, "tax-rates.csv")
	if n := exportJSON(t, db, "tax-rates", file, "taxRates"); n != 2 {
		t.Fatalf("exported %d tax rates, want 2", n)
	}
	if text, _ := os.ReadFile(file); !strings.Contains(string(text), "\nCA sales,8.25,State=6;County=1.25;City=1,false\n") {
		t.Fatalf("export:\n%s", text)
	}
}

func TestWorkVerb_ExportImport_AddsWorkAndNamesBadRows(t *testing.T) {
	db := billingCSVDB(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "work.csv")
	if n := exportJSON(t, db, "work", file, "workItems"); n != 1 {
		t.Fatalf("exported %d work items, want 1", n)
	}
	text, _ := os.ReadFile(file)
	if !strings.Contains(string(text), "\nAda Lovelace,2025-03-14,Bookkeeping,GST,March books,1.5,150.00,\n") {
		t.Fatalf("export:\n%s", text)
	}

	code, out, errOut := runVerb(t, "work", "import", file, "--db", db, "--json")
	if code != 0 || strings.TrimSpace(out) != `{"created":1,"updated":0,"unchanged":0}` {
		t.Fatalf("import: exit %d, printed %q %q", code, out, errOut)
	}

	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(bad, []byte("client,date,work_type,quantity,rate\nAda Lovelace,2025-04-01,Bookkeeping,2,\nGrace Hopper,2025-04-01,Audit,2,1e3\n"), 0o600)
	code, out, _ = runVerb(t, "work", "import", bad, "--db", db, "--json")
	var doc struct {
		Errors []struct {
			Row     int    `json:"row"`
			Column  string `json:"column"`
			Problem string `json:"problem"`
		} `json:"errors"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil || code != 1 {
		t.Fatalf("exit %d, printed %q (%v)", code, out, err)
	}
	if len(doc.Errors) != 3 || doc.Errors[0].Column != "client" || doc.Errors[1].Column != "work_type" || doc.Errors[2].Column != "rate" ||
		doc.Errors[0].Row != 3 || !strings.Contains(doc.Errors[0].Problem, `"Grace Hopper"`) {
		t.Fatalf("errors = %+v, want row 3's client, work_type and rate", doc.Errors)
	}
	if n := exportJSON(t, db, "work", file, "workItems"); n != 2 {
		t.Fatalf("after a refused import %d work items, want 2", n)
	}
}

func TestBillingCSVVerbs_UsageAndHelp(t *testing.T) {
	for verb, column := range map[string]string{"work-types": "rate_kind", "tax-rates": "components", "work": "work_type"} {
		for _, args := range [][]string{{verb}, {verb, "merge"}, {verb, "export"}, {verb, "import", "a.csv", "b.csv"}} {
			if code, out, _ := runVerb(t, args...); code != 2 || !strings.Contains(out, "Usage") {
				t.Errorf("%q: exit %d, printed %q; want usage and exit 2", args, code, out)
			}
		}
		if code, out, _ := runVerb(t, verb, "--help"); code != 0 || !strings.Contains(out, column) {
			t.Errorf("%s --help: exit %d, printed %q", verb, code, out)
		}
		if code, out, _ := runVerb(t, verb, "import", "--help"); code != 0 || !strings.Contains(out, `{"errors": [{"row", "column", "problem"}]}`) {
			t.Errorf("%s import --help: exit %d, printed %q", verb, code, out)
		}
	}
	if code, out, _ := runVerb(t, "help"); code != 0 || !strings.Contains(out, "work-types") || !strings.Contains(out, "tax-rates") {
		t.Errorf("help: exit %d, printed %q", code, out)
	}
}
