package fetch

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// getState is the bookkeeping of one Get across its attempts. It travels in
// the request context; retryablehttp calls the hooks below one at a time
// from the goroutine running Do.
type getState struct {
	url       string // as asked
	key       string // hostKey of url
	attempts  int
	quotaWait time.Duration // a GitHub quota reset to wait for, once
	quotaUsed bool
}

type stateKey struct{}

func stateOf(ctx context.Context) *getState {
	st, _ := ctx.Value(stateKey{}).(*getState)
	return st
}

// requestLogHook runs before every attempt: it counts attempts and retries.
func (c *Client) requestLogHook(_ retryablehttp.Logger, req *http.Request, i int) {
	st := stateOf(req.Context())
	if st == nil {
		return
	}
	st.attempts = i + 1
	if i > 0 {
		c.hosts.count(st.key, func(s *HostStats) { s.Retries++ })
		c.cfg.Logger.Debug("fetch: retrying", "url", redact(st.url), "attempt", i+1)
	}
}

// checkRetry is the retry policy. Retried: network errors that may pass
// (timeouts, resets, cut bodies, refused connections), 429 and 5xx except
// 501. Not retried: other statuses, block pages, refused targets, oversize
// bodies, unknown hosts, certificate errors. A 429 or 503 asking (by
// Retry-After) for more than MaxRetryWait, and an exhausted GitHub quota
// that resets later than that, end the request with ErrRateLimited; a quota
// that resets sooner is waited for once.
func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if err != nil {
		return retryableError(err), nil
	}
	st := stateOf(ctx)
	rawURL := resp.Request.URL.String()
	if st != nil {
		rawURL = st.url
	}
	if c.quotaExhausted(resp) {
		wait, reset := c.quotaReset(resp)
		if wait > c.cfg.MaxRetryWait {
			c.pauseHost(resp, wait)
		}
		if st == nil || st.quotaUsed || wait > c.cfg.MaxRetryWait {
			return false, newFetchError(rawURL, ErrRateLimited, fmt.Sprintf(
				"%s: HTTP %d, API quota exhausted until %s (in %s)",
				ErrRateLimited, resp.StatusCode, reset.UTC().Format(time.RFC3339), wait.Round(time.Second)))
		}
		st.quotaUsed, st.quotaWait = true, wait
		return true, nil
	}
	switch code := resp.StatusCode; {
	case code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable:
		if d, ok := retryAfter(resp, c.cfg.Now()); ok && d > c.cfg.MaxRetryWait {
			c.pauseHost(resp, d)
			return false, newFetchError(rawURL, ErrRateLimited, fmt.Sprintf(
				"%s: HTTP %d, server asks to wait %s, more than the %s we wait; host %s paused for the rest of the run",
				ErrRateLimited, code, d, c.cfg.MaxRetryWait, hostKey(resp.Request.URL)))
		}
		return true, nil
	case code >= 500 && code != http.StatusNotImplemented:
		return true, nil
	}
	return false, nil
}

// pauseHost puts resp's host off limits for the rest of the run: it asked
// for a wait of d, longer than MaxRetryWait. The first pause of a host is
// logged as a warning; the host's later requests fail with HostPausedError.
func (c *Client) pauseHost(resp *http.Response, d time.Duration) {
	key := hostKey(resp.Request.URL)
	why := &HostPausedError{Host: key, Status: resp.StatusCode, RetryAfter: d}
	if c.hosts.get(key).pauseForRun(why) {
		c.cfg.Logger.Warn("fetch: host paused for the rest of the run: it asks for a longer wait than we make",
			"host", key, "status", resp.StatusCode, "retry_after", d.Round(time.Second), "cap", c.cfg.MaxRetryWait)
	}
}

// errRedirects marks a redirect chain longer than maxRedirects.
var errRedirects = errors.New("too many redirects")

