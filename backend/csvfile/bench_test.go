package csvfile_test

import (
	"context"
	"io"
	"testing"

	"ledgerlink/backend/csvfile"
	"ledgerlink/backend/sqlite"
	"ledgerlink/internal/fixture"
)

// BenchmarkExportContacts10k measures an export of a large firm's
// contacts, streamed from the store to the file; -benchmem shows that
// memory does not grow with the number of contacts.
func BenchmarkExportContacts10k(b *testing.B) {
	s := newStore(b)
	s.MustCreate(b, fixture.Contacts(10_000, 1)...)
	ctx := context.Background()
	for b.Loop() {
		err := s.db.View(ctx, func(tx *sqlite.Tx) error {
			_, err := csvfile.ExportContacts(io.Discard, tx.AllContacts(ctx))
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
