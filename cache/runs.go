package cache

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// StartRun records the start of a run and returns its id for FinishRun.
func (s *Store) StartRun(ctx context.Context, at time.Time) (int64, error) {
	var id int64
	err := s.inTx(ctx, "start run", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO runs (started_at) VALUES (?)`, at.UnixNano())
		if err != nil {
			return err
		}
		id, err = res.LastInsertId()
		return err
	})
	return id, err
}

// FinishRun records the end of run id with its counters: requests is the
// number of answers the cache layer gave (hits included), hits the number it
// gave without a network request. A run that never finishes (killed) keeps
// no counters and is not reported as the last run.
func (s *Store) FinishRun(ctx context.Context, id int64, at time.Time, requests, hits int) error {
	return s.inTx(ctx, fmt.Sprintf("finish run %d", id), func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx,
			`UPDATE runs SET finished_at = ?, requests = ?, hits = ? WHERE id = ?`,
			at.UnixNano(), requests, hits, id)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("no run %d", id)
		}
		return nil
	})
}
