package qbo

import (
	"context"
	"sync"
	"time"
)

// Limits paces requests so that QBO never has to throttle them. A zero field
// takes QBO's published limit for one company; a negative one turns that
// limit off (tests, or a sandbox with other limits).
type Limits struct {
	PerMinute      int // requests started in any 60 s; QBO: 500
	PerSecond      int // requests started in any 1 s; QBO: 10
	InFlight       int // requests awaiting an answer at once; QBO: 10
	BatchPerMinute int // batch requests started in any 60 s; QBO: 40
}

// QBO's published limits for one company.
const (
	DefaultPerMinute      = 500
	DefaultPerSecond      = 10
	DefaultInFlight       = 10
	DefaultBatchPerMinute = 40
)

func limitOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// pacer admits requests within Limits. QBO states its limits as "N per
// window", so each is a sliding-window log rather than a token bucket: a
// bucket refilling at N per minute with any burst can start more than N in
// some 60-second window, which is exactly what QBO answers with 429.
type pacer struct {
	mu      sync.Mutex
	general []*window // every request
	batch   *window   // batch requests only; nil if off
	last    time.Time // latest start handed out, so starts stay in order
	slots   chan struct{}
	now     func() time.Time
	sleep   func(context.Context, time.Duration) error
}

func newPacer(l Limits, now func() time.Time, sleep func(context.Context, time.Duration) error) *pacer {
	p := &pacer{now: now, sleep: sleep}
	if n := limitOr(l.PerMinute, DefaultPerMinute); n > 0 {
		p.general = append(p.general, newWindow(n, time.Minute))
	}
	if n := limitOr(l.PerSecond, DefaultPerSecond); n > 0 {
		p.general = append(p.general, newWindow(n, time.Second))
	}
	if n := limitOr(l.BatchPerMinute, DefaultBatchPerMinute); n > 0 {
		p.batch = newWindow(n, time.Minute)
	}
	if n := limitOr(l.InFlight, DefaultInFlight); n > 0 {
		p.slots = make(chan struct{}, n)
	}
	return p
}

// acquire waits for an in-flight slot and then for the request's turn. The
// returned release must be called once the answer has been read. The slot is
// taken first so that a request's recorded start is when it really goes out.
func (p *pacer) acquire(ctx context.Context, isBatch bool) (release func(), err error) {
	release = func() {}
	if p.slots != nil {
		select {
		case p.slots <- struct{}{}:
			release = func() { <-p.slots }
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	at := p.reserve(isBatch)
	if d := at.Sub(p.now()); d > 0 {
		// A reservation given up on cancellation stays counted: QBO's
		// window may count less than ours, never more.
		if err := p.sleep(ctx, d); err != nil {
			release()
			return nil, err
		}
	}
	return release, nil
}

// reserve books the earliest start that keeps every window within its limit.
func (p *pacer) reserve(isBatch bool) time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	ws := p.general
	if isBatch && p.batch != nil {
		ws = append(ws[:len(ws):len(ws)], p.batch)
	}
	at := p.now()
	if at.Before(p.last) {
		at = p.last
	}
	for _, w := range ws {
		if t := w.free(); t.After(at) {
			at = t
		}
	}
	for _, w := range ws {
		w.record(at)
	}
	p.last = at
	return at
}

// window remembers the last n start times within a period.
type window struct {
	per    time.Duration
	starts []time.Time // ring; starts[next] is the oldest
	next   int
}

func newWindow(n int, per time.Duration) *window {
	return &window{per: per, starts: make([]time.Time, n)}
}

// free returns when the window admits one more start: once the start n
// requests ago is a full period old.
func (w *window) free() time.Time {
	oldest := w.starts[w.next]
	if oldest.IsZero() {
		return time.Time{}
	}
	return oldest.Add(w.per)
}

func (w *window) record(t time.Time) {
	w.starts[w.next] = t
	w.next = (w.next + 1) % len(w.starts)
}

// sleepContext waits for d or until ctx is done.
func sleepContext(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
