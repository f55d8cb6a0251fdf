package cache

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// rawDB opens path with the driver directly, as an older or foreign program
// would have, to prepare a file at a given schema version.
func rawDB(t *testing.T, path string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite3", dsn(path, false))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestMigration(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name       string
		prepare    func(t *testing.T, path string)
		wantErr    error
		wantRecord string // a record that must survive the migration
	}{
		{
			name: "zero-byte file at version 0",
			prepare: func(t *testing.T, path string) {
				if err := os.WriteFile(path, nil, 0o644); err != nil {
					t.Fatal(err)
				}
			},
		},
		{
			name: "sqlite file at version 0",
			prepare: func(t *testing.T, path string) {
				if _, err := rawDB(t, path).Exec(`VACUUM`); err != nil {
					t.Fatal(err)
				}
			},
		},
		{
			name: "version 1 file with data",
			prepare: func(t *testing.T, path string) {
				db := rawDB(t, path)
				for _, q := range []string{
					schemaSQL,
					`PRAGMA user_version = 1`,
					`INSERT INTO records (key, data, updated_at) VALUES ('fast/2021/bae', '{"title":"FlashNeuron"}', 1)`,
				} {
					if _, err := db.Exec(q); err != nil {
						t.Fatal(err)
					}
				}
			},
			wantRecord: `{"title":"FlashNeuron"}`,
		},
		{
			name: "file from a newer program",
			prepare: func(t *testing.T, path string) {
				if _, err := rawDB(t, path).Exec(`PRAGMA user_version = 99`); err != nil {
					t.Fatal(err)
				}
			},
			wantErr: ErrSchema,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "cache.sqlite")
			tt.prepare(t, path)

			s, err := Open(ctx, path, Options{})
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) || !strings.Contains(err.Error(), "version 99") {
					t.Fatalf("Open = %v, want %v naming version 99", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("Open: %v", err)
			}
			defer s.Close()

			var version int
			var indexes []string
			if err := s.db.QueryRow(`PRAGMA user_version`).Scan(&version); err != nil {
				t.Fatal(err)
			}
			rows, err := s.db.Query(`SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var n string
				rows.Scan(&n)
				indexes = append(indexes, n)
			}
			if version != 4 || SchemaVersion() != 4 {
				t.Errorf("user_version %d, SchemaVersion %d; want 4", version, SchemaVersion())
			}
			if got := strings.Join(indexes, ","); got != "records_updated_at,responses_answer,responses_fetched_at" {
				t.Errorf("indexes %q", got)
			}
			var mode string
			if err := s.db.QueryRow(`PRAGMA journal_mode`).Scan(&mode); err != nil || mode != "wal" {
				t.Errorf("journal_mode %q, %v; want wal", mode, err)
			}
			if tt.wantRecord != "" {
				data, _, ok, err := s.Record(ctx, "fast/2021/bae")
				if !ok || err != nil || string(data) != tt.wantRecord {
					t.Errorf("record after migration = %q, %v, %v", data, ok, err)
				}
			}
			// The migrated store works.
			if err := s.PutResponse(ctx, gcclResponse(t, t0)); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestReadOnlyRefusesOldSchema(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.sqlite")
	if _, err := rawDB(t, path).Exec(`PRAGMA user_version = 1`); err != nil {
		t.Fatal(err)
	}
	_, err := Open(context.Background(), path, Options{ReadOnly: true})
	if !errors.Is(err, ErrSchema) || !strings.Contains(err.Error(), "version 1") {
		t.Errorf("read-only Open of a version 1 file = %v, want ErrSchema", err)
	}
}

func TestConnectionPragmas(t *testing.T) {
	s := openTemp(t)
	// Every pooled connection carries the pragmas: hold several at once.
	ctx := context.Background()
	for i := range 3 {
		conn, err := s.db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		var fk, sync, timeout int
		if err := conn.QueryRowContext(ctx, `PRAGMA foreign_keys`).Scan(&fk); err != nil {
			t.Fatal(err)
		}
		if err := conn.QueryRowContext(ctx, `PRAGMA synchronous`).Scan(&sync); err != nil {
			t.Fatal(err)
		}
		if err := conn.QueryRowContext(ctx, `PRAGMA busy_timeout`).Scan(&timeout); err != nil {
			t.Fatal(err)
		}
		if fk != 1 || sync != 1 || timeout != busyTimeoutMillis {
			t.Errorf("connection %d: foreign_keys %d, synchronous %d (1 = NORMAL), busy_timeout %d", i, fk, sync, timeout)
		}
	}
}
