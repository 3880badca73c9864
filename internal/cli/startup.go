package cli

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"reflect"
	"time"

	"ledgerlink/app"
	"ledgerlink/backend/billing"
	"ledgerlink/backend/demo"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// dbFlag adds the --db flag every verb that touches the records shares.
func dbFlag(fs *flag.FlagSet) *string {
	return fs.String("db", "", "database file (default: ledgerlink.db in the per-user application data folder)")
}

// resolveDB returns the path --db names, or the default one.
func resolveDB(path string) (string, error) {
	if path != "" {
		return path, nil
	}
	return sqlite.DefaultPath()
}

// uiStart is what the two UI verbs (desktop and serve) begin with: the
// database path, the built UI and the log.
type uiStart struct {
	path   string
	assets fs.FS
	log    *slog.Logger
	close  func() error
}

func startUI(b Build, dbFlag string) (*uiStart, error) {
	path, err := resolveDB(dbFlag)
	if err != nil {
		return nil, err
	}
	assets, err := uiAssets(b)
	if err != nil {
		return nil, err
	}
	log, logFile, err := app.OpenLog(path, os.Stderr)
	if err != nil {
		return nil, err
	}
	return &uiStart{path: path, assets: assets, log: log, close: logFile.Close}, nil
}

// demoFlag adds --demo to a UI verb.
func demoFlag(fs *flag.FlagSet) *bool {
	return fs.Bool("demo", false, "put the demo firm's contacts and billing data (work types, tax rates, this month's unbilled work) in the database when it has no contacts yet (to try Sync Now on the built-in sandbox company, and billing)")
}

// seedDemo stores the demo firm (backend/demo) in a database that has no
// contacts yet, and says how many contacts it stored: against the
// built-in sandbox's demo company they meet every matching case at once.
// With them, in the same transaction, come the demo's billing data (see
// seedDemoBilling). A database with contacts is left as it is.
func seedDemo(ctx context.Context, db *sqlite.DB) (int, error) {
	return seedDemoOn(ctx, db, time.Now())
}

// seedDemoOn is seedDemo on the given day: the demo's work is dated in its
// month.
func seedDemoOn(ctx context.Context, db *sqlite.DB, today time.Time) (int, error) {
	n := 0
	err := db.Update(ctx, func(tx *sqlite.Tx) error {
		if _, total, err := tx.FindContacts(ctx, practice.ContactFilter{Limit: 1}); err != nil || total > 0 {
			return err
		}
		ids := map[string]int64{}
		for _, c := range demo.ContactsToStore() {
			if err := tx.CreateContact(ctx, c); err != nil {
				return fmt.Errorf("demo contact %q: %w", c.Name, err)
			}
			ids[c.Name] = c.ID
			n++
		}
		return seedDemoBilling(ctx, tx, ids, today)
	})
	if err != nil {
		return 0, err
	}
	return n, nil
}

// seedDemoBilling stores the demo's work types, tax rates, unbilled work
// (for the clients in ids, by name) and billing settings. A database that
// has work types or tax rates already gets none of it, and settings a
// person changed are kept.
func seedDemoBilling(ctx context.Context, tx *sqlite.Tx, clients map[string]int64, today time.Time) error {
	types, err := tx.FindWorkTypes(ctx, true)
	if err != nil {
		return err
	}
	rates, err := tx.FindTaxRates(ctx, true)
	if err != nil || len(types) > 0 || len(rates) > 0 {
		return err
	}
	typeIDs, rateIDs := map[string]int64{}, map[string]int64{}
	for _, w := range demo.WorkTypes() {
		if err := tx.SaveWorkType(ctx, &w); err != nil {
			return fmt.Errorf("demo work type %q: %w", w.Name, err)
		}
		typeIDs[w.Name] = w.ID
	}
	for _, r := range demo.TaxRates() {
		if err := tx.SaveTaxRate(ctx, &r); err != nil {
			return fmt.Errorf("demo tax rate %q: %w", r.Name, err)
		}
		rateIDs[r.Name] = r.ID
	}
	for _, w := range demo.UnbilledWork(today) {
		item := w.Item
		item.ContactID, item.WorkTypeID, item.TaxRateID = clients[w.Client], typeIDs[w.WorkType], rateIDs[w.TaxRate]
		if err := tx.SaveWorkItem(ctx, &item); err != nil {
			return fmt.Errorf("demo work %q for %s: %w", item.Description, w.Client, err)
		}
	}
	set, err := billing.LoadSettings(ctx, tx)
	if err != nil || !reflect.DeepEqual(set, billing.DefaultSettings()) {
		return err
	}
	f := demo.BillingFirm()
	set.Firm = billing.Firm{Name: f.Name, Lines: f.Lines, Email: f.Email, Phone: f.Phone}
	set.Currency, set.TermsDays, set.SaveFolder = f.Currency, f.TermsDays, ""
	return billing.SaveSettings(ctx, tx, set)
}

// seedDemoAt is seedDemo on the database file at path, closed again after.
func seedDemoAt(ctx context.Context, path string) (int, error) {
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	return seedDemo(ctx, db)
}
