//go:build e2e

package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"ledgerlink/backend/sqlite"
	"ledgerlink/internal/fixture"
)

const (
	submitForm  = `button[type=submit][form=contact-form]`
	rowsText    = `[...document.querySelectorAll('.row[data-contact-id]')].map(r => r.innerText)`
	dialogOpen  = `!!document.querySelector('dialog[open]')`
	countText   = `document.querySelector('.count').innerText`
	searchInput = `#contact-search`
)

func button(label string) chromedp.Search {
	return chromedp.Search(fmt.Sprintf(`//button[normalize-space()=%q]`, label))
}

func openApp(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	step(t, ctx, "open the app", chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS(searchInput)))
	waitUntil(t, ctx, "the first list load", `!`+countText+`.includes('Loading')`)
}

func createContact(t *testing.T, ctx context.Context, name, email string) {
	t.Helper()
	step(t, ctx, "open New contact",
		chromedp.Click(chromedp.CSS(`button[title^="New contact"]`)),
		chromedp.WaitVisible(chromedp.CSS("#name")))
	step(t, ctx, "type "+name,
		chromedp.SendKeys(chromedp.CSS("#name"), name),
		chromedp.SendKeys(chromedp.CSS("#email"), email),
		chromedp.Click(chromedp.CSS(submitForm)))
	waitUntil(t, ctx, name+" in the list", `!`+dialogOpen+` && `+rowsText+`.some(t => t.includes(`+js(name)+`))`)
}

func TestContacts_CreateFindEditDelete(t *testing.T) {
	base := serve(t, filepath.Join(t.TempDir(), "e2e.db"))
	ctx := newBrowser(t)
	openApp(t, ctx, base)
	waitUntil(t, ctx, "the empty state", `document.body.innerText.includes('No contacts yet')`)

	createContact(t, ctx, "Ada Lovelace", "ada@analytical.example")
	createContact(t, ctx, "Charles Babbage", "charles@engines.example")
	waitUntil(t, ctx, "two contacts counted", countText+` === '2 contacts'`)

	// Find it by search (a part of the name, any case).
	step(t, ctx, "search", chromedp.SendKeys(chromedp.CSS(searchInput), "LOVEL"))
	waitUntil(t, ctx, "one match", countText+`.startsWith('1 matching')`)
	if rows := eval[[]string](t, ctx, rowsText); len(rows) != 1 || !strings.Contains(rows[0], "Ada Lovelace") {
		t.Fatalf("rows after searching LOVEL = %q", rows)
	}
	// And by email.
	step(t, ctx, "search by email", setField(searchInput, "engines.example"))
	waitUntil(t, ctx, "the email match", rowsText+`.length === 1 && `+rowsText+`[0].includes('Charles Babbage')`)
	step(t, ctx, "clear search", setField(searchInput, ""))
	waitUntil(t, ctx, "both again", rowsText+`.length === 2`)

	// Edit: a bad email is refused with the reason beside the field.
	step(t, ctx, "open Ada", chromedp.Click(chromedp.Search(`//div[contains(@class,'row')][contains(., 'Ada Lovelace')]`)),
		chromedp.WaitVisible(chromedp.CSS("#email")))
	step(t, ctx, "enter a bad email", setField("#email", "ada at analytical"), chromedp.Click(chromedp.CSS(submitForm)))
	waitUntil(t, ctx, "the email error", `document.getElementById('email-error')?.innerText.includes('not an email address')`)
	if got := eval[string](t, ctx, `document.getElementById('email').getAttribute('aria-invalid')`); got != "true" {
		t.Errorf("email field aria-invalid = %q, want true", got)
	}
	if !eval[bool](t, ctx, dialogOpen) {
		t.Fatal("the dialog closed although the save was refused")
	}
	step(t, ctx, "fix and save",
		setField("#email", "countess@analytical.example"),
		setField("#name", "Ada King, Countess of Lovelace"),
		chromedp.Click(chromedp.CSS(submitForm)))
	waitUntil(t, ctx, "the edited row", `!`+dialogOpen+` && `+rowsText+`.some(t => t.includes('countess@analytical.example'))`)

	// The edit is stored, not just shown: it survives a reload.
	step(t, ctx, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(searchInput)))
	waitUntil(t, ctx, "the edit after reload", rowsText+`.some(t => t.includes('Ada King, Countess of Lovelace'))`)

	// Delete asks first; Cancel keeps the contact, Delete removes it.
	step(t, ctx, "open Ada again", chromedp.Click(chromedp.Search(`//div[contains(@class,'row')][contains(., 'Countess')]`)),
		chromedp.WaitVisible(button("Delete…")))
	step(t, ctx, "ask to delete", chromedp.Click(button("Delete…")), chromedp.WaitVisible(button("Delete contact")))
	if msg := eval[string](t, ctx, `document.querySelector('dialog[open] .message').innerText`); !strings.Contains(msg, "Ada King, Countess of Lovelace") {
		t.Errorf("confirmation %q does not name the contact", msg)
	}
	step(t, ctx, "cancel", chromedp.Click(button("Cancel")))
	step(t, ctx, "delete for real", chromedp.Click(button("Delete…")), chromedp.WaitVisible(button("Delete contact")),
		chromedp.Click(button("Delete contact")))
	waitUntil(t, ctx, "Ada gone", `!`+dialogOpen+` && `+rowsText+`.length === 1 && `+countText+` === '1 contact'`)
	step(t, ctx, "reload", chromedp.Reload(), chromedp.WaitVisible(chromedp.CSS(searchInput)))
	waitUntil(t, ctx, "only Charles after reload", rowsText+`.length === 1 && `+rowsText+`[0].includes('Charles Babbage')`)
}

