package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/hashicorp/go-retryablehttp"
	"golang.org/x/sync/singleflight"
)

// Client makes polite GETs (see the package documentation). It is safe for
// concurrent use; make one per run and share it.
type Client struct {
	cfg    Config
	hosts  *hosts
	robots robotsCache
	retry  *retryablehttp.Client
	flight singleflight.Group
}

// New returns a Client for cfg, zero fields set to their defaults.
//
// The layers, outermost first: singleflight (identical concurrent requests
// are made once), retryablehttp (retry policy and backoff), net/http's
// client (redirects, each hop checked), the polite transport (per-host slot,
// limiter, attempt timeout, body cap, block detection), the base transport.
func New(cfg Config) *Client {
	c := &Client{cfg: cfg.withDefaults()}
	c.hosts = newHosts(&c.cfg)
	hc := &http.Client{
		Transport:     &politeTransport{c: c, base: c.cfg.Transport, maxBody: c.cfg.MaxBody},
		CheckRedirect: c.checkRedirect,
	}
	c.retry = &retryablehttp.Client{
		HTTPClient:     hc,
		Logger:         nil, // we log ourselves, without headers
		RetryWaitMin:   c.cfg.MinRetryWait,
		RetryWaitMax:   c.cfg.MaxRetryWait,
		RetryMax:       c.cfg.MaxRetries,
		RequestLogHook: c.requestLogHook,
		CheckRetry:     c.checkRetry,
		Backoff:        c.backoff,
		ErrorHandler:   c.errorHandler,
	}
	return c
}

// Get makes one polite GET. A 2xx answer is returned with its body; a 304
// to a conditional request is returned as Response{Status: 304} without a
// body and without error. Anything else is an error naming the URL:
// *StatusError for a final status (also matching ErrRateLimited for 429),
// or one wrapping ErrTarget, ErrDisallowed, ErrBlocked, ErrTooLarge,
// ErrRateLimited, or a network failure in words.
//
// Concurrent Gets with the same URL, Accept, headers and validators share
// one request and its answer; Response.Body is then shared and must be
// treated as read-only.
func (c *Client) Get(ctx context.Context, r Request) (*Response, error) {
	u, err := url.Parse(r.URL)
	if err != nil {
		return nil, newFetchError(r.URL, ErrTarget, fmt.Sprintf("%s (malformed URL)", ErrTarget))
	}
	key := flightKey(r)
	for {
		ch := c.flight.DoChan(key, func() (any, error) {
			return c.get(ctx, u, r)
		})
		var res singleflight.Result
		select {
		case res = <-ch:
		case <-ctx.Done():
			return nil, fmt.Errorf("GET %s: %w", redact(r.URL), ctx.Err())
		}
		if res.Err != nil {
			// The shared request belonged to a caller that gave up: ours
			// still wants an answer, so ask again.
			if isContextErr(res.Err) && ctx.Err() == nil {
				continue
			}
			return nil, res.Err
		}
		resp := *res.Val.(*Response)
		resp.Header = resp.Header.Clone()
		return &resp, nil
	}
}

// Stats returns a copy of the per-host counters, keyed by host (with the
// port when it is not the scheme's default).
func (c *Client) Stats() map[string]HostStats {
	return c.hosts.snapshot()
}

// get runs one shared request and counts its failure.
func (c *Client) get(ctx context.Context, u *url.URL, r Request) (*Response, error) {
	st := &getState{url: r.URL, key: hostKey(u)}
	ctx = context.WithValue(ctx, stateKey{}, st)
	resp, err := c.do(ctx, u, r, st)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("GET %s: %w", redact(r.URL), ctx.Err())
		}
		c.hosts.count(st.key, func(s *HostStats) { s.Errors++ })
		c.cfg.Logger.Debug("fetch: failed", "url", redact(r.URL), "error", err.Error())
	}
	return resp, err
}

