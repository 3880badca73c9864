//go:build e2e

package e2e

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"ledgerlink/backend/sqlite"
	"ledgerlink/internal/fixture"
)

// scrollFigures is what the page measures while it scrolls.
type scrollFigures struct {
	P50, P95, Max float64 // frame-to-frame time, ms
	Frames        int
	MaxRows       int     // most row elements in the page at any frame
	BlankShare    float64 // share of frames that showed a not-yet-loaded row
}

// BenchmarkUI_Scroll10kContacts scrolls the contact list of 10,000 contacts
// in real (headless, software-rendered) Chromium, 12 rows a frame from top to
// bottom, and reports frame times, the rows the page holds, and how often a
// row was still loading. Run by `make bench`.
func BenchmarkUI_Scroll10kContacts(b *testing.B) {
	path := filepath.Join(b.TempDir(), "big.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	if err := sqlite.NewContactService(db).CreateContacts(context.Background(), fixture.Contacts(10_000, 1)); err != nil {
		b.Fatal(err)
	}
	db.Close()
	base := serve(b, path)
	ctx := newBrowser(b)
	if err := chromedp.Do(ctx, chromedp.Navigate(base+"/"), chromedp.WaitVisible(chromedp.CSS(".row[data-contact-id]"))); err != nil {
		b.Fatal(err)
	}
	var f scrollFigures
	for b.Loop() {
		f, err = chromedp.Run(ctx, chromedp.Evaluate[scrollFigures](`(async () => {
			const vp = document.querySelector('.viewport');
			vp.scrollTop = 0;
			await new Promise(r => setTimeout(r, 300));
			const times = [];
			let last = performance.now(), maxRows = 0, blank = 0;
			while (vp.scrollTop + vp.clientHeight < vp.scrollHeight - 1) {
				vp.scrollTop += 12 * 40;
				await new Promise(r => requestAnimationFrame(r));
				const now = performance.now();
				times.push(now - last);
				last = now;
				maxRows = Math.max(maxRows, document.querySelectorAll('.row').length);
				if (document.querySelector('.viewport .skeleton')) blank++;
			}
			times.sort((a, b) => a - b);
			const at = q => times[Math.min(times.length - 1, Math.floor(q * times.length))];
			return { P50: at(0.5), P95: at(0.95), Max: times[times.length - 1], Frames: times.length, MaxRows: maxRows, BlankShare: blank / times.length };
		})()`, chromedp.EvalAwaitPromise))
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(f.P50, "p50-frame-ms")
	b.ReportMetric(f.P95, "p95-frame-ms")
	b.ReportMetric(f.Max, "max-frame-ms")
	b.ReportMetric(float64(f.Frames), "frames")
	b.ReportMetric(float64(f.MaxRows), "max-rows-in-page")
	b.ReportMetric(f.BlankShare*100, "%frames-with-loading-row")
}
