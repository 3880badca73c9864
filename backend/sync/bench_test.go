package sync_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"ledgerlink/backend/qbo"
	"ledgerlink/backend/qbo/sandbox"
	"ledgerlink/backend/sqlite"
	"ledgerlink/backend/sync"
	"ledgerlink/internal/fixture"
	"ledgerlink/internal/testkit"
)

// benchFirm is the size of the firm the sync benchmarks run: 10,000
// customers in QuickBooks against 10,000 local contacts.
const benchFirm = 10_000

// benchEnv is a sandbox company seeded with benchFirm customers made from
// the same fixture as the local contacts: a third with the contact's name
// and email and address (they link, with nothing to send either way), a third with its
// email under another name (they
// wait in Resolve Duplicates), a third nobody the firm knows (they become
// contacts). Seeding goes through the API in batches, outside the timer.
func benchEnv(b *testing.B) *env {
	b.Helper()
	sb := testkit.StartSandbox(b, func(o *sandbox.Options) { o.Company = "empty" })
	e := &env{ctx: context.Background(), sb: sb}
	tok := sb.IssueTokens()
	var err error
	e.client, err = qbo.NewClient(qbo.Config{BaseURL: sb.URL, RealmID: tok.RealmID,
		TokenSource: oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tok.AccessToken, TokenType: "Bearer"}), HTTPClient: sb.Client(),
		Limits: qbo.Limits{PerMinute: -1, PerSecond: -1, InFlight: -1, BatchPerMinute: -1}})
	if err != nil {
		b.Fatal(err)
	}
	e.q = sync.Client(e.client)
	locals := fixture.Contacts(benchFirm, 1)
	for i := 0; i < benchFirm; i += qbo.MaxBatchItems {
		var items []qbo.BatchItem
		for j := i; j < min(benchFirm, i+qbo.MaxBatchItems); j++ {
			c := locals[j]
			name, email := c.Name, c.Email
			switch j % 3 {
			case 1:
				name = fmt.Sprintf("Trading As %d", j)
			case 2:
				name, email = fmt.Sprintf("Newcomer %d", j), fmt.Sprintf("new%d@example.org", j)
			}
			cu := &qbo.Customer{DisplayName: new(name), CompanyName: new(name)}
			if email != "" {
				cu.PrimaryEmailAddr = &qbo.EmailAddress{Address: email}
			}
			if c.Phones.Primary != "" {
				cu.PrimaryPhone = &qbo.TelephoneNumber{FreeFormNumber: c.Phones.Primary}
			}
			a := c.PhysicalAddress
			cu.ShipAddr = &qbo.PhysicalAddress{Line1: a.Lines[0], City: a.City, PostalCode: a.PostalCode, Country: a.Country}
			items = append(items, qbo.BatchItem{Operation: qbo.BatchCreate, Object: cu})
		}
		res, err := e.client.Batch(e.ctx, fmt.Sprintf("seed-%d", i), items)
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range res {
			if r.Err != nil {
				b.Fatal(r.Err)
			}
		}
	}
	return e
}

// later is the engine's clock in the benchmarks: the firm syncs ten
// minutes after the company was seeded, as a real firm's customers are
// older than its first sync (change reads start a few minutes before the
// last run began, for clocks that disagree).
func later() time.Time { return time.Now().Add(10 * time.Minute) }

// freshFirm opens a new database holding the firm's 10,000 contacts.
func freshFirm(b *testing.B) *sqlite.DB {
	b.Helper()
	db := testkit.OpenDB(b)
	if err := sqlite.NewContactService(db).CreateContacts(context.Background(), fixture.Contacts(benchFirm, 1)); err != nil {
		b.Fatal(err)
	}
	return db
}

// reportRun adds the figures of a run: requests to QuickBooks, what they
// would take at QuickBooks' latency over the internet (250 ms median, the
// sandbox's realistic model, counted not waited), and the process's peak
// RSS (which includes the in-process sandbox holding the company).
func reportRun(b *testing.B, e *env, res *sync.Result, requests int) {
	b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
	n, total := e.sb.LatencyTotal()
	if n > 0 {
		b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "modelled-ms/op")
	}
	testkit.ReportPeakRSS(b)
	c := res.Run.Counts
	b.Logf("read %d, linked %d, created %d, duplicates %d, %d requests", c.Read, c.Linked, c.Created, c.Duplicates, res.Run.Requests)
}

// BenchmarkSyncNow_FirstSync10kAgainst10k is the first Sync Now of a large
// firm: read 10,000 customers (pages of 1000) and match them against
// 10,000 contacts, linking, creating and listing duplicates.
func BenchmarkSyncNow_FirstSync10kAgainst10k(b *testing.B) {
	e := benchEnv(b)
	e.sb.AdvanceClock(10 * time.Minute) // QuickBooks' clock agrees with the engine's
	e.sb.SetLatency(sandbox.Latency{Median: 250 * time.Millisecond, Sigma: 0.5, Seed: 1, CountOnly: true})
	var res *sync.Result
	requests := 0
	for b.Loop() {
		b.StopTimer()
		e.db = freshFirm(b)
		e.eng = &sync.Engine{DB: e.db, Now: later}
		e.sb.SetLatency(sandbox.Latency{Median: 250 * time.Millisecond, Sigma: 0.5, Seed: 1, CountOnly: true})
		b.StartTimer()
		var err error
		res, err = e.eng.Run(e.ctx, e.q, sync.Options{Trigger: sync.TriggerCLI})
		if err != nil {
			b.Fatal(err)
		}
		requests += res.Run.Requests
	}
	if c := res.Run.Counts; c.Read != benchFirm || c.Linked == 0 || c.Created == 0 || c.Duplicates == 0 {
		b.Fatalf("the run did not do the work: %+v", c)
	}
	reportRun(b, e, res, requests)
}

// BenchmarkSyncNow_NothingChanged10k is Sync Now of that firm when nothing
// changed since the last run: one change read.
func BenchmarkSyncNow_NothingChanged10k(b *testing.B) {
	e := benchEnv(b)
	e.sb.AdvanceClock(10 * time.Minute) // QuickBooks' clock agrees with the engine's
	e.db = freshFirm(b)
	e.eng = &sync.Engine{DB: e.db, Now: later}
	if _, err := e.eng.Run(e.ctx, e.q, sync.Options{}); err != nil {
		b.Fatal(err)
	}
	e.sb.SetLatency(sandbox.Latency{Median: 250 * time.Millisecond, Sigma: 0.5, Seed: 1, CountOnly: true})
	var res *sync.Result
	requests := 0
	for b.Loop() {
		var err error
		res, err = e.eng.Run(e.ctx, e.q, sync.Options{})
		if err != nil {
			b.Fatal(err)
		}
		requests += res.Run.Requests
	}
	if c := res.Run.Counts; res.Run.Mode != "changes" || c.Linked+c.Created+c.UpdatedLocal+c.UpdatedQBO != 0 {
		b.Fatalf("a run with nothing changed: %+v", res.Run)
	}
	reportRun(b, e, res, requests)
}
