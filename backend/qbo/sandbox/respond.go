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
// or revoked, in the shape QBO's gateway uses: lower-case keys, epoch
// milliseconds, and a WWW-Authenticate challenge.
func writeUnauthorized(w http.ResponseWriter, now time.Time, detail string) {
	w.Header().Set("WWW-Authenticate", `Bearer realm="Intuit", error="invalid_token"`)
	body := map[string]any{
		"warnings":     nil,
		"intuitObject": nil,
		"fault": map[string]any{
			"error": []any{map[string]any{
				"message": "message=AuthenticationFailed; errorCode=003200; statusCode=401",
				"detail":  detail,
				"code":    "3200",
				"element": nil,
			}},
			"type": "AUTHENTICATION",
		},
		"report":            nil,
		"queryResponse":     nil,
		"batchItemResponse": []any{},
		"requestId":         nil,
		"time":              now.UnixMilli(),
		"status":            nil,
		"cdcresponse":       []any{},
	}
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
