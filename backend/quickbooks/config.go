package quickbooks

import (
	"fmt"
	"net/url"
	"os"

	"ledgerlink/backend/connect"
)

// Settings keys of the QuickBooks app configuration (none of them secret).
const (
	settingEnvironment = "qbo.environment"
	settingClientID    = "qbo.client_id"
	settingRedirectURI = "qbo.redirect_uri"
)

// keychainService names Ledgerlink's items in the OS keychain.
const keychainService = connect.DefaultService

// accounts are the keychain accounts of one database: the connection's
// grant and the Intuit app's client secret. The install id keeps two
// databases on one computer from sharing a connection by accident.
type accounts struct{ grant, secret string }

func accountsFor(installID string) accounts {
	return accounts{grant: "quickbooks:" + installID, secret: "intuit-client-secret:" + installID}
}

// DefaultRedirectURI is the loopback address Ledgerlink listens on for the
// OAuth answer unless another is configured. Intuit compares redirect URIs
// exactly, so the firm registers this one (or its own) with its Intuit app.
const DefaultRedirectURI = "http://localhost:8765/callback"

// embeddedRedirectURI is the built-in sandbox's registered address.
const embeddedRedirectURI = "http://127.0.0.1:8765/callback"

// EnvironmentChoice is one place QuickBooks can live, as the app settings
// form offers it.
type EnvironmentChoice struct {
	ID    connect.Environment `json:"id"`
	Label string              `json:"label"`
}

// Environments are the choices, in the order the form lists them.
var Environments = []EnvironmentChoice{
	{ID: connect.Embedded, Label: "Built-in sandbox (demo company)"},
	{ID: connect.IntuitSandbox, Label: "Intuit sandbox company"},
	{ID: connect.IntuitProduction, Label: "QuickBooks Online (production)"},
}

// environmentLabel is env's name in the settings form and the status.
func environmentLabel(env connect.Environment) string {
	for _, e := range Environments {
		if e.ID == env {
			return e.Label
		}
	}
	return string(env)
}

// Overrides fix QuickBooks settings from the command line or the
// environment, so any QBO-compatible server can be targeted; they win over
// what Settings saved. Source says, per field, what set it.
type Overrides struct {
	Environment string
	APIBase     string
	AuthURL     string
	TokenURL    string
	RevokeURL   string
	ClientID    string
	RedirectURI string
	Source      map[string]string
}

// Override is one overridable setting: the field name (as the settings
// form and Overrides.Source name it), its flag and its variable.
type Override struct{ Field, Flag, Env string }

// OverrideList lists the overrides; the verbs add a flag for each.
var OverrideList = []Override{
	{"environment", "qbo-environment", "LEDGERLINK_QBO_ENVIRONMENT"},
	{"apiBase", "qbo-api-base", "LEDGERLINK_QBO_API_BASE"},
	{"authUrl", "qbo-auth-url", "LEDGERLINK_QBO_AUTH_URL"},
	{"tokenUrl", "qbo-token-url", "LEDGERLINK_QBO_TOKEN_URL"},
	{"revokeUrl", "qbo-revoke-url", "LEDGERLINK_QBO_REVOKE_URL"},
	{"clientId", "qbo-client-id", "LEDGERLINK_QBO_CLIENT_ID"},
	{"redirectUri", "qbo-redirect-uri", "LEDGERLINK_QBO_REDIRECT_URI"},
}

func (o *Overrides) field(name string) *string {
	switch name {
	case "environment":
		return &o.Environment
	case "apiBase":
		return &o.APIBase
	case "authUrl":
		return &o.AuthURL
	case "tokenUrl":
		return &o.TokenURL
	case "revokeUrl":
		return &o.RevokeURL
	case "clientId":
		return &o.ClientID
	case "redirectUri":
		return &o.RedirectURI
	}
	panic(fmt.Sprintf("quickbooks: no override named %q", name))
}

// Set records a value for field (as OverrideList names it) and its source.
// An empty value sets nothing.
func (o *Overrides) Set(field, value, source string) {
	if value == "" {
		return
	}
	*o.field(field) = value
	if o.Source == nil {
		o.Source = map[string]string{}
	}
	o.Source[field] = source
}

// FromEnvironment fills unset fields from the LEDGERLINK_QBO_* variables.
func (o *Overrides) FromEnvironment() {
	for _, e := range OverrideList {
		if *o.field(e.Field) == "" {
			o.Set(e.Field, os.Getenv(e.Env), "the environment variable "+e.Env)
		}
	}
}

// checkRedirectURI returns a field problem with a redirect URI, or "".
func checkRedirectURI(env connect.Environment, raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "Enter a full address such as " + DefaultRedirectURI + "."
	}
	if env == connect.IntuitProduction && u.Scheme != "https" {
		return fmt.Sprintf("Intuit production apps need an https redirect URI (not %s://).", u.Scheme)
	}
	return ""
}
