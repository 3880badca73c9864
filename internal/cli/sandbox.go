package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"
	"time"

	"ledgerlink/app"
	"ledgerlink/backend/qbo/sandbox"
)

func runSandbox(ctx context.Context, _ Build, args []string, out io.Writer) error {
	fs := newFlags("sandbox", "Run the QuickBooks Online compatible sandbox: Intuit-style OAuth (consent page,\n"+
		"token and revoke endpoints) and the Accounting API under /v3/company/REALM/, for one\n"+
		"company. Admin endpoints for tests are under /_sandbox/. It listens on a loopback\n"+
		"address only.", out)
	addr := fs.String("addr", "127.0.0.1:8790", "loopback address to listen on (port 0 picks a free one)")
	company := fs.String("company", "demo", "company to start with: demo or empty")
	country := fs.String("country", "US", "company country: US, CA, AU, UK or NZ")
	state := fs.String("state", "", "file that keeps the state across restarts (default: in memory only)")
	realm := fs.String("realm", sandbox.DefaultRealmID, "company id (realmId)")
	clientID := fs.String("client-id", sandbox.DefaultClientID, "OAuth client id the sandbox accepts")
	clientSecret := fs.String("client-secret", sandbox.DefaultClientSecret, "OAuth client secret the sandbox accepts")
	var redirects listFlag
	fs.Var(&redirects, "redirect-uri", "registered OAuth redirect URI, compared exactly; repeat for several\n(default "+strings.Join(sandbox.DefaultRedirectURIs, ", ")+")")
	accessTTL := fs.Duration("access-ttl", time.Hour, "access token lifetime")
	refreshTTL := fs.Duration("refresh-ttl", 101*24*time.Hour, "refresh token lifetime (rolls forward on use)")
	refreshGrace := fs.Duration("refresh-grace", 24*time.Hour, "how long a rotated-out refresh token keeps working")
	perMinute := fs.Int("per-minute", 500, "API requests a minute (negative: no limit)")
	perSecond := fs.Int("per-second", 10, "API requests a second (negative: no limit)")
	concurrent := fs.Int("concurrent", 10, "API requests in flight at once (negative: no limit)")
	batchPerMinute := fs.Int("batch-per-minute", 40, "batch requests a minute (negative: no limit)")
	emailsPerDay := fs.Int("emails-per-day", 40, "invoice e-mails a day")
	noLimits := fs.Bool("no-limits", false, "switch throttling off")
	throttleJSON := fs.Bool("throttle-json", false, "answer 429 with a JSON fault (QuickBooks answers XML even when JSON was asked)")
	retryAfter := fs.Bool("retry-after", false, "send Retry-After with a 429 (QuickBooks is not known to; clients then wait 60 s)")
	rotate := fs.Bool("rotate-every-refresh", false, "issue a new refresh token on every refresh (Intuit often returns the same one for about a day)")
	latency := fs.String("latency", "off", "delay API and token answers as QuickBooks over the internet does: off, realistic (median 250ms), or a median such as 400ms")
	logRequests := fs.Bool("log", false, "log every request to standard error")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	lat, err := sandbox.ParseLatency(*latency)
	if err != nil {
		fmt.Fprintf(fs.Output(), "--latency: %v\n", err)
		return errUsage
	}
	if err := app.CheckLoopback(*addr); err != nil {
		if _, _, splitErr := net.SplitHostPort(*addr); splitErr != nil {
			return err
		}
		return fmt.Errorf("the sandbox listens on this computer only (127.0.0.1, ::1 or localhost); %s would let other machines in", *addr)
	}
	opts := sandbox.Options{
		Company: *company, Country: *country, RealmID: *realm, StateFile: *state,
		ClientID: *clientID, ClientSecret: *clientSecret, RedirectURIs: redirects,
		AccessTokenTTL: *accessTTL, RefreshTokenTTL: *refreshTTL, RefreshGrace: *refreshGrace, RotateEveryRefresh: *rotate,
		Limits: sandbox.Limits{PerMinute: *perMinute, PerSecond: *perSecond, Concurrent: *concurrent,
			BatchPerMinute: *batchPerMinute, EmailsPerDay: *emailsPerDay, Off: *noLimits,
			ThrottleJSON: *throttleJSON, RetryAfter: *retryAfter},
		Latency: lat,
	}
	if *logRequests {
		opts.Log = slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	}
	srv, err := sandbox.New(opts)
	if err != nil {
		return err
	}
	defer srv.Close()

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	base := "http://" + ln.Addr().String()
	// The first line of output is the address, for people and for scripts.
	fmt.Fprintf(out, "QuickBooks sandbox is serving on %s/\n", base)
	name, ctry := srv.Company()
	fmt.Fprintf(out, "Company %q (%s, realmId %s), client id %s\n", name, ctry, srv.RealmID(), *clientID)
	fmt.Fprintf(out, "Connect: %s/connect/oauth2   Admin: %s/_sandbox\nPress Ctrl+C to stop.\n", base, base)
	if err := serveUntil(ctx, ln, srv.Handler(), nil); err != nil {
		return err
	}
	return srv.Close()
}

// listFlag is a flag that may be given several times.
type listFlag []string

var _ flag.Value = (*listFlag)(nil)

func (l *listFlag) String() string { return strings.Join(*l, ", ") }

func (l *listFlag) Set(v string) error {
	*l = append(*l, v)
	return nil
}
