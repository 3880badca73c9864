package sandbox

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Fault kinds a FaultRule can inject.
const (
	FaultServerError        = "500"                  // SystemFault 10000
	FaultUnavailable        = "503"                  // a gateway's HTML page
	FaultThrottled          = "429"                  // ThrottleExceeded 003001
	FaultUnauthorized       = "401"                  // AuthenticationFailed 003200
	FaultReset              = "reset"                // connection reset before anything happens
	FaultTimeoutAfterCommit = "timeout_after_commit" // the write happens, no answer comes
	FaultDelay              = "delay"                // answer normally after DelayMS
)

// FaultRule makes the next Count requests that match it fail. Method ("" or
// "*" for any) and Path (a pattern in which * matches any run of characters,
// slashes included) select requests; Query, when set, must occur in the raw
// query string. Rules are tried in the order they were added.
type FaultRule struct {
	ID     int    `json:"id"`
	Method string `json:"method,omitempty"`
	Path   string `json:"path"`
	Query  string `json:"query,omitempty"`
	Kind   string `json:"kind"`
	// Count is how many requests fail; 1 when zero.
	Count int `json:"count"`
	// DelayMS is the wait of a delay fault, and how long a
	// timeout_after_commit holds the connection before resetting it (zero:
	// until the client gives up, at most 120 s, QBO's own request timeout).
	DelayMS int `json:"delayMs,omitempty"`
	// Body overrides the body of a 500, 503, 429 or 401: "json", "xml",
	// "html" or "empty". Real gateways answer with any of them. Without it
	// a 429 is answered as the throttles answer (XML unless
	// Limits.ThrottleJSON), a 503 with HTML and the others with JSON.
	Body string `json:"body,omitempty"`
}

// injector holds the pending fault rules.
type injector struct {
	mu     sync.Mutex
	rules  []*FaultRule
	nextID int
}

func validKind(k string) bool {
	switch k {
	case FaultServerError, FaultUnavailable, FaultThrottled, FaultUnauthorized,
		FaultReset, FaultTimeoutAfterCommit, FaultDelay:
		return true
	}
	return false
}

// add queues a rule and returns it with its id.
func (in *injector) add(r FaultRule) (FaultRule, error) {
	if r.Kind == "timeout" {
		r.Kind = FaultTimeoutAfterCommit
	}
	if !validKind(r.Kind) {
		return r, fmt.Errorf("unknown fault kind %q (want 500, 503, 429, 401, reset, timeout_after_commit or delay)", r.Kind)
	}
	if r.Path == "" {
		r.Path = "*"
	}
	if r.Count <= 0 {
		r.Count = 1
	}
	r.Method = strings.ToUpper(r.Method)
	in.mu.Lock()
	defer in.mu.Unlock()
	in.nextID++
	r.ID = in.nextID
	in.rules = append(in.rules, &r)
	return r, nil
}

// list returns the pending rules.
func (in *injector) list() []FaultRule {
	in.mu.Lock()
	defer in.mu.Unlock()
	out := make([]FaultRule, 0, len(in.rules))
	for _, r := range in.rules {
		out = append(out, *r)
	}
	return out
}

func (in *injector) clear() {
	in.mu.Lock()
	defer in.mu.Unlock()
	in.rules = nil
}

// take consumes one use of the first rule matching r.
func (in *injector) take(r *http.Request) *FaultRule {
	in.mu.Lock()
	defer in.mu.Unlock()
	for i, rule := range in.rules {
		if rule.Method != "" && rule.Method != "*" && rule.Method != r.Method {
			continue
		}
		if !glob(rule.Path, r.URL.Path) || !strings.Contains(r.URL.RawQuery, rule.Query) {
			continue
		}
		rule.Count--
		hit := *rule
		if rule.Count <= 0 {
			in.rules = append(in.rules[:i], in.rules[i+1:]...)
		}
		return &hit
	}
	return nil
}

// glob matches s against a pattern where * stands for any run of characters.
func glob(pattern, s string) bool {
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return pattern == s
	}
	if !strings.HasPrefix(s, parts[0]) {
		return false
	}
	s = s[len(parts[0]):]
	for _, p := range parts[1 : len(parts)-1] {
		i := strings.Index(s, p)
		if i < 0 {
			return false
		}
		s = s[i+len(p):]
	}
	return strings.HasSuffix(s, parts[len(parts)-1])
}

