package testkit

import (
	"syscall"
	"testing"
)

// ReportPeakRSS adds the process's peak resident memory so far to a
// benchmark's figures, as peak-RSS-MB (the whole process: anything else it
// runs, an in-process sandbox say, is counted too).
func ReportPeakRSS(b *testing.B) {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) == nil {
		b.ReportMetric(float64(ru.Maxrss)/1024, "peak-RSS-MB")
	}
}
