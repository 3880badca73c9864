package sandbox

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

const testRedirect = "http://localhost:8765/callback"

// noFollow is an HTTP client that shows redirects instead of following them.
func (e *env) noFollow() *http.Client {
	c := *e.ts.Client()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

// authorizeURL builds the consent page URL as a client would.
func (e *env) authorizeURL(extra url.Values) string {
	q := url.Values{"client_id": {DefaultClientID}, "response_type": {"code"},
		"scope": {accountingScope}, "redirect_uri": {testRedirect}, "state": {"st-123"}}
	for k, v := range extra {
		q[k] = v
	}
	return e.ts.URL + "/connect/oauth2?" + q.Encode()
}

// consent opens the consent page, then presses a button (decision
// "connect" or "deny") the way a browser submits the form, and returns the
// redirect's query.
func (e *env) consent(extra url.Values, decision string) url.Values {
	e.t.Helper()
	resp, err := e.noFollow().Get(e.authorizeURL(extra))
	if err != nil {
		e.t.Fatal(err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(page), `value="connect"`) ||
		!strings.Contains(string(page), ">Connect</button>") {
		e.t.Fatalf("consent page: %d %s", resp.StatusCode, page)
	}
	form := url.Values{"decision": {decision}}
	for _, k := range []string{"client_id", "redirect_uri", "response_type", "scope", "state", "code_challenge", "code_challenge_method"} {
		if v := hiddenValue(string(page), k); v != "" {
			form.Set(k, v)
		}
	}
	resp, err = e.noFollow().PostForm(e.ts.URL+"/connect/oauth2", form)
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		e.t.Fatalf("consent answer: %d", resp.StatusCode)
	}
	loc, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || !strings.HasPrefix(loc.String(), testRedirect+"?") {
		e.t.Fatalf("redirect to %q", resp.Header.Get("Location"))
	}
	return loc.Query()
}

// hiddenValue pulls a hidden field's value out of the consent page.
func hiddenValue(page, name string) string {
	marker := `name="` + name + `" value="`
	i := strings.Index(page, marker)
	if i < 0 {
		return ""
	}
	rest := page[i+len(marker):]
	v := rest[:strings.Index(rest, `"`)]
	return strings.NewReplacer("&amp;", "&", "&#43;", "+", "&#34;", `"`, "&#39;", "'", "&lt;", "<", "&gt;", ">").Replace(v)
}

// tokenCall posts to the token endpoint with HTTP Basic client auth.
func (e *env) tokenCall(form url.Values, header map[string]string) (int, map[string]any) {
	e.t.Helper()
	req, _ := http.NewRequest("POST", e.ts.URL+"/oauth2/v1/tokens/bearer", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	if form.Get("client_secret") == "" {
		req.SetBasicAuth(DefaultClientID, DefaultClientSecret)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("intuit_tid") == "" {
		e.t.Error("token endpoint answered without intuit_tid")
	}
	var m map[string]any
	dec := json.NewDecoder(resp.Body)
	dec.UseNumber()
	_ = dec.Decode(&m)
	return resp.StatusCode, m
}

func s256(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

const verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"

func TestOAuth_ConnectWithPKCE_ReturnsCodeStateRealm_AndTokensThatWork(t *testing.T) {
	e := newEnv(t)
	cb := e.consent(url.Values{"code_challenge": {s256(verifier)}, "code_challenge_method": {"S256"}}, "connect")
	if cb.Get("state") != "st-123" || cb.Get("realmId") != e.realm || cb.Get("code") == "" {
		t.Fatalf("callback query %v", cb)
	}
	status, tok := e.tokenCall(url.Values{"grant_type": {"authorization_code"}, "code": {cb.Get("code")},
		"redirect_uri": {testRedirect}, "code_verifier": {verifier}}, nil)
	if status != http.StatusOK {
		t.Fatalf("exchange: %d %v", status, tok)
	}
	if tok["token_type"] != "bearer" || str(tok["expires_in"]) != "3600" || str(tok["x_refresh_token_expires_in"]) != "8726400" {
		t.Errorf("token response %v", tok)
	}
	if _, ok := tok["x_refresh_token_hard_expires_in"]; ok {
		t.Errorf("hard expiry sent without being asked for")
	}
	status, m := e.callWith("GET", "/v3/company/"+e.realm+"/companyinfo/"+e.realm, nil, str(tok["access_token"]))
	if status != http.StatusOK || str(obj(m["CompanyInfo"])["Country"]) != "US" {
		t.Fatalf("API with the new token: %d %v", status, m)
	}
}

// Intuit's discovery document advertises no PKCE, and its own clients
// never send a code_challenge: an authorization without one must complete.
func TestOAuth_ConnectWithoutPKCE_AsIntuitsOwnClientsDo_TokensWork(t *testing.T) {
	e := newEnv(t)
	cb := e.consent(nil, "connect")
	if cb.Get("code") == "" || cb.Get("error") != "" {
		t.Fatalf("callback query %v", cb)
	}
	status, tok := e.tokenCall(url.Values{"grant_type": {"authorization_code"}, "code": {cb.Get("code")},
		"redirect_uri": {testRedirect}}, nil)
	if status != http.StatusOK {
		t.Fatalf("exchange without a verifier: %d %v", status, tok)
	}
	if status, m := e.callWith("GET", "/v3/company/"+e.realm+"/companyinfo/"+e.realm, nil, str(tok["access_token"])); status != http.StatusOK {
		t.Fatalf("API with the new token: %d %v", status, m)
	}
}

func TestOAuth_ChallengeSent_WrongOrMissingVerifierRefused(t *testing.T) {
	e := newEnv(t)
	for name, v := range map[string]url.Values{
		"Wrong": {"code_verifier": {"x" + verifier[1:]}}, "Missing": nil,
	} {
		cb := e.consent(url.Values{"code_challenge": {s256(verifier)}, "code_challenge_method": {"S256"}}, "connect")
		f := url.Values{"grant_type": {"authorization_code"}, "code": {cb.Get("code")}, "redirect_uri": {testRedirect}}
		for k, x := range v {
			f[k] = x
		}
		if status, m := e.tokenCall(f, nil); status != http.StatusBadRequest || m["error"] != "invalid_grant" {
			t.Errorf("%s verifier: %d %v, want invalid_grant", name, status, m)
		}
	}
}

func TestOAuth_Deny_RedirectsWithAccessDenied(t *testing.T) {
	e := newEnv(t)
	cb := e.consent(nil, "deny")
	if cb.Get("error") != "access_denied" || cb.Get("state") != "st-123" || cb.Get("code") != "" {
		t.Fatalf("callback query %v", cb)
	}
}

func TestOAuth_Authorize_UnregisteredRedirectOrClient_ShowsErrorWithoutRedirecting(t *testing.T) {
	e := newEnv(t)
	for name, extra := range map[string]url.Values{
		"OtherPort":     {"redirect_uri": {"http://localhost:9999/callback"}},
		"TrailingSlash": {"redirect_uri": {testRedirect + "/"}},
		"OtherPath":     {"redirect_uri": {"http://localhost:8765/cb"}},
		"HTTPS":         {"redirect_uri": {"https://localhost:8765/callback"}},
		"UnknownClient": {"client_id": {"someone-else"}},
	} {
		t.Run(name, func(t *testing.T) {
			resp, err := e.noFollow().Get(e.authorizeURL(extra))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Location") != "" {
				t.Fatalf("%d Location=%q", resp.StatusCode, resp.Header.Get("Location"))
			}
		})
	}
}

func TestOAuth_Authorize_BadRequestRedirectsWithError(t *testing.T) {
	e := newEnv(t)
	for name, tc := range map[string]struct {
		extra url.Values
		want  string
	}{
		"ResponseType": {url.Values{"response_type": {"token"}}, "unsupported_response_type"},
		"UnknownScope": {url.Values{"scope": {"com.example.everything"}}, "invalid_scope"},
		"NoState":      {url.Values{"state": {""}}, "invalid_request"},
		"PKCEMethod":   {url.Values{"code_challenge": {"x"}, "code_challenge_method": {"S512"}}, "invalid_request"},
	} {
		t.Run(name, func(t *testing.T) {
			resp, err := e.noFollow().Get(e.authorizeURL(tc.extra))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			loc, _ := url.Parse(resp.Header.Get("Location"))
			if resp.StatusCode != http.StatusFound || loc.Query().Get("error") != tc.want {
				t.Fatalf("%d %s", resp.StatusCode, loc)
			}
		})
	}
}

func TestOAuth_CodeExchange_Refusals(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.AuthCodeTTL = time.Minute })
	pkce := url.Values{"code_challenge": {s256(verifier)}, "code_challenge_method": {"S256"}}
	plain := url.Values{"code_challenge": {"plain-verifier-0123456789-0123456789-0123"}, "code_challenge_method": {"plain"}}
	exchange := func(code string, more url.Values) (int, map[string]any) {
		f := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {testRedirect}}
		for k, v := range more {
			f[k] = v
		}
		return e.tokenCall(f, nil)
	}
	cases := []struct {
		name    string
		auth    url.Values
		more    url.Values
		advance time.Duration
		status  int
		err     string
	}{
		{"S256_RightVerifier", pkce, url.Values{"code_verifier": {verifier}}, 0, 200, ""},
		{"S256_WrongVerifier", pkce, url.Values{"code_verifier": {"x" + verifier[1:]}}, 0, 400, "invalid_grant"},
		{"S256_NoVerifier", pkce, nil, 0, 400, "invalid_grant"},
		{"Plain_RightVerifier", plain, url.Values{"code_verifier": {"plain-verifier-0123456789-0123456789-0123"}}, 0, 200, ""},
		{"Plain_WrongVerifier", plain, url.Values{"code_verifier": {"nope"}}, 0, 400, "invalid_grant"},
		{"NoChallenge_VerifierIgnored", nil, url.Values{"code_verifier": {verifier}}, 0, 200, ""},
		{"OtherRedirectURI", nil, url.Values{"redirect_uri": {"http://127.0.0.1:8765/callback"}}, 0, 400, "invalid_grant"},
		{"ExpiredCode", nil, nil, 2 * time.Minute, 400, "invalid_grant"},
		{"UnknownCode", nil, url.Values{"code": {"AB11nonsense"}}, 0, 400, "invalid_grant"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cb := e.consent(tc.auth, "connect")
			e.clock.Advance(tc.advance)
			status, m := exchange(cb.Get("code"), tc.more)
			if status != tc.status || (tc.err != "" && m["error"] != tc.err) {
				t.Fatalf("%d %v", status, m)
			}
		})
	}
	t.Run("CodeWorksOnce", func(t *testing.T) {
		cb := e.consent(nil, "connect")
		if status, m := exchange(cb.Get("code"), nil); status != 200 {
			t.Fatalf("first: %d %v", status, m)
		}
		if status, m := exchange(cb.Get("code"), nil); status != 400 || m["error"] != "invalid_grant" {
			t.Fatalf("second: %d %v", status, m)
		}
	})
}

