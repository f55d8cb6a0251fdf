package cache

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"
)

// schemaSQL is schema version 1.
//
//go:embed schema.sql
var schemaSQL string

// migrationFiles holds the steps after version 1, named NNN_what.sql where
// NNN is the version the step brings a file to.
//
//go:embed migrations/*.sql
var migrationFiles embed.FS

// migration is one step of the schema.
type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns every step in order: schema.sql as version 1, then the
// numbered files. Versions must run 1, 2, 3, ... without gaps.
func migrations() ([]migration, error) {
	ms := []migration{{version: 1, name: "schema.sql", sql: schemaSQL}}
	names, err := fs.Glob(migrationFiles, "migrations/*.sql")
	if err != nil {
		return nil, fmt.Errorf("list migrations: %w", err)
	}
	// fs.Glob returns names in lexical order, which is version order for
	// zero-padded numbers.
	for _, name := range names {
		base := path.Base(name)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a version number and '_'", name)
		}
		if want := len(ms) + 1; v != want {
			return nil, fmt.Errorf("migration %s: version %d, want %d", name, v, want)
		}
		b, err := migrationFiles.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("read migration %s: %w", name, err)
		}
		ms = append(ms, migration{version: v, name: base, sql: string(b)})
	}
	return ms, nil
}

// SchemaVersion is the schema version this program writes.
func SchemaVersion() int {
	ms, err := migrations()
	if err != nil {
		return 0
	}
	return len(ms)
}

// userVersion reads PRAGMA user_version.
func userVersion(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}) (int, error) {
	var v int
	if err := q.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return 0, fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}

// migrate brings the database to the current schema version, one step per
// transaction, so a run killed half-way leaves a file at a whole version that
// the next Open carries on from. A file from a newer program is refused rather
// than written with an older idea of the schema.
func migrate(ctx context.Context, db *sql.DB, file string) error {
	ms, err := migrations()
	if err != nil {
		return err
	}
	for _, m := range ms {
		if err := applyMigration(ctx, db, file, m, len(ms)); err != nil {
			return err
		}
	}
	return nil
}

// applyMigration applies m unless the file is already at m.version or later.
// The version is read inside the write transaction, so the check and the
// change cannot interleave with another writer.
func applyMigration(ctx context.Context, db *sql.DB, file string, m migration, latest int) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("migrate cache %s to version %d: %w", file, m.version, err)
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	v, err := userVersion(ctx, tx)
	if err != nil {
		return fmt.Errorf("migrate cache %s: %w", file, err)
	}
	if v > latest {
		return fmt.Errorf("cache %s has schema version %d, newer than this program's %d: %w", file, v, latest, ErrSchema)
	}
	if v >= m.version {
		return nil
	}
	if _, err := tx.ExecContext(ctx, m.sql); err != nil {
		return fmt.Errorf("migrate cache %s to version %d (%s): %w", file, m.version, m.name, err)
	}
	// PRAGMA takes no bound parameters; the version is an int we control.
	if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", m.version)); err != nil {
		return fmt.Errorf("migrate cache %s: set version %d: %w", file, m.version, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("migrate cache %s to version %d: commit: %w", file, m.version, err)
	}
	return nil
}
