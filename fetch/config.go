package fetch

import (
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"golang.org/x/time/rate"
)

// Config sets the client's identity and politeness limits. The zero value of
// every field means its documented default.
type Config struct {
	// UserAgent is the full User-Agent, sent with every request. The command
	// builds it as "paperlist/<version> (+<url>; mailto:<addr>)".
	UserAgent string
	// DefaultRate is the request rate allowed per host; default 1 per second.
	DefaultRate rate.Limit
	// DefaultBurst is the limiter's burst per host; default 1.
	DefaultBurst int
	// HostRates overrides DefaultRate for a host, keyed by host name or by
	// host:port ("api.crossref.org": 10).
	HostRates map[string]rate.Limit
	// MaxInFlight caps the concurrent requests per host; default 1.
	MaxInFlight int
	// HostMaxInFlight overrides MaxInFlight for a host (same keys as HostRates).
	HostMaxInFlight map[string]int
	// Timeout bounds one attempt, from sending the request to the end of the
	// body (the wait for a slot and for the limiter is not counted); default 30s.
	Timeout time.Duration
	// MaxBody caps the decoded body size; default 20 MiB.
	MaxBody int64
	// MaxRetries is the number of attempts after the first; default 4. A
	// negative value means no retries.
	MaxRetries int
	// MaxRetryWait caps one wait between attempts; default 60s. A server that
	// asks for a longer wait (Retry-After, or a GitHub quota reset) is not
	// retried: the request fails with ErrRateLimited.
	MaxRetryWait time.Duration
	// MinRetryWait is the base of the exponential backoff; default 1s.
	MinRetryWait time.Duration
	// GitHubToken is sent as "Authorization: Bearer <token>", only to
	// TokenHost and only over https.
	GitHubToken string
	// TokenHost is the host (host or host:port) the token is for; default
	// "api.github.com".
	TokenHost string
	// AllowPrivateHosts lets link targets resolve to loopback, private and
	// link-local addresses. Scheme and credential checks apply regardless.
	AllowPrivateHosts bool
	// RobotsStore keeps each origin's last robots.txt across runs; when
	// robots.txt cannot be read, the stored copy is obeyed. nil: none.
	RobotsStore RobotsStore
	// RobotsRetry is how long a host whose robots.txt cannot be read (and
	// has no stored copy) is treated as disallowing everything before
	// robots.txt is asked for again; default DefaultRobotsRetry.
	RobotsRetry time.Duration
	// IgnoreRobots skips robots.txt. For tests only.
	IgnoreRobots bool
	// Transport is the base transport. nil means a clone of
	// http.DefaultTransport, which keeps the proxy from the environment and
	// the system roots (SSL_CERT_FILE included).
	Transport http.RoundTripper
	// Proxy, when set, replaces the proxy function of the default
	// transport (see ProxyFromEnv); it is not used with a Transport.
	Proxy func(*http.Request) (*url.URL, error)
	// Logger receives debug and warning logs; nil discards them. Logs name
	// URLs (secrets redacted), never headers.
	Logger *slog.Logger
	// Now is the clock, used for Retry-After and X-RateLimit-Reset dates and
	// for Response.FetchedAt; nil means time.Now.
	Now func() time.Time
}

// Defaults applied by New.
const (
	DefaultTimeout      = 30 * time.Second
	DefaultMaxBody      = 20 << 20
	DefaultMaxRetries   = 4
	DefaultMaxRetryWait = 60 * time.Second
	DefaultMinRetryWait = time.Second
	DefaultTokenHost    = "api.github.com"
)

// withDefaults returns cfg with every zero field set to its default.
func (cfg Config) withDefaults() Config {
	if cfg.DefaultRate <= 0 {
		cfg.DefaultRate = 1
	}
	// Host keys compare in their ASCII form (see hostKey).
	cfg.HostRates = asciiKeys(cfg.HostRates)
	cfg.HostMaxInFlight = asciiKeys(cfg.HostMaxInFlight)
	if cfg.DefaultBurst <= 0 {
		cfg.DefaultBurst = 1
	}
	if cfg.MaxInFlight <= 0 {
		cfg.MaxInFlight = 1
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.MaxBody <= 0 {
		cfg.MaxBody = DefaultMaxBody
	}
	switch {
	case cfg.MaxRetries == 0:
		cfg.MaxRetries = DefaultMaxRetries
	case cfg.MaxRetries < 0:
		cfg.MaxRetries = 0
	}
	if cfg.MaxRetryWait <= 0 {
		cfg.MaxRetryWait = DefaultMaxRetryWait
	}
	if cfg.MinRetryWait <= 0 {
		cfg.MinRetryWait = DefaultMinRetryWait
	}
	if cfg.MinRetryWait > cfg.MaxRetryWait {
		cfg.MinRetryWait = cfg.MaxRetryWait
	}
	if cfg.RobotsRetry <= 0 {
		cfg.RobotsRetry = DefaultRobotsRetry
	}
	if cfg.TokenHost == "" {
		cfg.TokenHost = DefaultTokenHost
	}
	if cfg.Transport == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		if cfg.Proxy != nil {
			t.Proxy = cfg.Proxy
		}
		cfg.Transport = t
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return cfg
}
