package csvfile_test

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ledgerlink/backend/csvfile"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// fileKind is one kind of billing file, exported and imported the way the
// command line and the app do: in one read, or one write, transaction.
type fileKind struct {
	export func(ctx context.Context, tx *sqlite.Tx, w io.Writer) (int, error)
	load   func(ctx context.Context, tx *sqlite.Tx, r io.Reader) (csvfile.ImportResult, error)
}

var (
	workTypesFile = fileKind{
		export: func(ctx context.Context, tx *sqlite.Tx, w io.Writer) (int, error) {
			list, err := tx.FindWorkTypes(ctx, true)
			if err != nil {
				return 0, err
			}
			return csvfile.ExportWorkTypes(w, list)
		},
		load: func(ctx context.Context, tx *sqlite.Tx, r io.Reader) (csvfile.ImportResult, error) {
			return csvfile.ImportWorkTypes(ctx, tx, r)
		},
	}
	taxRatesFile = fileKind{
		export: func(ctx context.Context, tx *sqlite.Tx, w io.Writer) (int, error) {
			list, err := tx.FindTaxRates(ctx, true)
			if err != nil {
				return 0, err
			}
			return csvfile.ExportTaxRates(w, list)
		},
		load: func(ctx context.Context, tx *sqlite.Tx, r io.Reader) (csvfile.ImportResult, error) {
			return csvfile.ImportTaxRates(ctx, tx, r)
		},
	}
	workFile = fileKind{
		export: func(ctx context.Context, tx *sqlite.Tx, w io.Writer) (int, error) {
			return csvfile.ExportWork(ctx, w, tx)
		},
		load: func(ctx context.Context, tx *sqlite.Tx, r io.Reader) (csvfile.ImportResult, error) {
			return csvfile.ImportWork(ctx, tx, r)
		},
	}
)

// firm is a store with billing records: two clients, three work types
// (one inactive), three tax rates (one combined, one archived).
type firm struct {
	*store
	ctx                          context.Context
	ada, bakery                  *practice.Contact
	bookkeeping, payroll, legacy *practice.WorkType
	gst, ca, old                 *practice.TaxRate
}

func newFirm(t *testing.T) *firm {
	t.Helper()
	f := &firm{store: newStore(t), ctx: context.Background()}
	f.ada, f.bakery = &practice.Contact{Name: "Ada Lovelace"}, &practice.Contact{Kind: practice.Organisation, Name: "=Bluegum Bakery"}
	f.MustCreate(t, f.ada, f.bakery)
	f.bookkeeping = &practice.WorkType{Name: "Bookkeeping", RateKind: practice.RateHourly, Rate: 15000, Active: true}
	f.payroll = &practice.WorkType{Name: "-Payroll run", RateKind: practice.RateFixed, Rate: 4550, Active: true}
	f.legacy = &practice.WorkType{Name: "Legacy advice", RateKind: practice.RateHourly, Rate: 9900, Active: false}
	f.gst = &practice.TaxRate{Name: "GST", Percent: practice.MustDecimal("5")}
	f.ca = &practice.TaxRate{Name: "CA sales", Components: components("State", "6", "County", "1.25", "City", "1")}
	f.old = &practice.TaxRate{Name: "+Old VAT", Percent: practice.MustDecimal("17.5"), Archived: true}
	f.update(t, func(tx *sqlite.Tx) error {
		for _, w := range []*practice.WorkType{f.bookkeeping, f.payroll, f.legacy} {
			if err := tx.SaveWorkType(f.ctx, w); err != nil {
				return err
			}
		}
		for _, r := range []*practice.TaxRate{f.gst, f.ca, f.old} {
			if err := tx.SaveTaxRate(f.ctx, r); err != nil {
				return err
			}
		}
		return nil
	})
	return f
}

// decimals compares exact decimals by value.
var decimals = cmp.Comparer(func(a, b practice.Decimal) bool { return a.Cmp(b) == 0 })

// components makes a combined rate's parts from name, percent pairs.
func components(pairs ...string) []practice.TaxComponent {
	var cs []practice.TaxComponent
	for i := 0; i < len(pairs); i += 2 {
		cs = append(cs, practice.TaxComponent{Name: pairs[i], Percent: practice.MustDecimal(pairs[i+1])})
	}
	return cs
}

func (s *store) update(t testing.TB, fn func(tx *sqlite.Tx) error) {
	t.Helper()
	if err := s.db.Update(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

// work adds unbilled work.
func (f *firm) work(t testing.TB, list ...*practice.WorkItem) []*practice.WorkItem {
	t.Helper()
	f.update(t, func(tx *sqlite.Tx) error {
		for _, w := range list {
			if err := tx.SaveWorkItem(f.ctx, w); err != nil {
				return err
			}
		}
		return nil
	})
	return list
}

// WorkTypes returns every work type, inactive ones too.
func (s *store) WorkTypes(t testing.TB) (list []*practice.WorkType) {
	t.Helper()
	s.view(t, func(tx *sqlite.Tx) (err error) {
		list, err = tx.FindWorkTypes(context.Background(), true)
		return err
	})
	return list
}

// TaxRates returns every tax rate, archived ones too.
func (s *store) TaxRates(t testing.TB) (list []*practice.TaxRate) {
	t.Helper()
	s.view(t, func(tx *sqlite.Tx) (err error) {
		list, err = tx.FindTaxRates(context.Background(), true)
		return err
	})
	return list
}

// Work returns every work item.
func (s *store) Work(t testing.TB) (list []*practice.WorkItem) {
	t.Helper()
	s.view(t, func(tx *sqlite.Tx) (err error) {
		list, err = tx.FindWorkItems(context.Background(), practice.WorkFilter{})
		return err
	})
	return list
}

func (s *store) view(t testing.TB, fn func(tx *sqlite.Tx) error) {
	t.Helper()
	if err := s.db.View(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

// Export writes a file of the kind.
func (s *store) Export(t testing.TB, kind fileKind) string {
	t.Helper()
	var buf bytes.Buffer
	s.view(t, func(tx *sqlite.Tx) error {
		_, err := kind.export(context.Background(), tx, &buf)
		return err
	})
	return buf.String()
}

// Load imports a file of the kind in one write transaction, an hour after
// the last change so that a write would show in the records' times.
func (s *store) Load(kind fileKind, text string) (res csvfile.ImportResult, err error) {
	s.clock.Advance(time.Hour)
	ctx := context.Background()
	err = s.db.Update(ctx, func(tx *sqlite.Tx) error {
		res, err = kind.load(ctx, tx, strings.NewReader(text))
		return err
	})
	return res, err
}

// MustLoad is Load failing the test on an error.
func (s *store) MustLoad(t testing.TB, kind fileKind, text string) csvfile.ImportResult {
	t.Helper()
	res, err := s.Load(kind, text)
	if err != nil {
		t.Fatal(err)
	}
	return res
}
