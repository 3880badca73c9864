package qbo

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// getWith makes one read that the server answers with file and code, and
// returns the error; retries are off so each answer is seen as sent.
func getWith(t *testing.T, code int, file string, headers map[string]string) error {
	t.Helper()
	env := newTestEnv(t, func(c *Config) { c.Retry.MaxRetries = -1 })
	env.handle("GET", "customer/58", func(w http.ResponseWriter, r *http.Request) {
		for k, v := range headers {
			w.Header().Set(k, v)
		}
		serveFile(t, w, code, file)
	})
	_, err := env.client.Customers.Get(context.Background(), "58")
	if err == nil {
		t.Fatalf("%s: no error", file)
	}
	return err
}

func TestError_FaultHelpers_MatchTheirCodes(t *testing.T) {
	helpers := map[string]func(error) bool{
		"IsStaleObject":        IsStaleObject,
		"IsDuplicateName":      IsDuplicateName,
		"IsInvalidString":      IsInvalidString,
		"IsDuplicateDocNumber": IsDuplicateDocNumber,
		"IsClosedPeriod":       IsClosedPeriod,
		"IsAuthExpired":        IsAuthExpired,
		"IsThrottled":          IsThrottled,
		"IsNotFound":           IsNotFound,
	}
	tests := []struct {
		file   string
		status int
		want   string
	}{
		{"fault_stale_object.json", 400, "IsStaleObject"},
		{"fault_duplicate_name.json", 400, "IsDuplicateName"},
		{"fault_duplicate_docnumber.json", 400, "IsDuplicateDocNumber"},
		{"fault_invalid_string.json", 400, "IsInvalidString"},
		{"fault_closed_period.json", 400, "IsClosedPeriod"},
		{"fault_closed_period_6200.json", 400, "IsClosedPeriod"},
		{"fault_401_lowercase.json", 401, "IsAuthExpired"},
		{"fault_throttle.json", 429, "IsThrottled"},
		{"fault_throttle.xml", 429, "IsThrottled"},
		{"fault_throttle_bare.xml", 429, "IsThrottled"},
		{"fault_not_found.json", 400, "IsNotFound"},
		{"fault_query_parse.json", 400, ""},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			err := getWith(t, tt.status, tt.file, nil)
			for name, is := range helpers {
				if got := is(err); got != (name == tt.want) {
					t.Errorf("%s = %v for %v", name, got, err)
				}
			}
		})
	}
}

func TestError_DuplicateName_CarriesAllFields(t *testing.T) {
	err := getWith(t, 400, "fault_duplicate_name.json", map[string]string{"intuit_tid": "1-6759cd5e-0c2f6e1a"})
	var qe *Error
	if !errors.As(err, &qe) {
		t.Fatalf("err = %T", err)
	}
	want := &Error{
		StatusCode: 400,
		Type:       "ValidationFault",
		Code:       "6240",
		Message:    "Duplicate Name Exists Error",
		Detail:     "The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.",
		Element:    "DisplayName",
		Errors: []FaultDetail{{Code: "6240", Message: "Duplicate Name Exists Error",
			Detail:  "The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name.",
			Element: "DisplayName"}},
		IntuitTID: "1-6759cd5e-0c2f6e1a",
		Op:        "GET customer/58",
	}
	if diff := cmp.Diff(want, qe); diff != "" {
		t.Errorf("error mismatch (-want +got):\n%s", diff)
	}
	for _, part := range []string{"GET customer/58", "HTTP 400", "6240", "Duplicate Name Exists Error", "DisplayName", "1-6759cd5e-0c2f6e1a"} {
		if !strings.Contains(qe.Error(), part) {
			t.Errorf("Error() = %q lacks %q", qe.Error(), part)
		}
	}
}

