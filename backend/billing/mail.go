package billing

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"

	"ledgerlink/backend/invoicepdf"
	"ledgerlink/backend/mailer"
	"ledgerlink/backend/practice"
)

// Email delivers invoices by e-mail through the firm's mail server, to
// the client's email addresses, the PDF attached.
type Email struct {
	Sender   *mailer.Sender
	Settings Settings
}

// NewEmail returns the e-mail delivery of the settings, signing in with
// password (from the OS keychain).
func NewEmail(s Settings, password string) (*Email, error) {
	m := s.Mail
	sender, err := mailer.New(mailer.Settings{Host: m.Host, Port: m.Port, Username: m.Username, Password: password,
		From: m.From, FromName: cmp.Or(m.FromName, s.Firm.Name), Security: m.Security, ExtraRootsPEM: []byte(m.Certificate)})
	if err != nil {
		return nil, mailError(err)
	}
	return &Email{Sender: sender, Settings: s}, nil
}

// Deliver e-mails the invoice to the client.
func (m *Email) Deliver(ctx context.Context, inv *practice.Invoice, client *practice.Contact, pdf []byte) (string, error) {
	to := client.Emails()
	if len(to) == 0 {
		return "", practice.Errorf(practice.EINVALID, "%s has no email address: add one to the contact, then send again.", client.Name)
	}
	firm := cmp.Or(m.Settings.Firm.Name, "us")
	text := fmt.Sprintf("Dear %s,\n\nPlease find attached invoice %s for %s, due on %s.\n\nThank you,\n%s\n",
		client.Name, inv.Number, invoicepdf.FormatMoney(inv.Total, m.Settings.Currency), inv.DueDate, firm)
	err := m.Sender.Send(ctx, mailer.Message{To: to, Subject: fmt.Sprintf("Invoice %s from %s", inv.Number, firm), Text: text,
		ReplyTo:     m.Settings.Firm.Email,
		Attachments: []mailer.Attachment{{Name: fileName(inv.Number) + ".pdf", ContentType: "application/pdf", Data: pdf}}})
	if err != nil {
		return "", mailError(err)
	}
	return "E-mailed to " + strings.Join(to, ", "), nil
}

// errMaybeDelivered marks a mail that may have gone out although the
// server did not confirm it: the invoice is not sent again by itself.
var errMaybeDelivered = errors.New("the mail may have been delivered")

// mailError turns the mail server's refusal into the accountant's words.
func mailError(err error) error {
	var me *mailer.Error
	if !errors.As(err, &me) {
		return err
	}
	if me.MaybeDelivered {
		return fmt.Errorf("%w: %w", errMaybeDelivered, &practice.Error{Code: ErrMaybeSent, Message: me.Message})
	}
	code := practice.EUNAVAILABLE
	if me.Code == mailer.CodeInvalid || me.Code == mailer.CodeRecipient || me.Code == mailer.CodeSender {
		code = practice.EINVALID
	}
	return &practice.Error{Code: code, Message: me.Message, Fields: me.Fields}
}
