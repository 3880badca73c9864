package sandbox

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"math"
	"net/http"
	"strconv"
	"time"
)

// maxBody bounds request bodies; a QBO batch of 30 invoices fits easily.
const maxBody = 8 << 20

// encode marshals v as QBO does: no HTML escaping of <, > and &.
func encode(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		// Only values built by the sandbox get here; failing is a bug.
		panic(err)
	}
	// Without the encoder's newline, so that a response kept for replay
	// reads back byte for byte from the state file.
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

// writeJSON answers with a JSON body.
func writeJSON(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json;charset=UTF-8")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// withTime adds the response "time" QBO puts beside every payload.
func withTime(body map[string]any, now time.Time) map[string]any {
	body["time"] = responseTime(now)
	return body
}

// writeFault answers with a QBO Fault body.
func (s *Server) writeFault(w http.ResponseWriter, f *fault) {
	writeJSON(w, f.status, encode(withTime(f.body(), s.clock.Now())))
}

// writeThrottled answers a request over a limit as QBO does: HTTP 429 with
// its ThrottleExceeded fault as XML, whatever the request asked for (see
// Limits.ThrottleJSON), and no Retry-After (see Limits.RetryAfter); wait
// is how long until the request would be admitted.
func (s *Server) writeThrottled(w http.ResponseWriter, wait time.Duration) {
	l := s.limits.limits()
	if l.RetryAfter {
		w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(max(wait, time.Second).Seconds()))))
	}
	if l.ThrottleJSON {
		s.writeFault(w, errThrottled())
		return
	}
	s.writeXMLFault(w, errThrottled())
}

// writeXMLFault answers with a QBO Fault as XML, in the IntuitResponse
// envelope QBO's XML answers have (as clients quote them, e.g. for 429:
// <IntuitResponse time="…"><Fault type="SERVICE"><Error code="3001">…).
func (s *Server) writeXMLFault(w http.ResponseWriter, f *fault) {
	type xmlError struct {
		Code    string `xml:"code,attr"`
		Element string `xml:"element,attr,omitempty"`
		Message string `xml:"Message"`
		Detail  string `xml:"Detail"`
	}
	type xmlFault struct {
		Type  string     `xml:"type,attr"`
		Error []xmlError `xml:"Error"`
	}
	type intuitResponse struct {
		XMLName xml.Name `xml:"IntuitResponse"`
		Time    string   `xml:"time,attr"`
		NS      string   `xml:"xmlns,attr"`
		Fault   xmlFault `xml:"Fault"`
	}
	out := intuitResponse{Time: responseTime(s.clock.Now()), NS: "http://schema.intuit.com/finance/v3",
		Fault: xmlFault{Type: f.kind}}
	for _, e := range f.errs {
		out.Fault.Error = append(out.Fault.Error, xmlError{Code: e.Code, Element: e.Element, Message: e.Message, Detail: e.Detail})
	}
	body, err := xml.MarshalIndent(out, "", "    ")
	if err != nil {
		panic(err) // only the sandbox's own values get here
	}
	w.Header().Set("Content-Type", "application/xml;charset=UTF-8")
	w.WriteHeader(f.status)
	_, _ = io.WriteString(w, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n")
	_, _ = w.Write(body)
	_, _ = io.WriteString(w, "\n")
}

// writeUnauthorized answers an API request whose token is missing, expired
// or revoked, in the shape QBO's gateway uses: lower-case keys in its
// order, epoch milliseconds, and a WWW-Authenticate challenge.
func writeUnauthorized(w http.ResponseWriter, now time.Time, detail string) {
	type authError struct {
		Message string  `json:"message"`
		Detail  string  `json:"detail"`
		Code    string  `json:"code"`
		Element *string `json:"element"`
	}
	type authFault struct {
		Error []authError `json:"error"`
		Type  string      `json:"type"`
	}
	body := struct {
		Warnings          *string   `json:"warnings"`
		IntuitObject      *string   `json:"intuitObject"`
		Fault             authFault `json:"fault"`
		Report            *string   `json:"report"`
		QueryResponse     *string   `json:"queryResponse"`
		BatchItemResponse []any     `json:"batchItemResponse"`
		RequestID         *string   `json:"requestId"`
		Time              int64     `json:"time"`
		Status            *string   `json:"status"`
		CDCResponse       []any     `json:"cdcresponse"`
	}{
		Fault: authFault{Type: "AUTHENTICATION", Error: []authError{{
			Message: "message=AuthenticationFailed; errorCode=003200; statusCode=401",
			Detail:  detail, Code: "3200",
		}}},
		BatchItemResponse: []any{},
		Time:              now.UnixMilli(),
		CDCResponse:       []any{},
	}
	w.Header().Set("WWW-Authenticate", `Bearer realm="Intuit", error="invalid_token"`)
	writeJSON(w, http.StatusUnauthorized, encode(body))
}

// decodeObject parses one JSON object with json.Number for numbers.
func decodeObject(data []byte) (map[string]any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, errBadRequest("the request body is not valid JSON")
		}
		return nil, errBadRequest("the request body must be a JSON object")
	}
	if m == nil {
		return nil, errBadRequest("the request body must be a JSON object")
	}
	return m, nil
}
