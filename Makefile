# Ledgerlink. The two set-up commands are `make run` and `make test`; each
# installs what is missing first (see scripts/deps).

GO        ?= go
BIN       := build/bin/ledgerlink
VERSION   ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
TAGS      := desktop,production,webkit2_41
LDFLAGS   := -s -w -X main.version=$(VERSION)
GOFILES   := $(shell find . -name '*.go' -not -path './frontend/*' -not -path './e2e/node/*')
UIFILES   := $(shell find frontend/src -type f) frontend/index.html frontend/vite.config.ts frontend/package-lock.json
ARTIFACTS ?= artifacts

.PHONY: run test build deps ui check-fmt vet unit ui-test e2e conformance smoke bench fmt lint clean

## run: install what is missing, build, and open the desktop window
run: deps build
	@if [ -z "$$DISPLAY$$WAYLAND_DISPLAY" ] && [ "$$(uname)" = Linux ]; then \
		$(BIN) desktop --demo; \
		echo; echo "Browser mode:  $(BIN) serve --demo --addr 127.0.0.1:8080   then open http://127.0.0.1:8080/"; \
	else \
		$(BIN) desktop --demo $(ARGS); \
	fi

## test: install what is missing and run every test
test: deps build check-fmt vet unit ui-test e2e conformance smoke
	@echo "make test: all passed"

deps:
	@scripts/deps

## build: the UI, then the desktop binary that embeds it
build: deps $(BIN)

ui: frontend/dist/index.html

frontend/dist/index.html: $(UIFILES)
	cd frontend && npm run build

$(BIN): $(GOFILES) go.mod go.sum frontend/dist/index.html
	$(GO) build -tags $(TAGS) -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) .

check-fmt:
	@out=$$(gofmt -l $(GOFILES)); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet: ui
	$(GO) vet ./...
	$(GO) vet -tags e2e ./e2e/
	$(GO) vet -tags smoke ./e2e/
	$(GO) vet -tags conformance ./e2e/

## unit: Go tests on real SQLite files, the sandbox over HTTP and the real keychain
unit: ui
	scripts/with-session $(GO) test -count=1 ./...

ui-test:
	cd frontend && npm run check && npm test

## e2e: browser mode in real Chromium (with the real keychain)
e2e: build
	LEDGERLINK_BIN=$(CURDIR)/$(BIN) scripts/with-session $(GO) test -count=1 -tags e2e ./e2e/

## conformance: the sandbox driven by QBO clients written by others (npm: node-quickbooks, intuit-oauth)
conformance: build
	LEDGERLINK_BIN=$(CURDIR)/$(BIN) $(GO) test -count=1 -tags conformance ./e2e/

## smoke: the desktop window under Xvfb; keeps a screenshot in $(ARTIFACTS)/
smoke: build
	LEDGERLINK_BIN=$(CURDIR)/$(BIN) LEDGERLINK_ARTIFACTS=$(CURDIR)/$(ARTIFACTS) \
		xvfb-run -a -s "-screen 0 1280x1024x24" scripts/with-session $(GO) test -count=1 -v -run Desktop -tags smoke ./e2e/

## bench: figures for listing and filtering 10,000 contacts (store), the first Sync Now of 10,000 customers against 10,000 contacts and a Sync Now with nothing changed (requests, time, modelled time at QuickBooks latency, peak RSS), a billing run of 1,000 clients (draft and approve), and scrolling in Chromium (UI)
bench: build
	$(GO) test -run '^$$' -bench . -benchmem ./backend/...
	LEDGERLINK_BIN=$(CURDIR)/$(BIN) $(GO) test -run '^$$' -bench UI -benchtime 1x -tags e2e ./e2e/

fmt:
	gofmt -w $(GOFILES)

lint: check-fmt vet
	cd frontend && npm run check

clean:
	rm -rf build/bin frontend/dist/assets frontend/dist/index.html $(ARTIFACTS)
