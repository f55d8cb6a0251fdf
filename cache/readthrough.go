package cache

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/paperlist/paperlist/fetch"
)

// Fetcher makes a request over the network. The HTTP client satisfies it.
type Fetcher interface {
	Get(ctx context.Context, req fetch.Request) (*fetch.Response, error)
}

// Default ages of ReadThrough.
const (
	DefaultMaxAge         = 30 * 24 * time.Hour
	DefaultNegativeMaxAge = 24 * time.Hour
)

// ReadThrough answers requests from the Store and goes to Next only when the
// policy in the package doc says so. Set the fields before the first Get and
// do not copy it after; Get is safe for concurrent use.
type ReadThrough struct {
	Store *Store
	Next  Fetcher

	// MaxAge: copies younger than this are answered without a request
	// (DefaultMaxAge when zero).
	MaxAge time.Duration
	// NegativeMaxAge: how long a cached 404/410 is replayed
	// (DefaultNegativeMaxAge when zero).
	NegativeMaxAge time.Duration
	// Offline: never call Next; any cached copy, whatever its age, or an
	// error wrapping fetch.ErrOffline.
	Offline bool
	// Refresh: revalidate every copy, whatever its age.
	Refresh bool
	// Now is the clock (time.Now when nil).
	Now func() time.Time

	mu   sync.Mutex
	gets int
	hits map[string]int
}

// Get answers req. See the package doc for the policy. Errors from Next are
// returned as Next gave them (so errors.As finds *fetch.StatusError); a
// replayed negative answer is a *fetch.StatusError for req.URL with the stored
// status. A cache write that fails after a successful fetch is returned as an
// error: a cache that cannot store would otherwise refetch forever unnoticed.
func (r *ReadThrough) Get(ctx context.Context, req fetch.Request) (*fetch.Response, error) {
	r.count(req.URL, false)
	now := r.now()
	key := Key(req.URL)
	c, err := r.Store.Response(ctx, key)
	if err != nil {
		return nil, err
	}
	good := c != nil && !c.Negative
	if c != nil {
		if r.fresh(c, now) {
			r.count(req.URL, true)
			if c.Negative {
				return nil, &fetch.StatusError{URL: key, Status: c.Status}
			}
			return c.Resp, nil
		}
		if good {
			req.ETag, req.LastModified = c.ETag, c.LastModified
		}
	}
	if r.Offline {
		return nil, fmt.Errorf("GET %s: %w", key, fetch.ErrOffline)
	}

	resp, err := r.Next.Get(ctx, req)
	if err == nil && resp == nil {
		err = fmt.Errorf("GET %s: fetcher returned no response and no error", key)
	}
	if err == nil {
		switch {
		case resp.Status == 304 && good:
			return r.notModified(ctx, c, resp, now)
		case resp.Status >= 200 && resp.Status <= 299:
			if resp.FetchedAt.IsZero() {
				resp.FetchedAt = now
			}
			stored := *resp
			stored.URL, stored.FinalURL = key, Key(resp.FinalURL)
			if err := r.Store.PutResponse(ctx, &stored); err != nil {
				return nil, err
			}
			return resp, nil
		default:
			// Not an answer (a 304 to a request we made unconditional,
			// a 3xx the client did not follow): a failure like any other.
			err = &fetch.StatusError{URL: key, Status: resp.Status}
		}
	}
	if ctx.Err() != nil {
		// The caller gave up; hand back its reason, not a stale copy.
		return nil, err
	}
	if good {
		stale := *c.Resp
		stale.Stale = true
		stale.StaleReason = err.Error()
		return &stale, nil
	}
	var se *fetch.StatusError
	if errors.As(err, &se) && se.Definitive() {
		if perr := r.Store.PutNegative(ctx, key, se.Status, now); perr != nil {
			return nil, errors.Join(err, perr)
		}
	}
	return nil, err
}

// notModified handles a 304 to a conditional request: the copy's age is
// refreshed (with any new validators) and the cached body is returned.
func (r *ReadThrough) notModified(ctx context.Context, c *Cached, resp *fetch.Response, now time.Time) (*fetch.Response, error) {
	etag, lastMod := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	if err := r.Store.Touch(ctx, c.Resp.URL, now, etag, lastMod); err != nil {
		return nil, err
	}
	out := *c.Resp
	out.Header = c.Resp.Header.Clone()
	if etag != "" {
		out.Header.Set("ETag", etag)
	}
	if lastMod != "" {
		out.Header.Set("Last-Modified", lastMod)
	}
	out.FetchedAt = now
	out.FromCache = true
	return &out, nil
}

// Hits returns the cache hits (answers given without a request, negative
// ones included) per host so far. The map is a copy.
func (r *ReadThrough) Hits() map[string]int {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make(map[string]int, len(r.hits))
	for h, n := range r.hits {
		out[h] = n
	}
	return out
}

// Counts returns how many Gets were made so far (failed ones included) and
// how many of them were hits: the figures FinishRun takes.
func (r *ReadThrough) Counts() (gets, hits int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, n := range r.hits {
		hits += n
	}
	return r.gets, hits
}

// count notes a Get (hit false) or a hit on rawURL's host.
func (r *ReadThrough) count(rawURL string, hit bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !hit {
		r.gets++
		return
	}
	if r.hits == nil {
		r.hits = map[string]int{}
	}
	r.hits[hostOf(rawURL)]++
}

// hostOf is the lower-case host (with port, if any) of rawURL, or "" when it
// does not parse.
func hostOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}

func (r *ReadThrough) now() time.Time {
	if r.Now != nil {
		return r.Now()
	}
	return time.Now()
}

func (r *ReadThrough) maxAge() time.Duration {
	if r.MaxAge > 0 {
		return r.MaxAge
	}
	return DefaultMaxAge
}

func (r *ReadThrough) negativeMaxAge() time.Duration {
	if r.NegativeMaxAge > 0 {
		return r.NegativeMaxAge
	}
	return DefaultNegativeMaxAge
}

// Key is the cache key of a URL: the URL without its secret query
// parameters, so that API keys and addresses never reach the database and a
// changed key does not invalidate the cache.
func Key(rawURL string) string { return fetch.WithoutSecrets(rawURL) }
