package practice

import "time"

// SyncError is something a sync could not do. It stays until a retry
// succeeds; the catalog entry of its Code says what happened and what to do.
type SyncError struct {
	ID         int64     `json:"id"`
	Code       string    `json:"code"`
	Title      string    `json:"title"`      // from the catalog
	Explain    string    `json:"explain"`    // from the catalog, with the record named
	Fix        string    `json:"fix"`        // from the catalog
	Screen     string    `json:"screen"`     // where the fix is made
	RecordKind string    `json:"recordKind"` // contact or customer
	RecordID   string    `json:"recordId"`   // the contact's id or the customer's QuickBooks Id
	RecordName string    `json:"recordName"` // as it was when the error arose
	Detail     string    `json:"detail"`     // what QuickBooks said, for support
	Attempts   int       `json:"attempts"`   // how many times it was tried
	CreatedAt  time.Time `json:"createdAt"`
	UpdatedAt  time.Time `json:"updatedAt"`
}

// Screens a sync error can send the accountant to.
const (
	ScreenContacts   = "contacts"
	ScreenDuplicates = "duplicates"
	ScreenClients    = "clients"
	ScreenConflicts  = "conflicts"
	ScreenSettings   = "settings"
	ScreenQuickBooks = "quickbooks" // the fix is made in QuickBooks itself
)

// Sync error codes: stable, stored, shown by `ledgerlink errors --json`.
const (
	SyncDuplicateName   = "duplicate_name"   // QBO 6240
	SyncInvalidName     = "invalid_name"     // QBO 2040
	SyncStaleObject     = "stale_object"     // QBO 5010, after the one re-read and merge
	SyncNotFound        = "not_found"        // QBO 610
	SyncClosedPeriod    = "closed_period"    // QBO 6210, 6200
	SyncThrottled       = "throttled"        // QBO 3001, HTTP 429
	SyncUnavailable     = "unavailable"      // HTTP 5xx, network
	SyncAuthExpired     = "auth_expired"     // QBO 3200, HTTP 401
	SyncForbidden       = "forbidden"        // QBO 3100, HTTP 403
	SyncRejected        = "rejected"         // any other validation fault (6000, 2020, 2010, 2500…)
	SyncCustomerInvalid = "customer_invalid" // a customer the firm's rules cannot take as a contact
	SyncContactInvalid  = "contact_invalid"  // a contact QuickBooks cannot take as a customer
)

// SyncErrorInfo is a catalog entry: the plain words for one code.
type SyncErrorInfo struct {
	Code    string `json:"code"`
	Title   string `json:"title"`
	Explain string `json:"explain"`
	Fix     string `json:"fix"`
	Screen  string `json:"screen"`
}

var syncErrorCatalog = []SyncErrorInfo{
	{SyncDuplicateName, "Name already used in QuickBooks",
		"QuickBooks already has a customer, vendor or employee with this display name, so the contact could not be sent.",
		"Rename the contact in Ledgerlink (or the other record in QuickBooks), or link the contact to that customer in Resolve Duplicates, then retry.",
		ScreenContacts},
	{SyncInvalidName, "Name QuickBooks does not accept",
		"QuickBooks refuses a colon, a tab or a line break in a customer's name.",
		"Remove those characters from the contact's name, then retry.", ScreenContacts},
	{SyncStaleObject, "Changed in QuickBooks at the same time",
		"Someone changed this customer in QuickBooks while Ledgerlink was sending its change, twice in a row.",
		"Retry: Ledgerlink reads the customer again and merges the changes.", ScreenContacts},
	{SyncNotFound, "Customer no longer in QuickBooks",
		"The linked customer was deleted or merged in QuickBooks.",
		"Remove the match in the client list; the contact can then be sent again or linked to another customer.", ScreenClients},
	{SyncClosedPeriod, "QuickBooks books are closed",
		"QuickBooks refused the change because the books are closed for that date.",
		"Change the closing date in QuickBooks (Account and Settings → Advanced), then retry.", ScreenQuickBooks},
	{SyncThrottled, "QuickBooks asked Ledgerlink to slow down",
		"QuickBooks limits how many requests an app may send a minute, and the limit was reached.",
		"Nothing to fix: retry in a minute or two.", ScreenQuickBooks},
	{SyncUnavailable, "QuickBooks could not be reached",
		"QuickBooks did not answer, or answered with a fault of its own. Nothing was changed.",
		"Check the internet connection, then retry.", ScreenQuickBooks},
	{SyncAuthExpired, "QuickBooks connection expired",
		"QuickBooks no longer accepts Ledgerlink's sign-in: it expired or was revoked.",
		"Reconnect QuickBooks in Settings → Connected apps, then retry.", ScreenSettings},
	{SyncForbidden, "QuickBooks refused access",
		"The signed-in QuickBooks user or the app's keys may not change this company.",
		"Sign in as the company's primary admin, or check the app's keys, then retry.", ScreenSettings},
	{SyncRejected, "QuickBooks refused the change",
		"QuickBooks refused the customer as sent; its own words are below.",
		"Correct the contact as QuickBooks asks, then retry.", ScreenContacts},
	{SyncCustomerInvalid, "Customer could not be imported",
		"This QuickBooks customer has a value Ledgerlink's contacts cannot hold (the problem is below), so it was not imported.",
		"Correct the customer in QuickBooks, then retry.", ScreenQuickBooks},
	{SyncContactInvalid, "Contact could not be sent",
		"This contact has a value QuickBooks cannot take (the problem is below).",
		"Correct the contact, then retry.", ScreenContacts},
}

// SyncErrorCatalog returns every sync error code with its plain words, in
// a fixed order.
func SyncErrorCatalog() []SyncErrorInfo {
	return append([]SyncErrorInfo(nil), syncErrorCatalog...)
}

// LookupSyncError returns the catalog entry for code; an unknown code gets
// the general "refused" entry, so an error is never shown without words.
func LookupSyncError(code string) SyncErrorInfo {
	for _, e := range syncErrorCatalog {
		if e.Code == code {
			return e
		}
	}
	e := LookupSyncError(SyncRejected)
	e.Code = code
	return e
}

// Fill copies the catalog's words for e.Code into e.
func (e *SyncError) Fill() {
	info := LookupSyncError(e.Code)
	e.Title, e.Explain, e.Fix, e.Screen = info.Title, info.Explain, info.Fix, info.Screen
}

// RetryInterval is the least time between two Retry presses: QuickBooks'
// limits are per minute, and a fix takes longer than that anyway.
const RetryInterval = 3 * time.Minute
