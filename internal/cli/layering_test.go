package cli

import (
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

// Dependencies point inward: the firm's records import nothing of ours,
// the adapters (sqlite, qbo, connect) only the records, the QuickBooks
// emulator nothing of the firm's, the session the adapters, and nothing in
// backend/ the UI layer, the command line or Wails. This test reads the
// real import graph (`go list -deps`), so a new import that breaks a rule
// fails here rather than in review.
func TestLayering_NoPackageImportsUpward(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps=false", "-json=ImportPath,Imports", "ledgerlink/...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	imports := map[string][]string{}
	dec := json.NewDecoder(strings.NewReader(string(out)))
	for dec.More() {
		var p struct {
			ImportPath string
			Imports    []string
		}
		if err := dec.Decode(&p); err != nil {
			t.Fatal(err)
		}
		imports[p.ImportPath] = p.Imports
	}
	if len(imports) < 10 {
		t.Fatalf("go list found only %d packages", len(imports))
	}
	// allowed lists, per package prefix, the Ledgerlink packages it may
	// import (its own subpackages always).
	allowed := []struct{ pkg, may string }{
		{"ledgerlink/backend/practice", ""},
		{"ledgerlink/backend/match", ""},
		{"ledgerlink/backend/invoicepdf", ""},
		{"ledgerlink/backend/mailer", ""},
		{"ledgerlink/backend/sync", "backend/practice backend/sqlite backend/qbo backend/match"},
		{"ledgerlink/backend/qbo/sandbox", ""},
		{"ledgerlink/backend/qbo", ""},
		{"ledgerlink/backend/sqlite", "backend/practice"},
		{"ledgerlink/backend/csvfile", "backend/practice"},
		{"ledgerlink/backend/connect", "backend/practice"},
		{"ledgerlink/backend/demo", "backend/practice backend/qbo/sandbox/democompany"},
		{"ledgerlink/backend/quickbooks", "backend/practice backend/connect backend/qbo backend/qbo/sandbox"},
		{"ledgerlink/backend/billing", "backend/practice backend/sqlite backend/invoicepdf backend/mailer"},
		{"ledgerlink/app", "backend/practice backend/sqlite backend/connect backend/quickbooks backend/csvfile backend/sync backend/billing"},
		{"ledgerlink/internal/fixture", "backend/practice"},
		{"ledgerlink/internal/testkit", "backend/qbo/sandbox backend/sqlite"},
	}
	for pkg, imps := range imports {
		for _, rule := range allowed {
			if pkg != rule.pkg && !strings.HasPrefix(pkg, rule.pkg+"/") {
				continue
			}
			for _, imp := range imps {
				if !strings.HasPrefix(imp, "ledgerlink/") || strings.HasPrefix(imp, rule.pkg+"/") {
					continue
				}
				if !ok(imp, rule.may) {
					t.Errorf("%s imports %s; it may import only %q", pkg, imp, rule.may)
				}
			}
			if strings.HasPrefix(pkg, "ledgerlink/backend/") {
				for _, imp := range imps {
					if strings.HasPrefix(imp, "github.com/wailsapp/") {
						t.Errorf("%s imports Wails", pkg)
					}
				}
			}
			break
		}
	}
}

// ok reports whether imp is one of the space-separated paths in may (or
// below one).
func ok(imp, may string) bool {
	for _, m := range strings.Fields(may) {
		if imp == "ledgerlink/"+m || strings.HasPrefix(imp, "ledgerlink/"+m+"/") {
			return true
		}
	}
	return false
}
