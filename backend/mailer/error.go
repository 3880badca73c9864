package mailer

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/textproto"
	"strings"

	gomail "github.com/wneessen/go-mail"
	"github.com/wneessen/go-mail/smtp"
)

// Codes of an *Error, stable strings a caller may decide on.
const (
	CodeInvalid     = "invalid"     // the settings or the message break a rule; Fields says which
	CodeUnreachable = "unreachable" // no connection to the server, or it did not answer in time
	CodeSecurity    = "security"    // the connection could not be secured as the settings ask
	CodeSignIn      = "sign_in"     // the server refused the sign-in or requires one
	CodeSender      = "sender"      // the server refused the From address
	CodeRecipient   = "recipient"   // the server refused one or more recipients; Recipients says which
	CodeRejected    = "rejected"    // the server refused the message itself (size, content, policy)
	CodeCanceled    = "canceled"    // the caller stopped the send
	CodeFailed      = "failed"      // anything else; the message carries the server's words
)

// Error is the one error type of the package. Message is written for the
// accountant and never contains the password.
type Error struct {
	Code       string
	Message    string
	Fields     map[string]string // with CodeInvalid: form field → problem
	Recipients []string          // with CodeRecipient: the refused addresses
	// Temporary is true when the server said to try again later (a 4xx
	// reply): the same message may go through then.
	Temporary bool
	// MaybeDelivered is true when the connection failed after the whole
	// message was handed over but before the server confirmed it: it may
	// have arrived, so sending it again may send it twice.
	MaybeDelivered bool
	cause          error
}

// Error returns Message.
func (e *Error) Error() string { return e.Message }

// Unwrap returns the underlying error, for errors.Is (context.Canceled,
// context.DeadlineExceeded, …). Its text comes from the network and SMTP
// libraries and holds no password either, but it is not meant for people.
func (e *Error) Unwrap() error { return e.cause }

// stage is how far a send got when it failed: the same SMTP reply means
// different things at different stages.
type stage int

const (
	stageConnect   stage = iota // opening the TCP connection
	stageSession                // greeting, TLS and sign-in
	stageSender                 // MAIL FROM
	stageRecipient              // RCPT TO
	stageData                   // DATA and the message's text
	stageConfirm                // the end of the message, and the server's verdict
)

// tlsHandshakeError marks a failed TLS handshake on a SecurityTLS
// connection (the dial hook does it, so go-mail does not see it as TLS).
type tlsHandshakeError struct{ err error }

func (e *tlsHandshakeError) Error() string { return "TLS handshake: " + e.err.Error() }
func (e *tlsHandshakeError) Unwrap() error { return e.err }

// describe turns an error from a stage of a send into an *Error in plain
// words.
func (s *Sender) describe(ctx context.Context, st stage, err error) *Error {
	e := &Error{Code: CodeFailed, cause: err}
	addr := s.settings.addr()
	said := s.serverSaid(err)
	var reply *textproto.Error
	isReply := errors.As(err, &reply)
	e.Temporary = isTemporary(err)
	var netErr net.Error
	isTimeout := errors.As(err, &netErr) && netErr.Timeout()

	switch {
	case errors.Is(ctx.Err(), context.Canceled) && st == stageConfirm:
		e.Code, e.MaybeDelivered = CodeCanceled, true
		e.Message = "Sending was stopped while the mail server was confirming the message. It may have been delivered: check the sent mail before sending it again."
	case errors.Is(ctx.Err(), context.Canceled):
		e.Code, e.Message = CodeCanceled, "Sending was stopped."
	case st == stageConnect:
		e.Code, e.Message = CodeUnreachable, s.unreachable(err)
	case st == stageConfirm && !isReply:
		// The whole message was handed over; only the verdict is missing.
		e.Code, e.MaybeDelivered = CodeUnreachable, true
		e.Message = fmt.Sprintf("The connection to the mail server at %s failed while the message was being sent. It may have been delivered: check the sent mail before sending it again.", addr)
	case isTimeout || ctx.Err() != nil:
		e.Code = CodeUnreachable
		e.Message = fmt.Sprintf("The mail server at %s did not answer within %s. Nothing was sent; try again later.", addr, s.timeout())
	case st == stageSession:
		e.Code, e.Message = s.sessionProblem(err, reply)
	case st == stageSender && isReply && (reply.Code == 530 || strings.Contains(strings.ToLower(reply.Msg), "auth")):
		// 530 is the standard answer to mail before a sign-in; some
		// servers say 502 or 550 with "authenticate" in the text.
		e.Code = CodeSignIn
		e.Message = "The mail server requires a sign-in: enter the user name and password in the mail settings." + said
	case st == stageSender:
		e.Code = CodeSender
		e.Message = fmt.Sprintf("The mail server refused the sender address %s.%s", s.from.Address, said)
	case (st == stageData || st == stageConfirm) && isReply:
		e.Code = CodeRejected
		e.Message = "The mail server refused the message." + said
	case errors.As(err, new(*net.OpError)):
		e.Code = CodeUnreachable
		e.Message = fmt.Sprintf("The connection to the mail server at %s broke off. Nothing was sent; try again.", addr)
	default:
		e.Message = "Sending failed." + said
	}
	return e
}

