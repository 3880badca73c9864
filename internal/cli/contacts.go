package cli

import (
	"context"
	"io"

	"ledgerlink/backend/csvfile"
	"ledgerlink/backend/sqlite"
)

// contactsCSV is `ledgerlink contacts export|import`.
var contactsCSV = csvKind{
	verb: "contacts", one: "contact", many: "contacts", countKey: "contacts",
	columns: csvfile.ContactColumns,
	about: "export writes every contact to FILE.csv; import adds and updates contacts\n" +
		"from one, all of its rows or none.",
	exportDoc: "Write every contact to a CSV file (replacing it), one row each, in id order.",
	importDoc: "Add and update contacts from a CSV file: rows with an id update that contact in the\n" +
		"file's columns, the others are added. Nothing is changed unless every row is right.",
	export: func(ctx context.Context, tx *sqlite.Tx, w io.Writer) (int, error) {
		return csvfile.ExportContacts(w, tx.AllContacts(ctx))
	},
	load: func(ctx context.Context, tx *sqlite.Tx, r io.Reader) (csvfile.ImportResult, error) {
		return csvfile.ImportContacts(ctx, tx, r)
	},
}

func runContacts(ctx context.Context, _ Build, args []string, out io.Writer) error {
	return contactsCSV.run(ctx, args, out)
}

// openContactsDB opens the database --db names (or the default one).
func openContactsDB(ctx context.Context, dbPath string) (*sqlite.DB, error) {
	path, err := resolveDB(dbPath)
	if err != nil {
		return nil, err
	}
	return sqlite.Open(ctx, path)
}
