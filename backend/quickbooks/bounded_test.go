package quickbooks_test

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo/sandbox"
	"ledgerlink/backend/quickbooks"
)

// A person pressing Check connection waits a bounded time, can cancel, and
// meanwhile Status answers at once.

func TestSession_Check_Throttled_SaysBusyAtOnce(t *testing.T) {
	sb, f := firmWithApp(t)
	f.connect(practice.Connected)
	// QBO's 429: XML, no Retry-After, so a client must wait 60 s.
	sb.InjectFault(sandbox.FaultRule{Path: "/v3/company/*", Kind: sandbox.FaultThrottled, Count: 100})
	began := time.Now()
	_, err := f.session.Check(context.Background())
	took := time.Since(began)
	if practice.ErrorCode(err) != practice.EUNAVAILABLE || !strings.Contains(practice.ErrorMessage(err), "QuickBooks is busy; try again in a minute") {
		t.Fatalf("Check while throttled: %v; want 'QuickBooks is busy; try again in a minute' as unavailable", err)
	}
	if took > 5*time.Second {
		t.Fatalf("Check took %v; a person is told at once that QuickBooks is busy", took)
	}
	if st, err := f.session.Status(context.Background()); err != nil || st.State != practice.Connected {
		t.Fatalf("Status after a throttled check: %+v, %v; a busy QuickBooks is not a broken connection", st, err)
	}
}

func TestSession_Check_SlowQuickBooks_BoundedByTheActionTimeout(t *testing.T) {
	sb, f := firmWithApp(t, func(c *quickbooks.Config) { c.ActionTimeout = time.Second })
	f.connect(practice.Connected)
	sb.InjectFault(sandbox.FaultRule{Path: "/v3/company/*", Kind: sandbox.FaultDelay, DelayMS: 10000, Count: 5})
	began := time.Now()
	_, err := f.session.Check(context.Background())
	if took := time.Since(began); took > 3*time.Second {
		t.Fatalf("Check took %v with a 1 s bound", took)
	}
	if practice.ErrorCode(err) != practice.EUNAVAILABLE || !strings.Contains(practice.ErrorMessage(err), "did not answer in time") {
		t.Fatalf("Check past its bound: %v; want it said that QuickBooks did not answer in time", err)
	}
}

func TestSession_Check_CancelledByThePerson_AnswersAtOnce(t *testing.T) {
	sb, f := firmWithApp(t)
	f.connect(practice.Connected)
	sb.InjectFault(sandbox.FaultRule{Path: "/v3/company/*", Kind: sandbox.FaultDelay, DelayMS: 10000, Count: 5})
	checked := make(chan error, 1)
	go func() { _, err := f.session.Check(context.Background()); checked <- err }()
	time.Sleep(300 * time.Millisecond)
	began := time.Now()
	f.session.CancelActions()
	select {
	case err := <-checked:
		if practice.ErrorMessage(err) != "Cancelled." {
			t.Fatalf("cancelled Check: %v", err)
		}
		if took := time.Since(began); took > time.Second {
			t.Fatalf("the check ended %v after Cancel", took)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Cancel did not end the check")
	}
}

func TestSession_Check_AnswerCutShort_SaysNotAnsweringProperly_WithTheReference(t *testing.T) {
	sb, f := firmWithApp(t)
	f.connect(practice.Connected)
	sb.SetAPIAnswer(func(w http.ResponseWriter, r *http.Request) bool {
		w.Header().Set("intuit_tid", "tid-cut-short-1")
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"CompanyInfo":{"CompanyName":"Ledg`))
		return true
	})
	_, err := f.session.Check(context.Background())
	msg := practice.ErrorMessage(err)
	if practice.ErrorCode(err) != practice.EUNAVAILABLE || !strings.Contains(msg, "not answering properly right now") ||
		!strings.Contains(msg, "tid-cut-short-1") || strings.Contains(msg, "invalid character") || strings.Contains(msg, "decode") {
		t.Fatalf("Check with an answer cut short: %v (%s); want 'not answering properly' with the reference, as unavailable", err, practice.ErrorCode(err))
	}
}
