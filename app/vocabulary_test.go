package app_test

import (
	"os"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"ledgerlink/app"
	"ledgerlink/backend/billing"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/quickbooks"
	"ledgerlink/backend/sqlite"
	"ledgerlink/backend/sync"
)

// The UI declares in TypeScript the words Go sends. Copied by hand they
// drift, so these tests hold the copies to Go's.

// tsUnion reads `export type name = 'a' | 'b' …;` from the UI's types.
func tsUnion(t *testing.T, file, name string) []string {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`export type ` + name + ` =([^;]+);`).FindSubmatch(src)
	if m == nil {
		t.Fatalf("%s declares no type %s", file, name)
	}
	var out []string
	for _, lit := range regexp.MustCompile(`'([^']*)'`).FindAllSubmatch(m[1], -1) {
		out = append(out, string(lit[1]))
	}
	slices.Sort(out)
	return out
}

func sorted[T ~string](vals []T) []string {
	out := make([]string, len(vals))
	for i, v := range vals {
		out[i] = string(v)
	}
	slices.Sort(out)
	return out
}

const typesTS = "../frontend/src/lib/api/types.ts"

func TestVocabulary_ConnectionStates_SameInGoAndTheUI(t *testing.T) {
	if got, want := tsUnion(t, typesTS, "ConnectionState"), sorted(practice.ConnectionStates); !slices.Equal(got, want) {
		t.Fatalf("UI ConnectionState = %q; Go's practice.ConnectionStates = %q", got, want)
	}
}

func TestVocabulary_Environments_SameInGoAndTheUI(t *testing.T) {
	var ids []string
	for _, e := range quickbooks.Environments {
		ids = append(ids, string(e.ID))
	}
	slices.Sort(ids)
	if got := tsUnion(t, typesTS, "QBOEnvironment"); !slices.Equal(got, ids) {
		t.Fatalf("UI QBOEnvironment = %q; Go's quickbooks.Environments = %q", got, ids)
	}
}

func TestVocabulary_EventNames_DeclaredInTheUI(t *testing.T) {
	src, err := os.ReadFile("../frontend/src/lib/api/events.ts")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{app.EventContactsChanged, app.EventQuickBooksStatus, app.EventSyncProgress, app.EventSyncFinished,
		app.EventBillingProgress, app.EventBillingFinished} {
		if !strings.Contains(string(src), "'"+name+"'") {
			t.Errorf("the UI's EventMap does not declare %q", name)
		}
	}
}

// sameUnion fails the test unless the UI's union type equals Go's words.
func sameUnion(t *testing.T, file, name string, goWords ...string) {
	t.Helper()
	want := sorted(goWords)
	if got := tsUnion(t, file, name); !slices.Equal(got, want) {
		t.Errorf("UI %s = %q; Go has %q", name, got, want)
	}
}

func TestVocabulary_SyncWords_SameInGoAndTheUI(t *testing.T) {
	sameUnion(t, typesTS, "SyncErrorScreen", practice.ScreenContacts, practice.ScreenDuplicates, practice.ScreenClients,
		practice.ScreenConflicts, practice.ScreenSettings, practice.ScreenQuickBooks)
	sameUnion(t, typesTS, "SyncPhase", sync.PhaseReading, sync.PhaseLocal, sync.PhaseSending, sync.PhaseDone)
	sameUnion(t, typesTS, "SyncRunStatus", practice.RunRunning, practice.RunDone, practice.RunCancelled, practice.RunFailed)
	sameUnion(t, typesTS, "SyncTrigger", sync.TriggerManual, sync.TriggerBackground, sync.TriggerCLI, sync.TriggerRetry, sync.TriggerPush)
	sameUnion(t, typesTS, "AuditSide", practice.SideLocal, practice.SideQuickBooks)
	sameUnion(t, typesTS, "InactiveSetting", sync.InactiveImport, sync.InactiveList)
	sameUnion(t, typesTS, "JobsSetting", sync.JobsUnderParent, sync.JobsAsContacts)
	sameUnion(t, typesTS, "KeepSide", sync.KeepOurs, sync.KeepTheirs)
	sameUnion(t, typesTS, "SyncRefusal", sync.ErrOtherCompany, sync.ErrRetryWait)
	sameUnion(t, typesTS, "SyncedField", practice.SyncedFields...)
}

