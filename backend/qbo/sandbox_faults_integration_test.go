package qbo_test

// Throttling, injected faults, expired authorization and the "never a
// duplicate" promise, through the project's client against the sandbox
// (see sandbox_integration_test.go). These run on real time: the waits
// they show are the ones the client really makes.

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"ledgerlink/backend/qbo"
	"ledgerlink/backend/qbo/sandbox"
	"ledgerlink/internal/testkit"
)

// inject queues a fault rule on the sandbox.
func (l *live) inject(r sandbox.FaultRule) {
	l.t.Helper()
	if _, err := l.srv.InjectFault(r); err != nil {
		l.t.Fatal(err)
	}
}

// sleepRecorder stands in for the client's Sleep: it records each wait and
// returns at once.
type sleepRecorder struct {
	mu     sync.Mutex
	sleeps []time.Duration
}

func (r *sleepRecorder) Sleep(ctx context.Context, d time.Duration) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.sleeps = append(r.sleeps, d)
	return ctx.Err()
}

func (r *sleepRecorder) all() []time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]time.Duration(nil), r.sleeps...)
}

// QBO answers 429 with an XML body even to a client that asked for JSON,
// and with no Retry-After: the client classifies it by its status, reads
// the code from the XML, and waits the minute Intuit asks for.
func TestSandbox_ThrottledAsXML_ClientReadsCode3001_AndWaitsSixtySecondsWithoutRetryAfter(t *testing.T) {
	rec := &sleepRecorder{}
	l := openSandbox(t, sandbox.Options{}, func(c *qbo.Config) { c.Sleep = rec.Sleep })
	l.inject(sandbox.FaultRule{Method: "GET", Path: "/v3/company/*/companyinfo/*", Kind: sandbox.FaultThrottled})
	if _, err := l.client.Company.Info(l.ctx); err != nil {
		t.Fatalf("through one 429: %v", err)
	}
	if got := rec.all(); len(got) != 1 || got[0] != time.Minute {
		t.Errorf("waits %v, want one of 60 s", got)
	}
	if st := l.client.Stats(); st.Throttled != 1 || st.Retries != 1 {
		t.Errorf("stats %+v: want the 429 counted and retried", st)
	}

	once, err := qbo.NewClient(qbo.Config{BaseURL: l.sb.URL, RealmID: l.srv.RealmID(), HTTPClient: l.sb.Client(),
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: l.srv.IssueTokens().AccessToken}),
		Retry:       qbo.RetryPolicy{MaxRetries: -1}})
	if err != nil {
		t.Fatal(err)
	}
	l.inject(sandbox.FaultRule{Method: "GET", Path: "/v3/company/*/companyinfo/*", Kind: sandbox.FaultThrottled})
	_, err = once.Company.Info(l.ctx)
	var e *qbo.Error
	if !qbo.IsThrottled(err) || !errors.As(err, &e) {
		t.Fatalf("429: %v, want throttled", err)
	}
	if e.Code != qbo.CodeThrottleExceeded || e.Type != "SERVICE" || e.Message != "message=ThrottleExceeded; errorCode=003001; statusCode=429" ||
		e.RetryAfter != 0 || e.IntuitTID == "" {
		t.Errorf("the XML fault was not read: %#v", e)
	}
}

func TestSandbox_Throttled_ClientWaitsRetryAfterAndRetries_StatsShowIt(t *testing.T) {
	t.Parallel() // waits in real time; the sandboxes are separate
	// QBO sends no Retry-After (the client would wait a minute); this
	// sandbox is told to, so that the test shows the header honoured.
	l := openSandbox(t, sandbox.Options{Limits: sandbox.Limits{PerSecond: 3, PerMinute: 1000, RetryAfter: true}})
	start := time.Now()
	for i := range 8 {
		if _, err := l.client.Company.Info(l.ctx); err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
	}
	st := l.client.Stats()
	if st.Throttled == 0 || st.Retries == 0 || st.Retries != st.Throttled {
		t.Errorf("stats %+v: want the throttled answers, each retried", st)
	}
	if st.Requests != 8+st.Retries {
		t.Errorf("stats %+v: every request is counted, retries included", st)
	}
	if el := time.Since(start); el < time.Second {
		t.Errorf("8 requests at 3 a second took %v: Retry-After was not honoured", el)
	}
}

