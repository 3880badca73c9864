package cli

import (
	"cmp"
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"ledgerlink/app"
	"ledgerlink/backend/billing"
	"ledgerlink/backend/connect"
	"ledgerlink/backend/invoicepdf"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

func runInvoices(ctx context.Context, _ Build, args []string, out io.Writer) error {
	fs := newFlags("invoices", "List invoices, newest first, with their totals.", out)
	dbPath := dbFlag(fs)
	status := fs.String("status", "", "only invoices of this status: draft, approved, sent, paid or void")
	client := fs.Int64("client", 0, "only this client's invoices (contact id)")
	from := fs.String("from", "", "only invoices dated on or after this day (YYYY-MM-DD)")
	to := fs.String("to", "", "only invoices dated on or before this day (YYYY-MM-DD)")
	number := fs.String("number", "", "only invoices whose number contains this")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *status != "" && !slices.Contains(practice.InvoiceStatuses, practice.InvoiceStatus(*status)) {
		fmt.Fprintf(fs.Output(), "unknown status %q\n", *status)
		return errUsage
	}
	db, err := openContactsDB(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	f := practice.InvoiceFilter{Status: practice.InvoiceStatus(*status), ContactID: *client, From: *from, To: *to, Number: *number}
	var all []*practice.Invoice
	var count int
	var total int64
	err = db.View(ctx, func(tx *sqlite.Tx) error {
		for {
			f.Offset = len(all)
			page, err := tx.FindInvoices(ctx, f)
			if err != nil {
				return err
			}
			all, count, total = append(all, page.Invoices...), page.Count, page.Total
			if len(page.Invoices) == 0 || len(all) >= count {
				return nil
			}
		}
	})
	if err != nil {
		return err
	}
	if all == nil {
		all = []*practice.Invoice{}
	}
	for _, inv := range all {
		inv.Lines, inv.Activity = nil, nil // the list has no lines; 'invoice show' has them
	}
	if *asJSON {
		return writeJSON(out, struct {
			Invoices []*practice.Invoice `json:"invoices"`
			Count    int                 `json:"count"`
			Total    int64               `json:"total"`
		}{all, count, total})
	}
	for _, inv := range all {
		fmt.Fprintf(out, "%-12s %-10s %s  %-30s %12s\n", cmp.Or(inv.Number, "(draft)"), statusLabel(inv.Status), inv.IssueDate,
			printable(inv.ContactName), invoicepdf.FormatMoney(inv.Total, ""))
	}
	fmt.Fprintf(out, "%d invoices, %s in all.\n", count, invoicepdf.FormatMoney(total, ""))
	return nil
}

func runInvoice(ctx context.Context, _ Build, args []string, out io.Writer) error {
	if len(args) == 0 || args[0] != "show" {
		fmt.Fprintln(out, "Usage: ledgerlink invoice show NUMBER [--json] [--db FILE]")
		if len(args) > 0 && isHelp(args[0]) {
			return flag.ErrHelp
		}
		return errUsage
	}
	fs := newFlags("invoice show", "Show one invoice: its lines, tax per rate, totals and activity.", out)
	dbPath := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	var number string
	var rest []string
	for _, a := range args[1:] {
		if number == "" && !strings.HasPrefix(a, "-") {
			number = a
			continue
		}
		rest = append(rest, a)
	}
	if err := parseFlags(fs, rest); err != nil {
		return err
	}
	if number == "" {
		fmt.Fprintln(fs.Output(), "missing NUMBER")
		return errUsage
	}
	db, err := openContactsDB(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	var inv *practice.Invoice
	if err := db.View(ctx, func(tx *sqlite.Tx) error {
		var err error
		inv, err = tx.FindInvoiceByNumber(ctx, number)
		return err
	}); err != nil {
		return err
	}
	if *asJSON {
		return writeJSON(out, inv)
	}
	fmt.Fprintf(out, "Invoice %s — %s\nClient: %s\nDate: %s   Due: %s\n\n", inv.Number, statusLabel(inv.Status), printable(inv.ContactName), inv.IssueDate, inv.DueDate)
	for _, l := range inv.Lines {
		fmt.Fprintf(out, "  %-40s %8s × %10s = %12s\n", printable(l.Description), l.Quantity, invoicepdf.FormatMoney(l.Rate, ""), invoicepdf.FormatMoney(l.Amount, ""))
	}
	fmt.Fprintf(out, "\n  %-40s %36s\n", "Subtotal", invoicepdf.FormatMoney(inv.Subtotal, ""))
	for _, t := range inv.Taxes {
		fmt.Fprintf(out, "  %-40s %36s\n", t.Name, invoicepdf.FormatMoney(t.Amount, ""))
	}
	fmt.Fprintf(out, "  %-40s %36s\n\nActivity:\n", "Total", invoicepdf.FormatMoney(inv.Total, ""))
	for _, e := range inv.Activity {
		fmt.Fprintf(out, "  %s  %s %s\n", e.At.Local().Format("2 Jan 2006 15:04"), e.Action, printable(e.Detail))
	}
	return nil
}

func runBillingRun(ctx context.Context, _ Build, args []string, out io.Writer) error {
	fs := newFlags("billing-run", "Close a period: draft an invoice for every client with unbilled work dated on or before --through,\n"+
		"approve them all, and with --send send them (by e-mail, or saved in the billing settings' folder).\n"+
		"Run it again (with --send) to resume a run through the same date that did not finish: no invoice is sent twice.", out)
	dbPath := dbFlag(fs)
	through := fs.String("through", "", "the cut-off date, YYYY-MM-DD (required)")
	send := fs.Bool("send", false, "send the approved invoices")
	clients := fs.String("clients", "", "only these clients (contact ids, comma-separated)")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *through == "" {
		fmt.Fprintln(fs.Output(), "--through DATE is required")
		return errUsage
	}
	var ids []int64
	for _, s := range strings.FieldsFunc(*clients, func(r rune) bool { return r == ',' || r == ' ' }) {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			fmt.Fprintf(fs.Output(), "--clients: %q is not a contact id\n", s)
			return errUsage
		}
		ids = append(ids, id)
	}
	db, err := openContactsDB(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := billingService(db)
	// A run through the same date that did not finish is resumed: its
	// drafts approved, its invoices not sent yet sent, none twice.
	run, err := svc.OpenRun(ctx, *through)
	if err != nil {
		return err
	}
	if run == nil {
		if run, err = svc.DraftRun(ctx, *through, ids); err != nil {
			return err
		}
	} else if !*asJSON {
		fmt.Fprintf(out, "Resuming billing run %d through %s (%s).\n", run.ID, run.Through, run.Status)
	}
	if run, err = svc.ApproveRun(ctx, run.ID); err != nil {
		return err
	}
	var problems []error
	if *send {
		run, problems, err = svc.SendRun(ctx, run.ID)
		if err != nil && run == nil {
			return err
		}
	}
	msgs := []string{}
	for _, p := range problems {
		msgs = append(msgs, practice.ErrorMessage(p))
	}
	if *asJSON {
		if werr := writeJSON(out, struct {
			Run      *practice.BillingRun `json:"run"`
			Problems []string             `json:"problems"`
		}{run, msgs}); werr != nil {
			return werr
		}
	} else {
		fmt.Fprintf(out, "Billing run %d through %s: %d invoices, %s.\n", run.ID, run.Through, len(run.Invoices), run.Status)
		for _, inv := range run.Invoices {
			fmt.Fprintf(out, "  %-12s %-10s %-30s %12s\n", inv.Number, statusLabel(inv.Status), printable(inv.ContactName), invoicepdf.FormatMoney(inv.Total, ""))
		}
		for _, m := range msgs {
			fmt.Fprintf(out, "  problem: %s\n", printable(m))
		}
	}
	if err != nil {
		return errReported{err}
	}
	if len(problems) > 0 {
		return errReported{practice.Errorf(practice.ECONFLICT, "%d invoices were not sent; see above.", len(problems))}
	}
	return nil
}

// billingService is the billing service on db, delivering as the billing
// settings say: by e-mail (the mail server's password from the OS
// keychain), else saved in their folder.
func billingService(db *sqlite.DB) *billing.Service {
	mail := app.MailPassword{Keychain: connect.OSKeychain(), InstallID: sqlite.NewSettingService(db).InstallID}
	return &billing.Service{DB: db, Render: billing.PDF, Deliver: billing.Configured{DB: db, Mailer: mail.Mailer}}
}

// statusLabel is how people call a status: a sent invoice awaits payment.
func statusLabel(s practice.InvoiceStatus) string {
	if s == practice.InvoiceSent {
		return "awaiting payment"
	}
	return string(s)
}
