package app

import (
	"context"
	"errors"
	"slices"
	stdsync "sync"
	"time"

	"ledgerlink/backend/billing"
	"ledgerlink/backend/connect"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// Events of billing. The UI declares the same names.
const (
	// EventBillingProgress is sent as a billing run advances; payload
	// billing.Progress.
	EventBillingProgress = "billing:progress"
	// EventBillingFinished is sent when a run's sending ends; payload
	// BillingFinished.
	EventBillingFinished = "billing:finished"
)

// BillingFinished is the payload of EventBillingFinished.
type BillingFinished struct {
	Run      *practice.BillingRun `json:"run"`
	Problems []string             `json:"problems"`
	Error    *ErrorInfo           `json:"error"`
}

// Billing is the Billing area's service: work types, tax rates, unbilled
// work, invoices from draft to sent, billing runs, and the billing
// settings. The rules are the store's and package billing's.
type Billing struct {
	app *App
	db  *sqlite.DB
	svc *billing.Service

	mail MailPassword

	mu     stdsync.Mutex
	cancel context.CancelFunc
}

func newBilling(a *App, db *sqlite.DB, keychain connect.Keychain) *Billing {
	b := &Billing{app: a, db: db, mail: MailPassword{Keychain: keychain, InstallID: sqlite.NewSettingService(db).InstallID}}
	b.svc = &billing.Service{DB: db, Render: billing.PDF, Deliver: billing.Configured{DB: db, Mailer: b.mail.Mailer},
		Progress: func(p billing.Progress) { a.events.Emit(EventBillingProgress, p) }}
	return b
}

// MailPassword keeps the firm's mail server password in the OS keychain,
// per database like the QuickBooks sign-in; never in the database.
type MailPassword struct {
	Keychain  connect.Keychain
	InstallID func(context.Context) (string, error)
}

func (m MailPassword) account(ctx context.Context) (string, error) {
	id, err := m.InstallID(ctx)
	if err != nil {
		return "", err
	}
	return "mail-password:" + id, nil
}

// Get returns the saved password, "" when none is (a server that asks for
// no sign-in).
func (m MailPassword) Get(ctx context.Context) (string, error) {
	acc, err := m.account(ctx)
	if err != nil {
		return "", err
	}
	pw, err := m.Keychain.Get(connect.DefaultService, acc)
	if errors.Is(err, connect.ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", practice.Errorf(practice.EUNAVAILABLE, "The mail server's password could not be read from the keychain: %v", err)
	}
	return pw, nil
}

// Set saves a new password.
func (m MailPassword) Set(ctx context.Context, pw string) error {
	acc, err := m.account(ctx)
	if err != nil {
		return err
	}
	if err := m.Keychain.Set(connect.DefaultService, acc, pw); err != nil {
		return practice.Errorf(practice.EUNAVAILABLE, "The mail server's password could not be saved in the keychain: %v", err)
	}
	return nil
}

// Mailer is billing.Configured's Mailer: e-mail through the settings'
// server, signed in with the saved password.
func (m MailPassword) Mailer(ctx context.Context, s billing.Settings) (billing.Delivery, error) {
	pw, err := m.Get(ctx)
	if err != nil {
		return nil, err
	}
	return billing.NewEmail(s, pw)
}

func (b *Billing) view(f func(tx *sqlite.Tx) error) error   { return b.db.View(b.app.ctx, f) }
func (b *Billing) update(f func(tx *sqlite.Tx) error) error { return b.db.Update(b.app.ctx, f) }

// WorkTypes returns the work types (inactive ones too when asked).
func (b *Billing) WorkTypes(inactive bool) (list []*practice.WorkType, err error) {
	err = b.view(func(tx *sqlite.Tx) error { list, err = tx.FindWorkTypes(b.app.ctx, inactive); return err })
	return list, err
}

// SaveWorkType creates or updates a work type.
func (b *Billing) SaveWorkType(w practice.WorkType) (*practice.WorkType, error) {
	err := b.update(func(tx *sqlite.Tx) error { return tx.SaveWorkType(b.app.ctx, &w) })
	return &w, err
}

// TaxRates returns the tax rates (archived ones too when asked).
func (b *Billing) TaxRates(archived bool) (list []*practice.TaxRate, err error) {
	err = b.view(func(tx *sqlite.Tx) error { list, err = tx.FindTaxRates(b.app.ctx, archived); return err })
	return list, err
}

// SaveTaxRate creates or updates (or archives) a tax rate.
func (b *Billing) SaveTaxRate(r practice.TaxRate) (*practice.TaxRate, error) {
	err := b.update(func(tx *sqlite.Tx) error { return tx.SaveTaxRate(b.app.ctx, &r) })
	return &r, err
}

// DeleteTaxRate deletes a rate nothing uses.
func (b *Billing) DeleteTaxRate(id int64) error {
	return b.update(func(tx *sqlite.Tx) error { return tx.DeleteTaxRate(b.app.ctx, id) })
}

// ClientWork is one client's unbilled work, with its total before tax.
type ClientWork struct {
	ContactID   int64                `json:"contactId"`
	ContactName string               `json:"contactName"`
	Items       []*practice.WorkItem `json:"items"`
	Total       int64                `json:"total"`
}

// Unbilled returns the unbilled work, per client.
func (b *Billing) Unbilled() ([]ClientWork, error) {
	var items []*practice.WorkItem
	err := b.view(func(tx *sqlite.Tx) error {
		var err error
		items, err = tx.FindWorkItems(b.app.ctx, practice.WorkFilter{Unbilled: true})
		return err
	})
	out := []ClientWork{}
	for _, w := range items {
		if len(out) == 0 || out[len(out)-1].ContactID != w.ContactID {
			out = append(out, ClientWork{ContactID: w.ContactID, ContactName: w.ContactName})
		}
		cw := &out[len(out)-1]
		cw.Items = append(cw.Items, w)
		cw.Total += w.Amount
	}
	return out, err
}

// SaveWork creates or updates a piece of unbilled work.
func (b *Billing) SaveWork(w practice.WorkItem) (*practice.WorkItem, error) {
	err := b.update(func(tx *sqlite.Tx) error { return tx.SaveWorkItem(b.app.ctx, &w) })
	return &w, err
}

// DeleteWork deletes a piece of unbilled work.
func (b *Billing) DeleteWork(id int64) error {
	return b.update(func(tx *sqlite.Tx) error { return tx.DeleteWorkItem(b.app.ctx, id) })
}

// DraftInvoice drafts an invoice for a client from some of its unbilled
// work, dated today and due by the settings' terms.
func (b *Billing) DraftInvoice(contactID int64, itemIDs []int64) (*practice.Invoice, error) {
	var inv *practice.Invoice
	err := b.update(func(tx *sqlite.Tx) error {
		set, err := billing.LoadSettings(b.app.ctx, tx)
		if err != nil {
			return err
		}
		today := b.app.now().Format(time.DateOnly)
		due, err := billing.DueDate(today, set.TermsDays)
		if err != nil {
			return err
		}
		inv, err = tx.DraftInvoice(b.app.ctx, contactID, itemIDs, today, due, 0)
		return err
	})
	return inv, err
}

// Invoice returns one invoice with its lines and activity.
func (b *Billing) Invoice(id int64) (inv *practice.Invoice, err error) {
	err = b.view(func(tx *sqlite.Tx) error { inv, err = tx.FindInvoice(b.app.ctx, id); return err })
	return inv, err
}

// Invoices returns a page of the invoice list and its totals.
func (b *Billing) Invoices(f practice.InvoiceFilter) (page sqlite.InvoicePage, err error) {
	err = b.view(func(tx *sqlite.Tx) error { page, err = tx.FindInvoices(b.app.ctx, f); return err })
	return page, err
}

// UpdateDraft saves a draft's lines, dates and notes.
func (b *Billing) UpdateDraft(inv practice.Invoice) (*practice.Invoice, error) {
	if err := b.update(func(tx *sqlite.Tx) error { return tx.UpdateDraft(b.app.ctx, &inv) }); err != nil {
		return nil, err
	}
	return b.Invoice(inv.ID)
}

// DeleteDraft deletes a draft; its work is unbilled again.
func (b *Billing) DeleteDraft(id int64) error {
	return b.update(func(tx *sqlite.Tx) error { return tx.DeleteDraft(b.app.ctx, id) })
}

// Approve numbers and approves a draft.
func (b *Billing) Approve(id int64) (*practice.Invoice, error) { return b.svc.Approve(b.app.ctx, id) }

// Send delivers an approved invoice and marks it Awaiting Payment; again
// sends one found half-sent, after the accountant checked.
func (b *Billing) Send(id int64, again bool) (*practice.Invoice, error) {
	return b.svc.Send(b.app.ctx, id, again)
}

// Void voids an approved or sent invoice; its work is unbilled again.
func (b *Billing) Void(id int64, reason string) error {
	return b.update(func(tx *sqlite.Tx) error { return tx.VoidInvoice(b.app.ctx, id, reason) })
}

// Settings returns the billing settings and the invoice numbering.
func (b *Billing) Settings() (BillingSettings, error) {
	var s BillingSettings
	err := b.view(func(tx *sqlite.Tx) error {
		var err error
		if s.Settings, err = billing.LoadSettings(b.app.ctx, tx); err != nil {
			return err
		}
		s.Numbering, err = tx.InvoiceNumbering(b.app.ctx)
		return err
	})
	if err == nil {
		if pw, _ := b.mail.Get(b.app.ctx); pw != "" {
			s.MailPasswordSaved = true
		}
	}
	return s, err
}

// BillingSettings is the Billing settings form. MailPassword is write
// only: a new password for the mail server, kept in the OS keychain (never
// in the database); empty keeps the one saved. MailPasswordSaved says
// whether one is saved.
type BillingSettings struct {
	billing.Settings
	Numbering         practice.InvoiceNumbering `json:"numbering"`
	MailPassword      string                    `json:"mailPassword,omitempty"`
	MailPasswordSaved bool                      `json:"mailPasswordSaved"`
}

// SaveSettings stores the billing settings and the numbering together.
func (b *Billing) SaveSettings(s BillingSettings) (BillingSettings, error) {
	if s.MailPassword != "" {
		if err := b.mail.Set(b.app.ctx, s.MailPassword); err != nil {
			return s, err
		}
		s.MailPassword = ""
	}
	err := b.update(func(tx *sqlite.Tx) error {
		if err := billing.SaveSettings(b.app.ctx, tx, s.Settings); err != nil {
			return err
		}
		cur, err := tx.InvoiceNumbering(b.app.ctx)
		if err != nil || cur == s.Numbering {
			return err
		}
		return tx.SetInvoiceNumbering(b.app.ctx, s.Numbering)
	})
	if err != nil {
		return s, err
	}
	return b.Settings()
}

// StartRun drafts a billing run through a cut-off date for the chosen
// clients (every client with unbilled work when none are chosen).
func (b *Billing) StartRun(through string, clients []int64) (*practice.BillingRun, error) {
	return b.svc.DraftRun(b.app.ctx, through, clients)
}

// Run returns a billing run with its invoices.
func (b *Billing) Run(id int64) (*practice.BillingRun, error) { return b.svc.Run(b.app.ctx, id) }

// ApproveRun approves every draft of a run.
func (b *Billing) ApproveRun(id int64) (*practice.BillingRun, error) {
	return b.svc.ApproveRun(b.app.ctx, id)
}

// SendRun sends a run's approved invoices in the background (progress as
// EventBillingProgress, the end as EventBillingFinished); StopRun stops
// it, and SendRun again resumes it without sending any invoice twice.
func (b *Billing) SendRun(id int64) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cancel != nil {
		return practice.Errorf(practice.ECONFLICT, "A billing run is being sent already.")
	}
	ctx, cancel := context.WithCancel(b.app.ctx)
	b.cancel = cancel
	go func() {
		run, problems, err := b.svc.SendRun(ctx, id)
		b.mu.Lock()
		b.cancel = nil
		b.mu.Unlock()
		cancel()
		fin := BillingFinished{Run: run, Problems: []string{}}
		for _, p := range problems {
			fin.Problems = append(fin.Problems, practice.ErrorMessage(p))
		}
		if err != nil && !errors.Is(err, context.Canceled) {
			fin.Error = &ErrorInfo{Code: practice.ErrorCode(err), Message: practice.ErrorMessage(err)}
		}
		b.app.events.Emit(EventBillingFinished, fin)
	}()
	return nil
}

// StopRun stops the sending under way; the invoices sent so far stay sent.
func (b *Billing) StopRun() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.cancel != nil {
		b.cancel()
	}
}

// Statuses lists the invoice statuses, for the list's filter.
func (b *Billing) Statuses() []practice.InvoiceStatus { return slices.Clone(practice.InvoiceStatuses) }
