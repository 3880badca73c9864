package sandbox

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"time"
)

// authState is everything OAuth remembers: codes handed to the browser,
// grants (one per connection of an app to the company) and their tokens.
// It is persisted with the company so a restart does not disconnect anyone.
//
// Codes and tokens are kept only as tokenKey hashes, as a real
// authorization server stores them: the state file sits beside the user's
// data, and the product promises that tokens live only in the OS keychain.
// Whoever reads the file learns nothing they can present.
type authState struct {
	Codes   map[string]*authCode     `json:"codes"`
	Grants  map[string]*grant        `json:"grants"`
	Access  map[string]*accessToken  `json:"access"`
	Refresh map[string]*refreshToken `json:"refresh"`
}

// authCode is an authorization code waiting to be exchanged.
type authCode struct {
	ClientID    string    `json:"clientId"`
	RedirectURI string    `json:"redirectUri"`
	Scope       string    `json:"scope"`
	Realm       string    `json:"realm"`
	Challenge   string    `json:"challenge,omitempty"`
	Method      string    `json:"method,omitempty"`
	Expires     time.Time `json:"expires"`
}

// grant is one connection; revoking any of its tokens ends all of them.
type grant struct {
	ID         string    `json:"id"`
	ClientID   string    `json:"clientId"`
	Realm      string    `json:"realm"`
	Scope      string    `json:"scope"`
	Created    time.Time `json:"created"`
	HardExpiry time.Time `json:"hardExpiry"`
	Revoked    bool      `json:"revoked,omitempty"`
	Current    string    `json:"current"` // tokenKey of the newest refresh token
}

type accessToken struct {
	Grant   string    `json:"grant"`
	Expires time.Time `json:"expires"`
}

type refreshToken struct {
	Grant   string    `json:"grant"`
	Expires time.Time `json:"expires"`
	// Issued is when the token was handed out first; a refresh within
	// refreshReuse of it answers with the same token.
	Issued time.Time `json:"issued,omitzero"`
	// Retired is when a newer refresh token replaced this one; zero while
	// it is the newest.
	Retired time.Time `json:"retired,omitzero"`
	// Next is the refresh token that replaced this one, sealed with a key
	// only this token's holder can derive (see seal): a client presenting
	// a retired token within the grace period gets the newest one back,
	// yet the state file holds nothing usable on its own.
	Next string `json:"next,omitempty"`
}

func newAuthState() *authState {
	return &authState{
		Codes:   map[string]*authCode{},
		Grants:  map[string]*grant{},
		Access:  map[string]*accessToken{},
		Refresh: map[string]*refreshToken{},
	}
}

// randomToken returns n random bytes as URL-safe text.
func randomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// tokenKey is what the sandbox stores for a code or token: its SHA-256 in
// hex. Tokens are 30 or more random bytes, so a plain hash cannot be
// reversed by guessing.
func tokenKey(tok string) string {
	sum := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(sum[:])
}

// sealKey derives the key that seals a retired refresh token's successor.
// It is domain-separated from tokenKey, so the stored hash does not open it.
func sealKey(tok string) []byte {
	sum := sha256.Sum256([]byte("ledgerlink sandbox: successor of\x00" + tok))
	return sum[:]
}

// seal encrypts next (AES-256-GCM) under a key derived from tok.
func seal(tok, next string) string {
	aead := gcm(sealKey(tok))
	nonce := make([]byte, aead.NonceSize())
	_, _ = rand.Read(nonce)
	return base64.RawStdEncoding.EncodeToString(aead.Seal(nonce, nonce, []byte(next), nil))
}

// unseal opens what seal made with the same tok.
func unseal(tok, sealed string) (string, bool) {
	b, err := base64.RawStdEncoding.DecodeString(sealed)
	aead := gcm(sealKey(tok))
	if err != nil || len(b) < aead.NonceSize() {
		return "", false
	}
	plain, err := aead.Open(nil, b[:aead.NonceSize()], b[aead.NonceSize():], nil)
	if err != nil {
		return "", false
	}
	return string(plain), true
}

