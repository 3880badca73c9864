package connect

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"time"

	"github.com/zalando/go-keyring"
)

// Keychain is the OS credential store: a secret per service and account.
// Implementations return ErrNotFound for a missing item and an error
// matching ErrNoKeychain when the store cannot be used at all.
type Keychain interface {
	Get(service, account string) (string, error)
	Set(service, account, secret string) error
	Delete(service, account string) error
}

// keychainTimeout bounds one keychain call. A locked Secret Service may
// show an unlock prompt and wait for it forever; a person at the desk has
// this long to answer it.
const keychainTimeout = 90 * time.Second

// OSKeychain returns the system keychain: macOS Keychain, Windows Credential
// Manager, or the Secret Service (e.g. gnome-keyring) over D-Bus on Linux.
// There is deliberately no fallback: when the keychain cannot be used, the
// error says so and no secret is written anywhere else.
func OSKeychain() Keychain { return osKeychain{timeout: keychainTimeout} }

type osKeychain struct{ timeout time.Duration }

// Get reads the secret for service and account.
func (k osKeychain) Get(service, account string) (string, error) {
	var secret string
	err := k.call("read", func() (err error) {
		secret, err = keyring.Get(service, account)
		return err
	})
	return secret, err
}

// Set stores secret for service and account, replacing any earlier one.
func (k osKeychain) Set(service, account, secret string) error {
	return k.call("save", func() error { return keyring.Set(service, account, secret) })
}

// Delete removes the secret for service and account.
func (k osKeychain) Delete(service, account string) error {
	return k.call("remove", func() error { return keyring.Delete(service, account) })
}

// call runs f with a time limit and maps its failure. go-keyring takes no
// context, so a call that hangs on a prompt is abandoned, not stopped.
func (k osKeychain) call(op string, f func() error) error {
	done := make(chan error, 1)
	go func() { done <- f() }()
	select {
	case err := <-done:
		return keychainError(op, err)
	case <-time.After(k.timeout):
		return &KeychainError{Op: op, Unavailable: true,
			Err: errors.New("the keychain did not answer; it may be locked and waiting for its password")}
	}
}

// KeychainError is a failure of the OS keychain. When Unavailable it matches
// ErrNoKeychain: the keychain is missing, not running or locked.
type KeychainError struct {
	Op          string // read, save or remove
	Unavailable bool
	Err         error // the keychain's own error, for support
}

// Error says what is wrong in plain words, with the system's detail after
// it. Keychain errors never contain the secret.
func (e *KeychainError) Error() string {
	if e.Unavailable {
		return fmt.Sprintf("%s (Detail: %v.)", ErrNoKeychain.Error(), e.Err)
	}
	return fmt.Sprintf("Ledgerlink could not %s the QuickBooks connection in the system keychain: %v.", e.Op, e.Err)
}

// Is matches ErrNoKeychain when the keychain is unavailable.
func (e *KeychainError) Is(target error) bool { return target == ErrNoKeychain && e.Unavailable }

// Unwrap returns the keychain's own error.
func (e *KeychainError) Unwrap() error { return e.Err }

// keychainError maps go-keyring's errors to this package's.
func keychainError(op string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, keyring.ErrNotFound):
		return ErrNotFound
	case keychainUnavailable(err):
		return &KeychainError{Op: op, Unavailable: true, Err: err}
	}
	return &KeychainError{Op: op, Err: err}
}

// keychainUnavailable recognises the ways a Secret Service is missing: no
// session bus (a dial error or no address), no org.freedesktop.secrets on
// the bus, or a collection that cannot be unlocked (a keyring auto-started
// locked, or an unlock prompt dismissed). go-keyring passes D-Bus errors
// through untyped, so their texts are matched.
func keychainUnavailable(err error) bool {
	var opErr *net.OpError
	if errors.As(err, &opErr) || errors.Is(err, os.ErrNotExist) {
		return true
	}
	if errors.Is(err, keyring.ErrUnsupportedPlatform) {
		return true
	}
	msg := err.Error()
	for _, s := range []string{
		"failed to unlock correct collection",
		"org.freedesktop.secrets",
		"org.freedesktop.DBus.Error.ServiceUnknown",
		"org.freedesktop.DBus.Error.NameHasNoOwner",
		"org.freedesktop.DBus.Error.Spawn",
		"org.freedesktop.DBus.Error.NoReply",
		"org.freedesktop.DBus.Error.UnknownObject",
		"org.freedesktop.Secret.Error.IsLocked",
		"dbus: couldn't determine address of session bus",
		"dbus: authentication failed",
		"dbus: connection closed",
		"dbus: invalid bus address",
		"dbus-launch",
		"connection refused",
		"no such file or directory",
	} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}
