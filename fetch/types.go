package fetch

import (
	"errors"
	"fmt"
	"net/http"
	"time"
)

// Request is one GET the enrichers want made.
type Request struct {
	URL string
	// Accept is the media type the caller expects ("application/json",
	// "text/html", "application/atom+xml"). An HTML answer where JSON or XML
	// was expected is reported as ErrBlocked, never handed back as data.
	Accept string
	// Header holds extra request headers (for example x-api-key). The GitHub
	// token is never passed here: the client adds it for its one host.
	Header http.Header
	// Validators for a conditional request, set by the cache layer.
	ETag         string
	LastModified string
}

// Response is an answer, from the network or from the cache.
type Response struct {
	URL         string      // the URL that was asked for
	FinalURL    string      // after redirects
	Status      int         // 200, or 304 for a conditional request answered "not modified"
	Header      http.Header // selected headers only (see KeptHeaders)
	Body        []byte
	FetchedAt   time.Time // when the network last confirmed this body
	FromCache   bool      // answered without a request
	Stale       bool      // a cached copy handed back because revalidation failed
	StaleReason string    // why revalidation failed, when Stale
}

// KeptHeaders are the response headers worth keeping and storing.
var KeptHeaders = []string{
	"Content-Type", "ETag", "Last-Modified", "Cache-Control", "Location",
	"Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset",
}

// Sentinel errors callers branch on with errors.Is.
var (
	// ErrBlocked: the site answered with a bot challenge or an HTML page
	// where an API answer was expected.
	ErrBlocked = errors.New("blocked by the site")
	// ErrDisallowed: robots.txt disallows the URL for our User-Agent.
	ErrDisallowed = errors.New("disallowed by robots.txt")
	// ErrTarget: the URL's scheme, credentials or address may not be fetched.
	ErrTarget = errors.New("link target not allowed")
	// ErrTooLarge: the body is larger than the configured cap.
	ErrTooLarge = errors.New("response body too large")
	// ErrRateLimited: the host's quota is exhausted for longer than we wait.
	ErrRateLimited = errors.New("rate limited")
	// ErrOffline: the answer is not in the cache and the network may not be used.
	ErrOffline = errors.New("not in cache and running offline")
)

// StatusError is a final non-success HTTP status.
type StatusError struct {
	URL        string
	Status     int
	RetryAfter time.Duration // from Retry-After, when the server sent one
	Attempts   int
}

func (e *StatusError) Error() string {
	text := http.StatusText(e.Status)
	s := fmt.Sprintf("GET %s: HTTP %d %s", e.URL, e.Status, text)
	if e.Attempts > 1 {
		s += fmt.Sprintf(" (giving up after %d attempts)", e.Attempts)
	}
	return s
}

// Definitive reports whether the status says the resource is gone for good
// (404, 410) rather than temporarily unavailable.
func (e *StatusError) Definitive() bool {
	return e.Status == http.StatusNotFound || e.Status == http.StatusGone
}

// HostPausedError is the error of every request to a host that asked (by
// Retry-After on a 429 or 503, or by a GitHub quota reset) for a longer wait
// than MaxRetryWait: the host is paused for the rest of the run and its
// remaining requests fail at once with this error, naming the host and the
// wait it asked for. It matches ErrRateLimited.
type HostPausedError struct {
	URL        string        // the request that failed (redacted)
	Host       string        // the paused host, as counted in Stats
	Status     int           // the answer that paused it (429, 503, or 403 for a quota)
	RetryAfter time.Duration // the wait the host asked for
}

func (e *HostPausedError) Error() string {
	return fmt.Sprintf("GET %s: %s: host %s paused for the rest of the run (HTTP %d asked to wait %s, Retry-After)",
		e.URL, ErrRateLimited, e.Host, e.Status, e.RetryAfter.Round(time.Second))
}

func (e *HostPausedError) Unwrap() error { return ErrRateLimited }

// HostStats counts what happened per host during a run.
type HostStats struct {
	Requests    int `json:"requests"`     // requests sent over the network, retries included
	Retries     int `json:"retries"`      // attempts after the first
	NotModified int `json:"not_modified"` // 304 answers
	RateLimited int `json:"rate_limited"` // 429 answers
	Errors      int `json:"errors"`       // requests that finally failed
	CacheHits   int `json:"cache_hits"`   // answered from the cache (filled by the cache layer)
	// Paused is set when the host asked for a wait longer than
	// MaxRetryWait: its later requests were not made (see HostPausedError).
	Paused *HostPause `json:"paused,omitempty"`
}

// HostPause says why and for how long a host was paused.
type HostPause struct {
	Status     int           `json:"status"`      // the answer that paused it
	RetryAfter time.Duration `json:"retry_after"` // the wait it asked for, in nanoseconds
	Skipped    int           `json:"skipped"`     // requests failed at once since
}
