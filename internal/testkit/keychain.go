package testkit

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/zalando/go-keyring"
	_ "modernc.org/sqlite" // reads a database read-only while the app holds it
)

// KeychainService is the keychain service tests keep their items under, so
// a run on a developer's desktop never touches a real connection.
const KeychainService = "Ledgerlink test"

// AppKeychainService is the service the app itself uses.
const AppKeychainService = "Ledgerlink"

var (
	keychainOnce sync.Once
	keychainErr  error
)

// RequireKeychain fails the test when there is no usable OS keychain.
// Tests that need one are about the real keychain: run them inside a
// session that has one (scripts/with-session starts a private D-Bus session
// with an unlocked gnome-keyring, as `make test` does).
func RequireKeychain(t testing.TB) {
	t.Helper()
	keychainOnce.Do(func() {
		if err := keyring.Set(KeychainService, "probe", "x"); err != nil {
			keychainErr = err
			return
		}
		keychainErr = keyring.Delete(KeychainService, "probe")
	})
	if keychainErr != nil {
		t.Fatalf("these tests need the OS keychain (run them under scripts/with-session, as make test does): %v", keychainErr)
	}
}

// KeychainAccount returns an account name no other test uses, under
// KeychainService, removed from the keychain when the test ends.
func KeychainAccount(t testing.TB) string {
	t.Helper()
	RequireKeychain(t)
	account := fmt.Sprintf("quickbooks:%s-%d", t.Name(), time.Now().UnixNano())
	t.Cleanup(func() { _ = keyring.Delete(KeychainService, account) })
	return account
}

// InstallID reads the install id of the database at path, read-only (the
// app under test may hold the database open).
func InstallID(t testing.TB, path string) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var id string
	if err := db.QueryRow(`SELECT value FROM settings WHERE key = 'install_id'`).Scan(&id); err != nil {
		t.Fatalf("install id of %s: %v", path, err)
	}
	return id
}

// AppGrantAccount is the keychain account the app keeps the connection of
// the database at path under.
func AppGrantAccount(t testing.TB, path string) string {
	return "quickbooks:" + InstallID(t, path)
}

// StoredRefreshToken reads the refresh token the app keeps in the keychain
// for the database at path, failing the test when there is none.
func StoredRefreshToken(t testing.TB, path string) string {
	t.Helper()
	raw, err := keyring.Get(AppKeychainService, AppGrantAccount(t, path))
	if err != nil {
		t.Fatalf("the connection is not in the OS keychain: %v", err)
	}
	var g struct {
		RefreshToken string `json:"refreshToken"`
	}
	if err := json.Unmarshal([]byte(raw), &g); err != nil || g.RefreshToken == "" {
		t.Fatalf("the keychain item holds no refresh token: %v", err)
	}
	return g.RefreshToken
}

// AppGrantGone reports whether the keychain holds no connection for the
// database at path.
func AppGrantGone(t testing.TB, path string) bool {
	t.Helper()
	_, err := keyring.Get(AppKeychainService, AppGrantAccount(t, path))
	return errors.Is(err, keyring.ErrNotFound)
}
