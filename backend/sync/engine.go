package sync

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	stdsync "sync"
	"time"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo"
	"ledgerlink/backend/sqlite"
)

// Engine runs contact syncs against one database, one run at a time.
type Engine struct {
	DB *sqlite.DB
	// Now tells the time (the run's clock; the store has its own).
	Now func() time.Time
	// Progress, when set, hears how a run advances: each phase's start and
	// end, and its steps at most every ProgressEvery.
	Progress func(Progress)
	// Explain turns a QuickBooks or network error into the accountant's
	// words (a *practice.Error); nil keeps errors as they are.
	Explain func(error) error

	mu      stdsync.Mutex
	running bool
}

// ProgressEvery is the least time between two progress reports of a phase.
const ProgressEvery = 100 * time.Millisecond

// Progress is one report of a running sync.
type Progress struct {
	RunID  int64  `json:"runId"`
	Phase  string `json:"phase"` // reading, sending, done
	Done   int    `json:"done"`
	Total  int    `json:"total"` // 0 when unknown
	Remain int    `json:"remainingSeconds"`
	DryRun bool   `json:"dryRun"`
}

// Progress phases.
const (
	PhaseReading = "reading"
	PhaseLocal   = "local"
	PhaseSending = "sending"
	PhaseDone    = "done"
)

// Triggers: what started a run.
const (
	TriggerManual     = "manual"
	TriggerBackground = "background"
	TriggerCLI        = "cli"
	TriggerRetry      = "retry"
)

// Options shape one run.
type Options struct {
	Trigger string
	// DryRun plans and reports without writing anywhere.
	DryRun bool
	// NewCompany starts fresh with the connected company when the links
	// belong to another one; those links are kept aside.
	NewCompany bool
	// CompanyName is the connected company's name, for the record; the
	// connection record's when empty.
	CompanyName string
}

// Result is what a run did; for a dry run Plan lists what it would do.
type Result struct {
	Run  practice.SyncRun `json:"run"`
	Plan *Plan            `json:"plan,omitempty"`
}

// ErrOtherCompany is the code of the refusal to sync a company other than
// the one the links belong to.
const ErrOtherCompany = "other_company"

// Run syncs the contacts with the company q reaches.
func (e *Engine) Run(ctx context.Context, q QuickBooks, opt Options) (*Result, error) {
	c, err := e.Claim()
	if err != nil {
		return nil, err
	}
	defer c.Release()
	return c.Run(ctx, q, opt)
}

// Claim holds the engine for one run (a sync, a retry or a push), so that
// a caller starting the run in the background knows at once whether it
// may. Release frees it.
type Claim struct {
	e    *Engine
	once stdsync.Once
}

// Claim takes the engine, or says that a run is under way.
func (e *Engine) Claim() (*Claim, error) {
	if !e.begin() {
		return nil, practice.Errorf(practice.ECONFLICT, "A sync is already running. Wait for it to finish, or cancel it.")
	}
	return &Claim{e: e}, nil
}

// Release frees the engine; a second call does nothing.
func (c *Claim) Release() { c.once.Do(c.e.end) }

// Run syncs the contacts with the company q reaches.
func (c *Claim) Run(ctx context.Context, q QuickBooks, opt Options) (*Result, error) {
	return c.e.run(ctx, q, opt)
}

