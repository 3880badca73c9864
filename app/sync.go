package app

import (
	"context"
	"errors"
	stdsync "sync"
	"time"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/quickbooks"
	"ledgerlink/backend/sqlite"
	"ledgerlink/backend/sync"
)

// Events of contact sync. The UI declares the same names in
// frontend/src/lib/api/events.ts.
const (
	// EventSyncProgress is sent as a run advances; payload sync.Progress.
	EventSyncProgress = "sync:progress"
	// EventSyncFinished is sent when a run ends; payload SyncFinished.
	EventSyncFinished = "sync:finished"
)

// SyncFinished is the payload of EventSyncFinished.
type SyncFinished struct {
	Result *sync.Result `json:"result"`
	Error  *ErrorInfo   `json:"error"`
}

// ErrorInfo is an error as the UI shows it.
type ErrorInfo struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// Sync is the contact sync service: Sync Now, Resolve Duplicates, the
// client list, conflicts, errors, the audit log and the settings. The rules
// are the engine's (backend/sync); this starts runs and forwards progress.
type Sync struct {
	app     *App
	db      *sqlite.DB
	session *quickbooks.Session
	engine  *sync.Engine

	mu     stdsync.Mutex
	cancel context.CancelFunc
	wake   chan time.Duration // a background run is wanted after this delay
	done   chan struct{}
	// editDelay is how long after a local edit the background sync sends
	// it (LocalEditDelay unless a test says otherwise).
	editDelay time.Duration
}

func newSync(a *App, db *sqlite.DB, session *quickbooks.Session) *Sync {
	s := &Sync{app: a, db: db, session: session, wake: make(chan time.Duration, 1), done: make(chan struct{})}
	s.engine = &sync.Engine{DB: db, Now: a.now, Explain: quickbooks.Explain,
		Progress: func(p sync.Progress) { a.events.Emit(EventSyncProgress, p) }}
	return s
}

// Overview returns the state of contact sync.
func (s *Sync) Overview() (sync.Overview, error) { return s.engine.Overview(s.app.ctx) }

// StartOptions shape a run started from the UI.
type StartOptions struct {
	// StartFresh syncs with the connected company although the links
	// belong to another one (kept aside).
	StartFresh bool `json:"startFresh"`
}

// Start begins Sync Now and returns at once; progress comes as
// EventSyncProgress and the outcome as EventSyncFinished.
func (s *Sync) Start(opt StartOptions) error {
	return s.launch(sync.Options{Trigger: sync.TriggerManual, NewCompany: opt.StartFresh}, false)
}

// Retry retries every sync error (allowed once every 3 minutes) and
// returns at once, like Start.
func (s *Sync) Retry() error {
	wait, err := s.engine.RetryWait(s.app.ctx)
	if err != nil {
		return err
	}
	if wait > 0 {
		return sync.RetryRefusal(wait)
	}
	return s.launch(sync.Options{Trigger: sync.TriggerRetry}, true)
}

// Preview is the dry run: what Sync Now would do, written nowhere.
func (s *Sync) Preview() (*sync.Result, error) {
	q, err := s.quickBooks(s.app.ctx)
	if err != nil {
		return nil, err
	}
	claim, err := s.engine.Claim()
	if err != nil {
		return nil, err
	}
	defer claim.Release()
	ctx, cancel := context.WithCancel(s.app.ctx)
	defer cancel()
	s.mu.Lock()
	s.cancel = cancel
	s.mu.Unlock()
	return claim.Run(ctx, q, sync.Options{Trigger: sync.TriggerManual, DryRun: true})
}

// Cancel stops the run under way; the next one picks up where it stopped.
func (s *Sync) Cancel() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cancel != nil {
		s.cancel()
	}
}

