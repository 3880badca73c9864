package qbo

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// seenRequest is what the server saw of one try.
type seenRequest struct {
	Method, Path, RawQuery, Body string
}

// recorder answers tries in turn from a script and records them.
type recorder struct {
	mu      sync.Mutex
	seen    []seenRequest
	answers []func(w http.ResponseWriter)
}

func (rec *recorder) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	b, _ := io.ReadAll(r.Body)
	rec.mu.Lock()
	n := len(rec.seen)
	rec.seen = append(rec.seen, seenRequest{r.Method, r.URL.Path, r.URL.RawQuery, string(b)})
	answer := rec.answers[min(n, len(rec.answers)-1)]
	rec.mu.Unlock()
	answer(w)
}

func status(t *testing.T, code int, file string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		if file == "" {
			w.WriteHeader(code)
			return
		}
		serveFile(t, w, code, file)
	}
}

func withHeader(k, v string, next func(http.ResponseWriter)) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		w.Header().Set(k, v)
		next(w)
	}
}

func TestClient_ServerErrorThenOK_RetriesSameRequestWithSameRequestID(t *testing.T) {
	env := newTestEnv(t)
	rec := &recorder{answers: []func(http.ResponseWriter){
		status(t, 500, ""),
		withHeader("Retry-After", "0", status(t, 503, "gateway_502.html")),
		status(t, 200, "invoice.json"),
	}}
	env.mux.Handle("POST "+companyPath+"invoice", rec)
	inv := &Invoice{CustomerRef: Ref("58"), Line: []Line{{Amount: 30000, DetailType: DetailTypeSalesItem,
		SalesItemLineDetail: &SalesItemLineDetail{ItemRef: Ref("7"), Qty: mustDecimal(t, "2.5"), UnitPrice: mustDecimal(t, "120")}}}}
	got, err := env.client.Invoices.Create(context.Background(), "ob-invoice-1042", inv)
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != "1042" {
		t.Errorf("Id = %q", got.ID)
	}
	if len(rec.seen) != 3 {
		t.Fatalf("%d tries, want 3", len(rec.seen))
	}
	for i, s := range rec.seen[1:] {
		if diff := cmp.Diff(rec.seen[0], s); diff != "" {
			t.Errorf("retry %d differs from the first try (-first +retry):\n%s", i+1, diff)
		}
	}
	if want := "minorversion=75&requestid=ob-invoice-1042"; rec.seen[0].RawQuery != want {
		t.Errorf("query = %s, want %s", rec.seen[0].RawQuery, want)
	}
	// Backoff: 500 ms step at jitter 0.5 is 375 ms; the 503's Retry-After of
	// 0 falls back to the next step, 1 s at 0.5 is 750 ms.
	if diff := cmp.Diff([]time.Duration{375 * time.Millisecond, 750 * time.Millisecond}, env.clock.Sleeps()); diff != "" {
		t.Errorf("sleeps (-want +got):\n%s", diff)
	}
	s := env.client.Stats()
	if s.Requests != 3 || s.Retries != 2 {
		t.Errorf("stats = %+v, want 3 requests of which 2 retries", s)
	}
}

func TestClient_Throttled_HonoursRetryAfterSeconds(t *testing.T) {
	env := newTestEnv(t)
	rec := &recorder{answers: []func(http.ResponseWriter){
		withHeader("Retry-After", "7", status(t, 429, "fault_throttle.json")),
		status(t, 200, "customer.json"),
	}}
	env.mux.Handle("GET "+companyPath+"customer/58", rec)
	if _, err := env.client.Customers.Get(context.Background(), "58"); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]time.Duration{7 * time.Second}, env.clock.Sleeps()); diff != "" {
		t.Errorf("sleeps (-want +got):\n%s", diff)
	}
	if got := env.client.Stats().Throttled; got != 1 {
		t.Errorf("Throttled = %d", got)
	}
}

