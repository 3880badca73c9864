package billing

import (
	"context"
	"errors"
	"slices"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// DraftRun starts a billing run through a cut-off date: for each client
// (those given, or every client with unbilled work dated on or before it)
// one draft invoice of that work, dated the cut-off. Clients with nothing
// to bill are skipped. Each client's draft is its own transaction, so a
// stop keeps what was drafted.
func (s *Service) DraftRun(ctx context.Context, through string, clients []int64) (*practice.BillingRun, error) {
	set, err := s.settings(ctx)
	if err != nil {
		return nil, err
	}
	due, err := DueDate(through, set.TermsDays)
	if err != nil {
		return nil, err
	}
	run := &practice.BillingRun{Through: through}
	byClient := map[int64][]int64{}
	err = s.DB.Update(ctx, func(tx *sqlite.Tx) error {
		work, err := tx.FindWorkItems(ctx, practice.WorkFilter{Unbilled: true, Through: through})
		if err != nil {
			return err
		}
		for _, w := range work {
			if len(clients) == 0 || slices.Contains(clients, w.ContactID) {
				byClient[w.ContactID] = append(byClient[w.ContactID], w.ID)
			}
		}
		if len(byClient) == 0 {
			return practice.Errorf(practice.EINVALID, "No unbilled work dated on or before %s for the chosen clients.", through)
		}
		return tx.CreateBillingRun(ctx, run)
	})
	if err != nil {
		return nil, err
	}
	order := make([]int64, 0, len(byClient))
	for id := range byClient {
		order = append(order, id)
	}
	slices.Sort(order)
	for i, contact := range order {
		if err := ctx.Err(); err != nil {
			return s.Run(context.WithoutCancel(ctx), run.ID)
		}
		if err := s.DB.Update(ctx, func(tx *sqlite.Tx) error {
			_, err := tx.DraftInvoice(ctx, contact, byClient[contact], through, due, run.ID)
			return err
		}); err != nil {
			return nil, err
		}
		s.progress(Progress{RunID: run.ID, Phase: "drafting", Done: i + 1, Total: len(order)})
	}
	return s.Run(ctx, run.ID)
}

// Run returns a billing run with its invoices.
func (s *Service) Run(ctx context.Context, id int64) (*practice.BillingRun, error) {
	var r *practice.BillingRun
	err := s.DB.View(ctx, func(tx *sqlite.Tx) error {
		var err error
		r, err = tx.FindBillingRun(ctx, id)
		return err
	})
	return r, err
}

// ApproveRun approves every draft of a run, in the run's order, each in
// its own transaction (numbers are given one by one, without gaps).
func (s *Service) ApproveRun(ctx context.Context, id int64) (*practice.BillingRun, error) {
	r, err := s.Run(ctx, id)
	if err != nil {
		return nil, err
	}
	for i, inv := range r.Invoices {
		if err := ctx.Err(); err != nil {
			break
		}
		if inv.Status == practice.InvoiceDraft {
			if _, err := s.Approve(ctx, inv.ID); err != nil {
				return nil, err
			}
		}
		s.progress(Progress{RunID: id, Phase: "approving", Done: i + 1, Total: len(r.Invoices)})
	}
	if ctx.Err() == nil {
		if err := s.setRunStatus(ctx, id, practice.BillingRunApproved); err != nil {
			return nil, err
		}
	}
	return s.Run(context.WithoutCancel(ctx), id)
}

// SendRun sends every approved invoice of a run not sent yet. Cancelling
// ctx stops it between invoices — the one going out is finished first —
// and the run is "stopped"; calling it again resumes with the ones left. An invoice found half-sent is left for the
// accountant (see Send) and reported in the returned errors.
func (s *Service) SendRun(ctx context.Context, id int64) (*practice.BillingRun, []error, error) {
	r, err := s.Run(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	if err := s.setRunStatus(ctx, id, practice.BillingRunSending); err != nil {
		return nil, nil, err
	}
	var problems []error
	for i, inv := range r.Invoices {
		if ctx.Err() != nil {
			if err := s.setRunStatus(context.WithoutCancel(ctx), id, practice.BillingRunStopped); err != nil {
				return nil, problems, err
			}
			run, err := s.Run(context.WithoutCancel(ctx), id)
			return run, problems, errors.Join(err, ctx.Err())
		}
		if inv.Status != practice.InvoiceApproved || inv.SendState == "sent" {
			continue
		}
		// Stop waits for the invoice going out to finish: cut off half-way,
		// a mail could not be known to have arrived or not.
		if _, err := s.Send(context.WithoutCancel(ctx), inv.ID, false); err != nil {
			problems = append(problems, err)
		}
		s.progress(Progress{RunID: id, Phase: "sending", Done: i + 1, Total: len(r.Invoices)})
	}
	status := practice.BillingRunDone
	if len(problems) > 0 {
		status = practice.BillingRunStopped
	}
	if err := s.setRunStatus(ctx, id, status); err != nil {
		return nil, problems, err
	}
	s.progress(Progress{RunID: id, Phase: "done", Done: len(r.Invoices), Total: len(r.Invoices)})
	run, err := s.Run(ctx, id)
	return run, problems, err
}

func (s *Service) setRunStatus(ctx context.Context, id int64, status string) error {
	return s.DB.Update(ctx, func(tx *sqlite.Tx) error { return tx.SetBillingRunStatus(ctx, id, status) })
}

func (s *Service) settings(ctx context.Context) (Settings, error) {
	var set Settings
	err := s.DB.View(ctx, func(tx *sqlite.Tx) error {
		var err error
		set, err = LoadSettings(ctx, tx)
		return err
	})
	return set, err
}

// OpenRun returns the run through that date that has not finished, or
// nil: running the same close again resumes it rather than starting anew.
func (s *Service) OpenRun(ctx context.Context, through string) (*practice.BillingRun, error) {
	var id int64
	if err := s.DB.View(ctx, func(tx *sqlite.Tx) error {
		var err error
		id, err = tx.OpenBillingRun(ctx, through)
		return err
	}); err != nil || id == 0 {
		return nil, err
	}
	return s.Run(ctx, id)
}
