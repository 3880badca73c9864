package qbo

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// marshalJSON encodes v without HTML escaping: QBO stores what it receives,
// and "Smith & Sons" should not depend on the server undoing \u0026.
func marshalJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// decodeBody decodes a successful answer into v.
func decodeBody(req *Request, body []byte, v any) error {
	if v == nil {
		return nil
	}
	if err := json.Unmarshal(body, v); err != nil {
		return fmt.Errorf("decode answer: %w", err)
	}
	return nil
}

// pick returns the member of a QBO envelope named key, such as "Customer" in
// {"Customer":{…},"time":…}. Keys are matched exactly first and then without
// regard to case, as QBO's own JSON binding does.
func pick(env map[string]json.RawMessage, key string) (json.RawMessage, bool) {
	if raw, ok := env[key]; ok {
		return raw, true
	}
	for k, raw := range env {
		if strings.EqualFold(k, key) {
			return raw, true
		}
	}
	return nil, false
}
