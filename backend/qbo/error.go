package qbo

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"golang.org/x/oauth2"
)

// QBO fault codes Ledgerlink decides on. Codes are compared without leading
// zeros: a 401's message says errorCode=003200, its code field says 3200.
const (
	CodeDuplicateRequestID   = "600" // unconfirmed which requestid replays answer with it
	CodeObjectNotFound       = "610"
	CodeBatchTooLarge        = "1040"
	CodeRequiredParamMissing = "2020"
	CodeInvalidString        = "2040" // a colon, tab or new line in a customer's name field
	CodeInvalidReference     = "2500"
	CodeThrottleExceeded     = "3001"
	CodeAuthorizationFailed  = "3100"
	CodeAuthenticationFailed = "3200"
	CodeQueryParse           = "4000"
	CodeStaleObject          = "5010"
	CodeBusinessValidation   = "6000"
	CodeNoNameProvided       = "6080"
	CodeInvalidTaxCode       = "6100"
	CodeDuplicateDocNumber   = "6140"
	CodeAccountPeriodClosed  = "6200"
	// CodeAccountPeriodClosedServicesAPI is "Account Period Closed, Cannot
	// Update Through Services API", the code real answers carry for a
	// write dated on or before the closing date. 6200 exists too; both are
	// ErrClosedPeriod.
	CodeAccountPeriodClosedServicesAPI = "6210"
	CodeDuplicateName                  = "6240"
)

// Kinds of failure a caller branches on, for errors.Is. An *Error matches
// them by fault code or HTTP status; see Error.Is.
var (
	ErrStaleObject   = errors.New("qbo: stale object (SyncToken out of date)")
	ErrDuplicateName = errors.New("qbo: duplicate name")
	// ErrInvalidString is QBO's 2040: a name field (DisplayName, Title,
	// GivenName, MiddleName, FamilyName, Suffix, PrintOnCheckName) holds a
	// colon, a tab or a new line; Error.Element names the field.
	ErrInvalidString      = errors.New("qbo: invalid string (colon, tab or new line in a name)")
	ErrDuplicateDocNumber = errors.New("qbo: duplicate document number")
	// ErrClosedPeriod is QBO's 6210 (or 6200): the transaction is dated on
	// or before the company's closing date.
	ErrClosedPeriod = errors.New("qbo: account period closed")
	ErrAuthExpired  = errors.New("qbo: authentication expired or revoked")
	ErrThrottled    = errors.New("qbo: throttled")
	ErrNotFound     = errors.New("qbo: object not found")
	// ErrDuplicateRequestID is QBO's 600: a requestid was used before and QBO
	// did not hand back the original answer. The first write most likely
	// happened; look the object up instead of writing it again.
	ErrDuplicateRequestID = errors.New("qbo: duplicate requestid")
	// ErrUnreadable is an answer with a success status that could not be
	// read: cut short, not JSON, or not the shape asked for (a gateway's
	// page, an outage). Nothing says the request failed or succeeded;
	// trying again later may work.
	ErrUnreadable = errors.New("qbo: the answer could not be read")
)

// FaultDetail is one entry of a QBO fault's error list.
type FaultDetail struct {
	Code    string // without leading zeros, e.g. "6240"
	Message string // e.g. "Duplicate Name Exists Error"
	Detail  string // the longer explanation
	Element string // the field at fault, when QBO names one
}

// Error is a request QBO refused, or a fault inside a successful answer (a
// batch item, some validations). Code, Message, Detail and Element repeat the
// first fault entry; Errors holds them all. A body that could not be read as
// a fault (an HTML gateway page, nothing at all) still yields an Error,
// classified by StatusCode, with a short excerpt in Body.
//
// Texts from the server pass through redaction of anything shaped like a
// token before they are stored here.
type Error struct {
	StatusCode int    // HTTP status; 200 for faults inside a successful answer
	Type       string // fault type as sent: ValidationFault, SystemFault, AUTHENTICATION, …
	Code       string
	Message    string
	Detail     string
	Element    string
	Errors     []FaultDetail
	IntuitTID  string        // the intuit_tid response header; Intuit support asks for it
	RetryAfter time.Duration // from a Retry-After header, 0 if none
	Op         string        // the call, e.g. "POST invoice"
	BID        string        // the batch item id, for a fault inside a batch answer
	Body       string        // excerpt of a body that held no readable fault
	// Unreadable marks an answer with a success status that could not be
	// decoded (ErrUnreadable).
	Unreadable bool
}

// Error describes e on one line, without any credential.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("qbo: ")
	if e.Op != "" {
		b.WriteString(e.Op)
		b.WriteString(": ")
	}
	if e.BID != "" {
		fmt.Fprintf(&b, "batch item %s: ", e.BID)
	}
	fmt.Fprintf(&b, "HTTP %d", e.StatusCode)
	if e.Type != "" {
		fmt.Fprintf(&b, " %s", e.Type)
	}
	if e.Code != "" {
		fmt.Fprintf(&b, " %s", e.Code)
	}
	switch {
	case e.Message != "":
		fmt.Fprintf(&b, ": %s", e.Message)
	case e.Body != "":
		fmt.Fprintf(&b, ": %s", e.Body)
	default:
		fmt.Fprintf(&b, ": %s", http.StatusText(e.StatusCode))
	}
	if e.Detail != "" && e.Detail != e.Message {
		fmt.Fprintf(&b, " — %s", e.Detail)
	}
	if e.Element != "" {
		fmt.Fprintf(&b, " (element %s)", e.Element)
	}
	if e.IntuitTID != "" {
		fmt.Fprintf(&b, " [intuit_tid %s]", e.IntuitTID)
	}
	return b.String()
}

