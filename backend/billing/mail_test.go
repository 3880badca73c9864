package billing_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"ledgerlink/backend/billing"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
	"ledgerlink/internal/testkit"
)

// mailPassword stands for the mail server's password, which the app reads
// from the OS keychain (app/billing.go); these tests are about the mail,
// not the keychain, so it is a constant here.
const mailPassword = "mail-s3cret-Pa55"

// mailServer starts a real SMTP server for the firm's mail (plain text on
// loopback, with a sign-in) changed by opts, and stores its address in the
// billing settings.
func (f *firm) mailServer(opts ...testkit.SMTPOption) *testkit.SMTP {
	f.t.Helper()
	ts := testkit.StartSMTP(f.t, append([]testkit.SMTPOption{testkit.SMTPSignIn("billing", mailPassword), testkit.SMTPAllowPlainSignIn()}, opts...)...)
	f.update(func(ctx context.Context, tx *sqlite.Tx) error {
		set, err := billing.LoadSettings(ctx, tx)
		if err != nil {
			return err
		}
		set.Firm.Email = "accounts@kauri.example"
		set.Mail = billing.Mail{Host: ts.Host, Port: ts.Port, Username: "billing", From: "billing@kauri.example", Security: "none"}
		return billing.SaveSettings(ctx, tx, set)
	})
	return ts
}

// emailed makes the firm send by e-mail through ts (the Email delivery
// built from the stored settings, as the app builds it).
func (f *firm) emailed(opts ...testkit.SMTPOption) *testkit.SMTP {
	f.t.Helper()
	ts := f.mailServer(opts...)
	var set billing.Settings
	if err := f.db.View(f.ctx, func(tx *sqlite.Tx) error {
		var err error
		set, err = billing.LoadSettings(f.ctx, tx)
		return err
	}); err != nil {
		f.t.Fatal(err)
	}
	email, err := billing.NewEmail(set, mailPassword)
	if err != nil {
		f.t.Fatal(err)
	}
	f.svc.Deliver = email
	return ts
}

// approvedInvoices drafts and approves an invoice for each client through
// the end of November, and returns their ids in the clients' order.
func (f *firm) approvedInvoices() []int64 {
	f.t.Helper()
	run, err := f.svc.DraftRun(f.ctx, "2026-11-30", nil)
	if err != nil {
		f.t.Fatal(err)
	}
	if run, err = f.svc.ApproveRun(f.ctx, run.ID); err != nil {
		f.t.Fatal(err)
	}
	var ids []int64
	for _, inv := range run.Invoices {
		ids = append(ids, inv.ID)
	}
	return ids
}

func (f *firm) update(fn func(ctx context.Context, tx *sqlite.Tx) error) {
	f.t.Helper()
	if err := f.db.Update(f.ctx, func(tx *sqlite.Tx) error { return fn(f.ctx, tx) }); err != nil {
		f.t.Fatal(err)
	}
}

// setEmail changes client i's email addresses.
func (f *firm) setEmail(i int, email string) {
	f.t.Helper()
	c := f.clients[i]
	c.Email = email
	f.update(func(ctx context.Context, tx *sqlite.Tx) error { return tx.UpdateContact(ctx, c) })
}

// sendState is how far the sending of invoice id got: "", "sending" or
// "sent".
func (f *firm) sendState(id int64) string {
	f.t.Helper()
	var s string
	if err := f.db.View(f.ctx, func(tx *sqlite.Tx) error {
		var err error
		s, err = tx.SendState(f.ctx, id)
		return err
	}); err != nil {
		f.t.Fatal(err)
	}
	return s
}

// mustInvoice reads invoice id.
func (f *firm) mustInvoice(id int64) *practice.Invoice {
	f.t.Helper()
	inv, err := f.invoice(id)
	if err != nil {
		f.t.Fatal(err)
	}
	return inv
}

// lastActivity is the newest line of an invoice's activity log.
func lastActivity(inv *practice.Invoice) practice.InvoiceEvent {
	if len(inv.Activity) == 0 {
		return practice.InvoiceEvent{}
	}
	return inv.Activity[len(inv.Activity)-1]
}

// plainError fails the test unless err is an *Error of the code whose
// message (the accountant's words) holds each of want.
func plainError(t *testing.T, err error, code string, want ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error, want %s", code)
	}
	if got := practice.ErrorCode(err); got != code {
		t.Fatalf("error %v has code %q, want %q", err, got, code)
	}
	msg := practice.ErrorMessage(err)
	for _, w := range want {
		if !strings.Contains(msg, w) {
			t.Errorf("message %q does not say %q", msg, w)
		}
	}
	t.Logf("%s: %s", code, msg)
}

