package fetch

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/net/idna"
	"golang.org/x/time/rate"
)

// host is the politeness state of one host:port: its limiter, its in-flight
// slots and its counters.
type host struct {
	lim   *rate.Limiter
	slots chan struct{} // a token is held while a request is on the wire
	stats HostStats     // guarded by hosts.mu

	// With a burst of 1, consecutive sends are also kept interval apart by
	// the clock: the limiter spaces its reservations, but a timer that fires
	// late lets the next request follow closer than 1/rate on the wire.
	interval time.Duration // guarded by mu (robots.txt Crawl-delay can raise it)
	gate     chan struct{} // one token, held while waiting for a turn
	last     time.Time     // when the previous request was let go or, later, written; guarded by mu

	mu        sync.Mutex
	notBefore time.Time        // no request before this (a Retry-After speaks for the whole host)
	paused    *HostPausedError // set once: the host is off limits for the rest of the run
	skipped   int              // requests failed at once while paused; guarded by hosts.mu
}

// pauseForRun puts the host off limits for the rest of the run with why, and
// reports whether this call did it (the first one does; later ones keep the
// first reason).
func (h *host) pauseForRun(why *HostPausedError) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.paused != nil {
		return false
	}
	h.paused = why
	return true
}

// pausedForRun is the reason the host is off limits, or nil.
func (h *host) pausedForRun() *HostPausedError {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.paused
}

// minInterval is the host's spacing between requests.
func (h *host) minInterval() time.Duration {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.interval > 0 {
		return h.interval
	}
	return time.Duration(float64(time.Second) / float64(h.lim.Limit()))
}

// pause holds every request to the host until t: a 429 or 503 with
// Retry-After asks the client, not one URL, to wait.
func (h *host) pause(t time.Time) {
	h.mu.Lock()
	if t.After(h.notBefore) {
		h.notBefore = t
	}
	h.mu.Unlock()
}

// slowTo lowers the host's rate to one request per d (robots.txt
// Crawl-delay); it never raises it.
func (h *host) slowTo(d time.Duration) {
	if d <= 0 || rate.Every(d) >= h.lim.Limit() {
		return
	}
	h.lim.SetLimit(rate.Every(d))
	h.mu.Lock()
	if d > h.interval {
		h.interval = d
	}
	h.mu.Unlock()
}

// wait blocks until a request may be sent to the host: its turn on the
// limiter, then the minimum interval since the previous send.
func (h *host) wait(ctx context.Context) error {
	if err := h.lim.Wait(ctx); err != nil {
		return err
	}
	h.mu.Lock()
	interval, notBefore := h.interval, h.notBefore
	h.mu.Unlock()
	if err := sleep(ctx, time.Until(notBefore)); err != nil {
		return err
	}
	if interval <= 0 {
		return nil
	}
	select {
	case h.gate <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	defer func() { <-h.gate }()
	// The previous request may still be on its way (a new connection's
	// handshake), and wrote moves last when it reaches the wire.
	for {
		h.mu.Lock()
		d := interval - time.Since(h.last)
		h.mu.Unlock()
		if d <= 0 {
			break
		}
		if err := sleep(ctx, d); err != nil {
			return err
		}
	}
	h.mu.Lock()
	h.last = time.Now()
	h.mu.Unlock()
	return nil
}

// wrote notes that a request reached the wire at t: the next one is spaced
// from then, not from when this one was let go, so that a server (or a
// proxy in between) never sees two requests closer than the interval, even
// when this one waited for a dial and a TLS handshake.
func (h *host) wrote(t time.Time) {
	h.mu.Lock()
	if t.After(h.last) {
		h.last = t
	}
	h.mu.Unlock()
}

// hosts holds the per-host state, created on first use.
type hosts struct {
	cfg *Config
	mu  sync.Mutex
	m   map[string]*host
}

func newHosts(cfg *Config) *hosts {
	return &hosts{cfg: cfg, m: make(map[string]*host)}
}

// hostKey is the key politeness is counted by: the lower-case host with its
// port, the scheme's default port left out, an internationalized name in its
// ASCII (punycode) form, so that bücher.example and xn--bcher-kva.example
// are one host. Two test servers on 127.0.0.1 with different ports are two
// hosts.
func hostKey(u *url.URL) string {
	h := asciiHost(strings.ToLower(u.Host))
	switch {
	case u.Scheme == "http" && strings.HasSuffix(h, ":80"):
		h = strings.TrimSuffix(h, ":80")
	case u.Scheme == "https" && strings.HasSuffix(h, ":443"):
		h = strings.TrimSuffix(h, ":443")
	}
	return h
}

// HostOf is the key the client counts rawURL's host by in Stats: see
// hostKey. It is "" when rawURL does not parse.
func HostOf(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return ""
	}
	return hostKey(u)
}