func TestOAuth_ClientAuthentication_BasicOrPostOrRefused(t *testing.T) {
	e := newEnv(t)
	cb := e.consent(nil, "connect")
	status, m := e.tokenCall(url.Values{"grant_type": {"authorization_code"}, "code": {cb.Get("code")},
		"redirect_uri": {testRedirect}, "client_id": {DefaultClientID}, "client_secret": {DefaultClientSecret}}, nil)
	if status != http.StatusOK {
		t.Fatalf("client_secret_post: %d %v", status, m)
	}
	status, m = e.tokenCall(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {str(m["refresh_token"])},
		"client_id": {DefaultClientID}, "client_secret": {"wrong"}}, nil)
	if status != http.StatusUnauthorized || m["error"] != "invalid_client" {
		t.Fatalf("wrong secret: %d %v", status, m)
	}
}

// refresh uses a refresh token at the token endpoint.
func (e *env) refresh(rt string) (int, map[string]any) {
	e.t.Helper()
	return e.tokenCall(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}}, nil)
}

func TestOAuth_RefreshWithin24Hours_AnswersTheSameRefreshToken_AndANewAccessToken(t *testing.T) {
	e := newEnv(t)
	issued := e.srv.IssueTokens()
	e.clock.Advance(10 * time.Hour)
	status, m := e.refresh(issued.RefreshToken)
	if status != http.StatusOK || str(m["refresh_token"]) != issued.RefreshToken {
		t.Fatalf("refresh after 10 h: %d %v, want the same refresh token back", status, m)
	}
	if at := str(m["access_token"]); at == "" || at == issued.AccessToken {
		t.Errorf("access token %q: want a new one", at)
	}
	if str(m["x_refresh_token_expires_in"]) != "8726400" {
		t.Errorf("x_refresh_token_expires_in %v: the lifetime rolls forward on use", m["x_refresh_token_expires_in"])
	}
	e.clock.Advance(13 * time.Hour) // 23 h after its issue
	status, m = e.refresh(issued.RefreshToken)
	if status != http.StatusOK || str(m["refresh_token"]) != issued.RefreshToken {
		t.Fatalf("refresh after 23 h: %d %v, want the same refresh token back", status, m)
	}
	if status, api := e.callWith("GET", "/v3/company/"+e.realm+"/preferences", nil, str(m["access_token"])); status != http.StatusOK {
		t.Errorf("the new access token: %d %v", status, api)
	}
}

