package sqlite_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
	"ledgerlink/internal/testkit"
)

func TestTx_AllContacts_EveryContactInIDOrder_StopsWhenAsked(t *testing.T) {
	db := testkit.OpenDB(t)
	ctx := context.Background()
	var want []*practice.Contact
	for _, name := range []string{"Zoë", "Ada", "Émile"} {
		want = append(want, MustCreateContact(t, db, &practice.Contact{Name: name, PhysicalAddress: practice.Address{Lines: []string{"1 Main St", "Rear"}}}))
	}
	var got []*practice.Contact
	err := db.View(ctx, func(tx *sqlite.Tx) error {
		for c, err := range tx.AllContacts(ctx) {
			if err != nil {
				return err
			}
			got = append(got, c)
		}
		for c, err := range tx.AllContacts(ctx) {
			if err != nil || c.ID != want[0].ID {
				t.Errorf("first contact %v, %v", c, err)
			}
			break // leaving the loop early closes the rows
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("walk (-created +walked):\n%s", diff)
	}
}
