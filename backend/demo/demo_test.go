package demo

import (
	"reflect"
	"strings"
	"testing"
)

func TestLocalContacts_AllValidAndAlreadyNormal(t *testing.T) {
	cs := LocalContacts()
	if n := len(cs); n < 18 || n > 30 {
		t.Fatalf("%d local contacts, want about 20", n)
	}
	kinds := map[string]int{}
	for _, c := range cs {
		before := c // Normalize builds new slices, so before keeps the original
		c.Normalize()
		if err := c.Validate(); err != nil {
			t.Errorf("%q does not validate: %v", c.Name, err)
		}
		if !reflect.DeepEqual(c, before) {
			t.Errorf("%q changes when normalized:\n%#v\n%#v", c.Name, before, c)
		}
		if c.TypeID != ClientTypeID {
			t.Errorf("%q has type %d, want the seeded Client type", c.Name, c.TypeID)
		}
		kinds[string(c.Kind)]++
	}
	if kinds["person"] == 0 || kinds["organisation"] == 0 {
		t.Errorf("kinds = %v, want people and organisations", kinds)
	}
}

func TestCases_EveryCaseHasCustomersAndEveryCustomerCaseIsDocumented(t *testing.T) {
	documented := map[Case]bool{}
	for _, ci := range Cases() {
		if documented[ci.Case] {
			t.Errorf("case %s documented twice", ci.Case)
		}
		if ci.Summary == "" || ci.Expect == "" {
			t.Errorf("case %s lacks a summary or an expectation", ci.Case)
		}
		documented[ci.Case] = true
	}
	used := map[Case]int{}
	for _, c := range Customers() {
		if c.Case != "" && !documented[c.Case] {
			t.Errorf("%q: case %q is not in Cases()", c.DisplayName, c.Case)
		}
		if c.Case != "" && !strings.Contains(c.Notes, string(c.Case)) {
			t.Errorf("%q: Notes %q do not name its case", c.DisplayName, c.Notes)
		}
		used[c.Case]++
	}
	for _, ci := range Cases() {
		if used[ci.Case] == 0 {
			t.Errorf("case %s has no customer", ci.Case)
		}
	}
	if used[""] < 20 {
		t.Errorf("%d ordinary customers, want the bulk of the list", used[""])
	}
}

func TestLocalContacts_IsDeterministicAndFreshOnEachCall(t *testing.T) {
	l1, l2 := LocalContacts(), LocalContacts()
	if !reflect.DeepEqual(l1, l2) {
		t.Fatal("LocalContacts() differs between calls")
	}
	l1[0].PhysicalAddress.Lines[0] = "changed"
	if LocalContacts()[0].PhysicalAddress.Lines[0] == "changed" {
		t.Fatal("LocalContacts() shares address lines between calls")
	}
}
