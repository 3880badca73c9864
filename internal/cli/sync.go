package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/quickbooks"
	"ledgerlink/backend/sync"
)

// engine returns the sync engine on the verb's database and session.
func (v *qboVerb) engine(progress func(sync.Progress)) *sync.Engine {
	return &sync.Engine{DB: v.db, Progress: progress, Explain: quickbooks.Explain}
}

// quickBooks returns the connected company.
func (v *qboVerb) quickBooks(ctx context.Context) (sync.QuickBooks, error) {
	c, err := v.session.Client(ctx)
	if err != nil {
		return nil, err
	}
	return sync.Client(c), nil
}

func runSync(ctx context.Context, _ Build, args []string, out io.Writer) error {
	fs := newFlags("sync", "Sync contacts with QuickBooks now (Sync Now). --dry-run lists what would be\n"+
		"linked, created, updated, pushed and sent to Resolve Duplicates, without writing anywhere.", out)
	dry := fs.Bool("dry-run", false, "plan only: write nothing on either side")
	fresh := fs.Bool("start-fresh", false, "sync with the connected company although the links belong to another (they are kept aside)")
	asJSON := fs.Bool("json", false, "print JSON")
	v, err := openQBO(ctx, fs, args, nil)
	if err != nil {
		return err
	}
	defer v.close()
	q, err := v.quickBooks(ctx)
	if err != nil {
		return err
	}
	res, err := v.engine(progressPrinter(*asJSON)).Run(ctx, q, sync.Options{Trigger: sync.TriggerCLI, DryRun: *dry, NewCompany: *fresh})
	return reportRun(out, res, err, *asJSON)
}

func runRetry(ctx context.Context, _ Build, args []string, out io.Writer) error {
	fs := newFlags("retry", "Retry every sync error at once (allowed once every 3 minutes).", out)
	asJSON := fs.Bool("json", false, "print JSON")
	v, err := openQBO(ctx, fs, args, nil)
	if err != nil {
		return err
	}
	defer v.close()
	q, err := v.quickBooks(ctx)
	if err != nil {
		return err
	}
	res, err := v.engine(progressPrinter(*asJSON)).Retry(ctx, q, sync.Options{Trigger: sync.TriggerCLI})
	return reportRun(out, res, err, *asJSON)
}

// progressPrinter reports progress on stderr, as a line per phase step, when
// the output is for a person.
func progressPrinter(quiet bool) func(sync.Progress) {
	if quiet {
		return nil
	}
	return func(p sync.Progress) {
		if p.Phase == sync.PhaseDone {
			return
		}
		line := "  " + p.Phase
		if p.Total > 0 {
			line += fmt.Sprintf(" %d/%d", p.Done, p.Total)
		} else if p.Done > 0 {
			line += fmt.Sprintf(" %d", p.Done)
		}
		if p.Remain > 0 {
			line += fmt.Sprintf(", about %s left", (time.Duration(p.Remain) * time.Second).String())
		}
		fmt.Fprintln(os.Stderr, line)
	}
}

// reportRun prints a run's outcome: the JSON document, or lines.
func reportRun(out io.Writer, res *sync.Result, runErr error, asJSON bool) error {
	if res == nil {
		return runErr
	}
	if asJSON {
		if err := writeJSON(out, res); err != nil {
			return err
		}
		if runErr != nil {
			return errReported{runErr}
		}
		return nil
	}
	r, c := res.Run, res.Run.Counts
	verb := "Synced"
	if r.DryRun {
		verb = "Dry run (nothing written)"
	}
	fmt.Fprintf(out, "%s: read %d customers (%s), %d requests to QuickBooks.\n", verb, c.Read, r.Mode, r.Requests)
	for _, l := range []struct {
		n    int
		what string
	}{{c.Linked, "linked to existing contacts"}, {c.Created, "new contacts created"}, {c.UpdatedLocal, "contacts updated from QuickBooks"},
		{c.UpdatedQBO, "customers updated from Ledgerlink"}, {c.Pushed, "customers created from contacts"},
		{c.Duplicates, "sent to Resolve Duplicates (ledgerlink duplicates)"}, {c.Conflicts, "conflicts to resolve (ledgerlink conflicts)"},
		{c.Errors, "sync errors (ledgerlink errors)"}, {c.Listed, "customers listed, not imported"}} {
		if l.n > 0 {
			fmt.Fprintf(out, "  %5d %s\n", l.n, l.what)
		}
	}
	if p := res.Plan; p != nil {
		printPlan(out, p)
	}
	for _, l := range r.Report {
		fmt.Fprintf(out, "  listed: %s (QuickBooks Id %s): %s\n", printable(l.DisplayName), l.QBOID, printable(l.Why))
	}
	return runErr
}

