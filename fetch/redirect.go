package fetch

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// maxRedirects is how many redirects one request follows.
const maxRedirects = 5

// checkRedirect vets every redirect hop: at most maxRedirects, the target
// checked like a link from the list (scheme, credentials, private
// addresses) and against its robots.txt, and the Authorization header
// dropped unless the target is TokenHost over https.
func (c *Client) checkRedirect(req *http.Request, via []*http.Request) error {
	from := via[0].URL.String()
	if len(via) > maxRedirects {
		return newFetchError(from, errRedirects, fmt.Sprintf(
			"stopped after %d redirects (redirect loop?), last to %s", maxRedirects, redact(req.URL.String())))
	}
	if !c.isTokenHost(req.URL) {
		req.Header.Del("Authorization")
	}
	if !strings.EqualFold(req.URL.Host, via[0].URL.Host) {
		// Go copies the first request's custom headers to every hop;
		// credentials such as x-api-key are for the host first asked only.
		for _, h := range []string{"X-Api-Key", "Api-Key", "Cookie"} {
			req.Header.Del(h)
		}
	}
	if err := c.checkTarget(req.Context(), req.URL); err != nil {
		return redirectRefused(from, err)
	}
	if err := c.checkRobots(req.Context(), req.URL); err != nil {
		return redirectRefused(from, err)
	}
	return nil
}

// redirectRefused words a refused hop from the URL first asked for.
func redirectRefused(from string, err error) error {
	var fe *fetchError
	if !errors.As(err, &fe) {
		return err
	}
	return newFetchError(from, fe.err, "redirect refused: "+strings.TrimPrefix(fe.msg, "GET "))
}

// isTokenHost reports whether u may receive the GitHub token: https to
// TokenHost.
func (c *Client) isTokenHost(u *url.URL) bool {
	return u.Scheme == "https" && hostKey(u) == strings.ToLower(c.cfg.TokenHost)
}
