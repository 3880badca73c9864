package sandbox

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

// admin serves /_sandbox/…, the controls only the sandbox has (see the
// package documentation for each endpoint). They answer plain JSON and
// need no token: the sandbox listens on loopback only.
func (s *Server) admin(w http.ResponseWriter, r *http.Request) {
	path := strings.Trim(strings.TrimPrefix(r.URL.Path, "/_sandbox"), "/")
	var body []byte
	if r.Method == http.MethodPost || r.Method == http.MethodPut {
		var err error
		if body, err = io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20)); err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
	}
	key := r.Method + " " + path
	switch key {
	case "GET ":
		adminJSON(w, adminIndex)
	case "GET faults":
		adminJSON(w, map[string]any{"faults": s.injector.list()})
	case "POST faults":
		s.adminAddFaults(w, body)
	case "DELETE faults":
		s.ClearFaults()
		adminJSON(w, map[string]any{"faults": []FaultRule{}})
	case "POST reset":
		var in struct{ Company, Country string }
		if !decodeAdmin(w, body, &in) {
			return
		}
		if err := s.Reset(in.Company, in.Country); err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		s.adminCounts(w)
	case "GET clock":
		s.adminClock(w)
	case "POST clock":
		var in struct{ Advance, Offset, Set string }
		if !decodeAdmin(w, body, &in) {
			return
		}
		if err := s.moveClock(in.Advance, in.Offset, in.Set); err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		s.changed()
		s.adminClock(w)
	case "GET preferences":
		s.mu.Lock()
		out := encode(s.co.preferences())
		s.mu.Unlock()
		writeJSON(w, http.StatusOK, out)
	case "POST preferences":
		in, err := decodeObject(body)
		if err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		out, err := s.SetPreferences(in)
		if err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		writeJSON(w, http.StatusOK, encode(out))
	case "POST closing-date":
		var in struct{ Date string }
		if !decodeAdmin(w, body, &in) {
			return
		}
		out, err := s.SetPreferences(map[string]any{"AccountingInfoPrefs": map[string]any{"BookCloseDate": in.Date}})
		if err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		adminJSON(w, map[string]any{"BookCloseDate": obj(out["AccountingInfoPrefs"])["BookCloseDate"]})
	case "GET limits":
		adminJSON(w, s.limits.limits())
	case "POST limits":
		var in Limits
		if !decodeAdmin(w, body, &in) {
			return
		}
		s.SetLimits(in)
		adminJSON(w, s.limits.limits())
	case "GET settings":
		adminJSON(w, s.CompanySettings())
	case "POST settings":
		var in struct {
			WarnDuplicateDocNumbers *bool `json:"warnDuplicateDocNumbers"`
		}
		if !decodeAdmin(w, body, &in) {
			return
		}
		cs := s.CompanySettings()
		if in.WarnDuplicateDocNumbers != nil {
			cs.WarnDuplicateDocNumbers = *in.WarnDuplicateDocNumbers
		}
		s.SetCompanySettings(cs)
		adminJSON(w, s.CompanySettings())
	case "GET latency":
		s.adminLatency(w)
	case "POST latency":
		var in Latency
		if !decodeAdmin(w, body, &in) {
			return
		}
		s.SetLatency(in)
		s.adminLatency(w)
	case "GET counts":
		s.adminCounts(w)
	case "POST tokens":
		adminJSON(w, s.IssueTokens())
	case "DELETE tokens":
		s.RevokeAll()
		adminJSON(w, map[string]any{"revoked": true})
	default:
		adminError(w, http.StatusNotFound, fmt.Errorf("no admin endpoint %s /_sandbox/%s; GET /_sandbox lists them", r.Method, path))
	}
}

