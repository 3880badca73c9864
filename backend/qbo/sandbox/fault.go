package sandbox

import (
	"fmt"
	"net/http"
	"strings"
)

// Fault types as QBO names them in Fault.type.
const (
	validationFault     = "ValidationFault"
	systemFault         = "SystemFault"
	authorizationFault  = "AuthorizationFault"
	authenticationFault = "AuthenticationFault"
	serviceFault        = "SERVICE" // what throttling answers with, in capitals
)

// qboError is one entry of Fault.Error.
type qboError struct {
	Message string `json:"Message"`
	Detail  string `json:"Detail"`
	Code    string `json:"code"`
	Element string `json:"element,omitempty"`
}

// fault is an error the API answers with: an HTTP status and a QBO Fault body.
type fault struct {
	status int
	kind   string
	errs   []qboError
}

func (f *fault) Error() string {
	if len(f.errs) == 0 {
		return f.kind
	}
	e := f.errs[0]
	return fmt.Sprintf("%s %s: %s", e.Code, e.Message, e.Detail)
}

// body is the JSON QBO sends for the fault, without its time.
func (f *fault) body() map[string]any {
	return map[string]any{"Fault": map[string]any{"Error": f.errs, "type": f.kind}}
}

func validation(code, message, detail, element string) *fault {
	return &fault{status: http.StatusBadRequest, kind: validationFault,
		errs: []qboError{{Message: message, Detail: detail, Code: code, Element: element}}}
}

// The QBO faults the sandbox raises, one constructor each, with QBO's words.

func errDuplicateName(name string) *fault {
	return validation("6240", "Duplicate Name Exists Error",
		"The name supplied already exists. : Another customer, vendor or employee is already using this name. Please use a different name. Name="+name, "")
}

func errDuplicateItemName(name string) *fault {
	return validation("6240", "Duplicate Name Exists Error",
		"The name supplied already exists. : Another product or service is already using this name. Please use a different name. Name="+name, "")
}

func errNoName() *fault {
	return validation("6080", "No Name Provided",
		"No Name Provided : Please provide a name (DisplayName, Title, GivenName, MiddleName, FamilyName or Suffix).", "")
}

// errItemNameColon refuses an item Name with a colon, which QBO keeps for
// sub-items' full names. Which code real QBO gives is not documented; the
// customer fields' 2040 is (errInvalidString).
func errItemNameColon() *fault {
	return validation("6000", "A business validation error has occurred while processing your request",
		"Business Validation Error: Name cannot contain a colon (:).", "Name")
}

// errInvalidString is QBO's 2040 for a name field holding a colon, a tab
// or a new line, which its Customer reference forbids, or another control
// character (NUL, a carriage return, …), which no name has reason to hold.
func errInvalidString(field string) *fault {
	return validation("2040", "Invalid String",
		"Invalid String : "+field+" cannot contain a colon (:), a tab, a new line or another control character.", field)
}

func errDuplicateDocNumber(doc, entity, id string) *fault {
	return validation("6140", "Duplicate Document Number Error",
		fmt.Sprintf("Duplicate Document Number Error : You must specify a different number. This number has already been used. DocNumber=%s is assigned to TxnType=%s with TxnId=%s", doc, entity, id), "")
}

func errStale(entity, id, sent, current string) *fault {
	return validation("5010", "Stale Object Error",
		fmt.Sprintf("Stale Object Error : You and %s were working on this at the same time. %s finished before you did, so your work was not saved. (%s Id=%s, SyncToken sent=%s, current=%s)",
			"another user", "The other user", entity, id, sent, current), "")
}

func errNotFound(entity, id string) *fault {
	return validation("610", "Object Not Found",
		fmt.Sprintf("Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. (%s Id=%s)", entity, id), "")
}

func errRequired(field string) *fault {
	return validation("2020", "Required param missing, need to supply the required value for the API",
		"Required parameter "+field+" is missing in the request", field)
}