// printPlan lists a dry run's plan, one line an entry.
func printPlan(out io.Writer, p *sync.Plan) {
	for _, l := range p.Link {
		fmt.Fprintf(out, "  link      %s ↔ %s (%s)\n", printable(l.DisplayName), printable(l.ContactName), printable(l.Why))
	}
	for _, c := range p.Create {
		fmt.Fprintf(out, "  create    %s (%s)\n", printable(c.Name), c.Kind)
	}
	for _, u := range p.UpdateLocal {
		fmt.Fprintf(out, "  update    contact %s: %s\n", printable(u.Name), fieldList(u.Changes))
	}
	for _, u := range p.UpdateQuickBooks {
		fmt.Fprintf(out, "  send      customer %s: %s\n", printable(u.Name), fieldList(u.Changes))
	}
	for _, ps := range p.Push {
		fmt.Fprintf(out, "  push      %s\n", printable(ps.Name))
	}
	for _, d := range p.Duplicates {
		var cands []string
		for _, c := range d.Candidates {
			cands = append(cands, fmt.Sprintf("%s (%s)", c.Name, c.Why))
		}
		fmt.Fprintf(out, "  duplicate %s: %s\n", printable(d.DisplayName), printable(strings.Join(cands, "; ")))
	}
	for _, c := range p.Conflicts {
		fmt.Fprintf(out, "  conflict  %s %s: %q here, %q in QuickBooks\n", printable(c.Name), c.Field, printable(c.Ours), printable(c.Theirs))
	}
	for _, in := range p.Invalid {
		fmt.Fprintf(out, "  problem   %s %s: %s\n", in.Kind, printable(in.Name), printable(in.Problem))
	}
}

func fieldList(cs []sync.FieldChange) string {
	names := make([]string, len(cs))
	for i, c := range cs {
		names[i] = strings.ToLower(c.Label)
	}
	return strings.Join(names, ", ")
}

// errReported is a failure whose JSON document was already printed; the
// message still goes to stderr and the exit code is 1.
type errReported struct{ error }

func (e errReported) Unwrap() error { return e.error }

// writeJSON prints v as one indented JSON document.
func writeJSON(out io.Writer, v any) error {
	enc := json.NewEncoder(out)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// openSyncDB opens the database for the verbs that read or settle what
// sync left (no QuickBooks call), with an engine on it.
func openSyncDB(ctx context.Context, fs *flag.FlagSet, args []string) (*sync.Engine, func(), error) {
	dbPath := dbFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return nil, nil, err
	}
	db, err := openContactsDB(ctx, *dbPath)
	if err != nil {
		return nil, nil, err
	}
	return &sync.Engine{DB: db}, func() { db.Close() }, nil
}

func runDuplicates(ctx context.Context, _ Build, args []string, out io.Writer) error {
	fs := newFlags("duplicates", "List the QuickBooks customers waiting in Resolve Duplicates, each with its candidates and why.", out)
	asJSON := fs.Bool("json", false, "print JSON")
	eng, done, err := openSyncDB(ctx, fs, args)
	if err != nil {
		return err
	}
	defer done()
	list, err := eng.Duplicates(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(out, struct {
			Duplicates []practice.Duplicate `json:"duplicates"`
		}{list})
	}
	if len(list) == 0 {
		fmt.Fprintln(out, "No duplicates to resolve.")
	}
	for _, d := range list {
		fmt.Fprintf(out, "%d  %s (QuickBooks Id %s)\n", d.ID, printable(d.DisplayName), d.QBOID)
		for _, c := range d.Candidates {
			linked := ""
			if c.LinkedTo != "" {
				linked = ", already linked to customer " + c.LinkedTo
			}
			fmt.Fprintf(out, "     contact %d  %s — %s%s\n", c.Contact.ID, printable(c.Contact.Name), printable(c.Summary), linked)
		}
	}
	return nil
}

