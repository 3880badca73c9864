package connect

import (
	"fmt"
	"time"
)

// Warning thresholds. The rolling expiry is renewed by any use, so its
// warning can be late; the hard cap cannot be renewed, only replaced by a
// new sign-in, so its warning comes earlier.
const (
	warnRolling = 14 * 24 * time.Hour
	warnHardCap = 30 * 24 * time.Hour
)

// Health is how long a connection has left, for the settings card.
type Health struct {
	// DaysLeft is whole days before the refresh token expires (the earlier
	// of the rolling expiry and the hard cap); 0 once expired.
	DaysLeft      int
	ExpiresAt     time.Time // the earlier of the two expiries
	HardExpiresAt time.Time // the 5-year cap; zero if unknown
	// Warning is a sentence for the accountant, or "" when all is well.
	Warning string
}

// HealthOf says how long g has left at now. A nil grant has no health.
func HealthOf(g *Grant, now time.Time) Health {
	if g == nil {
		return Health{}
	}
	h := Health{ExpiresAt: g.ExpiresAt(), HardExpiresAt: g.RefreshHardExpiresAt}
	if h.ExpiresAt.IsZero() {
		return h
	}
	left := h.ExpiresAt.Sub(now)
	if left <= 0 {
		h.Warning = fmt.Sprintf("The QuickBooks connection expired on %s. Press Reconnect and sign in again to keep syncing.", date(h.ExpiresAt))
		return h
	}
	h.DaysLeft = int(left / (24 * time.Hour))
	hard := h.HardExpiresAt
	switch {
	case !hard.IsZero() && hard.Sub(now) < warnHardCap:
		h.Warning = fmt.Sprintf("Intuit ends every connection after 5 years: this one ends on %s (%s). Press Reconnect before then to keep syncing.", date(hard), days(hard.Sub(now)))
	case left < warnRolling:
		h.Warning = fmt.Sprintf("The QuickBooks connection expires on %s (%s) unless it is used. Run Sync Now before then (any sync renews it), or press Reconnect.", date(h.ExpiresAt), days(left))
	}
	return h
}

// date formats a day as the accountant reads it.
func date(t time.Time) string { return t.Local().Format("2 January 2006") }

// days says a duration in whole days, "less than a day" below one.
func days(d time.Duration) string {
	n := int(d / (24 * time.Hour))
	switch n {
	case 0:
		return "in less than a day"
	case 1:
		return "in 1 day"
	}
	return fmt.Sprintf("in %d days", n)
}
