package mailer

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"ledgerlink/internal/testkit"
)

const secret = "s3cret-Pa55word!"

// pdfBytes stands for an invoice's PDF: every byte value, so that any
// damage in transit shows.
func pdfBytes() []byte {
	b := []byte("%PDF-1.3\n")
	for i := range 3000 {
		b = append(b, byte(i*7))
	}
	return append(b, "\n%%EOF\n"...)
}

func invoiceMessage() Message {
	return Message{
		To:      []string{"Dana O'Neil <dana@harbour.example>"},
		Subject: "Invoice INV-0042 from Maple & Finch — due 15 Mar",
		Text:    "Dear Dana,\n\nPlease find invoice INV-0042 attached.\n\nMaple & Finch CPA\n",
		ReplyTo: "accounts@maplefinch.example",
		Attachments: []Attachment{
			{Name: "INV-0042.pdf", ContentType: "application/pdf", Data: pdfBytes()},
		},
	}
}

func settingsFor(ts *testkit.SMTP, security string) Settings {
	return Settings{Host: ts.Host, Port: ts.Port, Security: security,
		From: "billing@maplefinch.example", FromName: "Maple & Finch CPA"}
}

func mustSender(t *testing.T, s Settings) *Sender {
	t.Helper()
	snd, err := New(s)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	snd.Timeout = 5 * time.Second
	snd.Now = func() time.Time { return time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC) }
	return snd
}

func TestSend_STARTTLSWithSignIn_DeliversTextAndPDF(t *testing.T) {
	ts := testkit.StartSMTP(t, testkit.SMTPSignIn("billing", secret), testkit.SMTPStartTLS())
	s := settingsFor(ts, "") // STARTTLS is the default
	s.Username, s.Password, s.ExtraRootsPEM = "billing", secret, ts.CertPEM
	m := invoiceMessage()
	m.HTML = "<p>Dear Dana,</p><p>Please find invoice <b>INV-0042</b> attached.</p>"

	if err := mustSender(t, s).Send(context.Background(), m); err != nil {
		t.Fatalf("Send: %v", err)
	}
	got := ts.Messages()
	if len(got) != 1 {
		t.Fatalf("server received %d messages, want 1", len(got))
	}
	rcv := got[0]
	if !rcv.TLS {
		t.Error("the message went over an unencrypted connection")
	}
	if rcv.From != "billing@maplefinch.example" || len(rcv.To) != 1 || rcv.To[0] != "dana@harbour.example" {
		t.Errorf("envelope from %q to %q", rcv.From, rcv.To)
	}
	msg := rcv.Parse(t)
	if msg.Subject != m.Subject {
		t.Errorf("Subject = %q, want %q", msg.Subject, m.Subject)
	}
	from, to, replyTo := msg.Addresses(t, "From"), msg.Addresses(t, "To"), msg.Addresses(t, "Reply-To")
	if len(from) != 1 || from[0].Name != "Maple & Finch CPA" || from[0].Address != "billing@maplefinch.example" {
		t.Errorf("From = %v", from)
	}
	if len(to) != 1 || to[0].Name != "Dana O'Neil" || to[0].Address != "dana@harbour.example" {
		t.Errorf("To = %v", to)
	}
	if len(replyTo) != 1 || replyTo[0].Address != "accounts@maplefinch.example" {
		t.Errorf("Reply-To = %v", replyTo)
	}
	if id := msg.Header.Get("Message-Id"); !strings.HasPrefix(id, "<") || !strings.HasSuffix(id, "@maplefinch.example>") {
		t.Errorf("Message-ID = %q, want one at the sender's domain", id)
	}
	if date, err := msg.Header.Date(); err != nil || !date.Equal(time.Date(2026, 3, 1, 9, 30, 0, 0, time.UTC)) {
		t.Errorf("Date = %v (%v)", date, err)
	}
	if msg.Text != m.Text {
		t.Errorf("text body = %q", msg.Text)
	}
	if !strings.Contains(msg.HTML, "<b>INV-0042</b>") {
		t.Errorf("HTML body = %q", msg.HTML)
	}
	if len(msg.Attachments) != 1 {
		t.Fatalf("%d attachments, want the PDF alone", len(msg.Attachments))
	}
	pdf := msg.Attachments[0]
	if pdf.Name != "INV-0042.pdf" || pdf.ContentType != "application/pdf" {
		t.Errorf("attachment %q of type %q", pdf.Name, pdf.ContentType)
	}
	if !bytes.Equal(pdf.Data, pdfBytes()) {
		t.Errorf("attachment differs: %d bytes received, %d sent", len(pdf.Data), len(pdfBytes()))
	}
}

