package connect

import (
	"strings"
	"testing"
)

func TestIntuitEndpoints_AreIntuitsAddresses(t *testing.T) {
	sb, prod := IntuitEndpoints(IntuitSandbox), IntuitEndpoints(IntuitProduction)
	if sb.AuthURL != "https://appcenter.intuit.com/connect/oauth2" ||
		sb.TokenURL != "https://oauth.platform.intuit.com/oauth2/v1/tokens/bearer" ||
		sb.RevokeURL != "https://developer.api.intuit.com/v2/oauth2/tokens/revoke" ||
		sb.APIBase != "https://sandbox-quickbooks.api.intuit.com" {
		t.Fatalf("sandbox: %+v", sb)
	}
	if prod.APIBase != "https://quickbooks.api.intuit.com" || prod.TokenURL != sb.TokenURL {
		t.Fatalf("production: %+v", prod)
	}
	if !IntuitEndpoints(Embedded).IsZero() {
		t.Fatal("the built-in sandbox has no Intuit endpoints")
	}
	local := SandboxEndpoints("http://127.0.0.1:8790/")
	if local.AuthURL != "http://127.0.0.1:8790/connect/oauth2" || local.APIBase != "http://127.0.0.1:8790" ||
		local.RevokeURL != "http://127.0.0.1:8790/v2/oauth2/tokens/revoke" {
		t.Fatalf("local sandbox: %+v", local)
	}
}

func TestParseRedirect_LoopbackGetsListenerOthersPaste(t *testing.T) {
	for _, c := range []struct {
		uri            string
		bind, hostport string // "" means paste fallback
		path           string
	}{
		{"http://127.0.0.1:8765/callback", "127.0.0.1:8765", "127.0.0.1:8765", "/callback"},
		{"http://LOCALHOST:8765/cb", "127.0.0.1:8765", "localhost:8765", "/cb"},
		{"http://[::1]:8765/", "[::1]:8765", "[::1]:8765", "/"},
		{"http://127.0.0.1/callback", "127.0.0.1:80", "127.0.0.1:80", "/callback"},
		{"https://localhost:8765/callback", "", "", ""},
		{"https://app.example.com/quickbooks/callback", "", "", ""},
		{"http://192.168.1.5:8765/callback", "", "", ""},
	} {
		lb, err := parseRedirect(c.uri)
		if err != nil {
			t.Fatalf("%s: %v", c.uri, err)
		}
		if c.bind == "" {
			if lb != nil {
				t.Errorf("%s: listener %+v, want the paste fallback", c.uri, lb)
			}
			continue
		}
		if lb == nil || lb.bind != c.bind || lb.hostport != c.hostport || lb.path != c.path {
			t.Errorf("%s: %+v", c.uri, lb)
		}
	}
	for _, bad := range []string{"", "callback", "ftp://127.0.0.1/x", "http://127.0.0.1:1/cb?x=1"} {
		if _, err := parseRedirect(bad); err == nil {
			t.Errorf("%q should be refused", bad)
		}
	}
}

func TestNewManager_RefusesIncompleteConfig(t *testing.T) {
	good := Config{Environment: IntuitSandbox, Account: "quickbooks:test",
		App: App{ClientID: "id", ClientSecret: "shh-secret", RedirectURI: "http://localhost:8765/callback"}}
	if m, err := NewManager(good); err != nil || m.Endpoints() != IntuitEndpoints(IntuitSandbox) {
		t.Fatalf("good config: %v", err)
	}
	for name, mod := range map[string]func(*Config){
		"no environment":     func(c *Config) { c.Environment = "" },
		"embedded, no URLs":  func(c *Config) { c.Environment = Embedded },
		"no client id":       func(c *Config) { c.App.ClientID = "" },
		"no account":         func(c *Config) { c.Account = "" },
		"bad redirect":       func(c *Config) { c.App.RedirectURI = "localhost:8765" },
		"bad token endpoint": func(c *Config) { c.Endpoints = IntuitEndpoints(IntuitSandbox); c.Endpoints.TokenURL = "tokens" },
	} {
		c := good
		mod(&c)
		_, err := NewManager(c)
		if err == nil {
			t.Errorf("%s: accepted", name)
		} else if strings.Contains(err.Error(), "shh-secret") {
			t.Errorf("%s: the secret is in the error", name)
		}
	}
}
