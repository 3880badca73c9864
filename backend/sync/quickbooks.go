package sync

import (
	"context"
	"strings"
	"time"

	"ledgerlink/backend/qbo"
)

// QuickBooks is what the engine needs of a QuickBooks company.
type QuickBooks interface {
	// RealmID names the company.
	RealmID() string
	// CustomerPage returns up to max customers (jobs included) from
	// position start (1-based), in Id order.
	CustomerPage(ctx context.Context, start, max int) ([]qbo.Customer, error)
	// CustomerCount returns how many customers the company has.
	CustomerCount(ctx context.Context) (int, error)
	// ChangedCustomers returns the customers changed since since.
	ChangedCustomers(ctx context.Context, since time.Time) (*qbo.CDCResult, error)
	// Customer reads one customer.
	Customer(ctx context.Context, id string) (*qbo.Customer, error)
	// FindCustomerByName returns the customer with that display name, or nil.
	FindCustomerByName(ctx context.Context, name string) (*qbo.Customer, error)
	// PartiesNamed returns, among names, those a vendor or an employee
	// holds: the holder's kind ("vendor" or "employee") by name as given.
	PartiesNamed(ctx context.Context, names []string) (map[string]string, error)
	// Batch sends up to 30 writes under one requestid.
	Batch(ctx context.Context, requestID string, items []qbo.BatchItem) ([]qbo.BatchResult, error)
	// Requests is how many HTTP requests were sent so far.
	Requests() int64
}

// everyCustomer selects inactive customers too: QuickBooks leaves them out
// of a query that does not name Active.
var everyCustomer = qbo.Query{}.Where(qbo.In("Active", true, false))

// Client adapts a *qbo.Client to QuickBooks.
func Client(c *qbo.Client) QuickBooks { return client{c} }

type client struct{ c *qbo.Client }

func (c client) RealmID() string { return c.c.RealmID() }

func (c client) CustomerPage(ctx context.Context, start, max int) ([]qbo.Customer, error) {
	return c.c.Customers.Query(ctx, everyCustomer.OrderBy("Id").StartPosition(start).MaxResults(max))
}

func (c client) CustomerCount(ctx context.Context) (int, error) {
	return c.c.Customers.Count(ctx, everyCustomer)
}

func (c client) ChangedCustomers(ctx context.Context, since time.Time) (*qbo.CDCResult, error) {
	return c.c.CDC(ctx, since, "Customer")
}

func (c client) Customer(ctx context.Context, id string) (*qbo.Customer, error) {
	return c.c.Customers.Get(ctx, id)
}

func (c client) FindCustomerByName(ctx context.Context, name string) (*qbo.Customer, error) {
	page, err := c.c.Customers.Query(ctx, everyCustomer.Where(qbo.Eq("DisplayName", name)).MaxResults(1))
	if err != nil || len(page) == 0 {
		return nil, err
	}
	return &page[0], nil
}

func (c client) Batch(ctx context.Context, requestID string, items []qbo.BatchItem) ([]qbo.BatchResult, error) {
	return c.c.Batch(ctx, requestID, items)
}

func (c client) Requests() int64 { return c.c.Stats().Requests }

// namesPerQuery is how many names one IN (…) condition carries: the query
// travels in the URL, which must stay well short of any server's limit.
const namesPerQuery = 40

func (c client) PartiesNamed(ctx context.Context, names []string) (map[string]string, error) {
	out := map[string]string{}
	for kind, svc := range map[string]*qbo.PartyService{"vendor": c.c.Vendors, "employee": c.c.Employees} {
		for i := 0; i < len(names); i += namesPerQuery {
			chunk := names[i:min(len(names), i+namesPerQuery)]
			vals := make([]any, len(chunk))
			for j, n := range chunk {
				vals[j] = n
			}
			page, err := svc.Query(ctx, qbo.Query{}.Where(qbo.In("DisplayName", vals...), qbo.In("Active", true, false)).MaxResults(qbo.MaxPageSize))
			if err != nil {
				return nil, err
			}
			for _, p := range page {
				for _, n := range chunk {
					if strings.EqualFold(strings.TrimSpace(n), strings.TrimSpace(p.DisplayName)) {
						out[n] = kind
					}
				}
			}
		}
	}
	return out, nil
}
