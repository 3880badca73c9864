package app

import (
	"errors"
	"strings"

	"ledgerlink/backend/csvfile"
	"ledgerlink/backend/sqlite"
)

// ContactImport is what an import of a contacts file did. When Errors is
// not empty nothing was imported: Message says so in a sentence and Errors
// lists each bad row, for the screen to show together. A file's problems
// are an expected answer, not a failure of the call, so they come back as
// data; the call fails only when the import could not be tried at all.
type ContactImport struct {
	csvfile.ImportResult
	Message string             `json:"message,omitempty"`
	Errors  []csvfile.RowError `json:"errors"`
}

// ExportCSV returns every contact as the text of a contacts CSV file (see
// package csvfile), for the screen to save as contacts.csv.
func (s *Contacts) ExportCSV() (string, error) {
	var b strings.Builder
	err := s.db.View(s.app.ctx, func(tx *sqlite.Tx) error {
		_, err := csvfile.ExportContacts(&b, tx.AllContacts(s.app.ctx))
		return err
	})
	if err != nil {
		return "", err
	}
	return b.String(), nil
}

// ImportCSV imports the text of a contacts CSV file in one transaction:
// every row, or none when any is wrong (then Errors lists them all).
func (s *Contacts) ImportCSV(text string) (ContactImport, error) {
	var res csvfile.ImportResult
	err := s.db.Update(s.app.ctx, func(tx *sqlite.Tx) (err error) {
		res, err = csvfile.ImportContacts(s.app.ctx, tx, strings.NewReader(text))
		return err
	})
	if fe := new(csvfile.Error); errors.As(err, &fe) {
		return ContactImport{Message: fe.Err.Message, Errors: fe.Rows}, nil
	}
	if err != nil {
		return ContactImport{}, err
	}
	if res.Created+res.Updated > 0 {
		s.app.events.Emit(EventContactsChanged, ContactsChanged{Op: "imported"})
		s.app.Sync.edited()
	}
	return ContactImport{ImportResult: res, Errors: []csvfile.RowError{}}, nil
}
