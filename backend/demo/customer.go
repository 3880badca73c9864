package demo

import "ledgerlink/backend/qbo/sandbox/democompany"

// Customer is one customer of the sandbox's demo company. The list is QBO
// data and lives with the sandbox (package democompany); this package pairs
// it with the firm's LocalContacts through the Case each customer carries.
type Customer = democompany.Customer

// Customers returns the demo company's customers in a fixed order (parents
// before their jobs): the deliberate cases first, then ordinary customers.
// Each call returns a fresh slice.
func Customers() []Customer { return democompany.Customers() }
