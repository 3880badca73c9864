package app_test

import (
	"encoding/json"
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"ledgerlink/app"
	"ledgerlink/backend/csvfile"
)

// The Contacts screen's buttons reach the CSV export and import through
// the same bridge in both modes; this drives browser mode's, over a real
// database file.
func TestBrowserMode_ContactsCSV_ExportEditImport(t *testing.T) {
	b := startBrowserMode(t)
	if a := b.call(t, "Contacts.Create", []byte(`[{"kind":"person","name":"Ada Lovelace","typeId":1,"phones":{"primary":"+64 9 555 0142"}}]`)); a.Error != nil {
		t.Fatalf("create: %+v", a.Error)
	}
	a := b.call(t, "Contacts.ExportCSV", []byte(`[]`))
	var text string
	if a.Error != nil || json.Unmarshal(a.Result, &text) != nil || !strings.Contains(text, ",'+64 9 555 0142,") {
		t.Fatalf("export: %s %+v", a.Result, a.Error)
	}

	edited := strings.Replace(text, "Ada Lovelace", "Ada King", 1) + ",,Grace Hopper" + strings.Repeat(",", 16) + "\n"
	body, _ := json.Marshal([]string{edited})
	var res app.ContactImport
	if a := b.call(t, "Contacts.ImportCSV", body); a.Error != nil || json.Unmarshal(a.Result, &res) != nil {
		t.Fatalf("import: %s %+v", a.Result, a.Error)
	}
	if res.Created != 1 || res.Updated != 1 || res.Unchanged != 0 || len(res.Errors) != 0 || res.Message != "" {
		t.Fatalf("import = %+v, want one created and one updated", res)
	}
}

func TestBrowserMode_ContactsCSV_BadRows_ComeBackAsData_NothingImported(t *testing.T) {
	b := startBrowserMode(t)
	body, _ := json.Marshal([]string{"name,email\nAda,ada@example.com\nGrace,grace@\n,x@example.com\n"})
	a := b.call(t, "Contacts.ImportCSV", body)
	var res struct {
		Created int    `json:"created"`
		Message string `json:"message"`
		Errors  []struct {
			Row     int    `json:"row"`
			Column  string `json:"column"`
			Problem string `json:"problem"`
		} `json:"errors"`
	}
	if a.Error != nil || json.Unmarshal(a.Result, &res) != nil {
		t.Fatalf("import: %d %s %+v", a.status, a.Result, a.Error)
	}
	if res.Created != 0 || res.Message != "2 rows could not be imported; nothing was changed." || len(res.Errors) != 2 ||
		res.Errors[0].Row != 3 || res.Errors[0].Column != "email" || res.Errors[1].Row != 4 || res.Errors[1].Column != "name" {
		t.Fatalf("import = %s, want rows 3 (email) and 4 (name) refused", a.Result)
	}
	var page app.ContactPage
	if a := b.call(t, "Contacts.List", []byte(`[{}]`)); json.Unmarshal(a.Result, &page) != nil || page.Total != 0 {
		t.Fatalf("contacts stored after a refused import: %s", a.Result)
	}
}

// jsonFields returns the JSON names of t's fields, embedded structs' too.
func jsonFields(t reflect.Type) []string {
	var out []string
	for f := range t.Fields() {
		if f.Anonymous {
			out = append(out, jsonFields(f.Type)...)
			continue
		}
		out = append(out, strings.Split(f.Tag.Get("json"), ",")[0])
	}
	slices.Sort(out)
	return out
}

// tsFields reads the property names of `export interface name { … }`.
func tsFields(t *testing.T, name string) []string {
	t.Helper()
	src, err := os.ReadFile(typesTS)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?s)export interface ` + name + ` \{(.*?)\n\}`).FindSubmatch(src)
	if m == nil {
		t.Fatalf("%s declares no interface %s", typesTS, name)
	}
	var out []string
	for _, p := range regexp.MustCompile(`(?m)^\s+(\w+)\??:`).FindAllSubmatch(m[1], -1) {
		out = append(out, string(p[1]))
	}
	slices.Sort(out)
	return out
}

func TestVocabulary_ContactImport_SameInGoAndTheUI(t *testing.T) {
	for name, typ := range map[string]reflect.Type{
		"ContactImport": reflect.TypeFor[app.ContactImport](),
		"RowError":      reflect.TypeFor[csvfile.RowError](),
	} {
		if got, want := tsFields(t, name), jsonFields(typ); !slices.Equal(got, want) {
			t.Errorf("UI %s has %q; Go's JSON has %q", name, got, want)
		}
	}
}
