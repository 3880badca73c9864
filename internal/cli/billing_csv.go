package cli

import (
	"context"
	"io"

	"ledgerlink/backend/csvfile"
	"ledgerlink/backend/sqlite"
)

// The billing records' CSV verbs: a firm moving from another tool brings
// its work types and tax rates, and a tool that keeps time feeds the work.
// They behave as `contacts export|import` does (see csvKind).

// workTypesCSV is `ledgerlink work-types export|import`.
var workTypesCSV = csvKind{
	verb: "work-types", one: "work type", many: "work types", countKey: "workTypes",
	columns: csvfile.WorkTypeColumns,
	about: "export writes every work type, inactive ones too, to FILE.csv; import adds and\n" +
		"updates work types from one, matched by name (ignoring case), all of its rows or none.\n" +
		"rate is an amount with at most 2 decimals and no thousands separators (150.00);\n" +
		"active is true or false (yes/no, 1/0); rate_kind is hourly (the default) or fixed.",
	exportDoc: "Write every work type, inactive ones too, to a CSV file (replacing it), by name.",
	importDoc: "Add and update work types from a CSV file. A row whose name is a work type's (ignoring\n" +
		"case) updates it in the file's columns, an empty cell keeping what is stored; the\n" +
		"others add a work type, which needs a rate. Nothing is changed unless every row is right.",
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

// taxRatesCSV is `ledgerlink tax-rates export|import`.
var taxRatesCSV = csvKind{
	verb: "tax-rates", one: "tax rate", many: "tax rates", countKey: "taxRates",
	columns: csvfile.TaxRateColumns,
	about: "export writes every tax rate, archived ones too, to FILE.csv; import adds and\n" +
		"updates tax rates from one, matched by name (ignoring case), all of its rows or none.\n" +
		"percent is exact (8.25); components holds a combined rate's parts,\n" +
		"State=6;County=1.25;City=1, and is empty for a simple rate; archived is true or false.",
	exportDoc: "Write every tax rate, archived ones too, to a CSV file (replacing it), by name.\n" +
		"A combined rate's percent is the sum of its components.",
	importDoc: "Add and update tax rates from a CSV file, matched by name (ignoring case). A combined\n" +
		"rate's percent may be left empty (it is the sum of its components). A rate used by work\n" +
		"or invoices keeps its percentage and components: archive it and add a new one instead.\n" +
		"Nothing is changed unless every row is right.",
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

// workCSV is `ledgerlink work export|import`.
var workCSV = csvKind{
	verb: "work", one: "work item", many: "work items", countKey: "workItems",
	columns: csvfile.WorkColumns,
	about: "export writes all work, unbilled and billed, to FILE.csv; import adds each row of one\n" +
		"as unbilled work, all of its rows or none. client is a contact's id or exact name;\n" +
		"work_type and tax_rate are names (tax_rate empty: no tax); date is YYYY-MM-DD;\n" +
		"quantity is hours or units (1.5); an empty rate is the work type's. invoice is\n" +
		"written by export; import refuses a row with it filled (that work is billed already).",
	exportDoc: "Write all work, unbilled and billed, to a CSV file (replacing it), by client and date.\n" +
		"The invoice column holds the id of the invoice that billed the work, empty while unbilled.",
	importDoc: "Add unbilled work from a CSV file, such as time kept in another tool. client is a\n" +
		"contact's id or exact name; work_type and tax_rate are found by name; an empty rate is\n" +
		"the work type's. A row whose invoice cell is filled is refused: that work is billed.\n" +
		"Nothing is added unless every row is right.",
	export: func(ctx context.Context, tx *sqlite.Tx, w io.Writer) (int, error) {
		return csvfile.ExportWork(ctx, w, tx)
	},
	load: func(ctx context.Context, tx *sqlite.Tx, r io.Reader) (csvfile.ImportResult, error) {
		return csvfile.ImportWork(ctx, tx, r)
	},
}

func runWorkTypes(ctx context.Context, _ Build, args []string, out io.Writer) error {
	return workTypesCSV.run(ctx, args, out)
}

func runTaxRates(ctx context.Context, _ Build, args []string, out io.Writer) error {
	return taxRatesCSV.run(ctx, args, out)
}

func runWork(ctx context.Context, _ Build, args []string, out io.Writer) error {
	return workCSV.run(ctx, args, out)
}
