package sync

import (
	"context"
	"time"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// The reads of what sync left for the accountant, in the company the links
// in use belong to. The screens and the verbs share them.

// view runs f on the current company's realm ("" before the first sync).
func (e *Engine) view(ctx context.Context, f func(tx *sqlite.Tx, realm string) error) error {
	return e.DB.View(ctx, func(tx *sqlite.Tx) error {
		realm, err := tx.CurrentSyncCompany(ctx)
		if err != nil {
			return err
		}
		return f(tx, realm)
	})
}

// Duplicates returns the customers waiting in Resolve Duplicates.
func (e *Engine) Duplicates(ctx context.Context) ([]practice.Duplicate, error) {
	list := []practice.Duplicate{}
	err := e.view(ctx, func(tx *sqlite.Tx, realm string) error {
		var err error
		list, err = tx.FindDuplicates(ctx, realm)
		return err
	})
	return list, err
}

// ClientPage is a page of the client list and how many rows match.
type ClientPage struct {
	Clients []practice.ClientLink `json:"clients"`
	Total   int                   `json:"total"`
}

// Clients returns a page of the client list.
func (e *Engine) Clients(ctx context.Context, f practice.ClientLinkFilter) (ClientPage, error) {
	page := ClientPage{Clients: []practice.ClientLink{}}
	err := e.view(ctx, func(tx *sqlite.Tx, realm string) error {
		list, total, err := tx.FindClientLinks(ctx, realm, f)
		if list != nil {
			page.Clients = list
		}
		page.Total = total
		return err
	})
	return page, err
}

// LinkOf returns the client-list row of a contact — the customer it is
// linked to, whether that is inactive, its jobs — or nil when it is not
// linked.
func (e *Engine) LinkOf(ctx context.Context, contactID int64) (*practice.ClientLink, error) {
	page, err := e.Clients(ctx, practice.ClientLinkFilter{ContactID: contactID, Limit: 1})
	if err != nil || len(page.Clients) == 0 {
		return nil, err
	}
	return &page.Clients[0], nil
}

// Conflicts returns the fields changed on both sides, not yet resolved.
func (e *Engine) Conflicts(ctx context.Context) ([]practice.Conflict, error) {
	list := []practice.Conflict{}
	err := e.view(ctx, func(tx *sqlite.Tx, realm string) error {
		var err error
		list, err = tx.FindConflicts(ctx, realm, 0)
		return err
	})
	return list, err
}

// ErrorList is the sync errors and how long until Retry is allowed.
type ErrorList struct {
	Errors      []practice.SyncError `json:"errors"`
	RetryInSecs int                  `json:"retryInSeconds"`
}

// Errors returns the sync errors and the wait before Retry.
func (e *Engine) Errors(ctx context.Context) (ErrorList, error) {
	out := ErrorList{Errors: []practice.SyncError{}}
	err := e.view(ctx, func(tx *sqlite.Tx, realm string) error {
		var err error
		out.Errors, err = tx.FindSyncErrors(ctx, realm)
		return err
	})
	if err != nil {
		return out, err
	}
	wait, err := e.RetryWait(ctx)
	out.RetryInSecs = seconds(wait)
	return out, err
}

// AuditPage is a page of the audit log, how many entries match, and the
// recent runs.
type AuditPage struct {
	Entries []practice.AuditEntry `json:"entries"`
	Total   int                   `json:"total"`
	Runs    []practice.SyncRun    `json:"runs"`
}

// Audit returns a page of the audit log and the 50 latest runs.
func (e *Engine) Audit(ctx context.Context, f practice.AuditFilter) (AuditPage, error) {
	var page AuditPage
	err := e.DB.View(ctx, func(tx *sqlite.Tx) error {
		var err error
		if page.Entries, page.Total, err = tx.FindAudit(ctx, f); err != nil {
			return err
		}
		page.Runs, err = tx.FindSyncRuns(ctx, 50)
		return err
	})
	return page, err
}

// Overview is contact sync at a glance.
type Overview struct {
	Running     bool                    `json:"running"`
	LastRun     *practice.SyncRun       `json:"lastRun"`
	Duplicates  int                     `json:"duplicates"`
	Conflicts   int                     `json:"conflicts"`
	Errors      int                     `json:"errors"`
	RetryInSecs int                     `json:"retryInSeconds"`
	Settings    Settings                `json:"settings"`
	Types       []*practice.ContactType `json:"types"`
}

// Overview returns the state of contact sync.
func (e *Engine) Overview(ctx context.Context) (Overview, error) {
	o := Overview{Running: e.Running()}
	err := e.view(ctx, func(tx *sqlite.Tx, realm string) error {
		runs, err := tx.FindSyncRuns(ctx, 1)
		if err != nil {
			return err
		}
		if len(runs) > 0 {
			o.LastRun = &runs[0]
		}
		if o.Duplicates, err = tx.CountDuplicates(ctx, realm); err != nil {
			return err
		}
		conflicts, err := tx.FindConflicts(ctx, realm, 0)
		if err != nil {
			return err
		}
		o.Conflicts = len(conflicts)
		if o.Errors, err = tx.CountSyncErrors(ctx, realm); err != nil {
			return err
		}
		if o.Settings, err = LoadSettings(ctx, tx); err != nil {
			return err
		}
		o.Types, err = tx.FindContactTypes(ctx)
		return err
	})
	if err != nil {
		return o, err
	}
	wait, err := e.RetryWait(ctx)
	o.RetryInSecs = seconds(wait)
	return o, err
}

// Realm returns the company the links in use belong to, "" before the
// first sync.
func (e *Engine) Realm(ctx context.Context) (string, error) {
	var realm string
	err := e.view(ctx, func(_ *sqlite.Tx, r string) error {
		realm = r
		return nil
	})
	return realm, err
}

// seconds rounds a wait up to whole seconds, so that "0" means now.
func seconds(d time.Duration) int { return int((d + time.Second - 1) / time.Second) }
