package mailer

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"fmt"
	"mime"
	"net"
	"net/mail"
	"path/filepath"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// DefaultTimeout bounds connecting and each exchange with the server.
const DefaultTimeout = 30 * time.Second

// Attachment is a file sent with a message.
type Attachment struct {
	Name        string // the file name the client sees, e.g. "INV-0042.pdf"
	ContentType string // e.g. "application/pdf"; guessed from Name when empty
	Data        []byte
}

// Message is one e-mail.
type Message struct {
	To          []string // addresses, each "dana@example.com" or "Dana Lee <dana@example.com>"
	Subject     string
	Text        string // the plain-text body
	HTML        string // optional: an HTML version of the same body
	Attachments []Attachment
	ReplyTo     string // optional: where replies go, if not to Settings.From
	// ID is the Message-ID (without angle brackets). When empty a random
	// one is made at the sender's domain; set it to find the message in
	// the firm's sent mail later.
	ID string
}

// Sender sends messages through one mail server. It holds no connection:
// each Send connects, sends one message and says goodbye, so a Sender may
// be used by several goroutines at once.
type Sender struct {
	// Timeout bounds connecting and each exchange with the server;
	// DefaultTimeout when zero.
	Timeout time.Duration
	// Now gives the message's Date; time.Now when nil.
	Now func() time.Time

	settings Settings
	from     *mail.Address
	tls      *tls.Config
}

// New checks the settings (see Settings.Validate) and returns a Sender for
// them.
func New(s Settings) (*Sender, error) {
	if err := s.Validate(); err != nil {
		return nil, err
	}
	s.Host = strings.TrimSpace(s.Host)
	from, _ := mail.ParseAddress(s.From) // Validate parsed it
	return &Sender{Timeout: DefaultTimeout, settings: s, from: from, tls: s.tlsConfig()}, nil
}

// String describes the Sender without the password.
func (s *Sender) String() string { return "mailer.Sender{" + s.settings.String() + "}" }

// GoString is String, so that %#v does not print the password either.
func (s *Sender) GoString() string { return s.String() }

// Send delivers m. It sends nothing when the server refuses any recipient:
// a client gets an invoice once, to every address or to none. Every error
// is an *Error.
func (s *Sender) Send(ctx context.Context, m Message) error {
	msg, rcpts, err := s.build(m)
	if err != nil {
		return err
	}
	// The SMTP client watches the context only while dialling, and holds
	// a lock while it waits for a reply: closing the connection itself is
	// what stops it, from the moment it is open.
	var stop func() bool
	defer func() {
		if stop != nil {
			stop()
		}
	}()
	onConnect := func(conn net.Conn) {
		stop = context.AfterFunc(ctx, func() { _ = conn.Close() })
	}
	client, err := gomail.NewClient(s.settings.Host, s.options(onConnect)...)
	if err != nil {
		return &Error{Code: CodeFailed, Message: "The mail settings could not be applied.", cause: err}
	}
	sc, err := client.DialToSMTPClientWithContext(ctx)
	if err != nil {
		if stop == nil { // no connection was opened
			return s.describe(ctx, stageConnect, err)
		}
		return s.describe(ctx, stageSession, err)
	}
	defer sc.Close()

	// Each stage gets the whole Timeout, as the sign-in had: a slow link
	// may need it for the attachment.
	_ = sc.UpdateDeadline(s.timeout())
	if err := sc.Mail(s.from.Address); err != nil {
		return s.describe(ctx, stageSender, err)
	}
	var refused []string
	var firstErr error
	for _, r := range rcpts {
		if err := sc.Rcpt(r); err != nil {
			if !isReply(err) {
				return s.describe(ctx, stageRecipient, err)
			}
			refused = append(refused, r)
			if firstErr == nil {
				firstErr = err
			}
		}
	}
	if len(refused) > 0 {
		_ = sc.Reset()
		return s.refused(refused, firstErr)
	}
	_ = sc.UpdateDeadline(s.timeout())
	w, err := sc.Data()
	if err != nil {
		return s.describe(ctx, stageData, err)
	}
	if _, err := msg.WriteTo(w); err != nil {
		return s.describe(ctx, stageData, err)
	}
	if err := w.Close(); err != nil { // the end of the message, and the server's verdict
		return s.describe(ctx, stageConfirm, err)
	}
	_ = sc.Quit() // delivered: a failed goodbye changes nothing
	return nil
}

// timeout is Timeout, or DefaultTimeout when that is not set.
func (s *Sender) timeout() time.Duration {
	if s.Timeout <= 0 {
		return DefaultTimeout
	}
	return s.Timeout
}