func TestContacts_OddNameRoundTripsIntact(t *testing.T) {
	base := serve(t, filepath.Join(t.TempDir(), "e2e.db"))
	ctx := newBrowser(t)
	openApp(t, ctx, base)

	head := `O'Brien "The Quote" & Sons — Ltd; 🧾 `
	name := head + strings.Repeat("ü", 2000-utf8.RuneCountInString(head)-1) + "Z"
	if n := utf8.RuneCountInString(name); n != 2000 {
		t.Fatalf("test name has %d characters", n)
	}
	step(t, ctx, "open New contact", chromedp.Click(chromedp.CSS(`button[title^="New contact"]`)), chromedp.WaitVisible(chromedp.CSS("#name")))
	step(t, ctx, "paste the odd name", setField("#name", name), chromedp.Click(chromedp.CSS(submitForm)))
	waitUntil(t, ctx, "the saved row", `!`+dialogOpen+` && `+rowsText+`.length === 1`)

	// Read it back through the page's own API call and through the form.
	got := evalAsync[string](t, ctx, `(async () => {
		const token = document.querySelector('meta[name="ledgerlink-token"]').content;
		const call = (m, a) => fetch('/api/call/' + m, { method: 'POST', headers: { 'X-Ledgerlink-Token': token }, body: JSON.stringify(a) }).then(r => r.json());
		const page = await call('Contacts.List', [{ search: '', sort: 'name', desc: false, offset: 0, limit: 10 }]);
		return (await call('Contacts.Get', [page.result.rows[0].id])).result.name;
	})()`)
	if got != name {
		t.Fatalf("name from the store differs:\n got %d chars %q…\nwant %d chars %q…", utf8.RuneCountInString(got), got[:60], 2000, name[:60])
	}
	step(t, ctx, "open the row", chromedp.Click(chromedp.CSS(`.row[data-contact-id]`)), chromedp.WaitVisible(chromedp.CSS("#name")))
	if v := eval[string](t, ctx, `document.getElementById('name').value`); v != name {
		t.Fatalf("name in the edit form differs (%d chars)", utf8.RuneCountInString(v))
	}
	// Search finds it by its quoted part.
	step(t, ctx, "close", chromedp.Click(button("Cancel")), setField(searchInput, `"the quote"`))
	waitUntil(t, ctx, "the quoted search", countText+`.startsWith('1 matching')`)
}

func TestContacts_KeyboardOnly(t *testing.T) {
	base := serve(t, filepath.Join(t.TempDir(), "e2e.db"))
	ctx := newBrowser(t)
	openApp(t, ctx, base)

	// Alt+N opens the form with the cursor in Name; Enter saves.
	step(t, ctx, "Alt+N", chromedp.KeyEvent("n", chromedp.KeyModifiers(chromedp.ModifierAlt)), chromedp.WaitVisible(chromedp.CSS("#name")))
	if focused := eval[string](t, ctx, `document.activeElement.id`); focused != "name" {
		t.Fatalf("focus is on %q, want the name field", focused)
	}
	step(t, ctx, "type and press Enter", chromedp.KeyEvent("Grace Hopper"), chromedp.KeyEvent(kb.Enter))
	waitUntil(t, ctx, "the saved row", `!`+dialogOpen+` && `+rowsText+`.some(t => t.includes('Grace Hopper'))`)

	// "/" jumps to search; Tab reaches the list; arrows and Enter open a row; Escape closes.
	step(t, ctx, "slash", chromedp.Evaluate[chromedp.Void](`document.activeElement.blur()`), chromedp.KeyEvent("/"))
	if focused := eval[string](t, ctx, `document.activeElement.id`); focused != "contact-search" {
		t.Fatalf("'/' focused %q, want the search box", focused)
	}
	step(t, ctx, "to the grid", chromedp.Focus(chromedp.CSS(`[role=grid]`)), chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter))
	waitUntil(t, ctx, "the edit form", dialogOpen+` && document.getElementById('name').value === 'Grace Hopper'`)
	step(t, ctx, "Escape", chromedp.KeyEvent(kb.Escape))
	waitUntil(t, ctx, "the form closed", `!`+dialogOpen)

	// Alt+3 goes to Sync, Alt+1 back to Contacts.
	step(t, ctx, "Alt+3", chromedp.KeyEvent("3", chromedp.KeyModifiers(chromedp.ModifierAlt)))
	waitUntil(t, ctx, "the Sync area", `location.hash === '#/sync' && document.querySelector('h1').innerText === 'Sync'`)
	step(t, ctx, "Alt+1", chromedp.KeyEvent("1", chromedp.KeyModifiers(chromedp.ModifierAlt)))
	waitUntil(t, ctx, "Contacts again", `document.querySelector('h1').innerText === 'Contacts'`)
}