func TestOAuth_RefreshAfter24Hours_Rotates_OldTokenWorksDuringGraceThenInvalidGrant(t *testing.T) {
	e := newEnv(t) // RefreshGrace 24 h, Intuit's
	first := e.srv.IssueTokens().RefreshToken
	e.clock.Advance(24 * time.Hour)
	status, m := e.refresh(first)
	second := str(m["refresh_token"])
	if status != http.StatusOK || second == first || second == "" {
		t.Fatalf("refresh 24 h after issue: %d %v, want a new refresh token", status, m)
	}
	e.clock.Advance(23 * time.Hour)
	if status, m := e.refresh(first); status != http.StatusOK || str(m["refresh_token"]) != second {
		t.Fatalf("replaced token inside the grace period: %d %v (want the newest refresh token back)", status, m)
	}
	if status, m := e.refresh(second); status != http.StatusOK || str(m["refresh_token"]) != second {
		t.Fatalf("the new token within 24 h of its issue: %d %v, want it back", status, m)
	}
	e.clock.Advance(2 * time.Hour)
	if status, m := e.refresh(first); status != http.StatusBadRequest || m["error"] != "invalid_grant" {
		t.Fatalf("replaced token after the grace period: %d %v", status, m)
	}
}

func TestOAuth_RotateEveryRefresh_NewTokenEachTime_OldOneWorksDuringGraceThenInvalidGrant(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.RotateEveryRefresh, o.RefreshGrace = true, 10*time.Minute })
	first := e.srv.IssueTokens().RefreshToken
	status, m := e.refresh(first)
	if status != http.StatusOK {
		t.Fatalf("refresh: %d %v", status, m)
	}
	second := str(m["refresh_token"])
	if second == first || second == "" {
		t.Fatalf("refresh token did not rotate: %q", second)
	}
	e.clock.Advance(5 * time.Minute)
	status, m = e.refresh(first)
	if status != http.StatusOK || str(m["refresh_token"]) != second {
		t.Fatalf("old token inside the grace period: %d %v (want the newest refresh token back)", status, m)
	}
	e.clock.Advance(6 * time.Minute)
	if status, m = e.refresh(first); status != http.StatusBadRequest || m["error"] != "invalid_grant" {
		t.Fatalf("old token after the grace period: %d %v", status, m)
	}
	if status, m = e.refresh(second); status != http.StatusOK || str(m["refresh_token"]) == second {
		t.Fatalf("newest token: %d %v, want it rotated in turn", status, m)
	}
}

