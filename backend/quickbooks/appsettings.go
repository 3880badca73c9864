package quickbooks

import (
	"cmp"
	"context"
	"errors"
	"strings"

	"ledgerlink/backend/connect"
	"ledgerlink/backend/practice"
)

// AppSettings is the Settings → QuickBooks app form: where QuickBooks is
// and the firm's Intuit app (never its secret).
type AppSettings struct {
	Environment  connect.Environment `json:"environment"`
	ClientID     string              `json:"clientId"`
	RedirectURI  string              `json:"redirectUri"`
	HasSecret    bool                `json:"hasSecret"`
	Overridden   map[string]string   `json:"overridden"` // field → what fixed it
	Environments []EnvironmentChoice `json:"environments"`
}

// AppSettingsInput is what the form saves. An empty ClientSecret keeps the
// saved one.
type AppSettingsInput struct {
	Environment  connect.Environment `json:"environment"`
	ClientID     string              `json:"clientId"`
	ClientSecret string              `json:"clientSecret"`
	RedirectURI  string              `json:"redirectUri"`
}

// AppSettings returns the QuickBooks app configuration as it applies:
// overrides, then saved settings, then defaults.
func (s *Session) AppSettings(ctx context.Context) (AppSettings, error) {
	a, err := s.appSettings(ctx)
	return a, Explain(err)
}

func (s *Session) appSettings(ctx context.Context) (AppSettings, error) {
	acc, err := s.keychainAccounts(ctx)
	if err != nil {
		return AppSettings{}, err
	}
	env, err := s.environment(ctx)
	if err != nil {
		return AppSettings{}, err
	}
	get := func(key string) string {
		v, _, _ := s.cfg.Settings.Setting(ctx, key)
		return v
	}
	o := s.cfg.Overrides
	def := DefaultRedirectURI
	if env == connect.Embedded {
		def = embeddedRedirectURI
	}
	a := AppSettings{Environment: env, Environments: Environments, Overridden: map[string]string{},
		ClientID:    cmp.Or(o.ClientID, get(settingClientID)),
		RedirectURI: cmp.Or(o.RedirectURI, get(settingRedirectURI), def)}
	for field, src := range o.Source {
		a.Overridden[field] = "Set by " + src + "."
	}
	secret, err := s.cfg.Keychain.Get(keychainService, acc.secret)
	switch {
	case err == nil:
		a.HasSecret = secret != ""
	case errors.Is(err, connect.ErrNotFound):
	default:
		// No keychain: the form still shows; saving a secret will say why not.
		s.log.Warn("keychain unavailable", "err", err)
	}
	return a, nil
}

// SaveAppSettings checks and saves the QuickBooks app configuration; the
// secret goes to the OS keychain and nowhere else. A connection belongs to
// the app it was made with, so changing app while connected is refused.
func (s *Session) SaveAppSettings(ctx context.Context, in AppSettingsInput) (AppSettings, error) {
	in.ClientID, in.RedirectURI = strings.TrimSpace(in.ClientID), strings.TrimSpace(in.RedirectURI)
	in.ClientSecret = strings.TrimSpace(in.ClientSecret)
	current, err := s.appSettings(ctx)
	if err != nil {
		return AppSettings{}, Explain(err)
	}
	fields := map[string]string{}
	if !in.Environment.Valid() {
		fields["environment"] = "Choose where QuickBooks is."
	}
	if p := checkRedirectURI(in.Environment, in.RedirectURI); p != "" {
		fields["redirectUri"] = p
	}
	if in.Environment != connect.Embedded {
		if in.ClientID == "" && s.cfg.Overrides.ClientID == "" {
			fields["clientId"] = "Enter the client ID of the firm's Intuit app."
		}
		if in.ClientSecret == "" && !current.HasSecret {
			fields["clientSecret"] = "Enter the client secret of the firm's Intuit app."
		}
	}
	if len(fields) > 0 {
		return AppSettings{}, &practice.Error{Code: practice.EINVALID, Message: "The QuickBooks app settings were not saved.", Fields: fields}
	}
	if conn, err := s.cfg.Connections.FindQBOConnection(ctx); err != nil {
		return AppSettings{}, Explain(err)
	} else if conn != nil && (in.Environment != current.Environment || in.ClientID != current.ClientID) {
		return AppSettings{}, practice.Errorf(practice.ECONFLICT,
			"Disconnect from QuickBooks first: the connection belongs to the app it was made with.")
	}

	if in.ClientSecret != "" {
		acc, err := s.keychainAccounts(ctx)
		if err != nil {
			return AppSettings{}, Explain(err)
		}
		if err := s.cfg.Keychain.Set(keychainService, acc.secret, in.ClientSecret); err != nil {
			return AppSettings{}, Explain(err)
		}
	}
	if err := s.cfg.Settings.SetSettings(ctx, map[string]string{settingEnvironment: string(in.Environment),
		settingClientID: in.ClientID, settingRedirectURI: in.RedirectURI}); err != nil {
		return AppSettings{}, Explain(err)
	}
	s.mu.Lock()
	s.resetConnectionLocked() // the next use builds one for the new settings
	s.mu.Unlock()
	s.log.Info("QuickBooks app settings saved", "environment", in.Environment)
	return s.AppSettings(ctx)
}
