package fetch

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"strconv"
	"sync/atomic"
	"time"
)

// politeTransport is the innermost layer: for every attempt on the wire it
// takes the host's in-flight slot, waits its turn on the host's limiter,
// sends the request with the User-Agent (and the token, for TokenHost),
// reads the whole body under the size cap and the attempt timeout, and only
// then gives the slot back. The response it returns has its body in memory.
type politeTransport struct {
	c       *Client
	base    http.RoundTripper
	maxBody int64 // the body cap
}

func (t *politeTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	key := hostKey(req.URL)
	h := t.c.hosts.get(key)

	select {
	case h.slots <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-h.slots }()
	if err := h.wait(ctx); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, newFetchError(req.URL.String(), err, "rate limiter: "+err.Error())
	}
	// The host may have been paused while this attempt waited its turn.
	if err := t.c.checkPaused(key, req.URL.String()); err != nil {
		return nil, err
	}

	actx, cancel := context.WithTimeout(ctx, t.c.cfg.Timeout)
	defer cancel()
	// Go's transport silently resends an idempotent request on a new
	// connection when a reused one dies before answering. Such a resend is
	// an attempt like any other: it waits its turn and is counted.
	conns := 0
	// The next request to the host is spaced from when this one reached
	// the wire, not from when it was let go: written to a reused
	// connection, or, on a new one, answered (a server may finish the TLS
	// handshake, and a proxy open its tunnel, after the client has written).
	var fresh atomic.Bool
	trace := &httptrace.ClientTrace{
		GotConn:      func(info httptrace.GotConnInfo) { fresh.Store(!info.Reused) },
		WroteRequest: func(httptrace.WroteRequestInfo) { h.wrote(time.Now()) },
		GotFirstResponseByte: func() {
			if fresh.Load() {
				h.wrote(time.Now())
			}
		},
	}
	trace.GetConn = func(string) {
		conns++
		if conns == 1 {
			return
		}
		t.c.hosts.count(key, func(s *HostStats) { s.Requests++ })
		// Over http:// the resend is HTTP/1 and this hook runs in the
		// request's goroutine: it may wait. Over https the connection may be
		// HTTP/2, whose pool calls the hook under a lock shared by every
		// host, so there the resend is only counted and pushes the host's
		// next request back.
		if req.URL.Scheme == "http" {
			h.wait(actx) //nolint:errcheck // a cancelled wait fails the dial that follows
		} else {
			h.pause(time.Now().Add(h.minInterval()))
		}
	}
	out := req.Clone(httptrace.WithClientTrace(actx, trace))
	out.Header.Set("User-Agent", t.c.cfg.UserAgent)
	if t.c.cfg.GitHubToken != "" && t.c.isTokenHost(req.URL) {
		out.Header.Set("Authorization", "Bearer "+t.c.cfg.GitHubToken)
	}
	t.c.hosts.count(key, func(s *HostStats) { s.Requests++ })
	t.c.cfg.Logger.Debug("fetch: request", "url", redact(req.URL.String()))

	resp, err := t.base.RoundTrip(out)
	if err != nil {
		return nil, t.attemptError(ctx, actx, req, err)
	}
	body, err := readCapped(resp.Body, t.maxBody)
	resp.Body.Close()
	if errors.Is(err, ErrTooLarge) {
		return nil, newFetchError(req.URL.String(), err,
			fmt.Sprintf("%s (more than %d bytes)", ErrTooLarge, t.maxBody))
	}
	if err != nil {
		return nil, t.attemptError(ctx, actx, req, err)
	}

	if resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable {
		if d, ok := retryAfter(resp, t.c.cfg.Now()); ok && d <= t.c.cfg.MaxRetryWait {
			h.pause(time.Now().Add(d))
		}
	}
	switch resp.StatusCode {
	case http.StatusNotModified:
		t.c.hosts.count(key, func(s *HostStats) { s.NotModified++ })
	case http.StatusTooManyRequests:
		t.c.hosts.count(key, func(s *HostStats) { s.RateLimited++ })
	case http.StatusForbidden:
		if t.c.isTokenHost(req.URL) && resp.Header.Get("X-RateLimit-Remaining") == "0" {
			t.c.hosts.count(key, func(s *HostStats) { s.RateLimited++ })
		}
	}
	if why := blockReason(resp, body, req.Header.Get("Accept")); why != "" {
		return nil, newFetchError(req.URL.String(), ErrBlocked,
			fmt.Sprintf("%s (%s, HTTP %d)", ErrBlocked, why, resp.StatusCode))
	}

	resp.Body = io.NopCloser(bytes.NewReader(body))
	resp.ContentLength = int64(len(body))
	resp.Header.Set("Content-Length", strconv.Itoa(len(body)))
	resp.Uncompressed = true
	return resp, nil
}

// attemptError words a transport failure of one attempt. A deadline of the
// attempt itself (not of the caller) is reported as a timeout naming the
// limit.
func (t *politeTransport) attemptError(ctx, actx context.Context, req *http.Request, err error) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	if perr := t.c.proxyError(req, err); perr != nil {
		return perr
	}
	if errors.Is(actx.Err(), context.DeadlineExceeded) || isTimeout(err) {
		return newFetchError(req.URL.String(), errAttemptTimeout, fmt.Sprintf("timed out after %s", t.c.cfg.Timeout))
	}
	return newFetchError(req.URL.String(), err, causeInWords(err, t.c.cfg.Timeout))
}

// errAttemptTimeout marks an attempt that hit Config.Timeout. It is not
// context.DeadlineExceeded: the caller's context is still alive, and the
// attempt may be retried.
var errAttemptTimeout = errors.New("attempt timed out")

// readCapped reads all of r, failing with ErrTooLarge past max bytes.
func readCapped(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, ErrTooLarge
	}
	return b, nil
}