func errInvalidRef(field, id string) *fault {
	return validation("2500", "Invalid Reference Id",
		fmt.Sprintf("Invalid Reference Id : %s refers to Id %q, which does not exist.", field, id), field)
}

func errBusiness(detail, element string) *fault {
	return validation("6000", "A business validation error has occurred while processing your request",
		"Business Validation Error: "+detail, element)
}

// errClosedPeriod is what QBO answers a write dated on or before the
// closing date: 6210 in the answers clients report (6200 exists too, and
// clients treat both alike). The words are QBO's; the dates are not in its
// answer, so they are not in this one.
func errClosedPeriod() *fault {
	return validation("6210", "Account Period Closed, Cannot Update Through Services API",
		"The account period has closed and the account books cannot be updated through the QBO Services API. Please use the QBO website to make these changes.", "")
}

func errUSLineTaxCode(code string) *fault {
	return validation("6100", "Invalid tax code",
		fmt.Sprintf("A US company's line TaxCodeRef must be TAX or NON; got %q. Put the rate in TxnTaxDetail.TxnTaxCodeRef.", code), "TaxCodeRef")
}

func errAmount(supplied string) *fault {
	return validation("6070", "Amount calculation incorrect in the request",
		"Amount is not equal to UnitPrice * Qty. Supplied value:"+supplied, "Amount")
}

func errQueryParse(detail string) *fault {
	return validation("4000", "Error parsing query", "QueryParserError: "+detail, "")
}

func errBatchSize(n, max int) *fault {
	return validation("1040", "Batch size exceeds allowed limit",
		fmt.Sprintf("Batch size exceeds allowed limit: %d items sent, at most %d allowed.", n, max), "")
}

func errInvalidProperty(detail, element string) *fault {
	return validation("2010", "Request has invalid or unsupported property", "Property Name:"+detail, element)
}

// errWrongType is QBO's answer to a value its schema cannot read as the
// property's type: 2010, with Jackson's words and reference chain, element
// naming the property ("BillAddr.City"; see schema.go).
func errWrongType(jackson string, chain, path []string) *fault {
	return validation("2010", "Request has invalid or unsupported property",
		"Property Name:"+jackson+" (through reference chain: "+strings.Join(chain, "->")+") specified is unsupported or invalid",
		strings.Join(path, "."))
}

func errStringLength(field string, max, got int) *fault {
	return validation("2050", "String length is either shorter or longer than supported by specification",
		fmt.Sprintf("String length specified does not match the supported length. Min:0 Max:%d supported. Supplied length:%d", max, got), field)
}

func errUnsupported(what string) *fault {
	return validation("500", "Unsupported Operation", "Operation "+what+" is not supported.", "")
}

func errBadRequest(detail string) *fault {
	return validation("2010", "Request has invalid or unsupported property", detail, "")
}

// errCDCTooOld refuses a CDC reaching back more than 30 days, in the words
// QBO's answer has. Which code comes with them is not known (clients report
// only the text); the sandbox says 6000, and clients must not rely on it.
func errCDCTooOld(since string) *fault {
	return validation("6000", "A business validation error has occurred while processing your request",
		"Operation cdc with changedSince date "+since+" which is older than fixed days is not supported.", "changedSince")
}

func errThrottled() *fault {
	return &fault{status: http.StatusTooManyRequests, kind: serviceFault, errs: []qboError{{
		Message: "message=ThrottleExceeded; errorCode=003001; statusCode=429",
		Detail:  "The request limit was reached.  Try again later", Code: "3001"}}}
}

func errWrongRealm(realm string) *fault {
	return &fault{status: http.StatusForbidden, kind: authorizationFault, errs: []qboError{{
		Message: "message=ApplicationAuthorizationFailed; errorCode=003100; statusCode=403",
		Detail:  "The token is not authorized for company " + realm, Code: "3100"}}}
}

func errSystem(detail string) *fault {
	return &fault{status: http.StatusInternalServerError, kind: systemFault, errs: []qboError{{
		Message: "An application error has occurred while processing your request",
		Detail:  "System Failure Error: " + detail, Code: "10000"}}}
}
