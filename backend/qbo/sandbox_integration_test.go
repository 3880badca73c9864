package qbo_test

// These tests drive the project's own client over real HTTP against the
// project's QBO-compatible sandbox: the client's requests must be what QBO
// accepts, and QBO's answers and faults (as the sandbox reproduces them)
// must come out as the typed values and errors the sync engine decides on.
// The sandbox runs on the real clock, so nothing here is faked.

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"ledgerlink/backend/qbo"
	"ledgerlink/backend/qbo/sandbox"
	"ledgerlink/internal/testkit"
)

// live is a sandbox behind an httptest server and a client connected to it.
type live struct {
	t      *testing.T
	ctx    context.Context
	srv    *sandbox.Server
	sb     *testkit.Sandbox
	client *qbo.Client
	ids    atomic.Int64
}

// openSandbox starts a sandbox (an empty US company without throttling
// unless opts say otherwise) and a client for it with IssueTokens' access
// token. The client's own pacing is off and its backoff short, unless cfg
// says otherwise, so tests spend no time waiting they do not mean to.
func openSandbox(t *testing.T, opts sandbox.Options, cfg ...func(*qbo.Config)) *live {
	t.Helper()
	if opts.Company == "" {
		opts.Company = "empty"
	}
	if opts.Limits == (sandbox.Limits{}) {
		opts.Limits.Off = true
	}
	sb := testkit.StartSandbox(t, func(o *sandbox.Options) {
		opts.ClientID, opts.ClientSecret, opts.RedirectURIs = o.ClientID, o.ClientSecret, o.RedirectURIs
		*o = opts
	})
	srv := sb.Server
	tok := srv.IssueTokens()
	c := qbo.Config{
		BaseURL:     sb.URL,
		RealmID:     tok.RealmID,
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tok.AccessToken, TokenType: "Bearer"}),
		HTTPClient:  sb.Client(),
		Limits:      qbo.Limits{PerMinute: -1, PerSecond: -1, InFlight: -1, BatchPerMinute: -1},
		Retry:       qbo.RetryPolicy{BaseDelay: 10 * time.Millisecond, MaxDelay: 50 * time.Millisecond},
	}
	for _, f := range cfg {
		f(&c)
	}
	client, err := qbo.NewClient(c)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return &live{t: t, ctx: ctx, srv: srv, sb: sb, client: client}
}

// rid returns a fresh requestid, as an outbox row would hold.
func (l *live) rid() string {
	return fmt.Sprintf("it-%s-%d", time.Now().Format("150405"), l.ids.Add(1))
}

// customer creates a customer named name or fails the test.
func (l *live) customer(name string) *qbo.Customer {
	l.t.Helper()
	c, err := l.client.Customers.Create(l.ctx, l.rid(), &qbo.Customer{DisplayName: new(name)})
	if err != nil {
		l.t.Fatalf("create customer %q: %v", name, err)
	}
	return c
}

// countCustomers counts the customers named name, by a COUNT query.
func (l *live) countCustomers(name string) int {
	l.t.Helper()
	n, err := l.client.Customers.Count(l.ctx, qbo.Query{}.Where(qbo.Eq("DisplayName", name)))
	if err != nil {
		l.t.Fatalf("count customers %q: %v", name, err)
	}
	return n
}

// faultCode returns the QBO fault code of err, failing the test when err is
// not a *qbo.Error.
func faultCode(t *testing.T, err error) string {
	t.Helper()
	var e *qbo.Error
	if !errors.As(err, &e) {
		t.Fatalf("want a QBO fault, got %v", err)
	}
	return e.Code
}

