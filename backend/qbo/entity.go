package qbo

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strings"
)

// entityService holds what every entity's service does the same way: read by
// Id, query a page, iterate all pages, count, and post a write. Services
// embed it and add the writes their entity allows.
type entityService[T any] struct {
	client *Client
	name   string // as in queries and envelopes, e.g. "TaxCode"
	path   string // as in URLs, e.g. "taxcode"
}

func newEntityService[T any](c *Client, name string) entityService[T] {
	return entityService[T]{client: c, name: name, path: strings.ToLower(name)}
}

// Get reads the object with the given Id.
func (s *entityService[T]) Get(ctx context.Context, id string) (*T, error) {
	if id == "" {
		return nil, fmt.Errorf("qbo: read %s: empty Id", s.name)
	}
	req, err := s.client.NewRequest(http.MethodGet, s.path+"/"+url.PathEscape(id), nil)
	if err != nil {
		return nil, err
	}
	req.Entity, req.Kind = s.name, "read"
	return s.one(ctx, req)
}

// Query returns one page of objects matching q (at most q's MaxResults, or
// QBO's default page when unset). Use All to walk every page.
func (s *entityService[T]) Query(ctx context.Context, q Query) ([]T, error) {
	stmt, err := q.Select(s.name)
	if err != nil {
		return nil, err
	}
	var page []T
	_, err = s.client.query(ctx, s.name, "query", stmt, func(raw json.RawMessage) error {
		return json.Unmarshal(raw, &page)
	})
	if err != nil {
		return nil, err
	}
	return page, nil
}

// All iterates over every object matching q, fetching pages of q's
// MaxResults (MaxPageSize when unset) from q's StartPosition on. It stops at
// the first short page. An error ends the iteration after being yielded.
//
// Paging is by position, so give q an OrderBy (e.g. "Id") when objects may be
// created while iterating; QBO's default order is by Id already.
func (s *entityService[T]) All(ctx context.Context, q Query) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		size := q.max
		if size == 0 {
			size = MaxPageSize
		}
		start := max(q.start, 1)
		for {
			page, err := s.Query(ctx, q.StartPosition(start).MaxResults(size))
			if err != nil {
				var zero T
				yield(zero, fmt.Errorf("qbo: %s page at %d: %w", s.name, start, err))
				return
			}
			for _, v := range page {
				if !yield(v, nil) {
					return
				}
			}
			if len(page) < size {
				return
			}
			start += len(page)
		}
	}
}

// Count returns how many objects match q's conditions.
func (s *entityService[T]) Count(ctx context.Context, q Query) (int, error) {
	stmt, err := q.Count(s.name)
	if err != nil {
		return 0, err
	}
	return s.client.query(ctx, s.name, "count", stmt, nil)
}

// write posts body to the entity's URL (with ?operation= when given) under
// requestID and returns the object QBO answers with.
func (s *entityService[T]) write(ctx context.Context, kind, operation, requestID string, body any) (*T, error) {
	if err := validateRequestID(requestID, MaxRequestIDLen); err != nil {
		return nil, fmt.Errorf("qbo: %s %s: %w", kind, s.name, err)
	}
	req, err := s.client.NewRequest(http.MethodPost, s.path, body)
	if err != nil {
		return nil, err
	}
	if operation != "" {
		req.Query = url.Values{"operation": {operation}}
	}
	req.Entity, req.Kind, req.RequestID = s.name, kind, requestID
	return s.one(ctx, req)
}

// one sends req and unwraps the single object from {"<Entity>":{…}}.
func (s *entityService[T]) one(ctx context.Context, req *Request) (*T, error) {
	var env map[string]json.RawMessage
	if err := s.client.Do(ctx, req, &env); err != nil {
		return nil, err
	}
	raw, ok := pick(env, s.name)
	if !ok {
		return nil, fmt.Errorf("qbo: %s: %w: it holds no %s", req.op(), ErrUnreadable, s.name)
	}
	v := new(T)
	if err := json.Unmarshal(raw, v); err != nil {
		return nil, fmt.Errorf("qbo: %s: %w: decode %s: %w", req.op(), ErrUnreadable, s.name, err)
	}
	return v, nil
}

// idAndToken is the body of a void or delete: the object and the version
// the caller last saw.
type idAndToken struct {
	ID        string `json:"Id"`
	SyncToken string `json:"SyncToken"`
}

func checkIDAndToken(entity, id, syncToken string) error {
	if id == "" || syncToken == "" {
		return fmt.Errorf("qbo: %s: Id and SyncToken are both required", entity)
	}
	return nil
}

// queryResponse is {"QueryResponse":{…},"time":…}.
type queryResponse struct {
	QueryResponse map[string]json.RawMessage `json:"QueryResponse"`
}

// query runs stmt and hands the entity's array to rows (if not nil); it
// returns totalCount, which a COUNT(*) answer carries. A page with no match
// has no entity key at all, which is an empty page, not an error.
func (c *Client) query(ctx context.Context, entity, kind, stmt string, rows func(json.RawMessage) error) (int, error) {
	req, err := c.NewRequest(http.MethodGet, "query", nil)
	if err != nil {
		return 0, err
	}
	req.Query = url.Values{"query": {stmt}}
	req.Entity, req.Kind = entity, kind
	var resp queryResponse
	if err := c.Do(ctx, req, &resp); err != nil {
		return 0, err
	}
	if resp.QueryResponse == nil {
		return 0, fmt.Errorf("qbo: GET query: %w: it holds no QueryResponse", ErrUnreadable)
	}
	total := 0
	if raw, ok := pick(resp.QueryResponse, "totalCount"); ok {
		if err := json.Unmarshal(raw, &total); err != nil {
			return 0, fmt.Errorf("qbo: GET query: %w: decode totalCount: %w", ErrUnreadable, err)
		}
	}
	if rows != nil {
		if raw, ok := pick(resp.QueryResponse, entity); ok {
			if err := rows(raw); err != nil {
				return 0, fmt.Errorf("qbo: GET query: %w: decode %s: %w", ErrUnreadable, entity, err)
			}
		}
	}
	return total, nil
}
