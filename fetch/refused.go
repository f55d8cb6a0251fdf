package fetch

import (
	"net/netip"
	"net/url"
	"strings"
)

// Refused says why the client would refuse rawURL without resolving its
// host (another scheme than http(s), credentials, localhost, a loopback,
// private, link-local or metadata address written as such, unless
// allowPrivate), or "" when it would try it. The planner uses it, so that
// --dry-run does not count requests the run will not make.
func Refused(rawURL string, allowPrivate bool) string {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "not a URL"
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return "scheme " + u.Scheme + " is not http or https"
	}
	if u.User != nil {
		return "credentials in the URL"
	}
	if allowPrivate {
		return ""
	}
	h := strings.TrimSuffix(strings.ToLower(u.Hostname()), ".")
	if h == "localhost" || strings.HasSuffix(h, ".localhost") {
		return "localhost"
	}
	if addr, err := netip.ParseAddr(h); err == nil {
		return privateAddr(addr)
	}
	return ""
}