func TestEmail_ApprovedInvoice_ArrivesWithItsPDFAndAwaitsPayment(t *testing.T) {
	f := newFirm(t, 1)
	f.setEmail(0, "c1@example.com, accounts@client001.example")
	ts := f.emailed()
	id := f.approvedInvoices()[0]

	sent, err := f.svc.Send(f.ctx, id, false)
	if err != nil {
		t.Fatal(err)
	}
	got := ts.Messages()
	if len(got) != 1 {
		t.Fatalf("the server took %d messages, want 1", len(got))
	}
	rcv := got[0]
	if want := []string{"c1@example.com", "accounts@client001.example"}; !slices.Equal(rcv.To, want) || rcv.From != "billing@kauri.example" {
		t.Errorf("envelope from %q to %q, want to %q", rcv.From, rcv.To, want)
	}
	m := rcv.Parse(t)
	if want := "Invoice INV-0001 from Kauri & Co Accountants"; m.Subject != want {
		t.Errorf("subject %q, want %q", m.Subject, want)
	}
	var to []string
	for _, a := range m.Addresses(t, "To") {
		to = append(to, a.Address)
	}
	if !slices.Equal(to, rcv.To) {
		t.Errorf("To: %q, want the client's addresses", to)
	}
	from, replyTo := m.Addresses(t, "From"), m.Addresses(t, "Reply-To")
	if len(from) != 1 || from[0].Name != "Kauri & Co Accountants" || len(replyTo) != 1 || replyTo[0].Address != "accounts@kauri.example" {
		t.Errorf("From %v, Reply-To %v: want the firm", from, replyTo)
	}
	// 1.5 h and 2 h at 150.00, GST 5 % on each line: 525.00 + 26.25.
	for _, want := range []string{"Client 001", "invoice INV-0001", "NZD 551.25", "2026-12-14"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("the text does not say %q:\n%s", want, m.Text)
		}
	}
	pdf := m.Attachment("INV-0001.pdf")
	if len(m.Attachments) != 1 || pdf == nil {
		t.Fatalf("attachments %+v, want INV-0001.pdf alone", m.Attachments)
	}
	if pdf.ContentType != "application/pdf" || !bytes.HasPrefix(pdf.Data, []byte("%PDF-")) {
		t.Errorf("attachment of type %q starting %q, want a PDF", pdf.ContentType, pdf.Data[:min(8, len(pdf.Data))])
	}

	if sent.Status != practice.InvoiceSent || sent.Number != "INV-0001" || sent.Total != 55125 {
		t.Errorf("invoice %s %s total %d, want INV-0001 sent, 55125", sent.Number, sent.Status, sent.Total)
	}
	if last := lastActivity(sent); last.Action != "sent" || last.Detail != "E-mailed to c1@example.com, accounts@client001.example" {
		t.Errorf("last activity %+v, want the e-mailing with the addresses", last)
	}
	if _, err := f.svc.Send(f.ctx, id, false); practice.ErrorCode(err) != practice.ECONFLICT || len(ts.Messages()) != 1 {
		t.Errorf("sending it again: %v, %d messages; want it refused and nothing sent", err, len(ts.Messages()))
	}
}

func TestEmail_ClientWithoutEmail_PlainErrorThenSendableOnceOneIsAdded(t *testing.T) {
	f := newFirm(t, 1)
	f.setEmail(0, "")
	ts := f.emailed()
	id := f.approvedInvoices()[0]

	_, err := f.svc.Send(f.ctx, id, false)
	plainError(t, err, practice.EINVALID, "Client 001 has no email address")
	inv := f.mustInvoice(id)
	if inv.Status != practice.InvoiceApproved || f.sendState(id) != "" || len(ts.Messages()) != 0 {
		t.Fatalf("after the refusal: %s, send state %q, %d messages; want approved, nothing sent", inv.Status, f.sendState(id), len(ts.Messages()))
	}
	if last := lastActivity(inv); last.Action != "send failed" || !strings.Contains(last.Detail, "no email address") {
		t.Errorf("last activity %+v, want the failure in the log", last)
	}

	f.setEmail(0, "c1@example.com")
	sent, err := f.svc.Send(f.ctx, id, false)
	if err != nil {
		t.Fatalf("sending once the client has an address: %v", err)
	}
	if got := ts.Messages(); sent.Status != practice.InvoiceSent || len(got) != 1 || !slices.Equal(got[0].To, []string{"c1@example.com"}) {
		t.Errorf("%s, %d messages; want it sent to c1@example.com", sent.Status, len(got))
	}
}