func (c *Client) do(ctx context.Context, u *url.URL, r Request, st *getState) (*Response, error) {
	if err := c.checkTarget(ctx, u); err != nil {
		return nil, err
	}
	if err := c.checkPaused(st.key, r.URL); err != nil {
		return nil, err
	}
	if err := c.checkRobots(ctx, u); err != nil {
		return nil, err
	}
	hreq, err := retryablehttp.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, newFetchError(r.URL, err, err.Error())
	}
	for k, vs := range r.Header {
		for _, v := range vs {
			hreq.Header.Add(k, v)
		}
	}
	accept := r.Accept
	if accept == "" {
		accept = "*/*"
	}
	hreq.Header.Set("Accept", accept)
	if r.ETag != "" {
		hreq.Header.Set("If-None-Match", r.ETag)
	}
	if r.LastModified != "" {
		hreq.Header.Set("If-Modified-Since", r.LastModified)
	}

	resp, err := c.retry.Do(hreq)
	if err != nil {
		return nil, c.finalError(r.URL, err, st.attempts)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body) // in memory already, under the cap
	if err != nil {
		return nil, describe(r.URL, err, c.cfg.Timeout)
	}
	out := &Response{
		URL:       r.URL,
		FinalURL:  resp.Request.URL.String(),
		Status:    resp.StatusCode,
		Header:    keptHeaders(resp.Header),
		FetchedAt: c.cfg.Now(),
	}
	switch {
	case resp.StatusCode >= 200 && resp.StatusCode < 300:
		out.Body = body
		return out, nil
	case resp.StatusCode == http.StatusNotModified:
		return out, nil
	}
	return nil, c.statusError(r.URL, resp, st.attempts)
}

// checkPaused fails a request to a host paused for the rest of the run
// (see pauseHost) at once, with a *HostPausedError for rawURL.
func (c *Client) checkPaused(key, rawURL string) error {
	p := c.hosts.get(key).pausedForRun()
	if p == nil {
		return nil
	}
	c.hosts.skip(key)
	e := *p
	e.URL = redact(rawURL)
	return &e
}

// PausedHosts returns the hosts paused for the rest of the run, sorted.
func (c *Client) PausedHosts() []string {
	var out []string
	for h, s := range c.Stats() {
		if s.Paused != nil {
			out = append(out, h)
		}
	}
	slices.Sort(out)
	return out
}

// finalError words the error retryablehttp gave up with, adding how many
// attempts were made when there was more than one.
func (c *Client) finalError(rawURL string, err error, attempts int) error {
	var se *StatusError
	if errors.As(err, &se) || isContextErr(err) {
		return err
	}
	var pe *HostPausedError
	if errors.As(err, &pe) {
		return pe
	}
	err = describe(rawURL, err, c.cfg.Timeout)
	var fe *fetchError
	if attempts > 1 && errors.As(err, &fe) {
		return &fetchError{msg: fmt.Sprintf("%s (giving up after %d attempts)", fe.msg, attempts), err: fe.err}
	}
	return err
}

func isContextErr(err error) bool {
	return errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded)
}

// keptHeaders copies the KeptHeaders of h.
func keptHeaders(h http.Header) http.Header {
	out := make(http.Header)
	for _, k := range KeptHeaders {
		if vs := h.Values(k); len(vs) > 0 {
			out[http.CanonicalHeaderKey(k)] = slices.Clone(vs)
		}
	}
	return out
}

// flightKey identifies requests that may share one answer: same URL,
// validators, Accept and extra headers.
func flightKey(r Request) string {
	var b strings.Builder
	b.WriteString(r.URL)
	b.WriteString("\x00" + r.Accept + "\x00" + r.ETag + "\x00" + r.LastModified)
	keys := make([]string, 0, len(r.Header))
	for k := range r.Header {
		keys = append(keys, http.CanonicalHeaderKey(k))
	}
	slices.Sort(keys)
	for _, k := range keys {
		b.WriteString("\x00" + k + ":" + strings.Join(r.Header.Values(k), ","))
	}
	return b.String()
}
