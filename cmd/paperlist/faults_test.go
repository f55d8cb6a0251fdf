package main

// The fault-injection suite: every way a web site can misbehave, injected by
// a local server on one entry of a list, run through the real command. Each
// case checks the entry's status, that its errors name the URL and the cause
// in words, that the other entries are unaffected, and the exit code.
//
// This file also holds the harness shared by politeness_test.go,
// kill_test.go and secrets_test.go: a local "publisher" site that serves
// pages with citation_* meta tags and records every request, a list writer,
// and a runner for "paperlist enrich".

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"html/template"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paperlist/paperlist"
)

// pageTemplate is the paper page every site serves under /paper/<slug>.
var pageTemplate = template.Must(template.ParseFiles("testdata/paper.html.tmpl"))

// paperTitle is the citation_title of /paper/<slug>.
func paperTitle(slug string) string { return "Measuring " + slug + " at Scale" }

// site is a local web site standing in for a publisher. It serves paper
// pages (/paper/<slug>), a robots.txt that disallows /private/, and whatever
// handler a test installs on a path, and it records every request.
type site struct {
	srv  *httptest.Server
	host string // "127.0.0.1:PORT": the fetch client's host key

	mu          sync.Mutex
	reqs        []siteRequest
	inFlight    int
	maxInFlight int
	robots      http.HandlerFunc
	routes      map[string]http.HandlerFunc
	pages       func(w http.ResponseWriter, r *http.Request, slug string) // nil: servePaper
}

// siteRequest is one request a site received.
type siteRequest struct {
	Path   string
	At     time.Time // arrival, monotonic
	Header http.Header
}

func newSite(t testing.TB) *site {
	t.Helper()
	s := &site{routes: map[string]http.HandlerFunc{}}
	s.srv = httptest.NewServer(s)
	s.host = strings.TrimPrefix(s.srv.URL, "http://")
	t.Cleanup(s.srv.Close)
	return s
}

// URL is the absolute URL of path on the site.
func (s *site) URL(path string) string { return s.srv.URL + path }

// route installs h on path (nil removes it).
func (s *site) route(path string, h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if h == nil {
		delete(s.routes, path)
		return
	}
	s.routes[path] = h
}

// setPages replaces how /paper/<slug> is served (nil: servePaper).
func (s *site) setPages(h func(w http.ResponseWriter, r *http.Request, slug string)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages = h
}

// setRobots replaces the default robots.txt handler.
func (s *site) setRobots(h http.HandlerFunc) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.robots = h
}

func (s *site) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.reqs = append(s.reqs, siteRequest{Path: r.URL.Path, At: time.Now(), Header: r.Header.Clone()})
	s.inFlight++
	s.maxInFlight = max(s.maxInFlight, s.inFlight)
	h, robots, pages := s.routes[r.URL.Path], s.robots, s.pages
	s.mu.Unlock()
	// Decremented before the response is flushed, so that the next request
	// of a client that waits for this answer can never look concurrent.
	defer func() {
		s.mu.Lock()
		s.inFlight--
		s.mu.Unlock()
	}()
	switch {
	case h != nil:
		h(w, r)
	case r.URL.Path == "/robots.txt" && robots != nil:
		robots(w, r)
	case r.URL.Path == "/robots.txt":
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("User-agent: *\nDisallow: /private/\n"))
	case strings.HasPrefix(r.URL.Path, "/paper/") && pages != nil:
		pages(w, r, strings.TrimPrefix(r.URL.Path, "/paper/"))
	case strings.HasPrefix(r.URL.Path, "/paper/"):
		servePaper(w, strings.TrimPrefix(r.URL.Path, "/paper/"))
	default:
		http.NotFound(w, r)
	}
}

// servePaper writes the paper page of slug.
func servePaper(w http.ResponseWriter, slug string) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	pageTemplate.Execute(w, struct{ Title, Slug string }{paperTitle(slug), slug})
}