// launch starts a run in the background. The engine is claimed before it
// returns, so that a second press, or the background timer, is refused at
// once rather than after the first has begun.
func (s *Sync) launch(opt sync.Options, retry bool) error {
	return s.inBackground(func(ctx context.Context, c *sync.Claim, q sync.QuickBooks) (*sync.Result, error) {
		if retry {
			return c.Retry(ctx, q, opt)
		}
		return c.Run(ctx, q, opt)
	}, opt.Trigger)
}

// inBackground claims the engine and runs do in the background with a
// context Cancel ends; the outcome goes to the UI as EventSyncFinished.
func (s *Sync) inBackground(do func(context.Context, *sync.Claim, sync.QuickBooks) (*sync.Result, error), trigger string) error {
	q, err := s.quickBooks(s.app.ctx)
	if err != nil {
		return err
	}
	claim, err := s.engine.Claim()
	if err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(s.app.ctx)
	s.mu.Lock()
	s.cancel = cancel
	s.mu.Unlock()
	go func() {
		defer cancel()
		defer claim.Release()
		res, err := do(ctx, claim, q)
		s.finished(res, err, trigger)
	}()
	return nil
}

// finished tells the UI how a run ended.
func (s *Sync) finished(res *sync.Result, err error, trigger string) {
	fin := SyncFinished{Result: res}
	if err != nil && !errors.Is(err, context.Canceled) {
		fin.Error = &ErrorInfo{Code: practice.ErrorCode(err), Message: practice.ErrorMessage(err)}
		s.app.log.Warn("sync failed", "trigger", trigger, "err", err)
	}
	s.app.events.Emit(EventSyncFinished, fin)
}

// quickBooks returns the connected company.
func (s *Sync) quickBooks(ctx context.Context) (sync.QuickBooks, error) {
	c, err := s.session.Client(ctx)
	if err != nil {
		return nil, err
	}
	return sync.Client(c), nil
}

// Duplicates returns the customers waiting in Resolve Duplicates.
func (s *Sync) Duplicates() ([]practice.Duplicate, error) { return s.engine.Duplicates(s.app.ctx) }

// Resolve links a waiting customer to a contact or creates one for it.
func (s *Sync) Resolve(id int64, r sync.Resolution) (*practice.Contact, error) {
	c, err := s.engine.ResolveDuplicate(s.app.ctx, id, r)
	if err == nil {
		s.app.events.Emit(EventContactsChanged, ContactsChanged{Op: "updated", ID: c.ID})
	}
	return c, err
}

// Clients returns a page of the client list.
func (s *Sync) Clients(f practice.ClientLinkFilter) (sync.ClientPage, error) {
	return s.engine.Clients(s.app.ctx, f)
}

// Unmatch removes the match of a contact (Remove Match).
func (s *Sync) Unmatch(contactID int64) error {
	realm, err := s.engine.Realm(s.app.ctx)
	if err != nil {
		return err
	}
	return s.engine.Unmatch(s.app.ctx, realm, contactID)
}

// LinkOf returns the QuickBooks customer a contact is linked to (null when
// none), for the contact form.
func (s *Sync) LinkOf(contactID int64) (*practice.ClientLink, error) {
	return s.engine.LinkOf(s.app.ctx, contactID)
}

// Conflicts returns the fields changed on both sides.
func (s *Sync) Conflicts() ([]practice.Conflict, error) { return s.engine.Conflicts(s.app.ctx) }

// ResolveConflict keeps "ours" or "theirs" for one conflicted field.
func (s *Sync) ResolveConflict(id int64, keep string) error {
	err := s.engine.ResolveConflict(s.app.ctx, id, keep)
	if err == nil {
		s.app.events.Emit(EventContactsChanged, ContactsChanged{Op: "updated"})
	}
	return err
}

// Errors returns the sync errors and how long until Retry is allowed.
func (s *Sync) Errors() (sync.ErrorList, error) { return s.engine.Errors(s.app.ctx) }

// Audit returns a page of the audit log and the recent runs.
func (s *Sync) Audit(f practice.AuditFilter) (sync.AuditPage, error) {
	return s.engine.Audit(s.app.ctx, f)
}