func TestClient_Throttled_HonoursRetryAfterHTTPDate(t *testing.T) {
	env := newTestEnv(t)
	at := env.clock.Now().Add(12 * time.Second).UTC().Format(http.TimeFormat)
	rec := &recorder{answers: []func(http.ResponseWriter){
		withHeader("Retry-After", at, status(t, 429, "")),
		status(t, 200, "customer.json"),
	}}
	env.mux.Handle("GET "+companyPath+"customer/58", rec)
	if _, err := env.client.Customers.Get(context.Background(), "58"); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]time.Duration{12 * time.Second}, env.clock.Sleeps()); diff != "" {
		t.Errorf("sleeps (-want +got):\n%s", diff)
	}
}

func TestClient_ThrottledWithoutRetryAfter_WaitsSixtySeconds(t *testing.T) {
	env := newTestEnv(t)
	rec := &recorder{answers: []func(http.ResponseWriter){status(t, 429, "fault_throttle.json"), status(t, 200, "customer.json")}}
	env.mux.Handle("GET "+companyPath+"customer/58", rec)
	if _, err := env.client.Customers.Get(context.Background(), "58"); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]time.Duration{time.Minute}, env.clock.Sleeps()); diff != "" {
		t.Errorf("sleeps (-want +got):\n%s", diff)
	}
}

func TestClient_ThrottledAsXMLWithoutRetryAfter_WaitsSixtySeconds(t *testing.T) {
	env := newTestEnv(t)
	rec := &recorder{answers: []func(http.ResponseWriter){status(t, 429, "fault_throttle.xml"), status(t, 200, "customer.json")}}
	env.mux.Handle("GET "+companyPath+"customer/58", rec)
	if _, err := env.client.Customers.Get(context.Background(), "58"); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff([]time.Duration{time.Minute}, env.clock.Sleeps()); diff != "" {
		t.Errorf("sleeps (-want +got):\n%s", diff)
	}
	if st := env.client.Stats(); st.Throttled != 1 {
		t.Errorf("stats %+v: the XML 429 was not counted as throttled", st)
	}
}

func TestClient_RetryAfterBeyondMaxWait_ReturnsThrottledError(t *testing.T) {
	env := newTestEnv(t)
	rec := &recorder{answers: []func(http.ResponseWriter){withHeader("Retry-After", "3600", status(t, 429, "fault_throttle.json"))}}
	env.mux.Handle("GET "+companyPath+"customer/58", rec)
	_, err := env.client.Customers.Get(context.Background(), "58")
	if !IsThrottled(err) {
		t.Fatalf("err = %v, want throttled", err)
	}
	var qe *Error
	if !errors.As(err, &qe) || qe.RetryAfter != time.Hour {
		t.Errorf("RetryAfter not reported: %#v", qe)
	}
	if len(rec.seen) != 1 || len(env.clock.Sleeps()) != 0 {
		t.Errorf("%d tries, sleeps %v; want one try, no wait", len(rec.seen), env.clock.Sleeps())
	}
}

func TestClient_WriteWithoutRequestID_NotRetried(t *testing.T) {
	env := newTestEnv(t)
	rec := &recorder{answers: []func(http.ResponseWriter){status(t, 500, ""), status(t, 200, "customer.json")}}
	env.mux.Handle("POST "+companyPath+"customer", rec)
	req, err := env.client.NewRequest("POST", "customer", &Customer{DisplayName: new("A")})
	if err != nil {
		t.Fatal(err)
	}
	err = env.client.Do(context.Background(), req, nil)
	var qe *Error
	if !errors.As(err, &qe) || qe.StatusCode != 500 {
		t.Fatalf("err = %v, want the 500", err)
	}
	if len(rec.seen) != 1 {
		t.Errorf("%d tries, want 1", len(rec.seen))
	}
}

