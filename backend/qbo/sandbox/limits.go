package sandbox

import (
	"sync"
	"time"
)

// Limits are QBO's throttles for one company. A zero field takes QBO's
// value; a negative one switches that limit off. A request over any limit
// is answered 429 with ThrottleExceeded (errorCode 003001) as QBO answers
// it: an XML body even when JSON was asked for, and no Retry-After (Intuit
// asks clients to wait 60 s). ThrottleJSON and RetryAfter change that, for
// clients that cannot cope and for tests that must not wait a minute.
//
// The windows run on the sandbox clock, so a test with an injected clock
// meets throttling deterministically and leaves it by moving the clock; a
// test that freezes the clock and sends many requests should set Off.
type Limits struct {
	PerMinute      int  `json:"perMinute"`      // 500 requests a minute
	PerSecond      int  `json:"perSecond"`      // 10 requests a second
	Concurrent     int  `json:"concurrent"`     // 10 requests in flight
	BatchPerMinute int  `json:"batchPerMinute"` // 40 batch requests a minute
	EmailsPerDay   int  `json:"emailsPerDay"`   // 40 invoice e-mails a day (sandbox companies)
	Off            bool `json:"off"`            // no throttling at all (e-mail cap aside)
	// ThrottleJSON answers 429 with a JSON Fault instead of QBO's XML.
	ThrottleJSON bool `json:"throttleJSON"`
	// RetryAfter sends Retry-After (seconds until the request would be
	// admitted; 1 on an injected 429) with every 429, which QBO does not.
	RetryAfter bool `json:"retryAfter"`
}

// withDefaults fills zero fields with QBO's values.
func (l Limits) withDefaults() Limits {
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	def(&l.PerMinute, 500)
	def(&l.PerSecond, 10)
	def(&l.Concurrent, 10)
	def(&l.BatchPerMinute, 40)
	def(&l.EmailsPerDay, 40)
	return l
}

// limiter counts requests in sliding windows.
type limiter struct {
	mu       sync.Mutex
	l        Limits
	inFlight int
	second   []time.Time
	minute   []time.Time
	batch    []time.Time
}

func newLimiter(l Limits) *limiter { return &limiter{l: l.withDefaults()} }

func (lm *limiter) limits() Limits {
	lm.mu.Lock()
	defer lm.mu.Unlock()
	return lm.l
}

func (lm *limiter) set(l Limits) {
	lm.mu.Lock()
	defer lm.mu.Unlock()
	lm.l = l.withDefaults()
}

// acquire admits a request or says how long to wait. release must be called
// when an admitted request ends, for the concurrency limit.
func (lm *limiter) acquire(now time.Time, batch bool) (release func(), wait time.Duration, ok bool) {
	lm.mu.Lock()
	defer lm.mu.Unlock()
	if lm.l.Off {
		return func() {}, 0, true
	}
	if lm.l.Concurrent > 0 && lm.inFlight >= lm.l.Concurrent {
		return nil, time.Second, false
	}
	lm.second = window(lm.second, now, time.Second)
	lm.minute = window(lm.minute, now, time.Minute)
	lm.batch = window(lm.batch, now, time.Minute)
	if w, full := over(lm.second, lm.l.PerSecond, now, time.Second); full {
		return nil, w, false
	}
	if w, full := over(lm.minute, lm.l.PerMinute, now, time.Minute); full {
		return nil, w, false
	}
	if batch {
		if w, full := over(lm.batch, lm.l.BatchPerMinute, now, time.Minute); full {
			return nil, w, false
		}
		lm.batch = append(lm.batch, now)
	}
	lm.second = append(lm.second, now)
	lm.minute = append(lm.minute, now)
	lm.inFlight++
	var once sync.Once
	return func() {
		once.Do(func() {
			lm.mu.Lock()
			lm.inFlight--
			lm.mu.Unlock()
		})
	}, 0, true
}

// window drops the times that fell out of the span ending now (and any
// after now, left behind when the clock was set back).
func window(ts []time.Time, now time.Time, span time.Duration) []time.Time {
	i := 0
	for i < len(ts) && !ts[i].After(now.Add(-span)) {
		i++
	}
	ts = ts[i:]
	j := len(ts)
	for j > 0 && ts[j-1].After(now) {
		j--
	}
	return ts[:j]
}

// over reports whether a window is full and, if so, when its oldest entry
// leaves it.
func over(ts []time.Time, limit int, now time.Time, span time.Duration) (time.Duration, bool) {
	if limit < 0 || len(ts) < limit {
		return 0, false
	}
	return ts[0].Add(span).Sub(now), true
}