func TestEmail_RecipientRefused_PlainErrorNotSentAndSendableAgain(t *testing.T) {
	f := newFirm(t, 1)
	ts := f.emailed(testkit.SMTPRefuse("c1@example.com"))
	id := f.approvedInvoices()[0]

	_, err := f.svc.Send(f.ctx, id, false)
	plainError(t, err, practice.EINVALID, "refused the recipient c1@example.com", "Nothing was sent")
	if inv := f.mustInvoice(id); inv.Status != practice.InvoiceApproved || f.sendState(id) != "" || len(ts.Messages()) != 0 {
		t.Fatalf("after the refusal: %s, send state %q, %d messages; want approved, nothing sent", inv.Status, f.sendState(id), len(ts.Messages()))
	}

	// The accountant corrects the address and sends again.
	f.setEmail(0, "client001@example.com")
	if _, err := f.svc.Send(f.ctx, id, false); err != nil {
		t.Fatalf("sending again: %v", err)
	}
	if got := ts.Messages(); len(got) != 1 || !slices.Equal(got[0].To, []string{"client001@example.com"}) {
		t.Errorf("%d messages, want one to the corrected address", len(got))
	}
}

// The server takes the whole message and the connection breaks before it
// confirms: the client may have the invoice. It stays "sending", a resumed
// billing run leaves it alone, and only the accountant sends it again.
func TestEmail_ConnectionLostBeforeConfirmation_LeftSendingAndNotResentByARun(t *testing.T) {
	f := newFirm(t, 2)
	ts := f.emailed(testkit.SMTPDropConfirmations(1))
	ids := f.approvedInvoices()
	first := ids[0]

	_, err := f.svc.Send(f.ctx, first, false)
	plainError(t, err, billing.ErrMaybeSent, "may have been delivered")
	inv := f.mustInvoice(first)
	if inv.Status != practice.InvoiceApproved || f.sendState(first) != "sending" {
		t.Fatalf("after the lost confirmation: %s, send state %q; want approved and still sending", inv.Status, f.sendState(first))
	}
	if last := lastActivity(inv); last.Action != "send uncertain" {
		t.Errorf("last activity %+v, want the uncertain send in the log", last)
	}
	if n := len(ts.Messages()); n != 1 {
		t.Fatalf("the server holds %d messages, want the one it did not confirm", n)
	}

	run, problems, err := f.svc.SendRun(f.ctx, inv.RunID)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 1 || practice.ErrorCode(problems[0]) != billing.ErrMaybeSent {
		t.Fatalf("problems %v, want the uncertain invoice named", problems)
	}
	if got := ts.Messages(); len(got) != 2 || !slices.Equal(got[1].To, []string{"c2@example.com"}) {
		t.Fatalf("%d messages after the run, want the other client's alone added", len(got))
	}
	if run.Status != practice.BillingRunStopped || f.sendState(first) != "sending" {
		t.Errorf("run %s, invoice send state %q; want the run stopped on it, the invoice left sending", run.Status, f.sendState(first))
	}

	// The accountant checked: it did not arrive. Sent on purpose, it goes.
	sent, err := f.svc.Send(f.ctx, first, true)
	if err != nil {
		t.Fatalf("sending on purpose: %v", err)
	}
	got := ts.Messages()
	if sent.Status != practice.InvoiceSent || f.sendState(first) != "sent" || len(got) != 3 || !slices.Equal(got[2].To, []string{"c1@example.com"}) {
		t.Errorf("%s, send state %q, %d messages; want it sent once more to c1@example.com", sent.Status, f.sendState(first), len(got))
	}
}

