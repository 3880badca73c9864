package sandbox

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"html/template"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// scopes Intuit knows; a request naming another is invalid_scope.
var knownScopes = []string{
	"com.intuit.quickbooks.accounting", "com.intuit.quickbooks.payment",
	"openid", "profile", "email", "phone", "address",
}

const accountingScope = "com.intuit.quickbooks.accounting"

// consentPage is the plain form a person sees at /connect/oauth2. The hidden
// fields carry the request through the POST, where they are checked again.
var consentPage = template.Must(template.New("consent").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Connect to QuickBooks (sandbox)</title></head>
<body>
<h1>Connect {{.Client}} to {{.Company}}</h1>
<p>This local QuickBooks Online sandbox will let the app read and write the
accounting data of <strong>{{.Company}}</strong> (company id {{.Realm}}).</p>
<p>Scope: <code>{{.Scope}}</code></p>
<form method="post" action="/connect/oauth2">
{{range $k, $v := .Fields}}<input type="hidden" name="{{$k}}" value="{{$v}}">
{{end}}<button type="submit" name="decision" value="connect" id="connect">Connect</button>
<button type="submit" name="decision" value="deny" id="deny">Cancel</button>
</form>
</body></html>
`))

// authorize serves the consent page (GET) and its answer (POST).
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodPost {
		w.Header().Set("Allow", "GET, POST")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	if err := r.ParseForm(); err != nil {
		http.Error(w, "bad form", http.StatusBadRequest)
		return
	}
	q := r.Form
	// Until the client and redirect URI are known good, errors go to the
	// person in the browser, never to an unchecked redirect URI.
	if q.Get("client_id") != s.opts.ClientID {
		authError(w, "The client_id is not registered with this sandbox.")
		return
	}
	redirect := q.Get("redirect_uri")
	if !slices.Contains(s.opts.RedirectURIs, redirect) {
		authError(w, "The redirect_uri "+redirect+" is not one of the app's registered redirect URIs (they must match exactly).")
		return
	}
	back := func(params url.Values) {
		if st := q.Get("state"); st != "" {
			params.Set("state", st)
		}
		http.Redirect(w, r, withQuery(redirect, params), http.StatusFound)
	}
	fail := func(code, desc string) {
		back(url.Values{"error": {code}, "error_description": {desc}})
	}
	if q.Get("response_type") != "code" {
		fail("unsupported_response_type", "response_type must be code")
		return
	}
	scopes := strings.Fields(q.Get("scope"))
	if len(scopes) == 0 {
		fail("invalid_scope", "scope is required")
		return
	}
	for _, sc := range scopes {
		if !slices.Contains(knownScopes, sc) {
			fail("invalid_scope", "unknown scope "+sc)
			return
		}
	}
	if q.Get("state") == "" {
		fail("invalid_request", "state is required")
		return
	}
	challenge, method := q.Get("code_challenge"), q.Get("code_challenge_method")
	if challenge != "" && method == "" {
		method = "plain"
	}
	if challenge != "" && method != "S256" && method != "plain" {
		fail("invalid_request", "code_challenge_method must be S256 or plain")
		return
	}
	if challenge == "" && method != "" {
		fail("invalid_request", "code_challenge_method without code_challenge")
		return
	}

	s.mu.Lock()
	realm, name := s.co.RealmID, companyName(s.co)
	s.mu.Unlock()
	if r.Method == http.MethodGet {
		fields := map[string]string{}
		for _, k := range []string{"client_id", "redirect_uri", "response_type", "scope", "state", "code_challenge", "code_challenge_method"} {
			if v := q.Get(k); v != "" {
				fields[k] = v
			}
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_ = consentPage.Execute(w, map[string]any{
			"Client": s.opts.ClientID, "Company": name, "Realm": realm,
			"Scope": strings.Join(scopes, " "), "Fields": fields,
		})
		return
	}
	if q.Get("decision") != "connect" {
		fail("access_denied", "The user did not connect the app.")
		return
	}
	code := "AB11" + randomToken(30)
	now := s.clock.Now()
	s.mu.Lock()
	s.auth.Codes[tokenKey(code)] = &authCode{ClientID: s.opts.ClientID, RedirectURI: redirect,
		Scope: strings.Join(scopes, " "), Realm: realm, Challenge: challenge, Method: method,
		Expires: now.Add(s.opts.AuthCodeTTL)}
	s.mu.Unlock()
	s.changed()
	back(url.Values{"code": {code}, "realmId": {realm}})
}

// authError shows an OAuth error to the person, as Intuit's page does.
func authError(w http.ResponseWriter, msg string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(http.StatusBadRequest)
	_, _ = io.WriteString(w, "<!doctype html><title>Connection problem</title><h1>Something went wrong</h1><p>"+
		template.HTMLEscapeString(msg)+"</p>\n")
}

// withQuery adds params to a URI that may already have a query.
func withQuery(uri string, params url.Values) string {
	u, err := url.Parse(uri)
	if err != nil {
		return uri
	}
	q := u.Query()
	for k, v := range params {
		q[k] = v
	}
	u.RawQuery = q.Encode()
	return u.String()
}

// token is the token endpoint: authorization_code and refresh_token grants.
func (s *Server) token(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		oauthError(w, http.StatusMethodNotAllowed, "invalid_request")
		return
	}
	if err := r.ParseForm(); err != nil {
		oauthError(w, http.StatusBadRequest, "invalid_request")
		return
	}
	s.lag(r.Context()) // Intuit's token endpoint is as far away as its API
	clientID, ok := s.clientAuth(r)
	if !ok {
		w.Header().Set("WWW-Authenticate", `Basic realm="Intuit"`)
		oauthError(w, http.StatusUnauthorized, "invalid_client")
		return
	}
	now := s.clock.Now()
	var resp *tokenResponse
	var errCode string
	s.mu.Lock()
	switch r.PostForm.Get("grant_type") {
	case "authorization_code":
		resp, errCode = s.exchange(clientID, r.PostForm, now)
	case "refresh_token":
		if rt := r.PostForm.Get("refresh_token"); rt == "" {
			errCode = "invalid_request"
		} else {
			resp, errCode = s.refresh(clientID, rt, now)
		}
	case "":
		errCode = "invalid_request"
	default:
		errCode = "unsupported_grant_type"
	}
	s.mu.Unlock()
	if errCode != "" {
		oauthError(w, http.StatusBadRequest, errCode)
		return
	}
	s.changed()
	if !strings.EqualFold(r.Header.Get("x-include-refresh-token-hard-expires-in"), "true") {
		resp.RefreshHardExpiresIn = nil
	}
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Pragma", "no-cache")
	writeJSON(w, http.StatusOK, encode(resp))
}

// exchange trades an authorization code for tokens. A code works once, for
// the redirect URI it was issued to, and, when the authorization request
// carried a PKCE challenge, only with the matching verifier.
func (s *Server) exchange(clientID string, form url.Values, now time.Time) (*tokenResponse, string) {
	code := form.Get("code")
	if code == "" {
		return nil, "invalid_request"
	}
	key := tokenKey(code)
	c := s.auth.Codes[key]
	if c == nil || c.ClientID != clientID || !now.Before(c.Expires) {
		return nil, "invalid_grant"
	}
	delete(s.auth.Codes, key) // single use, whatever happens next
	if form.Get("redirect_uri") != c.RedirectURI {
		return nil, "invalid_grant"
	}
	if c.Challenge != "" && !pkceOK(c.Challenge, c.Method, form.Get("code_verifier")) {
		return nil, "invalid_grant"
	}
	return s.newGrant(clientID, c.Realm, c.Scope, now), ""
}

// pkceOK checks a code_verifier against the challenge (RFC 7636).
func pkceOK(challenge, method, verifier string) bool {
	if verifier == "" {
		return false
	}
	want := verifier
	if method == "S256" {
		sum := sha256.Sum256([]byte(verifier))
		want = base64.RawURLEncoding.EncodeToString(sum[:])
	}
	return subtle.ConstantTimeCompare([]byte(want), []byte(challenge)) == 1
}

// clientAuth authenticates the client by HTTP Basic or, as Intuit also
// accepts, client_id and client_secret in the form.
func (s *Server) clientAuth(r *http.Request) (string, bool) {
	id, secret, ok := r.BasicAuth()
	if !ok {
		id, secret = r.PostForm.Get("client_id"), r.PostForm.Get("client_secret")
	}
	// RFC 6749 has Basic credentials form-encoded; most clients do not
	// bother, and both readings are accepted.
	if u, err := url.QueryUnescape(id); err == nil && u != id && u == s.opts.ClientID {
		id = u
		if v, err := url.QueryUnescape(secret); err == nil {
			secret = v
		}
	}
	good := subtle.ConstantTimeCompare([]byte(id), []byte(s.opts.ClientID)) == 1 &&
		subtle.ConstantTimeCompare([]byte(secret), []byte(s.opts.ClientSecret)) == 1
	return id, good
}

// oauthError answers the token and revoke endpoints' errors.
func oauthError(w http.ResponseWriter, status int, code string) {
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, status, encode(map[string]string{"error": code}))
}

// revoke ends a connection given any of its tokens, sent as JSON
// {"token": …} or as a form.
func (s *Server) revoke(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST")
		oauthError(w, http.StatusMethodNotAllowed, "invalid_request")
		return
	}
	s.lag(r.Context())
	var token string
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/json" {
		var body struct {
			Token string `json:"token"`
		}
		if err := json.NewDecoder(io.LimitReader(r.Body, 1<<16)).Decode(&body); err != nil {
			oauthError(w, http.StatusBadRequest, "invalid_request")
			return
		}
		token = body.Token
		r.PostForm = url.Values{}
	} else {
		if err := r.ParseForm(); err != nil {
			oauthError(w, http.StatusBadRequest, "invalid_request")
			return
		}
		token = r.PostForm.Get("token")
	}
	if _, ok := s.clientAuth(r); !ok {
		w.Header().Set("WWW-Authenticate", `Basic realm="Intuit"`)
		oauthError(w, http.StatusUnauthorized, "invalid_client")
		return
	}
	if token == "" {
		oauthError(w, http.StatusBadRequest, "invalid_request")
		return
	}
	s.mu.Lock()
	s.revokeToken(token)
	s.mu.Unlock()
	s.changed()
	w.WriteHeader(http.StatusOK)
}
