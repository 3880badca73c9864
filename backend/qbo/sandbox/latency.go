package sandbox

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"time"
)

// Latency models how long QuickBooks Online takes to answer. Over the
// internet an answer takes hundreds of milliseconds, most of it spent
// inside QBO; a sandbox on loopback answers in microseconds and so hides
// the cost of every round trip. With a Median set, each API and token
// request waits a time drawn from a log-normal distribution (the usual
// shape of service times: most answers near the median, a long tail of
// slow ones), capped at Max. API requests wait once admitted, holding
// their place in the concurrency limit as a slow answer does.
//
// The draws come from a generator seeded with Seed, so a run with the same
// requests in the same order sees the same delays.
type Latency struct {
	// Median is the typical answer time; zero switches latency off.
	Median time.Duration
	// Sigma is the spread (the standard deviation of the logarithm);
	// 0.55 puts the 99th percentile near 3.6 times the median.
	Sigma float64
	// Max caps one delay; zero means 6 times the median.
	Max time.Duration
	// Seed seeds the generator.
	Seed uint64
	// CountOnly draws and totals the delays without waiting them out, so
	// that a benchmark can report the time a real company would take for
	// its requests without spending it (see Server.LatencyTotal).
	CountOnly bool
}

// RealisticLatency is QBO as a client in North America meets it: a median
// of 250 ms and a tail reaching about a second (99th percentile 0.9 s,
// capped at 1.5 s); the mean is about 290 ms.
var RealisticLatency = Latency{Median: 250 * time.Millisecond, Sigma: 0.55, Max: 1500 * time.Millisecond, Seed: 1}

// ParseLatency reads a latency setting as a command line gives it: "off"
// (or "" or "0"), "realistic" (RealisticLatency), or a median such as
// "400ms", which keeps RealisticLatency's shape around that median.
func ParseLatency(s string) (Latency, error) {
	switch v := strings.ToLower(strings.TrimSpace(s)); v {
	case "", "0", "off", "none":
		return Latency{}, nil
	case "realistic":
		return RealisticLatency, nil
	default:
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			return Latency{}, fmt.Errorf("latency %q: want off, realistic or a median such as 250ms", s)
		}
		if d == 0 {
			return Latency{}, nil
		}
		l := RealisticLatency
		l.Max = time.Duration(float64(d) * float64(l.Max) / float64(l.Median))
		l.Median = d
		return l, nil
	}
}

// withDefaults fills Sigma and Max when a median is set.
func (l Latency) withDefaults() Latency {
	if l.Median <= 0 {
		return Latency{}
	}
	if l.Sigma < 0 {
		l.Sigma = 0
	}
	if l.Max <= 0 {
		l.Max = 6 * l.Median
	}
	return l
}

// latencyJSON is Latency as the admin endpoint reads and writes it, with
// durations as text ("250ms").
type latencyJSON struct {
	Preset    string  `json:"preset,omitempty"`
	Median    string  `json:"median"`
	Sigma     float64 `json:"sigma"`
	Max       string  `json:"max"`
	Seed      uint64  `json:"seed"`
	CountOnly bool    `json:"countOnly"`
}

// MarshalJSON writes durations as text.
func (l Latency) MarshalJSON() ([]byte, error) {
	return json.Marshal(latencyJSON{Median: l.Median.String(), Sigma: l.Sigma, Max: l.Max.String(),
		Seed: l.Seed, CountOnly: l.CountOnly})
}

// UnmarshalJSON reads durations as text ("250ms") and "preset":"realistic"
// (whose fields the others then override).
func (l *Latency) UnmarshalJSON(b []byte) error {
	var in latencyJSON
	if err := json.Unmarshal(b, &in); err != nil {
		return err
	}
	out, err := ParseLatency(in.Preset)
	if err != nil {
		return err
	}
	for _, f := range []struct {
		text string
		d    *time.Duration
	}{{in.Median, &out.Median}, {in.Max, &out.Max}} {
		if f.text == "" {
			continue
		}
		d, err := time.ParseDuration(f.text)
		if err != nil {
			return fmt.Errorf("latency: %w", err)
		}
		*f.d = d
	}
	if in.Sigma != 0 {
		out.Sigma = in.Sigma
	}
	if in.Seed != 0 {
		out.Seed = in.Seed
	}
	out.CountOnly = in.CountOnly
	*l = out
	return nil
}

// latencyModel draws the delays and totals them.
type latencyModel struct {
	mu       sync.Mutex
	l        Latency
	rng      *rand.Rand
	requests int
	total    time.Duration
}

func newLatencyModel(l Latency) *latencyModel {
	m := &latencyModel{}
	m.set(l)
	return m
}

// set replaces the model and starts its count and its draws afresh.
func (m *latencyModel) set(l Latency) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.l = l.withDefaults()
	m.rng = rand.New(rand.NewPCG(m.l.Seed, m.l.Seed^0x9e3779b97f4a7c15))
	m.requests, m.total = 0, 0
}

func (m *latencyModel) get() Latency {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.l
}

// draw returns the next request's delay and whether to wait it out; zero
// when latency is off.
func (m *latencyModel) draw() (time.Duration, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.l.Median <= 0 {
		return 0, false
	}
	d := time.Duration(float64(m.l.Median) * math.Exp(m.l.Sigma*m.rng.NormFloat64()))
	d = min(d, m.l.Max)
	m.requests++
	m.total += d
	return d, !m.l.CountOnly
}

// totals returns the requests delayed and the sum of their delays since
// the model was last set.
func (m *latencyModel) totals() (int, time.Duration) {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.requests, m.total
}

// lag delays the current request as the latency model says.
func (s *Server) lag(ctx context.Context) {
	if d, wait := s.latency.draw(); wait && d > 0 {
		s.opts.Sleep(ctx, d)
	}
}

// SetLatency replaces the latency model (see Latency) and restarts its
// count.
func (s *Server) SetLatency(l Latency) { s.latency.set(l) }

// LatencyTotal returns how many requests were delayed since the latency
// model was last set, and the sum of their delays: with CountOnly, the time
// those requests would have taken on top of the sandbox's own.
func (s *Server) LatencyTotal() (requests int, total time.Duration) { return s.latency.totals() }