func (e *Engine) run(ctx context.Context, q QuickBooks, opt Options) (*Result, error) {
	if opt.Trigger == "" {
		opt.Trigger = TriggerManual
	}
	realm := q.RealmID()
	requests0 := q.Requests()
	var st *state
	err := e.DB.View(ctx, func(tx *sqlite.Tx) error {
		if err := checkCompany(ctx, tx, realm, opt); err != nil {
			return err
		}
		if opt.CompanyName == "" {
			opt.CompanyName = companyName(ctx, tx, realm)
		}
		var err error
		st, err = load(ctx, tx, realm, opt.Trigger == TriggerRetry)
		return err
	})
	if err != nil {
		return nil, err
	}
	run := &practice.SyncRun{RealmID: realm, Trigger: opt.Trigger, DryRun: opt.DryRun}
	if !opt.DryRun {
		if err := e.DB.Update(ctx, func(tx *sqlite.Tx) error {
			if err := tx.EndInterruptedRuns(ctx); err != nil {
				return err
			}
			st.company.CompanyName = cmp.Or(opt.CompanyName, st.company.CompanyName)
			st.company.Current = true
			if err := tx.SaveSyncCompany(ctx, st.company); err != nil {
				return err
			}
			return tx.StartSyncRun(ctx, run)
		}); err != nil {
			return nil, err
		}
	}
	r := &runner{e: e, q: q, st: st, run: run, dry: opt.DryRun, whole: &Plan{}}
	if !opt.DryRun {
		// Writes left from an earlier run go out first, as they were
		// grouped: their answers must be in before the customers are read
		// again, or a customer this run creates would look like a stranger.
		err = r.push(ctx)
	}
	if err == nil {
		err = r.pull(ctx)
	}
	if err == nil {
		err = r.local(ctx)
	}
	if err == nil && !opt.DryRun {
		err = r.push(ctx)
	}
	if err == nil && !opt.DryRun {
		err = r.remergeSkipped(ctx)
	}
	return r.finish(ctx, err, q.Requests()-requests0)
}

func (e *Engine) begin() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.running {
		return false
	}
	e.running = true
	return true
}

func (e *Engine) end() {
	e.mu.Lock()
	e.running = false
	e.mu.Unlock()
}

// Running reports whether a run is under way.
func (e *Engine) Running() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.running
}

func (e *Engine) now() time.Time {
	if e.Now != nil {
		return e.Now()
	}
	return time.Now()
}

// checkCompany refuses to mix companies: links made with one QuickBooks
// company are never applied to another.
func checkCompany(ctx context.Context, tx *sqlite.Tx, realm string, opt Options) error {
	current, err := tx.CurrentSyncCompany(ctx)
	if err != nil || current == "" || current == realm || opt.NewCompany {
		return err
	}
	old, _, err := tx.FindSyncCompany(ctx, current)
	if err != nil {
		return err
	}
	name := old.CompanyName
	if name == "" {
		name = "company " + current
	}
	return &practice.Error{Code: ErrOtherCompany, Message: fmt.Sprintf(
		"QuickBooks is now connected to a different company than the one your contacts were synced with (%s). "+
			"Nothing was synced. To sync with the new company, choose Start fresh: the links to %s are kept aside, "+
			"and reconnecting that company later brings them back.", name, name)}
}

// companyName is the connected company's name as the connection record
// has it, "" when unknown.
func companyName(ctx context.Context, tx *sqlite.Tx, realm string) string {
	conn, err := tx.FindQBOConnection(ctx)
	if err != nil || conn == nil || conn.RealmID != realm {
		return ""
	}
	return conn.CompanyName
}

// runner is one run under way.
type runner struct {
	e     *Engine
	q     QuickBooks
	st    *state
	run   *practice.SyncRun
	dry   bool
	whole *Plan // every step's plan, kept for a dry run
	count practice.SyncCounts

	phase     string
	started   time.Time
	lastEvent time.Time
}

// progress reports a step, at most every ProgressEvery unless force.
func (r *runner) progress(phase string, done, total int, force bool) {
	if r.e.Progress == nil {
		return
	}
	now := r.e.now()
	if phase != r.phase {
		r.phase, r.started, force = phase, now, true
	}
	if !force && now.Sub(r.lastEvent) < ProgressEvery {
		return
	}
	r.lastEvent = now
	remain := -1
	if total > 0 && done > 0 && done < total {
		elapsed := now.Sub(r.started)
		remain = int((elapsed * time.Duration(total-done) / time.Duration(done)).Seconds() + 0.5)
	} else if total > 0 && done >= total {
		remain = 0
	}
	r.e.Progress(Progress{RunID: r.run.ID, Phase: phase, Done: done, Total: total, Remain: remain, DryRun: r.dry})
}