// HasCode reports whether any entry of the fault carries code.
func (e *Error) HasCode(code string) bool {
	code = normalizeCode(code)
	if e.Code == code {
		return true
	}
	for _, d := range e.Errors {
		if d.Code == code {
			return true
		}
	}
	return false
}

// Is lets errors.Is match e against ErrStaleObject, ErrDuplicateName,
// ErrInvalidString, ErrDuplicateDocNumber, ErrClosedPeriod, ErrAuthExpired,
// ErrThrottled, ErrNotFound, ErrDuplicateRequestID and ErrCDCWindow. Auth
// and throttling also match by HTTP status alone, because a gateway
// answering 401 or 429 may send no fault at all (or one in XML). A CDC
// refused for reaching back too far matches by its words, its code being
// unknown.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrStaleObject:
		return e.HasCode(CodeStaleObject)
	case ErrDuplicateName:
		return e.HasCode(CodeDuplicateName)
	case ErrInvalidString:
		return e.HasCode(CodeInvalidString)
	case ErrDuplicateDocNumber:
		return e.HasCode(CodeDuplicateDocNumber)
	case ErrClosedPeriod:
		return e.HasCode(CodeAccountPeriodClosedServicesAPI) || e.HasCode(CodeAccountPeriodClosed)
	case ErrCDCWindow:
		return e.says(cdcTooOld)
	case ErrAuthExpired:
		return e.StatusCode == http.StatusUnauthorized || e.HasCode(CodeAuthenticationFailed)
	case ErrThrottled:
		return e.StatusCode == http.StatusTooManyRequests || e.HasCode(CodeThrottleExceeded)
	case ErrNotFound:
		return e.HasCode(CodeObjectNotFound)
	case ErrDuplicateRequestID:
		return e.HasCode(CodeDuplicateRequestID)
	case ErrUnreadable:
		return e.Unreadable
	}
	return false
}

// cdcTooOld is in QBO's refusal of a CDC whose changedSince is more than
// 30 days back: "Operation cdc with changedSince date … which is older
// than fixed days is not supported".
const cdcTooOld = "older than fixed days"

// says reports whether any entry's Message or Detail contains s.
func (e *Error) says(s string) bool {
	for _, d := range e.Errors {
		if strings.Contains(d.Message, s) || strings.Contains(d.Detail, s) {
			return true
		}
	}
	return false
}

// IsStaleObject reports whether err is QBO's 5010: the SyncToken sent is no
// longer current, so re-read the object and merge again.
func IsStaleObject(err error) bool { return errors.Is(err, ErrStaleObject) }

// IsDuplicateName reports whether err is QBO's 6240: the DisplayName is taken
// by a customer, vendor or employee.
func IsDuplicateName(err error) bool { return errors.Is(err, ErrDuplicateName) }

// IsDuplicateDocNumber reports whether err is QBO's 6140: another transaction
// has this document number.
func IsDuplicateDocNumber(err error) bool { return errors.Is(err, ErrDuplicateDocNumber) }

// IsInvalidString reports whether err is QBO's 2040: a colon, tab or new
// line in one of a customer's name fields.
func IsInvalidString(err error) bool { return errors.Is(err, ErrInvalidString) }

// IsClosedPeriod reports whether err is QBO's 6210 or 6200: the transaction
// is dated on or before the company's closing date.
func IsClosedPeriod(err error) bool { return errors.Is(err, ErrClosedPeriod) }

// IsThrottled reports whether err is a 429 or QBO's 3001 ThrottleExceeded
// that survived the client's retries.
func IsThrottled(err error) bool { return errors.Is(err, ErrThrottled) }

// IsNotFound reports whether err is QBO's 610: the object was deleted or made
// inactive.
func IsNotFound(err error) bool { return errors.Is(err, ErrNotFound) }

// IsDuplicateRequestID reports whether err is QBO's 600 for a requestid
// already used; see ErrDuplicateRequestID.
func IsDuplicateRequestID(err error) bool { return errors.Is(err, ErrDuplicateRequestID) }

// IsAuthExpired reports whether the connection must be made again: an API 401
// (QBO's 3200, an expired or revoked token) or a token refresh that the
// authorization server refused with invalid_grant.
func IsAuthExpired(err error) bool {
	if errors.Is(err, ErrAuthExpired) {
		return true
	}
	var re *oauth2.RetrieveError
	return errors.As(err, &re) && re.ErrorCode == "invalid_grant"
}

// tokenError marks a failure of the token source, so that it is neither
// retried nor mistaken for a network fault.
type tokenError struct{ err error }

// Error says the token could not be had. The cause may quote the token
// endpoint's answer, so it is redacted like any server text.
func (e *tokenError) Error() string { return "qbo: obtain access token: " + redact(e.err.Error()) }

// Unwrap returns the token source's error, e.g. an *oauth2.RetrieveError.
func (e *tokenError) Unwrap() error { return e.err }

// Is makes a refresh refused with invalid_grant match ErrAuthExpired: the
// user has to connect again, exactly as after an API 401.
func (e *tokenError) Is(target error) bool {
	var re *oauth2.RetrieveError
	return target == ErrAuthExpired && errors.As(e.err, &re) && re.ErrorCode == "invalid_grant"
}

// normalizeCode strips the leading zeros QBO puts in errorCode=003200.
func normalizeCode(code string) string {
	code = strings.TrimSpace(code)
	trimmed := strings.TrimLeft(code, "0")
	if trimmed == "" && code != "" {
		return "0"
	}
	return trimmed
}
