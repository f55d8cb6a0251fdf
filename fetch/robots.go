package fetch

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"
	"time"

	"github.com/temoto/robotstxt"
)

// robotsAgent is the product token robots.txt rules are matched against.
const robotsAgent = "paperlist"

// maxRobotsBody caps robots.txt (RFC 9309 asks parsers to read at least
// 500 KiB).
const maxRobotsBody = 512 << 10

// DefaultRobotsRetry is how long a host whose robots.txt stays unreachable
// (after retries, with no copy in the RobotsStore) is treated as disallowing
// everything before robots.txt is asked for again.
const DefaultRobotsRetry = 5 * time.Minute

// RobotsStore keeps the last robots.txt read from each origin, across runs,
// so that a robots.txt that cannot be read today falls back on the one read
// before (RFC 9309, 2.3.1.4). The cache's Store satisfies it.
type RobotsStore interface {
	// LoadRobots returns the stored robots.txt for robotsURL; ok is false
	// when none is stored.
	LoadRobots(ctx context.Context, robotsURL string) (body []byte, ok bool, err error)
	// SaveRobots stores body as robotsURL's robots.txt, read at at.
	SaveRobots(ctx context.Context, robotsURL string, body []byte, at time.Time) error
}

// robotsEntry is the robots.txt verdict for one origin. lock is a one-token
// semaphore held by whoever fetches, so that concurrent first requests wait
// for the one fetch (and can give up waiting when their context ends).
type robotsEntry struct {
	lock  chan struct{}
	done  bool
	data  *robotstxt.RobotsData // nil with done: unavailable until until
	why   string                // why it is unavailable
	until time.Time             // when an unavailable robots.txt is asked for again
}

// robotsCache maps "scheme://host:port" to its entry.
type robotsCache struct {
	mu sync.Mutex
	m  map[string]*robotsEntry
}

func (rc *robotsCache) entry(origin string) *robotsEntry {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if rc.m == nil {
		rc.m = make(map[string]*robotsEntry)
	}
	e, ok := rc.m[origin]
	if !ok {
		e = &robotsEntry{lock: make(chan struct{}, 1)}
		rc.m[origin] = e
	}
	return e
}