func TestSandbox_CompanyInfoAndPreferences_Read(t *testing.T) {
	l := openSandbox(t, sandbox.Options{Company: "demo"})
	info, err := l.client.Company.Info(l.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if info.Country != "US" || info.CompanyName == "" || info.ID == "" {
		t.Errorf("CompanyInfo %+v", info)
	}
	prefs, err := l.client.Company.Preferences(l.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if prefs.AccountingInfoPrefs.BookCloseDate.IsZero() || !prefs.SalesFormsPrefs.CustomTxnNumbers || prefs.SyncToken == "" {
		t.Errorf("demo Preferences: closing date %v, custom numbers %v, SyncToken %q",
			prefs.AccountingInfoPrefs.BookCloseDate, prefs.SalesFormsPrefs.CustomTxnNumbers, prefs.SyncToken)
	}
}

func TestSandbox_Customer_CreateReadQueryAndSparseUpdate_ApostropheNameFoundByQuery(t *testing.T) {
	l := openSandbox(t, sandbox.Options{})
	created, err := l.client.Customers.Create(l.ctx, l.rid(), &qbo.Customer{
		DisplayName: new("O'Brien"), GivenName: new("Siobhan"), FamilyName: new("O'Brien"),
		PrimaryEmailAddr: &qbo.EmailAddress{Address: "siobhan@example.ie"},
		BillAddr:         &qbo.PhysicalAddress{Line1: "1 Quay St", City: "Galway", Country: "IE"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if created.ID == "" || created.SyncToken != "0" || created.MetaData.CreateTime.IsZero() {
		t.Fatalf("created %+v", created)
	}
	got, err := l.client.Customers.Get(l.ctx, created.ID)
	if err != nil {
		t.Fatal(err)
	}
	if *got.DisplayName != "O'Brien" || got.PrimaryEmailAddr.Address != "siobhan@example.ie" || got.BillAddr.City != "Galway" {
		t.Errorf("read back %+v", got)
	}

	found, err := l.client.Customers.Query(l.ctx, qbo.Query{}.Where(qbo.Eq("DisplayName", "O'Brien")))
	if err != nil {
		t.Fatalf("query by a name with an apostrophe: %v", err)
	}
	if len(found) != 1 || found[0].ID != created.ID {
		t.Fatalf("query for O'Brien found %d customers", len(found))
	}
	if like, err := l.client.Customers.Query(l.ctx, qbo.Query{}.Where(qbo.Like("DisplayName", "O'B%"))); err != nil || len(like) != 1 {
		t.Errorf("LIKE 'O\\'B%%': %d found, %v", len(like), err)
	}

	updated, err := l.client.Customers.Update(l.ctx, l.rid(), &qbo.Customer{ID: got.ID, SyncToken: got.SyncToken,
		PrimaryEmailAddr: &qbo.EmailAddress{Address: "accounts@obrien.example.ie"}})
	if err != nil {
		t.Fatal(err)
	}
	if updated.SyncToken == got.SyncToken {
		t.Errorf("SyncToken did not move on: %q", updated.SyncToken)
	}
	if updated.PrimaryEmailAddr.Address != "accounts@obrien.example.ie" {
		t.Errorf("e-mail after update: %q", updated.PrimaryEmailAddr.Address)
	}
	if *updated.GivenName != "Siobhan" || *updated.DisplayName != "O'Brien" || updated.BillAddr == nil || updated.BillAddr.City != "Galway" {
		t.Errorf("a sparse update changed fields it did not send: %+v", updated)
	}
}

func TestSandbox_Customer_ColonTabOrNewlineInAName_IsInvalidString(t *testing.T) {
	l := openSandbox(t, sandbox.Options{})
	for _, c := range []*qbo.Customer{
		{DisplayName: new("Smith: Jones")},
		{DisplayName: new("Tabbed Tina"), GivenName: new("Tina\tMarie")},
		{DisplayName: new("Broken Bob"), FamilyName: new("Bob\nBuilder")},
		{DisplayName: new("Cheque Chloe"), PrintOnCheckName: new("Chloe: Ltd")},
	} {
		_, err := l.client.Customers.Create(l.ctx, l.rid(), c)
		var e *qbo.Error
		if !qbo.IsInvalidString(err) || !errors.Is(err, qbo.ErrInvalidString) || !errors.As(err, &e) || e.Code != qbo.CodeInvalidString {
			t.Errorf("create %q: %v, want 2040 Invalid String", *c.DisplayName, err)
			continue
		}
		if e.Element == "" {
			t.Errorf("create %q: the fault names no field", *c.DisplayName)
		}
	}
	if n := l.countCustomers("Smith: Jones"); n != 0 {
		t.Errorf("%d customers made", n)
	}
}

func TestSandbox_Customer_DuplicateName_IsDuplicateName(t *testing.T) {
	l := openSandbox(t, sandbox.Options{Company: "demo"})
	l.customer("Harbour Lights Ltd")
	for _, name := range []string{"Harbour Lights Ltd", "HARBOUR LIGHTS LTD", "Kestrel Office Supplies" /* a vendor */} {
		_, err := l.client.Customers.Create(l.ctx, l.rid(), &qbo.Customer{DisplayName: new(name)})
		if !qbo.IsDuplicateName(err) {
			t.Errorf("create %q: %v, want a duplicate name (6240)", name, err)
		}
	}
}

func TestSandbox_Customer_StaleSyncToken_IsStaleObject(t *testing.T) {
	l := openSandbox(t, sandbox.Options{})
	c := l.customer("Stale Stanley")
	if _, err := l.client.Customers.Update(l.ctx, l.rid(), &qbo.Customer{ID: c.ID, SyncToken: c.SyncToken, Notes: new("first")}); err != nil {
		t.Fatal(err)
	}
	_, err := l.client.Customers.Update(l.ctx, l.rid(), &qbo.Customer{ID: c.ID, SyncToken: c.SyncToken, Notes: new("second")})
	if !qbo.IsStaleObject(err) {
		t.Fatalf("update with an old SyncToken: %v, want a stale object (5010)", err)
	}
	if got, _ := l.client.Customers.Get(l.ctx, c.ID); got == nil || *got.Notes != "first" {
		t.Errorf("the stale update changed the customer: %+v", got)
	}
}

func TestSandbox_Paging_AllWalksMoreThan1000Customers_AndCountAgrees(t *testing.T) {
	l := openSandbox(t, sandbox.Options{})
	const total = 1030
	for start := 0; start < total; start += qbo.MaxBatchItems {
		var items []qbo.BatchItem
		for i := start; i < min(start+qbo.MaxBatchItems, total); i++ {
			items = append(items, qbo.BatchItem{Operation: qbo.BatchCreate,
				Object: &qbo.Customer{DisplayName: new(fmt.Sprintf("Paging Customer %04d", i))}})
		}
		results, err := l.client.Batch(l.ctx, l.rid(), items)
		if err != nil {
			t.Fatalf("batch at %d: %v", start, err)
		}
		for _, r := range results {
			if r.Err != nil || r.Customer == nil {
				t.Fatalf("batch item %s: %v", r.BID, r.Err)
			}
		}
	}

	seen := map[string]bool{}
	for c, err := range l.client.Customers.All(l.ctx, qbo.Query{}.OrderBy("Id")) {
		if err != nil {
			t.Fatal(err)
		}
		if seen[c.ID] {
			t.Fatalf("customer %s came twice", c.ID)
		}
		seen[c.ID] = true
	}
	if len(seen) != total {
		t.Errorf("All yielded %d customers, want %d", len(seen), total)
	}
	var pages int64
	for _, cc := range l.client.Stats().Calls {
		if cc.Entity == "Customer" && cc.Kind == "query" {
			pages = cc.Requests
		}
	}
	if pages != 2 {
		t.Errorf("All used %d query requests, want 2 pages of at most 1000", pages)
	}
	n, err := l.client.Customers.Count(l.ctx, qbo.Query{})
	if err != nil || n != total {
		t.Errorf("COUNT: %d, %v; want %d", n, err, total)
	}
	n, err = l.client.Customers.Count(l.ctx, qbo.Query{}.Where(qbo.Like("DisplayName", "Paging Customer 10%")))
	if err != nil || n != 30 {
		t.Errorf("COUNT with LIKE: %d, %v; want 30", n, err)
	}
}

func TestSandbox_Batch_FaultsPerItem_OthersStillHappen(t *testing.T) {
	l := openSandbox(t, sandbox.Options{})
	taken := l.customer("Taken Name")
	results, err := l.client.Batch(l.ctx, l.rid(), []qbo.BatchItem{
		{Operation: qbo.BatchCreate, Object: &qbo.Customer{DisplayName: new("Batch Fresh")}},
		{Operation: qbo.BatchCreate, Object: &qbo.Customer{DisplayName: new("Taken Name")}},
		{Operation: qbo.BatchUpdate, Object: &qbo.Customer{ID: taken.ID, SyncToken: "99", Sparse: true, Notes: new("x")}},
		{Operation: qbo.BatchCreate, Object: &qbo.Customer{DisplayName: new("Colon: Name")}},
		{Query: "SELECT * FROM Customer WHERE DisplayName = 'Taken Name'"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(results) != 5 {
		t.Fatalf("%d results", len(results))
	}
	if results[0].Err != nil || results[0].Customer == nil || *results[0].Customer.DisplayName != "Batch Fresh" {
		t.Errorf("item 1: %+v", results[0])
	}
	if !qbo.IsDuplicateName(results[1].Err) {
		t.Errorf("item 2: %v, want a duplicate name", results[1].Err)
	}
	if !qbo.IsStaleObject(results[2].Err) {
		t.Errorf("item 3: %v, want a stale object", results[2].Err)
	}
	if !qbo.IsInvalidString(results[3].Err) {
		t.Errorf("item 4: %v, want 2040 Invalid String", results[3].Err)
	}
	var e *qbo.Error
	if errors.As(results[1].Err, &e) && e.BID != results[1].BID {
		t.Errorf("fault carries bId %q, want %q", e.BID, results[1].BID)
	}
	if results[4].Err != nil || len(results[4].QueryResponse) == 0 {
		t.Errorf("query item: %+v", results[4])
	}
	if n := l.countCustomers("Batch Fresh"); n != 1 {
		t.Errorf("the good item made %d customers", n)
	}
}

// The client checks the 30 days on its own clock; when QBO's runs ahead,
// QBO refuses, and the refusal must still read as ErrCDCWindow.
func TestSandbox_CDC_RefusedOnTheServersClock_IsErrCDCWindow(t *testing.T) {
	ahead := func() time.Time { return time.Now().Add(48 * time.Hour) }
	l := openSandbox(t, sandbox.Options{Now: ahead})
	_, err := l.client.CDC(l.ctx, time.Now().Add(-29*24*time.Hour), "Customer")
	if !errors.Is(err, qbo.ErrCDCWindow) {
		t.Fatalf("CDC 29 days back by the client's clock, 31 by QBO's: %v, want ErrCDCWindow", err)
	}
	if st := l.client.Stats(); st.Requests != 1 {
		t.Errorf("stats %+v: want the one request QBO refused", st)
	}
}

func TestSandbox_CDC_ReportsChangedAndDeletedAndVoidedObjects(t *testing.T) {
	l := openSandbox(t, sandbox.Options{})
	since := time.Now().Add(-2 * time.Second).Truncate(time.Second)
	c := l.customer("Change Captured")
	paid := l.invoice(c.ID, "", l.line("100.00", "NON"))
	pay, err := l.client.Payments.Create(l.ctx, l.rid(), l.payment(c.ID, 10000, map[string]qbo.Money{paid.ID: 10000}))
	if err != nil {
		t.Fatal(err)
	}
	if err := l.client.Payments.Delete(l.ctx, l.rid(), pay.ID, pay.SyncToken); err != nil {
		t.Fatal(err)
	}
	voided := l.invoice(c.ID, "", l.line("40.00", "NON"))
	if _, err := l.client.Invoices.Void(l.ctx, l.rid(), voided.ID, voided.SyncToken); err != nil {
		t.Fatal(err)
	}

	r, err := l.client.CDC(l.ctx, since, "Customer", "Invoice", "Payment")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Customers) != 1 || r.Customers[0].ID != c.ID {
		t.Errorf("CDC customers: %+v", r.Customers)
	}
	invoices := map[string]qbo.Invoice{}
	for _, inv := range r.Invoices {
		invoices[inv.ID] = inv
	}
	if got, ok := invoices[paid.ID]; !ok || got.Balance != 10000 {
		t.Errorf("invoice whose payment was deleted: %+v (want Balance 100.00 again)", got)
	}
	if got, ok := invoices[voided.ID]; !ok || got.TotalAmt != 0 || got.Balance != 0 || got.PrivateNote == nil || *got.PrivateNote != "Voided" {
		t.Errorf("voided invoice in CDC: %+v", got)
	}
	if len(r.Deleted) != 1 || r.Deleted[0].Entity != "Payment" || r.Deleted[0].ID != pay.ID {
		t.Errorf("CDC deleted: %+v, want payment %s", r.Deleted, pay.ID)
	}
	if len(r.Payments) != 0 {
		t.Errorf("a deleted payment also came as a live one: %+v", r.Payments)
	}
}
