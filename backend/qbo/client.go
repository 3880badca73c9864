package qbo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// Base URLs of Intuit's Accounting API. A loopback sandbox is just another
// base URL.
const (
	ProductionBaseURL = "https://quickbooks.api.intuit.com"
	SandboxBaseURL    = "https://sandbox-quickbooks.api.intuit.com"
)

// MinorVersion is sent with every request. QBO treats anything lower as 75,
// so pinning it makes the answers' shape explicit rather than implied.
const MinorVersion = "75"

// DefaultTimeout bounds one try when Config.HTTPClient sets no Timeout. QBO
// gives up on requests after 120 s; a little more lets its own fault arrive.
const DefaultTimeout = 150 * time.Second

// Body size limits. A page of 1000 invoices is a few megabytes; an error body
// is only read far enough to find its fault.
const (
	maxBodyBytes  = 64 << 20
	maxErrorBytes = 64 << 10
)

// Config says which company to talk to and how. Only RealmID and TokenSource
// are required.
type Config struct {
	// BaseURL is the API host, ProductionBaseURL by default.
	BaseURL string
	// RealmID is the company id QBO returned with the authorization.
	RealmID string
	// TokenSource supplies access tokens; it is called for every try and
	// should cache (e.g. oauth2.ReuseTokenSource) and persist rotations
	// itself.
	TokenSource oauth2.TokenSource
	// HTTPClient is the base client whose Transport carries the requests
	// (tests pass an httptest server's). Its Timeout bounds one try.
	HTTPClient *http.Client
	// UserAgent is sent as User-Agent; "ledgerlink-qbo" by default.
	UserAgent string
	// Limits paces requests; the zero value keeps within QBO's limits.
	Limits Limits
	// Retry bounds retries; the zero value gives the defaults.
	Retry RetryPolicy
	// Now, Sleep and Rand replace the clock, waiting and jitter, so that
	// tests are fast and deterministic. Sleep must return early with the
	// context's error when the context ends. Rand returns a value in [0, 1).
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
	Rand  func() float64
	// Unauthorized is told when QBO refuses a call's access token (HTTP
	// 401, given as refusal). After the first 401 of a call, returning
	// true has the call tried once more, the hook having arranged a fresh
	// token (an access token may end early, or clocks disagree). If that
	// try is refused too, it is called again with again set, and the call
	// fails with the 401 (its return value is then ignored). A 401 says
	// QBO did not act on the request, so even a write without a requestid
	// is repeated. Nil: a 401 fails the call at once.
	Unauthorized func(ctx context.Context, refusal *Error, again bool) (retry bool)
}

// Client talks to the Accounting API of one QBO company. It is safe for
// concurrent use; the pacing and counting it does are shared by all callers.
type Client struct {
	Company     *CompanyService
	Customers   *CustomerService
	Items       *ItemService
	TaxCodes    *TaxCodeService
	TaxRates    *TaxRateService
	TaxAgencies *TaxAgencyService
	Accounts    *AccountService
	Invoices    *InvoiceService
	Payments    *PaymentService
	Vendors     *PartyService
	Employees   *PartyService

	company   string // base URL of the company: …/v3/company/{realm}/
	realmID   string
	http      *http.Client
	userAgent string
	retry     RetryPolicy
	pacer     *pacer
	stats     counter
	now       func() time.Time
	sleep     func(context.Context, time.Duration) error
	rand      func() float64
	// unauthorized is Config.Unauthorized.
	unauthorized func(ctx context.Context, refusal *Error, again bool) bool
}

