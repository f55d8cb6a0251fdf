package cache

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Record returns the data stored under key and when it was stored; ok is
// false when there is none. The data is opaque to the store (the enricher's
// JSON).
func (s *Store) Record(ctx context.Context, key string) (data []byte, at time.Time, ok bool, err error) {
	var ns int64
	err = s.db.QueryRowContext(ctx, `SELECT data, updated_at FROM records WHERE key = ?`, key).Scan(&data, &ns)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, time.Time{}, false, nil
	}
	if err != nil {
		return nil, time.Time{}, false, fmt.Errorf("cache: read record %q: %w", key, err)
	}
	if data == nil {
		data = []byte{}
	}
	return data, time.Unix(0, ns).UTC(), true, nil
}

// PutRecord stores data under key with the given time, replacing what was
// there.
func (s *Store) PutRecord(ctx context.Context, key string, data []byte, at time.Time) error {
	if data == nil {
		data = []byte{}
	}
	return s.inTx(ctx, fmt.Sprintf("store record %q", key), func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `
			INSERT INTO records (key, data, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
			key, data, at.UnixNano())
		return err
	})
}