func TestSend_ImplicitTLS_Delivers(t *testing.T) {
	ts := testkit.StartSMTP(t, testkit.SMTPSignIn("billing", secret), testkit.SMTPImplicitTLS())
	s := settingsFor(ts, SecurityTLS)
	s.Username, s.Password, s.ExtraRootsPEM = "billing", secret, ts.CertPEM
	if err := mustSender(t, s).Send(context.Background(), invoiceMessage()); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if got := ts.Messages(); len(got) != 1 || !got[0].TLS {
		t.Fatalf("received %d messages over TLS, want 1", len(got))
	}
}

func TestSend_NoSecurityOnLoopback_DeliversWithAndWithoutSignIn(t *testing.T) {
	open := testkit.StartSMTP(t)
	if err := mustSender(t, settingsFor(open, SecurityNone)).Send(context.Background(), invoiceMessage()); err != nil {
		t.Fatalf("Send without sign-in: %v", err)
	}
	if n := len(open.Messages()); n != 1 {
		t.Errorf("open relay received %d messages", n)
	}

	// A password in the clear goes only to a server on this computer.
	guarded := testkit.StartSMTP(t, testkit.SMTPSignIn("billing", secret), testkit.SMTPAllowPlainSignIn())
	s := settingsFor(guarded, SecurityNone)
	s.Username, s.Password = "billing", secret
	if err := mustSender(t, s).Send(context.Background(), invoiceMessage()); err != nil {
		t.Fatalf("Send with sign-in: %v", err)
	}
	if n := len(guarded.Messages()); n != 1 {
		t.Errorf("server received %d messages", n)
	}
}

// noPassword fails the test if err shows the password anywhere: its text,
// its printed forms or any error it wraps.
func noPassword(t *testing.T, err error) {
	t.Helper()
	for _, s := range []string{err.Error(), fmt.Sprintf("%v %+v %#v %q", err, err, err, err)} {
		if strings.Contains(s, secret) {
			t.Errorf("error text holds the password: %s", s)
		}
	}
	for e := errors.Unwrap(err); e != nil; e = errors.Unwrap(e) {
		if strings.Contains(e.Error(), secret) {
			t.Errorf("a wrapped error holds the password: %s", e.Error())
		}
	}
}

// asError returns err as an *Error with the wanted code, or fails.
func asError(t *testing.T, err error, code string) *Error {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v (%T), want *Error", err, err)
	}
	if e.Code != code {
		t.Fatalf("code %q (%s), want %q", e.Code, e.Message, code)
	}
	t.Logf("%s: %s", e.Code, e.Message)
	return e
}

func TestSend_WrongPassword_SaysSoInPlainWordsWithoutThePassword(t *testing.T) {
	ts := testkit.StartSMTP(t, testkit.SMTPSignIn("billing", "the-right-one"), testkit.SMTPStartTLS())
	s := settingsFor(ts, SecuritySTARTTLS)
	s.Username, s.Password, s.ExtraRootsPEM = "billing", secret, ts.CertPEM
	err := mustSender(t, s).Send(context.Background(), invoiceMessage())
	e := asError(t, err, CodeSignIn)
	if !strings.HasPrefix(e.Message, "The mail server refused the sign-in (check the user name and password).") {
		t.Errorf("message = %q", e.Message)
	}
	if !strings.Contains(e.Message, "535") {
		t.Errorf("message does not quote the server: %q", e.Message)
	}
	noPassword(t, err)
	if n := len(ts.Messages()); n != 0 {
		t.Errorf("server received %d messages", n)
	}
}

