// Package e2e holds the end-to-end tests: the browser-mode UI driven in real
// Chromium, and the desktop window under Xvfb. They build and run the real
// binary, so they are behind build tags and run by `make test`:
//
//	go test -tags e2e ./e2e/            (needs /usr/bin/chromium)
//	xvfb-run -a go test -tags smoke ./e2e/   (needs the desktop build)
//
// LEDGERLINK_BIN names the binary to test; without it the tests build one.
package e2e
