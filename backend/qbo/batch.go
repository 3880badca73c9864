package qbo

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
)

// MaxBatchItems is the most operations Ledgerlink puts in one batch request
// (QBO answers 1040 beyond its limit; 30 is the conservative reading).
const MaxBatchItems = 30

// ErrBatchTooLarge is wrapped by the error for a batch of more than
// MaxBatchItems operations; nothing is sent.
var ErrBatchTooLarge = errors.New("qbo: a batch holds at most 30 operations")

// Batch operations.
const (
	BatchCreate = "create"
	BatchUpdate = "update"
	BatchDelete = "delete"
)

// BatchItem is one operation of a batch: Operation on Object, or, with
// Query set instead, a query statement (see Query.Select). Set Sparse on an
// update's object for a sparse update. Items are independent: one cannot use
// an object another creates in the same batch.
type BatchItem struct {
	BID       string // unique in the batch; "1", "2", … when left empty
	Operation string
	Object    Entity
	Query     string
}

// BatchResult answers the BatchItem at the same index. Err is an *Error
// (with BID set) when QBO refused that operation; the others still happened.
type BatchResult struct {
	BID           string
	Err           error
	Customer      *Customer
	Invoice       *Invoice
	Payment       *Payment
	Item          *Item
	QueryResponse json.RawMessage
}

// Batch sends up to MaxBatchItems operations in one request under
// requestID (at most 36 characters). It returns one result per item, in the
// items' order; the error is for the request as a whole.
func (c *Client) Batch(ctx context.Context, requestID string, items []BatchItem) ([]BatchResult, error) {
	switch {
	case len(items) == 0:
		return nil, errors.New("qbo: batch: no operations")
	case len(items) > MaxBatchItems:
		return nil, fmt.Errorf("%w: got %d", ErrBatchTooLarge, len(items))
	}
	if err := validateRequestID(requestID, MaxBatchRequestIDLen); err != nil {
		return nil, fmt.Errorf("qbo: batch: %w", err)
	}
	body, bids, err := batchBody(items)
	if err != nil {
		return nil, err
	}
	req, err := c.NewRequest(http.MethodPost, "batch", body)
	if err != nil {
		return nil, err
	}
	req.Kind, req.RequestID, req.batch = "batch", requestID, true
	var resp struct {
		BatchItemResponse []struct {
			BID           string          `json:"bId"`
			Fault         *faultJSON      `json:"Fault"`
			Customer      *Customer       `json:"Customer"`
			Invoice       *Invoice        `json:"Invoice"`
			Payment       *Payment        `json:"Payment"`
			Item          *Item           `json:"Item"`
			QueryResponse json.RawMessage `json:"QueryResponse"`
		} `json:"BatchItemResponse"`
	}
	if err := c.Do(ctx, req, &resp); err != nil {
		return nil, err
	}
	results := make([]BatchResult, len(items))
	index := make(map[string]int, len(bids))
	for i, bid := range bids {
		results[i].BID = bid
		results[i].Err = fmt.Errorf("qbo: batch item %s: no answer", bid)
		index[bid] = i
	}
	for _, r := range resp.BatchItemResponse {
		i, ok := index[r.BID]
		if !ok {
			continue
		}
		res := BatchResult{BID: r.BID, Customer: r.Customer, Invoice: r.Invoice, Payment: r.Payment, Item: r.Item, QueryResponse: r.QueryResponse}
		if r.Fault != nil && len(r.Fault.Error) > 0 {
			e := &Error{StatusCode: http.StatusOK, Op: req.op(), BID: r.BID}
			e.setFault(r.Fault)
			res.Err = e
		}
		results[i] = res
	}
	return results, nil
}

// batchBody encodes items as {"BatchItemRequest":[…]}, filling missing bIds.
func batchBody(items []BatchItem) (any, []string, error) {
	bids := make([]string, len(items))
	seen := make(map[string]bool, len(items))
	reqs := make([]map[string]any, len(items))
	for i, it := range items {
		bid := it.BID
		if bid == "" {
			bid = strconv.Itoa(i + 1)
		}
		if seen[bid] {
			return nil, nil, fmt.Errorf("qbo: batch: bId %q used twice", bid)
		}
		seen[bid] = true
		bids[i] = bid
		m := map[string]any{"bId": bid}
		switch {
		case it.Query != "" && it.Object == nil:
			m["Query"] = it.Query
		case it.Object != nil && it.Query == "" && it.Operation != "":
			m["operation"] = it.Operation
			m[it.Object.EntityName()] = it.Object
		default:
			return nil, nil, fmt.Errorf("qbo: batch item %s: needs an Operation with an Object, or a Query", bid)
		}
		reqs[i] = m
	}
	return map[string]any{"BatchItemRequest": reqs}, bids, nil
}