func TestSend_NoSignInWhereOneIsRequired_SaysSo(t *testing.T) {
	ts := testkit.StartSMTP(t, testkit.SMTPSignIn("billing", secret), testkit.SMTPAllowPlainSignIn())
	err := mustSender(t, settingsFor(ts, SecurityNone)).Send(context.Background(), invoiceMessage())
	e := asError(t, err, CodeSignIn)
	if !strings.Contains(e.Message, "requires a sign-in") {
		t.Errorf("message = %q", e.Message)
	}
}

func TestSend_PasswordOverPlainConnectionToAnotherHost_NotSent(t *testing.T) {
	// 127.0.0.2 is this machine too, but not by a name go-mail takes for
	// local: to it, the server is another host.
	ts := testkit.StartSMTP(t, testkit.SMTPOnIP("127.0.0.2"), testkit.SMTPSignIn("billing", secret), testkit.SMTPAllowPlainSignIn())
	s := settingsFor(ts, SecurityNone)
	s.Username, s.Password = "billing", secret
	err := mustSender(t, s).Send(context.Background(), invoiceMessage())
	e := asError(t, err, CodeSecurity)
	if !strings.Contains(e.Message, "not encrypted, so the password was not sent") {
		t.Errorf("message = %q", e.Message)
	}
	noPassword(t, err)
	if n := ts.SignIns(); n != 0 {
		t.Errorf("the server saw %d sign-in attempts", n)
	}
}

func TestSend_UnreachablePort_SaysWhichServer(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().(*net.TCPAddr)
	_ = l.Close() // nothing listens there now
	s := Settings{Host: "127.0.0.1", Port: addr.Port, From: "billing@maplefinch.example", Username: "billing", Password: secret}
	err = mustSender(t, s).Send(context.Background(), invoiceMessage())
	e := asError(t, err, CodeUnreachable)
	want := fmt.Sprintf("Could not reach the mail server at 127.0.0.1:%d", addr.Port)
	if !strings.HasPrefix(e.Message, want) {
		t.Errorf("message = %q, want it to start %q", e.Message, want)
	}
	noPassword(t, err)
}

