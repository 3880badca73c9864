package sqlite_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
	"ledgerlink/internal/testkit"
)

func TestOpen_MigratesFromEmpty(t *testing.T) {
	db := testkit.OpenDB(t)
	ctx := context.Background()
	v, err := db.SchemaVersion(ctx)
	if err != nil || v < 1 {
		t.Fatalf("SchemaVersion() = %d, %v; want at least 1", v, err)
	}
	types, err := sqlite.NewContactTypeService(db).FindContactTypes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(types) != 1 || types[0].Name != practice.DefaultContactTypeName || !types[0].IsDefault {
		t.Fatalf("seeded contact types = %+v, want only the default %q", types, practice.DefaultContactTypeName)
	}
}

func TestOpen_FileIsPrivateAndWAL(t *testing.T) {
	db := testkit.OpenDB(t)
	MustCreateContact(t, db, &practice.Contact{Name: "Private Person"})
	for _, p := range []string{db.Path(), db.Path() + "-wal"} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatalf("%s: %v (the write-ahead log should exist while open)", p, err)
		}
		if mode := fi.Mode().Perm(); mode != 0o600 {
			t.Errorf("%s mode = %o, want 600", filepath.Base(p), mode)
		}
	}
}

func TestOpen_ReopenKeepsData(t *testing.T) {
	path := filepath.Join(t.TempDir(), "books.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	c := &practice.Contact{Name: "Kept Across Restarts", Email: "kept@example.com"}
	MustCreateContact(t, db, c)
	v1, _ := db.SchemaVersion(context.Background())
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db2 := testkit.OpenDBAt(t, path)
	got, err := sqlite.NewContactService(db2).FindContactByID(context.Background(), c.ID)
	if err != nil {
		t.Fatalf("after reopen: %v", err)
	}
	if got.Name != c.Name || got.Email != c.Email {
		t.Fatalf("after reopen got %q <%s>", got.Name, got.Email)
	}
	if v2, _ := db2.SchemaVersion(context.Background()); v2 != v1 {
		t.Fatalf("schema version changed on reopen: %d -> %d", v1, v2)
	}
}

func TestOpen_SecondInstanceRefused(t *testing.T) {
	path := filepath.Join(t.TempDir(), "ledgerlink.db")
	first := testkit.OpenDBAt(t, path)

	_, err := sqlite.Open(context.Background(), path)
	if practice.ErrorCode(err) != practice.ELOCKED {
		t.Fatalf("second Open in the same process: err = %v, want %s", err, practice.ELOCKED)
	}
	if msg := practice.ErrorMessage(err); !strings.Contains(msg, "already open") || !strings.Contains(msg, path) {
		t.Fatalf("message %q should say the database is already open and name it", msg)
	}

	// Another process is refused too: the lock is the operating system's,
	// not a flag in this process.
	cmd := exec.Command(os.Args[0], "-test.run=TestHelperProcessOpen", "-test.v")
	cmd.Env = append(os.Environ(), "LEDGERLINK_TEST_OPEN="+path)
	out, _ := cmd.CombinedOutput()
	if !strings.Contains(string(out), "refused: "+practice.ELOCKED) {
		t.Fatalf("other process was not refused:\n%s", out)
	}
	if !strings.Contains(string(out), "process ") {
		t.Errorf("refusal should name the holding process:\n%s", out)
	}

	// Once the first closes, the database opens again.
	first.Close()
	again, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatalf("Open after the first closed: %v", err)
	}
	again.Close()
}

// TestHelperProcessOpen is not a test: TestOpen_SecondInstanceRefused runs it
// in a child process.
func TestHelperProcessOpen(t *testing.T) {
	path := os.Getenv("LEDGERLINK_TEST_OPEN")
	if path == "" {
		t.Skip("helper process for TestOpen_SecondInstanceRefused")
	}
	_, err := sqlite.Open(context.Background(), path)
	t.Logf("refused: %s: %s", practice.ErrorCode(err), practice.ErrorMessage(err))
}

func TestOpen_TwoWritersAtOnce(t *testing.T) {
	db := testkit.OpenDB(t)
	s := sqlite.NewContactService(db)
	ctx := context.Background()
	const writers, each = 2, 100
	errs := make(chan error, writers)
	for w := range writers {
		go func() {
			for i := range each {
				c := &practice.Contact{Name: "Writer " + string(rune('A'+w)) + " " + time.Now().Format("150405.000000") + " " + string(rune('a'+i%26)), TypeID: 1}
				if err := s.CreateContact(ctx, c); err != nil {
					errs <- err
					return
				}
				c.Email = "w@example.com"
				if err := s.UpdateContact(ctx, c); err != nil {
					errs <- err
					return
				}
			}
			errs <- nil
		}()
	}
	for range writers {
		if err := <-errs; err != nil {
			t.Fatalf("concurrent writer failed: %v", err)
		}
	}
	_, total, err := s.FindContacts(ctx, practice.ContactFilter{Search: "w@example.com"})
	if err != nil || total != writers*each {
		t.Fatalf("after two writers: %d contacts (err %v), want %d", total, err, writers*each)
	}
}
