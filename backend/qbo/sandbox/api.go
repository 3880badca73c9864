package sandbox

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Request id limits: QBO takes at most 50 characters, 36 on a batch.
const (
	maxRequestID      = 50
	maxBatchRequestID = 36
)

// apiResult is what a handler of the API produces: a status and a body
// (without its "time", added when written).
type apiResult struct {
	status int
	body   map[string]any
}

// api serves /v3/company/{realm}/…: authentication, throttling, requestid
// replay, then the entity handlers under the company lock.
func (s *Server) api(w http.ResponseWriter, r *http.Request) {
	realm, rest := r.PathValue("realm"), strings.Trim(r.PathValue("rest"), "/")
	now := s.clock.Now()

	s.mu.Lock()
	g, detail := s.checkAccess(bearer(r), now)
	s.mu.Unlock()
	if g == nil {
		s.lag(r.Context())
		writeUnauthorized(w, now, detail)
		return
	}
	if g.Realm != realm || !strings.Contains(g.Scope, accountingScope) {
		s.lag(r.Context())
		s.writeFault(w, errWrongRealm(realm))
		return
	}

	batch := strings.EqualFold(rest, "batch")
	release, wait, ok := s.limits.acquire(now, batch)
	if !ok {
		s.lag(r.Context())
		s.writeThrottled(w, wait)
		return
	}
	defer release()
	injectedDelay(r.Context())
	// Once admitted, as a slow answer would: the wait holds a place in the
	// concurrency limit.
	s.lag(r.Context())

	q := r.URL.Query()
	write := r.Method == http.MethodPost
	reqID := q.Get("requestid")
	if write && reqID != "" {
		limit := maxRequestID
		if batch {
			limit = maxBatchRequestID
		}
		if len(reqID) > limit {
			s.writeFault(w, errInvalidProperty("requestid", "requestid"))
			return
		}
	}
	var body []byte
	var bodyErr error
	if write {
		body, bodyErr = readBody(r)
	}

	s.mu.Lock()
	if write && reqID != "" {
		if rep := s.co.Replays[reqID]; rep != nil && now.Sub(rep.At) <= replayTTL {
			s.mu.Unlock()
			writeJSON(w, rep.Status, rep.Body)
			return
		}
	}
	var res apiResult
	var err error
	if bodyErr != nil {
		err = bodyErr
	} else {
		res, err = s.route(r.Method, rest, q, r.Header.Get("Content-Type"), body, now)
	}
	if err != nil {
		var f *fault
		if !errors.As(err, &f) {
			f = errSystem(err.Error())
		}
		res = apiResult{status: f.status, body: f.body()}
	}
	out := encode(withTime(res.body, now))
	// Every answer to a write is kept, faults included: QBO replays "the
	// same response as it did for the original request". A client must
	// therefore use a new requestid once it has changed what it sends.
	if write && reqID != "" && res.status < 500 {
		s.co.Replays[reqID] = &replay{Status: res.status, Body: out, At: now}
	}
	s.mu.Unlock()
	if write {
		s.changed()
	}
	writeJSON(w, res.status, out)
}

// bearer returns the request's bearer token; the scheme name is matched
// without regard to case, as HTTP asks.
func bearer(r *http.Request) string {
	h := strings.TrimSpace(r.Header.Get("Authorization"))
	if len(h) < 7 || !strings.EqualFold(h[:7], "bearer ") {
		return ""
	}
	return strings.TrimSpace(h[7:])
}

// readBody reads a request body within the size limit.
func readBody(r *http.Request) ([]byte, error) {
	b, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxBody))
	if err != nil {
		return nil, errBadRequest("request body could not be read: " + err.Error())
	}
	return b, nil
}

