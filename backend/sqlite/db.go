// Package sqlite keeps the firm's records in one SQLite file: embedded
// migrations, WAL, foreign keys, a lock that lets one process at a time own
// the file, and one small file per entity.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/gofrs/flock"
	"github.com/pressly/goose/v3"
	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"ledgerlink/backend/practice"
)

//go:embed migration/*.sql
var migrationFS embed.FS

// timeLayout is how times are stored: UTC, sortable as text.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// DB is an open Ledgerlink database.
type DB struct {
	db   *sql.DB
	path string
	lock *flock.Flock

	// Now tells the time; tests replace it. Each transaction reads it once.
	Now func() time.Time
}

// Open opens (creating if need be) the database file at path, takes its
// single-instance lock and migrates it to the newest schema. A second Open of
// the same file, from this or another process, fails with ELOCKED until the
// first is closed.
func Open(ctx context.Context, path string) (*DB, error) {
	if path == "" {
		return nil, practice.Errorf(practice.EINVALID, "No database path was given.")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("database path %q: %w", path, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, fmt.Errorf("create database folder: %w", err)
	}

	lock, err := acquireLock(abs)
	if err != nil {
		return nil, err
	}
	db := &DB{path: abs, lock: lock, Now: time.Now}
	if err := db.open(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func (db *DB) open(ctx context.Context) error {
	// SQLite creates the -wal and -shm files with the main file's mode, so
	// creating it 0600 keeps all three private to the user.
	f, err := os.OpenFile(db.path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return fmt.Errorf("open database file: %w", err)
	}
	f.Close()
	if err := os.Chmod(db.path, 0o600); err != nil {
		return fmt.Errorf("restrict database file: %w", err)
	}

	q := url.Values{}
	q.Add("_pragma", "foreign_keys(1)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Set("_txlock", "immediate") // writers queue at BEGIN instead of failing at their first write
	dsn := (&url.URL{Scheme: "file", Path: db.path, RawQuery: q.Encode()}).String()
	if db.db, err = sql.Open("sqlite", dsn); err != nil {
		return fmt.Errorf("open database: %w", err)
	}
	db.db.SetMaxOpenConns(4)
	if err := db.db.PingContext(ctx); err != nil {
		return fmt.Errorf("open database %s: %w", db.path, err)
	}
	var mode string
	if err := db.db.QueryRowContext(ctx, `PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
		return fmt.Errorf("database %s: write-ahead log not enabled (mode %q): %v", db.path, mode, err)
	}
	return db.migrate(ctx)
}

func (db *DB) migrate(ctx context.Context) error {
	sub, err := fs.Sub(migrationFS, "migration")
	if err != nil {
		return err
	}
	p, err := goose.NewProvider(goose.DialectSQLite3, db.db, sub, goose.WithDisableGlobalRegistry(true))
	if err != nil {
		return fmt.Errorf("prepare migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate database %s: %w", db.path, err)
	}
	return nil
}

// Path returns the absolute path of the database file.
func (db *DB) Path() string { return db.path }

// SchemaVersion returns the newest migration applied.
func (db *DB) SchemaVersion(ctx context.Context) (int64, error) {
	var v int64
	err := db.db.QueryRowContext(ctx, `SELECT COALESCE(MAX(version_id), 0) FROM goose_db_version WHERE is_applied`).Scan(&v)
	return v, err
}

// Close closes the database and releases its lock.
func (db *DB) Close() error {
	var err error
	if db.db != nil {
		err = db.db.Close()
	}
	if db.lock != nil {
		// The lock file stays: removing it would let two processes lock two
		// different files of the same name.
		if uerr := db.lock.Unlock(); err == nil {
			err = uerr
		}
	}
	return err
}

// Tx is a transaction with the time fixed at its start, so every row it
// touches carries the same timestamp. The entity functions are its methods
// (tx.CreateContact, tx.SaveQBOConnection, …), so a caller outside this
// package composes several writes into one transaction with Update:
//
//	err := db.Update(ctx, func(tx *sqlite.Tx) error {
//		if err := tx.CreateContact(ctx, c); err != nil {
//			return err
//		}
//		return tx.SetSetting(ctx, "sync.last_contact", strconv.FormatInt(c.ID, 10))
//	})
type Tx struct {
	tx       *sql.Tx
	db       *DB
	now      time.Time
	readOnly bool
}

// Now is the transaction's time: the DB's clock read once at its start.
func (tx *Tx) Now() time.Time { return tx.now }

// Update runs fn in one write transaction, committed when fn returns nil
// and rolled back when it returns an error (or panics). Writers queue at
// the start (BEGIN IMMEDIATE), so fn never fails half-way for a lock.
func (db *DB) Update(ctx context.Context, fn func(tx *Tx) error) error {
	return db.run(ctx, false, fn)
}

// View runs fn in a read transaction: every read inside sees the same
// snapshot of the database, and writers are not held up by it.
func (db *DB) View(ctx context.Context, fn func(tx *Tx) error) error {
	return db.run(ctx, true, fn)
}

func (db *DB) run(ctx context.Context, readOnly bool, fn func(tx *Tx) error) error {
	sqlTx, err := db.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: readOnly})
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer sqlTx.Rollback()
	tx := &Tx{tx: sqlTx, db: db, now: db.Now().UTC(), readOnly: readOnly}
	if err := fn(tx); err != nil {
		return err
	}
	if err := sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// exec, queryRow and query run SQL in the transaction. A write in a View
// is a bug of ours, caught here rather than by SQLite's lock.
func (tx *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if tx.readOnly {
		return nil, errors.New("sqlite: write in a read transaction")
	}
	return tx.tx.ExecContext(ctx, query, args...)
}

func (tx *Tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return tx.tx.QueryRowContext(ctx, query, args...)
}

func (tx *Tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return tx.tx.QueryContext(ctx, query, args...)
}

// acquireLock takes the lock file beside the database. The lock dies with
// the process, so a crash never leaves the database locked.
func acquireLock(dbPath string) (*flock.Flock, error) {
	lockPath := dbPath + ".lock"
	l := flock.New(lockPath, flock.SetPermissions(0o600))
	ok, err := l.TryLock()
	if err != nil {
		return nil, fmt.Errorf("lock database %s: %w", dbPath, err)
	}
	if !ok {
		holder := ""
		if b, err := os.ReadFile(lockPath); err == nil {
			if pid, err := strconv.Atoi(strings.TrimSpace(string(b))); err == nil {
				holder = fmt.Sprintf(" (process %d)", pid)
			}
		}
		return nil, &practice.Error{Code: practice.ELOCKED, Message: fmt.Sprintf(
			"This database is already open in another Ledgerlink%s: %s. Close that one first, or open a different database with --db.",
			holder, dbPath)}
	}
	// Say who holds it, for the message a second instance shows.
	os.WriteFile(lockPath, []byte(strconv.Itoa(os.Getpid())+"\n"), 0o600)
	return l, nil
}

// formatTime and parseTime convert between time.Time and the stored text.
func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) (time.Time, error) {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t, nil
}

// isUniqueViolation reports whether err is SQLite's UNIQUE constraint failure.
func isUniqueViolation(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// isForeignKeyViolation reports whether err is SQLite's refusal to delete
// a row others still refer to.
func isForeignKeyViolation(err error) bool {
	return err != nil && strings.Contains(err.Error(), "FOREIGN KEY constraint failed")
}

var errNoRows = sql.ErrNoRows

func notFound(err error, format string, args ...any) error {
	if errors.Is(err, errNoRows) {
		return practice.Errorf(practice.ENOTFOUND, format, args...)
	}
	return err
}
