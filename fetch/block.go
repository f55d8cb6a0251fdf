package fetch

import (
	"bytes"
	"fmt"
	"mime"
	"net/http"
	"strings"
)

// blockReason says why a response is a block page rather than an answer, or
// "" when it is not. The policy:
//
//   - a 403 or 503 with "cf-mitigated: challenge" is a Cloudflare challenge;
//   - any HTML body titled "Just a moment..." or carrying the challenge
//     script's marks (_cf_chl_opt, challenges.cloudflare.com) is one too;
//   - an HTML body in a 2xx or 403 answer, when the caller asked for JSON or
//     XML, is a block (a login wall, a WAF page, a consent page). Other
//     statuses keep their meaning: an HTML 404 is still "not found", an HTML
//     429 or 502 is still worth a retry.
func blockReason(resp *http.Response, body []byte, accept string) string {
	st := resp.StatusCode
	if (st == http.StatusForbidden || st == http.StatusServiceUnavailable) &&
		strings.EqualFold(resp.Header.Get("cf-mitigated"), "challenge") {
		return "Cloudflare challenge"
	}
	html := looksHTML(resp.Header.Get("Content-Type"), body, accept)
	if html && isChallengePage(body) {
		return "Cloudflare challenge"
	}
	if html && wantsData(accept) && (st/100 == 2 || st == http.StatusForbidden) {
		return fmt.Sprintf("HTML page where %s was expected", mediaType(accept))
	}
	return ""
}

// isChallengePage reports whether an HTML body is a Cloudflare challenge.
// Ordinary pages behind Cloudflare load /cdn-cgi/challenge-platform/ too, so
// that alone is not a mark.
func isChallengePage(body []byte) bool {
	head := body
	if len(head) > 64<<10 {
		head = head[:64<<10]
	}
	lower := bytes.ToLower(head)
	return bytes.Contains(lower, []byte("<title>just a moment...</title>")) ||
		bytes.Contains(head, []byte("_cf_chl_opt")) ||
		bytes.Contains(lower, []byte("challenges.cloudflare.com"))
}

// looksHTML reports whether the body is HTML: by its Content-Type, by its
// first tag, or, when JSON was asked for, by starting with "<" at all.
func looksHTML(contentType string, body []byte, accept string) bool {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil &&
		(mt == "text/html" || mt == "application/xhtml+xml") {
		return true
	}
	b := bytes.TrimLeft(body, " \t\r\n\ufeff")
	if len(b) == 0 || b[0] != '<' {
		return false
	}
	prefix := bytes.ToLower(b[:min(len(b), 64)])
	if bytes.HasPrefix(prefix, []byte("<!doctype html")) || bytes.HasPrefix(prefix, []byte("<html")) {
		return true
	}
	return strings.Contains(mediaType(accept), "json")
}

// wantsData reports whether the caller asked for JSON or XML.
func wantsData(accept string) bool {
	mt := mediaType(accept)
	return strings.Contains(mt, "json") || strings.Contains(mt, "xml")
}

// mediaType is the first media type of an Accept value, lower case.
func mediaType(accept string) string {
	first, _, _ := strings.Cut(accept, ",")
	mt, _, _ := strings.Cut(first, ";")
	return strings.ToLower(strings.TrimSpace(mt))
}