// requests returns a copy of what the site received.
func (s *site) requests() []siteRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]siteRequest(nil), s.reqs...)
}

// peakInFlight is the most requests the site was serving at once.
func (s *site) peakInFlight() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.maxInFlight
}

// count is how many requests path received.
func (s *site) count(path string) int {
	n := 0
	for _, r := range s.requests() {
		if r.Path == path {
			n++
		}
	}
	return n
}

// arrivals are the arrival times of path's requests, in order.
func (s *site) arrivals(path string) []time.Time {
	var out []time.Time
	for _, r := range s.requests() {
		if r.Path == path {
			out = append(out, r.At)
		}
	}
	return out
}

// failFirst answers path's first n requests with fail, then the paper page.
func failFirst(n int, slug string, fail http.HandlerFunc) http.HandlerFunc {
	var mu sync.Mutex
	seen := 0
	return func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen++
		k := seen
		mu.Unlock()
		if k <= n {
			fail(w, r)
			return
		}
		servePaper(w, slug)
	}
}

// status answers with code and the given headers.
func status(code int, kv ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		for i := 0; i+1 < len(kv); i += 2 {
			w.Header().Set(kv[i], kv[i+1])
		}
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(code)
		w.Write([]byte(http.StatusText(code) + "\n"))
	}
}

// listEntry is one bullet of a generated reading list.
type listEntry struct {
	title string
	link  string
	notes []string
}