func TestOAuth_RefreshToken_ExpiresAfterItsLifetime_AndRollsForwardOnUse(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.RefreshTokenTTL = time.Hour })
	rt := e.srv.IssueTokens().RefreshToken
	e.clock.Advance(50 * time.Minute)
	status, m := e.tokenCall(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}}, nil)
	if status != http.StatusOK || str(m["x_refresh_token_expires_in"]) != "3600" {
		t.Fatalf("refresh before expiry: %d %v", status, m)
	}
	e.clock.Advance(61 * time.Minute)
	status, m = e.tokenCall(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {str(m["refresh_token"])}}, nil)
	if status != http.StatusBadRequest || m["error"] != "invalid_grant" {
		t.Fatalf("refresh after expiry: %d %v", status, m)
	}
}

func TestOAuth_HardExpiry_SentOnlyWhenTheHeaderAsksForIt(t *testing.T) {
	e := newEnv(t)
	rt := e.srv.IssueTokens().RefreshToken
	for name, header := range map[string]map[string]string{
		"NoHeader": nil, "False": {"x-include-refresh-token-hard-expires-in": "false"},
		"OtherHeader": {"x-include-refresh-token-expires-in": "true"},
	} {
		status, m := e.tokenCall(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}}, header)
		if _, sent := m["x_refresh_token_hard_expires_in"]; status != http.StatusOK || sent {
			t.Errorf("%s: %d %v, want no x_refresh_token_hard_expires_in", name, status, m)
		}
	}
	e.clock.Advance(time.Hour)
	status, m := e.tokenCall(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {rt}},
		map[string]string{"x-include-refresh-token-hard-expires-in": "true"})
	if status != http.StatusOK || str(m["x_refresh_token_hard_expires_in"]) != "157676400" {
		t.Fatalf("asked for: %d %v, want five years less the hour gone by", status, m)
	}
	cb := e.consent(nil, "connect")
	status, m = e.tokenCall(url.Values{"grant_type": {"authorization_code"}, "code": {cb.Get("code")}, "redirect_uri": {testRedirect}},
		map[string]string{"X-Include-Refresh-Token-Hard-Expires-In": "TRUE"})
	if status != http.StatusOK || str(m["x_refresh_token_hard_expires_in"]) != "157680000" {
		t.Fatalf("on the code exchange: %d %v", status, m)
	}
}

