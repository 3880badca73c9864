package qbo

import (
	"context"
	"errors"
	"net/http"
	"time"
)

// RetryPolicy bounds the client's retries. Zero fields take the defaults
// below; MaxRetries < 0 turns retrying off.
type RetryPolicy struct {
	MaxRetries   int           // retries after the first try; default 4
	BaseDelay    time.Duration // first backoff; doubles each retry; default 500 ms
	MaxDelay     time.Duration // cap of one backoff; default 30 s
	ThrottleWait time.Duration // wait after a 429 without Retry-After; default 60 s, as QBO asks
	MaxWait      time.Duration // longest Retry-After honoured; beyond it the error is returned; default 2 min
}

// Default retry settings.
const (
	DefaultMaxRetries   = 4
	DefaultBaseDelay    = 500 * time.Millisecond
	DefaultMaxDelay     = 30 * time.Second
	DefaultThrottleWait = 60 * time.Second
	DefaultMaxWait      = 2 * time.Minute
)

func (p RetryPolicy) withDefaults() RetryPolicy {
	if p.MaxRetries == 0 {
		p.MaxRetries = DefaultMaxRetries
	}
	if p.BaseDelay <= 0 {
		p.BaseDelay = DefaultBaseDelay
	}
	if p.MaxDelay <= 0 {
		p.MaxDelay = DefaultMaxDelay
	}
	if p.ThrottleWait <= 0 {
		p.ThrottleWait = DefaultThrottleWait
	}
	if p.MaxWait <= 0 {
		p.MaxWait = DefaultMaxWait
	}
	return p
}

// retryDecision is what shouldRetry answers: whether to try again, after how
// long, and why (the reason ends up in the error when the client gives up).
type retryDecision struct {
	retry  bool
	wait   time.Duration
	reason string
}

// shouldRetry is the one place that decides whether a failed try is tried
// again. retries is the number of retries already made; apiErr is the
// classified answer (nil for a transport failure, whose error is err).
//
// Reads are always safe to repeat. A write is repeated only when it carries a
// requestid, because QBO then answers the repeat with the original result
// instead of creating a second object; without one, a write that timed out may
// well have been committed.
func (c *Client) shouldRetry(ctx context.Context, req *Request, apiErr *Error, err error, retries int) retryDecision {
	switch {
	case ctx.Err() != nil:
		return retryDecision{reason: "context done"}
	case req.isWrite() && req.RequestID == "":
		return retryDecision{reason: "write without requestid"}
	case retries >= c.retry.MaxRetries:
		return retryDecision{reason: "retries exhausted"}
	}
	if apiErr == nil {
		var te *tokenError
		switch {
		case err == nil:
			return retryDecision{reason: "no error"}
		case errors.As(err, &te):
			return retryDecision{reason: "token source failed"}
		case errors.Is(err, errBodyTooLarge):
			return retryDecision{reason: "answer too large"}
		case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded) && ctx.Err() != nil:
			return retryDecision{reason: "context done"}
		}
		return retryDecision{retry: true, wait: c.backoff(retries), reason: "network error"}
	}
	throttled := apiErr.StatusCode == http.StatusTooManyRequests || apiErr.HasCode(CodeThrottleExceeded)
	switch {
	case throttled:
		wait := apiErr.RetryAfter
		if wait == 0 {
			wait = c.retry.ThrottleWait
		}
		if wait > c.retry.MaxWait {
			return retryDecision{reason: "throttled; Retry-After too long"}
		}
		return retryDecision{retry: true, wait: wait, reason: "throttled"}
	case apiErr.StatusCode >= 500 && apiErr.StatusCode != http.StatusNotImplemented:
		wait := apiErr.RetryAfter
		if wait == 0 {
			wait = c.backoff(retries)
		}
		if wait > c.retry.MaxWait {
			return retryDecision{reason: "server error; Retry-After too long"}
		}
		return retryDecision{retry: true, wait: wait, reason: "server error"}
	}
	return retryDecision{reason: "not retryable"}
}

// backoff returns the wait before retry number retries+1: exponential,
// capped, with "equal jitter" (between half and all of the step) so that
// clients throttled together do not come back together, while every wait
// still grows.
func (c *Client) backoff(retries int) time.Duration {
	d := c.retry.BaseDelay
	for i := 0; i < retries && d < c.retry.MaxDelay; i++ {
		d *= 2
	}
	d = min(d, c.retry.MaxDelay)
	half := d / 2
	return half + time.Duration(c.rand()*float64(d-half))
}
