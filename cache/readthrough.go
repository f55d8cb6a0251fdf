package cache

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/mattn/go-sqlite3"

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
	// Logger receives the warnings about a cache that cannot be read or
	// written (each said once per run); nil discards them.
	Logger *slog.Logger

	mu   sync.Mutex
	gets int
	hits map[string]int
	// mem holds the answers this run could not write (a full disk), so
	// that they are not fetched twice; see keep.
	mem map[string]*fetch.Response
	// readErrs and writeErrs count the store's failures; the first of each
	// is logged.
	readErrs, writeErrs int
}

// Get answers req. See the package doc for the policy. Errors from Next are
// returned as Next gave them (so errors.As finds *fetch.StatusError); a
// replayed negative answer is a *fetch.StatusError for req.URL with the stored
// status. A store that cannot be read (a corrupt page or row) is a miss: the
// answer is fetched and written over it. A store that cannot be written (a
// full disk) does not lose the answer: it is returned, and kept in memory
// for the rest of the run. Each kind of failure is logged once (Logger) and
// counted (Problems).
func (r *ReadThrough) Get(ctx context.Context, req fetch.Request) (*fetch.Response, error) {
	r.count(req.URL, false)
	now := r.now()
	key := Key(req.URL)
	if resp := r.kept(key); resp != nil {
		r.count(req.URL, true)
		return resp, nil
	}
	c, err := r.Store.Response(ctx, key)
	if err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		// A corrupt page or row: a miss. The answer is fetched again and
		// written over it.
		r.readFailed(err)
		c = nil
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
				if ctx.Err() != nil {
					return nil, err
				}
				r.keep(key, resp, err)
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
		if perr := r.Store.PutNegative(ctx, key, se.Status, now); perr != nil && ctx.Err() == nil {
			r.writeFailed(perr)
		}
	}
	return nil, err
}

// notModified handles a 304 to a conditional request: the copy's age is
// refreshed (with any new validators) and the cached body is returned.
func (r *ReadThrough) notModified(ctx context.Context, c *Cached, resp *fetch.Response, now time.Time) (*fetch.Response, error) {
	etag, lastMod := resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	if err := r.Store.Touch(ctx, c.Resp.URL, now, etag, lastMod); err != nil {
		if ctx.Err() != nil {
			return nil, err
		}
		r.writeFailed(err)
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

// Problems returns how many reads of the store failed (each one served as
// a miss) and how many writes failed (each answer kept in memory instead).
func (r *ReadThrough) Problems() (readErrors, writeErrors int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.readErrs, r.writeErrs
}

// readFailed counts a failed read of the store, logging the first.
func (r *ReadThrough) readFailed(err error) {
	r.mu.Lock()
	r.readErrs++
	first := r.readErrs == 1
	r.mu.Unlock()
	if first {
		r.logger().Warn("cache: a cached answer cannot be read; fetching it again (further read errors are not reported; "+
			"run \"paperlist cache check\", then \"paperlist cache repair\")", "cache", r.Store.Path(), "err", err)
	}
}

// writeFailed counts a failed write of the store, logging the first.
func (r *ReadThrough) writeFailed(err error) {
	r.mu.Lock()
	r.writeErrs++
	first := r.writeErrs == 1
	r.mu.Unlock()
	if !first {
		return
	}
	why := "disk full?"
	if corrupt(err) {
		why = "damaged; run \"paperlist cache repair\""
	}
	r.logger().Warn("cache: cannot write ("+why+"); keeping this run's answers in memory, the next run fetches them again "+
		"(further write errors are not reported)", "cache", r.Store.Path(), "err", err)
}

// corrupt reports whether err is SQLite saying the file is damaged.
func corrupt(err error) bool {
	var se sqlite3.Error
	return errors.As(err, &se) && (se.Code == sqlite3.ErrCorrupt || se.Code == sqlite3.ErrNotADB)
}

// keep holds an answer the store could not write, for the rest of the run.
func (r *ReadThrough) keep(key string, resp *fetch.Response, err error) {
	r.writeFailed(err)
	c := *resp
	c.FromCache = true
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.mem == nil {
		r.mem = map[string]*fetch.Response{}
	}
	r.mem[key] = &c
}

// kept returns the answer keep holds for key, or nil.
func (r *ReadThrough) kept(key string) *fetch.Response {
	r.mu.Lock()
	defer r.mu.Unlock()
	c, ok := r.mem[key]
	if !ok {
		return nil
	}
	out := *c
	out.Header = c.Header.Clone()
	return &out
}

func (r *ReadThrough) logger() *slog.Logger {
	if r.Logger != nil {
		return r.Logger
	}
	return slog.New(slog.DiscardHandler)
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

// hostOf is the host rawURL is counted by in the client's Stats.
func hostOf(rawURL string) string { return fetch.HostOf(rawURL) }

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
