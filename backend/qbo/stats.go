package qbo

import (
	"cmp"
	"slices"
	"sync"
)

// Stats counts the HTTP requests a Client has sent, so that a benchmark or a
// sync run can report what it cost against QBO's limits.
type Stats struct {
	Requests  int64       // every request sent, first tries and retries alike
	Retries   int64       // the part of Requests that repeated an earlier try
	Throttled int64       // answers that were 429 or fault 3001
	Calls     []CallCount // per method, entity and kind, sorted
}

// CallCount is the share of one kind of call in Stats.
type CallCount struct {
	Method   string // GET or POST
	Entity   string // e.g. "Customer"; "" for calls not about one entity (batch, cdc)
	Kind     string // read, query, count, create, update, delete, void, send, cdc, batch
	Requests int64
	Retries  int64
}

type callKey struct{ method, entity, kind string }

// counter is the mutable side of Stats.
type counter struct {
	mu        sync.Mutex
	calls     map[callKey]*CallCount
	requests  int64
	retries   int64
	throttled int64
}

func (c *counter) sent(r *Request, retry bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.calls == nil {
		c.calls = make(map[callKey]*CallCount)
	}
	k := callKey{r.Method, r.Entity, r.Kind}
	cc := c.calls[k]
	if cc == nil {
		cc = &CallCount{Method: r.Method, Entity: r.Entity, Kind: r.Kind}
		c.calls[k] = cc
	}
	cc.Requests++
	c.requests++
	if retry {
		cc.Retries++
		c.retries++
	}
}

func (c *counter) throttle() {
	c.mu.Lock()
	c.throttled++
	c.mu.Unlock()
}

func (c *counter) snapshot() Stats {
	c.mu.Lock()
	defer c.mu.Unlock()
	s := Stats{Requests: c.requests, Retries: c.retries, Throttled: c.throttled}
	for _, cc := range c.calls {
		s.Calls = append(s.Calls, *cc)
	}
	slices.SortFunc(s.Calls, func(a, b CallCount) int {
		return cmp.Or(cmp.Compare(a.Entity, b.Entity), cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.Method, b.Method))
	})
	return s
}
