package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ledgerlink/backend/practice"
	"ledgerlink/backend/sqlite"
	"ledgerlink/internal/testkit"
)

func TestSettingService_SetGetAndInstallID(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	db := testkit.OpenDBAt(t, path)
	s := sqlite.NewSettingService(db)
	ctx := context.Background()

	if _, ok, err := s.Setting(ctx, "qbo.client_id"); ok || err != nil {
		t.Fatalf("unset key: ok=%v err=%v", ok, err)
	}
	if err := s.SetSetting(ctx, "qbo.client_id", "first"); err != nil {
		t.Fatal(err)
	}
	if err := s.SetSetting(ctx, "qbo.client_id", "second"); err != nil {
		t.Fatal(err)
	}
	if v, ok, _ := s.Setting(ctx, "qbo.client_id"); !ok || v != "second" {
		t.Fatalf("Get = %q, %v; want the last value set", v, ok)
	}

	id, err := s.InstallID(ctx)
	if err != nil || len(id) != 32 {
		t.Fatalf("InstallID = %q, %v", id, err)
	}
	db.Close()
	again, _ := sqlite.NewSettingService(testkit.OpenDBAt(t, path)).InstallID(ctx)
	if again != id {
		t.Fatalf("install id changed across a reopen: %s -> %s", id, again)
	}
	other, _ := sqlite.NewSettingService(testkit.OpenDB(t)).InstallID(ctx)
	if other == id {
		t.Fatal("two databases share an install id")
	}
}

func TestQBOConnectionService_SaveGetDelete(t *testing.T) {
	db := testkit.OpenDB(t)
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	s := sqlite.NewQBOConnectionService(db)
	ctx := context.Background()

	if c, err := s.FindQBOConnection(ctx); c != nil || err != nil {
		t.Fatalf("before any connection: %+v, %v", c, err)
	}
	in := &practice.QBOConnection{Environment: "embedded", RealmID: "9341453050012345", CompanyName: "Hopper & O'Brien Ltd",
		Country: "US", State: practice.Connected, ConnectedAt: now.Add(-time.Hour),
		RefreshExpiresAt: now.Add(100 * 24 * time.Hour), InfoProblem: "QuickBooks was busy."}
	if err := s.SaveQBOConnection(ctx, in); err != nil {
		t.Fatal(err)
	}
	got, err := s.FindQBOConnection(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, got); diff != "" {
		t.Fatalf("read back (-saved +read):\n%s", diff)
	}

	in.State, in.StateReason = practice.NeedsReconnect, "QuickBooks refused the saved sign-in."
	if err := s.SaveQBOConnection(ctx, in); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FindQBOConnection(ctx); got.State != practice.NeedsReconnect || got.StateReason == "" {
		t.Fatalf("after marking: %+v", got)
	}
	if err := s.DeleteQBOConnection(ctx); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.FindQBOConnection(ctx); c != nil {
		t.Fatalf("after delete: %+v", c)
	}
}
