package sandbox

import (
	"strconv"
	"strings"
	"time"
)

// A kind is one entity type of the API and the rules that make it QBO's.
// The generic write path (create, update, delete, void) lives here; what is
// particular to an entity lives in its build and hooks.
type kind struct {
	name string // as in JSON and queries: "Customer"
	seq  string // Id sequence it draws from
	// nameList marks list entities (customers, items, accounts, tax codes):
	// they are deactivated rather than deleted, and a query without a
	// condition on Active returns only active ones, as QBO's does.
	nameList bool
	// build validates an incoming object and derives the stored one.
	// prev is the stored object on update, nil on create. Without build the
	// entity is read-only through the API.
	build func(w *write, prev, in map[string]any) (map[string]any, error)
	// remove and void, when set, answer operation=delete and operation=void.
	remove func(w *write, cur map[string]any) error
	void   func(w *write, cur map[string]any) (map[string]any, error)
	// after runs once the object is stored (or removed: cur nil), for
	// effects on other objects such as invoice balances.
	after func(w *write, prev, cur map[string]any)
}

// kinds by lower-case name, filled by each entity's file.
var kinds = map[string]*kind{}

func register(k *kind) { kinds[strings.ToLower(k.name)] = k }

// kindOf finds a kind by the name used in a path or query, case-insensitively.
func kindOf(name string) *kind { return kinds[strings.ToLower(name)] }

// write carries what one API write needs: the company, the time it happens
// at (fixed for the whole request, so every stamp agrees) and the request's
// include= options.
type write struct {
	s       *Server
	c       *company
	now     time.Time
	include map[string]bool
}

// create stores a new object.
func (w *write) create(k *kind, in map[string]any) (map[string]any, error) {
	if k.build == nil {
		return nil, errUnsupported("create on " + k.name)
	}
	if id := str(in["Id"]); id != "" {
		// A create carrying an Id is an update in QBO's eyes.
		return w.update(k, in)
	}
	if err := checkBody(k.name, in); err != nil {
		return nil, err
	}
	o, err := k.build(w, nil, cloneObj(in))
	if err != nil {
		return nil, err
	}
	o["Id"] = w.c.nextID(k.seq)
	o["SyncToken"] = "0"
	o["domain"] = "QBO"
	o["sparse"] = false
	o["MetaData"] = map[string]any{"CreateTime": stamp(w.now), "LastUpdatedTime": stamp(w.now)}
	w.c.put(k.name, o)
	if k.after != nil {
		k.after(w, nil, o)
	}
	return o, nil
}

// current finds the stored object an update, delete or void names, and
// checks its SyncToken as QBO does: missing is 2020, out of date is 5010.
func (w *write) current(k *kind, in map[string]any) (map[string]any, error) {
	id := str(in["Id"])
	if id == "" {
		return nil, errRequired("Id")
	}
	cur := w.c.get(k.name, id)
	if cur == nil {
		return nil, errNotFound(k.name, id)
	}
	tok, ok := in["SyncToken"]
	if !ok || str(tok) == "" {
		return nil, errRequired("SyncToken")
	}
	if str(tok) != str(cur["SyncToken"]) {
		return nil, errStale(k.name, id, str(tok), str(cur["SyncToken"]))
	}
	return cur, nil
}

// update applies a full or sparse update ("sparse": true).
func (w *write) update(k *kind, in map[string]any) (map[string]any, error) {
	if k.build == nil {
		return nil, errUnsupported("update on " + k.name)
	}
	if err := checkBody(k.name, in); err != nil {
		return nil, err
	}
	cur, err := w.current(k, in)
	if err != nil {
		return nil, err
	}
	var merged map[string]any
	if boolean(in["sparse"], false) {
		merged = cloneObj(cur)
		for key, v := range in {
			merged[key] = clone(v)
		}
	} else {
		merged = cloneObj(in)
	}
	o, err := k.build(w, cur, merged)
	if err != nil {
		return nil, err
	}
	o["Id"] = cur["Id"]
	o["domain"] = "QBO"
	o["sparse"] = false
	o["SyncToken"] = cur["SyncToken"]
	o["MetaData"] = cloneObj(obj(cur["MetaData"]))
	w.touch(o)
	w.c.put(k.name, o)
	if k.after != nil {
		k.after(w, cur, o)
	}
	return o, nil
}

// del deletes an object and answers with QBO's deleted stub.
func (w *write) del(k *kind, in map[string]any) (map[string]any, error) {
	if k.remove == nil {
		return nil, errUnsupported("delete on " + k.name)
	}
	cur, err := w.current(k, in)
	if err != nil {
		return nil, err
	}
	if err := k.remove(w, cur); err != nil {
		return nil, err
	}
	id := str(cur["Id"])
	w.c.remove(k.name, id, w.now)
	if k.after != nil {
		k.after(w, cur, nil)
	}
	return map[string]any{"domain": "QBO", "status": "Deleted", "Id": id}, nil
}

// voidObj voids a transaction: it stays, with its amounts zeroed.
func (w *write) voidObj(k *kind, in map[string]any) (map[string]any, error) {
	if k.void == nil {
		return nil, errUnsupported("void on " + k.name)
	}
	cur, err := w.current(k, in)
	if err != nil {
		return nil, err
	}
	o, err := k.void(w, cloneObj(cur))
	if err != nil {
		return nil, err
	}
	w.touch(o)
	w.c.put(k.name, o)
	if k.after != nil {
		k.after(w, cur, o)
	}
	return o, nil
}

// touch marks o as changed now: the next SyncToken and LastUpdatedTime.
// QBO does this to an object whenever it changes, including when another
// object's write changes it (a payment changes the invoice it pays).
func (w *write) touch(o map[string]any) {
	n, _ := strconv.Atoi(str(o["SyncToken"]))
	o["SyncToken"] = strconv.Itoa(n + 1)
	md := obj(o["MetaData"])
	if md == nil {
		md = map[string]any{"CreateTime": stamp(w.now)}
		o["MetaData"] = md
	}
	md["LastUpdatedTime"] = stamp(w.now)
}

// ref resolves a reference field of in to a stored object of entity:
// required and absent is 2020, unknown is 2500, inactive is 610.
func (w *write) ref(in map[string]any, field, entity string, required bool) (map[string]any, error) {
	v, ok := in[field]
	id := refValue(v)
	if !ok || id == "" {
		if required {
			return nil, errRequired(field)
		}
		return nil, nil
	}
	o := w.c.get(entity, id)
	if o == nil {
		return nil, errInvalidRef(field, id)
	}
	if !boolean(o["Active"], true) {
		return nil, errNotFound(entity, id)
	}
	return o, nil
}

// refTo builds a reference to o as QBO writes one: value and name.
func refTo(o map[string]any, nameField string) map[string]any {
	r := map[string]any{"value": str(o["Id"])}
	if n := str(o[nameField]); n != "" {
		r["name"] = n
	}
	return r
}

// keep copies the listed fields from in to out when present.
func keep(out, in map[string]any, fields ...string) {
	for _, f := range fields {
		if v, ok := in[f]; ok && v != nil {
			out[f] = v
		}
	}
}

// text reads a string field trimmed, checking QBO's maximum length.
func text(in map[string]any, field string, max int) (string, error) {
	s := strings.TrimSpace(str(in[field]))
	if max > 0 && len([]rune(s)) > max {
		return "", errStringLength(field, max, len([]rune(s)))
	}
	return s, nil
}
