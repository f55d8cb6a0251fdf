package cache

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/paperlist/paperlist/fetch"
)

// WouldServe reports whether Get would answer rawURL from the store
// without a request: a copy is stored and fresh by the same rule Get
// applies. The planner (--dry-run) asks it; it changes nothing.
func (r *ReadThrough) WouldServe(ctx context.Context, rawURL string) (bool, error) {
	c, err := r.Store.Response(ctx, Key(rawURL))
	if err != nil && ctx.Err() == nil {
		r.readFailed(err) // unreadable: Get would fetch it
		return false, nil
	}
	if err != nil || c == nil {
		return false, err
	}
	return r.fresh(c, r.now()), nil
}

// fresh is the one freshness rule: offline takes any copy; otherwise a
// copy younger than its max age (the negative one for a 404/410), unless
// every copy is to be revalidated.
func (r *ReadThrough) fresh(c *Cached, now time.Time) bool {
	maxAge := r.maxAge()
	if c.Negative {
		maxAge = r.negativeMaxAge()
	}
	return r.Offline || (!r.Refresh && now.Sub(c.FetchedAt) < maxAge)
}

// Records returns the finished records stored under keys (see enrich's
// RecordCache), in a few queries.
func (r *ReadThrough) Records(ctx context.Context, keys []string) (map[string][]byte, error) {
	out := make(map[string][]byte, len(keys))
	err := r.readChunks(ctx, keys, `SELECT key, data FROM records WHERE key IN (%s)`, func(rows *sql.Rows) error {
		var k string
		var data []byte
		if err := rows.Scan(&k, &data); err != nil {
			return err
		}
		out[k] = data
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("cache: read records: %w", err)
	}
	return out, nil
}

// PutRecord stores a finished record under key. A store that cannot be
// written is reported once (see writeFailed), not per record: the record is
// then simply not cached.
func (r *ReadThrough) PutRecord(ctx context.Context, key string, data []byte) error {
	err := r.Store.PutRecord(ctx, key, data, r.now())
	if err != nil && ctx.Err() == nil {
		r.writeFailed(err)
		return nil
	}
	return err
}

// Answers returns the digest (fetch.Digest of the body, or
// fetch.NegativeDigest) of each of urls that Get would serve without a
// request, in a few queries. Each counts as a cache hit, as Get would
// count it.
func (r *ReadThrough) Answers(ctx context.Context, urls []string) (map[string]string, error) {
	keys := make([]string, len(urls))
	byKey := make(map[string][]string, len(urls))
	for i, u := range urls {
		keys[i] = Key(u)
		byKey[keys[i]] = append(byKey[keys[i]], u)
	}
	now := r.now()
	out := make(map[string]string, len(urls))
	var old []string // rows written before digests were stored
	err := r.readChunks(ctx, keys, `SELECT url, status, fetched_at, negative, digest FROM responses INDEXED BY responses_answer WHERE url IN (%s)`, func(rows *sql.Rows) error {
		var (
			key, digest string
			fetchedAt   int64
			c           Cached
		)
		if err := rows.Scan(&key, &c.Status, &fetchedAt, &c.Negative, &digest); err != nil {
			return err
		}
		c.FetchedAt = time.Unix(0, fetchedAt).UTC()
		if !r.fresh(&c, now) {
			return nil
		}
		switch {
		case c.Negative:
			digest = fetch.NegativeDigest(c.Status)
		case digest == "":
			old = append(old, key)
			return nil
		}
		for _, u := range byKey[key] {
			out[u] = digest
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("cache: read answers: %w", err)
	}
	for _, key := range old {
		c, err := r.Store.Response(ctx, key)
		if err != nil {
			if ctx.Err() != nil {
				return nil, err
			}
			r.readFailed(err)
			continue
		}
		if c != nil && c.Resp != nil {
			for _, u := range byKey[key] {
				out[u] = fetch.Digest(c.Resp.Body)
			}
		}
	}
	for u := range out {
		r.count(u, false)
		r.count(u, true)
	}
	return out, nil
}

// readChunks is inChunks for a read that tolerates a damaged store: when a
// chunk fails (a corrupt page), its keys are read one at a time and those
// that still fail are left out, as misses, reported once (readFailed).
func (r *ReadThrough) readChunks(ctx context.Context, keys []string, query string, row func(*sql.Rows) error) error {
	err := r.Store.inChunks(ctx, keys, query, row)
	if err == nil || ctx.Err() != nil {
		return err
	}
	r.readFailed(err)
	// Rows already seen are handed to row again: the callers fill maps.
	for _, k := range keys {
		if err := r.Store.inChunks(ctx, []string{k}, query, row); err != nil && ctx.Err() != nil {
			return err
		}
	}
	return nil
}

// inChunks runs query (whose %s takes the placeholders) for keys, a few
// hundred at a time, calling row for each row.
func (s *Store) inChunks(ctx context.Context, keys []string, query string, row func(*sql.Rows) error) error {
	const chunk = 500
	for lo := 0; lo < len(keys); lo += chunk {
		part := keys[lo:min(lo+chunk, len(keys))]
		args := make([]any, len(part))
		for i, k := range part {
			args[i] = k
		}
		rows, err := s.db.QueryContext(ctx, fmt.Sprintf(query, strings.TrimSuffix(strings.Repeat("?,", len(part)), ",")), args...)
		if err != nil {
			return err
		}
		for rows.Next() {
			if err := row(rows); err != nil {
				rows.Close()
				return err
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
		if err := rows.Err(); err != nil {
			return err
		}
	}
	return nil
}
