package csvfile_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"ledgerlink/backend/csvfile"
	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
	"ledgerlink/internal/testkit"
)

// store is a real database file with a clock the test moves.
type store struct {
	db    *sqlite.DB
	clock *testkit.Clock
}

func newStore(t testing.TB) *store {
	t.Helper()
	s := &store{db: testkit.OpenDB(t), clock: testkit.NewClock()}
	s.db.Now = s.clock.Now
	return s
}

// MustCreate stores contacts (with the default type unless they name one)
// and returns them as stored.
func (s *store) MustCreate(t testing.TB, list ...*practice.Contact) []*practice.Contact {
	t.Helper()
	for _, c := range list {
		if c.TypeID == 0 {
			c.TypeID = 1
		}
	}
	if err := sqlite.NewContactService(s.db).CreateContacts(context.Background(), list); err != nil {
		t.Fatal(err)
	}
	return list
}

// MustCreateType adds a contact type.
func (s *store) MustCreateType(t testing.TB, name string) *practice.ContactType {
	t.Helper()
	ct := &practice.ContactType{Name: name}
	if err := sqlite.NewContactTypeService(s.db).CreateContactType(context.Background(), ct); err != nil {
		t.Fatal(err)
	}
	return ct
}

// All returns every contact, by id.
func (s *store) All(t testing.TB) []*practice.Contact {
	t.Helper()
	var list []*practice.Contact
	err := s.db.View(context.Background(), func(tx *sqlite.Tx) error {
		for c, err := range tx.AllContacts(context.Background()) {
			if err != nil {
				return err
			}
			list = append(list, c)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

// MustGet returns one contact.
func (s *store) MustGet(t testing.TB, id int64) *practice.Contact {
	t.Helper()
	c, err := sqlite.NewContactService(s.db).FindContactByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// MustExport exports every contact as the CLI and the app do.
func (s *store) MustExport(t testing.TB) string {
	t.Helper()
	var buf bytes.Buffer
	err := s.db.View(context.Background(), func(tx *sqlite.Tx) error {
		_, err := csvfile.ExportContacts(&buf, tx.AllContacts(context.Background()))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

// Import imports text in one write transaction, as the CLI and the app do,
// an hour after the last change so that a write would show in updated_at.
func (s *store) Import(text string) (res csvfile.ImportResult, err error) {
	s.clock.Advance(time.Hour)
	ctx := context.Background()
	err = s.db.Update(ctx, func(tx *sqlite.Tx) error {
		res, err = csvfile.ImportContacts(ctx, tx, strings.NewReader(text))
		return err
	})
	return res, err
}

// MustImport imports text and fails the test on an error.
func (s *store) MustImport(t testing.TB, text string) csvfile.ImportResult {
	t.Helper()
	res, err := s.Import(text)
	if err != nil {
		t.Fatal(err)
	}
	return res
}
