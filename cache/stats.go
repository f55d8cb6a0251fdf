package cache

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"
)

// Stats describes the cache for `cache stats`.
type Stats struct {
	Path              string
	SchemaVersion     int
	Responses         int       // good cached answers
	NegativeResponses int       // remembered 404/410 answers
	Records           int       // extracted records
	Bytes             int64     // sum of the stored body sizes
	FileBytes         int64     // the database file plus its WAL, on disk
	Oldest, Newest    time.Time // fetched_at range over all responses; zero when empty
	LastRun           *Run      // the latest finished run, nil when none has finished
}

// Run is one finished run.
type Run struct {
	ID       int64
	Started  time.Time
	Finished time.Time
	Requests int     // answers the cache layer gave
	Hits     int     // of those, answered without a request
	HitRate  float64 // Hits / Requests, 0 when there were no requests
}

// Stats counts what the cache holds. It works on a read-only store.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	st := Stats{Path: s.path}
	var err error
	if st.SchemaVersion, err = userVersion(ctx, s.db); err != nil {
		return Stats{}, fmt.Errorf("cache stats %s: %w", s.path, err)
	}
	var oldest, newest sql.NullInt64
	err = s.db.QueryRowContext(ctx, `
		SELECT
			COALESCE(SUM(negative = 0), 0), COALESCE(SUM(negative = 1), 0),
			COALESCE(SUM(length(body)), 0), MIN(fetched_at), MAX(fetched_at)
		FROM responses`).
		Scan(&st.Responses, &st.NegativeResponses, &st.Bytes, &oldest, &newest)
	if err != nil {
		return Stats{}, fmt.Errorf("cache stats %s: responses: %w", s.path, err)
	}
	if oldest.Valid {
		st.Oldest = time.Unix(0, oldest.Int64).UTC()
		st.Newest = time.Unix(0, newest.Int64).UTC()
	}
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM records`).Scan(&st.Records); err != nil {
		return Stats{}, fmt.Errorf("cache stats %s: records: %w", s.path, err)
	}
	if st.LastRun, err = s.lastRun(ctx); err != nil {
		return Stats{}, err
	}
	for _, name := range []string{s.path, s.path + "-wal"} {
		fi, err := os.Stat(name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return Stats{}, fmt.Errorf("cache stats: %w", err)
		}
		st.FileBytes += fi.Size()
	}
	return st, nil
}

func (s *Store) lastRun(ctx context.Context) (*Run, error) {
	var r Run
	var started, finished int64
	err := s.db.QueryRowContext(ctx, `
		SELECT id, started_at, finished_at, requests, hits FROM runs
		WHERE finished_at IS NOT NULL ORDER BY id DESC LIMIT 1`).
		Scan(&r.ID, &started, &finished, &r.Requests, &r.Hits)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cache stats %s: last run: %w", s.path, err)
	}
	r.Started = time.Unix(0, started).UTC()
	r.Finished = time.Unix(0, finished).UTC()
	if r.Requests > 0 {
		r.HitRate = float64(r.Hits) / float64(r.Requests)
	}
	return &r, nil
}

// Prune deletes responses (good and negative) fetched before olderThan and
// records stored before it, in one transaction. Runs are kept: they are tiny
// and are the history `cache stats` reports.
//
// When anything was deleted it then runs VACUUM and checkpoints the WAL, so
// the file actually shrinks: SQLite otherwise keeps freed pages for reuse.
// VACUUM rewrites the whole file (it needs free disk space up to the file's
// size and briefly locks out readers); that is acceptable for an explicit
// `cache prune`, which is why Prune, and not every run, does it. A VACUUM
// interrupted by a crash leaves the file as it was: it is a transaction too.
func (s *Store) Prune(ctx context.Context, olderThan time.Time) (removedResponses, removedRecords int, err error) {
	cut := olderThan.UnixNano()
	err = s.inTx(ctx, "prune", func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM responses WHERE fetched_at < ?`, cut)
		if err != nil {
			return err
		}
		n, err := res.RowsAffected()
		if err != nil {
			return err
		}
		removedResponses = int(n)
		res, err = tx.ExecContext(ctx, `DELETE FROM records WHERE updated_at < ?`, cut)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		removedRecords = int(n)
		return err
	})
	if err != nil {
		return 0, 0, err
	}
	if removedResponses+removedRecords == 0 {
		return 0, 0, nil
	}
	if _, err := s.db.ExecContext(ctx, `VACUUM`); err != nil {
		return removedResponses, removedRecords, fmt.Errorf("cache: prune %s: vacuum: %w", s.path, err)
	}
	// In WAL mode VACUUM writes the compacted pages to the WAL; the main
	// file shrinks, and the WAL is emptied, only at a checkpoint.
	if _, err := s.db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return removedResponses, removedRecords, fmt.Errorf("cache: prune %s: checkpoint: %w", s.path, err)
	}
	return removedResponses, removedRecords, nil
}