// writeList writes entries as an OSDI 2023 section of a reading list.
func writeList(t testing.TB, path string, entries []listEntry) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("# osdi\n\n## 2023\n\n")
	for _, e := range entries {
		b.WriteString("- [" + e.title + "](" + e.link + ")\n")
		for _, n := range e.notes {
			b.WriteString("  * " + n + "\n")
		}
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// rateArgs gives each site the per-host rate r.
func rateArgs(r float64, sites ...*site) []string {
	var out []string
	for _, s := range sites {
		out = append(out, "--rate", s.host+"="+strconv.FormatFloat(r, 'f', -1, 64))
	}
	return out
}

// runResult is what one "paperlist enrich" left behind.
type runResult struct {
	code   int
	stderr string
	papers []paperlist.Paper // papers.json, nil when it was not written
}

// paper returns the record whose list title is title, failing the test
// when there is none.
func (r runResult) paper(t testing.TB, title string) paperlist.Paper {
	t.Helper()
	for _, p := range r.papers {
		if p.ListTitle == title {
			return p
		}
	}
	t.Fatalf("no record %q in papers.json; stderr:\n%s", title, r.stderr)
	return paperlist.Paper{}
}

// enrichIn runs "paperlist enrich" in-process with the cache and output in
// dir (cache.sqlite, out/), no proxy, the environment env, and args before
// the list. It may be called from any goroutine.
func enrichIn(t testing.TB, ctx context.Context, dir string, env map[string]string, list string, args ...string) runResult {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = nil
	defer tr.CloseIdleConnections()
	all := append([]string{"enrich", "--cache", filepath.Join(dir, "cache.sqlite"), "--out", filepath.Join(dir, "out")}, args...)
	all = append(all, list)
	var stdout, stderr bytes.Buffer
	getenv := func(k string) string { return env[k] }
	code := run(ctx, all, system{stdout: &stdout, stderr: &stderr, getenv: getenv, transport: tr})
	res := runResult{code: code, stderr: stderr.String()}
	if data, err := os.ReadFile(filepath.Join(dir, "out", "papers.json")); err == nil {
		if err := json.Unmarshal(data, &res.papers); err != nil {
			t.Errorf("papers.json does not parse: %v", err)
		}
	}
	return res
}

// checkPaperOK asserts that p is the fully enriched record of s's page slug,
// reached through link.
func checkPaperOK(t testing.TB, p paperlist.Paper, s *site, slug, link string) {
	t.Helper()
	if p.Status != paperlist.StatusOK {
		t.Errorf("%s: status %q, want ok; errors %q", p.ListTitle, p.Status, p.Errors)
		return
	}
	if p.Title != paperTitle(slug) {
		t.Errorf("%s: title %q, want %q", p.ListTitle, p.Title, paperTitle(slug))
	}
	want := []paperlist.Author{{Name: "Ada Lovelace", Affiliation: "Analytical Engines Ltd"}, {Name: "Alan Turing", Affiliation: "Bletchley Park"}}
	if len(p.Authors) != 2 || p.Authors[0] != want[0] || p.Authors[1] != want[1] {
		t.Errorf("%s: authors %+v, want %+v", p.ListTitle, p.Authors, want)
	}
	if !strings.HasPrefix(p.Abstract, "We measure "+slug+" on a real cluster") {
		t.Errorf("%s: abstract %q", p.ListTitle, p.Abstract)
	}
	if wantPDF := s.URL("/pdf/" + slug + ".pdf"); p.PDFURL != wantPDF {
		t.Errorf("%s: pdf_url %q, want %q", p.ListTitle, p.PDFURL, wantPDF)
	}
	if p.Sources["title"] != link {
		t.Errorf("%s: title source %q, want %q", p.ListTitle, p.Sources["title"], link)
	}
}

// gzipBomb is a gzip body that expands to n bytes of HTML filler.
func gzipBomb(t testing.TB, n int) []byte {
	t.Helper()
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	zw.Write([]byte("<!DOCTYPE html><html><body>"))
	chunk := bytes.Repeat([]byte("<p></p>"), 1<<14)
	for written := 0; written < n; written += len(chunk) {
		zw.Write(chunk)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// resetConn closes the connection with a TCP reset before any answer.
func resetConn(w http.ResponseWriter, r *http.Request) {
	conn, _, err := http.NewResponseController(w).Hijack()
	if err != nil {
		http.Error(w, "cannot hijack", http.StatusInternalServerError)
		return
	}
	if tc, ok := conn.(*net.TCPConn); ok {
		tc.SetLinger(0) // close sends RST
	}
	conn.Close()
}

// faultCase is one misbehaviour of the faulty site F, injected on the path
// /fault (or on F's robots.txt) and reached through the entry "Faulty
// Entry"; "Good Neighbour" on another site G (and "Good Sibling" on F when
// the fault is the path's, not the host's) must come out ok.
type faultCase struct {
	name    string
	handler func(t *testing.T, f, g *site) http.HandlerFunc // on /fault; nil: none
	robots  http.HandlerFunc                                // F's robots.txt; nil: the default
	link    func(f *site) string                            // the entry's link; default F/fault
	args    []string
	sibling bool // add "Good Sibling" on F
	// wantStatus and wantCode are the faulty entry's status and the exit
	// code; wantErr are substrings of its errors (the URL is always checked
	// when the link is F's).
	wantStatus paperlist.Status
	wantCode   int
	wantErr    []string
	// faultRequests is how many requests /fault must receive (-1: unchecked).
	faultRequests int
	check         func(t *testing.T, f, g *site, p paperlist.Paper)
}

func faultCases() []faultCase {
	minGap := func(want time.Duration) func(t *testing.T, f, g *site, p paperlist.Paper) {
		return func(t *testing.T, f, g *site, p paperlist.Paper) {
			at := f.arrivals("/fault")
			if len(at) == 2 && at[1].Sub(at[0]) < want {
				t.Errorf("retry came %s after the 429, want at least %s", at[1].Sub(at[0]), want)
			}
			checkPaperOK(t, p, f, "fault", f.URL("/fault"))
		}
	}
	return []faultCase{
		{
			name: "429 with Retry-After seconds, then success",
			handler: func(*testing.T, *site, *site) http.HandlerFunc {
				return failFirst(1, "fault", status(http.StatusTooManyRequests, "Retry-After", "1"))
			},
			sibling: true, wantStatus: paperlist.StatusOK, wantCode: exitOK, faultRequests: 2,
			check: minGap(time.Second),
		},
		{
			name: "429 with an HTTP-date Retry-After, then success",
			handler: func(*testing.T, *site, *site) http.HandlerFunc {
				return failFirst(1, "fault", func(w http.ResponseWriter, r *http.Request) {
					// Whole seconds: 2 s from now is between 1 and 2 s away.
					status(http.StatusTooManyRequests, "Retry-After", time.Now().Add(2*time.Second).UTC().Format(http.TimeFormat))(w, r)
				})
			},
			sibling: true, wantStatus: paperlist.StatusOK, wantCode: exitOK, faultRequests: 2,
			check: minGap(time.Second),
		},
		{
			name: "503 burst, then success",
			handler: func(*testing.T, *site, *site) http.HandlerFunc {
				return failFirst(2, "fault", status(http.StatusServiceUnavailable))
			},
			sibling: true, wantStatus: paperlist.StatusOK, wantCode: exitOK, faultRequests: 3,
			check: func(t *testing.T, f, g *site, p paperlist.Paper) { checkPaperOK(t, p, f, "fault", f.URL("/fault")) },
		},
		{
			name: "persistent 500",
			handler: func(*testing.T, *site, *site) http.HandlerFunc {
				return status(http.StatusInternalServerError)
			},
			sibling: true, wantStatus: paperlist.StatusError, wantCode: exitFailed, faultRequests: 5,
			wantErr: []string{"HTTP 500 Internal Server Error", "giving up after 5 attempts"},
		},
		{
			// net/http silently resends a GET whose reused keep-alive
			// connection dies before the answer, so /fault may see more
			// than 5 requests (see TestHiddenTransportRetrySpacing).
			name:    "connection reset before the answer",
			handler: func(*testing.T, *site, *site) http.HandlerFunc { return resetConn },
			sibling: true, wantStatus: paperlist.StatusError, wantCode: exitFailed, faultRequests: -1,
			wantErr: []string{"connection reset", "giving up after 5 attempts"},
			check: func(t *testing.T, f, g *site, p paperlist.Paper) {
				if n := f.count("/fault"); n < 5 {
					t.Errorf("/fault received %d requests, want at least 5 attempts", n)
				}
			},
		},
		{
			name: "body cut short",
			handler: func(*testing.T, *site, *site) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "text/html")
					w.Header().Set("Content-Length", "100000")
					w.WriteHeader(http.StatusOK)
					w.Write([]byte("<!DOCTYPE html><html><head><meta name=\"citation_title\" content=\"Cut"))
				}
			},
			sibling: true, wantStatus: paperlist.StatusError, wantCode: exitFailed, faultRequests: 5,
			wantErr: []string{"body cut short", "giving up after 5 attempts"},
		},
		{
			name: "stalled server",
			handler: func(*testing.T, *site, *site) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) { <-r.Context().Done() }
			},
			args:    []string{"--timeout", "200ms"},
			sibling: true, wantStatus: paperlist.StatusError, wantCode: exitFailed, faultRequests: 5,
			wantErr: []string{"timed out after 200ms", "giving up after 5 attempts"},
		},
		{
			name: "stalled body",
			handler: func(*testing.T, *site, *site) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "text/html")
					w.WriteHeader(http.StatusOK)
					w.Write([]byte("<!DOCTYPE html><html><head>"))
					http.NewResponseController(w).Flush()
					<-r.Context().Done()
				}
			},
			args:    []string{"--timeout", "200ms"},
			sibling: true, wantStatus: paperlist.StatusError, wantCode: exitFailed, faultRequests: 5,
			wantErr: []string{"timed out after 200ms"},
		},
		{
			// The cap (fetch.DefaultMaxBody, 20 MiB) has no flag: the
			// server streams 21 MiB and stops when the client hangs up.
			name: "body over the size cap",
			handler: func(*testing.T, *site, *site) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "text/html")
					chunk := bytes.Repeat([]byte("<p>filler</p>\n"), 4096)
					for n := 0; n < 21<<20; n += len(chunk) {
						if _, err := w.Write(chunk); err != nil {
							return
						}
					}
				}
			},
			sibling: true, wantStatus: paperlist.StatusError, wantCode: exitFailed, faultRequests: 1,
			wantErr: []string{"too large", "more than 20971520 bytes"},
		},
		{
			name: "gzip body that expands past the cap",
			handler: func(t *testing.T, _, _ *site) http.HandlerFunc {
				bomb := gzipBomb(t, 25<<20)
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "text/html")
					w.Header().Set("Content-Encoding", "gzip")
					w.Write(bomb)
				}
			},
			sibling: true, wantStatus: paperlist.StatusError, wantCode: exitFailed, faultRequests: 1,
			wantErr: []string{"too large"},
		},
		{
			name: "garbage bytes served as text/html",
			handler: func(*testing.T, *site, *site) http.HandlerFunc {
				junk := make([]byte, 8192)
				rng := rand.New(rand.NewPCG(1, 2))
				for i := range junk {
					junk[i] = byte(rng.UintN(256))
				}
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Content-Type", "text/html")
					w.Write(junk)
				}
			},
			sibling: true, wantStatus: paperlist.StatusError, wantCode: exitFailed, faultRequests: 1,
			wantErr: []string{"expected markup not found"},
		},
		{
			name: "redirect loop",
			handler: func(*testing.T, *site, *site) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/fault", http.StatusFound) }
			},
			sibling: true, wantStatus: paperlist.StatusError, wantCode: exitFailed, faultRequests: 6,
			wantErr: []string{"redirect", "stopped after 5 redirects"},
		},
		{
			name: "redirect to a file: URL",
			handler: func(*testing.T, *site, *site) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					w.Header().Set("Location", "file:///etc/passwd")
					w.WriteHeader(http.StatusFound)
				}
			},
			sibling: true, wantStatus: paperlist.StatusError, wantCode: exitFailed, faultRequests: 1,
			wantErr: []string{"redirect refused", `scheme "file" is not http or https`},
		},
		{
			// Publishers move pages; following to another host is allowed
			// (with that host's robots.txt) and the page is read as served.
			name: "redirect to another host",
			handler: func(_ *testing.T, _, g *site) http.HandlerFunc {
				return func(w http.ResponseWriter, r *http.Request) {
					http.Redirect(w, r, g.URL("/paper/moved"), http.StatusMovedPermanently)
				}
			},
			sibling: true, wantStatus: paperlist.StatusOK, wantCode: exitOK, faultRequests: 1,
			check: func(t *testing.T, f, g *site, p paperlist.Paper) {
				if n := g.count("/paper/moved"); n != 1 {
					t.Errorf("the redirect target got %d requests, want 1", n)
				}
				if p.Title != paperTitle("moved") || len(p.Authors) != 2 {
					t.Errorf("moved page: title %q, authors %+v", p.Title, p.Authors)
				}
				// The page's relative citation_pdf_url is relative to where
				// the page is, not to the link that redirected there.
				if want := g.URL("/pdf/moved.pdf"); p.PDFURL != want {
					t.Errorf("pdf_url %q, want %q (resolved against the page's final URL)", p.PDFURL, want)
				}
			},
		},
		{
			name:    "404",
			handler: func(*testing.T, *site, *site) http.HandlerFunc { return status(http.StatusNotFound) },
			sibling: true, wantStatus: paperlist.StatusError, wantCode: exitFailed, faultRequests: 1,
			wantErr: []string{"HTTP 404 Not Found"},
		},
		{
			name:    "410",
			handler: func(*testing.T, *site, *site) http.HandlerFunc { return status(http.StatusGone) },
			sibling: true, wantStatus: paperlist.StatusError, wantCode: exitFailed, faultRequests: 1,
			wantErr: []string{"HTTP 410 Gone"},
		},
		{
			name: "robots.txt disallows the path",
			robots: func(w http.ResponseWriter, r *http.Request) {
				w.Write([]byte("User-agent: *\nAllow: /paper/\n\nUser-agent: paperlist\nDisallow: /fault\n"))
			},
			sibling: true, wantStatus: paperlist.StatusError, wantCode: exitFailed, faultRequests: 0,
			wantErr: []string{"disallowed by robots.txt"},
		},
		{
			// A robots.txt that stays unreadable (retried 4 times; no copy
			// cached) puts the host off limits for a while: F sees nothing
			// but robots.txt. (Retry-After: 0 keeps the retries fast.)
			name:       "robots.txt answers 5xx",
			robots:     status(http.StatusServiceUnavailable, "Retry-After", "0"),
			wantStatus: paperlist.StatusError, wantCode: exitFailed, faultRequests: 0,
			wantErr: []string{"robots.txt unavailable (HTTP 503, giving up after 5 attempts)"},
			check: func(t *testing.T, f, g *site, p paperlist.Paper) {
				if n, all := f.count("/robots.txt"), len(f.requests()); n != 5 || all != 5 {
					t.Errorf("F got %d requests (%d for robots.txt), want only the 5 robots.txt ones", all, n)
				}
			},
		},
		{
			name:   "robots.txt answers 4xx",
			robots: status(http.StatusForbidden),
			handler: func(*testing.T, *site, *site) http.HandlerFunc {
				return func(w http.ResponseWriter, _ *http.Request) { servePaper(w, "fault") }
			},
			sibling: true, wantStatus: paperlist.StatusOK, wantCode: exitOK, faultRequests: 1,
			check: func(t *testing.T, f, g *site, p paperlist.Paper) { checkPaperOK(t, p, f, "fault", f.URL("/fault")) },
		},
		{
			// --allow-private-hosts skips the DNS check, so the dial fails.
			name:       "DNS failure",
			link:       func(*site) string { return "http://nonexistent.invalid/paper/x" },
			sibling:    true,
			wantStatus: paperlist.StatusError, wantCode: exitFailed, faultRequests: 0,
			wantErr: []string{"http://nonexistent.invalid/paper/x", `cannot resolve host "nonexistent.invalid"`},
		},
		hostile("javascript: link", func(*site) string { return "javascript:alert(1)" }, "javascript:alert(1)", "only http and https"),
		hostile("file: link", func(*site) string { return "file:///etc/passwd" }, "file:///etc/passwd", "only http and https"),
		hostile("data: link", func(*site) string { return "data:text/html,x" }, "data:text/html,x", "only http and https"),
		hostile("ftp: link", func(*site) string { return "ftp://x/y" }, "ftp://x/y", "only http and https"),
		hostile("credentials in the link", func(f *site) string { return "http://user:pass@" + f.host + "/paper/creds" },
			"/paper/creds", "credentials in the URL"),
	}
}