func runResolve(ctx context.Context, _ Build, args []string, out io.Writer) error {
	fs := newFlags("resolve", "Resolve a duplicate: ledgerlink resolve DUPLICATE_ID --link CONTACT_ID | --create", out)
	link := fs.Int64("link", 0, "link the customer to this contact")
	create := fs.Bool("create", false, "create a new contact for the customer")
	asJSON := fs.Bool("json", false, "print JSON")
	id, rest, err := leadingID(fs, args, "DUPLICATE_ID")
	if err != nil {
		return err
	}
	eng, done, err := openSyncDB(ctx, fs, rest)
	if err != nil {
		return err
	}
	defer done()
	if (*link != 0) == *create {
		fmt.Fprintln(fs.Output(), "give exactly one of --link CONTACT_ID and --create")
		return errUsage
	}
	c, err := eng.ResolveDuplicate(ctx, id, sync.Resolution{ContactID: *link, Create: *create})
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(out, struct {
			Duplicate int64             `json:"duplicate"`
			Contact   *practice.Contact `json:"contact"`
			Created   bool              `json:"created"`
		}{id, c, *create})
	}
	fmt.Fprintf(out, "Customer linked to contact %d (%s).\n", c.ID, printable(c.Name))
	return nil
}

func runUnmatch(ctx context.Context, _ Build, args []string, out io.Writer) error {
	fs := newFlags("unmatch", "Remove the match of a contact and its QuickBooks customer: ledgerlink unmatch CONTACT_ID.\n"+
		"The pair is not linked again by itself; the customer waits in Resolve Duplicates after the next sync.", out)
	asJSON := fs.Bool("json", false, "print JSON")
	id, rest, err := leadingID(fs, args, "CONTACT_ID")
	if err != nil {
		return err
	}
	eng, done, err := openSyncDB(ctx, fs, rest)
	if err != nil {
		return err
	}
	defer done()
	realm, err := eng.Realm(ctx)
	if err != nil {
		return err
	}
	if err := eng.Unmatch(ctx, realm, id); err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(out, struct {
			ContactID int64 `json:"contactId"`
			Unmatched bool  `json:"unmatched"`
		}{id, true})
	}
	fmt.Fprintf(out, "Match removed from contact %d.\n", id)
	return nil
}

func runClients(ctx context.Context, _ Build, args []string, out io.Writer) error {
	fs := newFlags("clients", "List the client list: contacts linked to QuickBooks customers.", out)
	search := fs.String("search", "", "only rows whose contact or customer has every word")
	asJSON := fs.Bool("json", false, "print JSON")
	eng, done, err := openSyncDB(ctx, fs, args)
	if err != nil {
		return err
	}
	defer done()
	all, total := []practice.ClientLink{}, 0
	for {
		page, err := eng.Clients(ctx, practice.ClientLinkFilter{Search: *search, Offset: len(all)})
		if err != nil {
			return err
		}
		all, total = append(all, page.Clients...), page.Total
		if len(page.Clients) == 0 || len(all) >= total {
			break
		}
	}
	if *asJSON {
		return writeJSON(out, struct {
			Clients []practice.ClientLink `json:"clients"`
			Total   int                   `json:"total"`
		}{all, total})
	}
	for _, c := range all {
		state := ""
		if !c.Active {
			state = " (inactive in QuickBooks)"
		}
		fmt.Fprintf(out, "%6d  %s ↔ %s (Id %s)%s, synced %s\n", c.ContactID, printable(c.ContactName), printable(c.DisplayName), c.QBOID, state,
			c.SyncedAt.Local().Format("2 Jan 2006 15:04"))
		for _, j := range c.Jobs {
			fmt.Fprintf(out, "          job: %s (Id %s)\n", printable(j.DisplayName), j.QBOID)
		}
	}
	fmt.Fprintf(out, "%d linked clients.\n", total)
	return nil
}

