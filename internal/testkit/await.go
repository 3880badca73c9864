package testkit

import (
	"testing"
	"time"
)

// Await returns the first value from c that want accepts, failing the test
// when none comes within 15 s (what names the wait in that failure). A
// value that reject accepts fails the test at once; reject may be nil.
func Await[T any](t testing.TB, c <-chan T, what string, want, reject func(T) bool) T {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		select {
		case v := <-c:
			if want(v) {
				return v
			}
			if reject != nil && reject(v) {
				t.Fatalf("while waiting for %s: got %+v", what, v)
			}
		case <-deadline:
			t.Fatalf("no %s within 15 s", what)
		}
	}
}