// hostile is a link that must be refused before any request.
func hostile(name string, link func(*site) string, wantErr ...string) faultCase {
	return faultCase{
		name: name, link: link, sibling: true,
		wantStatus: paperlist.StatusError, wantCode: exitFailed, faultRequests: 0,
		wantErr: wantErr,
		check: func(t *testing.T, f, g *site, p paperlist.Paper) {
			for _, r := range f.requests() {
				if r.Path != "/robots.txt" && r.Path != "/paper/sibling" {
					t.Errorf("F received a request for %s", r.Path)
				}
			}
			if strings.Contains(strings.Join(p.Errors, " "), "user:pass") {
				t.Errorf("errors repeat the link's password: %q", p.Errors)
			}
		},
	}
}

// TestFaults runs every case's command at once (each with its own sites,
// cache and output; the retried faults take about 20 s each, whatever
// -parallel is), then checks each case in a subtest.
func TestFaults(t *testing.T) {
	t.Parallel()
	type scenario struct {
		tc      faultCase
		f, g    *site
		link    string
		entries []listEntry
		res     runResult
	}
	var scenarios []*scenario
	var wg sync.WaitGroup
	for _, tc := range faultCases() {
		sc := &scenario{tc: tc, f: newSite(t), g: newSite(t)}
		f, g := sc.f, sc.g
		if tc.handler != nil {
			f.route("/fault", tc.handler(t, f, g))
		}
		if tc.robots != nil {
			f.setRobots(tc.robots)
		}
		sc.link = f.URL("/fault")
		if tc.link != nil {
			sc.link = tc.link(f)
		}
		sc.entries = []listEntry{
			{title: "Good Neighbour", link: g.URL("/paper/neighbour")},
			{title: "Faulty Entry", link: sc.link},
		}
		if tc.sibling {
			sc.entries = append(sc.entries, listEntry{title: "Good Sibling", link: f.URL("/paper/sibling")})
		}
		dir := t.TempDir()
		list := writeList(t, filepath.Join(dir, "list.md"), sc.entries)
		args := append([]string{"--allow-private-hosts", "--mailto", "faults@example.invalid"}, rateArgs(50, f, g)...)
		args = append(args, tc.args...)
		scenarios = append(scenarios, sc)
		wg.Go(func() { sc.res = enrichIn(t, context.Background(), dir, nil, list, args...) })
	}
	wg.Wait()

	for _, sc := range scenarios {
		tc, f, g, res, link := sc.tc, sc.f, sc.g, sc.res, sc.link
		t.Run(tc.name, func(t *testing.T) {
			if res.code != tc.wantCode {
				t.Errorf("exit code %d, want %d; stderr:\n%s", res.code, tc.wantCode, res.stderr)
			}
			if len(res.papers) != len(sc.entries) {
				t.Fatalf("papers.json has %d records, want %d; stderr:\n%s", len(res.papers), len(sc.entries), res.stderr)
			}
			p := res.paper(t, "Faulty Entry")
			if p.Status != tc.wantStatus {
				t.Errorf("faulty entry: status %q, want %q; errors %q", p.Status, tc.wantStatus, p.Errors)
			}
			errs := strings.Join(p.Errors, " | ")
			if tc.wantStatus != paperlist.StatusOK && tc.link == nil && !strings.Contains(errs, link) {
				t.Errorf("faulty entry: errors do not name %s: %q", link, errs)
			}
			for _, w := range tc.wantErr {
				if !strings.Contains(errs, w) {
					t.Errorf("faulty entry: errors do not say %q: %q", w, errs)
				}
			}
			if tc.wantStatus != paperlist.StatusOK && p.Title != "Faulty Entry" {
				t.Errorf("faulty entry: title %q, want the list's", p.Title)
			}
			if tc.faultRequests >= 0 {
				if n := f.count("/fault"); n != tc.faultRequests {
					t.Errorf("/fault received %d requests, want %d", n, tc.faultRequests)
				}
			}
			checkPaperOK(t, res.paper(t, "Good Neighbour"), g, "neighbour", g.URL("/paper/neighbour"))
			if tc.sibling {
				checkPaperOK(t, res.paper(t, "Good Sibling"), f, "sibling", f.URL("/paper/sibling"))
			}
			if tc.check != nil {
				tc.check(t, f, g, p)
			}
			if strings.Contains(res.stderr, "panic") {
				t.Errorf("stderr mentions a panic:\n%s", res.stderr)
			}
			t.Logf("faulty entry errors: %q", p.Errors)
		})
	}
}

