//go:build e2e

package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// The Contacts screen's Export CSV saves contacts.csv as a browser saves a
// download; the file, edited as a spreadsheet would leave it, goes back in
// through Import CSV: the changed type is stored, a bad row is shown with
// its row and column and nothing of that file is imported.
func TestContacts_ExportEditImportCSV(t *testing.T) {
	path := filepath.Join(t.TempDir(), "e2e.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	qbType := &practice.ContactType{Name: "Client - QuickBooks"}
	if err := sqlite.NewContactTypeService(db).CreateContactType(context.Background(), qbType); err != nil {
		t.Fatal(err)
	}
	err = sqlite.NewContactService(db).CreateContacts(context.Background(), []*practice.Contact{
		{Name: "Ada Lovelace", Phones: practice.Phones{Primary: "+64 9 555 0142"}, TypeID: 1},
		{Name: "Grace Hopper", TypeID: 1},
	})
	db.Close()
	if err != nil {
		t.Fatal(err)
	}

	base := serve(t, path)
	ctx := newBrowser(t)
	openApp(t, ctx, base)
	waitUntil(t, ctx, "two contacts", countText+` === '2 contacts'`)

	downloads := t.TempDir()
	step(t, ctx, "export", chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
		_, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: downloads})
		return err
	}), chromedp.Click(chromedp.CSS(`#contacts-export`)))
	text := waitFile(t, filepath.Join(downloads, "contacts.csv"))
	if !strings.Contains(text, ",'+64 9 555 0142,") || !strings.Contains(text, "Grace Hopper") {
		t.Fatalf("contacts.csv:\n%s\nwant both contacts, the phone behind a quote", text)
	}

	// Move Grace to the pushed type, as an accountant would in a spreadsheet.
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.Contains(l, "Grace Hopper") {
			lines[i] = strings.TrimSuffix(l, "Client") + "client - quickbooks"
		}
	}
	edited := filepath.Join(t.TempDir(), "contacts.csv")
	os.WriteFile(edited, []byte(strings.Join(lines, "\n")), 0o600)
	step(t, ctx, "import the edited file", chromedp.SetUploadFiles(chromedp.CSS(`#contacts-import-file`), []string{edited}))
	waitUntil(t, ctx, "the counts", `document.querySelector('.status').innerText.includes('Imported contacts.csv: 0 created, 1 updated, 1 unchanged.')`)
	waitUntil(t, ctx, "Grace's new type in the list", rowsText+`.some(t => t.includes('Grace Hopper') && t.includes('Client - QuickBooks'))`)

	// A file with a bad row: nothing imported, the row named in a dialog.
	bad := filepath.Join(t.TempDir(), "bad.csv")
	os.WriteFile(bad, []byte("name,contact_type\nAlan Turing,Client\nKatherine Johnson,Partner\n"), 0o600)
	step(t, ctx, "import a bad file", chromedp.SetUploadFiles(chromedp.CSS(`#contacts-import-file`), []string{bad}))
	waitUntil(t, ctx, "the problems dialog", dialogOpen+` && document.querySelector('dialog[open]').innerText.includes('Nothing was imported')`)
	shown := eval[string](t, ctx, `document.querySelector('dialog[open] tbody').innerText`)
	if !strings.Contains(shown, "3") || !strings.Contains(shown, "contact_type") || !strings.Contains(shown, `"Partner"`) {
		t.Fatalf("the dialog shows %q, want row 3, contact_type and the unknown type", shown)
	}
	step(t, ctx, "close", chromedp.Click(button("Close")))
	waitUntil(t, ctx, "still two contacts", `!`+dialogOpen+` && `+countText+` === '2 contacts'`)
}

// waitFile returns the content of a file once a download has put it there.
func waitFile(t *testing.T, path string) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		if b, err := os.ReadFile(path); err == nil && len(b) > 0 {
			return string(b)
		}
		if time.Now().After(deadline) {
			entries, _ := os.ReadDir(filepath.Dir(path))
			t.Fatalf("no %s after 20s; the folder holds %v", filepath.Base(path), entries)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