func gcm(key []byte) cipher.AEAD {
	block, err := aes.NewCipher(key)
	if err != nil {
		panic(err) // a 32-byte key is always valid
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	return aead
}

// tokenResponse is the token endpoint's answer.
type tokenResponse struct {
	TokenType            string `json:"token_type"`
	AccessToken          string `json:"access_token"`
	ExpiresIn            int64  `json:"expires_in"`
	RefreshToken         string `json:"refresh_token"`
	RefreshExpiresIn     int64  `json:"x_refresh_token_expires_in"`
	RefreshHardExpiresIn *int64 `json:"x_refresh_token_hard_expires_in,omitempty"`
}

// newGrant starts a connection and issues its first tokens.
func (s *Server) newGrant(clientID, realm, scope string, now time.Time) *tokenResponse {
	g := &grant{ID: randomToken(12), ClientID: clientID, Realm: realm, Scope: scope,
		Created: now, HardExpiry: now.Add(s.opts.RefreshTokenHardTTL)}
	s.auth.Grants[g.ID] = g
	return s.issue(g, s.rotate(g, "", now), now)
}

// rotate gives g a new refresh token and returns it, retiring prev (the
// current one, "" for a new grant) with the new token sealed under it.
func (s *Server) rotate(g *grant, prev string, now time.Time) string {
	// Intuit's refresh tokens start with AB11; clients sometimes check.
	tok := "AB11" + randomToken(36)
	if old := s.auth.Refresh[g.Current]; old != nil {
		old.Retired = now
		if prev != "" {
			old.Next = seal(prev, tok)
		}
	}
	exp := now.Add(s.opts.RefreshTokenTTL)
	if exp.After(g.HardExpiry) {
		exp = g.HardExpiry
	}
	g.Current = tokenKey(tok)
	s.auth.Refresh[g.Current] = &refreshToken{Grant: g.ID, Expires: exp, Issued: now}
	return tok
}

// refreshReuse is how long after its issue a refresh token is handed back
// by a refresh instead of being replaced: Intuit's FAQ has refresh tokens
// change about once a day, a refresh in between returning the same one.
const refreshReuse = 24 * time.Hour

// keepOrRotate answers a refresh with g's current refresh token tok: the
// same token while it is younger than refreshReuse (its lifetime rolling
// forward, as x_refresh_token_expires_in does on use), a new one after, or
// on every refresh with Options.RotateEveryRefresh.
func (s *Server) keepOrRotate(g *grant, tok string, rt *refreshToken, now time.Time) string {
	if s.opts.RotateEveryRefresh || now.Sub(rt.Issued) >= refreshReuse {
		return s.rotate(g, tok, now)
	}
	rt.Expires = now.Add(s.opts.RefreshTokenTTL)
	if rt.Expires.After(g.HardExpiry) {
		rt.Expires = g.HardExpiry
	}
	return tok
}

// issue hands out a new access token with refresh, g's current refresh
// token.
func (s *Server) issue(g *grant, refresh string, now time.Time) *tokenResponse {
	s.prune(now)
	at := "eyJ" + randomToken(96)
	s.auth.Access[tokenKey(at)] = &accessToken{Grant: g.ID, Expires: now.Add(s.opts.AccessTokenTTL)}
	rt := s.auth.Refresh[g.Current]
	hard := int64(g.HardExpiry.Sub(now) / time.Second)
	return &tokenResponse{
		TokenType:            "bearer",
		AccessToken:          at,
		ExpiresIn:            int64(s.opts.AccessTokenTTL / time.Second),
		RefreshToken:         refresh,
		RefreshExpiresIn:     int64(rt.Expires.Sub(now) / time.Second),
		RefreshHardExpiresIn: &hard,
	}
}

// prune forgets tokens that can never work again, so the state stays small.
func (s *Server) prune(now time.Time) {
	for k, c := range s.auth.Codes {
		if now.After(c.Expires) {
			delete(s.auth.Codes, k)
		}
	}
	for k, t := range s.auth.Access {
		if now.Sub(t.Expires) > 24*time.Hour {
			delete(s.auth.Access, k)
		}
	}
	for k, t := range s.auth.Refresh {
		if !t.Retired.IsZero() && now.Sub(t.Retired) >= s.opts.RefreshGrace {
			// Past its grace period a retired token gets nothing back,
			// so the file need not let its holder open the successor.
			t.Next = ""
		}
		g := s.auth.Grants[t.Grant]
		dead := g == nil || now.After(t.Expires) ||
			(!t.Retired.IsZero() && now.Sub(t.Retired) > s.opts.RefreshGrace+24*time.Hour)
		if dead {
			delete(s.auth.Refresh, k)
		}
	}
	for k, g := range s.auth.Grants {
		if now.After(g.HardExpiry) {
			delete(s.auth.Grants, k)
		}
	}
}

// refresh answers grant_type=refresh_token with a new access token and the
// refresh token keepOrRotate decides on. A refresh token that was replaced
// still works for RefreshGrace, answering with the newest (so a client that
// lost the rotated token can recover), and is invalid_grant after that.
func (s *Server) refresh(clientID, token string, now time.Time) (*tokenResponse, string) {
	rt := s.auth.Refresh[tokenKey(token)]
	if rt == nil {
		return nil, "invalid_grant"
	}
	g := s.auth.Grants[rt.Grant]
	switch {
	case g == nil || g.Revoked || g.ClientID != clientID:
		return nil, "invalid_grant"
	case !now.Before(rt.Expires) || !now.Before(g.HardExpiry):
		return nil, "invalid_grant"
	case rt.Retired.IsZero():
		token = s.keepOrRotate(g, token, rt, now)
	case now.Sub(rt.Retired) >= s.opts.RefreshGrace:
		return nil, "invalid_grant"
	default:
		newest, ok := s.newestRefresh(g, token, rt)
		if !ok {
			return nil, "invalid_grant"
		}
		token = newest
	}
	return s.issue(g, token, now), ""
}

// newestRefresh follows a retired refresh token's sealed successors to g's
// current one. Each link opens only with the token before it, which the
// caller has just presented or opened.
func (s *Server) newestRefresh(g *grant, token string, rt *refreshToken) (string, bool) {
	for range len(s.auth.Refresh) {
		if tokenKey(token) == g.Current {
			return token, true
		}
		next, ok := unseal(token, rt.Next)
		if !ok {
			return "", false
		}
		if rt = s.auth.Refresh[tokenKey(next)]; rt == nil {
			return "", false
		}
		token = next
	}
	return "", false
}

// checkAccess validates a bearer token; detail explains a refusal
// in the words QBO's 401 uses.
func (s *Server) checkAccess(token string, now time.Time) (g *grant, detail string) {
	at := s.auth.Access[tokenKey(token)]
	if token == "" || at == nil {
		return nil, "Token invalid"
	}
	g = s.auth.Grants[at.Grant]
	switch {
	case g == nil || g.Revoked:
		return nil, "Token revoked"
	case !now.Before(at.Expires):
		short := token
		if len(short) > 12 {
			short = short[:12] + "…"
		}
		return nil, "Token expired: " + short
	}
	return g, ""
}

// revokeToken ends the grant a token belongs to; unknown tokens are ignored
// as RFC 7009 asks.
func (s *Server) revokeToken(token string) {
	var id string
	if at := s.auth.Access[tokenKey(token)]; at != nil {
		id = at.Grant
	} else if rt := s.auth.Refresh[tokenKey(token)]; rt != nil {
		id = rt.Grant
	}
	if g := s.auth.Grants[id]; g != nil {
		g.Revoked = true
	}
}
