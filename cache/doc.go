// Package cache keeps what paperlist fetched, and what it extracted, in one
// SQLite file, so that a second run over the same reading list makes (almost)
// no requests and a run can go on offline.
//
// # Store
//
// A Store is one SQLite database (by default DefaultPath) in WAL mode. It
// holds three tables:
//
//   - responses: one row per requested URL: status, the kept response headers
//     as JSON (response headers only, filtered to fetch.KeptHeaders: request
//     headers such as API keys are never written), the body, its ETag and
//     Last-Modified validators, when the network last confirmed it, and
//     whether the row is a negative answer (a cached 404 or 410).
//   - records: what was extracted for an entry, as opaque JSON, by key.
//   - runs: one row per run with request and hit counters, for `cache stats`.
//
// Open takes an exclusive advisory lock on the file (path + ".lock"), so two
// paperlist runs never write the same cache at once; the second gets an error
// wrapping ErrLocked. A read-only Store (Options.ReadOnly) takes no lock and can
// read while a run is writing. Every write is one SQLite transaction, so a run
// killed at any moment (even by SIGKILL) leaves a consistent file in which each
// row is either complete or absent.
//
// # Read-through policy
//
// ReadThrough puts the Store in front of a Fetcher (the HTTP client):
//
//   - A fresh copy (younger than MaxAge, 30 days by default) is returned with
//     FromCache set and no request is made. That is a cache hit.
//   - A stale copy, or any copy when Refresh is set, is revalidated with a
//     conditional request carrying the copy's ETag and Last-Modified. A 304
//     refreshes the copy's age (the body is not downloaded again) and the
//     cached body is returned with FetchedAt set to now and FromCache set.
//     A 2xx replaces the copy and is returned as the network gave it.
//   - If revalidation fails for any reason (network error, 5xx, 429, a block
//     page, even a 404), the good cached copy is returned with Stale set and
//     StaleReason holding the error text. A good copy is never replaced or
//     deleted by a failure.
//   - With no cached copy, a failure is returned as the error. Only a
//     definitive *fetch.StatusError (404, 410) is remembered, as a negative
//     answer, for NegativeMaxAge (24 hours by default); while it is fresh the
//     same *fetch.StatusError is returned without a request. Transient
//     failures (429, 5xx, timeouts, fetch.ErrBlocked) are never stored.
//   - Only 2xx bodies are stored as answers.
//   - Offline never calls the Fetcher: a cached copy of any age is returned
//     (a negative one as its *fetch.StatusError), and a URL with no copy fails
//     with an error wrapping fetch.ErrOffline.
//
// A damaged store never fails a request. A read error (SQLite's "database
// disk image is malformed", a row that does not decode) is a miss: the answer
// is fetched again and written over the bad row. A write error (a full disk)
// keeps the fetched answer in memory for the rest of the run. Each is
// reported once per run; Check runs SQLite's integrity checks and Repair
// rebuilds the file from the rows that can still be read.
//
// The Store also keeps each origin's last robots.txt (a fetch.RobotsStore),
// so that a robots.txt that cannot be read falls back on the earlier copy.
//
// The cache key is the request URL exactly as given; callers that put secrets
// in a URL's query string would find them on disk, so they should not.
package cache