// route dispatches an API call; it runs under s.mu.
func (s *Server) route(method, rest string, q url.Values, ctype string, body []byte, now time.Time) (apiResult, error) {
	parts := strings.Split(rest, "/")
	head := strings.ToLower(parts[0])
	wr := &write{s: s, c: s.co, now: now, include: includes(q)}
	get, post := method == http.MethodGet, method == http.MethodPost
	switch {
	case head == "companyinfo" && get && len(parts) == 2:
		return s.readCompanyInfo(parts[1])
	case head == "preferences" && len(parts) == 1 && get:
		return ok200("Preferences", s.co.get("Preferences", "1")), nil
	case head == "preferences" && len(parts) == 1 && post:
		in, err := decodeObject(body)
		if err != nil {
			return apiResult{}, err
		}
		o, err := wr.updatePreferences(in)
		if err != nil {
			return apiResult{}, err
		}
		return ok200("Preferences", o), nil
	case head == "query" && len(parts) == 1 && (get || post):
		text := q.Get("query")
		if post && text == "" {
			text = queryFromBody(ctype, body)
		}
		res, err := s.runQuery(text)
		if err != nil {
			return apiResult{}, err
		}
		return apiResult{status: http.StatusOK, body: map[string]any{"QueryResponse": res}}, nil
	case head == "cdc" && len(parts) == 1 && (get || post):
		return s.cdc(q, now)
	case head == "batch" && len(parts) == 1 && post:
		in, err := decodeObject(body)
		if err != nil {
			return apiResult{}, err
		}
		return s.batch(wr, in, q.Get("requestid") != "")
	case head == "invoice" && len(parts) == 3 && strings.EqualFold(parts[2], "send") && post:
		o, err := wr.sendInvoice(parts[1], q.Get("sendTo"))
		if err != nil {
			return apiResult{}, err
		}
		return ok200("Invoice", o), nil
	}
	k := kindOf(head)
	if k == nil || k.name == "CompanyInfo" || k.name == "Preferences" {
		return apiResult{}, errUnsupported(method + " " + parts[0])
	}
	switch {
	case get && len(parts) == 2:
		o := s.co.get(k.name, parts[1])
		if o == nil {
			return apiResult{}, errNotFound(k.name, parts[1])
		}
		return ok200(k.name, o), nil
	case post && len(parts) == 1:
		in, err := decodeObject(body)
		if err != nil {
			return apiResult{}, err
		}
		o, err := wr.operate(k, q.Get("operation"), in)
		if err != nil {
			return apiResult{}, err
		}
		return ok200(k.name, o), nil
	}
	return apiResult{}, errUnsupported(method + " " + rest)
}

// operate runs a create, update, delete or void as ?operation= and
// ?include= ask. Payments are voided QBO's way, as an update with
// include=void; operation=void is accepted for them too.
func (w *write) operate(k *kind, op string, in map[string]any) (map[string]any, error) {
	switch strings.ToLower(op) {
	case "", "create":
		return w.create(k, in)
	case "update":
		if w.include["void"] {
			return w.voidObj(k, in)
		}
		if str(in["Id"]) == "" {
			return nil, errRequired("Id")
		}
		return w.update(k, in)
	case "delete":
		return w.del(k, in)
	case "void":
		return w.voidObj(k, in)
	}
	return nil, errUnsupported("operation " + op)
}

// includes reads ?include=a,b into a set, lower-cased.
func includes(q url.Values) map[string]bool {
	set := map[string]bool{}
	for _, v := range q["include"] {
		for _, p := range strings.Split(v, ",") {
			if p = strings.ToLower(strings.TrimSpace(p)); p != "" {
				set[p] = true
			}
		}
	}
	return set
}

// queryFromBody reads a POSTed query: QBO takes it as the plain-text body
// (application/text), and some clients send it form-encoded.
func queryFromBody(ctype string, body []byte) string {
	if strings.HasPrefix(ctype, "application/x-www-form-urlencoded") {
		if v, err := url.ParseQuery(string(body)); err == nil && v.Get("query") != "" {
			return v.Get("query")
		}
	}
	return strings.TrimSpace(string(body))
}

// ok200 wraps one object under its entity name.
func ok200(entity string, o map[string]any) apiResult {
	return apiResult{status: http.StatusOK, body: map[string]any{entity: o}}
}
