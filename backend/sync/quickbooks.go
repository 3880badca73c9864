package sync

import (
	"context"
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