// NewClient returns a Client for cfg.
func NewClient(cfg Config) (*Client, error) {
	if strings.TrimSpace(cfg.RealmID) == "" {
		return nil, errors.New("qbo: new client: realm id required")
	}
	if cfg.TokenSource == nil {
		return nil, errors.New("qbo: new client: token source required")
	}
	base := cfg.BaseURL
	if base == "" {
		base = ProductionBaseURL
	}
	u, err := url.Parse(base)
	if err != nil || u.Scheme == "" || u.Host == "" {
		return nil, fmt.Errorf("qbo: new client: base URL %q is not an absolute URL", base)
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{}
	}
	// The source is asked on every try (no ReuseTokenSource around it):
	// caching is its own business, and a token it renewed after a 401 or a
	// reconnect must be used at once.
	authed := &http.Client{Transport: &oauth2.Transport{Source: guardedTokenSource{cfg.TokenSource}, Base: hc.Transport},
		CheckRedirect: hc.CheckRedirect, Jar: hc.Jar, Timeout: hc.Timeout}
	if authed.Timeout == 0 {
		authed.Timeout = DefaultTimeout
	}
	c := &Client{
		company:   strings.TrimRight(u.String(), "/") + "/v3/company/" + url.PathEscape(cfg.RealmID) + "/",
		realmID:   cfg.RealmID,
		http:      authed,
		userAgent: cfg.UserAgent,
		retry:     cfg.Retry.withDefaults(),
		now:       cfg.Now,
		sleep:     cfg.Sleep,
		rand:      cfg.Rand,

		unauthorized: cfg.Unauthorized,
	}
	if c.userAgent == "" {
		c.userAgent = "ledgerlink-qbo"
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.sleep == nil {
		c.sleep = sleepContext
	}
	if c.rand == nil {
		c.rand = rand.Float64
	}
	c.pacer = newPacer(cfg.Limits, c.now, c.sleep)
	c.Company = &CompanyService{client: c}
	c.Customers = &CustomerService{newEntityService[Customer](c, "Customer")}
	c.Items = &ItemService{newEntityService[Item](c, "Item")}
	c.TaxCodes = &TaxCodeService{newEntityService[TaxCode](c, "TaxCode")}
	c.TaxRates = &TaxRateService{newEntityService[TaxRate](c, "TaxRate")}
	c.TaxAgencies = &TaxAgencyService{newEntityService[TaxAgency](c, "TaxAgency")}
	c.Accounts = &AccountService{newEntityService[Account](c, "Account")}
	c.Invoices = &InvoiceService{newEntityService[Invoice](c, "Invoice")}
	c.Payments = &PaymentService{newEntityService[Payment](c, "Payment")}
	c.Vendors = &PartyService{newEntityService[Party](c, "Vendor")}
	c.Employees = &PartyService{newEntityService[Party](c, "Employee")}
	return c, nil
}

// RealmID returns the company id the client talks to.
func (c *Client) RealmID() string { return c.realmID }

// Stats returns a snapshot of the requests sent so far.
func (c *Client) Stats() Stats { return c.stats.snapshot() }

// Request is one API call, made by NewRequest and sent by Do. Services fill
// Entity and Kind for the counters; Do adds minorversion and requestid.
type Request struct {
	Method      string
	Path        string     // relative to the company, e.g. "customer/42"
	Query       url.Values // parameters besides minorversion and requestid
	Body        []byte     // JSON, or nil
	ContentType string     // of Body; application/json by default
	// RequestID makes a write idempotent. A write without one is sent once
	// and never retried.
	RequestID string
	Entity    string // counted as; e.g. "Customer"
	Kind      string // counted as; e.g. "create"
	batch     bool   // paced by the batch limit too
}

func (r *Request) isWrite() bool { return r.Method != http.MethodGet }

// op names the call in errors: method and path, never parameters.
func (r *Request) op() string { return r.Method + " " + r.Path }

// NewRequest returns a Request for path (relative to the company) with body
// encoded as JSON, unless body is nil. HTML characters are not escaped, so a
// name like "Smith & Sons" travels as typed.
func (c *Client) NewRequest(method, path string, body any) (*Request, error) {
	r := &Request{Method: method, Path: strings.TrimLeft(path, "/"), Kind: "read"}
	if r.isWrite() {
		r.Kind = "write"
	}
	if body != nil {
		b, err := marshalJSON(body)
		if err != nil {
			return nil, fmt.Errorf("qbo: %s: encode body: %w", r.op(), err)
		}
		r.Body, r.ContentType = b, "application/json"
	}
	return r, nil
}

// Do sends req, retrying as RetryPolicy allows, and decodes a successful
// answer into v (unless v is nil). Failures are returned as *Error when QBO
// (or a gateway) answered, wrapped with the call otherwise.
func (c *Client) Do(ctx context.Context, req *Request, v any) error {
	if req.RequestID != "" {
		limit := MaxRequestIDLen
		if req.batch {
			limit = MaxBatchRequestIDLen
		}
		if err := validateRequestID(req.RequestID, limit); err != nil {
			return fmt.Errorf("qbo: %s: %w", req.op(), err)
		}
	}
	reauthorized := false
	for retries := 0; ; retries++ {
		resp, body, err := c.try(ctx, req, retries > 0)
		var apiErr *Error
		if err == nil {
			if resp.StatusCode >= 300 {
				apiErr = newError(req.op(), resp, body, c.now())
			} else {
				apiErr = faultIn(req.op(), resp, body)
			}
			if apiErr == nil {
				if err := decodeBody(req, body, v); err != nil {
					return unreadable(req, resp, body, err)
				}
				return nil
			}
			if errors.Is(apiErr, ErrThrottled) {
				c.stats.throttle()
			}
			if apiErr.StatusCode == http.StatusUnauthorized && c.unauthorized != nil {
				if !reauthorized && c.unauthorized(ctx, apiErr, false) {
					reauthorized = true
					continue
				}
				if reauthorized {
					c.unauthorized(ctx, apiErr, true)
				}
				return giveUp(req, apiErr, nil, retries, "access refused")
			}
		}
		d := c.shouldRetry(ctx, req, apiErr, err, retries)
		if dl, ok := ctx.Deadline(); ok && d.retry && time.Until(dl) < d.wait {
			// Waiting would only end in the deadline: answer now, so that
			// a person waiting is told at once (e.g. "QuickBooks is busy").
			d = retryDecision{reason: d.reason + "; the wait would outlast the deadline"}
		}
		if !d.retry {
			return giveUp(req, apiErr, err, retries, d.reason)
		}
		if serr := c.sleep(ctx, d.wait); serr != nil {
			return fmt.Errorf("qbo: %s: waiting %v to retry (%s): %w", req.op(), d.wait, d.reason, serr)
		}
	}
}

// try sends req once: a paced slot, the HTTP exchange, the body read within
// its limit. An answer with any status is returned as resp and body.
func (c *Client) try(ctx context.Context, req *Request, retry bool) (*http.Response, []byte, error) {
	release, err := c.pacer.acquire(ctx, req.batch)
	if err != nil {
		return nil, nil, err
	}
	defer release()
	hreq, err := c.httpRequest(ctx, req)
	if err != nil {
		return nil, nil, err
	}
	c.stats.sent(req, retry)
	resp, err := c.http.Do(hreq)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // the URL repeats the query text; the call names itself
		}
		return nil, nil, err
	}
	defer resp.Body.Close()
	limit := int64(maxBodyBytes)
	if resp.StatusCode >= 300 {
		limit = maxErrorBytes
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	switch {
	case resp.StatusCode >= 300:
		// A failing status is reported whatever the body did.
		return resp, body[:min(int64(len(body)), limit)], nil
	case err != nil:
		return nil, nil, fmt.Errorf("read answer: %w", err)
	case int64(len(body)) > limit:
		return nil, nil, fmt.Errorf("%w (over %d bytes)", errBodyTooLarge, limit)
	}
	return resp, body, nil
}

