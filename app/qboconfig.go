package app

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"

	"ledgerlink/backend/connect"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/qbo/sandbox"
)

// Settings keys of the QuickBooks app configuration (none of them secret).
const (
	settingEnvironment = "qbo.environment"
	settingClientID    = "qbo.client_id"
	settingRedirectURI = "qbo.redirect_uri"
)

// keychainService names Ledgerlink's items in the OS keychain.
const keychainService = "Ledgerlink"

// DefaultRedirectURI is the loopback address Ledgerlink listens on for the
// OAuth answer unless another is configured. Intuit compares redirect URIs
// exactly, so the firm registers this one (or its own) with its Intuit app.
const DefaultRedirectURI = "http://localhost:8765/callback"

// embeddedRedirectURI is the built-in sandbox's default registered address.
const embeddedRedirectURI = "http://127.0.0.1:8765/callback"

var environments = []EnvironmentChoice{
	{ID: connect.Environment("embedded"), Label: "Built-in sandbox (demo company)"},
	{ID: connect.Environment("intuit-sandbox"), Label: "Intuit sandbox company"},
	{ID: connect.Environment("intuit-production"), Label: "QuickBooks Online (production)"},
}

// EnvironmentChoice is one place QuickBooks can live.
type EnvironmentChoice struct {
	ID    connect.Environment `json:"id"`
	Label string              `json:"label"`
}

func environmentLabel(env connect.Environment) string {
	for _, e := range environments {
		if e.ID == env {
			return e.Label
		}
	}
	return string(env)
}

// QBOOverrides fix QuickBooks settings from the command line or the
// environment, so any QBO-compatible server can be targeted; they win over
// what Settings saved. Source says, per field, what set it.
type QBOOverrides struct {
	Environment string
	APIBase     string
	AuthURL     string
	TokenURL    string
	RevokeURL   string
	ClientID    string
	RedirectURI string
	Source      map[string]string
}

// overrideEnv lists the environment variables, by the field they set.
var overrideEnv = []struct{ field, env, flag string }{
	{"environment", "LEDGERLINK_QBO_ENVIRONMENT", "qbo-environment"},
	{"apiBase", "LEDGERLINK_QBO_API_BASE", "qbo-api-base"},
	{"authUrl", "LEDGERLINK_QBO_AUTH_URL", "qbo-auth-url"},
	{"tokenUrl", "LEDGERLINK_QBO_TOKEN_URL", "qbo-token-url"},
	{"revokeUrl", "LEDGERLINK_QBO_REVOKE_URL", "qbo-revoke-url"},
	{"clientId", "LEDGERLINK_QBO_CLIENT_ID", "qbo-client-id"},
	{"redirectUri", "LEDGERLINK_QBO_REDIRECT_URI", "qbo-redirect-uri"},
}

func (o *QBOOverrides) field(name string) *string {
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
	default:
		return &o.RedirectURI
	}
}

// OverrideFlags are the command-line names of the overrides, with the
// environment variable each one defaults to.
func OverrideFlags() []struct{ Field, Flag, Env string } {
	out := make([]struct{ Field, Flag, Env string }, len(overrideEnv))
	for i, o := range overrideEnv {
		out[i] = struct{ Field, Flag, Env string }{o.field, o.flag, o.env}
	}
	return out
}

// Set records a value for field (as OverrideFlags names it) and its source.
func (o *QBOOverrides) Set(field, value, source string) {
	if value == "" {
		return
	}
	*o.field(field) = value
	if o.Source == nil {
		o.Source = map[string]string{}
	}
	o.Source[field] = source
}

// FromEnvironment fills unset fields from LEDGERLINK_QBO_* variables.
func (o *QBOOverrides) FromEnvironment() {
	for _, e := range overrideEnv {
		if *o.field(e.field) == "" {
			o.Set(e.field, os.Getenv(e.env), "the environment variable "+e.env)
		}
	}
}

// qboSetup is the resolved QuickBooks configuration.
type qboSetup struct {
	env       connect.Environment
	endpoints connect.Endpoints
	app       connect.App
}

// resolveSetup combines saved settings, overrides and defaults. The secret
// comes from the keychain (or, for the built-in sandbox, is its known one).
func (q *QuickBooks) resolveSetup(ctx context.Context) (qboSetup, error) {
	get := func(key string) string {
		v, _, _ := q.settings.Get(ctx, key)
		return v
	}
	o := q.cfg.Overrides
	s := qboSetup{env: connect.Environment(first(o.Environment, get(settingEnvironment), "embedded"))}
	switch s.env {
	case "embedded":
		e, err := q.embeddedSandbox()
		if err != nil {
			return s, err
		}
		s.endpoints = connect.SandboxEndpoints(e.BaseURL())
		s.app = connect.App{ClientID: sandbox.DefaultClientID, ClientSecret: sandbox.DefaultClientSecret,
			RedirectURI: first(o.RedirectURI, embeddedRedirectURI)}
	case "intuit-sandbox", "intuit-production":
		s.endpoints = connect.IntuitEndpoints(s.env)
		s.app = connect.App{ClientID: first(o.ClientID, get(settingClientID)),
			RedirectURI: first(o.RedirectURI, get(settingRedirectURI), DefaultRedirectURI)}
		secret, err := q.cfg.Keychain.Get(keychainService, q.secretAccount)
		if err != nil && !errors.Is(err, connect.ErrNotFound) {
			return s, err
		}
		s.app.ClientSecret = secret
		if s.app.ClientID == "" || s.app.ClientSecret == "" {
			return s, practice.Errorf(practice.EINVALID,
				"Enter the Intuit app's client ID and secret in Settings → QuickBooks app before connecting.")
		}
	default:
		return s, practice.Errorf(practice.EINVALID, "Unknown QuickBooks environment %q.", s.env)
	}
	for _, f := range []struct {
		dst *string
		v   string
	}{
		{&s.endpoints.APIBase, o.APIBase}, {&s.endpoints.AuthURL, o.AuthURL},
		{&s.endpoints.TokenURL, o.TokenURL}, {&s.endpoints.RevokeURL, o.RevokeURL},
	} {
		if f.v != "" {
			*f.dst = f.v
		}
	}
	return s, nil
}

// embeddedSandbox starts the built-in sandbox on first use.
func (q *QuickBooks) embeddedSandbox() (*Embedded, error) {
	if q.embedded != nil {
		return q.embedded, nil
	}
	redirect := first(q.cfg.Overrides.RedirectURI, embeddedRedirectURI)
	e, err := StartEmbedded(q.cfg.DBPath+".sandbox.json", redirect, q.app.log)
	if err != nil {
		return nil, err
	}
	q.embedded = e
	return e, nil
}

// checkRedirectURI returns a field problem with a redirect URI, or "".
func checkRedirectURI(env connect.Environment, raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return "Enter a full address such as http://localhost:8765/callback."
	}
	if env == "intuit-production" && u.Scheme != "https" {
		return fmt.Sprintf("Intuit production apps need an https redirect URI (not %s://).", u.Scheme)
	}
	return ""
}

func first(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}
