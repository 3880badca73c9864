package qbo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// CDC limits: QBO looks back at most 30 days and returns at most 1000
// objects a call.
const (
	CDCMaxLookback = 30 * 24 * time.Hour
	CDCMaxObjects  = 1000
)

// ErrCDCWindow is returned, without a request, for a changedSince older
// than CDCMaxLookback: the caller must fall back to a full query. QBO's own
// refusal (when its clock says the time is older than ours does) matches it
// too, through Error.Is, by its words: which fault code it carries is not
// known.
var ErrCDCWindow = errors.New("qbo: change data capture looks back at most 30 days")

// CDCResult holds what changed since a point in time, by entity. Objects
// deleted in that time are in Deleted only.
type CDCResult struct {
	Customers []Customer
	Invoices  []Invoice
	Payments  []Payment
	Items     []Item
	Accounts  []Account
	Deleted   []DeletedObject
	// Other keeps entities the result has no field for, undecoded.
	Other map[string][]json.RawMessage
	// Objects counts every object returned, deleted ones included.
	Objects int
	// Time is QuickBooks' own clock when it answered (the answer's "time"),
	// zero when it could not be read: where the next change read can start
	// without trusting this computer's clock.
	Time time.Time
}

// Truncated reports whether the result may have been cut at QBO's cap of
// 1000 objects; if so, ask again from the latest LastUpdatedTime seen, or
// fall back to a query.
func (r *CDCResult) Truncated() bool { return r.Objects >= CDCMaxObjects }

// DeletedObject is an object QBO reports as deleted:
// {"status":"Deleted","Id":"…","MetaData":{…}}.
type DeletedObject struct {
	Entity   string // e.g. "Payment"
	ID       string
	MetaData MetaData
}

// CDC returns the objects of the given entities (e.g. "Customer",
// "Invoice", "Payment") changed since since. A since older than 30 days by
// the client's clock is refused with ErrCDCWindow.
func (c *Client) CDC(ctx context.Context, since time.Time, entities ...string) (*CDCResult, error) {
	if len(entities) == 0 {
		return nil, errors.New("qbo: cdc: no entities named")
	}
	for _, e := range entities {
		if !entityName.MatchString(e) {
			return nil, fmt.Errorf("qbo: cdc: %q is not an entity name", e)
		}
	}
	if c.now().Sub(since) > CDCMaxLookback {
		return nil, fmt.Errorf("%w (changedSince %s)", ErrCDCWindow, since.Format(time.RFC3339))
	}
	req, err := c.NewRequest(http.MethodGet, "cdc", nil)
	if err != nil {
		return nil, err
	}
	req.Query = url.Values{
		"entities":     {strings.Join(entities, ",")},
		"changedSince": {since.Format(time.RFC3339)},
	}
	req.Kind = "cdc"
	var resp struct {
		CDCResponse []struct {
			QueryResponse []map[string]json.RawMessage `json:"QueryResponse"`
		} `json:"CDCResponse"`
		Time json.RawMessage `json:"time"`
	}
	if err := c.Do(ctx, req, &resp); err != nil {
		return nil, err
	}
	r := &CDCResult{Time: answerTime(resp.Time)}
	for _, cr := range resp.CDCResponse {
		for _, qr := range cr.QueryResponse {
			for key, raw := range qr {
				if err := r.add(key, raw); err != nil {
					return nil, fmt.Errorf("qbo: GET cdc: %w: %s: %w", ErrUnreadable, key, err)
				}
			}
		}
	}
	return r, nil
}

// add files the objects of one entity key; the paging keys beside them
// (startPosition, maxResults, totalCount) are not arrays and are skipped.
func (r *CDCResult) add(key string, raw json.RawMessage) error {
	var objs []json.RawMessage
	if json.Unmarshal(raw, &objs) != nil {
		return nil
	}
	for _, obj := range objs {
		var probe struct {
			Status   string   `json:"status"`
			ID       string   `json:"Id"`
			MetaData MetaData `json:"MetaData"`
		}
		if err := json.Unmarshal(obj, &probe); err != nil {
			return err
		}
		r.Objects++
		if strings.EqualFold(probe.Status, "Deleted") {
			r.Deleted = append(r.Deleted, DeletedObject{Entity: key, ID: probe.ID, MetaData: probe.MetaData})
			continue
		}
		var err error
		switch key {
		case "Customer":
			err = appendJSON(&r.Customers, obj)
		case "Invoice":
			err = appendJSON(&r.Invoices, obj)
		case "Payment":
			err = appendJSON(&r.Payments, obj)
		case "Item":
			err = appendJSON(&r.Items, obj)
		case "Account":
			err = appendJSON(&r.Accounts, obj)
		default:
			if r.Other == nil {
				r.Other = make(map[string][]json.RawMessage)
			}
			r.Other[key] = append(r.Other[key], obj)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func appendJSON[T any](dst *[]T, raw json.RawMessage) error {
	var v T
	if err := json.Unmarshal(raw, &v); err != nil {
		return err
	}
	*dst = append(*dst, v)
	return nil
}

// answerTime reads the "time" of an answer: an RFC 3339 string, or epoch
// milliseconds as some answers have it; zero when it is neither.
func answerTime(raw json.RawMessage) time.Time {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		if t, err := ParseDateTime(s); err == nil {
			return t.Time
		}
		return time.Time{}
	}
	var ms int64
	if json.Unmarshal(raw, &ms) == nil && ms > 0 {
		return time.UnixMilli(ms)
	}
	return time.Time{}
}