// checkRobots returns an error wrapping ErrDisallowed when robots.txt of u's
// origin disallows u for "paperlist", or when it cannot be read and no
// earlier copy is stored: then the host is treated as disallowing
// everything for RobotsRetry, after which robots.txt is asked for again.
// A robots.txt answered with a 4xx allows everything.
func (c *Client) checkRobots(ctx context.Context, u *url.URL) error {
	if c.cfg.IgnoreRobots {
		return nil
	}
	origin := u.Scheme + "://" + hostKey(u)
	e := c.robots.entry(origin)
	select {
	case e.lock <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-e.lock }()
	if !e.done || (e.data == nil && !c.cfg.Now().Before(e.until)) {
		data, why, err := c.readRobots(ctx, origin)
		if err != nil {
			return err // the caller's context ended: leave it for the next one
		}
		e.data, e.why, e.done = data, why, true
		if data == nil {
			e.until = c.cfg.Now().Add(c.cfg.RobotsRetry)
		}
		if data != nil {
			c.crawlDelay(u, data)
		}
	}
	if e.data == nil {
		return newFetchError(u.String(), ErrDisallowed,
			fmt.Sprintf("robots.txt unavailable (%s); not fetching from %s until %s",
				e.why, hostKey(u), e.until.UTC().Format(time.TimeOnly)))
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	if u.RawQuery != "" {
		path += "?" + u.RawQuery
	}
	if !e.data.TestAgent(path, robotsAgent) {
		return newFetchError(u.String(), ErrDisallowed, ErrDisallowed.Error())
	}
	return nil
}

// crawlDelay slows u's host to the Crawl-delay data asks of paperlist.
func (c *Client) crawlDelay(u *url.URL, data *robotstxt.RobotsData) {
	g := data.FindGroup(robotsAgent)
	if g == nil || g.CrawlDelay <= 0 {
		return
	}
	d := g.CrawlDelay
	if d > c.cfg.MaxRetryWait {
		// An unattended run must end: a delay of an hour per request is
		// capped, and said so.
		c.cfg.Logger.Warn("fetch: robots.txt crawl delay capped", "host", hostKey(u), "asked", g.CrawlDelay, "used", c.cfg.MaxRetryWait)
		d = c.cfg.MaxRetryWait
	}
	c.cfg.Logger.Info("fetch: robots.txt asks for a crawl delay", "host", hostKey(u), "delay", d)
	c.hosts.get(hostKey(u)).slowTo(d)
}

// readRobots returns origin's robots.txt verdict: fetched (transient
// failures retried like any request), else the copy in the RobotsStore,
// else nil data and why it is unavailable. The error is only ctx's.
func (c *Client) readRobots(ctx context.Context, origin string) (*robotstxt.RobotsData, string, error) {
	robotsURL := origin + "/robots.txt"
	data, why, err := c.fetchRobots(ctx, robotsURL)
	if err != nil || data != nil {
		return data, why, err
	}
	if c.cfg.RobotsStore != nil {
		body, ok, err := c.cfg.RobotsStore.LoadRobots(ctx, robotsURL)
		if err != nil {
			c.cfg.Logger.Warn("fetch: cannot read the stored robots.txt", "url", robotsURL, "error", err)
		}
		if ok {
			if data, err := robotstxt.FromBytes(body); err == nil {
				c.cfg.Logger.Warn("fetch: robots.txt unavailable; using the copy read on an earlier run", "url", robotsURL, "why", why)
				return data, "", nil
			}
		}
	}
	c.cfg.Logger.Warn("fetch: robots.txt unavailable; host treated as disallowing everything for a while",
		"url", robotsURL, "why", why, "retry_in", c.cfg.RobotsRetry)
	return nil, why, nil
}

// fetchRobots fetches and parses robotsURL through the polite transport
// (redirects followed and checked). Network failures, cut bodies, 429 and
// 5xx are retried with the client's backoff, up to MaxRetries times. It
// returns nil data and a reason when the file stays unavailable, and an
// error only when ctx ended. A 2xx or 4xx answer is saved to the
// RobotsStore (a 4xx as an empty file: it allows everything).
func (c *Client) fetchRobots(ctx context.Context, robotsURL string) (*robotstxt.RobotsData, string, error) {
	var why string
	for n := 0; ; n++ {
		body, resp, err := c.robotsAttempt(ctx, robotsURL)
		if ctx.Err() != nil {
			return nil, "", ctx.Err()
		}
		transient := false
		switch {
		case err != nil:
			why = causeOf(robotsURL, err, c.cfg.Timeout)
			transient = retryableError(err)
		case resp.StatusCode >= 200 && resp.StatusCode < 300:
			c.saveRobots(ctx, robotsURL, body)
			data, err := robotstxt.FromBytes(body)
			if err != nil {
				c.cfg.Logger.Warn("fetch: robots.txt unparsable, treated as allowing all", "url", robotsURL, "error", err)
				return allowAll(), "", nil
			}
			return data, "", nil
		case resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500:
			why = fmt.Sprintf("HTTP %d", resp.StatusCode)
			d, ok := retryAfter(resp, c.cfg.Now())
			transient = !ok || d <= c.cfg.MaxRetryWait
		default: // 4xx: no robots.txt, no restriction
			c.saveRobots(ctx, robotsURL, nil)
			return allowAll(), "", nil
		}
		if !transient || n >= c.cfg.MaxRetries {
			if n > 0 {
				why = fmt.Sprintf("%s, giving up after %d attempts", why, n+1)
			}
			return nil, why, nil
		}
		c.cfg.Logger.Debug("fetch: retrying robots.txt", "url", robotsURL, "why", why, "attempt", n+2)
		if err := sleep(ctx, c.backoff(c.cfg.MinRetryWait, c.cfg.MaxRetryWait, n, resp)); err != nil {
			return nil, "", err
		}
	}
}

// robotsAttempt makes one GET of robotsURL. The response's body is already
// read (and closed); it is returned as body.
func (c *Client) robotsAttempt(ctx context.Context, robotsURL string) ([]byte, *http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, robotsURL, nil)
	if err != nil {
		return nil, nil, newFetchError(robotsURL, ErrTarget, err.Error())
	}
	req.Header.Set("Accept", "text/plain, */*;q=0.5")
	hc := &http.Client{
		Transport: &politeTransport{c: c, base: c.cfg.Transport, maxBody: maxRobotsBody},
		CheckRedirect: func(r *http.Request, via []*http.Request) error {
			if len(via) > maxRedirects {
				return fmt.Errorf("stopped after %d redirects: %w", maxRedirects, errRedirects)
			}
			return c.checkTarget(r.Context(), r.URL)
		},
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body) // already in memory, under the cap
	if err != nil {
		return nil, nil, err
	}
	return body, resp, nil
}

// saveRobots stores a robots.txt read from the network, when there is a
// RobotsStore; a failure to store is logged, the verdict stands.
func (c *Client) saveRobots(ctx context.Context, robotsURL string, body []byte) {
	if c.cfg.RobotsStore == nil {
		return
	}
	if err := c.cfg.RobotsStore.SaveRobots(ctx, robotsURL, body, c.cfg.Now()); err != nil {
		c.cfg.Logger.Warn("fetch: cannot store robots.txt", "url", robotsURL, "error", err)
	}
}

// causeOf is what describe says of err, without the "GET <url>: " prefix
// (the robots.txt verdict is quoted inside another URL's error).
func causeOf(rawURL string, err error, timeout time.Duration) string {
	msg := describe(rawURL, err, timeout).Error()
	prefix := "GET " + redact(rawURL) + ": "
	if len(msg) > len(prefix) && msg[:len(prefix)] == prefix {
		return msg[len(prefix):]
	}
	return msg
}

// allowAll is a robots.txt verdict that allows everything.
func allowAll() *robotstxt.RobotsData {
	data, _ := robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
	return data
}
