package sandbox

import (
	"errors"
	"net/http"
	"strings"
)

// Batch limits: QBO takes 30 operations a request (a conservative reading
// of its documentation), and a bId of at most 10 characters when the batch
// carries a requestid.
const (
	maxBatchItems       = 30
	maxBatchIDWithReqID = 10
)

// batch answers POST /batch. Items run in order, each on its own: one that
// fails answers with a Fault under its bId while the others go through, and
// the HTTP status stays 200.
func (s *Server) batch(wr *write, in map[string]any, withRequestID bool) (apiResult, error) {
	items := list(in["BatchItemRequest"])
	if len(items) == 0 {
		return apiResult{}, errRequired("BatchItemRequest")
	}
	if len(items) > maxBatchItems {
		return apiResult{}, errBatchSize(len(items), maxBatchItems)
	}
	seen := map[string]bool{}
	for _, it := range items {
		id := str(obj(it)["bId"])
		switch {
		case id == "":
			return apiResult{}, errRequired("bId")
		case seen[id]:
			return apiResult{}, errBadRequest("bId " + id + " is used twice in one batch; each item needs its own.")
		case withRequestID && len(id) > maxBatchIDWithReqID:
			return apiResult{}, errInvalidProperty("bId "+id+" is longer than 10 characters, the most a batch with a requestid allows", "bId")
		}
		seen[id] = true
	}
	out := make([]any, 0, len(items))
	for _, it := range items {
		item := obj(it)
		resp, err := s.batchItem(wr, item)
		if err != nil {
			var f *fault
			if !errors.As(err, &f) {
				f = errSystem(err.Error())
			}
			resp = map[string]any{"Fault": map[string]any{"Error": f.errs, "type": f.kind}}
		}
		resp["bId"] = str(item["bId"])
		out = append(out, resp)
	}
	return apiResult{status: http.StatusOK, body: map[string]any{"BatchItemResponse": out}}, nil
}

// batchItem runs one item: a query, or a create, update or delete of the
// one entity the item carries.
func (s *Server) batchItem(wr *write, item map[string]any) (map[string]any, error) {
	if q, ok := item["Query"]; ok {
		res, err := s.runQuery(str(q))
		if err != nil {
			return nil, err
		}
		return map[string]any{"QueryResponse": res}, nil
	}
	var k *kind
	var body map[string]any
	for key, v := range item {
		switch key {
		case "bId", "operation", "optionsData":
			continue
		}
		if kk := kindOf(key); kk != nil && kk.name == key && obj(v) != nil {
			if k != nil {
				return nil, errBadRequest("a batch item carries one entity")
			}
			k, body = kk, obj(v)
		}
	}
	if k == nil {
		return nil, errBadRequest("the batch item names no entity the sandbox serves")
	}
	var o map[string]any
	var err error
	switch op := strings.ToLower(str(item["operation"])); op {
	case "create":
		o, err = wr.create(k, body)
	case "update":
		o, err = wr.update(k, body)
	case "delete":
		o, err = wr.del(k, body)
	case "":
		return nil, errRequired("operation")
	default:
		return nil, errUnsupported("batch operation " + op)
	}
	if err != nil {
		return nil, err
	}
	return map[string]any{k.name: o}, nil
}