func TestError_LowerCase401Body_ParsedAndTokenRedacted(t *testing.T) {
	err := getWith(t, 401, "fault_401_lowercase.json", map[string]string{
		"WWW-Authenticate": `Bearer realm="Intuit", error="invalid_token"`,
		"intuit_tid":       "1-abc",
	})
	var qe *Error
	if !errors.As(err, &qe) {
		t.Fatalf("err = %T %v", err, err)
	}
	if qe.Code != "3200" || qe.Type != "AUTHENTICATION" || qe.Message != "message=AuthenticationFailed; errorCode=003200; statusCode=401" {
		t.Errorf("fault = %+v", qe)
	}
	if !IsAuthExpired(err) || !errors.Is(err, ErrAuthExpired) {
		t.Error("not recognised as expired authentication")
	}
	if strings.Contains(err.Error(), "eyJ") || strings.Contains(qe.Detail, "eyJ") {
		t.Errorf("token leaked into the error: %q", err.Error())
	}
	if !strings.Contains(qe.Detail, "Token expired: [redacted]") {
		t.Errorf("Detail = %q", qe.Detail)
	}
}

func TestError_XML401Body_Parsed(t *testing.T) {
	err := getWith(t, 401, "fault_401.xml", nil)
	var qe *Error
	if !errors.As(err, &qe) || qe.Code != "3200" || qe.Detail != "Token revoked" || qe.Type != "AUTHENTICATION" {
		t.Fatalf("err = %#v", err)
	}
}

// QBO answers 429 in XML even to a client asking for JSON, wrapped in
// IntuitResponse as clients quote it, or as a bare Fault: either way the
// code, type and words are read.
func TestError_XML429Body_ThrottledWithCode3001(t *testing.T) {
	for _, file := range []string{"fault_throttle.xml", "fault_throttle_bare.xml"} {
		err := getWith(t, 429, file, nil)
		var qe *Error
		if !errors.As(err, &qe) || !errors.Is(err, ErrThrottled) {
			t.Fatalf("%s: err = %v", file, err)
		}
		want := FaultDetail{Code: "3001", Message: "message=ThrottleExceeded; errorCode=003001; statusCode=429",
			Detail: "The request limit was reached.  Try again later"}
		if qe.Type != "SERVICE" || qe.Body != "" || len(qe.Errors) != 1 || qe.Errors[0] != want || qe.Code != "3001" {
			t.Errorf("%s: fault = %+v", file, qe)
		}
	}
}

func TestError_InvalidString_NamesTheField(t *testing.T) {
	err := getWith(t, 400, "fault_invalid_string.json", nil)
	var qe *Error
	if !errors.As(err, &qe) || !errors.Is(err, ErrInvalidString) || qe.Code != CodeInvalidString || qe.Element != "DisplayName" {
		t.Fatalf("err = %#v", err)
	}
}

func TestError_ClosedPeriod_6210And6200BothMatch(t *testing.T) {
	for file, code := range map[string]string{"fault_closed_period.json": CodeAccountPeriodClosedServicesAPI, "fault_closed_period_6200.json": CodeAccountPeriodClosed} {
		err := getWith(t, 400, file, nil)
		var qe *Error
		if !errors.Is(err, ErrClosedPeriod) || !errors.As(err, &qe) || qe.Code != code {
			t.Errorf("%s: %v, want ErrClosedPeriod with code %s", file, err, code)
		}
	}
}

func TestError_Bare401_ClassifiedByStatus(t *testing.T) {
	env := newTestEnv(t)
	env.handle("GET", "customer/58", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("WWW-Authenticate", `Bearer realm="Intuit", error="invalid_token"`)
		w.WriteHeader(401)
	})
	_, err := env.client.Customers.Get(context.Background(), "58")
	if !IsAuthExpired(err) {
		t.Fatalf("err = %v", err)
	}
	if !strings.Contains(err.Error(), `error="invalid_token"`) {
		t.Errorf("Error() = %q", err.Error())
	}
}

