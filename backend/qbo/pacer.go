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
//
// QBO counts a request when it arrives, which is some time after the client
// starts it: a cold connection's handshake can delay the first requests of a
// window more than the later ones, and then a client that spaced its starts
// exactly is over the limit as QBO sees it. So a request occupies its place
// in a window from its start until its answer has been read (the latest it
// can have arrived), and only then does the period begin to run: the next
// request that needs its place starts a full period after that.
type pacer struct {
	mu      sync.Mutex
	general []*window // every request
	batch   *window   // batch requests only; nil if off
	last    time.Time // latest start handed out, so starts stay in order
	freed   chan struct{}
	slots   chan struct{}
	now     func() time.Time
	sleep   func(context.Context, time.Duration) error
}

func newPacer(l Limits, now func() time.Time, sleep func(context.Context, time.Duration) error) *pacer {
	p := &pacer{now: now, sleep: sleep, freed: make(chan struct{})}
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
	freeSlot := func() {}
	if p.slots != nil {
		select {
		case p.slots <- struct{}{}:
			freeSlot = func() { <-p.slots }
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	for {
		at, places, freed := p.reserve(isBatch)
		if places == nil {
			// Every place in a window belongs to a request still under
			// way: wait for one to finish.
			select {
			case <-freed:
				continue
			case <-ctx.Done():
				freeSlot()
				return nil, ctx.Err()
			}
		}
		release = func() {
			p.finish(places)
			freeSlot()
		}
		if d := at.Sub(p.now()); d > 0 {
			// A reservation given up on cancellation stays counted until
			// now: QBO's window may count less than ours, never more.
			if err := p.sleep(ctx, d); err != nil {
				release()
				return nil, err
			}
		}
		return release, nil
	}
}

// place is a request's entry in one window, to be marked finished.
type place struct {
	w   *window
	i   int
	gen uint64
}

// reserve books the earliest start that keeps every window within its
// limit. When some window has no finished entry to give up, it books
// nothing and returns a channel closed when a request finishes.
func (p *pacer) reserve(isBatch bool) (time.Time, []place, <-chan struct{}) {
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
	free := make([]int, len(ws))
	for k, w := range ws {
		i := w.oldestFinished()
		if i < 0 {
			return time.Time{}, nil, p.freed
		}
		free[k] = i
		if t := w.entries[i].at; !t.IsZero() && t.Add(w.per).After(at) {
			at = t.Add(w.per)
		}
	}
	places := make([]place, len(ws))
	for k, w := range ws {
		places[k] = w.take(free[k], at)
	}
	p.last = at
	return at, places, nil
}

// finish marks the request's entries finished now: each window's period
// for it runs from this moment.
func (p *pacer) finish(places []place) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	for _, pl := range places {
		e := &pl.w.entries[pl.i]
		if e.gen != pl.gen {
			continue
		}
		if now.After(e.at) {
			e.at = now
		}
		e.finished = true
	}
	close(p.freed)
	p.freed = make(chan struct{})
}

// window holds the last n requests of a period: when each started or, once
// finished, when its answer came.
type window struct {
	per     time.Duration
	entries []entry
	gen     uint64
}

type entry struct {
	at       time.Time
	finished bool
	gen      uint64 // which request holds the entry
}

func newWindow(n int, per time.Duration) *window {
	w := &window{per: per, entries: make([]entry, n)}
	for i := range w.entries {
		w.entries[i].finished = true
	}
	return w
}

// oldestFinished returns the finished entry that leaves the period first,
// or -1 when every entry belongs to a request under way.
func (w *window) oldestFinished() int {
	best := -1
	for i, e := range w.entries {
		if e.finished && (best < 0 || e.at.Before(w.entries[best].at)) {
			best = i
		}
	}
	return best
}

// take gives entry i to a request starting at at.
func (w *window) take(i int, at time.Time) place {
	w.gen++
	w.entries[i] = entry{at: at, gen: w.gen}
	return place{w: w, i: i, gen: w.gen}
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
