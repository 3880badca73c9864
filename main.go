// Command ledgerlink keeps an accounting firm's practice records in sync with
// its QuickBooks Online company. With no arguments it opens the desktop
// window; verbs run it headless (internal/cli).
package main

import (
	"embed"
	"os"

	"ledgerlink/internal/cli"
)

// ui is the built frontend; the build puts it in frontend/dist.
//
//go:embed all:frontend/dist
var ui embed.FS

// appIcon is the window and taskbar icon.
//
//go:embed build/appicon.png
var appIcon []byte

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func main() {
	os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr, cli.Build{Version: version, UI: ui, UIDir: "frontend/dist", Icon: appIcon}))
}