func runConflicts(ctx context.Context, _ Build, args []string, out io.Writer) error {
	fs := newFlags("conflicts", "List fields changed on both sides since the last sync. Resolve one with\n"+
		"ledgerlink conflicts --resolve CONFLICT_ID --keep ours|theirs.", out)
	asJSON := fs.Bool("json", false, "print JSON")
	resolve := fs.Int64("resolve", 0, "resolve this conflict (with --keep)")
	keep := fs.String("keep", "", `"ours" (Ledgerlink's value) or "theirs" (QuickBooks')`)
	eng, done, err := openSyncDB(ctx, fs, args)
	if err != nil {
		return err
	}
	defer done()
	if *resolve != 0 {
		if err := eng.ResolveConflict(ctx, *resolve, *keep); err != nil {
			return err
		}
		if !*asJSON {
			fmt.Fprintf(out, "Conflict %d resolved (kept %s); the next sync sends what needs sending.\n", *resolve, *keep)
			return nil
		}
	}
	list, err := eng.Conflicts(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(out, struct {
			Conflicts []practice.Conflict `json:"conflicts"`
		}{list})
	}
	if len(list) == 0 {
		fmt.Fprintln(out, "No conflicts.")
	}
	for _, c := range list {
		fmt.Fprintf(out, "%d  %s — %s: %q here, %q in QuickBooks\n", c.ID, printable(c.ContactName), c.Label, printable(c.Ours), printable(c.Theirs))
	}
	return nil
}

func runErrors(ctx context.Context, _ Build, args []string, out io.Writer) error {
	fs := newFlags("errors", "List sync errors: what happened and how to fix it.", out)
	asJSON := fs.Bool("json", false, "print JSON")
	eng, done, err := openSyncDB(ctx, fs, args)
	if err != nil {
		return err
	}
	defer done()
	res, err := eng.Errors(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(out, res)
	}
	list, wait := res.Errors, time.Duration(res.RetryInSecs)*time.Second
	if len(list) == 0 {
		fmt.Fprintln(out, "No sync errors.")
	}
	for _, e := range list {
		fmt.Fprintf(out, "%d  %s — %s (%s %s)\n    %s\n    Fix: %s\n", e.ID, e.Title, printable(e.RecordName), e.RecordKind, e.RecordID, e.Explain, e.Fix)
		if e.Detail != "" {
			fmt.Fprintf(out, "    QuickBooks said: %s\n", printable(e.Detail))
		}
	}
	if wait > 0 {
		fmt.Fprintf(out, "Retry is available in %s.\n", wait.Round(time.Second))
	}
	return nil
}

// leadingID takes the ID argument that comes before the flags (or after
// them): "resolve 12 --create" and "resolve --create 12" both work.
func leadingID(fs *flag.FlagSet, args []string, name string) (int64, []string, error) {
	var rest []string
	var id int64
	found := false
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !found && !strings.HasPrefix(a, "-") {
			n, err := strconv.ParseInt(a, 10, 64)
			if err != nil || n <= 0 {
				fmt.Fprintf(fs.Output(), "%s must be a number, not %q\n", name, a)
				return 0, nil, errUsage
			}
			id, found = n, true
			continue
		}
		rest = append(rest, a)
		if strings.HasPrefix(a, "-") && !strings.Contains(a, "=") && i+1 < len(args) && flagTakesValue(fs, a) {
			rest = append(rest, args[i+1])
			i++
		}
	}
	if !found {
		if err := parseFlags(fs, rest); err != nil {
			return 0, nil, err
		}
		fmt.Fprintf(fs.Output(), "missing %s\n", name)
		fs.Usage()
		return 0, nil, errUsage
	}
	return id, rest, nil
}

// flagTakesValue reports whether the flag named by arg ("-x" or "--x")
// takes a value (every flag but a boolean one).
func flagTakesValue(fs *flag.FlagSet, arg string) bool {
	f := fs.Lookup(strings.TrimLeft(arg, "-"))
	if f == nil {
		return false
	}
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return !ok || !b.IsBoolFlag()
}