// Configured delivers as the settings say when the invoice goes: saved in
// the folder while no mail server is set, e-mailed (through the Mailer,
// built as the app builds it) once one is.
func TestConfigured_NoMailHostSavesInTheFolder_MailHostSetEMails(t *testing.T) {
	f := newFirm(t, 2)
	f.update(func(ctx context.Context, tx *sqlite.Tx) error {
		set, err := billing.LoadSettings(ctx, tx)
		if err != nil {
			return err
		}
		set.SaveFolder = f.dir
		return billing.SaveSettings(ctx, tx, set)
	})
	built := 0
	f.svc.Deliver = billing.Configured{DB: f.db, Mailer: func(_ context.Context, s billing.Settings) (billing.Delivery, error) {
		built++
		return billing.NewEmail(s, mailPassword)
	}}
	ids := f.approvedInvoices()

	saved, err := f.svc.Send(f.ctx, ids[0], false)
	if err != nil {
		t.Fatal(err)
	}
	if last := lastActivity(saved); !strings.HasPrefix(last.Detail, "Saved as ") || !slices.Equal(f.files(), []string{saved.Number + ".pdf"}) || built != 0 {
		t.Fatalf("without a mail server: %+v, files %v, mailer built %d times; want %s.pdf saved", last, f.files(), built, saved.Number)
	}

	ts := f.mailServer()
	mailed, err := f.svc.Send(f.ctx, ids[1], false)
	if err != nil {
		t.Fatal(err)
	}
	if last := lastActivity(mailed); last.Detail != "E-mailed to c2@example.com" || len(ts.Messages()) != 1 || len(f.files()) != 1 || built != 1 {
		t.Errorf("with a mail server: %+v, %d messages, files %v; want it e-mailed, not saved", last, len(ts.Messages()), f.files())
	}
	if pdf := ts.Messages()[0].Parse(t).Attachment(mailed.Number + ".pdf"); pdf == nil {
		t.Errorf("the mail lacks %s.pdf", mailed.Number)
	}
}

// Where no Mailer is given (the command line), a mail server in the
// settings is a plain error, and nothing is saved instead.
func TestConfigured_MailHostSetWithoutMailer_PlainErrorNotSent(t *testing.T) {
	f := newFirm(t, 1)
	ts := f.mailServer()
	f.svc.Deliver = billing.Configured{DB: f.db}
	id := f.approvedInvoices()[0]
	_, err := f.svc.Send(f.ctx, id, false)
	plainError(t, err, practice.EUNAVAILABLE, "E-mail cannot be sent from here")
	if f.sendState(id) != "" || len(ts.Messages()) != 0 || len(f.files()) != 0 {
		t.Errorf("send state %q, %d messages, files %v; want nothing sent", f.sendState(id), len(ts.Messages()), f.files())
	}
}

// A firm's mail server with its own certificate (not signed by a public
// authority): refused until its certificate is in the mail settings, then
// trusted, over STARTTLS.
func TestEmail_ServerWithItsOwnCertificate_TrustedOnceItIsInTheSettings(t *testing.T) {
	f := newFirm(t, 1)
	ts := testkit.StartSMTP(t, testkit.SMTPStartTLS(), testkit.SMTPSignIn("billing", mailPassword))
	id := f.approvedInvoices()[0]
	send := func(cert string) error {
		var set billing.Settings
		f.update(func(ctx context.Context, tx *sqlite.Tx) error {
			var err error
			if set, err = billing.LoadSettings(ctx, tx); err != nil {
				return err
			}
			set.Mail = billing.Mail{Host: ts.Host, Port: ts.Port, Username: "billing", From: "billing@kauri.example",
				Security: "starttls", Certificate: cert}
			return billing.SaveSettings(ctx, tx, set)
		})
		email, err := billing.NewEmail(set, mailPassword)
		if err != nil {
			return err
		}
		f.svc.Deliver = email
		_, err = f.svc.Send(f.ctx, id, false)
		return err
	}
	if err := send(""); err == nil || len(ts.Messages()) != 0 {
		t.Fatalf("a server with an untrusted certificate: %v, %d messages; want it refused", err, len(ts.Messages()))
	}
	if err := send(string(ts.CertPEM)); err != nil {
		t.Fatalf("with its certificate in the settings: %v", err)
	}
	if got := ts.Messages(); len(got) != 1 || !got[0].TLS {
		t.Errorf("messages %+v, want one, over TLS", got)
	}
	err := f.db.Update(f.ctx, func(tx *sqlite.Tx) error {
		set, err := billing.LoadSettings(f.ctx, tx)
		if err != nil {
			return err
		}
		set.Mail.Certificate = "not a certificate"
		return billing.SaveSettings(f.ctx, tx, set)
	})
	if practice.ErrorFields(err)["mail.certificate"] == "" {
		t.Errorf("saving text that holds no certificate: %v, want it refused beside the field", err)
	}
}