func TestSend_SilentServer_TimesOut(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() { // accepts, then says nothing
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	snd := mustSender(t, Settings{Host: "127.0.0.1", Port: l.Addr().(*net.TCPAddr).Port, From: "billing@maplefinch.example"})
	snd.Timeout = 300 * time.Millisecond
	start := time.Now()
	err = snd.Send(context.Background(), invoiceMessage())
	e := asError(t, err, CodeUnreachable)
	if !strings.Contains(e.Message, "did not answer within 300ms") {
		t.Errorf("message = %q", e.Message)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("gave up after %v", d)
	}
}

func TestSend_RecipientRefused_NamesTheAddressAndSendsNothing(t *testing.T) {
	ts := testkit.StartSMTP(t, testkit.SMTPRefuse("nobody@harbour.example"))
	m := invoiceMessage()
	m.To = append(m.To, "nobody@harbour.example")
	err := mustSender(t, settingsFor(ts, SecurityNone)).Send(context.Background(), m)
	e := asError(t, err, CodeRecipient)
	if !strings.Contains(e.Message, "The mail server refused the recipient nobody@harbour.example") ||
		!strings.Contains(e.Message, "550 5.1.1 No such mailbox here") {
		t.Errorf("message = %q", e.Message)
	}
	if len(e.Recipients) != 1 || e.Recipients[0] != "nobody@harbour.example" || e.Temporary {
		t.Errorf("recipients %v, temporary %v", e.Recipients, e.Temporary)
	}
	if n := len(ts.Messages()); n != 0 {
		t.Errorf("server received %d messages; a refused recipient must stop the send", n)
	}
}

func TestSend_UntrustedCertificate_Refused(t *testing.T) {
	ts := testkit.StartSMTP(t, testkit.SMTPStartTLS()) // its certificate is not given to the sender
	err := mustSender(t, settingsFor(ts, SecuritySTARTTLS)).Send(context.Background(), invoiceMessage())
	e := asError(t, err, CodeSecurity)
	if !strings.Contains(e.Message, "certificate is not trusted") {
		t.Errorf("message = %q", e.Message)
	}
	if n := len(ts.Messages()); n != 0 {
		t.Errorf("server received %d messages", n)
	}
}

func TestSend_STARTTLSNotOffered_Refused(t *testing.T) {
	ts := testkit.StartSMTP(t)
	err := mustSender(t, settingsFor(ts, SecuritySTARTTLS)).Send(context.Background(), invoiceMessage())
	e := asError(t, err, CodeSecurity)
	if !strings.Contains(e.Message, "does not offer STARTTLS") {
		t.Errorf("message = %q", e.Message)
	}
}

func TestSend_TLSToAPlainPort_SaysToTrySTARTTLS(t *testing.T) {
	ts := testkit.StartSMTP(t)
	err := mustSender(t, settingsFor(ts, SecurityTLS)).Send(context.Background(), invoiceMessage())
	e := asError(t, err, CodeSecurity)
	if !strings.Contains(e.Message, "does not speak TLS on this port") {
		t.Errorf("message = %q", e.Message)
	}
}

func TestSend_Canceled_StopsWithoutSending(t *testing.T) {
	ts := testkit.StartSMTP(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := mustSender(t, settingsFor(ts, SecurityNone)).Send(ctx, invoiceMessage())
	asError(t, err, CodeCanceled)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("errors.Is(err, context.Canceled) is false for %v", err)
	}
	if n := len(ts.Messages()); n != 0 {
		t.Errorf("server received %d messages", n)
	}
}

func TestSend_CanceledWhileSending_StopsAtOnce(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	release := make(chan struct{})
	defer close(release)
	ts := testkit.StartSMTP(t, testkit.SMTPOnData(func() {
		cancel() // the accountant presses Stop while the PDF is on its way
		select {
		case <-release:
		case <-time.After(5 * time.Second):
		}
	}))
	start := time.Now()
	err := mustSender(t, settingsFor(ts, SecurityNone)).Send(ctx, invoiceMessage())
	asError(t, err, CodeCanceled)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("stopped after %v", d)
	}
}

// The server takes the whole message, then the connection breaks before
// it says it has it: the message may well have arrived, so the caller is
// told not to send it again blindly.
func TestSend_ConnectionLostBeforeConfirmation_MaybeDelivered(t *testing.T) {
	ts := testkit.StartSMTP(t, testkit.SMTPDropConfirmations(1))
	err := mustSender(t, settingsFor(ts, SecurityNone)).Send(context.Background(), invoiceMessage())
	e := asError(t, err, CodeUnreachable)
	if !e.MaybeDelivered || e.Temporary {
		t.Errorf("MaybeDelivered %v, Temporary %v; want a possible delivery", e.MaybeDelivered, e.Temporary)
	}
	if !strings.Contains(e.Message, "It may have been delivered") {
		t.Errorf("message = %q", e.Message)
	}
	if n := len(ts.Messages()); n != 1 {
		t.Errorf("server holds %d messages, want the one it did not confirm", n)
	}
}

func TestSend_BadMessage_FieldsSayWhat(t *testing.T) {
	snd := mustSender(t, Settings{Host: "127.0.0.1", Port: 25, From: "billing@maplefinch.example"})
	for _, tc := range []struct {
		name  string
		m     Message
		field string
	}{
		{"NoRecipient", Message{Subject: "x"}, "to"},
		{"BadRecipient", Message{To: []string{"dana at harbour"}}, "to"},
		{"BadReplyTo", Message{To: []string{"dana@harbour.example"}, ReplyTo: "nope"}, "replyTo"},
		{"NamelessAttachment", Message{To: []string{"dana@harbour.example"}, Attachments: []Attachment{{Data: []byte("x")}}}, "attachments"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := asError(t, snd.Send(context.Background(), tc.m), CodeInvalid)
			if e.Fields[tc.field] == "" {
				t.Errorf("fields %v lack %q", e.Fields, tc.field)
			}
		})
	}
}
