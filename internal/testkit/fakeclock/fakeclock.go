// Package fakeclock is the one fake clock of Ledgerlink's tests: time moves
// only when a test moves it, and sleeping advances it at once and is
// recorded, so waits are asserted instead of spent. It imports nothing of
// Ledgerlink's, so that every package's tests can use it (testkit re-exports
// it for the rest).
package fakeclock

import (
	"context"
	"sync"
	"time"
)

// Clock is a clock a test moves by hand. It is safe for concurrent use;
// its methods fit the Now and Sleep fields of every Config in the project.
type Clock struct {
	mu     sync.Mutex
	now    time.Time
	sleeps []time.Duration
}

// New returns a clock standing at t.
func New(t time.Time) *Clock { return &Clock{now: t} }

// Now tells the clock's time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock on by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Sleep records d and advances the clock by it at once; it returns the
// context's error, without sleeping, when the context has ended.
func (c *Clock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sleeps = append(c.sleeps, d)
	c.now = c.now.Add(d)
	return nil
}

// Sleeps returns the waits asked for so far, in order.
func (c *Clock) Sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}
