package cache

import (
	"context"
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
	c, err := r.Store.Response(ctx, Key(rawURL))
	if err != nil || c == nil {
		return "", false, err
	}
	if !r.fresh(c, r.now()) {
		return "", false, nil
	}
	r.count(rawURL, false)
	r.count(rawURL, true)
	if c.Negative {
		return fetch.NegativeDigest(c.Status), true, nil
	}
	return fetch.Digest(c.Resp.Body), true, nil
}
