package sandbox

import (
	"io"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// The body of every 429 the sandbox gives, as QBO words it.
const (
	throttleMessage = "message=ThrottleExceeded; errorCode=003001; statusCode=429"
	throttleDetail  = "The request limit was reached.  Try again later"
)

// expectThrottled checks an answer is QBO's 429 ThrottleExceeded, read
// from either body (see readXMLFault).
func expectThrottled(t *testing.T, status int, m map[string]any) {
	t.Helper()
	errs := list(obj(m["Fault"])["Error"])
	if status != http.StatusTooManyRequests || len(errs) == 0 ||
		str(obj(errs[0])["Message"]) != throttleMessage || str(obj(errs[0])["Detail"]) != throttleDetail ||
		str(obj(errs[0])["code"]) != "3001" || str(obj(m["Fault"])["type"]) != "SERVICE" {
		t.Fatalf("want 429 ThrottleExceeded, got %d %v", status, m)
	}
}

func TestSandbox_Throttled_AnswersXMLByDefault_EvenWhenJSONWasAsked_WithoutRetryAfter(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.Limits = Limits{PerSecond: 1} })
	e.call("GET", "preferences", nil)
	resp := e.raw("GET", "/v3/company/"+e.realm+"/preferences", nil, e.token) // Accept: application/json
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/xml") {
		t.Fatalf("%d %s: %s", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	if h := resp.Header.Get("Retry-After"); h != "" {
		t.Errorf("Retry-After %q: QBO sends none, clients wait 60 s", h)
	}
	if !strings.HasPrefix(string(body), `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`) {
		t.Errorf("no XML declaration: %s", body)
	}
	m, err := readXMLFault(body)
	if err != nil {
		t.Fatalf("%v: %s", err, body)
	}
	expectThrottled(t, resp.StatusCode, m)
	if str(m["time"]) == "" || !strings.Contains(string(body), `xmlns="http://schema.intuit.com/finance/v3"`) {
		t.Errorf("not QBO's envelope: %s", body)
	}
}

func TestLimits_ThrottleJSONAndRetryAfter_AreSettings(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.Limits = Limits{PerSecond: 1, ThrottleJSON: true, RetryAfter: true} })
	e.call("GET", "preferences", nil)
	resp := e.raw("GET", "/v3/company/"+e.realm+"/preferences", nil, e.token)
	resp.Body.Close()
	if resp.StatusCode != 429 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") || resp.Header.Get("Retry-After") != "1" {
		t.Fatalf("with the options: %d %s Retry-After=%q", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Retry-After"))
	}
	status, m := e.call("GET", "preferences", nil)
	expectThrottled(t, status, m)
	if m["xml"] != nil {
		t.Errorf("ThrottleJSON answered XML")
	}

	// The admin endpoint switches them back to QBO's ways.
	if _, m := e.admin("POST", "limits", map[string]any{"perSecond": 1}); m["throttleJSON"] != false || m["retryAfter"] != false {
		t.Fatalf("limits %v", m)
	}
	e.clock.Advance(time.Second)
	e.call("GET", "preferences", nil)
	resp = e.raw("GET", "/v3/company/"+e.realm+"/preferences", nil, e.token)
	resp.Body.Close()
	if resp.StatusCode != 429 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/xml") || resp.Header.Get("Retry-After") != "" {
		t.Fatalf("after POST /_sandbox/limits: %d %s Retry-After=%q", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Retry-After"))
	}
	if _, m := e.admin("POST", "limits", map[string]any{"perSecond": 1, "throttleJSON": true, "retryAfter": true}); m["throttleJSON"] != true || m["retryAfter"] != true {
		t.Fatalf("limits %v", m)
	}
	if status, m := e.call("GET", "preferences", nil); status != 429 || m["xml"] != nil {
		t.Fatalf("after switching JSON on: %d %v", status, m)
	}
}

func TestLimits_PerSecond_ThrottlesThenRecovers(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.Limits = Limits{PerSecond: 3, RetryAfter: true} })
	for i := 0; i < 3; i++ {
		if status, m := e.call("GET", "preferences", nil); status != 200 {
			t.Fatalf("request %d: %d %v", i+1, status, m)
		}
	}
	resp := e.raw("GET", "/v3/company/"+e.realm+"/preferences", nil, e.token)
	resp.Body.Close()
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "1" {
		t.Fatalf("fourth: %d Retry-After=%q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	status, m := e.call("GET", "preferences", nil)
	expectThrottled(t, status, m)
	e.clock.Advance(time.Second)
	if status, m := e.call("GET", "preferences", nil); status != 200 {
		t.Fatalf("a second later: %d %v", status, m)
	}
}

func TestLimits_PerMinute_CountsAcrossSeconds(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.Limits = Limits{PerMinute: 4, RetryAfter: true} })
	for i := 0; i < 4; i++ {
		e.clock.Advance(10 * time.Second)
		if status, _ := e.call("GET", "preferences", nil); status != 200 {
			t.Fatalf("request %d: %d", i+1, status)
		}
	}
	resp := e.raw("GET", "/v3/company/"+e.realm+"/preferences", nil, e.token)
	resp.Body.Close()
	if resp.StatusCode != 429 || resp.Header.Get("Retry-After") != "30" {
		t.Fatalf("fifth: %d Retry-After=%q (the first leaves the window in 30 s)", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	e.clock.Advance(31 * time.Second)
	if status, _ := e.call("GET", "preferences", nil); status != 200 {
		t.Fatalf("after the window moved: %d", status)
	}
}

func TestLimits_BatchPerMinute(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.Limits = Limits{BatchPerMinute: 2} })
	batch := map[string]any{"BatchItemRequest": []any{map[string]any{"bId": "1", "Query": "SELECT * FROM Item"}}}
	for i := 0; i < 2; i++ {
		if status, m := e.call("POST", "batch", batch); status != 200 {
			t.Fatalf("batch %d: %d %v", i+1, status, m)
		}
	}
	status, m := e.call("POST", "batch", batch)
	expectThrottled(t, status, m)
	if status, _ := e.call("GET", "preferences", nil); status != 200 {
		t.Errorf("a plain request after the batch limit: %d", status)
	}
}

func TestLimits_Concurrent_RefusesTheRequestOverTheLimit(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.Limits = Limits{Concurrent: 2} })
	e.srv.InjectFault(FaultRule{Path: "*/preferences", Kind: FaultDelay, DelayMS: 400, Count: 2})
	results := make(chan int, 3)
	for i := 0; i < 2; i++ {
		go func() { s, _ := e.call("GET", "preferences", nil); results <- s }()
	}
	time.Sleep(150 * time.Millisecond) // both are now held inside the sandbox
	status, m := e.call("GET", "companyinfo/"+e.realm, nil)
	expectThrottled(t, status, m)
	got := []int{<-results, <-results}
	if slices.Contains(got, 429) {
		t.Errorf("the held requests were throttled: %v", got)
	}
	if status, _ := e.call("GET", "companyinfo/"+e.realm, nil); status != 200 {
		t.Errorf("after they finished: %d", status)
	}
}

func TestLimits_OAuthAndAdminAreNotThrottled(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.Limits = Limits{PerSecond: 1} })
	for i := 0; i < 3; i++ {
		if status, _ := e.admin("GET", "counts", nil); status != 200 {
			t.Fatalf("admin %d: %d", i, status)
		}
		rt := e.srv.IssueTokens().RefreshToken
		if status, m := e.tokenCall(map[string][]string{"grant_type": {"refresh_token"}, "refresh_token": {rt}}, nil); status != 200 {
			t.Fatalf("token %d: %d %v", i, status, m)
		}
	}
}
