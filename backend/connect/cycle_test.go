package connect

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"ledgerlink/internal/testkit"
)

func TestFullCycle_NoSecretInErrorsPagesOrLogs(t *testing.T) {
	e := newEnv(t)
	m := e.manager()
	var texts []string
	var errs []error

	// A refused attempt, a forged answer, then a real connection.
	p := e.begin(m)
	_, body := testkit.Consent(t, testkit.Browser(), p.URL, "deny")
	texts = append(texts, body)
	_, err := p.Wait(context.Background())
	errs = append(errs, err)
	p, err = m.Begin(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	cb := testkit.CallbackURL(t, p.URL, "connect")
	forged := strings.Replace(cb, "state=", "state=forged", 1)
	texts = append(texts, get(t, forged, "").body)
	errs = append(errs, p.CompleteWithURL(forged))
	texts = append(texts, get(t, cb, "attacker.example").body, get(t, cb, "").body)
	g, err := p.Wait(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	texts = append(texts, g.String(), mustJSON(t, g), mustJSON(t, m.State()))

	// API calls, a refresh, a failed refresh, a refused one.
	api := e.api(m, g.RealmID)
	if _, err := companyName(t, api); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(61 * time.Minute)
	e.SetTokenHook(func(w http.ResponseWriter, r *http.Request, form url.Values) bool {
		w.WriteHeader(http.StatusBadGateway)
		_, _ = w.Write([]byte("gateway saw " + form.Get("refresh_token")))
		return true
	})
	_, err = companyName(t, api)
	errs = append(errs, err)
	e.SetTokenHook(nil)
	if _, err := companyName(t, api); err != nil {
		t.Fatal(err)
	}
	e.clock.Advance(102 * 24 * time.Hour)
	_, err = companyName(t, api)
	errs = append(errs, err)
	texts = append(texts, m.State().Reason)

	// Reconnect, then disconnect, then use the old client.
	e.connect(m)
	if err := m.Disconnect(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, err = companyName(t, api)
	errs = append(errs, err)

	for _, err := range errs {
		if err == nil {
			t.Fatal("expected an error at every failing step")
		}
		t.Logf("error shown: %v", err)
		e.assertErrClean(err)
	}
	e.assertNoSecret(texts...)
	e.assertNoSecret(e.logs.String())
	if len(e.Secrets()) < 8 {
		t.Fatalf("only %d secrets were recorded; the scan would prove little", len(e.Secrets()))
	}
}