func TestError_HTMLGateway502_ClassifiedByStatusWithExcerpt(t *testing.T) {
	err := getWith(t, 502, "gateway_502.html", nil)
	var qe *Error
	if !errors.As(err, &qe) {
		t.Fatalf("err = %T", err)
	}
	if qe.StatusCode != 502 || qe.Code != "" || qe.Body == "" || !strings.Contains(qe.Body, "502 Bad Gateway") || strings.Contains(qe.Body, "<") {
		t.Errorf("error = %#v", qe)
	}
}

func TestError_EmptyBody_StillAnError(t *testing.T) {
	env := newTestEnv(t, func(c *Config) { c.Retry.MaxRetries = -1 })
	env.handle("GET", "customer/58", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(504) })
	_, err := env.client.Customers.Get(context.Background(), "58")
	var qe *Error
	if !errors.As(err, &qe) || qe.StatusCode != 504 || !strings.Contains(qe.Error(), "Gateway Timeout") {
		t.Fatalf("err = %v", err)
	}
}

func TestError_FaultInHTTP200_IsAnError(t *testing.T) {
	env := newTestEnv(t)
	env.handle("POST", "payment", func(w http.ResponseWriter, r *http.Request) {
		serveFile(t, w, 200, "fault_in_200.json")
	})
	_, err := env.client.Payments.Create(context.Background(), "ob-pay-1", &Payment{CustomerRef: Ref("58"), TotalAmt: 100})
	var qe *Error
	if !errors.As(err, &qe) {
		t.Fatalf("err = %v", err)
	}
	if qe.StatusCode != 200 || qe.Code != CodeBusinessValidation || !qe.HasCode("6000") {
		t.Errorf("error = %+v", qe)
	}
	if env.client.Stats().Requests != 1 {
		t.Error("a fault in a 200 was retried")
	}
}

func TestError_HugeErrorBody_ReadWithinLimit(t *testing.T) {
	env := newTestEnv(t, func(c *Config) { c.Retry.MaxRetries = -1 })
	env.handle("GET", "customer/58", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(500)
		w.Write([]byte(strings.Repeat("x ", maxErrorBytes)))
	})
	_, err := env.client.Customers.Get(context.Background(), "58")
	var qe *Error
	if !errors.As(err, &qe) || qe.StatusCode != 500 || len(qe.Body) > maxExcerpt+8 {
		t.Fatalf("err = %v", err)
	}
}

func TestError_RefusedRefresh_IsAuthExpired(t *testing.T) {
	env := newTestEnv(t, func(c *Config) { c.TokenSource = failingTokens{} })
	_, err := env.client.Customers.Get(context.Background(), "58")
	if !IsAuthExpired(err) || !errors.Is(err, ErrAuthExpired) {
		t.Errorf("IsAuthExpired(%v) = false", err)
	}
}

func TestError_DuplicateRequestID_Recognised(t *testing.T) {
	e := &Error{StatusCode: 400}
	e.add("600", "Duplicate Request ID", "", "")
	if !IsDuplicateRequestID(e) || IsDuplicateName(e) {
		t.Errorf("IsDuplicateRequestID(%v) = false", e)
	}
}

func TestError_CodeFromMessage_WhenCodeMissing(t *testing.T) {
	e := &Error{}
	e.add("", "message=ThrottleExceeded; errorCode=003001; statusCode=429", "", "")
	if e.Code != "3001" || !errors.Is(e, ErrThrottled) {
		t.Errorf("code = %q", e.Code)
	}
}

func TestRedact_HidesTokenShapedText(t *testing.T) {
	tests := map[string]string{
		"Token expired: AB11785412345abcdefghijklmnopqrstuvwxyzAB": "Token expired: [redacted]",
		"Authorization: Bearer abc.def":                            "Authorization: [redacted]",
		"Duplicate Name Exists Error":                              "Duplicate Name Exists Error",
		"DocNumber=INV-1042 is assigned to TxnType=Invoice":        "DocNumber=INV-1042 is assigned to TxnType=Invoice",
	}
	for in, want := range tests {
		if got := redact(in); got != want {
			t.Errorf("redact(%q) = %q, want %q", in, got, want)
		}
	}
}
