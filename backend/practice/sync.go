package practice

import "time"

// ClientLink is a contact linked to a QuickBooks customer: a row of the
// client list.
type ClientLink struct {
	ContactID   int64     `json:"contactId"`
	ContactName string    `json:"contactName"`
	Email       string    `json:"email"`
	RealmID     string    `json:"realmId"`
	QBOID       string    `json:"qboId"`
	DisplayName string    `json:"displayName"` // the customer's name in QuickBooks
	Active      bool      `json:"active"`      // false: made inactive in QuickBooks
	LinkedAt    time.Time `json:"linkedAt"`
	SyncedAt    time.Time `json:"syncedAt"`
	Jobs        []Job     `json:"jobs"` // the customer's sub-customers
}

// Job is a QuickBooks sub-customer, shown under its parent rather than as a
// client of its own.
type Job struct {
	QBOID       string `json:"qboId"`
	DisplayName string `json:"displayName"`
	Active      bool   `json:"active"`
}

// ClientLinkFilter selects rows of the client list; Search matches every
// word against the contact's name and email and the customer's name and Id.
type ClientLinkFilter struct {
	Search    string `json:"search"`
	ContactID int64  `json:"contactId"` // one contact's row only, when set
	Offset    int    `json:"offset"`
	Limit     int    `json:"limit"`
}

// Reason is one piece of evidence behind a duplicate suggestion: a stable
// code and the words shown to the accountant.
type Reason struct {
	Code string `json:"code"`
	Text string `json:"text"`
}

// Candidate is a contact a QuickBooks customer may be, with why.
type Candidate struct {
	Contact Contact  `json:"contact"`
	Score   float64  `json:"score"`
	Reasons []Reason `json:"reasons"`
	Summary string   `json:"summary"` // the reasons in one line: "same email; name differs"
	// LinkedTo is the QuickBooks Id of the customer the candidate is
	// already linked to, "" when it is free.
	LinkedTo string `json:"linkedTo"`
	// Differs names the synced fields whose values differ between the
	// customer and this candidate (e.g. "name", "phones.mobile").
	Differs []string `json:"differs"`
}

// Duplicate is a QuickBooks customer the sync could not place on its own:
// it waits in Resolve Duplicates beside its candidates.
type Duplicate struct {
	ID          int64       `json:"id"`
	QBOID       string      `json:"qboId"`
	DisplayName string      `json:"displayName"`
	Customer    Contact     `json:"customer"` // the contact the customer would become
	Candidates  []Candidate `json:"candidates"`
	CreatedAt   time.Time   `json:"createdAt"`
}

// Conflict is a field changed on both sides since the last sync, to values
// that differ: nothing is overwritten until the accountant picks one.
type Conflict struct {
	ID          int64     `json:"id"`
	ContactID   int64     `json:"contactId"`
	ContactName string    `json:"contactName"`
	QBOID       string    `json:"qboId"`
	Field       string    `json:"field"` // as the contact form names it, e.g. "phones.mobile"
	Label       string    `json:"label"` // e.g. "Mobile phone"
	Base        string    `json:"base"`  // the value both sides last agreed on
	Ours        string    `json:"ours"`  // Ledgerlink's value now
	Theirs      string    `json:"theirs"`
	CreatedAt   time.Time `json:"createdAt"`
}

// SyncCounts is what one run did, by kind of change.
type SyncCounts struct {
	Read         int `json:"read"`         // customers read from QuickBooks
	Linked       int `json:"linked"`       // customers linked to an existing contact
	Created      int `json:"created"`      // contacts created from customers
	UpdatedLocal int `json:"updatedLocal"` // contacts changed from QuickBooks
	UpdatedQBO   int `json:"updatedQbo"`   // customers changed from Ledgerlink
	Pushed       int `json:"pushed"`       // customers created from contacts
	Duplicates   int `json:"duplicates"`   // customers sent to Resolve Duplicates
	Conflicts    int `json:"conflicts"`    // fields changed on both sides
	Errors       int `json:"errors"`       // sync errors recorded
	Listed       int `json:"listed"`       // customers listed in the report, not imported
	Unchanged    int `json:"unchanged"`    // customers read that needed nothing
}

// ReportLine is a customer a run did not import, and why: one with no name,
// an inactive one under the "list" setting, a job.
type ReportLine struct {
	QBOID       string `json:"qboId"`
	DisplayName string `json:"displayName"`
	Why         string `json:"why"`
}

// Run statuses.
const (
	RunRunning   = "running"
	RunDone      = "done"
	RunCancelled = "cancelled"
	RunFailed    = "failed"
)

// SyncRun is one Sync Now (or background sync, or dry run).
type SyncRun struct {
	ID         int64        `json:"id"`
	RealmID    string       `json:"realmId"`
	Trigger    string       `json:"trigger"` // manual, background, cli, retry
	Mode       string       `json:"mode"`    // full or changes
	DryRun     bool         `json:"dryRun"`
	Status     string       `json:"status"`
	StartedAt  time.Time    `json:"startedAt"`
	FinishedAt *time.Time   `json:"finishedAt"`
	Requests   int          `json:"requests"` // HTTP requests sent to QuickBooks
	Counts     SyncCounts   `json:"counts"`
	Report     []ReportLine `json:"report"`
	Error      string       `json:"error"`
}

// Sides of a change in the audit log.
const (
	SideLocal      = "local"
	SideQuickBooks = "quickbooks"
)

// AuditEntry is one change a sync or a resolution made: which record,
// which field, before, after, on which side, in which run.
type AuditEntry struct {
	ID        int64     `json:"id"`
	RunID     int64     `json:"runId"` // 0 for a change made outside a run (a resolution)
	At        time.Time `json:"at"`
	Action    string    `json:"action"`
	Side      string    `json:"side"`
	ContactID int64     `json:"contactId"`
	QBOID     string    `json:"qboId"`
	Record    string    `json:"record"`
	Field     string    `json:"field"`
	Before    string    `json:"before"`
	After     string    `json:"after"`
}

// AuditFilter selects audit entries: Search matches every word against the
// record, field and values; RunID, when set, keeps one run's.
type AuditFilter struct {
	Search string `json:"search"`
	RunID  int64  `json:"runId"`
	Offset int    `json:"offset"`
	Limit  int    `json:"limit"`
}
