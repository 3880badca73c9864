package sandbox

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

var pacificStamp = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-0[78]:00$`)

func TestCustomer_Create_AssignsIdSyncTokenAndPacificTimestamps(t *testing.T) {
	e := newEnv(t)
	c := e.mustCreate("Customer", map[string]any{"GivenName": "Ngaio", "FamilyName": "Marsh",
		"PrimaryEmailAddr": map[string]any{"Address": "ngaio@example.com, n.marsh@example.com"}})
	if str(c["Id"]) == "" || str(c["SyncToken"]) != "0" {
		t.Fatalf("Id %v SyncToken %v", c["Id"], c["SyncToken"])
	}
	if got := str(c["DisplayName"]); got != "Ngaio Marsh" {
		t.Errorf("DisplayName derived from the name parts = %q", got)
	}
	md := obj(c["MetaData"])
	for _, k := range []string{"CreateTime", "LastUpdatedTime"} {
		if !pacificStamp.MatchString(str(md[k])) {
			t.Errorf("MetaData.%s = %q, want a Pacific-offset timestamp", k, md[k])
		}
	}
	status, got := e.call("GET", "customer/"+str(c["Id"]), nil)
	if status != http.StatusOK || str(obj(got["Customer"])["DisplayName"]) != "Ngaio Marsh" {
		t.Fatalf("read back: %d %v", status, got)
	}
	if !regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}-0[78]:00$`).MatchString(str(got["time"])) {
		t.Errorf("response time %q", got["time"])
	}
}

func TestCustomer_Faults(t *testing.T) {
	e := newEnv(t)
	existing := e.mustCreate("Customer", map[string]any{"DisplayName": "Tui Brewing"})
	inactive := e.mustCreate("Customer", map[string]any{"DisplayName": "Dormant Ltd", "Active": false})
	_ = inactive
	cases := []struct {
		name string
		body map[string]any
		code string
		elem string
	}{
		{"DuplicateName_6240", map[string]any{"DisplayName": "Tui Brewing"}, "6240", ""},
		{"DuplicateNameIgnoringCase_6240", map[string]any{"DisplayName": "TUI brewing"}, "6240", ""},
		{"DuplicateOfInactiveCustomer_6240", map[string]any{"DisplayName": "Dormant Ltd"}, "6240", ""},
		{"DuplicateOfVendorName_6240", map[string]any{"DisplayName": "Kestrel Office Supplies"}, "6240", ""},
		{"NoNameAtAll_6080", map[string]any{"PrimaryEmailAddr": map[string]any{"Address": "x@example.com"}}, "6080", ""},
		{"CompanyNameAloneIsNoName_6080", map[string]any{"CompanyName": "Only Co"}, "6080", ""},
		{"UnknownParent_2500", map[string]any{"DisplayName": "Job X", "ParentRef": ref("99999")}, "2500", "ParentRef"},
		{"UnknownProperty_2010", map[string]any{"DisplayName": "Typo Co", "PrimaryEmail": "x@example.com"}, "2010", "PrimaryEmail"},
		{"BadEmail_6000", map[string]any{"DisplayName": "Mail Co", "PrimaryEmailAddr": map[string]any{"Address": "not-an-address"}}, "6000", "PrimaryEmailAddr"},
		{"TooLongGivenName_2050", map[string]any{"GivenName": strings.Repeat("x", 101)}, "2050", "GivenName"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, m := e.call("POST", "customer", tc.body)
			expectFault(t, status, m, tc.code)
			if tc.elem != "" && faultElement(m) != tc.elem {
				t.Errorf("element %q, want %q", faultElement(m), tc.elem)
			}
		})
	}
	t.Run("RenameOntoItselfIsNoDuplicate", func(t *testing.T) {
		status, m := e.call("POST", "customer", map[string]any{"Id": existing["Id"], "SyncToken": existing["SyncToken"],
			"sparse": true, "DisplayName": "Tui Brewing"})
		if status != http.StatusOK {
			t.Fatalf("%d %v", status, m)
		}
	})
}

func TestCustomer_ColonTabOrNewlineInANameField_Is2040InvalidString(t *testing.T) {
	e := newEnv(t)
	for _, field := range []string{"DisplayName", "Title", "GivenName", "MiddleName", "FamilyName", "Suffix", "PrintOnCheckName"} {
		for name, bad := range map[string]string{"Colon": "A:B", "Tab": "A\tB", "Newline": "A\nB"} {
			t.Run(field+"_"+name, func(t *testing.T) {
				body := map[string]any{"DisplayName": "Invalid String " + field + " " + name, field: bad}
				status, m := e.call("POST", "customer", body)
				expectFault(t, status, m, "2040")
				if f := obj(list(obj(m["Fault"])["Error"])[0]); str(f["Message"]) != "Invalid String" || str(f["element"]) != field {
					t.Errorf("fault %v, want Invalid String on %s", f, field)
				}
			})
		}
	}
	t.Run("AnUpdateToo", func(t *testing.T) {
		c := e.mustCreate("Customer", map[string]any{"DisplayName": "Kauri Joinery"})
		status, m := e.call("POST", "customer", map[string]any{"Id": c["Id"], "SyncToken": c["SyncToken"], "sparse": true, "FamilyName": "Kauri:Joinery"})
		expectFault(t, status, m, "2040")
	})
	t.Run("CompanyNameMayHaveAColon", func(t *testing.T) {
		if status, m := e.call("POST", "customer", map[string]any{"DisplayName": "Harbour Ltd", "CompanyName": "Harbour: Ltd"}); status != http.StatusOK {
			t.Fatalf("%d %v", status, m)
		}
	})
}

