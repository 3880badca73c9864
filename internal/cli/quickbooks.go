package cli

import (
	"bufio"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/quickbooks"
)

func runConnect(ctx context.Context, _ Build, args []string, out io.Writer) error {
	fs := newFlags("connect", "Connect to QuickBooks Online: prints the authorization address (the first line of output),\n"+
		"opens it in the browser unless --no-browser, and waits for the answer.", out)
	noBrowser := fs.Bool("no-browser", false, "only print the address; open it yourself")
	open := func(u string) error {
		if *noBrowser {
			return errors.New("not asked to")
		}
		return openSystemBrowser(u)
	}
	v, err := openQBO(ctx, fs, args, open)
	if err != nil {
		return err
	}
	defer v.close()

	start, err := v.session.Connect(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, printable(start.AuthURL))
	if start.NeedsPaste {
		fmt.Fprintln(os.Stderr, "Sign in, then paste here the whole address your browser was sent to, and press Enter:")
		go func() {
			line, _ := bufio.NewReader(os.Stdin).ReadString('\n')
			if err := v.session.CompleteWithURL(strings.TrimSpace(line)); err != nil {
				fmt.Fprintln(os.Stderr, printableLines(userMessage(err)))
			}
		}()
	} else {
		fmt.Fprintln(os.Stderr, "Waiting for QuickBooks to answer (open the address above if no browser opened)…")
	}
	for {
		select {
		case <-ctx.Done():
			v.session.CancelConnect(context.WithoutCancel(ctx))
			return errors.New("cancelled")
		case st := <-v.changes:
			switch st.State {
			case practice.Connecting:
				continue
			case practice.Connected:
				fmt.Fprintf(out, "Connected to %s (company id %s).\n", printable(cmp.Or(st.CompanyName, "the QuickBooks company")), printable(st.RealmID))
				if st.InfoProblem != "" {
					fmt.Fprintln(out, printable(st.InfoProblem))
				}
				return nil
			default:
				return errors.New(cmp.Or(st.Reason, "QuickBooks was not connected."))
			}
		}
	}
}

func runStatus(ctx context.Context, _ Build, args []string, out io.Writer) error {
	fs := newFlags("status", "Show the QuickBooks connection: company, environment, and how long the sign-in stays valid.", out)
	asJSON := fs.Bool("json", false, "print JSON")
	v, err := openQBO(ctx, fs, args, nil)
	if err != nil {
		return err
	}
	defer v.close()
	st, err := v.session.Status(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(st)
	}
	printStatus(out, st)
	return nil
}

// stateLabel is how the plain output names each state.
var stateLabel = map[practice.ConnectionState]string{
	practice.Connected:      "connected",
	practice.NeedsReconnect: "needs reconnect",
	practice.Connecting:     "connecting",
	practice.Disconnected:   "not connected",
}

func printStatus(out io.Writer, st quickbooks.Status) {
	line := func(label, format string, args ...any) {
		fmt.Fprintf(out, "%-19s%s\n", label+":", printable(fmt.Sprintf(format, args...)))
	}
	line("QuickBooks Online", "%s", stateLabel[st.State])
	line("Environment", "%s", st.EnvironmentLabel)
	if st.RealmID != "" {
		line("Company", "%s (company id %s)", cmp.Or(st.CompanyName, "?"), st.RealmID)
	}
	if st.ConnectedAt != nil {
		line("Connected since", "%s", st.ConnectedAt.Local().Format("2 January 2006"))
	}
	if st.ExpiresAt != nil {
		line("Sign-in valid", "%d more days, until %s", st.DaysLeft, st.ExpiresAt.Local().Format("2 January 2006"))
	}
	if st.HardExpiresAt != nil && st.HardDaysLeft != nil {
		line("Intuit's limit", "%d more days, until %s (5 years after signing in)", *st.HardDaysLeft, st.HardExpiresAt.Local().Format("2 January 2006"))
	}
	if st.InfoProblem != "" {
		line("Company details", "%s", st.InfoProblem)
	}
	if st.Warning != "" {
		line("Warning", "%s", st.Warning)
	}
	if st.Reason != "" {
		line("Note", "%s", st.Reason)
	}
}

func runDisconnect(ctx context.Context, _ Build, args []string, out io.Writer) error {
	fs := newFlags("disconnect", "Disconnect from QuickBooks: revoke the sign-in at Intuit and remove it from the keychain.", out)
	v, err := openQBO(ctx, fs, args, nil)
	if err != nil {
		return err
	}
	defer v.close()
	if err := v.session.Disconnect(ctx); err != nil {
		return err
	}
	fmt.Fprintln(out, "Disconnected from QuickBooks.")
	return nil
}

// openSystemBrowser opens url in the user's browser from a verb (the
// desktop window uses the Wails runtime instead).
func openSystemBrowser(url string) error {
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", url)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", url)
	default:
		if checkDisplay() != nil {
			return errors.New("no display")
		}
		cmd = exec.Command("xdg-open", url)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go func() {
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(time.Minute):
		}
	}()
	return nil
}
