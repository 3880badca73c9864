package csvfile

import (
	"context"
	"fmt"
	"io"
	"iter"
	"strconv"

	"ledgerlink/backend/practice"
)

// The columns of a work file. All but invoice are the contract with the
// firm's spreadsheets and the tools that feed it time.
const (
	colClient      = "client"
	colDate        = "date"
	colWorkType    = "work_type"
	colTaxRate     = "tax_rate"
	colDescription = "description"
	colQuantity    = "quantity"
	colInvoice     = "invoice"
)

// WorkColumns are the columns of a work file, in the order an export
// writes them. client is a contact's id or exact name; date is
// YYYY-MM-DD; work_type and tax_rate are names (tax_rate empty: no tax);
// quantity is hours or units as exact decimal text; rate is money with two
// decimals ("150.00"), empty on import for the work type's. invoice is
// written by an export (the id of the invoice that billed the work, empty
// while it is unbilled); an import adds rows as unbilled work and refuses a
// row whose invoice cell is filled, which would bill that work twice.
var WorkColumns = []string{colClient, colDate, colWorkType, colTaxRate, colDescription, colQuantity, colRate, colInvoice}

// workRequired are the columns a work file cannot do without.
var workRequired = []string{colClient, colDate, colWorkType, colQuantity}

// workFields are the columns that hold the work form's fields.
var workFields = []fieldColumn{
	{"contactId", colClient}, {"date", colDate}, {"workTypeId", colWorkType}, {"taxRateId", colTaxRate},
	{"description", colDescription}, {"quantity", colQuantity}, {"rate", colRate},
}

// WorkSource is what a work export reads: the store's read transaction
// (sqlite's *Tx inside DB.View), so that the work, its clients and its
// tax rates are one snapshot.
type WorkSource interface {
	AllContacts(ctx context.Context) iter.Seq2[*practice.Contact, error]
	FindTaxRates(ctx context.Context, archived bool) ([]*practice.TaxRate, error)
	FindWorkItems(ctx context.Context, f practice.WorkFilter) ([]*practice.WorkItem, error)
}

// ExportWork writes a work file of every work item, unbilled and billed,
// by client and date, and returns how many it wrote. The client column
// holds the contact's name when that name reads back as this contact (see
// clients.cell), else its id; the invoice column says which invoice billed
// the work.
func ExportWork(ctx context.Context, w io.Writer, src WorkSource) (int, error) {
	cs, err := loadClients(src.AllContacts(ctx))
	if err != nil {
		return 0, err
	}
	rates, err := src.FindTaxRates(ctx, true)
	if err != nil {
		return 0, fmt.Errorf("read tax rates: %w", err)
	}
	rateName := make(map[int64]string, len(rates))
	for _, r := range rates {
		rateName[r.ID] = r.Name
	}
	items, err := src.FindWorkItems(ctx, practice.WorkFilter{})
	if err != nil {
		return 0, err
	}
	return exportRows(w, "work", WorkColumns, each(items), func(it *practice.WorkItem, row []string) {
		invoice := ""
		if it.InvoiceID != 0 {
			invoice = strconv.FormatInt(it.InvoiceID, 10)
		}
		row[0], row[1], row[2], row[3] = cs.cell(it.ContactID), it.Date, it.WorkType, rateName[it.TaxRateID]
		row[4], row[5], row[6], row[7] = it.Description, it.Quantity.String(), formatMoney(it.Rate), invoice
	})
}