func TestSandbox_ClientPacing_StaysWithinTheServersLimits(t *testing.T) {
	t.Parallel() // waits in real time; the sandboxes are separate
	limits := sandbox.Limits{PerSecond: 5, PerMinute: 1000, Concurrent: 2}
	l := openSandbox(t, sandbox.Options{Limits: limits}, func(c *qbo.Config) {
		c.Limits = qbo.Limits{PerSecond: 5, PerMinute: 1000, InFlight: 2, BatchPerMinute: -1}
	})
	var wg sync.WaitGroup
	errs := make(chan error, 15)
	for range 5 {
		wg.Go(func() {
			for range 3 {
				_, err := l.client.Customers.Query(l.ctx, qbo.Query{})
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if st := l.client.Stats(); st.Throttled != 0 || st.Retries != 0 || st.Requests != 15 {
		t.Errorf("stats %+v: a client paced to the server's limits must never be throttled", st)
	}
}

func TestSandbox_Injected500_503_429_RetriedWithSameRequestID_OneCustomer(t *testing.T) {
	t.Parallel() // waits in real time; the sandboxes are separate
	// Retry-After: 1 on the 429, so that the client waits a second, not
	// the minute QBO's bare 429 costs.
	l := openSandbox(t, sandbox.Options{Limits: sandbox.Limits{Off: true, RetryAfter: true}})
	path := "/v3/company/*/customer"
	l.inject(sandbox.FaultRule{Method: "POST", Path: path, Kind: sandbox.FaultServerError})
	l.inject(sandbox.FaultRule{Method: "POST", Path: path, Kind: sandbox.FaultUnavailable})
	l.inject(sandbox.FaultRule{Method: "POST", Path: path, Kind: sandbox.FaultThrottled, Body: "empty"})
	c, err := l.client.Customers.Create(l.ctx, l.rid(), &qbo.Customer{DisplayName: new("Retried Rita")})
	if err != nil {
		t.Fatalf("create through 500, 503 and 429: %v", err)
	}
	if st := l.client.Stats(); st.Retries != 3 || st.Throttled != 1 {
		t.Errorf("stats %+v: want 3 retries, 1 throttled", st)
	}
	if n := l.countCustomers("Retried Rita"); n != 1 || c.ID == "" {
		t.Errorf("%d customers named Retried Rita", n)
	}

	l.inject(sandbox.FaultRule{Method: "GET", Path: "/v3/company/*/customer/*", Kind: sandbox.FaultReset})
	if _, err := l.client.Customers.Get(l.ctx, c.ID); err != nil {
		t.Errorf("read after a connection reset: %v", err)
	}
}

func TestSandbox_Injected401_IsAuthExpired_NotRetried(t *testing.T) {
	l := openSandbox(t, sandbox.Options{})
	l.inject(sandbox.FaultRule{Method: "GET", Path: "/v3/company/*/companyinfo/*", Kind: sandbox.FaultUnauthorized})
	_, err := l.client.Company.Info(l.ctx)
	if !qbo.IsAuthExpired(err) {
		t.Fatalf("injected 401: %v, want auth expired", err)
	}
	if st := l.client.Stats(); st.Requests != 1 {
		t.Errorf("a 401 was retried: %+v", st)
	}
	var e *qbo.Error
	if faultCode(t, err) != qbo.CodeAuthenticationFailed || !errors.As(err, &e) || e.IntuitTID == "" {
		t.Errorf("401 error: %#v", err)
	}

	l.srv.RevokeAll() // the user disconnected the app in QBO
	if _, err := l.client.Customers.Query(l.ctx, qbo.Query{}); !qbo.IsAuthExpired(err) {
		t.Errorf("after disconnecting: %v, want auth expired", err)
	}
}

func TestSandbox_TimeoutAfterCommit_RetryReturnsTheOneCommittedCustomer(t *testing.T) {
	for name, tc := range map[string]struct {
		delay   int           // how long the sandbox holds the connection before resetting it
		timeout time.Duration // the client's per-try timeout
	}{
		"ConnectionReset": {delay: 100},
		"ClientTimeout":   {delay: 10_000, timeout: 300 * time.Millisecond},
	} {
		t.Run(name, func(t *testing.T) {
			l := openSandbox(t, sandbox.Options{}, func(c *qbo.Config) {
				if tc.timeout > 0 {
					c.HTTPClient = &http.Client{Transport: c.HTTPClient.Transport, Timeout: tc.timeout}
				}
			})
			l.inject(sandbox.FaultRule{Method: "POST", Path: "/v3/company/*/customer", Kind: sandbox.FaultTimeoutAfterCommit, DelayMS: tc.delay})
			got, err := l.client.Customers.Create(l.ctx, l.rid(), &qbo.Customer{DisplayName: new("Committed Once")})
			if err != nil {
				t.Fatalf("create: %v", err)
			}
			if st := l.client.Stats(); st.Retries != 1 {
				t.Errorf("stats %+v: want exactly one retry", st)
			}
			if n := l.countCustomers("Committed Once"); n != 1 {
				t.Fatalf("the sandbox holds %d customers named Committed Once, want exactly 1", n)
			}
			all, err := l.client.Customers.Query(l.ctx, qbo.Query{}.Where(qbo.Eq("DisplayName", "Committed Once")))
			if err != nil || len(all) != 1 || all[0].ID != got.ID || all[0].SyncToken != got.SyncToken {
				t.Errorf("the retry answered %s/%s; the sandbox holds %+v (%v)", got.ID, got.SyncToken, all, err)
			}
		})
	}
}

func TestSandbox_BatchTimeoutAfterCommit_RetryReplaysTheBatch_NoSecondCustomers(t *testing.T) {
	l := openSandbox(t, sandbox.Options{})
	l.inject(sandbox.FaultRule{Method: "POST", Path: "/v3/company/*/batch", Kind: sandbox.FaultTimeoutAfterCommit, DelayMS: 100})
	var items []qbo.BatchItem
	for i := range 3 {
		items = append(items, qbo.BatchItem{Operation: qbo.BatchCreate, Object: &qbo.Customer{DisplayName: new(fmt.Sprintf("Batched Once %d", i))}})
	}
	results, err := l.client.Batch(l.ctx, l.rid(), items)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range results {
		if r.Err != nil {
			t.Errorf("item %d after the retry: %v (the replay must answer as the first time)", i, r.Err)
		}
		if n := l.countCustomers(fmt.Sprintf("Batched Once %d", i)); n != 1 {
			t.Errorf("Batched Once %d: %d customers", i, n)
		}
	}
	if st := l.client.Stats(); st.Retries != 1 {
		t.Errorf("stats %+v: want one retry", st)
	}
}

// recordingTokens remembers every token its source hands out.
type recordingTokens struct {
	mu   sync.Mutex
	src  oauth2.TokenSource
	seen []*oauth2.Token
}

func (r *recordingTokens) Token() (*oauth2.Token, error) {
	t, err := r.src.Token()
	if err == nil {
		r.mu.Lock()
		r.seen = append(r.seen, t)
		r.mu.Unlock()
	}
	return t, err
}

func TestSandbox_OAuthFlow_GoOAuth2ConnectsWithPKCE_AndRefreshesARotatedToken(t *testing.T) {
	// Every refresh rotates (by default a refresh within a day of the
	// token's issue returns the same refresh token, as Intuit's does).
	l := openSandbox(t, sandbox.Options{RotateEveryRefresh: true})
	conf := &oauth2.Config{
		ClientID: l.sb.ClientID, ClientSecret: l.sb.ClientSecret, RedirectURL: l.sb.RedirectURI,
		Scopes: []string{"com.intuit.quickbooks.accounting"},
		Endpoint: oauth2.Endpoint{AuthURL: l.sb.URL + "/connect/oauth2", TokenURL: l.sb.URL + "/oauth2/v1/tokens/bearer",
			AuthStyle: oauth2.AuthStyleInHeader},
	}
	verifier := oauth2.GenerateVerifier()
	back, err := url.Parse(testkit.CallbackURL(t, conf.AuthCodeURL("st-42", oauth2.S256ChallengeOption(verifier)), "connect"))
	if err != nil || back.Query().Get("state") != "st-42" || back.Query().Get("code") == "" {
		t.Fatalf("consent sent the browser to %v (%v)", back, err)
	}
	ctx := context.WithValue(l.ctx, oauth2.HTTPClient, l.sb.Client())
	tok, err := conf.Exchange(ctx, back.Query().Get("code"), oauth2.VerifierOption(verifier))
	if err != nil {
		t.Fatalf("exchange: %v", err)
	}
	first := tok.RefreshToken
	tok.Expiry = time.Now().Add(-time.Minute) // make the library refresh before the first call
	rec := &recordingTokens{src: conf.TokenSource(ctx, tok)}
	client, err := qbo.NewClient(qbo.Config{BaseURL: l.sb.URL, RealmID: back.Query().Get("realmId"),
		TokenSource: rec, HTTPClient: l.sb.Client()})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := client.Company.Info(l.ctx); err != nil {
		t.Fatalf("API call after a refresh: %v", err)
	}
	if len(rec.seen) == 0 || rec.seen[0].RefreshToken == first || rec.seen[0].AccessToken == tok.AccessToken {
		t.Errorf("the refresh did not rotate the tokens")
	}
}
