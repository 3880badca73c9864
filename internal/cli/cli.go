// Package cli is Ledgerlink's command line: the verbs, their flags and
// their output. Each verb lives in a file of its own; main only hands over
// what the build embeds.
package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"strings"
	"syscall"

	"ledgerlink/backend/practice"
)

// Build is what the binary carries: its version, the built UI and the icon.
type Build struct {
	Version string
	UI      fs.FS  // holds the built UI under UIDir
	UIDir   string // e.g. "frontend/dist"
	Icon    []byte // PNG for the window and taskbar
}

// A verb is one thing the binary can do.
type verb struct {
	name    string
	summary string
	run     func(ctx context.Context, b Build, args []string, out io.Writer) error
}

// verbs in the order `ledgerlink --help` lists them.
var verbs = []verb{
	{"desktop", "open the desktop window (what running with no verb does)", runDesktop},
	{"serve", "serve the same UI to a web browser on this computer", runServe},
	{"connect", "connect to QuickBooks Online (prints the sign-in address, waits for the answer)", runConnect},
	{"status", "show the QuickBooks connection", runStatus},
	{"disconnect", "disconnect from QuickBooks (revoke and forget the sign-in)", runDisconnect},
	{"contacts", "export the contacts to a CSV file, or import them from one", runContacts},
	{"work-types", "export the work types to a CSV file, or import them from one", runWorkTypes},
	{"tax-rates", "export the tax rates to a CSV file, or import them from one", runTaxRates},
	{"work", "export all work to a CSV file, or import unbilled work from one", runWork},
	{"sync", "sync contacts with QuickBooks now (Sync Now); --dry-run lists what it would do", runSync},
	{"duplicates", "list the customers waiting in Resolve Duplicates", runDuplicates},
	{"resolve", "resolve a duplicate: link it to a contact, or create a new contact", runResolve},
	{"clients", "list the client list: contacts linked to QuickBooks customers", runClients},
	{"unmatch", "remove the match of a contact and its QuickBooks customer", runUnmatch},
	{"conflicts", "list (and resolve) fields changed on both sides since the last sync", runConflicts},
	{"errors", "list sync errors, each with what to do", runErrors},
	{"retry", "retry every sync error (once every 3 minutes)", runRetry},
	{"invoices", "list invoices (by status, client, date or number) with their totals", runInvoices},
	{"invoice", "show one invoice: invoice show NUMBER", runInvoice},
	{"billing-run", "draft, approve and (with --send) send every client's invoice through a date", runBillingRun},
	{"sandbox", "run the QuickBooks-compatible sandbox server (OAuth + API)", runSandbox},
	{"version", "print the version", runVersion},
}

// Main runs the verb args name (the desktop window when there is none) and
// returns the exit code: 0 done, 1 failed (the reason on stderr), 2 bad
// usage.
func Main(args []string, stdout, stderr io.Writer, b Build) int {
	name, explicit := "desktop", false
	if len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		name, args, explicit = args[0], args[1:], true
	}
	if name == "help" || (!explicit && len(args) == 1 && isHelp(args[0])) {
		usage(stdout, b.Version)
		return 0
	}
	v, ok := findVerb(name)
	if !ok {
		fmt.Fprintf(stderr, "ledgerlink: unknown verb %q\n\n", name)
		usage(stderr, b.Version)
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := v.run(ctx, b, args, stdout)
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		return 2
	default:
		fmt.Fprintf(stderr, "ledgerlink %s: %s\n", v.name, printableLines(userMessage(err)))
		return 1
	}
}

func isHelp(s string) bool { return s == "-h" || s == "-help" || s == "--help" }

func findVerb(name string) (verb, bool) {
	for _, v := range verbs {
		if v.name == name {
			return v, true
		}
	}
	return verb{}, false
}

func usage(w io.Writer, version string) {
	fmt.Fprintf(w, "Ledgerlink %s — practice records in sync with QuickBooks Online.\n\n", version)
	fmt.Fprintln(w, "Usage:\n  ledgerlink [verb] [flags]\n\nVerbs:")
	for _, v := range verbs {
		fmt.Fprintf(w, "  %-12s %s\n", v.name, v.summary)
	}
	fmt.Fprintln(w, "\nRun 'ledgerlink VERB --help' for a verb's flags.")
}

// errUsage means the flags were wrong; the flag set has already said how.
var errUsage = errors.New("usage")

// newFlags returns a flag set for a verb whose --help prints its summary.
func newFlags(name, summary string, out io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: ledgerlink %s [flags]\n\n%s\n\nFlags:\n", name, summary)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args, mapping a bad flag to errUsage.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(fs.Output(), "unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	return nil
}

// userMessage is what a verb's failure prints: the sentence of a
// *practice.Error (made where the error arose), else the error itself,
// since a terminal's reader may need the detail of a fault of ours.
func userMessage(err error) string {
	if practice.ErrorCode(err) == practice.EINTERNAL {
		return err.Error()
	}
	return practice.ErrorMessage(err)
}

// uiAssets returns the built UI.
func uiAssets(b Build) (fs.FS, error) {
	sub, err := fs.Sub(b.UI, b.UIDir)
	if err != nil {
		return nil, err
	}
	if _, err := fs.Stat(sub, "index.html"); err != nil {
		return nil, errors.New("this binary was built without its UI (frontend/dist is empty): run 'make build'")
	}
	return sub, nil
}

func runVersion(_ context.Context, b Build, args []string, out io.Writer) error {
	fs := newFlags("version", "Print the version.", out)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	fmt.Fprintln(out, b.Version)
	return nil
}