// asciiHost converts the name in hostport ("host", "host:port", "[v6]:port")
// to its IDNA ASCII form; a name that is already ASCII, or that IDNA
// rejects, is returned as it is.
func asciiHost(hostport string) string {
	if isASCII(hostport) {
		return hostport
	}
	name, port := hostport, ""
	if i := strings.LastIndexByte(hostport, ':'); i >= 0 && !strings.Contains(hostport[i:], "]") {
		name, port = hostport[:i], hostport[i:]
	}
	a, err := idna.Lookup.ToASCII(name)
	if err != nil {
		return hostport
	}
	return a + port
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// asciiKeys returns m with its host keys in their ASCII form (see hostKey).
func asciiKeys[V any](m map[string]V) map[string]V {
	if m == nil {
		return nil
	}
	out := make(map[string]V, len(m))
	for k, v := range m {
		out[asciiHost(strings.ToLower(k))] = v
	}
	return out
}

// get returns the state of host key, creating it with the configured limits.
func (hs *hosts) get(key string) *host {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	if h, ok := hs.m[key]; ok {
		return h
	}
	r := lookupHost(hs.cfg.HostRates, key, hs.cfg.DefaultRate)
	n := lookupHost(hs.cfg.HostMaxInFlight, key, hs.cfg.MaxInFlight)
	if n <= 0 {
		n = 1
	}
	burst := hs.cfg.DefaultBurst
	h := &host{
		lim:   rate.NewLimiter(r, burst),
		slots: make(chan struct{}, n),
		gate:  make(chan struct{}, 1),
	}
	if burst == 1 && r > 0 && r != rate.Inf {
		h.interval = time.Duration(float64(time.Second) / float64(r))
	}
	hs.m[key] = h
	return h
}

// lookupHost finds key ("host:port" or "host") in m, then the bare host name.
func lookupHost[V any](m map[string]V, key string, def V) V {
	if v, ok := m[key]; ok {
		return v
	}
	if i := strings.LastIndexByte(key, ':'); i > 0 && !strings.HasSuffix(key, "]") {
		if v, ok := m[key[:i]]; ok {
			return v
		}
	}
	return def
}

// count applies f to the counters of host key.
func (hs *hosts) count(key string, f func(*HostStats)) {
	h := hs.get(key)
	hs.mu.Lock()
	f(&h.stats)
	hs.mu.Unlock()
}

// skip counts a request not made because host key is paused.
func (hs *hosts) skip(key string) {
	h := hs.get(key)
	hs.mu.Lock()
	h.skipped++
	hs.mu.Unlock()
}

// snapshot copies the counters of every host seen.
func (hs *hosts) snapshot() map[string]HostStats {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	out := make(map[string]HostStats, len(hs.m))
	for k, h := range hs.m {
		st := h.stats
		if p := h.pausedForRun(); p != nil {
			st.Paused = &HostPause{Status: p.Status, RetryAfter: p.RetryAfter, Skipped: h.skipped}
		}
		out[k] = st
	}
	return out
}

// sleep waits d (nothing when d <= 0), or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
