// Package e2e holds the end-to-end tests: the browser-mode UI driven in real
// Chromium, the desktop window under Xvfb, and the conformance of the
// QuickBooks sandbox with QBO clients written by others (intuit-oauth and
// node-quickbooks from npm, in node/, run with node:test). They build and
// run the real binary, so they are behind build tags and run by `make test`:
//
//	go test -tags e2e ./e2e/            (needs /usr/bin/chromium)
//	xvfb-run -a go test -tags smoke ./e2e/   (needs the desktop build)
//	go test -tags conformance ./e2e/    (needs Node.js 20; runs npm ci in node/ when its lock file changed)
//
// LEDGERLINK_BIN names the binary to test; without it the tests build one.
package e2e
