package qbo

import (
	"context"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestPacer_PerSecondLimit_SpacesStarts(t *testing.T) {
	clock := newFakeClock()
	p := newPacer(Limits{PerSecond: 2, PerMinute: -1, InFlight: -1, BatchPerMinute: -1}, clock.Now, clock.Sleep)
	t0 := clock.Now()
	var starts []time.Duration
	for range 5 {
		release, err := p.acquire(context.Background(), false)
		if err != nil {
			t.Fatal(err)
		}
		starts = append(starts, clock.Now().Sub(t0))
		release()
	}
	want := []time.Duration{0, 0, time.Second, time.Second, 2 * time.Second}
	if diff := cmp.Diff(want, starts); diff != "" {
		t.Errorf("starts (-want +got):\n%s", diff)
	}
}

func TestPacer_NeverMoreThanLimitInAnyWindow(t *testing.T) {
	clock := newFakeClock()
	p := newPacer(Limits{PerMinute: 50, PerSecond: 10, InFlight: -1, BatchPerMinute: -1}, clock.Now, clock.Sleep)
	var starts []time.Time
	for i := range 200 {
		if i%7 == 0 {
			clock.Sleep(context.Background(), 130*time.Millisecond) // callers arrive unevenly
		}
		release, err := p.acquire(context.Background(), false)
		if err != nil {
			t.Fatal(err)
		}
		starts = append(starts, clock.Now())
		release()
	}
	for i := range starts {
		if j := i + 10; j < len(starts) && starts[j].Sub(starts[i]) < time.Second {
			t.Fatalf("11 starts within %v at %d", starts[j].Sub(starts[i]), i)
		}
		if j := i + 50; j < len(starts) && starts[j].Sub(starts[i]) < time.Minute {
			t.Fatalf("51 starts within %v at %d", starts[j].Sub(starts[i]), i)
		}
	}
}

// QBO counts a request when it arrives, so a slow answer (a cold
// connection's handshake) must not let a later request into the same
// window as QBO sees it: the period runs from the answer, not the start.
func TestPacer_PeriodRunsFromTheAnswer_SoASlowFirstRequestIsNotOvertaken(t *testing.T) {
	clock := newFakeClock()
	p := newPacer(Limits{PerSecond: 2, PerMinute: -1, InFlight: -1, BatchPerMinute: -1}, clock.Now, clock.Sleep)
	t0 := clock.Now()
	slow, _ := p.acquire(context.Background(), false)
	fast, _ := p.acquire(context.Background(), false)
	clock.Sleep(context.Background(), 50*time.Millisecond)
	fast()
	clock.Sleep(context.Background(), 250*time.Millisecond)
	slow()
	var starts []time.Duration
	for range 2 {
		r, err := p.acquire(context.Background(), false)
		if err != nil {
			t.Fatal(err)
		}
		starts = append(starts, clock.Now().Sub(t0))
		r()
	}
	want := []time.Duration{1050 * time.Millisecond, 1300 * time.Millisecond}
	if diff := cmp.Diff(want, starts); diff != "" {
		t.Errorf("starts after answers at 50 ms and 300 ms (-want +got):\n%s", diff)
	}
}

func TestPacer_WindowFullOfRequestsUnderWay_WaitsForAnAnswer(t *testing.T) {
	clock := newFakeClock()
	p := newPacer(Limits{PerSecond: 1, PerMinute: -1, InFlight: -1, BatchPerMinute: -1}, clock.Now, clock.Sleep)
	first, _ := p.acquire(context.Background(), false)
	started := make(chan struct{})
	go func() {
		r, err := p.acquire(context.Background(), false)
		if err != nil {
			t.Error(err)
		}
		close(started)
		r()
	}()
	select {
	case <-started:
		t.Fatal("a second request started while the first, alone in a window of one, was under way")
	case <-time.After(50 * time.Millisecond):
	}
	first()
	select {
	case <-started:
	case <-time.After(5 * time.Second):
		t.Fatal("the second request never started after the first was answered")
	}
	ctx, cancel := context.WithCancel(context.Background())
	held, _ := p.acquire(context.Background(), false)
	defer held()
	go cancel()
	if _, err := p.acquire(ctx, false); err != context.Canceled {
		t.Errorf("cancelled while waiting for an answer: %v", err)
	}
}

func TestPacer_BatchLimit_OnlyForBatches(t *testing.T) {
	clock := newFakeClock()
	p := newPacer(Limits{PerMinute: -1, PerSecond: -1, InFlight: -1, BatchPerMinute: 2}, clock.Now, clock.Sleep)
	t0 := clock.Now()
	for range 2 {
		r, _ := p.acquire(context.Background(), true)
		r()
	}
	for range 5 {
		r, _ := p.acquire(context.Background(), false)
		r()
	}
	if clock.Now() != t0 {
		t.Errorf("plain requests waited for the batch limit")
	}
	r, _ := p.acquire(context.Background(), true)
	r()
	if got := clock.Now().Sub(t0); got != time.Minute {
		t.Errorf("third batch started after %v, want 1m", got)
	}
}

func TestPacer_CancelledWhileWaiting_ReturnsContextError(t *testing.T) {
	clock := newFakeClock()
	p := newPacer(Limits{PerSecond: 1, PerMinute: -1, InFlight: -1, BatchPerMinute: -1}, clock.Now, clock.Sleep)
	r, _ := p.acquire(context.Background(), false)
	r()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := p.acquire(ctx, false); err != context.Canceled {
		t.Errorf("err = %v", err)
	}
}

func TestClient_InFlightLimit_Holds(t *testing.T) {
	var cur, peak atomic.Int32
	gate := make(chan struct{})
	env := newTestEnv(t, func(c *Config) {
		c.Limits = Limits{InFlight: 2, PerSecond: -1, PerMinute: -1, BatchPerMinute: -1}
	})
	env.handle("GET", "customer/58", func(w http.ResponseWriter, r *http.Request) {
		n := cur.Add(1)
		for {
			p := peak.Load()
			if n <= p || peak.CompareAndSwap(p, n) {
				break
			}
		}
		<-gate
		cur.Add(-1)
		serveFile(t, w, 200, "customer.json")
	})
	var wg sync.WaitGroup
	for range 6 {
		wg.Go(func() {
			if _, err := env.client.Customers.Get(context.Background(), "58"); err != nil {
				t.Error(err)
			}
		})
	}
	// Let the first two in, then release all; a third would raise peak.
	deadline := time.Now().Add(5 * time.Second)
	for cur.Load() < 2 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(20 * time.Millisecond)
	close(gate)
	wg.Wait()
	if got := peak.Load(); got != 2 {
		t.Errorf("peak in flight = %d, want 2", got)
	}
	if got := env.client.Stats().Requests; got != 6 {
		t.Errorf("Requests = %d", got)
	}
}

func TestClient_PacedRequests_WaitOnInjectedClock(t *testing.T) {
	env := newTestEnv(t, func(c *Config) {
		c.Limits = Limits{PerSecond: 3, PerMinute: -1, InFlight: -1, BatchPerMinute: -1}
	})
	env.handle("GET", "customer/58", func(w http.ResponseWriter, r *http.Request) {
		serveFile(t, w, 200, "customer.json")
	})
	for range 7 {
		if _, err := env.client.Customers.Get(context.Background(), "58"); err != nil {
			t.Fatal(err)
		}
	}
	if diff := cmp.Diff([]time.Duration{time.Second, time.Second}, env.clock.Sleeps()); diff != "" {
		t.Errorf("sleeps (-want +got):\n%s", diff)
	}
}

func TestLimits_ZeroMeansQBODefaults(t *testing.T) {
	p := newPacer(Limits{}, time.Now, sleepContext)
	if len(p.general) != 2 || len(p.general[0].entries) != 500 || len(p.general[1].entries) != 10 ||
		len(p.batch.entries) != 40 || cap(p.slots) != 10 {
		t.Errorf("defaults not applied: %+v", p)
	}
}
