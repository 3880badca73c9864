package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	goruntime "runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/wailsapp/wails/v2"
	"github.com/wailsapp/wails/v2/pkg/options"
	"github.com/wailsapp/wails/v2/pkg/options/assetserver"
	"github.com/wailsapp/wails/v2/pkg/options/linux"
	"github.com/wailsapp/wails/v2/pkg/runtime"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/quickbooks"
	"ledgerlink/backend/sqlite"
)

// DesktopConfig configures the desktop window.
type DesktopConfig struct {
	DBPath string
	Assets fs.FS
	Icon   []byte // PNG for the window and taskbar
	// QuickBooks overrides endpoints and app settings (flags, environment).
	QuickBooks quickbooks.Overrides
	Version    string
	Log        *slog.Logger
	Stdout     io.Writer

	// Smoke makes the window prove itself and exit: 0 once the UI has
	// called back into Go (held open SmokeHold so it can be photographed),
	// an error if that does not happen within SmokeTimeout.
	Smoke        bool
	SmokeTimeout time.Duration
	SmokeHold    time.Duration
}

// wailsEmitter sends events through the Wails runtime once it has started.
type wailsEmitter struct {
	ctx atomic.Pointer[context.Context]
}

func (e *wailsEmitter) Emit(name string, data any) {
	if ctx := e.ctx.Load(); ctx != nil {
		runtime.EventsEmit(*ctx, name, data)
	}
}

// RunDesktop opens the desktop window and returns when it closes.
func RunDesktop(cfg DesktopConfig) error {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()

	// One window per database. Wails' single-instance lock hands a second
	// launch over to the first window (which comes to the front); the
	// database lock is the backstop where that hand-over is not possible.
	instanceID := "ledgerlink-" + shortHash(cfg.DBPath)
	var wctx atomic.Pointer[context.Context]
	single := &options.SingleInstanceLock{
		UniqueId: instanceID,
		OnSecondInstanceLaunch: func(options.SecondInstanceData) {
			if c := wctx.Load(); c != nil {
				runtime.WindowUnminimise(*c)
				runtime.Show(*c)
			}
		},
	}

	db, err := sqlite.Open(ctx, cfg.DBPath)
	if practice.ErrorCode(err) == practice.ELOCKED {
		// Said first, because a successful hand-over ends this process.
		fmt.Fprintln(os.Stderr, "ledgerlink:", practice.ErrorMessage(err))
		if canHandOver() {
			runRefusedWindow(single, practice.ErrorMessage(err))
		}
		return err
	}
	if err != nil {
		return err
	}
	defer db.Close()

	events := &wailsEmitter{}
	var (
		readyOnce sync.Once
		ready     atomic.Bool
	)
	openURL := func(u string) error {
		c := wctx.Load()
		if c == nil {
			return fmt.Errorf("the window is not ready")
		}
		runtime.BrowserOpenURL(*c, u)
		return nil
	}
	a := New(ctx, Config{DB: db, Events: events, Log: cfg.Log, Mode: Desktop, Version: cfg.Version,
		QuickBooks: QuickBooksConfig{Overrides: cfg.QuickBooks, OpenURL: openURL},
		OnReady: func(r ReadyReport) {
			if !cfg.Smoke {
				return
			}
			readyOnce.Do(func() {
				ready.Store(true)
				fmt.Fprintf(cfg.Stdout, "smoke: ui ready: screen=%s contacts=%d\n", r.Screen, r.Contacts)
				time.AfterFunc(cfg.SmokeHold, func() { quit(&wctx) })
			})
		}})

	if cfg.Smoke {
		time.AfterFunc(cfg.SmokeTimeout, func() {
			if ready.Load() {
				return
			}
			if wctx.Load() == nil { // the window never started: nothing to quit
				fmt.Fprintf(cfg.Stdout, "smoke: the window did not start within %s\n", cfg.SmokeTimeout)
				os.Exit(3)
			}
			quit(&wctx)
		})
	}

	err = wails.Run(&options.App{
		Title:     "Ledgerlink",
		Width:     1280,
		Height:    820,
		MinWidth:  880,
		MinHeight: 560,
		AssetServer: &assetserver.Options{
			Assets: cfg.Assets,
		},
		BackgroundColour: &options.RGBA{R: 246, G: 247, B: 249, A: 255},
		OnStartup: func(c context.Context) {
			wctx.Store(&c)
			events.ctx.Store(&c)
		},
		OnShutdown: func(context.Context) {
			cancel()
			a.Close()
		},
		Bind:               a.Bindings(),
		ErrorFormatter:     func(err error) any { return FormatError(a.log, err) },
		SingleInstanceLock: single,
		Linux:              &linux.Options{ProgramName: "ledgerlink", Icon: cfg.Icon},
	})
	if err != nil {
		return fmt.Errorf("desktop window: %w", err)
	}
	if cfg.Smoke && !ready.Load() {
		return fmt.Errorf("smoke: the UI did not call back into Go within %s", cfg.SmokeTimeout)
	}
	return nil
}

// canHandOver reports whether Wails can pass a second launch to the first
// window: on Linux it needs a D-Bus session bus.
func canHandOver() bool {
	return goruntime.GOOS != "linux" || os.Getenv("DBUS_SESSION_BUS_ADDRESS") != ""
}

// runRefusedWindow is reached when another process holds the database. Wails
// forwards this launch to that process's window (which comes to the front)
// and exits; where it cannot, this window says why and closes.
func runRefusedWindow(single *options.SingleInstanceLock, msg string) error {
	err := wails.Run(&options.App{
		Title:       "Ledgerlink",
		Width:       480,
		Height:      200,
		AssetServer: &assetserver.Options{Assets: emptyFS{}},
		OnStartup: func(c context.Context) {
			runtime.MessageDialog(c, runtime.MessageDialogOptions{Type: runtime.ErrorDialog, Title: "Ledgerlink is already open", Message: msg})
			runtime.Quit(c)
		},
		SingleInstanceLock: single,
	})
	return err
}

func quit(c *atomic.Pointer[context.Context]) {
	if ctx := c.Load(); ctx != nil {
		runtime.Quit(*ctx)
	}
}

func shortHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:6])
}

// emptyFS serves nothing; the refusal window shows only a dialog.
type emptyFS struct{}

func (emptyFS) Open(string) (fs.File, error) { return nil, fs.ErrNotExist }
