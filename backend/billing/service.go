package billing

import (
	"context"
	"errors"
	"fmt"
	"time"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// Renderer makes the PDF of an invoice as the client sees it.
type Renderer func(inv *practice.Invoice, client *practice.Contact, s Settings) ([]byte, error)

// Delivery takes an invoice's PDF to its client: by e-mail, or saved in a
// folder. It returns how, for the invoice's activity log.
type Delivery interface {
	Deliver(ctx context.Context, inv *practice.Invoice, client *practice.Contact, pdf []byte) (how string, err error)
}

// Service bills the firm's clients.
type Service struct {
	DB      *sqlite.DB
	Render  Renderer
	Deliver Delivery
	// Progress, when set, hears how a billing run advances.
	Progress func(Progress)
}

// Progress is one report of a billing run under way.
type Progress struct {
	RunID int64  `json:"runId"`
	Phase string `json:"phase"` // drafting, approving, sending, done
	Done  int    `json:"done"`
	Total int    `json:"total"`
}

func (s *Service) progress(p Progress) {
	if s.Progress != nil {
		s.Progress(p)
	}
}

// Approve numbers and approves a draft.
func (s *Service) Approve(ctx context.Context, id int64) (*practice.Invoice, error) {
	var inv *practice.Invoice
	err := s.DB.Update(ctx, func(tx *sqlite.Tx) error {
		var err error
		inv, err = tx.ApproveInvoice(ctx, id)
		return err
	})
	return inv, err
}

// ErrMaybeSent is the code of an invoice found "sending": it may have
// gone out when Ledgerlink stopped; it is not sent again by itself.
const ErrMaybeSent = "maybe_sent"

// Send delivers an approved invoice to its client and marks it sent
// (Awaiting Payment). An invoice found already sent is not sent again; one
// found half-sent (Ledgerlink stopped while it went out) is refused with
// ErrMaybeSent unless again is set, after the accountant checked.
func (s *Service) Send(ctx context.Context, id int64, again bool) (*practice.Invoice, error) {
	if s.Render == nil || s.Deliver == nil {
		return nil, errors.New("billing: no renderer or delivery configured")
	}
	var inv *practice.Invoice
	var client *practice.Contact
	var set Settings
	err := s.DB.Update(ctx, func(tx *sqlite.Tx) error {
		var err error
		if inv, err = tx.FindInvoice(ctx, id); err != nil {
			return err
		}
		state, err := tx.SendState(ctx, id)
		if err != nil {
			return err
		}
		switch {
		case inv.Status == practice.InvoiceSent || state == "sent":
			return practice.Errorf(practice.ECONFLICT, "Invoice %s was sent already.", inv.Number)
		case inv.Status != practice.InvoiceApproved:
			return practice.Errorf(practice.ECONFLICT, "Approve invoice before sending it; it is %s.", inv.Status)
		case state == "sending" && !again:
			return &practice.Error{Code: ErrMaybeSent, Message: fmt.Sprintf(
				"Invoice %s may have been sent already: Ledgerlink stopped while sending it. Check with the client (or the sent mail), then send it again if it did not arrive.", inv.Number)}
		}
		if client, err = tx.FindContactByID(ctx, inv.ContactID); err != nil {
			return err
		}
		if set, err = LoadSettings(ctx, tx); err != nil {
			return err
		}
		return tx.SetSendState(ctx, id, "sending")
	})
	if err != nil {
		return nil, err
	}
	// Once it is going out, what follows is recorded whatever happens to
	// ctx: a delivered invoice must not be left "sending".
	done := context.WithoutCancel(ctx)
	pdf, err := s.Render(inv, client, set)
	if err == nil {
		var how string
		if how, err = s.Deliver.Deliver(ctx, inv, client, pdf); err == nil {
			err = s.DB.Update(done, func(tx *sqlite.Tx) error {
				if err := tx.SetSendState(done, id, "sent"); err != nil {
					return err
				}
				return tx.MarkInvoiceSent(done, id, how)
			})
			if err != nil {
				return nil, err
			}
			return s.invoice(done, id)
		}
	}
	if errors.Is(err, errMaybeDelivered) {
		// It may have gone out: it stays "sending", and is not sent again
		// unless the accountant says so after checking.
		if uerr := s.DB.Update(done, func(tx *sqlite.Tx) error {
			return tx.AddInvoiceEvent(done, id, "send uncertain", practice.ErrorMessage(err))
		}); uerr != nil {
			return nil, uerr
		}
		return nil, err
	}
	// Nothing went out: the invoice can be sent again as it is.
	if uerr := s.DB.Update(done, func(tx *sqlite.Tx) error {
		if err := tx.SetSendState(done, id, ""); err != nil {
			return err
		}
		return tx.AddInvoiceEvent(done, id, "send failed", practice.ErrorMessage(err))
	}); uerr != nil {
		return nil, uerr
	}
	return nil, err
}

func (s *Service) invoice(ctx context.Context, id int64) (*practice.Invoice, error) {
	var inv *practice.Invoice
	err := s.DB.View(ctx, func(tx *sqlite.Tx) error {
		var err error
		inv, err = tx.FindInvoice(ctx, id)
		return err
	})
	return inv, err
}

// DueDate is the due date of an invoice dated issue under the settings'
// terms.
func DueDate(issue string, termsDays int) (string, error) {
	t, err := time.Parse(time.DateOnly, issue)
	if err != nil {
		return "", practice.Errorf(practice.EINVALID, "Enter the date as YYYY-MM-DD.")
	}
	return t.AddDate(0, 0, termsDays).Format(time.DateOnly), nil
}
