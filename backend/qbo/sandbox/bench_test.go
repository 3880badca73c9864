package sandbox

import (
	"fmt"
	"net/http"
	"testing"
)

// BenchmarkInvoiceCreate measures creating invoices (with their duplicate
// number checks and tax) in a company that already holds thousands of
// customers and invoices, as a large firm's would.
func BenchmarkInvoiceCreate(b *testing.B) {
	e := newEnv(b, withEmpty())
	item := e.itemID("Services")
	var custs []string
	for i := range 2000 {
		custs = append(custs, e.newCustomer(fmt.Sprintf("Bench Customer %05d", i)))
	}
	for i := range 2000 {
		e.mustCreate("Invoice", usInvoice(custs[i], "", salesLine(item, "1", "10", "10", "")))
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		status, m := e.call("POST", "invoice", usInvoice(custs[i%len(custs)], "", salesLine(item, "2", "12.5", "25", "")))
		if status != http.StatusOK {
			b.Fatalf("%d %v", status, m)
		}
	}
}
