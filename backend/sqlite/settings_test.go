package sqlite_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"ledgerlink/backend/sqlite"
)

func TestSettingService_SetGetAndInstallID(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	db := MustOpenDBAt(t, path)
	s := sqlite.NewSettingService(db)
	ctx := context.Background()

	if _, ok, err := s.Get(ctx, "qbo.client_id"); ok || err != nil {
		t.Fatalf("unset key: ok=%v err=%v", ok, err)
	}
	if err := s.Set(ctx, "qbo.client_id", "first"); err != nil {
		t.Fatal(err)
	}
	if err := s.Set(ctx, "qbo.client_id", "second"); err != nil {
		t.Fatal(err)
	}
	if v, ok, _ := s.Get(ctx, "qbo.client_id"); !ok || v != "second" {
		t.Fatalf("Get = %q, %v; want the last value set", v, ok)
	}

	id, err := s.InstallID(ctx)
	if err != nil || len(id) != 32 {
		t.Fatalf("InstallID = %q, %v", id, err)
	}
	db.Close()
	again, _ := sqlite.NewSettingService(MustOpenDBAt(t, path)).InstallID(ctx)
	if again != id {
		t.Fatalf("install id changed across a reopen: %s -> %s", id, again)
	}
	other, _ := sqlite.NewSettingService(MustOpenDB(t)).InstallID(ctx)
	if other == id {
		t.Fatal("two databases share an install id")
	}
}

func TestQBOConnectionService_SaveGetDelete(t *testing.T) {
	db := MustOpenDB(t)
	now := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	s := sqlite.NewQBOConnectionService(db)
	ctx := context.Background()

	if c, err := s.Get(ctx); c != nil || err != nil {
		t.Fatalf("before any connection: %+v, %v", c, err)
	}
	in := &sqlite.QBOConnection{Environment: "embedded", RealmID: "9341453050012345", CompanyName: "Hopper & O'Brien Ltd",
		Country: "US", State: sqlite.ConnectionConnected, ConnectedAt: now.Add(-time.Hour),
		RefreshExpiresAt: now.Add(100 * 24 * time.Hour)}
	if err := s.Save(ctx, in); err != nil {
		t.Fatal(err)
	}
	got, err := s.Get(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(in, got); diff != "" {
		t.Fatalf("read back (-saved +read):\n%s", diff)
	}

	in.State, in.StateReason = sqlite.ConnectionNeedsReconnect, "QuickBooks refused the saved sign-in."
	if err := s.Save(ctx, in); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.Get(ctx); got.State != sqlite.ConnectionNeedsReconnect || got.StateReason == "" {
		t.Fatalf("after marking: %+v", got)
	}
	if err := s.Delete(ctx); err != nil {
		t.Fatal(err)
	}
	if c, _ := s.Get(ctx); c != nil {
		t.Fatalf("after delete: %+v", c)
	}
}
