package sandbox

import (
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"
)

// company is one QBO company (realm): its entities and the bookkeeping the
// API needs around them. It is plain data, serialised whole to the state
// file; every access happens under Server.mu.
type company struct {
	RealmID string `json:"realmId"`
	Country string `json:"country"`
	// Entities holds objects as the API shows them, keyed by entity name and
	// Id. Numbers inside are json.Number so that amounts stay exact.
	Entities map[string]map[string]map[string]any `json:"entities"`
	// Seq is the last Id given out per sequence. Transactions (Invoice,
	// Payment) share one sequence as they do in QBO, so a payment's Id is
	// never also an invoice's.
	Seq map[string]int `json:"seq"`
	// Deleted remembers deletions for CDC.
	Deleted []tombstone `json:"deleted,omitempty"`
	// Replays holds the first response to each requestid.
	Replays map[string]*replay `json:"replays,omitempty"`
	// Vendors and Employees are the display names of the company's vendors
	// and employees: they share the customers' name space (6240), and can be
	// read by query, not written.
	Vendors   []string `json:"vendors,omitempty"`
	Employees []string `json:"employees,omitempty"`
	// OtherNames are vendors' and employees' names as state files before
	// Vendors and Employees kept them; read as vendors.
	OtherNames []string `json:"otherNames,omitempty"`
	// Emails counts invoice e-mails sent per company day (sandbox cap).
	Emails map[string]int `json:"emails,omitempty"`
	// WarnDuplicateDocNumbers is the company's duplicate-number warning,
	// which QBO keeps but its API does not show (see CompanySettings).
	WarnDuplicateDocNumbers bool `json:"warnDuplicateDocNumbers,omitempty"`
}

// CompanySettings are settings a QBO company has that its API can neither
// read nor change: a person sets them in the QBO website. The sandbox sets
// them per company (see the admin endpoint /_sandbox/settings).
type CompanySettings struct {
	// WarnDuplicateDocNumbers is the warning about a transaction number
	// already used. With it on and custom transaction numbers on
	// (Preferences.SalesFormsPrefs.CustomTxnNumbers), an invoice whose
	// DocNumber another invoice has is refused with 6140, unless the request
	// says include=allowduplicatedocnum; with either off, it is taken. On
	// in the demo company, off in a new (empty) one.
	WarnDuplicateDocNumbers bool `json:"warnDuplicateDocNumbers"`
}

// tombstone records that an object was deleted, for CDC.
type tombstone struct {
	Entity string    `json:"entity"`
	ID     string    `json:"id"`
	At     time.Time `json:"at"`
}

// replay is a stored response to a request id.
type replay struct {
	Status int             `json:"status"`
	Body   json.RawMessage `json:"body"`
	At     time.Time       `json:"at"`
}

func newCompany(realm, country string) *company {
	return &company{
		RealmID:  realm,
		Country:  country,
		Entities: map[string]map[string]map[string]any{},
		Seq:      map[string]int{},
		Replays:  map[string]*replay{},
		Emails:   map[string]int{},
	}
}

// us reports whether the company uses US sales tax (one rate per invoice).
func (c *company) us() bool { return c.Country == "US" }

// get returns the stored object, or nil.
func (c *company) get(entity, id string) map[string]any {
	return c.Entities[entity][id]
}

// put stores obj under its Id.
func (c *company) put(entity string, obj map[string]any) {
	m := c.Entities[entity]
	if m == nil {
		m = map[string]map[string]any{}
		c.Entities[entity] = m
	}
	m[str(obj["Id"])] = obj
}

// remove deletes an object and leaves a tombstone for CDC.
func (c *company) remove(entity, id string, at time.Time) {
	delete(c.Entities[entity], id)
	c.Deleted = append(c.Deleted, tombstone{Entity: entity, ID: id, At: at})
}

// all returns the objects of an entity in Id order.
func (c *company) all(entity string) []map[string]any {
	m := c.Entities[entity]
	out := make([]map[string]any, 0, len(m))
	for _, o := range m {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return idLess(str(out[i]["Id"]), str(out[j]["Id"])) })
	return out
}

