package fetch

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"sync"

	"github.com/temoto/robotstxt"
)

// robotsAgent is the product token robots.txt rules are matched against.
const robotsAgent = "paperlist"

// maxRobotsBody caps robots.txt (RFC 9309 asks parsers to read at least
// 500 KiB).
const maxRobotsBody = 512 << 10

// robotsEntry is the robots.txt verdict for one origin. lock is a one-token
// semaphore held by whoever fetches, so that concurrent first requests wait
// for the one fetch (and can give up waiting when their context ends).
type robotsEntry struct {
	lock chan struct{}
	done bool
	data *robotstxt.RobotsData // nil with done: unavailable
	why  string                // why it is unavailable
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
// origin disallows u for "paperlist", or when it could not be read (5xx,
// 429, network failure): such a host is not fetched for the rest of the run.
// A robots.txt answered with another 4xx allows everything.
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
	if !e.done {
		data, why, err := c.fetchRobots(ctx, origin)
		if err != nil {
			return err // the caller's context ended: leave it for the next one
		}
		e.data, e.why, e.done = data, why, true
		if data != nil {
			if g := data.FindGroup(robotsAgent); g != nil && g.CrawlDelay > 0 {
				d := g.CrawlDelay
				if d > c.cfg.MaxRetryWait {
					// An unattended run must end: a delay of an hour per
					// request is capped, and said so.
					c.cfg.Logger.Warn("fetch: robots.txt crawl delay capped", "host", hostKey(u), "asked", g.CrawlDelay, "used", c.cfg.MaxRetryWait)
					d = c.cfg.MaxRetryWait
				}
				c.cfg.Logger.Info("fetch: robots.txt asks for a crawl delay", "host", hostKey(u), "delay", d)
				c.hosts.get(hostKey(u)).slowTo(d)
			}
		}
	}
	if e.data == nil {
		return newFetchError(u.String(), ErrDisallowed,
			fmt.Sprintf("robots.txt unavailable (%s); not fetching", e.why))
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

// fetchRobots fetches and parses origin's robots.txt through the polite
// transport (one attempt, redirects followed and checked). It returns nil
// data and a reason when the file is unavailable, and an error only when ctx
// ended.
func (c *Client) fetchRobots(ctx context.Context, origin string) (*robotstxt.RobotsData, string, error) {
	robotsURL := origin + "/robots.txt"
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, robotsURL, nil)
	if err != nil {
		return nil, err.Error(), nil
	}
	req.Header.Set("Accept", "text/plain, */*;q=0.5")
	hc := &http.Client{
		Transport: &politeTransport{c: c, base: c.cfg.Transport, maxBody: maxRobotsBody},
		CheckRedirect: func(r *http.Request, via []*http.Request) error {
			if len(via) > maxRedirects {
				return fmt.Errorf("stopped after %d redirects", maxRedirects)
			}
			return c.checkTarget(r.Context(), r.URL)
		},
	}
	resp, err := hc.Do(req)
	if ctx.Err() != nil {
		return nil, "", ctx.Err()
	}
	if err != nil {
		why := describe(robotsURL, err, c.cfg.Timeout).Error()
		c.cfg.Logger.Warn("fetch: robots.txt unavailable", "url", robotsURL, "error", why)
		return nil, why, nil
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body) // already in memory, under the cap
	if err != nil {
		return nil, err.Error(), nil
	}
	switch st := resp.StatusCode; {
	case st == http.StatusTooManyRequests || st >= 500:
		why := fmt.Sprintf("HTTP %d", st)
		c.cfg.Logger.Warn("fetch: robots.txt unavailable", "url", robotsURL, "status", st)
		return nil, why, nil
	case st >= 200 && st < 300:
		data, err := robotstxt.FromBytes(body)
		if err != nil {
			c.cfg.Logger.Warn("fetch: robots.txt unparsable, treated as allowing all", "url", robotsURL, "error", err)
			return allowAll(), "", nil
		}
		return data, "", nil
	default: // 4xx: no robots.txt, no restriction
		return allowAll(), "", nil
	}
}

// allowAll is a robots.txt verdict that allows everything.
func allowAll() *robotstxt.RobotsData {
	data, _ := robotstxt.FromStatusAndBytes(http.StatusNotFound, nil)
	return data
}
