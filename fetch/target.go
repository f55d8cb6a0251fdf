package fetch

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strings"
)

// blockedPrefixes are address ranges a link from the reading list may not
// point into, beyond what netip's predicates cover.
var blockedPrefixes = []netip.Prefix{
	netip.MustParsePrefix("0.0.0.0/8"),     // "this network"
	netip.MustParsePrefix("100.64.0.0/10"), // carrier-grade NAT
	netip.MustParsePrefix("192.0.0.0/24"),  // IETF protocol assignments
	netip.MustParsePrefix("198.18.0.0/15"), // benchmarking
	netip.MustParsePrefix("64:ff9b:1::/48"),
}

// privateAddr reports why addr may not be fetched, or "" when it may.
func privateAddr(addr netip.Addr) string {
	addr = addr.Unmap()
	switch {
	case addr == netip.AddrFrom4([4]byte{169, 254, 169, 254}):
		return "cloud metadata address"
	case addr.IsLoopback():
		return "loopback address"
	case addr.IsPrivate():
		return "private address"
	case addr.IsLinkLocalUnicast(), addr.IsLinkLocalMulticast():
		return "link-local address"
	case addr.IsUnspecified():
		return "unspecified address"
	case addr.IsMulticast():
		return "multicast address"
	}
	for _, p := range blockedPrefixes {
		if p.Contains(addr) {
			return "reserved address"
		}
	}
	return ""
}

// checkTarget refuses a URL the client may not fetch, with an error wrapping
// ErrTarget that names the URL and the reason. The scheme must be http or
// https and the URL may not carry credentials, always. Unless
// AllowPrivateHosts, the host may not be "localhost" or an address in a
// loopback, private, link-local, CGNAT or unspecified range; a host name is
// resolved and refused if any of its addresses is such, except when a proxy
// will fetch the URL (then the proxy resolves it, and we trust it).
func (c *Client) checkTarget(ctx context.Context, u *url.URL) error {
	refuse := func(why string) error {
		return newFetchError(u.String(), ErrTarget, fmt.Sprintf("%s (%s)", ErrTarget, why))
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
	default:
		return refuse(fmt.Sprintf("scheme %q is not http or https", u.Scheme))
	}
	if u.User != nil {
		return refuse("credentials in the URL")
	}
	h := u.Hostname()
	if h == "" {
		return refuse("no host")
	}
	if c.cfg.AllowPrivateHosts {
		return nil
	}
	lh := strings.TrimSuffix(strings.ToLower(h), ".")
	if lh == "localhost" || strings.HasSuffix(lh, ".localhost") {
		return refuse("localhost")
	}
	if addr, err := netip.ParseAddr(h); err == nil {
		if why := privateAddr(addr); why != "" {
			return refuse(fmt.Sprintf("%s %s", why, addr))
		}
		return nil
	}
	if c.proxied(u) {
		return nil
	}
	addrs, err := net.DefaultResolver.LookupNetIP(ctx, "ip", h)
	if err != nil {
		return newFetchError(u.String(), err, causeInWords(err, c.cfg.Timeout))
	}
	for _, a := range addrs {
		if why := privateAddr(a); why != "" {
			return refuse(fmt.Sprintf("%s resolves to %s %s", h, why, a.Unmap()))
		}
	}
	return nil
}

// proxied reports whether the base transport sends u through a proxy.
func (c *Client) proxied(u *url.URL) bool {
	t, ok := c.cfg.Transport.(*http.Transport)
	if !ok || t.Proxy == nil {
		return false
	}
	p, err := t.Proxy(&http.Request{Method: http.MethodGet, URL: u, Header: http.Header{}})
	return err == nil && p != nil
}
