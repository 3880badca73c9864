package sandbox

import (
	"context"
	"net/url"
	"slices"
	"sync"
	"testing"
	"time"
)

// sleeps records the waits the sandbox asks for instead of waiting.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) Sleep(_ context.Context, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
}

func (s *sleeps) all() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.d)
}

func withLatency(l Latency, rec *sleeps) func(*Options) {
	return func(o *Options) { o.Latency, o.Sleep = l, rec.Sleep }
}

func TestLatency_OffByDefault_NothingWaits(t *testing.T) {
	rec := &sleeps{}
	e := newEnv(t, func(o *Options) { o.Sleep = rec.Sleep })
	e.call("GET", "preferences", nil)
	e.tokenCall(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {e.srv.IssueTokens().RefreshToken}}, nil)
	if got := rec.all(); len(got) != 0 {
		t.Fatalf("waits %v, want none", got)
	}
}

func TestLatency_Realistic_DelaysAPIAndTokenRequests_NotAdmin(t *testing.T) {
	rec := &sleeps{}
	e := newEnv(t, withLatency(RealisticLatency, rec))
	e.call("GET", "preferences", nil)
	e.call("POST", "customer", map[string]any{"DisplayName": "Slow Answers Ltd"})
	e.callWith("GET", "/v3/company/"+e.realm+"/preferences", nil, "not-a-token") // a 401 takes its time too
	e.tokenCall(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {e.srv.IssueTokens().RefreshToken}}, nil)
	e.admin("GET", "counts", nil)
	got := rec.all()
	if len(got) != 4 {
		t.Fatalf("waits %v, want one for each of the 3 API requests and the token request", got)
	}
	for _, d := range got {
		if d <= 0 || d > RealisticLatency.Max {
			t.Errorf("wait %v outside (0, %v]", d, RealisticLatency.Max)
		}
	}
	if n, total := e.srv.LatencyTotal(); n != 4 || total != got[0]+got[1]+got[2]+got[3] {
		t.Errorf("LatencyTotal %d %v, want 4 and the sum of %v", n, total, got)
	}
}

func TestLatency_Realistic_MedianNear250ms_TailToAboutASecond_SameSeedSameDelays(t *testing.T) {
	draw := func(l Latency, n int) []time.Duration {
		m := newLatencyModel(l)
		out := make([]time.Duration, n)
		for i := range out {
			out[i], _ = m.draw()
		}
		return out
	}
	a := draw(RealisticLatency, 10000)
	if !slices.Equal(a, draw(RealisticLatency, 10000)) {
		t.Fatal("the same seed gave other delays")
	}
	other := RealisticLatency
	other.Seed = 2
	if slices.Equal(a[:100], draw(other, 100)) {
		t.Error("another seed gave the same delays")
	}
	s := slices.Clone(a)
	slices.Sort(s)
	median, p99, top := s[len(s)/2], s[len(s)*99/100], s[len(s)-1]
	if median < 230*time.Millisecond || median > 270*time.Millisecond {
		t.Errorf("median %v, want about 250 ms", median)
	}
	if p99 < 700*time.Millisecond || p99 > 1100*time.Millisecond {
		t.Errorf("99th percentile %v, want about a second", p99)
	}
	if top > 1500*time.Millisecond {
		t.Errorf("slowest %v, over the 1.5 s cap", top)
	}
}

func TestLatency_CountOnly_TotalsWithoutWaiting(t *testing.T) {
	rec := &sleeps{}
	l := RealisticLatency
	l.CountOnly = true
	e := newEnv(t, withLatency(l, rec))
	for range 10 {
		e.call("GET", "preferences", nil)
	}
	n, total := e.srv.LatencyTotal()
	if len(rec.all()) != 0 || n != 10 || total < 10*100*time.Millisecond {
		t.Fatalf("waits %v, LatencyTotal %d %v: want no wait and 10 delays totalled", rec.all(), n, total)
	}
}

func TestLatency_AdminEndpoint_SetsShowsAndSwitchesOff(t *testing.T) {
	rec := &sleeps{}
	e := newEnv(t, func(o *Options) { o.Sleep = rec.Sleep })
	if _, m := e.admin("POST", "latency", map[string]any{"preset": "realistic", "countOnly": true}); m["median"] != "250ms" || m["max"] != "1.5s" || m["countOnly"] != true {
		t.Fatalf("after the preset: %v", m)
	}
	e.call("GET", "preferences", nil)
	e.call("GET", "preferences", nil)
	if _, m := e.admin("GET", "latency", nil); intOf(m["requests"]) != 2 || intOf(m["totalMs"]) <= 0 {
		t.Errorf("totals %v, want 2 requests", m)
	}
	if _, m := e.admin("POST", "latency", map[string]any{"median": "40ms", "seed": 7}); m["median"] != "40ms" || m["max"] != "240ms" || intOf(m["requests"]) != 0 {
		t.Fatalf("a plain median: %v (max defaults to 6 times it; the count restarts)", m)
	}
	e.call("GET", "preferences", nil)
	if got := rec.all(); len(got) != 1 || got[0] != 40*time.Millisecond {
		t.Errorf("waits %v, want 40ms (no spread without sigma)", got)
	}
	e.admin("POST", "latency", map[string]any{})
	e.call("GET", "preferences", nil)
	if got := rec.all(); len(got) != 1 {
		t.Errorf("waits %v after switching latency off", got)
	}
	if status, _ := e.admin("POST", "latency", map[string]any{"preset": "glacial"}); status != 400 {
		t.Errorf("an unknown preset: %d", status)
	}
}

func TestParseLatency_OffRealisticOrAMedian(t *testing.T) {
	for in, want := range map[string]Latency{
		"": {}, "off": {}, "0": {}, "realistic": RealisticLatency,
		"500ms": {Median: 500 * time.Millisecond, Sigma: RealisticLatency.Sigma, Max: 3 * time.Second, Seed: RealisticLatency.Seed},
	} {
		if got, err := ParseLatency(in); err != nil || got != want {
			t.Errorf("ParseLatency(%q) = %+v, %v; want %+v", in, got, err, want)
		}
	}
	if _, err := ParseLatency("slow"); err == nil {
		t.Error("ParseLatency(slow) accepted")
	}
}
