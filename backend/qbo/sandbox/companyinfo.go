package sandbox

import (
	"strings"
)

// CompanyInfo and Preferences are single objects (Id "1") of the company.
func init() {
	register(&kind{name: "CompanyInfo", seq: "CompanyInfo"})
	register(&kind{name: "Preferences", seq: "Preferences"})
}

// readCompanyInfo answers GET /companyinfo/{realmId}.
func (s *Server) readCompanyInfo(id string) (apiResult, error) {
	if id != s.co.RealmID && id != "1" {
		return apiResult{}, errNotFound("CompanyInfo", id)
	}
	return ok200("CompanyInfo", s.co.get("CompanyInfo", "1")), nil
}

func companyName(c *company) string { return str(c.get("CompanyInfo", "1")["CompanyName"]) }

// preferences returns the company's Preferences object.
func (c *company) preferences() map[string]any { return c.get("Preferences", "1") }

// pref reads a two-level preference such as SalesFormsPrefs.CustomTxnNumbers.
func (c *company) pref(group, name string) any { return obj(c.preferences()[group])[name] }

// closingDate is the books' closing date ("" when the books are open).
func (c *company) closingDate() string {
	return strings.TrimSpace(str(c.pref("AccountingInfoPrefs", "BookCloseDate")))
}

// customTxnNumbers reports whether the company numbers its own sales forms.
func (c *company) customTxnNumbers() bool {
	return boolean(c.pref("SalesFormsPrefs", "CustomTxnNumbers"), false)
}

// usingSalesTax reports whether tax is on at all.
func (c *company) usingSalesTax() bool {
	return boolean(c.pref("TaxPrefs", "UsingSalesTax"), true)
}

// updatePreferences applies a Preferences update from the API: the SyncToken
// must be current, and the groups sent are merged into the stored ones.
func (w *write) updatePreferences(in map[string]any) (map[string]any, error) {
	if err := checkTypes("Preferences", in); err != nil {
		return nil, err
	}
	cur := w.c.preferences()
	tok := str(in["SyncToken"])
	if tok == "" {
		return nil, errRequired("SyncToken")
	}
	if tok != str(cur["SyncToken"]) {
		return nil, errStale("Preferences", "1", tok, str(cur["SyncToken"]))
	}
	o := mergePreferences(cur, in)
	if err := checkPreferences(o); err != nil {
		return nil, err
	}
	w.touch(o)
	w.c.put("Preferences", o)
	return o, nil
}

// mergePreferences returns cur with the groups of in merged over it, one
// level deep, as a sparse update of Preferences behaves.
func mergePreferences(cur, in map[string]any) map[string]any {
	o := cloneObj(cur)
	for group, v := range in {
		switch group {
		case "Id", "SyncToken", "MetaData", "domain", "sparse":
			continue
		}
		g := obj(v)
		if g == nil {
			continue
		}
		dst := obj(o[group])
		if dst == nil {
			dst = map[string]any{}
			o[group] = dst
		}
		for k, x := range g {
			dst[k] = clone(x)
		}
	}
	return o
}

// checkPreferences validates the preferences the sandbox acts on.
func checkPreferences(p map[string]any) error {
	if d := str(obj(p["AccountingInfoPrefs"])["BookCloseDate"]); d != "" {
		if _, ok := parseDate(d); !ok {
			return errBusiness("BookCloseDate must be a date (YYYY-MM-DD)", "BookCloseDate")
		}
	}
	return nil
}