// errBodyTooLarge is not retried: the same query would answer the same.
var errBodyTooLarge = errors.New("answer too large")

func (c *Client) httpRequest(ctx context.Context, req *Request) (*http.Request, error) {
	q := url.Values{}
	for k, vs := range req.Query {
		q[k] = append([]string(nil), vs...)
	}
	q.Set("minorversion", MinorVersion)
	if req.RequestID != "" {
		q.Set("requestid", req.RequestID)
	}
	var body io.Reader
	if req.Body != nil {
		body = strings.NewReader(string(req.Body))
	}
	hreq, err := http.NewRequestWithContext(ctx, req.Method, c.company+req.Path+"?"+q.Encode(), body)
	if err != nil {
		return nil, fmt.Errorf("qbo: %s: %w", req.op(), err)
	}
	hreq.Header.Set("Accept", "application/json")
	hreq.Header.Set("User-Agent", c.userAgent)
	if req.Body != nil {
		ct := req.ContentType
		if ct == "" {
			ct = "application/json"
		}
		hreq.Header.Set("Content-Type", ct)
	}
	return hreq, nil
}

// unreadable is the error of a success answer that could not be decoded:
// an *Error matching ErrUnreadable that keeps intuit_tid and a short,
// redacted excerpt of what came, never the whole body.
func unreadable(req *Request, resp *http.Response, body []byte, cause error) error {
	excerpt := redact(string(body[:min(len(body), 120)]))
	return &Error{Op: req.op(), StatusCode: resp.StatusCode, IntuitTID: resp.Header.Get("intuit_tid"),
		Body: fmt.Sprintf("the answer could not be read (%v): %q", cause, excerpt), Unreadable: true}
}

// giveUp returns the final error of a call, saying how many retries it took.
func giveUp(req *Request, apiErr *Error, err error, retries int, reason string) error {
	if apiErr != nil {
		if retries == 0 {
			return apiErr
		}
		return fmt.Errorf("%w (after %d retries; %s)", apiErr, retries, reason)
	}
	if retries == 0 {
		return fmt.Errorf("qbo: %s: %w", req.op(), err)
	}
	return fmt.Errorf("qbo: %s: %w (after %d retries; %s)", req.op(), err, retries, reason)
}

// guardedTokenSource marks token failures so they are not retried as
// network faults.
type guardedTokenSource struct{ src oauth2.TokenSource }

// Token returns the source's token, marking a failure as a tokenError.
func (g guardedTokenSource) Token() (*oauth2.Token, error) {
	t, err := g.src.Token()
	if err != nil {
		return nil, &tokenError{err: err}
	}
	return t, nil
}
