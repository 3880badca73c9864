package sync_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"ledgerlink/backend/demo"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo"
	"ledgerlink/backend/qbo/sandbox"
	"ledgerlink/backend/sqlite"
	"ledgerlink/backend/sync"
	"ledgerlink/internal/testkit"
)

// env is a firm's database, a sandbox company behind real HTTP, a client
// signed in to it, and the engine between them.
type env struct {
	t      *testing.T
	ctx    context.Context
	sb     *testkit.Sandbox
	client *qbo.Client
	db     *sqlite.DB
	eng    *sync.Engine
	q      sync.QuickBooks
	rids   int
}

// newEnv starts a sandbox with company ("demo" or "empty") and an empty
// database; mods change the sandbox's options.
func newEnv(t *testing.T, company string, mods ...func(*sandbox.Options)) *env {
	t.Helper()
	sb := testkit.StartSandbox(t, append([]func(*sandbox.Options){func(o *sandbox.Options) { o.Company = company }}, mods...)...)
	tok := sb.IssueTokens()
	client, err := qbo.NewClient(qbo.Config{
		BaseURL:     sb.URL,
		RealmID:     tok.RealmID,
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tok.AccessToken, TokenType: "Bearer"}),
		HTTPClient:  sb.Client(),
		Limits:      qbo.Limits{PerMinute: -1, PerSecond: -1, InFlight: -1, BatchPerMinute: -1},
		Retry:       qbo.RetryPolicy{BaseDelay: 5 * time.Millisecond, MaxDelay: 20 * time.Millisecond},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	db := testkit.OpenDB(t)
	return &env{t: t, ctx: ctx, sb: sb, client: client, db: db, eng: &sync.Engine{DB: db}, q: sync.Client(client)}
}

// seedDemoContacts stores the firm's demo contacts.
func (e *env) seedDemoContacts() {
	e.t.Helper()
	ptrs := demo.ContactsToStore()
	if err := sqlite.NewContactService(e.db).CreateContacts(e.ctx, ptrs); err != nil {
		e.t.Fatal(err)
	}
}

// sync runs Sync Now and fails the test if it fails.
func (e *env) sync(opts ...func(*sync.Options)) *sync.Result {
	e.t.Helper()
	o := sync.Options{Trigger: sync.TriggerCLI}
	for _, f := range opts {
		f(&o)
	}
	res, err := e.eng.Run(e.ctx, e.q, o)
	if err != nil {
		e.t.Fatalf("sync: %v", err)
	}
	return res
}

// view runs f in a read transaction, failing the test on error.
func (e *env) view(f func(tx *sqlite.Tx) error) {
	e.t.Helper()
	if err := e.db.View(e.ctx, f); err != nil {
		e.t.Fatal(err)
	}
}

// contactsNamed returns the local contacts named name (exactly).
func (e *env) contactsNamed(name string) []*practice.Contact {
	e.t.Helper()
	var out []*practice.Contact
	e.view(func(tx *sqlite.Tx) error {
		for c, err := range tx.AllContacts(e.ctx) {
			if err != nil {
				return err
			}
			if c.Name == name {
				out = append(out, c)
			}
		}
		return nil
	})
	return out
}

// contact returns the one local contact named name.
func (e *env) contact(name string) *practice.Contact {
	e.t.Helper()
	cs := e.contactsNamed(name)
	if len(cs) != 1 {
		e.t.Fatalf("want one contact named %q, have %d", name, len(cs))
	}
	return cs[0]
}

// customer returns the QuickBooks customer with that display name.
func (e *env) customer(name string) *qbo.Customer {
	e.t.Helper()
	page, err := e.client.Customers.Query(e.ctx, qbo.Query{}.Where(qbo.Eq("DisplayName", name), qbo.In("Active", true, false)))
	if err != nil {
		e.t.Fatal(err)
	}
	if len(page) != 1 {
		e.t.Fatalf("want one customer named %q, have %d", name, len(page))
	}
	return &page[0]
}

// countCustomers counts the customers of the company, inactive included.
func (e *env) countCustomers() int {
	e.t.Helper()
	n, err := e.client.Customers.Count(e.ctx, qbo.Query{}.Where(qbo.In("Active", true, false)))
	if err != nil {
		e.t.Fatal(err)
	}
	return n
}

// link returns the link of the contact, or nil.
func (e *env) link(contactID int64) *sqlite.LinkRecord {
	e.t.Helper()
	var l *sqlite.LinkRecord
	e.view(func(tx *sqlite.Tx) error {
		var err error
		l, err = tx.FindLinkByContact(e.ctx, e.client.RealmID(), contactID)
		if practice.ErrorCode(err) == practice.ENOTFOUND {
			return nil
		}
		return err
	})
	return l
}

// duplicates returns the customers waiting in Resolve Duplicates, by
// display name.
func (e *env) duplicates() map[string]practice.Duplicate {
	e.t.Helper()
	out := map[string]practice.Duplicate{}
	e.view(func(tx *sqlite.Tx) error {
		list, err := tx.FindDuplicates(e.ctx, e.client.RealmID())
		for _, d := range list {
			out[d.DisplayName] = d
		}
		return err
	})
	return out
}

// rid returns a fresh requestid for a write the test makes as "someone in
// QuickBooks".
func (e *env) rid() string {
	e.rids++
	return fmt.Sprintf("test-%d-%d", time.Now().UnixNano(), e.rids)
}
