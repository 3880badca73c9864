package connect

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"ledgerlink/backend/practice"
	"ledgerlink/internal/testkit"
)

func TestOSKeychain_SetGetDelete_RoundTrip(t *testing.T) {
	testkit.RequireKeychain(t)
	k := OSKeychain()
	account := fmt.Sprintf("roundtrip-%d", time.Now().UnixNano())
	t.Cleanup(func() { _ = k.Delete(testkit.KeychainService, account) })
	if _, err := k.Get(testkit.KeychainService, account); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get before Set: %v", err)
	}
	for _, secret := range []string{"first", "second, replacing the first"} {
		if err := k.Set(testkit.KeychainService, account, secret); err != nil {
			t.Fatal(err)
		}
		if got, err := k.Get(testkit.KeychainService, account); err != nil || got != secret {
			t.Fatalf("Get: %q, %v", got, err)
		}
	}
	if err := k.Delete(testkit.KeychainService, account); err != nil {
		t.Fatal(err)
	}
	if _, err := k.Get(testkit.KeychainService, account); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get after Delete: %v", err)
	}
	if err := k.Delete(testkit.KeychainService, account); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Delete of nothing: %v", err)
	}
}

// childEnv marks the subprocess of the no-Secret-Service test.
const childEnv = "CONNECT_TEST_NO_SECRET_SERVICE"

func TestOSKeychain_NoSecretService_ErrNoKeychainAndNothingOnDisk(t *testing.T) {
	if os.Getenv(childEnv) == "1" {
		noSecretServiceChild(t)
		return
	}
	// A process of its own, because the session bus connection is shared
	// process-wide and the environment is read when it is first made.
	home := t.TempDir()
	cmd := exec.Command(os.Args[0], "-test.run=^TestOSKeychain_NoSecretService_ErrNoKeychainAndNothingOnDisk$", "-test.v")
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "DBUS_SESSION_BUS_ADDRESS=") && !strings.HasPrefix(kv, "HOME=") &&
			!strings.HasPrefix(kv, "XDG_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, childEnv+"=1", "HOME="+home, "XDG_DATA_HOME="+filepath.Join(home, "data"),
		"XDG_RUNTIME_DIR="+filepath.Join(home, "run"),
		"DBUS_SESSION_BUS_ADDRESS=unix:path="+filepath.Join(home, "no-such-bus"))
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "--- PASS") {
		t.Fatalf("child: %v\n%s", err, out)
	}
	// No fallback: nothing was written anywhere under the child's home.
	var files []string
	_ = filepath.Walk(home, func(p string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			files = append(files, p)
		}
		return nil
	})
	if len(files) != 0 {
		t.Fatalf("files written without a keychain: %v", files)
	}
}

func noSecretServiceChild(t *testing.T) {
	k := OSKeychain()
	check := func(op string, err error) {
		t.Helper()
		if !errors.Is(err, ErrNoKeychain) {
			t.Fatalf("%s without a Secret Service: %v", op, err)
		}
		msg := err.Error()
		if !strings.HasPrefix(msg, "No OS keychain is available: Ledgerlink keeps QuickBooks tokens only in the system keychain") ||
			!strings.Contains(msg, "gnome-keyring") || strings.Contains(msg, "top-secret") {
			t.Fatalf("%s message: %q", op, msg)
		}
	}
	_, err := k.Get(testkit.KeychainService, "child")
	check("Get", err)
	check("Set", k.Set(testkit.KeychainService, "child", "top-secret"))
	check("Delete", k.Delete(testkit.KeychainService, "child"))
	// And through the Manager: connecting state and token source say so.
	m, err := NewManager(Config{Environment: Embedded, Endpoints: SandboxEndpoints("http://127.0.0.1:1"),
		App: App{ClientID: "id", RedirectURI: "http://127.0.0.1:1/callback"}, Service: testkit.KeychainService, Account: "child"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.TokenSource().Token()
	check("Token", err)
	if errors.Is(err, ErrNeedsReconnect) {
		t.Fatal("a missing keychain is not the connection's fault")
	}
	if s := m.State(); s.Status != practice.Disconnected || !strings.HasPrefix(s.Reason, "No OS keychain is available") {
		t.Fatalf("State: %+v", s)
	}
}

func TestKeychainError_SecretServiceFailures_MatchErrNoKeychain(t *testing.T) {
	for _, c := range []struct {
		err         error
		unavailable bool
	}{
		{errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"), true},
		{errors.New("The name org.freedesktop.secrets was not provided by any .service files"), true},
		{errors.New("dbus: couldn't determine address of session bus"), true},
		{fmt.Errorf("dial unix /nonexistent/bus: connect: %w", os.ErrNotExist), true},
		{errors.New("exec: \"dbus-launch\": executable file not found in $PATH"), true},
		{keyring.ErrUnsupportedPlatform, true},
		{keyring.ErrSetDataTooBig, false},
	} {
		err := keychainError("save", c.err)
		if errors.Is(err, ErrNoKeychain) != c.unavailable {
			t.Errorf("%q: unavailable %v, want %v", c.err, !c.unavailable, c.unavailable)
		}
	}
	if err := keychainError("read", keyring.ErrNotFound); err != ErrNotFound {
		t.Errorf("not found: %v", err)
	}
}

func TestGrant_PrintedOrMarshalled_NeverShowsRefreshToken(t *testing.T) {
	g := Grant{RealmID: "123", Environment: Embedded, RefreshToken: "AB11-very-secret"}
	for _, s := range []string{fmt.Sprint(g), fmt.Sprintf("%v %+v", &g, g), mustJSON(t, g)} {
		if strings.Contains(s, "very-secret") {
			t.Fatalf("refresh token shown: %s", s)
		}
	}
	enc, err := encodeGrant(&g)
	if err != nil {
		t.Fatal(err)
	}
	back, err := decodeGrant(enc)
	if err != nil || back.RefreshToken != g.RefreshToken || back.RealmID != "123" {
		t.Fatalf("keychain encoding round trip: %+v, %v", back, err)
	}
	if _, err := decodeGrant(`{"v":1,"refreshToken":"AB11-very-secret"`); !errors.Is(err, ErrNeedsReconnect) || strings.Contains(err.Error(), "very-secret") {
		t.Fatalf("unreadable item: %v", err)
	}
}