func TestClient_ReadAfterNetworkError_Retried(t *testing.T) {
	env := newTestEnv(t)
	var mu sync.Mutex
	tries := 0
	env.handle("GET", "customer/58", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		tries++
		n := tries
		mu.Unlock()
		if n == 1 {
			// Cut the connection without an answer, as a reset would.
			conn, _, err := w.(http.Hijacker).Hijack()
			if err == nil {
				conn.Close()
			}
			return
		}
		serveFile(t, w, 200, "customer.json")
	})
	if _, err := env.client.Customers.Get(context.Background(), "58"); err != nil {
		t.Fatal(err)
	}
	if tries != 2 {
		t.Errorf("%d tries, want 2", tries)
	}
}

func TestClient_ValidationFault_NotRetried(t *testing.T) {
	env := newTestEnv(t)
	rec := &recorder{answers: []func(http.ResponseWriter){status(t, 400, "fault_duplicate_name.json")}}
	env.mux.Handle("POST "+companyPath+"customer", rec)
	_, err := env.client.Customers.Create(context.Background(), "ob-1", &Customer{DisplayName: new("Taken")})
	if !IsDuplicateName(err) {
		t.Fatalf("err = %v", err)
	}
	if len(rec.seen) != 1 {
		t.Errorf("%d tries, want 1", len(rec.seen))
	}
}

func TestClient_RetriesExhausted_ReturnsLastErrorWithCount(t *testing.T) {
	env := newTestEnv(t, func(c *Config) {
		c.Retry = RetryPolicy{MaxRetries: 2, BaseDelay: time.Second, MaxDelay: 3 * time.Second}
	})
	rec := &recorder{answers: []func(http.ResponseWriter){status(t, 502, "gateway_502.html")}}
	env.mux.Handle("GET "+companyPath+"customer/58", rec)
	_, err := env.client.Customers.Get(context.Background(), "58")
	var qe *Error
	if !errors.As(err, &qe) || qe.StatusCode != 502 {
		t.Fatalf("err = %v", err)
	}
	if len(rec.seen) != 3 {
		t.Errorf("%d tries, want 3", len(rec.seen))
	}
	if diff := cmp.Diff([]time.Duration{750 * time.Millisecond, 1500 * time.Millisecond}, env.clock.Sleeps()); diff != "" {
		t.Errorf("sleeps (-want +got):\n%s", diff)
	}
}

func TestClient_Backoff_CappedAndJittered(t *testing.T) {
	c := &Client{retry: RetryPolicy{BaseDelay: time.Second, MaxDelay: 8 * time.Second}}
	for _, tt := range []struct {
		retries int
		rand    float64
		want    time.Duration
	}{
		{0, 0, 500 * time.Millisecond},
		{0, 0.999999, time.Second},
		{2, 0, 2 * time.Second},
		{3, 0.5, 6 * time.Second},
		{10, 0, 4 * time.Second},
		{10, 0.999999, 8 * time.Second},
	} {
		c.rand = func() float64 { return tt.rand }
		if got := c.backoff(tt.retries).Round(time.Millisecond); got != tt.want {
			t.Errorf("backoff(%d) at %v = %v, want %v", tt.retries, tt.rand, got, tt.want)
		}
	}
}

func TestClient_ContextCancelledWhileWaiting_StopsAtOnce(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	env := newTestEnv(t, func(c *Config) {
		c.Sleep = func(ctx context.Context, d time.Duration) error {
			cancel()
			return ctx.Err()
		}
	})
	rec := &recorder{answers: []func(http.ResponseWriter){status(t, 503, "")}}
	env.mux.Handle("GET "+companyPath+"customer/58", rec)
	_, err := env.client.Customers.Get(ctx, "58")
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if len(rec.seen) != 1 {
		t.Errorf("%d tries, want 1", len(rec.seen))
	}
}

func TestClient_RealSleep_HonoursContext(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Millisecond)
	defer cancel()
	start := time.Now()
	if err := sleepContext(ctx, time.Hour); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Error("sleep ignored the context")
	}
}

