package app

import (
	"errors"
	"strings"

	"ledgerlink/backend/connect"
	"ledgerlink/backend/practice"
)

// QBOAppSettings is the Settings → QuickBooks app form.
type QBOAppSettings struct {
	Environment  connect.Environment `json:"environment"`
	ClientID     string              `json:"clientId"`
	RedirectURI  string              `json:"redirectUri"`
	HasSecret    bool                `json:"hasSecret"`
	Overridden   map[string]string   `json:"overridden"` // field → what fixed it
	Environments []EnvironmentChoice `json:"environments"`
}

// QBOAppSettingsInput is what the form saves. An empty ClientSecret keeps
// the saved one.
type QBOAppSettingsInput struct {
	Environment  connect.Environment `json:"environment"`
	ClientID     string              `json:"clientId"`
	ClientSecret string              `json:"clientSecret"`
	RedirectURI  string              `json:"redirectUri"`
}

// AppSettings returns the QuickBooks app configuration (never the secret).
func (q *QuickBooks) AppSettings() (QBOAppSettings, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	return q.appSettingsLocked()
}

func (q *QuickBooks) appSettingsLocked() (QBOAppSettings, error) {
	ctx := q.app.ctx
	if _, err := q.accountsLocked(); err != nil {
		return QBOAppSettings{}, err
	}
	o := q.cfg.Overrides
	env := connect.Environment(first(o.Environment, q.settingLocked(ctx, settingEnvironment), "embedded"))
	def := DefaultRedirectURI
	if env == "embedded" {
		def = embeddedRedirectURI
	}
	s := QBOAppSettings{Environment: env, Environments: environments, Overridden: map[string]string{},
		ClientID:    first(o.ClientID, q.settingLocked(ctx, settingClientID)),
		RedirectURI: first(o.RedirectURI, q.settingLocked(ctx, settingRedirectURI), def)}
	for field, src := range o.Source {
		s.Overridden[field] = "Set by " + src + "."
	}
	secret, err := q.cfg.Keychain.Get(keychainService, q.secretAccount)
	switch {
	case err == nil:
		s.HasSecret = secret != ""
	case errors.Is(err, connect.ErrNotFound):
	default:
		// No keychain: the form still shows; saving a secret will say why not.
		q.app.log.Warn("keychain unavailable", "err", err)
	}
	return s, nil
}

// accountsLocked names this database's keychain items.
func (q *QuickBooks) accountsLocked() (string, error) {
	if q.account == "" {
		id, err := q.settings.InstallID(q.app.ctx)
		if err != nil {
			return "", err
		}
		q.account, q.secretAccount = "quickbooks:"+id, "intuit-client-secret:"+id
	}
	return q.account, nil
}

// SaveAppSettings saves the QuickBooks app configuration; the secret goes to
// the OS keychain and nowhere else. A connection belongs to the app it was
// made with, so changing app while connected is refused.
func (q *QuickBooks) SaveAppSettings(in QBOAppSettingsInput) (QBOAppSettings, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	ctx := q.app.ctx
	if _, err := q.accountsLocked(); err != nil {
		return QBOAppSettings{}, err
	}
	in.ClientID, in.RedirectURI = strings.TrimSpace(in.ClientID), strings.TrimSpace(in.RedirectURI)
	in.ClientSecret = strings.TrimSpace(in.ClientSecret)

	fields := map[string]string{}
	known := false
	for _, e := range environments {
		known = known || e.ID == in.Environment
	}
	if !known {
		fields["environment"] = "Choose where QuickBooks is."
	}
	if p := checkRedirectURI(in.Environment, in.RedirectURI); p != "" {
		fields["redirectUri"] = p
	}
	current, err := q.appSettingsLocked()
	if err != nil {
		return QBOAppSettings{}, err
	}
	if in.Environment != "embedded" {
		if in.ClientID == "" && q.cfg.Overrides.ClientID == "" {
			fields["clientId"] = "Enter the client ID of the firm's Intuit app."
		}
		if in.ClientSecret == "" && !current.HasSecret {
			fields["clientSecret"] = "Enter the client secret of the firm's Intuit app."
		}
	}
	if len(fields) > 0 {
		return QBOAppSettings{}, &practice.Error{Code: practice.EINVALID, Message: "The QuickBooks app settings were not saved.", Fields: fields}
	}
	if conn, err := q.conns.Get(ctx); err != nil {
		return QBOAppSettings{}, err
	} else if conn != nil && (in.Environment != current.Environment || in.ClientID != current.ClientID) {
		return QBOAppSettings{}, practice.Errorf(practice.ECONFLICT,
			"Disconnect from QuickBooks first: the connection belongs to the app it was made with.")
	}

	if in.ClientSecret != "" {
		if err := q.cfg.Keychain.Set(keychainService, q.secretAccount, in.ClientSecret); err != nil {
			return QBOAppSettings{}, practice.Errorf(practice.EINVALID, "%s", plainConnectError(err))
		}
	}
	for key, v := range map[string]string{settingEnvironment: string(in.Environment), settingClientID: in.ClientID, settingRedirectURI: in.RedirectURI} {
		if err := q.settings.Set(ctx, key, v); err != nil {
			return QBOAppSettings{}, err
		}
	}
	q.manager = nil // the next use builds one for the new settings
	q.app.log.Info("QuickBooks app settings saved", "environment", in.Environment)
	return q.appSettingsLocked()
}
