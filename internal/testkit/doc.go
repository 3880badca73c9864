// Package testkit is the one set of test helpers every package's tests
// share: a fake clock, the OS keychain in a private session, a
// QuickBooks-compatible sandbox on real HTTP that remembers every secret
// it hands out, a person pressing Connect on its consent page, real SQLite
// files, a real SMTP server that keeps the mail it takes (StartSMTP, read
// with ParseMail), and scans for secrets in errors, logs and files.
//
// It may import the sandbox and the store, never the packages whose own
// (in-package) tests use it: connect, qbo. The sandbox's own tests use
// fakeclock directly, since testkit imports the sandbox.
package testkit

import (
	"time"

	"ledgerlink/internal/testkit/fakeclock"
)

// Clock is the fake clock (see package fakeclock).
type Clock = fakeclock.Clock

// Start is when tests' clocks start unless they say otherwise: a
// Wednesday morning, far from any month's or year's end.
var Start = time.Date(2026, 3, 18, 9, 30, 0, 0, time.UTC)

// NewClock returns a fake clock standing at Start.
func NewClock() *Clock { return fakeclock.New(Start) }
