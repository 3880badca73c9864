package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"ledgerlink/backend/csvfile"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
)

// contactsUsage is what `ledgerlink contacts` says about its two actions.
const contactsUsage = `Usage:
  ledgerlink contacts export [--db FILE] [--json] FILE.csv
  ledgerlink contacts import [--db FILE] [--json] FILE.csv

export writes every contact to FILE.csv; import adds and updates contacts
from one, all of its rows or none. Columns: ` + "%s" + `.
Run 'ledgerlink contacts export --help' for the flags.
`

func runContacts(ctx context.Context, _ Build, args []string, out io.Writer) error {
	if len(args) == 0 || isHelp(args[0]) {
		fmt.Fprintf(out, contactsUsage, strings.Join(csvfile.ContactColumns, ", "))
		if len(args) == 0 {
			return errUsage
		}
		return flag.ErrHelp
	}
	switch args[0] {
	case "export":
		return runContactsExport(ctx, args[1:], out)
	case "import":
		return runContactsImport(ctx, args[1:], out)
	default:
		fmt.Fprintf(out, "unknown action %q\n\n", args[0])
		fmt.Fprintf(out, contactsUsage, strings.Join(csvfile.ContactColumns, ", "))
		return errUsage
	}
}

func runContactsExport(ctx context.Context, args []string, out io.Writer) error {
	fs := contactsFileFlags("contacts export", "Write every contact to a CSV file (replacing it), one row each, in id order.\n"+
		"--json prints {\"file\": path, \"contacts\": count}.", out)
	dbPath := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	file, err := parseFlagsAndFile(fs, args)
	if err != nil {
		return err
	}
	db, err := openContactsDB(ctx, *dbPath)
	if err != nil {
		return err
	}
	defer db.Close()
	abs, err := filepath.Abs(file)
	if err != nil {
		return err
	}
	n, err := exportContactsFile(ctx, db, abs)
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(out).Encode(struct {
			File     string `json:"file"`
			Contacts int    `json:"contacts"`
		}{abs, n})
	}
	fmt.Fprintf(out, "Exported %s to %s.\n", contactCount(n), printable(abs))
	return nil
}

// exportContactsFile writes the file beside its final place and renames it
// there, so that a failed export never leaves half a file, nor spoils an
// earlier one of the same name. It is private to the user, like the
// database it comes from.
func exportContactsFile(ctx context.Context, db *sqlite.DB, path string) (n int, err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".contacts-*.csv")
	if err != nil {
		return 0, fmt.Errorf("export contacts: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	err = db.View(ctx, func(tx *sqlite.Tx) error {
		n, err = csvfile.ExportContacts(tmp, tx.AllContacts(ctx))
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("export contacts: %w", err)
	}
	if err = tmp.Close(); err != nil {
		return 0, fmt.Errorf("export contacts: %w", err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return 0, fmt.Errorf("export contacts: %w", err)
	}
	return n, nil
}

func runContactsImport(ctx context.Context, args []string, out io.Writer) error {
	fs := contactsFileFlags("contacts import", "Add and update contacts from a CSV file: rows with an id update that contact in the\n"+
		"file's columns, the others are added. Nothing is changed unless every row is right.\n"+
		"--json prints {\"created\", \"updated\", \"unchanged\"}, or {\"errors\": [{\"row\", \"column\", \"problem\"}]}.", out)
	dbPath := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	file, err := parseFlagsAndFile(fs, args)
	if err != nil {
		return err
	}
	res, err := importContactsFile(ctx, *dbPath, file)
	if err != nil {
		if *asJSON {
			writeImportErrors(out, err)
		}
		return listProblems(err)
	}
	if *asJSON {
		return json.NewEncoder(out).Encode(res)
	}
	fmt.Fprintf(out, "Imported %s: %d created, %d updated, %d unchanged.\n", printable(file), res.Created, res.Updated, res.Unchanged)
	return nil
}

func importContactsFile(ctx context.Context, dbPath, file string) (res csvfile.ImportResult, err error) {
	f, err := os.Open(file)
	if err != nil {
		return res, practice.Errorf(practice.EINVALID, "Cannot read %s: %v", file, errors.Unwrap(err))
	}
	defer f.Close()
	db, err := openContactsDB(ctx, dbPath)
	if err != nil {
		return res, err
	}
	defer db.Close()
	err = db.Update(ctx, func(tx *sqlite.Tx) error {
		res, err = csvfile.ImportContacts(ctx, tx, f)
		return err
	})
	return res, err
}

// writeImportErrors prints a failed import as JSON: each problem of the
// file, or the one reason it could not be imported at all (row 0).
func writeImportErrors(out io.Writer, err error) {
	var doc struct {
		Errors []csvfile.RowError `json:"errors"`
	}
	if fe := new(csvfile.Error); errors.As(err, &fe) {
		doc.Errors = fe.Rows
	} else {
		doc.Errors = []csvfile.RowError{{Problem: userMessage(err)}}
	}
	json.NewEncoder(out).Encode(doc)
}

// listProblems returns a file's refusal with every problem on a line of
// its own under the sentence, for the terminal; other errors as they are.
func listProblems(err error) error {
	fe := new(csvfile.Error)
	if !errors.As(err, &fe) {
		return err
	}
	lines := []string{fe.Err.Message}
	for _, r := range fe.Rows {
		lines = append(lines, "  "+r.String())
	}
	return &practice.Error{Code: practice.EINVALID, Message: strings.Join(lines, "\n")}
}

// contactsFileFlags returns a flag set for a verb that takes one file after its
// flags (or among them).
func contactsFileFlags(name, summary string, out io.Writer) *flag.FlagSet {
	fs := newFlags(name, summary, out)
	fs.Usage = func() {
		fmt.Fprintf(out, "Usage: ledgerlink %s [flags] FILE.csv\n\n%s\n\nFlags:\n", name, summary)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlagsAndFile parses args, which hold exactly one file name, before,
// after or between the flags (`export out.csv --json` reads as one
// expects, which the flag package alone would not).
func parseFlagsAndFile(fs *flag.FlagSet, args []string) (string, error) {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return "", err
			}
			return "", errUsage
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(files) != 1 {
		fmt.Fprintf(fs.Output(), "name one CSV file (got %d)\n", len(files))
		fs.Usage()
		return "", errUsage
	}
	return files[0], nil
}

// openContactsDB opens the database --db names (or the default one).
func openContactsDB(ctx context.Context, dbPath string) (*sqlite.DB, error) {
	path, err := resolveDB(dbPath)
	if err != nil {
		return nil, err
	}
	return sqlite.Open(ctx, path)
}

// contactCount says "1 contact", "3 contacts".
func contactCount(n int) string {
	if n == 1 {
		return "1 contact"
	}
	return fmt.Sprintf("%d contacts", n)
}
