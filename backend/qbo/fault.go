package qbo

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// faultJSON is the Fault object of a QBO answer. encoding/json matches keys
// without regard to case, so the same struct reads the usual
// {"Fault":{"Error":[{"Message":…,"code":…}]}} and the lower-case body of an
// API 401, {"fault":{"error":[{"message":…,"code":…}]}}.
type faultJSON struct {
	Error []struct {
		Message flexString `json:"Message"`
		Detail  flexString `json:"Detail"`
		Code    flexString `json:"code"`
		Element flexString `json:"element"`
	} `json:"Error"`
	Type flexString `json:"type"`
}

// faultEnvelope is any QBO answer, read only for its fault.
type faultEnvelope struct {
	Fault *faultJSON `json:"Fault"`
}

// faultXMLBody is QBO's Fault in XML, which it sends for throttling (429,
// whatever the request asked for) and some gateways for auth failures:
// <Fault type="…"><Error code="…"><Message>…</Message><Detail>…</Detail>.
type faultXMLBody struct {
	Type  string `xml:"type,attr"`
	Error []struct {
		Code    string `xml:"code,attr"`
		Element string `xml:"element,attr"`
		Message string `xml:"Message"`
		Detail  string `xml:"Detail"`
	} `xml:"Error"`
}

// faultXML is an XML answer read for its fault, which comes wrapped,
// <IntuitResponse><Fault …>…</Fault></IntuitResponse>, or bare, <Fault …>.
type faultXML struct {
	XMLName xml.Name
	faultXMLBody
	Fault faultXMLBody `xml:"Fault"`
}

// fault returns the Fault whichever way it came.
func (x *faultXML) fault() faultXMLBody {
	if x.XMLName.Local == "Fault" {
		return x.faultXMLBody
	}
	return x.Fault
}

// flexString reads a JSON string, number or null as text: fault fields are
// strings in the documentation, but a code sent as a number or an element
// sent as null must not make the whole fault unreadable.
type flexString string

// UnmarshalJSON accepts a string, a bare literal or null.
func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
		return nil
	}
	if string(b) == "null" {
		*f = ""
		return nil
	}
	*f = flexString(b)
	return nil
}

// newError builds the Error for an answer with a failing HTTP status. It
// never fails: whatever the body holds, the status classifies the error.
func newError(op string, resp *http.Response, body []byte, now time.Time) *Error {
	e := &Error{
		StatusCode: resp.StatusCode,
		Op:         op,
		IntuitTID:  resp.Header.Get("intuit_tid"),
		RetryAfter: parseRetryAfter(resp.Header.Get("Retry-After"), now),
	}
	if !e.fill(body) {
		e.Body = excerpt(body)
		if e.StatusCode == http.StatusUnauthorized {
			// A bare 401 carries its reason in the WWW-Authenticate
			// challenge (error="invalid_token"); a challenge holds no
			// credential, so it is kept as it is.
			e.Detail = resp.Header.Get("WWW-Authenticate")
		}
	}
	return e
}

// faultIn returns the Error for a fault carried by a successful answer, or
// nil when the body holds none.
func faultIn(op string, resp *http.Response, body []byte) *Error {
	if !bytes.Contains(bytes.ToLower(body), []byte(`"fault"`)) {
		return nil
	}
	var env faultEnvelope
	if json.Unmarshal(body, &env) != nil || env.Fault == nil || len(env.Fault.Error) == 0 {
		return nil
	}
	e := &Error{StatusCode: resp.StatusCode, Op: op, IntuitTID: resp.Header.Get("intuit_tid")}
	e.setFault(env.Fault)
	return e
}

// fill reads a fault from a JSON or XML body; it reports whether one was found.
func (e *Error) fill(body []byte) bool {
	trimmed := bytes.TrimSpace(body)
	switch {
	case len(trimmed) == 0:
		return false
	case trimmed[0] == '{':
		var env faultEnvelope
		if json.Unmarshal(trimmed, &env) != nil || env.Fault == nil || len(env.Fault.Error) == 0 {
			return false
		}
		e.setFault(env.Fault)
		return true
	case trimmed[0] == '<':
		var x faultXML
		if xml.Unmarshal(trimmed, &x) != nil || len(x.fault().Error) == 0 {
			return false
		}
		f := x.fault()
		e.Type = f.Type
		for _, xe := range f.Error {
			e.add(xe.Code, xe.Message, xe.Detail, xe.Element)
		}
		return true
	}
	return false
}

func (e *Error) setFault(f *faultJSON) {
	e.Type = string(f.Type)
	for _, fe := range f.Error {
		e.add(string(fe.Code), string(fe.Message), string(fe.Detail), string(fe.Element))
	}
}

// errorCodeInMessage finds the code inside messages such as
// "message=AuthenticationFailed; errorCode=003200; statusCode=401".
var errorCodeInMessage = regexp.MustCompile(`errorCode=(\d+)`)

// add appends one fault entry; the first one also fills the summary fields.
func (e *Error) add(code, message, detail, element string) {
	code = normalizeCode(code)
	if code == "" {
		if m := errorCodeInMessage.FindStringSubmatch(message); m != nil {
			code = normalizeCode(m[1])
		}
	}
	d := FaultDetail{Code: code, Message: redact(message), Detail: redact(detail), Element: redact(element)}
	if len(e.Errors) == 0 {
		e.Code, e.Message, e.Detail, e.Element = d.Code, d.Message, d.Detail, d.Element
	}
	e.Errors = append(e.Errors, d)
}

// parseRetryAfter reads Retry-After as delay-seconds or an HTTP date; it
// returns 0 when the header is absent or unreadable.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.Atoi(v); err == nil {
		if secs < 0 {
			return 0
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// maxExcerpt bounds the part of an unreadable body kept in an Error.
const maxExcerpt = 200

// excerpt returns the start of a body as one line of text: tags and runs of
// whitespace collapsed, so that an HTML gateway page says what it says.
func excerpt(body []byte) string {
	s := string(body)
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "?")
	}
	s = htmlTag.ReplaceAllString(s, " ")
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > maxExcerpt {
		cut := maxExcerpt
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return redact(s)
}

var htmlTag = regexp.MustCompile(`<[^>]*>`)

// tokenLike matches text shaped like an OAuth credential: a bearer value, a
// JWT/JWE (eyJ…), or a long run of token characters holding both letters and
// digits. Server texts (a 401's "Token expired: …" detail, an echoing proxy)
// may quote the token we sent; nothing of it reaches an error text or a log.
var tokenLike = regexp.MustCompile(`(?i)bearer\s+\S+|eyJ[A-Za-z0-9_\-.]+|[A-Za-z0-9_\-.~+/=]{32,}`)

func redact(s string) string {
	return tokenLike.ReplaceAllStringFunc(s, func(m string) string {
		if strings.HasPrefix(strings.ToLower(m), "bearer") || strings.HasPrefix(m, "eyJ") {
			return "[redacted]"
		}
		if strings.ContainsAny(m, "0123456789") && strings.IndexFunc(m, isLetter) >= 0 {
			return "[redacted]"
		}
		return m
	})
}

func isLetter(r rune) bool { return ('a' <= r && r <= 'z') || ('A' <= r && r <= 'Z') }