func TestOAuth_ExpiredAccessToken_Gets401InQBOsShape(t *testing.T) {
	e := newEnv(t, func(o *Options) { o.AccessTokenTTL = 10 * time.Minute })
	e.clock.Advance(11 * time.Minute)
	resp := e.raw("GET", "/v3/company/"+e.realm+"/customer/1", nil, e.token)
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("status %d", resp.StatusCode)
	}
	if got := resp.Header.Get("WWW-Authenticate"); got != `Bearer realm="Intuit", error="invalid_token"` {
		t.Errorf("www-authenticate %q", got)
	}
	var m map[string]any
	dec := json.NewDecoder(resp.Body)
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		t.Fatal(err)
	}
	errs := list(obj(m["fault"])["error"])
	if len(errs) != 1 || str(obj(errs[0])["message"]) != "message=AuthenticationFailed; errorCode=003200; statusCode=401" ||
		str(obj(errs[0])["code"]) != "3200" || !strings.HasPrefix(str(obj(errs[0])["detail"]), "Token expired: ") {
		t.Errorf("fault %v", m["fault"])
	}
	if str(obj(m["fault"])["type"]) != "AUTHENTICATION" {
		t.Errorf("type %v", obj(m["fault"])["type"])
	}
	if ms, _ := m["time"].(json.Number).Int64(); ms != testStart.Add(11*time.Minute).UnixMilli() {
		t.Errorf("time %v, want epoch milliseconds", m["time"])
	}
	for _, k := range []string{"warnings", "intuitObject", "report", "queryResponse", "requestId", "status"} {
		if v, ok := m[k]; !ok || v != nil {
			t.Errorf("%s = %v, want present and null", k, v)
		}
	}
	if _, ok := m["Fault"]; ok {
		t.Error("401 body has a capitalised Fault")
	}
	if list(m["batchItemResponse"]) == nil || list(m["cdcresponse"]) == nil {
		t.Errorf("batchItemResponse and cdcresponse should be empty arrays: %v", m)
	}
}

func TestOAuth_MissingOrUnknownToken_401(t *testing.T) {
	e := newEnv(t)
	for name, tok := range map[string]string{"None": "", "Unknown": "eyJnot-a-token"} {
		t.Run(name, func(t *testing.T) {
			status, m := e.callWith("GET", "/v3/company/"+e.realm+"/preferences", nil, tok)
			if status != http.StatusUnauthorized || str(obj(list(obj(m["fault"])["error"])[0])["code"]) != "3200" {
				t.Fatalf("%d %v", status, m)
			}
		})
	}
}

func TestOAuth_OtherCompanysRealm_403(t *testing.T) {
	e := newEnv(t)
	status, m := e.callWith("GET", "/v3/company/123/preferences", nil, e.token)
	if status != http.StatusForbidden || faultCode(m) != "3100" {
		t.Fatalf("%d %v", status, m)
	}
}

func TestOAuth_Revoke_JSONOrForm_EndsTheConnection(t *testing.T) {
	for _, mode := range []string{"json", "form"} {
		t.Run(mode, func(t *testing.T) {
			e := newEnv(t)
			tok := e.srv.IssueTokens()
			var req *http.Request
			if mode == "json" {
				req, _ = http.NewRequest("POST", e.ts.URL+"/v2/oauth2/tokens/revoke", strings.NewReader(`{"token":"`+tok.RefreshToken+`"}`))
				req.Header.Set("Content-Type", "application/json")
			} else {
				req, _ = http.NewRequest("POST", e.ts.URL+"/v2/oauth2/tokens/revoke", strings.NewReader(url.Values{"token": {tok.AccessToken}}.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			}
			req.SetBasicAuth(DefaultClientID, DefaultClientSecret)
			resp, err := e.ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("revoke: %d", resp.StatusCode)
			}
			if status, m := e.callWith("GET", "/v3/company/"+e.realm+"/preferences", nil, tok.AccessToken); status != http.StatusUnauthorized {
				t.Errorf("API after revoke: %d %v", status, m)
			}
			if status, m := e.tokenCall(url.Values{"grant_type": {"refresh_token"}, "refresh_token": {tok.RefreshToken}}, nil); status != 400 || m["error"] != "invalid_grant" {
				t.Errorf("refresh after revoke: %d %v", status, m)
			}
		})
	}
}

func TestOAuth_Revoke_WithoutClientCredentials_401(t *testing.T) {
	e := newEnv(t)
	resp, err := e.ts.Client().Post(e.ts.URL+"/v2/oauth2/tokens/revoke", "application/json", strings.NewReader(`{"token":"x"}`))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Fatalf("%d", resp.StatusCode)
	}
}
