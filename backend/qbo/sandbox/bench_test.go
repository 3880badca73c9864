package sandbox

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

// BenchmarkInvoiceCreate measures creating invoices (with their duplicate
// number checks and tax) in a company that already holds thousands of
// customers and invoices, as a large firm's would.
//
// Beside the in-process time (ns/op) it reports what the same requests
// would take against QuickBooks Online over the internet: the sandbox runs
// with RealisticLatency in CountOnly mode, drawing each answer's delay
// without waiting it, and modelled-ms/op adds the mean drawn delay to the
// in-process time. That is a model (a median of 250 ms and a tail to about
// a second), not a measurement of Intuit; it is there so that a figure in
// microseconds is not read as what a firm will see.
func BenchmarkInvoiceCreate(b *testing.B) {
	model := RealisticLatency
	model.CountOnly = true
	e := newEnv(b, withEmpty(), func(o *Options) { o.Latency = model })
	item := e.itemID("Services")
	var custs []string
	for i := range 2000 {
		custs = append(custs, e.newCustomer(fmt.Sprintf("Bench Customer %05d", i)))
	}
	for i := range 2000 {
		e.mustCreate("Invoice", usInvoice(custs[i], "", salesLine(item, "1", "10", "10", "")))
	}
	e.srv.SetLatency(model) // count only the measured requests
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		status, m := e.call("POST", "invoice", usInvoice(custs[i%len(custs)], "", salesLine(item, "2", "12.5", "25", "")))
		if status != http.StatusOK {
			b.Fatalf("%d %v", status, m)
		}
	}
	requests, lag := e.srv.LatencyTotal()
	if requests != b.N {
		b.Fatalf("%d requests delayed for %d invoices", requests, b.N)
	}
	perOp := b.Elapsed()/time.Duration(b.N) + lag/time.Duration(b.N)
	b.ReportMetric(float64(perOp)/float64(time.Millisecond), "modelled-ms/op")
}
