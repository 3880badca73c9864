package sandbox

import (
	"net/http"
	"testing"
)

func TestAdmin_CountsAndReset(t *testing.T) {
	e := newEnv(t)
	_, m := e.admin("GET", "counts", nil)
	ents := obj(m["entities"])
	if intOf(ents["Customer"]) < 50 || intOf(ents["Invoice"]) != 7 || intOf(ents["Payment"]) != 4 || m["realmId"] != e.realm {
		t.Fatalf("demo counts %v", m)
	}
	e.newCustomer("Gone After Reset")
	status, m := e.admin("POST", "reset", map[string]any{"company": "empty", "country": "NZ"})
	if status != http.StatusOK {
		t.Fatalf("%d %v", status, m)
	}
	ents = obj(m["entities"])
	if ents["Customer"] != nil || intOf(ents["Item"]) != 2 || m["country"] != "NZ" || m["realmId"] != e.realm {
		t.Fatalf("empty NZ company %v", m)
	}
	if status, m := e.call("GET", "preferences", nil); status != http.StatusOK {
		t.Fatalf("the connection did not survive the reset: %d %v", status, m)
	}
	if status, _ := e.admin("POST", "reset", map[string]any{"country": "FR"}); status != http.StatusBadRequest {
		t.Errorf("unknown country accepted: %d", status)
	}
}

func TestAdmin_Clock_AdvanceSetAndOffset(t *testing.T) {
	e := newEnv(t)
	_, m := e.admin("POST", "clock", map[string]any{"advance": "48h"})
	if m["now"] != "2026-03-20T09:30:00-07:00" {
		t.Fatalf("after advancing: %v", m)
	}
	_, m = e.admin("POST", "clock", map[string]any{"set": "2026-07-01T12:00:00-07:00"})
	if m["now"] != "2026-07-01T12:00:00-07:00" {
		t.Fatalf("after setting: %v", m)
	}
	_, m = e.admin("POST", "clock", map[string]any{"offset": "0s"})
	if m["now"] != "2026-03-18T09:30:00-07:00" {
		t.Fatalf("after resetting the offset: %v", m)
	}
	if status, _ := e.admin("POST", "clock", map[string]any{}); status != http.StatusBadRequest {
		t.Errorf("empty clock change accepted: %d", status)
	}
}

func TestAdmin_PreferencesAndClosingDate_MoveTheSyncToken(t *testing.T) {
	e := newEnv(t)
	before := e.read("preferences", "")
	_, m := e.admin("POST", "closing-date", map[string]any{"date": "2026-03-01"})
	if m["BookCloseDate"] != "2026-03-01" {
		t.Fatalf("%v", m)
	}
	after := e.read("preferences", "")
	if str(after["SyncToken"]) == str(before["SyncToken"]) {
		t.Errorf("SyncToken did not move")
	}
	if status, _ := e.admin("POST", "closing-date", map[string]any{"date": "March"}); status != http.StatusBadRequest {
		t.Errorf("a non-date closing date was accepted: %d", status)
	}
	t.Run("APIUpdateNeedsTheCurrentSyncToken", func(t *testing.T) {
		status, m := e.call("POST", "preferences", map[string]any{"SyncToken": before["SyncToken"],
			"SalesFormsPrefs": map[string]any{"CustomTxnNumbers": false}})
		expectFault(t, status, m, "5010")
		status, m = e.call("POST", "preferences", map[string]any{"SyncToken": after["SyncToken"], "sparse": true,
			"SalesFormsPrefs": map[string]any{"CustomTxnNumbers": false}})
		if status != http.StatusOK || obj(obj(m["Preferences"])["SalesFormsPrefs"])["CustomTxnNumbers"] != false {
			t.Fatalf("%d %v", status, m)
		}
	})
}

func TestAdmin_LimitsTokensIndexAndUnknownPaths(t *testing.T) {
	e := newEnv(t)
	if _, m := e.admin("POST", "limits", map[string]any{"perSecond": 1}); intOf(m["perSecond"]) != 1 || intOf(m["perMinute"]) != 500 {
		t.Fatalf("limits %v", m)
	}
	e.call("GET", "preferences", nil)
	if status, _ := e.call("GET", "preferences", nil); status != http.StatusTooManyRequests {
		t.Errorf("second request in a second with perSecond 1: %d", status)
	}
	e.admin("POST", "limits", map[string]any{"off": true})

	_, tok := e.admin("POST", "tokens", nil)
	if status, _ := e.callWith("GET", "/v3/company/"+str(tok["realmId"])+"/preferences", nil, str(tok["access_token"])); status != http.StatusOK {
		t.Fatalf("admin-issued token refused: %d", status)
	}
	e.admin("DELETE", "tokens", nil)
	if status, _ := e.callWith("GET", "/v3/company/"+e.realm+"/preferences", nil, str(tok["access_token"])); status != http.StatusUnauthorized {
		t.Errorf("token still works after DELETE /_sandbox/tokens: %d", status)
	}
	if status, m := e.admin("GET", "", nil); status != http.StatusOK || len(m) < 5 {
		t.Errorf("index: %d %v", status, m)
	}
	if status, _ := e.admin("GET", "nothing-here", nil); status != http.StatusNotFound {
		t.Errorf("unknown admin path: %d", status)
	}
}

func TestAPI_UnknownEntityOrMethod_Unsupported(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct{ method, rel string }{{"GET", "spaceship/1"}, {"POST", "account"}, {"GET", "customer"}, {"POST", "taxcode"}} {
		var body any
		if tc.method == "POST" {
			body = map[string]any{"Name": "x"}
		}
		status, m := e.call(tc.method, tc.rel, body)
		expectFault(t, status, m, "500")
	}
}
