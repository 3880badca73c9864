package app

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
)

// maxLogSize is when the log file is set aside (as .1) and a new one begun.
const maxLogSize = 10 << 20

// OpenLog returns a logger writing to the log file beside the database (for
// support: "send us ledgerlink.log") and to also, if not nil. The file is
// private to the user. Nothing secret is ever logged: tokens and secrets
// stay in the keychain and out of every message.
func OpenLog(dbPath string, also io.Writer) (*slog.Logger, io.Closer, error) {
	path := filepath.Join(filepath.Dir(dbPath), "ledgerlink.log")
	if fi, err := os.Stat(path); err == nil && fi.Size() > maxLogSize {
		os.Rename(path, path+".1")
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, nil, fmt.Errorf("create log folder: %w", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("open log file: %w", err)
	}
	// The mode above is for a new file only: one left readable by others
	// (by an older version, a copy, an archive) is made private too, as
	// the database is.
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("make the log file private: %w", err)
	}
	var w io.Writer = f
	if also != nil {
		w = io.MultiWriter(f, also)
	}
	return slog.New(slog.NewTextHandler(w, nil)), f, nil
}