// adminIndex lists the admin endpoints for a person exploring with curl.
var adminIndex = map[string]string{
	"GET /_sandbox/counts":             "entities per type, requests ids remembered, e-mails sent today",
	"GET|POST|DELETE /_sandbox/faults": `pending injected faults; POST {"method":"POST","path":"/v3/company/*/invoice","kind":"timeout_after_commit","count":1}`,
	"POST /_sandbox/reset":             `fresh company: {"company":"demo|empty","country":"US|CA|AU|UK|NZ"} (both optional)`,
	"GET|POST /_sandbox/clock":         `sandbox time: {"advance":"36h"} or {"offset":"-2h"} or {"set":"2026-01-31T09:00:00-08:00"}`,
	"GET|POST /_sandbox/preferences":   "Preferences as the QBO UI would change them (sparse, by group)",
	"POST /_sandbox/closing-date":      `{"date":"2026-01-31"} closes the books through that date; "" opens them`,
	"GET|POST /_sandbox/limits":        `throttles: {"perMinute":500,"perSecond":10,"concurrent":10,"batchPerMinute":40,"emailsPerDay":40,"off":false,"throttleJSON":false,"retryAfter":false}`,
	"GET|POST /_sandbox/settings":      `company settings the API cannot see: {"warnDuplicateDocNumbers":true}`,
	"GET|POST /_sandbox/latency":       `answer times: {"preset":"realistic"} or {"median":"250ms","sigma":0.55,"max":"1.5s","seed":1,"countOnly":false}; {} is off. GET adds the requests delayed and their total`,
	"POST|DELETE /_sandbox/tokens":     "POST issues tokens without the consent page; DELETE revokes every connection",
}

func (s *Server) adminAddFaults(w http.ResponseWriter, body []byte) {
	var rules []FaultRule
	trimmed := strings.TrimSpace(string(body))
	if strings.HasPrefix(trimmed, "[") {
		if err := json.Unmarshal(body, &rules); err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
	} else {
		var one FaultRule
		if err := json.Unmarshal(body, &one); err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		rules = []FaultRule{one}
	}
	var added []FaultRule
	for _, rule := range rules {
		got, err := s.InjectFault(rule)
		if err != nil {
			adminError(w, http.StatusBadRequest, err)
			return
		}
		added = append(added, got)
	}
	adminJSON(w, map[string]any{"added": added, "faults": s.injector.list()})
}

func (s *Server) adminClock(w http.ResponseWriter) {
	now := s.clock.Now()
	adminJSON(w, map[string]any{"now": now.In(pacific).Format(time.RFC3339), "offset": s.clock.Offset().String()})
}

// moveClock applies one of the clock admin changes.
func (s *Server) moveClock(advance, offset, set string) error {
	switch {
	case advance != "":
		d, err := time.ParseDuration(advance)
		if err != nil {
			return err
		}
		s.AdvanceClock(d)
	case offset != "":
		d, err := time.ParseDuration(offset)
		if err != nil {
			return err
		}
		s.clock.SetOffset(d)
	case set != "":
		t, ok := parseStamp(set)
		if !ok {
			return fmt.Errorf("set: %q is not a time (RFC 3339)", set)
		}
		s.clock.Set(t)
	default:
		return fmt.Errorf(`say "advance", "offset" or "set"`)
	}
	return nil
}

// adminLatency shows the latency model and what it has added up since it
// was set.
func (s *Server) adminLatency(w http.ResponseWriter) {
	n, total := s.LatencyTotal()
	l := s.latency.get()
	adminJSON(w, map[string]any{"median": l.Median.String(), "sigma": l.Sigma, "max": l.Max.String(),
		"seed": l.Seed, "countOnly": l.CountOnly,
		"requests": n, "total": total.String(), "totalMs": total.Milliseconds()})
}

func (s *Server) adminCounts(w http.ResponseWriter) {
	s.mu.Lock()
	counts := map[string]int{}
	for name, m := range s.co.Entities {
		counts[name] = len(m)
	}
	out := map[string]any{
		"realmId": s.co.RealmID, "country": s.co.Country, "company": companyName(s.co),
		"entities": counts, "deleted": len(s.co.Deleted), "requestIds": len(s.co.Replays),
		"emailsToday": s.co.Emails[day(s.clock.Now())], "connections": len(s.auth.Grants),
	}
	s.mu.Unlock()
	adminJSON(w, out)
}

func decodeAdmin(w http.ResponseWriter, body []byte, v any) bool {
	if len(strings.TrimSpace(string(body))) == 0 {
		return true
	}
	if err := json.Unmarshal(body, v); err != nil {
		adminError(w, http.StatusBadRequest, err)
		return false
	}
	return true
}

