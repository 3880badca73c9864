package connect

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"ledgerlink/internal/testkit"
)

func TestHealthOf_DaysLeftAndWarnings(t *testing.T) {
	now := testkit.Start
	day := 24 * time.Hour
	for _, c := range []struct {
		name            string
		rolling, hard   time.Duration // from now; 0 hard means unknown
		days            int
		warn            string // substring; "" means no warning
		expiresAtIsHard bool
	}{
		{"fresh connection", 101 * day, 5 * 365 * day, 101, "", false},
		{"rolling expiry in 20 days", 20 * day, 4 * 365 * day, 20, "", false},
		{"rolling expiry in 13 days", 13*day + time.Hour, 4 * 365 * day, 13, "unless it is used", false},
		{"rolling expiry in hours", 5 * time.Hour, 4 * 365 * day, 0, "in less than a day", false},
		{"hard cap in 25 days", 100 * day, 25 * day, 25, "5 years", true},
		{"hard cap in 40 days", 100 * day, 40 * day, 40, "", true},
		{"hard cap unknown", 50 * day, 0, 50, "", false},
		{"expired", -day, 4 * 365 * day, 0, "expired on", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			g := &Grant{RefreshExpiresAt: now.Add(c.rolling)}
			if c.hard != 0 {
				g.RefreshHardExpiresAt = now.Add(c.hard)
			}
			h := HealthOf(g, now)
			if h.DaysLeft != c.days {
				t.Errorf("DaysLeft %d, want %d", h.DaysLeft, c.days)
			}
			if (c.warn == "") != (h.Warning == "") || !strings.Contains(h.Warning, c.warn) {
				t.Errorf("Warning %q, want one containing %q", h.Warning, c.warn)
			}
			want := g.RefreshExpiresAt
			if c.expiresAtIsHard {
				want = g.RefreshHardExpiresAt
			}
			if !h.ExpiresAt.Equal(want) || !h.HardExpiresAt.Equal(g.RefreshHardExpiresAt) {
				t.Errorf("ExpiresAt %s, HardExpiresAt %s", h.ExpiresAt, h.HardExpiresAt)
			}
		})
	}
	if h := HealthOf(nil, now); h != (Health{}) {
		t.Errorf("nil grant: %+v", h)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
