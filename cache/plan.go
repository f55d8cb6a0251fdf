package cache

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/paperlist/paperlist/fetch"
)

// WouldServe reports whether Get would answer rawURL from the store
// without a request: a copy is stored and fresh by the same rule Get
// applies. The planner (--dry-run) asks it; it changes nothing.
func (r *ReadThrough) WouldServe(ctx context.Context, rawURL string) (bool, error) {
	c, err := r.Store.Response(ctx, Key(rawURL))
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

// Record returns the finished record stored under key (see enrich's
// RecordCache).
func (r *ReadThrough) Record(ctx context.Context, key string) ([]byte, bool, error) {
	data, _, ok, err := r.Store.Record(ctx, key)
	return data, ok, err
}

// PutRecord stores a finished record under key.
func (r *ReadThrough) PutRecord(ctx context.Context, key string, data []byte) error {
	return r.Store.PutRecord(ctx, key, data, r.now())
}

// Answer is the digest of the cached answer to rawURL (fetch.Digest of
// its body, or fetch.NegativeDigest of its status) and whether Get would
// serve it without a request. A fresh answer counts as a cache hit, as
// Get would count it.
func (r *ReadThrough) Answer(ctx context.Context, rawURL string) (digest string, fresh bool, err error) {
	c, digest, err := r.Store.answerDigest(ctx, Key(rawURL))
	if err != nil || c == nil || !r.fresh(c, r.now()) {
		return "", false, err
	}
	r.count(rawURL, false)
	r.count(rawURL, true)
	return digest, true, nil
}

// answerDigest reads what Answer needs of the row for url, without its
// body when the row carries its digest.
func (s *Store) answerDigest(ctx context.Context, url string) (c *Cached, digest string, err error) {
	var fetchedAt int64
	c = &Cached{}
	err = s.db.QueryRowContext(ctx, `SELECT status, fetched_at, negative, digest FROM responses WHERE url = ?`, url).
		Scan(&c.Status, &fetchedAt, &c.Negative, &digest)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, "", nil
	}
	if err != nil {
		return nil, "", fmt.Errorf("cache: read %s: %w", url, err)
	}
	c.FetchedAt = time.Unix(0, fetchedAt).UTC()
	switch {
	case c.Negative:
		digest = fetch.NegativeDigest(c.Status)
	case digest == "": // written before version 3
		full, err := s.Response(ctx, url)
		if err != nil || full == nil {
			return nil, "", err
		}
		digest = fetch.Digest(full.Resp.Body)
	}
	return c, digest, nil
}