func adminJSON(w http.ResponseWriter, v any) { writeJSON(w, http.StatusOK, encode(v)) }

func adminError(w http.ResponseWriter, status int, err error) {
	writeJSON(w, status, encode(map[string]string{"error": err.Error()}))
}

// InjectFault queues a fault rule (see FaultRule) and returns it with its id.
func (s *Server) InjectFault(r FaultRule) (FaultRule, error) { return s.injector.add(r) }

// ClearFaults drops every pending fault rule.
func (s *Server) ClearFaults() { s.injector.clear() }

// AdvanceClock moves the sandbox's clock forward by d (backward if d < 0).
func (s *Server) AdvanceClock(d time.Duration) { s.clock.SetOffset(s.clock.Offset() + d) }

// SetLimits replaces the throttles.
func (s *Server) SetLimits(l Limits) { s.limits.set(l) }

// Reset replaces the company with a fresh one ("" keeps the current choice
// of company and country). Connections and tokens survive, as they do when
// data changes in a real company; remembered request ids do not.
func (s *Server) Reset(companyKind, country string) error {
	if companyKind == "" {
		companyKind = s.opts.Company
	}
	s.mu.Lock()
	cur := s.co.Country
	s.mu.Unlock()
	if country == "" {
		country = cur
	}
	o := Options{Company: companyKind, Country: country}
	if err := o.fill(); err != nil {
		return err
	}
	co, err := seed(o.Company, o.Country, s.RealmID(), s.clock.Now())
	if err != nil {
		return err
	}
	s.mu.Lock()
	s.co = co
	s.mu.Unlock()
	s.changed()
	return nil
}

// CompanySettings returns the company's settings that the API cannot see.
func (s *Server) CompanySettings() CompanySettings {
	s.mu.Lock()
	defer s.mu.Unlock()
	return CompanySettings{WarnDuplicateDocNumbers: s.co.WarnDuplicateDocNumbers}
}

// SetCompanySettings changes them, as a person would in the QBO website;
// nothing the API shows changes.
func (s *Server) SetCompanySettings(cs CompanySettings) {
	s.mu.Lock()
	s.co.WarnDuplicateDocNumbers = cs.WarnDuplicateDocNumbers
	s.mu.Unlock()
	s.changed()
}

// SetPreferences merges prefs (grouped as in Preferences) into the
// company's, as a change made in the QBO UI: SyncToken and
// LastUpdatedTime move on.
func (s *Server) SetPreferences(prefs map[string]any) (map[string]any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := mergePreferences(s.co.preferences(), prefs)
	if err := checkPreferences(o); err != nil {
		return nil, err
	}
	(&write{s: s, c: s.co, now: s.clock.Now()}).touch(o)
	s.co.put("Preferences", o)
	defer s.changed()
	return o, nil
}

// TokenSet is what IssueTokens hands out: the token endpoint's answer plus
// the company id.
type TokenSet struct {
	AccessToken      string `json:"access_token"`
	RefreshToken     string `json:"refresh_token"`
	ExpiresIn        int64  `json:"expires_in"`
	RefreshExpiresIn int64  `json:"x_refresh_token_expires_in"`
	TokenType        string `json:"token_type"`
	RealmID          string `json:"realmId"`
}

// IssueTokens connects the default client without the consent page, for
// tests that are not about OAuth.
func (s *Server) IssueTokens() TokenSet {
	now := s.clock.Now()
	s.mu.Lock()
	t := s.newGrant(s.opts.ClientID, s.co.RealmID, accountingScope, now)
	realm := s.co.RealmID
	s.mu.Unlock()
	s.changed()
	return TokenSet{AccessToken: t.AccessToken, RefreshToken: t.RefreshToken, ExpiresIn: t.ExpiresIn,
		RefreshExpiresIn: t.RefreshExpiresIn, TokenType: t.TokenType, RealmID: realm}
}

// RevokeAll ends every connection, as disconnecting the app in QBO does.
func (s *Server) RevokeAll() {
	s.mu.Lock()
	for _, g := range s.auth.Grants {
		g.Revoked = true
	}
	s.mu.Unlock()
	s.changed()
}