// idLess orders numeric Ids numerically and anything else after, by text.
func idLess(a, b string) bool {
	x, errA := strconv.Atoi(a)
	y, errB := strconv.Atoi(b)
	switch {
	case errA == nil && errB == nil:
		return x < y
	case errA == nil:
		return true
	case errB == nil:
		return false
	}
	return a < b
}

// nextID hands out the next Id of a sequence.
func (c *company) nextID(seq string) string {
	c.Seq[seq]++
	return strconv.Itoa(c.Seq[seq])
}

// find returns the object of entity with the lowest Id for which match is
// true. It walks the map rather than a sorted list: it runs on every write
// (duplicate checks), and large companies must not pay a sort each time.
func (c *company) find(entity string, match func(map[string]any) bool) map[string]any {
	var found map[string]any
	for id, o := range c.Entities[entity] {
		if (found == nil || idLess(id, str(found["Id"]))) && match(o) {
			found = o
		}
	}
	return found
}

// nameTaken reports whether a customer (other than exceptID), vendor or
// employee already uses name. QBO compares names without regard to case and
// counts inactive customers too.
func (c *company) nameTaken(name, exceptID string) bool {
	// EqualFold rather than comparing lower-cased copies: this runs on
	// every customer write over every customer, and must not allocate.
	key := strings.TrimSpace(name)
	for id, o := range c.Entities["Customer"] {
		if id != exceptID && strings.EqualFold(strings.TrimSpace(str(o["DisplayName"])), key) {
			return true
		}
	}
	for _, list := range [][]string{c.Vendors, c.Employees, c.OtherNames} {
		for _, n := range list {
			if strings.EqualFold(strings.TrimSpace(n), key) {
				return true
			}
		}
	}
	return false
}

// parties returns the vendors or the employees as query rows: Id, name,
// active. Their Ids are the entity's initial and a number ("V1", "E1").
func (c *company) parties(entity string) []map[string]any {
	names := c.Employees
	if entity == "Vendor" {
		names = append(append([]string(nil), c.Vendors...), c.OtherNames...)
	}
	out := make([]map[string]any, len(names))
	for i, n := range names {
		out[i] = map[string]any{"Id": fmt.Sprintf("%s%d", entity[:1], i+1), "SyncToken": "0", "DisplayName": n,
			"PrintOnCheckName": n, "Active": true, "domain": "QBO", "sparse": false}
	}
	return out
}

func foldName(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// str reads a JSON value as a string ("" when absent or not a string).
func str(v any) string {
	switch x := v.(type) {
	case string:
		return x
	case json.Number:
		return string(x)
	}
	return ""
}

// obj reads a JSON value as an object (nil when it is not one).
func obj(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// list reads a JSON value as an array (nil when it is not one).
func list(v any) []any {
	l, _ := v.([]any)
	return l
}

// refValue reads the value of a reference field such as CustomerRef,
// {"value":"1"}. (A bare string, which QBO's schema cannot read as a
// reference, is refused before any rule runs; see schema.go.)
func refValue(v any) string {
	if m := obj(v); m != nil {
		return strings.TrimSpace(str(m["value"]))
	}
	return strings.TrimSpace(str(v))
}

// boolean reads a JSON value as a bool; def when absent.
func boolean(v any, def bool) bool {
	switch x := v.(type) {
	case bool:
		return x
	case string:
		if b, err := strconv.ParseBool(x); err == nil {
			return b
		}
	}
	return def
}

// clone deep-copies a JSON value so a failed write never leaves a stored
// object half changed.
func clone(v any) any {
	switch x := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = clone(e)
		}
		return m
	case []any:
		l := make([]any, len(x))
		for i, e := range x {
			l[i] = clone(e)
		}
		return l
	}
	return v
}

func cloneObj(m map[string]any) map[string]any { return clone(m).(map[string]any) }