// options configure go-mail for the settings. onConnect is called with
// the TCP connection once it is open, so that a failure before it reads
// "could not reach" and one after it does not.
func (s *Sender) options(onConnect func(net.Conn)) []gomail.Option {
	security := s.settings.security()
	dial := func(ctx context.Context, network, address string) (net.Conn, error) {
		var d net.Dialer
		conn, err := d.DialContext(ctx, network, address)
		if err != nil {
			return nil, err
		}
		onConnect(conn)
		if security != SecurityTLS {
			return conn, nil
		}
		tc := tls.Client(conn, s.tls)
		if err := tc.HandshakeContext(ctx); err != nil {
			_ = conn.Close()
			return nil, &tlsHandshakeError{err}
		}
		return tc, nil
	}
	opts := []gomail.Option{
		gomail.WithPort(s.settings.Port),
		gomail.WithTimeout(s.timeout()),
		gomail.WithDialContextFunc(dial),
		gomail.WithTLSConfig(s.tls),
	}
	if security == SecuritySTARTTLS {
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	} else { // SecurityTLS: the dial did it; SecurityNone: none at all
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	}
	if s.settings.Username != "" {
		// PLAIN or LOGIN, which every server offers; go-mail refuses to
		// send either over an unencrypted connection to another machine.
		opts = append(opts,
			gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthPlain, gomail.SMTPAuthLogin),
			gomail.WithUsername(s.settings.Username),
			gomail.WithPassword(s.settings.Password))
	}
	return opts
}

// build checks m and turns it into a go-mail message and the bare
// recipient addresses.
func (s *Sender) build(m Message) (*gomail.Msg, []string, error) {
	fields := map[string]string{}
	var rcpts []string
	for _, to := range m.To {
		a, err := mail.ParseAddress(to)
		if err != nil {
			fields["to"] = fmt.Sprintf("%q is not an e-mail address.", to)
			break
		}
		rcpts = append(rcpts, a.Address)
	}
	if len(m.To) == 0 {
		fields["to"] = "Enter at least one recipient."
	}
	if m.ReplyTo != "" {
		if _, err := mail.ParseAddress(m.ReplyTo); err != nil {
			fields["replyTo"] = fmt.Sprintf("%q is not an e-mail address.", m.ReplyTo)
		}
	}
	for _, a := range m.Attachments {
		if strings.TrimSpace(a.Name) == "" {
			fields["attachments"] = "Every attachment needs a file name."
		}
	}
	if len(fields) > 0 {
		return nil, nil, &Error{Code: CodeInvalid, Message: "The message cannot be sent. Check the highlighted fields.", Fields: fields}
	}

	msg := gomail.NewMsg()
	name := s.settings.FromName
	if name == "" {
		name = s.from.Name
	}
	if err := msg.FromFormat(name, s.from.Address); err != nil {
		return nil, nil, &Error{Code: CodeInvalid, Message: "The sender address cannot be used.", Fields: map[string]string{"from": err.Error()}, cause: err}
	}
	if err := msg.To(m.To...); err != nil {
		return nil, nil, &Error{Code: CodeInvalid, Message: "A recipient address cannot be used.", Fields: map[string]string{"to": err.Error()}, cause: err}
	}
	if m.ReplyTo != "" {
		if err := msg.ReplyTo(m.ReplyTo); err != nil {
			return nil, nil, &Error{Code: CodeInvalid, Message: "The reply-to address cannot be used.", Fields: map[string]string{"replyTo": err.Error()}, cause: err}
		}
	}
	msg.Subject(strings.NewReplacer("\r", " ", "\n", " ").Replace(m.Subject))
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	msg.SetDateWithValue(now())
	msg.SetMessageIDWithValue(s.messageID(m.ID))
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	for _, a := range m.Attachments {
		ct := a.ContentType
		if ct == "" {
			ct = mime.TypeByExtension(filepath.Ext(a.Name))
		}
		if ct == "" {
			ct = "application/octet-stream"
		}
		msg.AttachReadSeeker(a.Name, bytes.NewReader(a.Data), gomail.WithFileContentType(gomail.ContentType(ct)))
	}
	return msg, rcpts, nil
}

// messageID is id without angle brackets, or a random id at the sender's
// domain (not this computer's name, which is nobody's business).
func (s *Sender) messageID(id string) string {
	if id = strings.Trim(strings.TrimSpace(id), "<>"); id != "" {
		return id
	}
	b := make([]byte, 16)
	_, _ = rand.Read(b) // never fails (crypto/rand)
	domain := s.from.Address[strings.LastIndexByte(s.from.Address, '@')+1:]
	return hex.EncodeToString(b) + "@" + domain
}

// refused is the error for recipients the server would not take.
func (s *Sender) refused(addrs []string, first error) *Error {
	what := "the recipient " + addrs[0]
	if len(addrs) > 1 {
		what = "the recipients " + strings.Join(addrs, ", ")
	}
	e := &Error{Code: CodeRecipient, Recipients: addrs, cause: first,
		Message: "The mail server refused " + what + "." + s.serverSaid(first) + " Nothing was sent."}
	e.Temporary = isTemporary(first)
	return e
}
