package testkit

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"io"
	"log"
	"math/big"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// SMTP is a real SMTP server (go-smtp) in the test process, on a loopback
// address, that keeps every message it takes. StartSMTP starts one; its
// options make it ask for a sign-in, secure the connection, refuse
// recipients, or lose the connection at the worst moment.
type SMTP struct {
	Host string
	Port int
	// CertPEM is the server's self-signed certificate (made for this
	// test, for 127.0.0.1 and localhost), when it speaks TLS: what a
	// client is told to trust. Nil without TLS.
	CertPEM []byte

	cfg smtpConfig

	mu       sync.Mutex
	received []SMTPMessage
	authSeen int // AUTH attempts, right or wrong
	drops    int // confirmations still to drop
}

// SMTPMessage is one message as the server took it: the envelope and the
// raw text (see ParseMail).
type SMTPMessage struct {
	From string   // MAIL FROM
	To   []string // RCPT TO, in order
	Data []byte
	TLS  bool // the session was encrypted when the message arrived
}

// SMTPOption changes how a StartSMTP server behaves.
type SMTPOption func(*smtpConfig)

type smtpConfig struct {
	ip         string
	user, pass string
	startTLS   bool
	implicit   bool
	insecure   bool
	refuse     map[string]bool
	onData     func()
	drops      int
}

// SMTPOnIP listens on another loopback address than 127.0.0.1, e.g.
// 127.0.0.2: this machine, but not a name a mail client takes for local.
func SMTPOnIP(ip string) SMTPOption { return func(c *smtpConfig) { c.ip = ip } }

// SMTPSignIn requires a sign-in (AUTH PLAIN) with this user and password
// before any mail; a wrong one is answered 535.
func SMTPSignIn(user, password string) SMTPOption {
	return func(c *smtpConfig) { c.user, c.pass = user, password }
}

// SMTPAllowPlainSignIn lets a client sign in over an unencrypted
// connection (a relay inside the office).
func SMTPAllowPlainSignIn() SMTPOption { return func(c *smtpConfig) { c.insecure = true } }

// SMTPStartTLS offers STARTTLS with a self-signed certificate (CertPEM).
func SMTPStartTLS() SMTPOption { return func(c *smtpConfig) { c.startTLS = true } }

// SMTPImplicitTLS speaks TLS from the first byte (as on port 465), with a
// self-signed certificate (CertPEM).
func SMTPImplicitTLS() SMTPOption { return func(c *smtpConfig) { c.implicit = true } }

// SMTPRefuse answers RCPT TO for these addresses with 550 5.1.1 "No such
// mailbox here".
func SMTPRefuse(addrs ...string) SMTPOption {
	return func(c *smtpConfig) {
		for _, a := range addrs {
			c.refuse[a] = true
		}
	}
}

// SMTPOnData calls f when a message starts to arrive (after DATA), before
// the server reads it.
func SMTPOnData(f func()) SMTPOption { return func(c *smtpConfig) { c.onData = f } }

// SMTPDropConfirmations makes the server take the next n messages whole,
// keep them, and then close the connection instead of confirming them:
// the message arrived, but the sender cannot know it.
func SMTPDropConfirmations(n int) SMTPOption { return func(c *smtpConfig) { c.drops = n } }

// StartSMTP starts an SMTP server changed by opts (by default: plain text,
// no sign-in, every recipient accepted) and stops it when the test ends.
func StartSMTP(t testing.TB, opts ...SMTPOption) *SMTP {
	t.Helper()
	cfg := smtpConfig{ip: "127.0.0.1", refuse: map[string]bool{}}
	for _, o := range opts {
		o(&cfg)
	}
	ts := &SMTP{cfg: cfg, drops: cfg.drops}
	s := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		return &smtpSession{ts: ts, conn: c}, nil
	}))
	s.Domain = "mail.test"
	s.AllowInsecureAuth = cfg.insecure
	s.ReadTimeout, s.WriteTimeout = 10*time.Second, 10*time.Second
	s.MaxMessageBytes = 10 << 20
	s.ErrorLog = log.New(io.Discard, "", 0) // dropped connections are on purpose
	var cert tls.Certificate
	if cfg.startTLS || cfg.implicit {
		cert, ts.CertPEM = selfSigned(t)
	}
	if cfg.startTLS {
		s.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}}
	}
	l, err := net.Listen("tcp", net.JoinHostPort(cfg.ip, "0"))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.implicit {
		l = tls.NewListener(l, &tls.Config{Certificates: []tls.Certificate{cert}})
	}
	go func() { _ = s.Serve(l) }()
	t.Cleanup(func() { _ = s.Close() })
	host, port, _ := net.SplitHostPort(l.Addr().String())
	ts.Host = host
	ts.Port, _ = strconv.Atoi(port)
	return ts
}

// Messages returns what the server has taken so far, oldest first.
func (ts *SMTP) Messages() []SMTPMessage {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]SMTPMessage(nil), ts.received...)
}

// SignIns counts the AUTH attempts the server has seen, right or wrong.
func (ts *SMTP) SignIns() int {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.authSeen
}

// smtpSession is one SMTP conversation with the server.
type smtpSession struct {
	ts     *SMTP
	conn   *smtp.Conn
	authed bool
	from   string
	to     []string
}

func (s *smtpSession) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *smtpSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, username, password string) error {
		s.ts.mu.Lock()
		s.ts.authSeen++
		s.ts.mu.Unlock()
		if username != s.ts.cfg.user || password != s.ts.cfg.pass {
			return smtp.ErrAuthFailed
		}
		s.authed = true
		return nil
	}), nil
}

func (s *smtpSession) Mail(from string, _ *smtp.MailOptions) error {
	if s.ts.cfg.user != "" && !s.authed {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if s.ts.cfg.refuse[to] {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such mailbox here"}
	}
	s.to = append(s.to, to)
	return nil
}

// errDropped ends a session whose confirmation is dropped.
var errDropped = errors.New("connection dropped before the confirmation, on purpose")

func (s *smtpSession) Data(r io.Reader) error {
	if s.ts.cfg.onData != nil {
		s.ts.cfg.onData()
	}
	b, err := io.ReadAll(r) // up to the final dot: the whole message
	if err != nil {
		return err
	}
	_, isTLS := s.conn.TLSConnectionState() // encrypted from the start, or after STARTTLS
	s.ts.mu.Lock()
	s.ts.received = append(s.ts.received, SMTPMessage{From: s.from, To: s.to, Data: b, TLS: isTLS})
	drop := s.ts.drops > 0
	if drop {
		s.ts.drops--
	}
	s.ts.mu.Unlock()
	if drop {
		_ = s.conn.Conn().Close()
		return errDropped
	}
	return nil
}

func (s *smtpSession) Reset()        { s.from, s.to = "", nil }
func (s *smtpSession) Logout() error { return nil }

// selfSigned makes a certificate for 127.0.0.1 and localhost that signs
// itself, and returns it with its PEM text.
func selfSigned(t testing.TB) (tls.Certificate, []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(42),
		Subject:               pkix.Name{CommonName: "Test mail server"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key},
		pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
}
