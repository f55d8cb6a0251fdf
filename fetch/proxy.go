package fetch

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"

	"golang.org/x/net/http/httpproxy"
)

// errProxy marks a proxy that cannot be reached (refused, or its name does
// not resolve): a setup fault, not retried, and reported against the proxy.
var errProxy = errors.New("proxy unreachable")

// ProxyFromEnv reads the proxy settings the way Go's own transport does
// (HTTPS_PROXY, HTTP_PROXY, NO_PROXY, then their lower-case forms) through
// getenv, but refuses a value that is not a usable proxy URL instead of
// guessing at it: 'http://[::1' is an error naming the variable, where Go
// would try a proxy on the host "http". The function it returns is meant
// for Config.Proxy.
func ProxyFromEnv(getenv func(string) string) (func(*http.Request) (*url.URL, error), error) {
	get := func(name string) (string, string) {
		if v := getenv(name); v != "" {
			return name, v
		}
		lower := strings.ToLower(name)
		return lower, getenv(lower)
	}
	cfg := httpproxy.Config{}
	for _, p := range []struct {
		name string
		dst  *string
	}{{"HTTPS_PROXY", &cfg.HTTPSProxy}, {"HTTP_PROXY", &cfg.HTTPProxy}} {
		name, v := get(p.name)
		if v == "" {
			continue
		}
		if err := checkProxy(v); err != nil {
			return nil, fmt.Errorf("%s=%q is not a usable proxy: %w", name, scrubProxy(v), err)
		}
		*p.dst = v
	}
	_, cfg.NoProxy = get("NO_PROXY")
	pf := cfg.ProxyFunc()
	return func(r *http.Request) (*url.URL, error) { return pf(r.URL) }, nil
}

// checkProxy says what is wrong with a proxy setting, or nil.
func checkProxy(v string) error {
	raw := v
	if !strings.Contains(v, "://") {
		raw = "http://" + v // what Go's transport assumes of "host:port"
	}
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return fmt.Errorf("malformed URL (%v)", err)
	}
	switch u.Scheme {
	case "http", "https", "socks5", "socks5h":
	default:
		return fmt.Errorf("scheme %q is not http, https or socks5", u.Scheme)
	}
	if u.Hostname() == "" {
		return errors.New("no host")
	}
	return nil
}

// scrubProxy masks a password in a proxy setting that may not parse.
func scrubProxy(v string) string {
	if u, err := url.Parse(v); err == nil && u.User != nil {
		return scrub(v, true)
	}
	if at := strings.LastIndexByte(v, '@'); at >= 0 {
		start := strings.Index(v, "://")
		if start < 0 || start > at {
			start = -3
		}
		return v[:start+3] + "***" + v[at:]
	}
	return v
}

// proxyError words a failure to reach the proxy req was sent through, or
// returns nil when err is not one (Go's transport marks them "proxyconnect").
func (c *Client) proxyError(req *http.Request, err error) error {
	var oe *net.OpError
	if !errors.As(err, &oe) || oe.Op != "proxyconnect" {
		return nil
	}
	proxy := "the proxy"
	if t, ok := c.cfg.Transport.(*http.Transport); ok && t.Proxy != nil {
		if p, perr := t.Proxy(req); perr == nil && p != nil {
			proxy = "proxy " + redact(p.String())
		}
	}
	cause := causeInWords(oe.Err, c.cfg.Timeout)
	var dnsErr *net.DNSError
	if errors.Is(err, syscall.ECONNREFUSED) || errors.As(err, &dnsErr) {
		err = fmt.Errorf("%w: %w", errProxy, err)
	}
	return newFetchError(req.URL.String(), err, fmt.Sprintf("cannot reach %s: %s", proxy, cause))
}
