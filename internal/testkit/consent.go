package testkit

import (
	"html"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// CallbackPage is what the app's loopback listener says once connected.
const CallbackPage = "Connected — you can close this window and return to Ledgerlink"

// Browser is a person's browser: it keeps cookies and follows redirects,
// so pressing Connect on the consent page lands on the app's callback.
func Browser() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 30 * time.Second}
}

// NoFollow is a browser that stops at the redirect back, for tests that
// deliver the callback themselves.
func NoFollow() *http.Client {
	c := Browser()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return c
}

var hiddenField = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

// Consent opens the authorization URL, then presses a button on the
// sandbox's consent page (decision "connect" or "deny") as a browser
// submits the form, with client c. It returns the final response and its
// body.
func Consent(t testing.TB, c *http.Client, authURL, decision string) (*http.Response, string) {
	t.Helper()
	resp, err := c.Get(authURL)
	if err != nil {
		t.Fatalf("open the authorization URL: %v", err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), `id="connect"`) || !strings.Contains(string(page), `id="deny"`) {
		t.Fatalf("consent page: %d %s", resp.StatusCode, page)
	}
	form := url.Values{"decision": {decision}}
	for _, m := range hiddenField.FindAllStringSubmatch(string(page), -1) {
		form.Set(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
	}
	u, _ := url.Parse(authURL)
	resp, err = c.PostForm(u.Scheme+"://"+u.Host+u.Path, form)
	if err != nil {
		t.Fatalf("press %s: %v", decision, err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(body)
}

// Approve presses Connect and follows the redirect to the app's loopback
// listener, failing the test unless the app says it is connected.
func Approve(t testing.TB, authURL string) {
	t.Helper()
	resp, body := Consent(t, Browser(), authURL, "connect")
	if resp.StatusCode != http.StatusOK || !strings.Contains(body, CallbackPage) {
		t.Fatalf("the callback page answered %d:\n%s", resp.StatusCode, body)
	}
}

// CallbackURL presses Connect (or deny) without following the redirect and
// returns the address the browser is sent to.
func CallbackURL(t testing.TB, authURL, decision string) string {
	t.Helper()
	resp, _ := Consent(t, NoFollow(), authURL, decision)
	if resp.StatusCode != http.StatusFound {
		t.Fatalf("consent answered %d, want a redirect", resp.StatusCode)
	}
	return resp.Header.Get("Location")
}
