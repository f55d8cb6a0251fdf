package cache

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"

	_ "github.com/mattn/go-sqlite3" // registers the "sqlite3" driver
)

// Sentinel errors callers branch on with errors.Is.
var (
	// ErrLocked: another paperlist run has the cache open for writing.
	ErrLocked = errors.New("cache in use by another run")
	// ErrSchema: the file's schema version is not one this program can use.
	ErrSchema = errors.New("unsupported cache schema version")
	// ErrNoCopy: the operation needs a cached answer and there is none.
	ErrNoCopy = errors.New("no cached answer")
)

// busyTimeoutMillis is how long a statement waits for a lock held by another
// connection before failing with SQLITE_BUSY. The advisory lock keeps other
// writing runs out, but within a run the database/sql pool has several
// connections (concurrent Gets write from different goroutines), WAL
// checkpoints briefly lock, and `cache stats` may read at the same time;
// without a busy timeout SQLite fails those at once instead of waiting.
const busyTimeoutMillis = 10000

// maxConns bounds the connections to the database: WAL lets readers go in
// parallel, writes are one at a time anyway.
const maxConns = 8

// DefaultPath is where the cache lives unless the user says otherwise:
// os.UserCacheDir()/paperlist/cache.sqlite.
func DefaultPath() (string, error) {
	dir, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("find the user cache directory: %w", err)
	}
	return filepath.Join(dir, "paperlist", "cache.sqlite"), nil
}

// Options change how Open opens the cache.
type Options struct {
	// ReadOnly opens an existing cache for reading only (`cache stats`): no
	// lock is taken, so it works while a run writes, nothing is created or
	// migrated, and a missing file is an error wrapping fs.ErrNotExist.
	ReadOnly bool
}

// Store is an open cache. Its methods are safe for concurrent use.
type Store struct {
	db       *sql.DB
	path     string
	readOnly bool
	lock     *fileLock // nil when ReadOnly
	// writeMu makes this process's writers take turns in Go. SQLite allows
	// one writer at a time anyway; left to itself, a queue of writers waits
	// in its busy handler, which sleeps in steps of up to 100 ms.
	writeMu sync.Mutex
}

// Open opens (creating it and its parent directory if needed) the cache at
// path and brings its schema to the current version. Unless opt.ReadOnly, it
// first takes an exclusive advisory lock on path+".lock" without waiting; if
// another run holds it, Open fails with an error wrapping ErrLocked that names
// the path. The lock is released by Close, or by the kernel when the process
// dies, so a killed run never leaves the cache locked.
func Open(ctx context.Context, path string, opt Options) (*Store, error) {
	s := &Store{path: path, readOnly: opt.ReadOnly}
	if opt.ReadOnly {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("open cache %s: %w", path, err)
		}
	} else {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return nil, fmt.Errorf("open cache %s: create directory: %w", path, err)
		}
		l, err := lockFile(path + ".lock")
		if err != nil {
			if errors.Is(err, errWouldBlock) {
				return nil, &lockedError{path: path}
			}
			return nil, fmt.Errorf("open cache %s: lock: %w", path, err)
		}
		s.lock = l
	}
	db, err := sql.Open("sqlite3", dsn(path, opt.ReadOnly))
	if err != nil {
		s.unlock()
		return nil, fmt.Errorf("open cache %s: %w", path, err)
	}
	// A bounded pool of connections, all kept: many goroutines wait in
	// database/sql's queue instead of in SQLite's busy handler (where a long
	// queue ends in "database is locked"), and no connection is opened and
	// closed per query.
	db.SetMaxOpenConns(maxConns)
	db.SetMaxIdleConns(maxConns)
	s.db = db
	if err := s.init(ctx); err != nil {
		s.Close() //nolint:errcheck // the init error is the one to report
		return nil, err
	}
	return s, nil
}

// init checks the connection and the schema version.
func (s *Store) init(ctx context.Context) error {
	if err := s.db.PingContext(ctx); err != nil {
		return fmt.Errorf("open cache %s: %w", s.path, err)
	}
	if !s.readOnly {
		return migrate(ctx, s.db, s.path)
	}
	v, err := userVersion(ctx, s.db)
	if err != nil {
		return fmt.Errorf("open cache %s: %w", s.path, err)
	}
	if want := SchemaVersion(); v != want {
		return fmt.Errorf("cache %s has schema version %d, this program reads %d (open it once for writing to migrate): %w", s.path, v, want, ErrSchema)
	}
	return nil
}

// dsn builds the go-sqlite3 data source name. The pragmas are DSN parameters
// rather than Exec'd statements because the driver applies DSN parameters to
// every connection the database/sql pool opens, not just the first.
//
//   - journal_mode=WAL: readers never block the writer and a crash leaves the
//     last committed transaction intact (rolled forward from the WAL).
//   - synchronous=NORMAL: in WAL mode this keeps the file consistent through
//     a crash of the process or the machine; it may only lose the last
//     transactions on power loss, which for a cache means a refetch.
//   - foreign_keys=on: enforced should a later schema version add any.
//   - busy_timeout: see busyTimeoutMillis.
//   - _txlock=immediate: BEGIN takes the write lock at once, so two writing
//     transactions wait for each other under busy_timeout instead of failing
//     with SQLITE_BUSY when a read lock is upgraded.
//
// A read-only store sets mode=ro and leaves the journal mode alone (changing
// it would be a write).
func dsn(path string, readOnly bool) string {
	q := url.Values{}
	q.Set("_busy_timeout", fmt.Sprint(busyTimeoutMillis))
	q.Set("_foreign_keys", "on")
	if readOnly {
		q.Set("mode", "ro")
	} else {
		q.Set("_journal_mode", "WAL")
		q.Set("_synchronous", "NORMAL")
		q.Set("_txlock", "immediate")
	}
	// A file: URI with the path escaped, so that '?', '#' or '%' in a
	// directory name are not read as URI syntax.
	u := url.URL{Scheme: "file", Path: path, RawQuery: q.Encode()}
	if !filepath.IsAbs(path) {
		u = url.URL{Scheme: "file", Opaque: (&url.URL{Path: path}).EscapedPath(), RawQuery: q.Encode()}
	}
	return u.String()
}

// Path is the file the store was opened from.
func (s *Store) Path() string { return s.path }

// Close closes the database and then releases the lock.
func (s *Store) Close() error {
	var err error
	if s.db != nil {
		if cerr := s.db.Close(); cerr != nil {
			err = fmt.Errorf("close cache %s: %w", s.path, cerr)
		}
	}
	if uerr := s.unlock(); uerr != nil && err == nil {
		err = fmt.Errorf("close cache %s: unlock: %w", s.path, uerr)
	}
	return err
}

func (s *Store) unlock() error {
	if s.lock == nil {
		return nil
	}
	err := s.lock.release()
	s.lock = nil
	return err
}

// lockedError is returned by Open when another run holds the lock.
type lockedError struct{ path string }

func (e *lockedError) Error() string {
	return fmt.Sprintf("cache %s is in use by another paperlist run", e.path)
}

func (e *lockedError) Unwrap() error { return ErrLocked }
