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

// csvKind is one kind of record that a verb moves between the database
// and a CSV file with two actions, export and import: contacts, work
// types, tax rates, work. Each verb says the same things in the same
// words and prints the same JSON documents; only the records differ.
type csvKind struct {
	verb      string   // the verb: "work-types"
	one, many string   // how a count reads: "1 work type", "3 work types"
	countKey  string   // the count's field in an export's JSON: "workTypes"
	columns   []string // the file's columns, in an export's order
	about     string   // what the two actions do, under the usage lines
	exportDoc string   // export --help, before the line on --json
	importDoc string   // import --help, before the line on --json
	export    func(ctx context.Context, tx *sqlite.Tx, w io.Writer) (int, error)
	load      func(ctx context.Context, tx *sqlite.Tx, r io.Reader) (csvfile.ImportResult, error)
}

// usage is what `ledgerlink VERB` and `ledgerlink VERB --help` print.
func (k csvKind) usage(out io.Writer) {
	fmt.Fprintf(out, "Usage:\n  ledgerlink %[1]s export [--db FILE] [--json] FILE.csv\n  ledgerlink %[1]s import [--db FILE] [--json] FILE.csv\n\n"+
		"%[2]s\nColumns: %[3]s.\nRun 'ledgerlink %[1]s export --help' or 'ledgerlink %[1]s import --help' for more.\n",
		k.verb, k.about, strings.Join(k.columns, ", "))
}

// run is the verb: its action, or its usage.
func (k csvKind) run(ctx context.Context, args []string, out io.Writer) error {
	if len(args) == 0 || isHelp(args[0]) {
		k.usage(out)
		if len(args) == 0 {
			return errUsage
		}
		return flag.ErrHelp
	}
	switch args[0] {
	case "export":
		return k.runExport(ctx, args[1:], out)
	case "import":
		return k.runImport(ctx, args[1:], out)
	default:
		fmt.Fprintf(out, "unknown action %q\n\n", args[0])
		k.usage(out)
		return errUsage
	}
}

func (k csvKind) runExport(ctx context.Context, args []string, out io.Writer) error {
	fs := csvFileFlags(k.verb+" export", k.exportDoc+"\n--json prints {\"file\": path, \""+k.countKey+"\": count}.", out)
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
	n, err := k.exportFile(ctx, db, abs)
	if err != nil {
		return err
	}
	if *asJSON {
		path, err := json.Marshal(abs)
		if err != nil {
			return err
		}
		key, _ := json.Marshal(k.countKey)
		_, err = fmt.Fprintf(out, "{\"file\":%s,%s:%d}\n", path, key, n)
		return err
	}
	fmt.Fprintf(out, "Exported %s to %s.\n", k.count(n), printable(abs))
	return nil
}

// exportFile writes the file beside its final place and renames it there,
// so that a failed export never leaves half a file, nor spoils an earlier
// one of the same name. It is private to the user, like the database it
// comes from.
func (k csvKind) exportFile(ctx context.Context, db *sqlite.DB, path string) (n int, err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+k.verb+"-*.csv")
	if err != nil {
		return 0, fmt.Errorf("export %s: %w", k.many, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	err = db.View(ctx, func(tx *sqlite.Tx) error {
		n, err = k.export(ctx, tx, tmp)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("export %s: %w", k.many, err)
	}
	if err = tmp.Close(); err != nil {
		return 0, fmt.Errorf("export %s: %w", k.many, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return 0, fmt.Errorf("export %s: %w", k.many, err)
	}
	return n, nil
}

func (k csvKind) runImport(ctx context.Context, args []string, out io.Writer) error {
	fs := csvFileFlags(k.verb+" import", k.importDoc+"\n"+
		"--json prints {\"created\", \"updated\", \"unchanged\"}, or {\"errors\": [{\"row\", \"column\", \"problem\"}]}.", out)
	dbPath := dbFlag(fs)
	asJSON := fs.Bool("json", false, "print JSON")
	file, err := parseFlagsAndFile(fs, args)
	if err != nil {
		return err
	}
	res, err := k.importFile(ctx, *dbPath, file)
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

// importFile applies the file in one write transaction: all of it, or
// nothing when load refuses it.
func (k csvKind) importFile(ctx context.Context, dbPath, file string) (res csvfile.ImportResult, err error) {
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
		res, err = k.load(ctx, tx, f)
		return err
	})
	return res, err
}

// count says "1 work type", "3 work types".
func (k csvKind) count(n int) string {
	if n == 1 {
		return "1 " + k.one
	}
	return fmt.Sprintf("%d %s", n, k.many)
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

// csvFileFlags returns a flag set for an action that takes one file after
// its flags (or among them).
func csvFileFlags(name, summary string, out io.Writer) *flag.FlagSet {
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
