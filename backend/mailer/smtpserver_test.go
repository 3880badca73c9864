package mailer

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"math/big"
	"net"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// testServer is a real SMTP server (go-smtp) in the test process, on a
// loopback address, that keeps what it receives.
type testServer struct {
	Host string
	Port int

	user, pass string          // when set, a sign-in is required and checked
	refuse     map[string]bool // recipients answered with 550
	onData     func()          // called when a message starts to arrive

	mu       sync.Mutex
	received []received
	authSeen int // AUTH attempts, right or wrong
}

// received is one message as the server took it.
type received struct {
	From string
	To   []string
	Data []byte
	TLS  bool // the session was encrypted
}

// serverOpts choose how the test server behaves.
type serverOpts struct {
	ip         string           // "127.0.0.1" when empty
	user, pass string           // require this sign-in
	startTLS   *tls.Certificate // offer STARTTLS with this certificate
	implicit   *tls.Certificate // speak TLS from the first byte with this certificate
	insecure   bool             // allow a sign-in without TLS
	refuse     []string         // recipients to refuse
	onData     func()           // called when a message starts to arrive
}

func startServer(t *testing.T, o serverOpts) *testServer {
	t.Helper()
	ts := &testServer{user: o.user, pass: o.pass, refuse: map[string]bool{}, onData: o.onData}
	for _, r := range o.refuse {
		ts.refuse[r] = true
	}
	s := smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		_, isTLS := c.TLSConnectionState()
		return &session{ts: ts, conn: c, tls: isTLS}, nil
	}))
	s.Domain = "mail.test"
	s.AllowInsecureAuth = o.insecure
	s.ReadTimeout, s.WriteTimeout = 10*time.Second, 10*time.Second
	s.MaxMessageBytes = 10 << 20
	if o.startTLS != nil {
		s.TLSConfig = &tls.Config{Certificates: []tls.Certificate{*o.startTLS}}
	}
	ip := o.ip
	if ip == "" {
		ip = "127.0.0.1"
	}
	l, err := net.Listen("tcp", net.JoinHostPort(ip, "0"))
	if err != nil {
		t.Fatal(err)
	}
	if o.implicit != nil {
		l = tls.NewListener(l, &tls.Config{Certificates: []tls.Certificate{*o.implicit}})
	}
	go func() { _ = s.Serve(l) }()
	t.Cleanup(func() { _ = s.Close() })
	host, port, _ := net.SplitHostPort(l.Addr().String())
	ts.Host = host
	ts.Port, _ = strconv.Atoi(port)
	return ts
}

// messages returns what the server has received so far.
func (ts *testServer) messages() []received {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]received(nil), ts.received...)
}

// signIns counts the AUTH attempts the server has seen.
func (ts *testServer) signIns() int {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.authSeen
}

// session is one SMTP conversation with the test server.
type session struct {
	ts     *testServer
	conn   *smtp.Conn
	tls    bool
	authed bool
	from   string
	to     []string
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(_, username, password string) error {
		s.ts.mu.Lock()
		s.ts.authSeen++
		s.ts.mu.Unlock()
		if username != s.ts.user || password != s.ts.pass {
			return smtp.ErrAuthFailed
		}
		s.authed = true
		return nil
	}), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	if s.ts.user != "" && !s.authed {
		return smtp.ErrAuthRequired
	}
	s.from = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if s.ts.refuse[to] {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such mailbox here"}
	}
	s.to = append(s.to, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	if s.ts.onData != nil {
		s.ts.onData()
	}
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	_, isTLS := s.conn.TLSConnectionState() // after STARTTLS, the session is encrypted
	s.ts.mu.Lock()
	s.ts.received = append(s.ts.received, received{From: s.from, To: s.to, Data: b, TLS: isTLS || s.tls})
	s.ts.mu.Unlock()
	return nil
}

func (s *session) Reset()        { s.from, s.to = "", nil }
func (s *session) Logout() error { return nil }

// selfSigned makes a certificate for 127.0.0.1 and localhost that signs
// itself, and returns it with its PEM text, which a Sender can be told to
// trust.
func selfSigned(t *testing.T) (tls.Certificate, []byte) {
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
