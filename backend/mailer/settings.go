package mailer

import (
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"log/slog"
	"net/mail"
	"strings"
)

// How the connection to the mail server is secured.
const (
	// SecuritySTARTTLS connects in plain text and upgrades to TLS before
	// anything else is said (usually port 587). It is the default, and
	// sending fails if the server does not offer it.
	SecuritySTARTTLS = "starttls"
	// SecurityTLS speaks TLS from the first byte (usually port 465).
	SecurityTLS = "tls"
	// SecurityNone sends everything in the clear, for a relay inside the
	// office. A password is then sent only to a server on this computer.
	SecurityNone = "none"
)

// Settings say how to reach the firm's mail server and who the mail is
// from. They print (with %v, %+v, %#v and through log/slog) without the
// password.
type Settings struct {
	Host     string // the server's name, e.g. "smtp.example.com"
	Port     int    // 1–65535; usually 587 for STARTTLS, 465 for TLS
	Username string // empty: no sign-in
	// Password is passed by the caller from the OS keychain. It is never
	// logged and never part of an error's text.
	Password string
	From     string // the sender's address, e.g. "billing@firm.example"
	FromName string // the sender's name as clients see it, e.g. "Maple & Finch CPA"
	Security string // SecuritySTARTTLS (when empty), SecurityTLS or SecurityNone
	// ExtraRootsPEM holds PEM certificates trusted in addition to the
	// system's, for a firm's own mail server with its own certificate
	// authority (or a self-signed certificate).
	ExtraRootsPEM []byte
}

// security is the effective Security: STARTTLS when empty.
func (s Settings) security() string {
	if s.Security == "" {
		return SecuritySTARTTLS
	}
	return strings.ToLower(s.Security)
}

// addr is "host:port" as the person typed them.
func (s Settings) addr() string {
	return fmt.Sprintf("%s:%d", s.Host, s.Port)
}

// Validate checks the settings and returns an *Error with Code
// CodeInvalid whose Fields map each form field ("host", "port", "from",
// "security", "username", "extraRoots") to its problem, or nil.
func (s Settings) Validate() error {
	fields := map[string]string{}
	host := strings.TrimSpace(s.Host)
	switch {
	case host == "":
		fields["host"] = "Enter the mail server's name, e.g. smtp.example.com."
	case strings.Contains(host, "://") || strings.ContainsAny(host, " /@"):
		fields["host"] = "Enter the server's name only, e.g. smtp.example.com (no smtp://, no slash, no spaces)."
	}
	switch {
	case s.Port == 0:
		fields["port"] = "Enter the port: usually 587 for STARTTLS or 465 for TLS."
	case s.Port < 1 || s.Port > 65535:
		fields["port"] = "The port is a number from 1 to 65535."
	}
	if strings.TrimSpace(s.From) == "" {
		fields["from"] = "Enter the address the mail is sent from."
	} else if _, err := mail.ParseAddress(s.From); err != nil {
		fields["from"] = fmt.Sprintf("%q is not an e-mail address.", s.From)
	}
	switch s.security() {
	case SecuritySTARTTLS, SecurityTLS, SecurityNone:
	default:
		fields["security"] = "Choose STARTTLS, TLS or none."
	}
	if s.Username == "" && s.Password != "" {
		fields["username"] = "Enter the user name that goes with the password."
	}
	if len(s.ExtraRootsPEM) > 0 && !x509.NewCertPool().AppendCertsFromPEM(s.ExtraRootsPEM) {
		fields["extraRoots"] = "No certificate was found in it (expected PEM text)."
	}
	if len(fields) == 0 {
		return nil
	}
	return &Error{Code: CodeInvalid, Message: "The mail settings cannot be used yet. Check the highlighted fields.", Fields: fields}
}

// tlsConfig is the TLS configuration for the server: its name checked
// against its certificate, the system's roots plus ExtraRootsPEM.
func (s Settings) tlsConfig() *tls.Config {
	cfg := &tls.Config{ServerName: s.Host, MinVersion: tls.VersionTLS12}
	if len(s.ExtraRootsPEM) > 0 {
		pool, err := x509.SystemCertPool()
		if err != nil {
			pool = x509.NewCertPool() // no system roots here: the extra ones alone
		}
		pool.AppendCertsFromPEM(s.ExtraRootsPEM)
		cfg.RootCAs = pool
	}
	return cfg
}

// String describes the settings without the password.
func (s Settings) String() string {
	pw := "none"
	if s.Password != "" {
		pw = "set"
	}
	return fmt.Sprintf("mailer.Settings{Host:%q Port:%d Security:%q Username:%q Password:%s From:%q FromName:%q ExtraRoots:%d bytes}",
		s.Host, s.Port, s.security(), s.Username, pw, s.From, s.FromName, len(s.ExtraRootsPEM))
}

// GoString is String, so that %#v does not print the password either.
func (s Settings) GoString() string {
	return s.String()
}

// LogValue keeps the password out of structured logs.
func (s Settings) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("host", s.Host), slog.Int("port", s.Port), slog.String("security", s.security()),
		slog.String("username", s.Username), slog.Bool("password_set", s.Password != ""),
		slog.String("from", s.From),
	)
}