// Every screen the error catalog sends the accountant to has a place in the UI.
func TestVocabulary_SyncErrorCatalog_ScreensKnownToTheUI(t *testing.T) {
	screens := tsUnion(t, typesTS, "SyncErrorScreen")
	for _, e := range practice.SyncErrorCatalog() {
		if !slices.Contains(screens, e.Screen) {
			t.Errorf("sync error %q sends to screen %q, which the UI's SyncErrorScreen lacks", e.Code, e.Screen)
		}
	}
}

// The UI names the synced fields as Go does (conflicts, the audit log and
// the duplicate view show Go's labels beside the UI's).
func TestVocabulary_SyncedFieldLabels_SameInGoAndTheUI(t *testing.T) {
	src, err := os.ReadFile("../frontend/src/lib/sync/fields.ts")
	if err != nil {
		t.Fatal(err)
	}
	block := regexp.MustCompile(`(?s)syncedFieldLabels: Record<SyncedField, string> = \{(.*?)\};`).FindSubmatch(src)
	if block == nil {
		t.Fatal("fields.ts declares no syncedFieldLabels")
	}
	ui := map[string]string{}
	for _, m := range regexp.MustCompile(`'([^']+)': '([^']*)'`).FindAllSubmatch(block[1], -1) {
		ui[string(m[1])] = string(m[2])
	}
	for _, f := range practice.SyncedFields {
		if ui[f] != practice.SyncedFieldLabel(f) {
			t.Errorf("UI label of %q = %q; Go's = %q", f, ui[f], practice.SyncedFieldLabel(f))
		}
	}
	if len(ui) != len(practice.SyncedFields) {
		t.Errorf("UI labels %d fields; Go syncs %d", len(ui), len(practice.SyncedFields))
	}
}

// The sync screens' TypeScript shapes carry exactly the JSON fields Go sends.
func TestVocabulary_SyncShapes_SameFieldsInGoAndTheUI(t *testing.T) {
	for ts, goValue := range map[string]any{
		"SyncProgress": sync.Progress{}, "SyncCounts": practice.SyncCounts{}, "ReportLine": practice.ReportLine{},
		"SyncRun": practice.SyncRun{}, "FieldChange": sync.FieldChange{}, "PlanLink": sync.PlanLink{},
		"PlanCreate": sync.PlanCreate{}, "PlanUpdate": sync.PlanUpdate{}, "PlanPush": sync.PlanPush{},
		"PlanCandidate": sync.PlanCandidate{}, "PlanDuplicate": sync.PlanDuplicate{}, "PlanConflict": sync.PlanConflict{},
		"PlanInvalid": sync.PlanInvalid{}, "Plan": sync.Plan{}, "SyncResult": sync.Result{},
		"Reason": practice.Reason{}, "Candidate": practice.Candidate{}, "Duplicate": practice.Duplicate{},
		"Resolution": sync.Resolution{}, "Job": practice.Job{}, "ClientLink": practice.ClientLink{},
		"ClientLinkFilter": practice.ClientLinkFilter{}, "ClientPage": sync.ClientPage{}, "Conflict": practice.Conflict{},
		"SyncError": practice.SyncError{}, "ErrorList": sync.ErrorList{}, "AuditEntry": practice.AuditEntry{},
		"AuditFilter": practice.AuditFilter{}, "AuditPage": sync.AuditPage{}, "SyncSettings": sync.Settings{},
		"SyncOverview": sync.Overview{}, "StartOptions": app.StartOptions{}, "SyncFinished": app.SyncFinished{},
		"PushRequest": sync.PushRequest{}, "PushItem": sync.PushItem{}, "PushPreview": sync.PushPreview{},
		"Contact": practice.Contact{}, "Address": practice.Address{}, "Phones": practice.Phones{},
		"ContactType": practice.ContactType{},
	} {
		// Unexported fields (no JSON name) stay in Go.
		want := slices.DeleteFunc(jsonFields(reflect.TypeOf(goValue)), func(n string) bool { return n == "" || n == "-" })
		if got := tsFields(t, ts); !slices.Equal(got, want) {
			t.Errorf("UI %s has fields %q; Go's %T sends %q", ts, got, goValue, want)
		}
	}
}

