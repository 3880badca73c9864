package sandbox

import (
	"errors"
	"net/http"
	"strings"

	"ledgerlink/backend/qbo/sandbox/qql"
)

// commonFilters can be filtered on for every entity.
var commonFilters = []string{"Id", "MetaData.CreateTime", "MetaData.LastUpdatedTime"}

// filterable lists, per entity, the properties QBO lets a query filter or
// sort on (Intuit's reference marks them "filterable"). A query naming any
// other is refused with 4001 as QBO refuses it, so that no client comes to
// rely on a filter the real service would reject.
var filterable = map[string][]string{
	"Customer": {"DisplayName", "GivenName", "MiddleName", "FamilyName", "CompanyName",
		"FullyQualifiedName", "PrintOnCheckName", "PrimaryEmailAddr", "PrimaryPhone",
		"Active", "Balance", "BalanceWithJobs", "Job", "ParentRef", "Level"},
	"Item":        {"Name", "FullyQualifiedName", "Active", "Type", "Sku", "ParentRef", "UnitPrice"},
	"Account":     {"Name", "FullyQualifiedName", "Active", "AccountType", "AccountSubType", "Classification", "CurrentBalance", "AcctNum"},
	"TaxCode":     {"Name", "Active", "Taxable", "TaxGroup"},
	"TaxRate":     {"Name", "Active", "RateValue", "AgencyRef"},
	"TaxAgency":   {"DisplayName"},
	"Invoice":     {"DocNumber", "TxnDate", "DueDate", "CustomerRef", "TotalAmt", "Balance", "EmailStatus", "PrintStatus"},
	"Payment":     {"TxnDate", "CustomerRef", "TotalAmt", "PaymentRefNum", "UnappliedAmt"},
	"CompanyInfo": {},
	"Preferences": {},
	"Vendor":      {"DisplayName", "GivenName", "FamilyName", "CompanyName", "PrimaryEmailAddr", "PrintOnCheckName", "Active", "Balance"},
	"Employee":    {"DisplayName", "GivenName", "FamilyName", "PrimaryEmailAddr", "PrintOnCheckName", "Active"},
}

// runQuery answers the query endpoint: the body of QueryResponse.
func (s *Server) runQuery(text string) (map[string]any, error) {
	if strings.TrimSpace(text) == "" {
		return nil, errRequired("query")
	}
	q, err := qql.Parse(text)
	if err != nil {
		return nil, queryFault(err)
	}
	if party := partyEntity(q.Entity); party != "" {
		if err := q.CheckFields(func(path string) bool { return canFilter(party, path) }); err != nil {
			return nil, queryFault(err)
		}
		return answer(q, party, s.co.parties(party)), nil
	}
	k := kindOf(q.Entity)
	if k == nil {
		return nil, &fault{status: http.StatusBadRequest, kind: validationFault, errs: []qboError{{
			Message: qql.MessageInvalid, Code: qql.CodeInvalid,
			Detail: "QueryValidationError: Entity " + q.Entity + " is not supported"}}}
	}
	if err := q.CheckFields(func(path string) bool { return canFilter(k.name, path) }); err != nil {
		return nil, queryFault(err)
	}
	return answer(q, k.name, s.co.all(k.name)), nil
}

// answer runs q over the rows of entity and shapes QueryResponse's body.
func answer(q *qql.Query, entity string, rows []map[string]any) map[string]any {
	page, total := q.Apply(rows)
	if q.Count {
		return map[string]any{"totalCount": total}
	}
	res := map[string]any{}
	if len(page) > 0 {
		// QBO leaves the entity key (and the paging numbers) out of an
		// empty answer; clients must not take its absence for an error.
		res[entity] = page
		res["startPosition"] = q.Start()
		res["maxResults"] = len(page)
	}
	return res
}

// partyEntity returns "Vendor" or "Employee" when name is one of them
// (read-only in the sandbox, served from the company's names), else "".
func partyEntity(name string) string {
	for _, e := range []string{"Vendor", "Employee"} {
		if strings.EqualFold(name, e) {
			return e
		}
	}
	return ""
}

// canFilter reports whether entity's property path may appear in a query.
func canFilter(entity, path string) bool {
	for _, list := range [][]string{commonFilters, filterable[entity]} {
		for _, f := range list {
			if strings.EqualFold(f, path) {
				return true
			}
		}
	}
	// A reference or address may be named by one of its parts, which QBO
	// accepts for the ones it lists (PrimaryEmailAddr.Address, CustomerRef.value).
	if head, _, ok := strings.Cut(path, "."); ok && head != "MetaData" {
		return canFilter(entity, head)
	}
	return false
}

// queryFault turns a query language error into QBO's fault.
func queryFault(err error) error {
	var pe *qql.ParseError
	if errors.As(err, &pe) {
		return &fault{status: http.StatusBadRequest, kind: validationFault,
			errs: []qboError{{Message: pe.Message, Detail: pe.Detail, Code: pe.Code}}}
	}
	return errQueryParse(err.Error())
}