// unreachable says why no connection could be opened.
func (s *Sender) unreachable(err error) string {
	addr := s.settings.addr()
	var dns *net.DNSError
	var netErr net.Error
	switch {
	case errors.As(err, &dns):
		return fmt.Sprintf("Could not reach the mail server at %s: no server of that name was found. Check the server name and the internet connection.", addr)
	case errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Sprintf("Could not reach the mail server at %s: it did not answer within %s. Check the server name, the port and the internet connection.", addr, s.timeout())
	default:
		return fmt.Sprintf("Could not reach the mail server at %s. Check the server name, the port and the internet connection.", addr)
	}
}

// sessionProblem says what went wrong between the greeting and the
// sign-in: securing the connection, or signing in.
func (s *Sender) sessionProblem(err error, reply *textproto.Error) (code, msg string) {
	addr, said := s.settings.addr(), s.serverSaid(err)
	var (
		handshake  *tlsHandshakeError
		unknownCA  x509.UnknownAuthorityError
		hostname   x509.HostnameError
		invalid    x509.CertificateInvalidError
		verify     *tls.CertificateVerificationError
		notTLS     tls.RecordHeaderError
		wrongProto = errors.As(err, &notTLS)
	)
	switch {
	case errors.As(err, &unknownCA), errors.As(err, &hostname), errors.As(err, &invalid), errors.As(err, &verify):
		return CodeSecurity, fmt.Sprintf("The mail server's certificate is not trusted for %s (%s), so nothing was sent. If the firm runs its own mail server, add its certificate in the mail settings.", s.settings.Host, certProblem(err))
	case wrongProto && errors.As(err, &handshake):
		return CodeSecurity, fmt.Sprintf("The mail server at %s does not speak TLS on this port. Choose STARTTLS (usually port 587), or the server's TLS port (usually 465).", addr)
	case wrongProto:
		return CodeSecurity, fmt.Sprintf("The secure connection to the mail server at %s failed: it answered with something else than TLS.", addr)
	case errors.As(err, &handshake):
		return CodeSecurity, fmt.Sprintf("The secure connection to the mail server at %s failed, so nothing was sent.", addr)
	case errors.Is(err, smtp.ErrUnencrypted):
		return CodeSecurity, "The connection to the mail server is not encrypted, so the password was not sent. Choose STARTTLS or TLS in the mail settings."
	case strings.Contains(err.Error(), "STARTTLS"):
		// go-mail says so in a plain fmt error, with no value to test.
		return CodeSecurity, fmt.Sprintf("The mail server at %s does not offer STARTTLS. Choose TLS (usually port 465), or ask the mail provider.", addr)
	case reply != nil && strings.Contains(err.Error(), "SMTP AUTH failed"):
		// The server's reply to AUTH (535 as a rule; 534 when it wants
		// an app password). go-mail marks the stage only in its text.
		return CodeSignIn, "The mail server refused the sign-in (check the user name and password)." + said
	case errors.Is(err, gomail.ErrNoSupportedAuthDiscovered), errors.Is(err, gomail.ErrPlainAuthNotSupported),
		errors.Is(err, gomail.ErrLoginAuthNotSupported), strings.Contains(err.Error(), "does not support SMTP AUTH"):
		return CodeSignIn, "The mail server offers no sign-in on this connection that Ledgerlink can use. Check the security setting (STARTTLS or TLS), or leave the user name empty if the server needs none."
	case errors.As(err, new(*net.OpError)):
		return CodeUnreachable, fmt.Sprintf("The connection to the mail server at %s broke off. Nothing was sent; try again.", addr)
	default:
		return CodeFailed, fmt.Sprintf("The mail server at %s could not be used.%s", addr, said)
	}
}

// certProblem names what is wrong with the server's certificate.
func certProblem(err error) string {
	var hostname x509.HostnameError
	var invalid x509.CertificateInvalidError
	switch {
	case errors.As(err, &hostname):
		return "it was issued for another name"
	case errors.As(err, &invalid) && invalid.Reason == x509.Expired:
		return "it has expired or is not valid yet"
	default:
		return "it is not signed by an authority this computer trusts"
	}
}

// serverSaid quotes the server's reply, if err carries one, without the
// password: " The server said: 550 5.1.1 No such user."
func (s *Sender) serverSaid(err error) string {
	var reply *textproto.Error
	if !errors.As(err, &reply) {
		return ""
	}
	text := fmt.Sprintf("%d %s", reply.Code, strings.Join(strings.Fields(reply.Msg), " "))
	return " The server said: " + strings.TrimSuffix(s.redact(text), ".") + "."
}

// redact removes the password from text that came from elsewhere.
func (s *Sender) redact(text string) string {
	if s.settings.Password == "" {
		return text
	}
	return strings.ReplaceAll(text, s.settings.Password, "****")
}

// isReply reports whether err is the server's own reply (as opposed to a
// broken connection).
func isReply(err error) bool {
	var reply *textproto.Error
	return errors.As(err, &reply)
}

// isTemporary reports whether err is a 4xx reply: try again later.
func isTemporary(err error) bool {
	var reply *textproto.Error
	return errors.As(err, &reply) && reply.Code >= 400 && reply.Code < 500
}