func TestContacts_TenThousandRenderOnlyVisibleRows(t *testing.T) {
	path := filepath.Join(t.TempDir(), "big.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if err := sqlite.NewContactService(db).CreateContacts(context.Background(), fixture.Contacts(10_000, 1)); err != nil {
		t.Fatal(err)
	}
	db.Close()

	base := serve(t, path)
	ctx := newBrowser(t)
	openApp(t, ctx, base)
	waitUntil(t, ctx, "the count", countText+` === '10,000 contacts'`)
	if n := eval[int](t, ctx, `document.querySelectorAll('.row').length`); n == 0 || n > 80 {
		t.Fatalf("%d rows in the page for 10,000 contacts; the list should draw only those in view", n)
	}

	// Jump to the end: the last row is drawn, and still only a few rows exist.
	step(t, ctx, "scroll to the end", chromedp.Evaluate[chromedp.Void](`document.querySelector('.viewport').scrollTop = 1e9`))
	waitUntil(t, ctx, "the last row", `(() => {
		const r = document.querySelector('.row[aria-rowindex="10001"]');
		return !!r && r.dataset.contactId !== undefined && r.innerText.trim() !== '';
	})()`)
	if n := eval[int](t, ctx, `document.querySelectorAll('.row').length`); n > 80 {
		t.Fatalf("%d rows drawn after scrolling; want only those in view", n)
	}

	// Filter: every contact with Hopper in the name (500 of them).
	step(t, ctx, "search hopper", setField(searchInput, "hopper"))
	waitUntil(t, ctx, "500 matches", countText+`.startsWith('500 matching')`)
	rows := eval[[]string](t, ctx, rowsText)
	for _, r := range rows {
		if !strings.Contains(strings.ToLower(r), "hopper") {
			t.Fatalf("row %q shown for search 'hopper'", r)
		}
	}
}

// A web page the user happens to visit must not be able to call Ledgerlink.
func TestBrowserMode_RefusesOtherWebSites(t *testing.T) {
	base := serve(t, filepath.Join(t.TempDir(), "e2e.db"))
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, `<!doctype html><script>
		const app = %s;
		window.results = {};
		const body = JSON.stringify([{ name: 'Planted By Evil Page', typeId: 1 }]);
		Promise.allSettled([
		  fetch(app + '/api/call/Contacts.Create', { method: 'POST', mode: 'no-cors', body })
		    .then(() => results.simplePost = 'sent', () => results.simplePost = 'blocked'),
		  fetch(app + '/api/call/Contacts.Create', { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Ledgerlink-Token': 'guess' }, body })
		    .then(() => results.tokenPost = 'answered', () => results.tokenPost = 'blocked'),
		  fetch(app + '/').then(r => r.text()).then(t => results.readPage = t.slice(0, 40), () => results.readPage = 'blocked'),
		]).then(() => results.done = true);
		</script>`, js(base))
	}))
	defer evil.Close()

	ctx := newBrowser(t)
	step(t, ctx, "visit the other site", chromedp.Navigate(evil.URL))
	waitUntil(t, ctx, "its attempts to finish", `window.results && window.results.done === true`)
	if got := eval[string](t, ctx, `results.readPage`); got != "blocked" {
		t.Errorf("another site could read Ledgerlink's page (and its token): %q", got)
	}
	if got := eval[string](t, ctx, `results.tokenPost`); got != "blocked" {
		t.Errorf("another site's call with a custom header got an answer: %q", got)
	}

	// Whatever was sent, nothing was created.
	openApp(t, ctx, base)
	if rows := eval[[]string](t, ctx, rowsText); len(rows) != 0 {
		t.Fatalf("contacts after the other site's attempts: %q", rows)
	}
}