// inject acts out a fault. It returns nil when the request is finished, or
// the request to go on with (a delay fault lets it run, late).
func (s *Server) inject(w http.ResponseWriter, r *http.Request, rule *FaultRule, next http.Handler) *http.Request {
	switch rule.Kind {
	case FaultDelay:
		d := time.Duration(rule.DelayMS) * time.Millisecond
		if strings.HasPrefix(r.URL.Path, "/v3/") {
			// An API request waits once admitted, so that it holds its
			// place in the concurrency limit like a slow request does.
			return r.WithContext(context.WithValue(r.Context(), delayKey{}, d))
		}
		sleepCtx(r.Context(), d)
		return r
	case FaultReset:
		resetConn(w)
	case FaultTimeoutAfterCommit:
		// Run the request to completion, response discarded: whatever it
		// wrote is committed (and its requestid remembered) yet the client
		// never hears of it, which is what a timeout looks like from outside.
		next.ServeHTTP(&discardWriter{header: http.Header{}}, r)
		wait := time.Duration(rule.DelayMS) * time.Millisecond
		if wait <= 0 {
			wait = 120 * time.Second
		}
		sleepCtx(r.Context(), wait)
		resetConn(w)
	case FaultUnauthorized:
		s.writeInjected(w, rule, http.StatusUnauthorized, func() { writeUnauthorized(w, s.clock.Now(), "Token expired: injected fault") })
	case FaultThrottled:
		// As the limiter answers (XML and no Retry-After unless Limits say
		// otherwise), unless the rule names a body.
		s.writeInjected(w, rule, http.StatusTooManyRequests, func() { s.writeThrottled(w, time.Second) })
	case FaultServerError:
		s.writeInjected(w, rule, http.StatusInternalServerError, func() { s.writeFault(w, errSystem("injected fault")) })
	case FaultUnavailable:
		if rule.Body == "" {
			rule.Body = "html"
		}
		s.writeInjected(w, rule, http.StatusServiceUnavailable, func() {
			s.writeFault(w, &fault{status: http.StatusServiceUnavailable, kind: systemFault,
				errs: []qboError{{Message: "Service Unavailable", Detail: "injected fault", Code: "10000"}}})
		})
	}
	return nil
}

// writeInjected writes an injected error with the body the rule asks for;
// def writes the kind's usual answer (JSON, but for a 429).
func (s *Server) writeInjected(w http.ResponseWriter, rule *FaultRule, status int, def func()) {
	if status == http.StatusTooManyRequests && s.limits.limits().RetryAfter {
		w.Header().Set("Retry-After", "1")
	}
	switch rule.Body {
	case "json":
		if status != http.StatusTooManyRequests {
			def() // the others' usual answer is JSON
			return
		}
		s.writeFault(w, errThrottled())
	case "xml":
		f := errSystem("injected fault")
		if status == http.StatusTooManyRequests {
			f = errThrottled()
		}
		f.status = status
		s.writeXMLFault(w, f)
	case "empty":
		w.WriteHeader(status)
	case "html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.WriteHeader(status)
		fmt.Fprintf(w, "<html><head><title>%d %s</title></head><body><center><h1>%d %s</h1></center><hr></body></html>\n",
			status, http.StatusText(status), status, http.StatusText(status))
	default:
		def()
	}
}

// delayKey carries an injected delay from the fault layer to the API.
type delayKey struct{}

// injectedDelay waits out a delay fault attached to the request, if any.
func injectedDelay(ctx context.Context) {
	if d, ok := ctx.Value(delayKey{}).(time.Duration); ok {
		sleepCtx(ctx, d)
	}
}

// sleepCtx waits d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}

// resetConn drops the connection with a TCP reset and no response.
func resetConn(w http.ResponseWriter) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		// No connection to take over (HTTP/2 or a recorder): abort the
		// handler, which net/http turns into a dropped connection.
		panic(http.ErrAbortHandler)
	}
	if tcp, ok := conn.(*net.TCPConn); ok {
		_ = tcp.SetLinger(0)
	}
	_ = conn.Close()
}

// discardWriter is a ResponseWriter whose output nobody reads.
type discardWriter struct{ header http.Header }

func (d *discardWriter) Header() http.Header         { return d.header }
func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d *discardWriter) WriteHeader(int)             {}