func TestCustomer_SparseUpdate_KeepsOtherFieldsAndIncrementsSyncToken(t *testing.T) {
	e := newEnv(t)
	c := e.mustCreate("Customer", map[string]any{"DisplayName": "Kauri Joinery", "CompanyName": "Kauri Joinery Ltd",
		"PrimaryPhone": map[string]any{"FreeFormNumber": "09 555 0100"}})
	e.clock.Advance(61e9)
	status, m := e.call("POST", "customer", map[string]any{"Id": c["Id"], "SyncToken": "0", "sparse": true,
		"PrimaryEmailAddr": map[string]any{"Address": "office@kauri.example"}})
	if status != http.StatusOK {
		t.Fatalf("%d %v", status, m)
	}
	u := obj(m["Customer"])
	if str(u["SyncToken"]) != "1" || str(u["CompanyName"]) != "Kauri Joinery Ltd" ||
		str(obj(u["PrimaryPhone"])["FreeFormNumber"]) != "09 555 0100" {
		t.Fatalf("sparse update lost fields or token: %v", u)
	}
	if obj(u["MetaData"])["LastUpdatedTime"] == obj(c["MetaData"])["LastUpdatedTime"] ||
		obj(u["MetaData"])["CreateTime"] != obj(c["MetaData"])["CreateTime"] {
		t.Errorf("MetaData not moved on: %v → %v", c["MetaData"], u["MetaData"])
	}

	t.Run("StaleSyncToken_5010", func(t *testing.T) {
		status, m := e.call("POST", "customer", map[string]any{"Id": c["Id"], "SyncToken": "0", "sparse": true, "Notes": "late"})
		expectFault(t, status, m, "5010")
	})
	t.Run("MissingSyncToken_2020", func(t *testing.T) {
		status, m := e.call("POST", "customer", map[string]any{"Id": c["Id"], "sparse": true, "Notes": "x"})
		expectFault(t, status, m, "2020")
	})
	t.Run("UnknownId_610", func(t *testing.T) {
		status, m := e.call("POST", "customer", map[string]any{"Id": "987654", "SyncToken": "0", "sparse": true, "Notes": "x"})
		expectFault(t, status, m, "610")
	})
	t.Run("FullUpdateClearsWhatIsLeftOut", func(t *testing.T) {
		status, m := e.call("POST", "customer?operation=update", map[string]any{"Id": c["Id"], "SyncToken": "1",
			"DisplayName": "Kauri Joinery"})
		if status != http.StatusOK {
			t.Fatalf("%d %v", status, m)
		}
		u := obj(m["Customer"])
		if u["CompanyName"] != nil || u["PrimaryPhone"] != nil || str(u["SyncToken"]) != "2" {
			t.Errorf("full update kept fields it was not sent: %v", u)
		}
	})
}

func TestCustomer_ReadUnknownId_610(t *testing.T) {
	e := newEnv(t)
	status, m := e.call("GET", "customer/424242", nil)
	expectFault(t, status, m, "610")
}

func TestCustomer_SubCustomer_FullyQualifiedNameFollowsParent(t *testing.T) {
	e := newEnv(t)
	parent := e.mustCreate("Customer", map[string]any{"DisplayName": "Rimu Homes"})
	job := e.mustCreate("Customer", map[string]any{"DisplayName": "Lot 7", "ParentRef": ref(str(parent["Id"]))})
	if job["Job"] != true || str(job["FullyQualifiedName"]) != "Rimu Homes:Lot 7" || intOf(job["Level"]) != 1 {
		t.Fatalf("job: %v", job)
	}
	status, m := e.call("POST", "customer", map[string]any{"Id": parent["Id"], "SyncToken": "0", "sparse": true,
		"DisplayName": "Rimu Homes Ltd"})
	if status != http.StatusOK {
		t.Fatalf("%d %v", status, m)
	}
	_, got := e.call("GET", "customer/"+str(job["Id"]), nil)
	if fq := str(obj(got["Customer"])["FullyQualifiedName"]); fq != "Rimu Homes Ltd:Lot 7" {
		t.Errorf("job FullyQualifiedName = %q after the parent's rename", fq)
	}
}

func TestCustomer_MakeInactiveWithOpenBalance_Refused(t *testing.T) {
	e := newEnv(t)
	c := e.customerNamed("Copperline Electrical") // has a partly paid demo invoice
	status, m := e.call("POST", "customer", map[string]any{"Id": c["Id"], "SyncToken": c["SyncToken"], "sparse": true, "Active": false})
	expectFault(t, status, m, "6000")
}

// A display name longer than the check name's 110 characters is allowed;
// the name QBO fills in for checks is cut to fit, so that a later sparse
// update of an unrelated field is not refused for it.
func TestCustomer_LongDisplayName_LaterSparseUpdateAccepted(t *testing.T) {
	e := newEnv(t)
	long := strings.Repeat("Cooperative ", 14) + "Ltd"
	c := e.mustCreate("Customer", map[string]any{"DisplayName": long})
	if n := len([]rune(str(c["PrintOnCheckName"]))); n > 110 {
		t.Errorf("PrintOnCheckName has %d characters, QBO allows 110", n)
	}
	status, got := e.call("POST", "customer", map[string]any{"Id": c["Id"], "SyncToken": c["SyncToken"], "sparse": true,
		"Fax": map[string]any{"FreeFormNumber": "555 0100"}})
	if status != http.StatusOK {
		t.Fatalf("sparse update of a customer with a long name: %d %v", status, got)
	}
}