// retryableError reports whether a transport error may pass on a retry.
func retryableError(err error) bool {
	for _, final := range []error{ErrBlocked, ErrTooLarge, ErrTarget, ErrDisallowed, ErrRateLimited, errRedirects, errProxy} {
		if errors.Is(err, final) {
			return false
		}
	}
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return false
	}
	var certErr *tls.CertificateVerificationError
	var unknownAuth x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	if errors.As(err, &certErr) || errors.As(err, &unknownAuth) || errors.As(err, &hostErr) {
		return false
	}
	return true
}

// backoff is the wait before retry n+1: a GitHub quota reset or the
// server's Retry-After when there is one (checkRetry refused those beyond
// the cap), else MinRetryWait*2^n plus up to half again of jitter, capped at
// MaxRetryWait.
func (c *Client) backoff(minWait, maxWait time.Duration, n int, resp *http.Response) time.Duration {
	if resp != nil {
		if st := stateOf(resp.Request.Context()); st != nil && st.quotaWait > 0 {
			w := st.quotaWait
			st.quotaWait = 0
			return min(w, maxWait)
		}
		if code := resp.StatusCode; code == http.StatusTooManyRequests || code == http.StatusServiceUnavailable {
			if d, ok := retryAfter(resp, c.cfg.Now()); ok {
				return min(d, maxWait)
			}
		}
	}
	d := minWait
	for i := 0; i < n && d < maxWait; i++ {
		d *= 2
	}
	d += rand.N(d/2 + 1)
	return min(d, maxWait)
}

// retryAfter parses Retry-After, in seconds or as an HTTP-date relative to
// now. A date in the past means no wait.
func retryAfter(resp *http.Response, now time.Time) (time.Duration, bool) {
	v := strings.TrimSpace(resp.Header.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if s, err := strconv.ParseInt(v, 10, 64); err == nil {
		if s < 0 {
			return 0, false
		}
		return time.Duration(s) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	return max(t.Sub(now), 0), true
}

// quotaExhausted reports a GitHub-style quota answer: 403 or 429 from
// TokenHost with X-RateLimit-Remaining: 0.
func (c *Client) quotaExhausted(resp *http.Response) bool {
	code := resp.StatusCode
	return (code == http.StatusForbidden || code == http.StatusTooManyRequests) &&
		c.isTokenHost(resp.Request.URL) &&
		strings.TrimSpace(resp.Header.Get("X-RateLimit-Remaining")) == "0"
}

// quotaReset reads X-RateLimit-Reset (Unix seconds): how long until the
// quota resets, and when. A missing or unreadable value counts as an hour.
func (c *Client) quotaReset(resp *http.Response) (time.Duration, time.Time) {
	now := c.cfg.Now()
	s, err := strconv.ParseInt(strings.TrimSpace(resp.Header.Get("X-RateLimit-Reset")), 10, 64)
	if err != nil {
		return time.Hour, now.Add(time.Hour)
	}
	reset := time.Unix(s, 0)
	return max(reset.Sub(now), 0), reset
}

// errorHandler turns retryablehttp's final failure into our error: the
// policy's own error, the transport's error, or, when retries ran out on a
// status, a *StatusError naming the attempts.
func (c *Client) errorHandler(resp *http.Response, err error, tries int) (*http.Response, error) {
	if resp != nil {
		resp.Body.Close()
	}
	if err != nil || resp == nil {
		return nil, err
	}
	rawURL := resp.Request.URL.String()
	if st := stateOf(resp.Request.Context()); st != nil {
		rawURL = st.url
	}
	return nil, c.statusError(rawURL, resp, tries)
}

// statusError is the final error for a non-success status.
func (c *Client) statusError(rawURL string, resp *http.Response, attempts int) error {
	se := &StatusError{URL: redact(rawURL), Status: resp.StatusCode, Attempts: attempts}
	if d, ok := retryAfter(resp, c.cfg.Now()); ok {
		se.RetryAfter = d
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		return rateLimitedStatus{se}
	}
	return se
}