// TestPrivateTargetsRefused: without --allow-private-hosts, links to
// loopback, link-local (cloud metadata) and private addresses are refused
// before any request, each on its own entry.
func TestPrivateTargetsRefused(t *testing.T) {
	t.Parallel()
	f := newSite(t)
	dir := t.TempDir()
	_, port, _ := net.SplitHostPort(f.host)
	cases := []struct{ title, link, want string }{
		{"Loopback With Port", f.URL("/paper/loop"), "loopback address 127.0.0.1"},
		{"Localhost Name", "http://localhost:" + port + "/paper/lh", "(localhost)"},
		{"Cloud Metadata", "http://169.254.169.254/latest/meta-data/", "cloud metadata address 169.254.169.254"},
		{"IPv6 Loopback", "http://[::1]/", "loopback address ::1"},
		{"Private Ten", "http://10.0.0.1/", "private address 10.0.0.1"},
	}
	var entries []listEntry
	for _, c := range cases {
		entries = append(entries, listEntry{title: c.title, link: c.link})
	}
	list := writeList(t, filepath.Join(dir, "list.md"), entries)
	res := enrichIn(t, context.Background(), dir, nil, list, append([]string{"--mailto", "faults@example.invalid", "--timeout", "2s"}, rateArgs(50, f)...)...)
	if res.code != exitFailed {
		t.Errorf("exit code %d, want %d; stderr:\n%s", res.code, exitFailed, res.stderr)
	}
	for _, c := range cases {
		p := res.paper(t, c.title)
		errs := strings.Join(p.Errors, " | ")
		if p.Status != paperlist.StatusError || !strings.Contains(errs, "link target not allowed") || !strings.Contains(errs, c.want) || !strings.Contains(errs, c.link) {
			t.Errorf("%s: status %q errors %q; want error naming %s and %q", c.title, p.Status, errs, c.link, c.want)
		}
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("the loopback site received %d requests, want 0", n)
	}
}