func TestClient_TokenSourceFailure_NotRetried(t *testing.T) {
	env := newTestEnv(t, func(c *Config) { c.TokenSource = failingTokens{} })
	rec := &recorder{answers: []func(http.ResponseWriter){status(t, 200, "customer.json")}}
	env.mux.Handle("GET "+companyPath+"customer/58", rec)
	_, err := env.client.Customers.Get(context.Background(), "58")
	if err == nil || len(rec.seen) != 0 || len(env.clock.Sleeps()) != 0 {
		t.Errorf("err = %v, tries %d, sleeps %v", err, len(rec.seen), env.clock.Sleeps())
	}
}

func TestClient_ConnectionRefused_ErrorNamesCallNotURL(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	env := newTestEnv(t, func(c *Config) {
		c.BaseURL = "http://" + addr
		c.Retry.MaxRetries = -1
	})
	_, err = env.client.Customers.Query(context.Background(), Query{}.Where(Eq("DisplayName", "O'Brien")))
	if err == nil {
		t.Fatal("no error")
	}
	if got := err.Error(); !contains(got, "GET query") || contains(got, "O'Brien") || contains(got, "minorversion") {
		t.Errorf("error text = %q", got)
	}
}

func TestClient_RetryAfterTimeout_ReusesRequestID(t *testing.T) {
	var mu sync.Mutex
	var seen []seenRequest
	env := newTestEnv(t)
	env.client.http.Timeout = 100 * time.Millisecond // one try; real time, kept short
	env.handle("POST", "payment", func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		seen = append(seen, seenRequest{r.Method, r.URL.Path, r.URL.RawQuery, string(b)})
		n := len(seen)
		mu.Unlock()
		if n == 1 {
			// The write is committed, but the answer never arrives in time.
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return
		}
		serveFile(t, w, 200, "payment.json")
	})
	got, err := env.client.Payments.Create(context.Background(), "ob-pay-311", &Payment{CustomerRef: Ref("58"), TotalAmt: 50000})
	if err != nil {
		t.Fatal(err)
	}
	if got.ID != "311" {
		t.Errorf("Id = %q", got.ID)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 2 || seen[0] != seen[1] || !strings.Contains(seen[0].RawQuery, "requestid=ob-pay-311") {
		t.Errorf("tries = %+v", seen)
	}
	if s := env.client.Stats(); s.Requests != 2 || s.Retries != 1 {
		t.Errorf("stats = %+v", s)
	}
}

func TestClient_ThrottledWithADeadlineSooner_GivesUpAtOnceInsteadOfWaiting(t *testing.T) {
	env := newTestEnv(t)
	tries := 0
	env.handle("GET", "companyinfo/"+testRealm, func(w http.ResponseWriter, r *http.Request) {
		tries++
		serveFile(t, w, 429, "fault_throttle.xml")
	})
	// Someone waits for the answer for at most 30 s; QBO asks for 60.
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err := env.client.Company.Info(ctx)
	if !errors.Is(err, ErrThrottled) || tries != 1 {
		t.Fatalf("err = %v after %d tries; want ErrThrottled after one", err, tries)
	}
	if sleeps := env.clock.Sleeps(); len(sleeps) != 0 {
		t.Fatalf("waited %v; a wait longer than the deadline leaves is not started", sleeps)
	}
	// Without a deadline (background work) the client waits as QBO asks.
	tries = 0
	env.handle("GET", "preferences", func(w http.ResponseWriter, r *http.Request) {
		tries++
		if tries == 1 {
			serveFile(t, w, 429, "fault_throttle.xml")
			return
		}
		serveFile(t, w, 200, "preferences.json")
	})
	if _, err := env.client.Company.Preferences(context.Background()); err != nil {
		t.Fatal(err)
	}
	if sleeps := env.clock.Sleeps(); len(sleeps) != 1 || sleeps[0] != 60*time.Second {
		t.Fatalf("waited %v; want the 60 s QBO asks for", sleeps)
	}
}
