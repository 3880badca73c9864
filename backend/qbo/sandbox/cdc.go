package sandbox

import (
	"net/http"
	"net/url"
	"sort"
	"strings"
	"time"
)

// CDC limits as QBO documents them.
const (
	cdcWindow = 30 * 24 * time.Hour
	cdcMax    = 1000
)

// change is one object changed (or deleted) since a CDC's changedSince.
type change struct {
	entity  string
	at      time.Time
	obj     map[string]any
	deleted bool
}

// cdc answers GET /cdc?entities=A,B&changedSince=T: every object of those
// entities created, changed or deleted at or after T, deleted ones as
// {"status":"Deleted","Id":…} after the others of their entity. T may be
// at most 30 days back. At most 1000 objects come back in all entities
// together, the oldest changes first, so a client that gets 1000 asks again
// from the latest time it saw.
func (s *Server) cdc(q url.Values, now time.Time) (apiResult, error) {
	names := strings.TrimSpace(q.Get("entities"))
	if names == "" {
		return apiResult{}, errRequired("entities")
	}
	sinceText := strings.TrimSpace(q.Get("changedSince"))
	if sinceText == "" {
		return apiResult{}, errRequired("changedSince")
	}
	since, ok := parseStamp(sinceText)
	if !ok {
		return apiResult{}, errBusiness("changedSince must be a date-time such as 2026-01-31T09:00:00-08:00; got "+sinceText, "changedSince")
	}
	if now.Sub(since) > cdcWindow {
		return apiResult{}, errCDCTooOld(sinceText)
	}
	var order []*kind
	for _, n := range strings.Split(names, ",") {
		k := kindOf(strings.TrimSpace(n))
		if k == nil {
			return apiResult{}, errUnsupported("cdc for entity " + strings.TrimSpace(n))
		}
		order = append(order, k)
	}

	var changes []change
	for _, k := range order {
		for _, o := range s.co.all(k.name) {
			t, ok := parseStamp(str(obj(o["MetaData"])["LastUpdatedTime"]))
			if ok && !t.Before(since) {
				changes = append(changes, change{entity: k.name, at: t, obj: o})
			}
		}
		for _, d := range s.co.Deleted {
			if d.Entity == k.name && !d.At.Before(since) {
				changes = append(changes, change{entity: k.name, at: d.At, deleted: true, obj: map[string]any{
					"domain": "QBO", "status": "Deleted", "Id": d.ID,
					"MetaData": map[string]any{"LastUpdatedTime": stamp(d.At)},
				}})
			}
		}
	}
	sort.SliceStable(changes, func(i, j int) bool { return changes[i].at.Before(changes[j].at) })
	if len(changes) > cdcMax {
		changes = changes[:cdcMax]
	}
	// Within each entity the deleted objects come after the others, as in
	// QBO's answers; each part keeps the order of the changes.
	byEntity := map[string][]map[string]any{}
	for _, deleted := range []bool{false, true} {
		for _, c := range changes {
			if c.deleted == deleted {
				byEntity[c.entity] = append(byEntity[c.entity], c.obj)
			}
		}
	}
	var responses []any
	for _, k := range order {
		r := map[string]any{}
		if objs := byEntity[k.name]; len(objs) > 0 {
			r[k.name] = objs
			r["startPosition"] = 1
			r["maxResults"] = len(objs)
		}
		responses = append(responses, r)
	}
	return apiResult{status: http.StatusOK, body: map[string]any{
		"CDCResponse": []any{map[string]any{"QueryResponse": responses}},
	}}, nil
}