func TestVocabulary_BillingWords_SameInGoAndTheUI(t *testing.T) {
	sameUnion(t, typesTS, "InvoiceStatus", sorted(practice.InvoiceStatuses)...)
	sameUnion(t, typesTS, "BillingRunStatus", practice.BillingRunDrafted, practice.BillingRunApproved, practice.BillingRunSending,
		practice.BillingRunStopped, practice.BillingRunDone)
	sameUnion(t, typesTS, "RateKind", practice.RateHourly, practice.RateFixed)
	sameUnion(t, typesTS, "BillingRefusal", billing.ErrMaybeSent)
	// Go has no constants for these yet (they are literals in backend/billing
	// and the store); the UI's copies are checked against a Go value that
	// passes validation and the phases the run reports.
	sameUnion(t, typesTS, "MailSecurity", "starttls", "tls", "none")
	for _, sec := range tsUnion(t, typesTS, "MailSecurity") {
		s := billing.DefaultSettings()
		s.Mail = billing.Mail{Host: "smtp.example.com", Port: 587, From: "billing@example.com", Security: sec}
		if err := s.Validate(); err != nil {
			t.Errorf("Go refuses the UI's mail security %q: %v", sec, err)
		}
	}
}

// The UI's list of statuses (the invoice list's filter) is Go's, in Go's order.
func TestVocabulary_InvoiceStatusOrder_SameInGoAndTheUI(t *testing.T) {
	src, err := os.ReadFile("../frontend/src/lib/billing/words.ts")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`invoiceStatuses: InvoiceStatus\[\] = \[([^\]]*)\]`).FindSubmatch(src)
	if m == nil {
		t.Fatal("words.ts declares no invoiceStatuses")
	}
	var ui []string
	for _, lit := range regexp.MustCompile(`'([^']*)'`).FindAllSubmatch(m[1], -1) {
		ui = append(ui, string(lit[1]))
	}
	var want []string
	for _, s := range practice.InvoiceStatuses {
		want = append(want, string(s))
	}
	if !slices.Equal(ui, want) {
		t.Errorf("UI invoiceStatuses = %q; Go's practice.InvoiceStatuses = %q", ui, want)
	}
}

// The billing screens' TypeScript shapes carry exactly the JSON fields Go sends.
func TestVocabulary_BillingShapes_SameFieldsInGoAndTheUI(t *testing.T) {
	for ts, goValue := range map[string]any{
		"WorkType": practice.WorkType{}, "TaxRate": practice.TaxRate{}, "TaxComponent": practice.TaxComponent{},
		"WorkItem": practice.WorkItem{}, "ClientWork": app.ClientWork{}, "Invoice": practice.Invoice{},
		"InvoiceLine": practice.InvoiceLine{}, "InvoiceTax": practice.InvoiceTax{}, "InvoiceTaxPart": practice.InvoiceTaxPart{},
		"InvoiceEvent": practice.InvoiceEvent{}, "InvoiceFilter": practice.InvoiceFilter{}, "InvoicePage": sqlite.InvoicePage{},
		"InvoiceNumbering": practice.InvoiceNumbering{}, "BillingRun": practice.BillingRun{},
		"BillingProgress": billing.Progress{}, "BillingFinished": app.BillingFinished{}, "Firm": billing.Firm{},
		"MailServer": billing.Mail{}, "BillingSettings": app.BillingSettings{},
	} {
		want := slices.DeleteFunc(jsonFields(reflect.TypeOf(goValue)), func(n string) bool { return n == "" || n == "-" })
		if got := tsFields(t, ts); !slices.Equal(got, want) {
			t.Errorf("UI %s has fields %q; Go's %T sends %q", ts, got, goValue, want)
		}
	}
	// RunInvoice is an Invoice and its send state, in both.
	own := slices.DeleteFunc(jsonFields(reflect.TypeFor[practice.RunInvoice]()), func(n string) bool {
		return slices.Contains(jsonFields(reflect.TypeFor[practice.Invoice]()), n)
	})
	if got := tsFields(t, "RunInvoice extends Invoice"); !slices.Equal(got, own) {
		t.Errorf("UI RunInvoice adds %q to Invoice; Go's practice.RunInvoice adds %q", got, own)
	}
}
