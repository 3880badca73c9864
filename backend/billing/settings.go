package billing

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"fmt"
	"net/mail"
	"strings"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// Settings are the firm's billing settings: what invoices say of the firm,
// their terms, and how they travel. The mail server's password is not
// here: it lives in the OS keychain.
type Settings struct {
	Firm      Firm   `json:"firm"`
	Currency  string `json:"currency"`  // printed beside totals, e.g. "USD"
	TermsDays int    `json:"termsDays"` // due date = invoice date + this
	Mail      Mail   `json:"mail"`
	// SaveFolder is where invoices are saved as PDF files when no mail
	// server is set ("" asks each time in the app; the verbs need it).
	SaveFolder string `json:"saveFolder"`
}

// Firm is the firm as its invoices show it.
type Firm struct {
	Name  string   `json:"name"`
	Lines []string `json:"lines"` // the address, one line each
	Email string   `json:"email"`
	Phone string   `json:"phone"`
}

// Mail is the firm's outgoing mail server; an empty Host means invoices
// are saved, not e-mailed.
type Mail struct {
	Host     string `json:"host"`
	Port     int    `json:"port"`
	Username string `json:"username"`
	From     string `json:"from"`
	FromName string `json:"fromName"`
	Security string `json:"security"` // starttls, tls or none
	// Certificate is the server's own certificate (PEM text), trusted in
	// addition to the system's: for a firm's mail server that is not
	// signed by a public authority. Empty for most.
	Certificate string `json:"certificate"`
}

const settingsKey = "billing.settings"

// DefaultSettings are what a firm starts with.
func DefaultSettings() Settings {
	return Settings{Currency: "USD", TermsDays: 14, Mail: Mail{Port: 587, Security: "starttls"}}
}

// LoadSettings reads the billing settings, defaults filled in.
func LoadSettings(ctx context.Context, tx *sqlite.Tx) (Settings, error) {
	s := DefaultSettings()
	raw, ok, err := tx.Setting(ctx, settingsKey)
	if err != nil || !ok {
		return s, err
	}
	if err := json.Unmarshal([]byte(raw), &s); err != nil {
		return DefaultSettings(), fmt.Errorf("stored billing settings: %w", err)
	}
	return s, nil
}

// SaveSettings checks and stores s.
func SaveSettings(ctx context.Context, tx *sqlite.Tx, s Settings) error {
	if err := s.Validate(); err != nil {
		return err
	}
	raw, _ := json.Marshal(s)
	return tx.SetSetting(ctx, settingsKey, string(raw))
}

// Validate checks the settings; each problem is named by its field.
func (s *Settings) Validate() error {
	f := map[string]string{}
	s.Firm.Name = strings.TrimSpace(s.Firm.Name)
	s.Currency = strings.ToUpper(strings.TrimSpace(s.Currency))
	if len(s.Currency) != 3 {
		f["currency"] = "Enter the currency as its three-letter code, e.g. USD."
	}
	if s.TermsDays < 0 || s.TermsDays > 365 {
		f["termsDays"] = "Terms are 0 to 365 days."
	}
	if s.Firm.Email != "" {
		if _, err := mail.ParseAddress(s.Firm.Email); err != nil {
			f["firm.email"] = "This is not an email address."
		}
	}
	m := &s.Mail
	m.Host = strings.TrimSpace(m.Host)
	if m.Host != "" {
		if m.Port < 1 || m.Port > 65535 {
			f["mail.port"] = "A port is 1 to 65535 (often 587, or 465 for TLS)."
		}
		if _, err := mail.ParseAddress(m.From); err != nil {
			f["mail.from"] = "Enter the address invoices are sent from."
		}
		switch m.Security {
		case "starttls", "tls", "none":
		default:
			f["mail.security"] = "Choose STARTTLS, TLS or none."
		}
		m.Certificate = strings.TrimSpace(m.Certificate)
		if m.Certificate != "" && !x509.NewCertPool().AppendCertsFromPEM([]byte(m.Certificate)) {
			f["mail.certificate"] = "No certificate was found in it: paste the PEM text, from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----."
		}
	}
	if len(f) > 0 {
		return &practice.Error{Code: practice.EINVALID, Message: "The billing settings could not be saved.", Fields: f}
	}
	return nil
}
