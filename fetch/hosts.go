package fetch

import (
	"net/url"
	"strings"
	"sync"

	"golang.org/x/time/rate"
)

// host is the politeness state of one host:port: its limiter, its in-flight
// slots and its counters.
type host struct {
	lim   *rate.Limiter
	slots chan struct{} // a token is held while a request is on the wire
	stats HostStats     // guarded by hosts.mu
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
// port, the scheme's default port left out. Two test servers on 127.0.0.1
// with different ports are two hosts.
func hostKey(u *url.URL) string {
	h := strings.ToLower(u.Host)
	switch {
	case u.Scheme == "http" && strings.HasSuffix(h, ":80"):
		h = strings.TrimSuffix(h, ":80")
	case u.Scheme == "https" && strings.HasSuffix(h, ":443"):
		h = strings.TrimSuffix(h, ":443")
	}
	return h
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

// snapshot copies the counters of every host seen.
func (hs *hosts) snapshot() map[string]HostStats {
	hs.mu.Lock()
	defer hs.mu.Unlock()
	out := make(map[string]HostStats, len(hs.m))
	for k, h := range hs.m {
		out[k] = h.stats
	}
	return out
}