// step applies one step's plan (unless dry) and counts it.
func (r *runner) step(ctx context.Context, p *Plan, bookmark func(*sqlite.SyncCompany)) error {
	if r.dry {
		r.whole.add(p)
		addCounts(&r.count, p)
		return nil
	}
	if err := r.apply(ctx, p, bookmark); err != nil {
		return err
	}
	addCounts(&r.count, p)
	return nil
}

// finish records how the run ended.
func (r *runner) finish(ctx context.Context, err error, requests int64) (*Result, error) {
	ctx = context.WithoutCancel(ctx) // a cancelled run is recorded all the same
	r.run.Requests = int(requests)
	r.run.Report = r.whole.Listed
	if r.run.Report == nil {
		r.run.Report = []practice.ReportLine{}
	}
	switch {
	case err == nil:
		r.run.Status = practice.RunDone
	case errors.Is(err, context.Canceled):
		r.run.Status, r.run.Error = practice.RunCancelled, "Cancelled. The next sync picks up where this one stopped."
	default:
		r.run.Status = practice.RunFailed
		err = r.explain(err)
		r.run.Error = practice.ErrorMessage(err)
	}
	now := r.e.now()
	r.run.FinishedAt = &now
	r.progress(PhaseDone, 1, 1, true)
	if r.dry {
		r.run.Counts = r.count
		r.whole.Mode = r.run.Mode
		return &Result{Run: *r.run, Plan: r.whole}, err
	}
	if serr := r.e.DB.Update(ctx, func(tx *sqlite.Tx) error {
		if err := r.recordRunError(ctx, tx, err); err != nil {
			return err
		}
		r.run.Counts = r.count
		return tx.SaveSyncRun(ctx, r.run)
	}); serr != nil && err == nil {
		err = serr
	}
	return &Result{Run: *r.run}, err
}

// explain puts err in the accountant's words, once.
func (r *runner) explain(err error) error {
	var pe *practice.Error
	if errors.As(err, &pe) || r.e.Explain == nil {
		return err
	}
	return r.e.Explain(err)
}

// recordRunError keeps a failure of the whole run (the connection, the
// network, QuickBooks' limits) as a sync error of the company, and clears
// it once a run gets through.
func (r *runner) recordRunError(ctx context.Context, tx *sqlite.Tx, err error) error {
	if err == nil {
		_, cerr := tx.ClearSyncErrors(ctx, r.st.realm, "company", r.st.realm)
		return cerr
	}
	code := errorCode(err)
	if code == "" || errors.Is(err, context.Canceled) {
		return nil
	}
	se := &practice.SyncError{Code: code, RecordKind: "company", RecordID: r.st.realm,
		RecordName: cmp.Or(r.st.company.CompanyName, "QuickBooks"), Detail: practice.ErrorMessage(err)}
	r.count.Errors++
	return tx.RecordSyncError(ctx, r.st.realm, se, r.run.ID)
}

// errorCode returns the catalog code of a QuickBooks failure, "" when err
// is not one.
func errorCode(err error) string {
	switch {
	case qbo.IsDuplicateName(err):
		return practice.SyncDuplicateName
	case qbo.IsInvalidString(err):
		return practice.SyncInvalidName
	case qbo.IsStaleObject(err):
		return practice.SyncStaleObject
	case qbo.IsNotFound(err):
		return practice.SyncNotFound
	case qbo.IsClosedPeriod(err):
		return practice.SyncClosedPeriod
	case qbo.IsThrottled(err):
		return practice.SyncThrottled
	case qbo.IsAuthExpired(err), practice.ErrorCode(err) == practice.EUNAUTHORIZED:
		return practice.SyncAuthExpired
	}
	var qe *qbo.Error
	if errors.As(err, &qe) {
		switch {
		case qe.StatusCode == 403:
			return practice.SyncForbidden
		case qe.StatusCode >= 500 || qe.StatusCode == 0:
			return practice.SyncUnavailable
		default:
			return practice.SyncRejected
		}
	}
	if practice.ErrorCode(err) == practice.EUNAVAILABLE {
		return practice.SyncUnavailable
	}
	var ne interface{ Timeout() bool }
	if errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded) {
		return practice.SyncUnavailable
	}
	return ""
}

func asQBO(err error, target **qbo.Error) bool { return errors.As(err, target) }
