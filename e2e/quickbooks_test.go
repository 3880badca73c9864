//go:build e2e

package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"ledgerlink/internal/testkit"

	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
	_ "modernc.org/sqlite"
)

// openedTab waits for the page to open a tab at url and returns its id.
func openedTab(t *testing.T, ctx context.Context, url string) target.ID {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		infos, err := chromedp.Targets(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, info := range infos {
			if info.Type == "page" && info.URL == url {
				return info.TargetID
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("the app did not open a tab at %s", url)
	return ""
}

var sandboxURL = regexp.MustCompile(`built-in QuickBooks sandbox serving".*? url=(http://127\.0\.0\.1:\d+)`)

func TestQuickBooks_ConnectInBrowser_ShowsCompany_ThenDisconnectRevokes(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "qbo.db")
	redirect := fmt.Sprintf("http://127.0.0.1:%d/callback", testkit.FreePort(t))
	p := start(t, []string{"LEDGERLINK_QBO_REDIRECT_URI=" + redirect}, "serve", "--addr", "127.0.0.1:0", "--db", dbPath)
	line := p.waitLine(t, "serving on ", 30*time.Second)
	base := strings.TrimSuffix(line[strings.Index(line, "http://"):], "/")

	ctx := newBrowser(t)
	step(t, ctx, "open Settings", chromedp.Navigate(base+"/#/settings"), chromedp.WaitVisible(button("Connect to QuickBooks")))
	step(t, ctx, "press Connect", chromedp.Click(button("Connect to QuickBooks")))
	waitUntil(t, ctx, "the waiting state", `!!document.querySelector('[data-testid=qbo-auth-url]')`)
	authURL := eval[string](t, ctx, `document.querySelector('[data-testid=qbo-auth-url]').href`)
	if !strings.Contains(authURL, "/connect/oauth2?") || !strings.Contains(authURL, "state=") || !strings.Contains(authURL, "code_challenge=") {
		t.Fatalf("authorization URL %q lacks the consent path, state or PKCE challenge", authURL)
	}

	// The app opened the sign-in in a new tab. Headless Chromium does not
	// run a background tab's page, so the person's sign-in happens in a
	// second browser window of its own; the app's page stays open here.
	openedTab(t, ctx, authURL)
	tab := newBrowser(t)
	step(t, tab, "open the consent page", chromedp.Navigate(authURL), chromedp.WaitVisible(chromedp.CSS("#connect")))
	step(t, tab, "approve", chromedp.Click(chromedp.CSS("#connect")))
	waitUntil(t, tab, "the callback page", `document.body.innerText.includes('Connected')`)
	if loc := eval[string](t, tab, `location.href`); !strings.HasPrefix(loc, redirect) {
		t.Fatalf("the browser ended at %q, want the loopback callback %s", loc, redirect)
	}

	// The app shows the company, without a reload.
	waitUntil(t, ctx, "the company name", `document.querySelector('[data-testid=qbo-company]')?.innerText.trim().length > 0`)
	company := eval[string](t, ctx, `document.querySelector('[data-testid=qbo-company]').innerText`)
	if badge := eval[string](t, ctx, `document.querySelector('.badge').innerText`); badge != "Connected" {
		t.Fatalf("badge = %q after connecting to %q", badge, company)
	}
	t.Logf("connected to %q", company)
	// The card counts down to Intuit's 5-year cap, which the token
	// endpoint sends because Ledgerlink asks for it.
	limit := eval[string](t, ctx, `document.querySelector('[data-testid=qbo-hard-limit]')?.innerText ?? ''`)
	if !regexp.MustCompile(`^18\d\d days left, until `).MatchString(limit) {
		t.Fatalf("5-year limit row = %q; want about 1,826 days left and the date", limit)
	}
	step(t, ctx, "check the connection", chromedp.Click(button("Check connection")))
	waitUntil(t, ctx, "QuickBooks' answer", `document.body.innerText.includes('QuickBooks answered: ' + `+js(company)+`)`)

	refresh := testkit.StoredRefreshToken(t, dbPath)
	m := sandboxURL.FindStringSubmatch(p.log.String())
	if m == nil {
		t.Fatalf("the log does not say where the built-in sandbox serves:\n%s", p.log.String())
	}

	// Disconnect: asks first, then revokes and forgets.
	step(t, ctx, "disconnect", chromedp.Click(button("Disconnect")), chromedp.WaitVisible(button("Cancel")))
	step(t, ctx, "confirm", chromedp.Click(chromedp.Search(`//dialog//button[normalize-space()='Disconnect']`)))
	waitUntil(t, ctx, "the disconnected card", `document.querySelector('.badge')?.innerText === 'Not connected'`)

	// The sandbox no longer honours the old refresh token.
	form := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {refresh}}
	req, _ := http.NewRequest("POST", m[1]+"/oauth2/v1/tokens/bearer", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	req.SetBasicAuth("ledgerlink-sandbox-client", "ledgerlink-sandbox-secret")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body struct{ Error string }
	json.NewDecoder(res.Body).Decode(&body)
	if res.StatusCode != http.StatusBadRequest || body.Error != "invalid_grant" {
		t.Fatalf("after Disconnect, refreshing with the old token got %d %q; want 400 invalid_grant", res.StatusCode, body.Error)
	}
}