// TestStaleCacheKeepsData: an entry fetched once keeps its data when a
// later revalidation fails; its errors say the cached copy was used.
func TestStaleCacheKeepsData(t *testing.T) {
	t.Parallel()
	f := newSite(t)
	dir := t.TempDir()
	link := f.URL("/paper/stale")
	list := writeList(t, filepath.Join(dir, "list.md"), []listEntry{{title: "Stale Entry", link: link}})
	args := append([]string{"--allow-private-hosts", "--mailto", "faults@example.invalid"}, rateArgs(50, f)...)
	first := enrichIn(t, context.Background(), dir, nil, list, args...)
	if first.code != exitOK {
		t.Fatalf("first run: exit %d; stderr:\n%s", first.code, first.stderr)
	}
	before := first.paper(t, "Stale Entry")
	checkPaperOK(t, before, f, "stale", link)

	// From now on the page is down; Retry-After: 0 keeps the retries fast.
	f.route("/paper/stale", status(http.StatusServiceUnavailable, "Retry-After", "0"))
	for _, flag := range []string{"--refresh", "--max-age=0s"} {
		t.Run(flag, func(t *testing.T) {
			n0 := f.count("/paper/stale")
			res := enrichIn(t, context.Background(), dir, nil, list, append(args, flag)...)
			n := f.count("/paper/stale") - n0
			if n != 5 {
				t.Errorf("revalidation made %d requests, want 5 (1 + 4 retries)", n)
			}
			p := res.paper(t, "Stale Entry")
			checkPaperOK(t, p, f, "stale", link)
			errs := strings.Join(p.Errors, " | ")
			for _, w := range []string{"using the cached copy of " + link, "HTTP 503"} {
				if !strings.Contains(errs, w) {
					t.Errorf("errors do not say %q: %q", w, errs)
				}
			}
			if p.Abstract != before.Abstract || p.PDFURL != before.PDFURL || len(p.Authors) != len(before.Authors) {
				t.Errorf("the stale run lost data: %+v, before %+v", p, before)
			}
			if res.code != exitOK {
				t.Errorf("exit code %d, want %d (the entry has its data); stderr:\n%s", res.code, exitOK, res.stderr)
			}
		})
	}
}
