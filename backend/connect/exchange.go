package connect

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"golang.org/x/oauth2"
)

// tokenHeaders adds what Intuit's token endpoint wants and golang/oauth2
// does not send: Accept: application/json, and the request for the
// refresh token's hard expiry.
type tokenHeaders struct{ base http.RoundTripper }

// RoundTrip adds the headers to a copy of req.
func (t tokenHeaders) RoundTrip(req *http.Request) (*http.Response, error) {
	r := req.Clone(req.Context())
	r.Header.Set("Accept", "application/json")
	r.Header.Set("x-include-refresh-token-hard-expires-in", "true")
	return t.base.RoundTrip(r)
}

// tokenClient is c with tokenHeaders around its transport.
func tokenClient(c *http.Client) *http.Client {
	base := c.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	cc := *c
	cc.Transport = tokenHeaders{base: base}
	return &cc
}

// tokens is what one token endpoint answer gives.
type tokens struct {
	access     string
	renewAt    time.Time // when to stop using access, by the Manager's clock
	refresh    string
	refreshTTL time.Duration // 0 when not sent
	hardTTL    time.Duration // 0 when not sent
}

// fromOAuth2 reads an oauth2.Token, whose expiries are computed here from
// the seconds sent (golang/oauth2 uses the real clock; Now is injectable).
func fromOAuth2(t *oauth2.Token, now time.Time) *tokens {
	out := &tokens{access: t.AccessToken, refresh: t.RefreshToken}
	ttl := time.Duration(t.ExpiresIn) * time.Second
	if ttl <= 0 {
		ttl = time.Hour // Intuit's; a missing expires_in is not worth failing over
	}
	// Renew a little before the end, so a request never leaves with a
	// token about to run out; a short-lived token keeps three quarters.
	margin := min(refreshMargin, ttl/4)
	out.renewAt = now.Add(ttl - margin)
	out.refreshTTL = extraSeconds(t, "x_refresh_token_expires_in")
	out.hardTTL = extraSeconds(t, "x_refresh_token_hard_expires_in")
	return out
}

// extraSeconds reads a number of seconds from the token response's extra
// fields, sent as a JSON number or a string.
func extraSeconds(t *oauth2.Token, key string) time.Duration {
	var n float64
	switch v := t.Extra(key).(type) {
	case float64:
		n = v
	case json.Number:
		n, _ = v.Float64()
	case string:
		n, _ = strconv.ParseFloat(v, 64)
	}
	if n <= 0 {
		return 0
	}
	return time.Duration(n) * time.Second
}

// exchange trades an authorization code and its PKCE verifier for tokens.
func (m *Manager) exchange(ctx context.Context, code, verifier string) (*tokens, error) {
	ctx = context.WithValue(ctx, oauth2.HTTPClient, m.tokenHTTP)
	t, err := m.oauth.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		return nil, tokenEndpointError("connect", err)
	}
	return fromOAuth2(t, m.now()), nil
}

// refreshTokens spends a refresh token for new tokens.
func (m *Manager) refreshTokens(ctx context.Context, refresh string) (*tokens, error) {
	ctx = context.WithValue(ctx, oauth2.HTTPClient, m.tokenHTTP)
	// A token without an access token makes the source refresh at once.
	t, err := m.oauth.TokenSource(ctx, &oauth2.Token{RefreshToken: refresh}).Token()
	if err != nil {
		return nil, tokenEndpointError("refresh", err)
	}
	return fromOAuth2(t, m.now()), nil
}

// ServerError is a refusal or failure of Intuit's token or revoke endpoint,
// or of the network on the way. It keeps only what is safe to show: the
// response body is dropped, because a token endpoint's answer may quote a
// token.
type ServerError struct {
	Op     string // "connect", "refresh" or "disconnect"
	Status int    // the HTTP status; 0 when no answer arrived
	Code   string // the OAuth error code, e.g. invalid_grant; "" if none
	TID    string // Intuit's intuit_tid, which its support asks for
	Err    error  // the cause: a network error, or a body-less *oauth2.RetrieveError
}

// Error explains the failure in plain words.
func (e *ServerError) Error() string {
	var s string
	switch {
	case e.Code == "invalid_grant" && e.Op == "connect":
		s = "QuickBooks refused the sign-in code (it may have expired or been used already). Press Connect to try again."
	case e.Code == "invalid_grant":
		s = ErrNeedsReconnect.Error()
	case e.Code == "invalid_client":
		s = "QuickBooks did not accept this app's client ID or secret. Check the Intuit app settings in Ledgerlink."
	case e.Code == "invalid_response":
		s = fmt.Sprintf("QuickBooks gave an answer Ledgerlink could not read while trying to %s. Try again in a few minutes.", e.action())
	case e.Status == 0:
		s = fmt.Sprintf("Ledgerlink could not reach QuickBooks to %s. Check the internet connection and try again. (Detail: %v.)", e.action(), e.Err)
	case e.Status >= 500 || e.Status == http.StatusTooManyRequests:
		s = fmt.Sprintf("QuickBooks could not %s just now (HTTP %d). Try again in a few minutes.", e.action(), e.Status)
	case e.Code != "":
		s = fmt.Sprintf("QuickBooks refused to %s (%s, HTTP %d).", e.action(), e.Code, e.Status)
	default:
		s = fmt.Sprintf("QuickBooks refused to %s (HTTP %d).", e.action(), e.Status)
	}
	if e.TID != "" {
		s += " Intuit reference: " + e.TID + "."
	}
	return s
}

func (e *ServerError) action() string {
	switch e.Op {
	case "connect":
		return "finish connecting"
	case "refresh":
		return "renew the connection"
	case "disconnect":
		return "end the connection"
	}
	return e.Op
}

// Is makes a refresh refused with invalid_grant match ErrNeedsReconnect.
func (e *ServerError) Is(target error) bool {
	return target == ErrNeedsReconnect && e.Op == "refresh" && e.Code == "invalid_grant"
}

// Unwrap returns the cause.
func (e *ServerError) Unwrap() error { return e.Err }

// tokenEndpointError turns golang/oauth2's error into a ServerError. A
// RetrieveError's text includes the response body; it is replaced by a
// copy holding only the error code, which keeps errors.As working for
// callers that look for invalid_grant.
func tokenEndpointError(op string, err error) error {
	se := &ServerError{Op: op}
	var re *oauth2.RetrieveError
	switch {
	case errors.As(err, &re):
		se.Code = safeCode(re.ErrorCode)
		if re.Response != nil {
			se.Status = re.Response.StatusCode
			se.TID = re.Response.Header.Get("intuit_tid")
		}
		if se.Code != "" {
			se.Err = &oauth2.RetrieveError{ErrorCode: se.Code}
		} else {
			se.Err = fmt.Errorf("HTTP %d", se.Status)
		}
	case isNetwork(err):
		se.Err = netDetail(err)
	default:
		// A 2xx answer golang/oauth2 could not read: malformed JSON or no
		// access token. Its message may quote the body, so say only that.
		se.Status = http.StatusOK
		se.Err = errors.New("the answer could not be read")
		se.Code = "invalid_response"
	}
	return se
}

// isNetwork reports whether err happened before an answer arrived.
func isNetwork(err error) bool {
	var ue *url.Error
	return errors.As(err, &ue) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)
}

// netDetail is the part of a transport error worth showing: the cause
// without the request URL (which is not secret, only long).
func netDetail(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
