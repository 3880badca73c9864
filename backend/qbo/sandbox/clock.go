package sandbox

import (
	"strings"
	"sync"
	"time"

	// QBO stamps times in US Pacific time whatever the company's country;
	// embedding the zone database keeps that true on machines without one.
	_ "time/tzdata"
)

// pacific is the zone of every QBO timestamp.
var pacific = mustZone("America/Los_Angeles")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// clock is the sandbox's idea of now: the injected source plus an offset an
// admin call can move, so tests can expire tokens, age CDC windows and pass
// closing dates without sleeping.
type clock struct {
	mu     sync.Mutex
	source func() time.Time
	offset time.Duration
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.source().Add(c.offset)
}

// Offset is the current shift from the source clock.
func (c *clock) Offset() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.offset
}

// SetOffset shifts the clock from its source by d.
func (c *clock) SetOffset(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset = d
}

// Set makes the clock read t now.
func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset = t.Sub(c.source())
}

// stamp formats t as QBO writes MetaData times: seconds, Pacific offset.
func stamp(t time.Time) string { return t.In(pacific).Format("2006-01-02T15:04:05-07:00") }

// responseTime formats t as QBO writes the "time" of a response: with
// milliseconds and a Pacific offset.
func responseTime(t time.Time) string {
	return t.In(pacific).Format("2006-01-02T15:04:05.000-07:00")
}

// day is the company's calendar date for t; QBO dates transactions in the
// company's zone, which the sandbox takes to be Pacific like its timestamps.
func day(t time.Time) string { return t.In(pacific).Format(time.DateOnly) }

// parseStamp reads a timestamp as clients send it: RFC 3339 with or without
// fraction, a zoneless date-time (taken as Pacific), or a bare date.
func parseStamp(s string) (time.Time, bool) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05Z0700"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02T15:04:05.999999999", time.DateOnly} {
		if t, err := time.ParseInLocation(layout, s, pacific); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// parseDate reads a plain date as QBO writes TxnDate (YYYY-MM-DD) and
// returns it in that form.
func parseDate(s string) (string, bool) {
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(s))
	if err != nil {
		return "", false
	}
	return t.Format(time.DateOnly), true
}
