package sqlite_test

import (
	"context"
	"errors"
	"testing"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
	"ledgerlink/internal/testkit"
)

// The sync engine writes "contact + link + audit entry + outbox row" as one
// transaction; these tests hold the store to that from outside the package.

func TestUpdate_SeveralEntityWrites_CommitTogether(t *testing.T) {
	db := testkit.OpenDB(t)
	ctx := context.Background()
	c := &practice.Contact{Name: "Ngaio O'Connor", Email: "ngaio@example.com", TypeID: 1}
	err := db.Update(ctx, func(tx *sqlite.Tx) error {
		if err := tx.CreateContact(ctx, c); err != nil {
			return err
		}
		if err := tx.SetSetting(ctx, "sync.import_type", "Client"); err != nil {
			return err
		}
		return tx.SaveQBOConnection(ctx, &practice.QBOConnection{Environment: "embedded", RealmID: "1",
			State: practice.Connected, ConnectedAt: tx.Now()})
	})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sqlite.NewContactService(db).FindContactByID(ctx, c.ID); err != nil {
		t.Fatalf("the contact was not kept: %v", err)
	}
	if v, _, _ := sqlite.NewSettingService(db).Setting(ctx, "sync.import_type"); v != "Client" {
		t.Fatalf("setting = %q", v)
	}
	if conn, _ := sqlite.NewQBOConnectionService(db).FindQBOConnection(ctx); conn == nil || conn.UpdatedAt != c.CreatedAt {
		t.Fatalf("connection = %+v; want it saved at the transaction's one time %v", conn, c.CreatedAt)
	}
}

func TestUpdate_ALaterWriteFails_NothingIsKept(t *testing.T) {
	db := testkit.OpenDB(t)
	ctx := context.Background()
	boom := errors.New("the outbox row could not be written")
	c := &practice.Contact{Name: "Half Saved", TypeID: 1}
	err := db.Update(ctx, func(tx *sqlite.Tx) error {
		if err := tx.CreateContact(ctx, c); err != nil {
			return err
		}
		if err := tx.SetSetting(ctx, "sync.cursor", "42"); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Update = %v; want fn's own error back", err)
	}
	if _, n, _ := sqlite.NewContactService(db).FindContacts(ctx, practice.ContactFilter{}); n != 0 {
		t.Fatalf("%d contacts kept after a rolled-back transaction", n)
	}
	if _, ok, _ := sqlite.NewSettingService(db).Setting(ctx, "sync.cursor"); ok {
		t.Fatal("the setting was kept after a rolled-back transaction")
	}
}

func TestUpdate_InvalidEntity_RollsBackEarlierWrites(t *testing.T) {
	db := testkit.OpenDB(t)
	ctx := context.Background()
	err := db.Update(ctx, func(tx *sqlite.Tx) error {
		if err := tx.CreateContact(ctx, &practice.Contact{Name: "First Fine", TypeID: 1}); err != nil {
			return err
		}
		return tx.CreateContact(ctx, &practice.Contact{Name: "Bad Email", Email: "not-an-address", TypeID: 1})
	})
	if practice.ErrorCode(err) != practice.EINVALID || practice.ErrorFields(err)["email"] == "" {
		t.Fatalf("err = %v; want the invalid email named", err)
	}
	if _, n, _ := sqlite.NewContactService(db).FindContacts(ctx, practice.ContactFilter{}); n != 0 {
		t.Fatalf("%d contacts kept; want none", n)
	}
}

func TestView_ReadsThroughTheSameHelpers_AndRefusesWrites(t *testing.T) {
	db := testkit.OpenDB(t)
	ctx := context.Background()
	c := MustCreateContact(t, db, &practice.Contact{Name: "Read Me"})
	err := db.View(ctx, func(tx *sqlite.Tx) error {
		got, err := tx.FindContactByID(ctx, c.ID)
		if err != nil || got.Name != "Read Me" {
			t.Errorf("FindContactByID in a View = %+v, %v", got, err)
		}
		types, err := tx.FindContactTypes(ctx)
		if err != nil || len(types) != 1 || types[0].Contacts != 1 {
			t.Errorf("FindContactTypes in a View = %v, %v", types, err)
		}
		return tx.DeleteContact(ctx, c.ID)
	})
	if err == nil {
		t.Fatal("a write inside View succeeded")
	}
	if _, err := sqlite.NewContactService(db).FindContactByID(ctx, c.ID); err != nil {
		t.Fatalf("the contact is gone after a refused write: %v", err)
	}
}