// SaveSettings stores the Contact Sync Settings.
func (s *Sync) SaveSettings(in sync.Settings) (sync.Settings, error) {
	ctx := s.app.ctx
	var out sync.Settings
	err := s.db.Update(ctx, func(tx *sqlite.Tx) error {
		if err := sync.SaveSettings(ctx, tx, in); err != nil {
			return err
		}
		var err error
		out, err = sync.LoadSettings(ctx, tx)
		return err
	})
	if err == nil {
		s.kick()
	}
	return out, err
}

// LocalEditDelay is how long after a local edit the background sync
// sends it: edits made together travel together, and a linked contact's
// change reaches QuickBooks within a minute.
const LocalEditDelay = 20 * time.Second

// edited asks for a background sync soon after a local change.
func (s *Sync) edited() { s.nudgeAfter(s.editDelay) }

// nudgeAfter asks for a background sync after d.
func (s *Sync) nudgeAfter(d time.Duration) {
	select {
	case s.wake <- d:
	default:
	}
}

// kick re-reads the settings' interval (after they changed).
func (s *Sync) kick() { s.nudgeAfter(-1) }

// Background runs a sync every IntervalMinutes of the settings, and soon
// after a local edit, while the app is open and QuickBooks connected. It
// returns when the app's context ends.
func (s *Sync) background() {
	defer close(s.done)
	var timer *time.Timer
	reset := func(d time.Duration) {
		if timer != nil {
			timer.Stop()
		}
		timer = time.NewTimer(d)
	}
	reset(s.interval())
	defer func() { timer.Stop() }()
	for {
		select {
		case <-s.app.ctx.Done():
			return
		case d := <-s.wake:
			if d < 0 || s.interval() == never {
				d = s.interval() // settings changed, or background sync is off
			}
			reset(d)
			continue
		case <-timer.C:
		}
		reset(s.interval())
		if s.engine.Running() || !s.connected() {
			continue
		}
		if err := s.launch(sync.Options{Trigger: sync.TriggerBackground}, false); err != nil {
			s.app.log.Info("background sync not started", "err", err)
		}
	}
}

// never is the interval of a background sync the accountant turned off.
const never = 24 * time.Hour * 365

// interval is the time between two background runs, never when the
// accountant turned them off (which stops the send after a local edit too).
func (s *Sync) interval() time.Duration {
	var set sync.Settings
	err := s.db.View(s.app.ctx, func(tx *sqlite.Tx) error {
		var err error
		set, err = sync.LoadSettings(s.app.ctx, tx)
		return err
	})
	if err != nil || set.IntervalMinutes <= 0 {
		return never
	}
	return time.Duration(set.IntervalMinutes) * time.Minute
}

// connected reports whether QuickBooks is connected and the links are
// this company's (a background run never chooses a company).
func (s *Sync) connected() bool {
	st, err := s.session.Status(s.app.ctx)
	if err != nil || st.State != practice.Connected {
		return false
	}
	realm, err := s.engine.Realm(s.app.ctx)
	return err == nil && (realm == "" || realm == st.RealmID)
}

// PushPreview says what Push to QuickBooks would do with the chosen
// contacts: which become new customers, which link to a customer that is
// already there (by the matching rules), which collide with a name taken.
func (s *Sync) PushPreview(req sync.PushRequest) (*sync.PushPreview, error) {
	q, err := s.quickBooks(s.app.ctx)
	if err != nil {
		return nil, err
	}
	return s.engine.PreviewPush(s.app.ctx, q, req)
}

// Push sends the chosen contacts to QuickBooks, in batches, and returns at
// once; progress and the outcome come as for Start.
func (s *Sync) Push(req sync.PushRequest) error {
	return s.inBackground(func(ctx context.Context, c *sync.Claim, q sync.QuickBooks) (*sync.Result, error) {
		return c.Push(ctx, q, req, sync.Options{Trigger: sync.TriggerPush})
	}, sync.TriggerPush)
}
