package connect

import (
	"fmt"
	"net/url"
	"strings"
)

// Environment names the QuickBooks service a connection talks to.
type Environment string

// The environments Ledgerlink can connect to.
const (
	// Embedded is the app's in-process sandbox on a loopback port.
	Embedded Environment = "embedded"
	// IntuitSandbox is Intuit's developer sandbox companies.
	IntuitSandbox Environment = "intuit-sandbox"
	// IntuitProduction is real QuickBooks Online companies.
	IntuitProduction Environment = "intuit-production"
)

// Valid reports whether e is one of the known environments.
func (e Environment) Valid() bool {
	return e == Embedded || e == IntuitSandbox || e == IntuitProduction
}

// Label is the environment's name as the accountant reads it.
func (e Environment) Label() string {
	switch e {
	case Embedded:
		return "the built-in demo company"
	case IntuitSandbox:
		return "an Intuit sandbox company"
	case IntuitProduction:
		return "QuickBooks Online"
	}
	return string(e)
}

// Endpoints are the four addresses a connection uses. Each can be overridden
// on its own, so any QuickBooks-compatible server can be targeted.
type Endpoints struct {
	AuthURL   string // the consent page the browser opens
	TokenURL  string // code exchange and refresh
	RevokeURL string // ends a connection
	APIBase   string // the Accounting API host, without /v3
}

// Intuit's own addresses. The authorization, token and revoke endpoints are
// the same for sandbox and production keys; only the API host differs.
const (
	intuitAuthURL       = "https://appcenter.intuit.com/connect/oauth2"
	intuitTokenURL      = "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer"
	intuitRevokeURL     = "https://developer.api.intuit.com/v2/oauth2/tokens/revoke"
	intuitSandboxAPI    = "https://sandbox-quickbooks.api.intuit.com"
	intuitProductionAPI = "https://quickbooks.api.intuit.com"
)

// IntuitEndpoints returns Intuit's real endpoints for env. Embedded has no
// Intuit endpoints: it gets the zero Endpoints (use SandboxEndpoints).
func IntuitEndpoints(env Environment) Endpoints {
	e := Endpoints{AuthURL: intuitAuthURL, TokenURL: intuitTokenURL, RevokeURL: intuitRevokeURL}
	switch env {
	case IntuitSandbox:
		e.APIBase = intuitSandboxAPI
	case IntuitProduction:
		e.APIBase = intuitProductionAPI
	default:
		return Endpoints{}
	}
	return e
}

// SandboxEndpoints returns the endpoints of a local QuickBooks-compatible
// sandbox at base (e.g. "http://127.0.0.1:8790"), which serves all four from
// one host at Intuit's paths.
func SandboxEndpoints(base string) Endpoints {
	base = strings.TrimRight(base, "/")
	return Endpoints{
		AuthURL:   base + "/connect/oauth2",
		TokenURL:  base + "/oauth2/v1/tokens/bearer",
		RevokeURL: base + "/v2/oauth2/tokens/revoke",
		APIBase:   base,
	}
}

// IsZero reports whether no endpoint is set.
func (e Endpoints) IsZero() bool { return e == Endpoints{} }

// validate checks that every endpoint is an absolute http(s) URL, naming
// the first one that is not.
func (e Endpoints) validate() error {
	for _, f := range []struct{ name, v string }{
		{"authorization", e.AuthURL}, {"token", e.TokenURL},
		{"revoke", e.RevokeURL}, {"API", e.APIBase},
	} {
		u, err := url.Parse(f.v)
		if f.v == "" || err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			return fmt.Errorf("the QuickBooks %s address %q is not a web address (it must start with https://)", f.name, f.v)
		}
	}
	return nil
}
