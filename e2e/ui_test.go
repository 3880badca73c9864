//go:build e2e || smoke

package e2e

// The browser and desktop tests drive the embedded UI, so the binary under
// test must have been built with it.
func init() { needsUI = true }
