package sandbox

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
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
	if f.status == http.StatusTooManyRequests && w.Header().Get("Retry-After") == "" {
		w.Header().Set("Retry-After", "1")
	}
	writeJSON(w, f.status, encode(withTime(f.body(), s.clock.Now())))
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
