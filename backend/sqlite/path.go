package sqlite

import (
	"os"
	"path/filepath"
	"runtime"
)

// DefaultPath returns where the database lives when --db is not given: the
// per-user application data directory ($XDG_DATA_HOME or ~/.local/share on
// Linux, Application Support on macOS, %AppData% on Windows).
func DefaultPath() (string, error) {
	var dir string
	if runtime.GOOS == "linux" || runtime.GOOS == "freebsd" {
		dir = os.Getenv("XDG_DATA_HOME")
		if dir == "" {
			home, err := os.UserHomeDir()
			if err != nil {
				return "", err
			}
			dir = filepath.Join(home, ".local", "share")
		}
		return filepath.Join(dir, "ledgerlink", "ledgerlink.db"), nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "Ledgerlink", "ledgerlink.db"), nil
}
