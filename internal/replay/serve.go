package replay

import (
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
)

// contentTypes maps a body file's extension to the Content-Type replayed
// when the headers file does not give one.
var contentTypes = map[string]string{
	".json": "application/json",
	".html": "text/html; charset=utf-8",
	".xml":  "application/atom+xml",
	".txt":  "text/plain",
	".bib":  "text/plain; charset=utf-8",
}

// contentType guesses the Content-Type of a body file from its extension.
func contentType(file string) string {
	ext := strings.ToLower(path.Ext(file))
	if ct, ok := contentTypes[ext]; ok {
		return ct
	}
	if ct := mime.TypeByExtension(ext); ct != "" {
		return ct
	}
	return "application/octet-stream"
}

// ServeHTTP answers r from the archive. The request URL is r.URL when it is
// absolute (proxy requests), otherwise r.Host and r.URL.Path with the scheme
// of the connection.
//
// A matched GET or HEAD gets the recorded status and body, the Content-Type
// guessed from the file's extension, then the recorded headers (which win).
// When the recorded answer is a 200 with an ETag and If-None-Match names it
// (weak comparison, or "*"), the answer is 304 with the headers and no body.
// An unmatched request gets 404 with a plain-text body naming the URL; so does
// an unrecorded /robots.txt, which a real site without one would also answer.
// Other methods get 405.
func (a *Archive) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	u := requestURL(r)
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		a.record(u, nil, outBadMethod)
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, fmt.Sprintf("replay: method %s not replayed for %s", r.Method, u), http.StatusMethodNotAllowed)
		return
	}
	e := a.lookup(u)
	if e == nil {
		if u.Path == "/robots.txt" {
			a.record(u, nil, outRobots)
			http.Error(w, fmt.Sprintf("replay: no robots.txt recorded for %s", u.Host), http.StatusNotFound)
			return
		}
		a.record(u, nil, outUnmatched)
		http.Error(w, fmt.Sprintf("replay: no recorded answer for GET %s", u), http.StatusNotFound)
		return
	}

	h := w.Header()
	if e.File != "-" {
		h.Set("Content-Type", contentType(e.File))
	}
	for name, values := range e.Header {
		h[name] = values
	}
	if e.Status == http.StatusOK && etagMatch(r.Header.Get("If-None-Match"), e.Header.Get("ETag")) {
		a.record(u, e, outNotModified)
		h.Del("Content-Type")
		w.WriteHeader(http.StatusNotModified)
		return
	}
	a.record(u, e, outServed)
	h.Set("Content-Length", strconv.Itoa(len(e.Body)))
	w.WriteHeader(e.Status)
	w.Write(e.Body) //nolint:errcheck // the client went away; nothing to do
}

// ForHost returns a handler that answers every request as if it had been
// sent to https://host, so a test can point one base URL (say the Crossref
// one) at an httptest server without a proxy. The requests are logged and
// counted by a.
func (a *Archive) ForHost(host string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r2 := r.Clone(r.Context())
		r2.URL.Scheme = "https"
		r2.URL.Host = host
		r2.Host = host
		a.ServeHTTP(w, r2)
	})
}

// requestURL is the absolute URL of r.
func requestURL(r *http.Request) *url.URL {
	u := *r.URL
	if u.Host == "" {
		u.Host = r.Host
	}
	if u.Scheme == "" {
		u.Scheme = "http"
		if r.TLS != nil {
			u.Scheme = "https"
		}
	}
	return &u
}

// etagMatch reports whether an If-None-Match header names etag, using the
// weak comparison RFC 9110 prescribes for If-None-Match.
func etagMatch(ifNoneMatch, etag string) bool {
	ifNoneMatch = strings.TrimSpace(ifNoneMatch)
	if ifNoneMatch == "" || etag == "" {
		return false
	}
	if ifNoneMatch == "*" {
		return true
	}
	want := strings.TrimPrefix(strings.TrimSpace(etag), "W/")
	for t := range strings.SplitSeq(ifNoneMatch, ",") {
		if strings.TrimPrefix(strings.TrimSpace(t), "W/") == want {
			return true
		}
	}
	return false
}
