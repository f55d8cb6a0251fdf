package replay

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

// testArchive is a small archive with one answer per matching rule.
func testArchive(t *testing.T) *Archive {
	t.Helper()
	dir := writeArchive(t, map[string]string{
		"manifest.tsv": strings.Join([]string{
			"https://dblp.org/search/publ/api?q=DGCL%3A+An+Efficient+Communication+Library\t200\tdgcl.json",
			"https://dblp.org/search/publ/api?q=Pocket\t200\tzero.json",
			"https://api.crossref.org/works/10.1145/3477132.3483553\t200\twork.json",
			"https://api.crossref.org/works?query.bibliographic=DGCL\t200\tsearch.json",
			"https://api.crossref.org/works?query.bibliographic=DGCL&filter=type:book\t200\tbook.json",
			"https://api.github.com/repos/czkkkkkk/gccl\t200\tgccl.json\tgccl.headers",
			"https://dl.acm.org/doi/10.1145/1\t403\tcf.html\tcf.headers",
			"https://export.arxiv.org/api/query?id_list=2302.11665\t200\tfeed.xml",
			"https://example.org/robots.txt\t200\trobots.txt",
			"https://example.org/paper.bib\t200\tpaper.bib",
		}, "\n") + "\n",
		"dgcl.json":    `{"hit":"DGCL"}`,
		"zero.json":    `{"hits":{"@total":"0"}}`,
		"work.json":    `{"DOI":"10.1145/3477132.3483553"}`,
		"search.json":  `{"items":["DGCL"]}`,
		"book.json":    `{"items":["book"]}`,
		"gccl.json":    `{"full_name":"czkkkkkk/gccl"}`,
		"gccl.headers": "HTTP/2 200\ncontent-type: application/json; charset=utf-8\netag: W/\"7f3c\"\nx-ratelimit-remaining: 57\n",
		"cf.html":      "<title>Just a moment...</title>",
		"cf.headers":   "HTTP/1.1 403 Forbidden\nContent-Type: text/html; charset=UTF-8\ncf-mitigated: challenge\n",
		"feed.xml":     "<feed>AlpaServe</feed>",
		"robots.txt":   "User-agent: *\nDisallow: /private\n",
		"paper.bib":    "@inproceedings {1,",
	})
	a, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// get serves one GET of target (an absolute URL) from h.
func get(h http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	r := httptest.NewRequest(http.MethodGet, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestArchiveServe(t *testing.T) {
	a := testArchive(t)
	tests := []struct {
		name, url   string
		status      int
		body        string // exact body, or substring for 404s
		contentType string
	}{
		{"doi path", "https://api.crossref.org/works/10.1145/3477132.3483553?mailto=me@example.org", 200, `{"DOI":"10.1145/3477132.3483553"}`, "application/json"},
		{"doi path escaped slash", "https://api.crossref.org/works/10.1145%2F3477132.3483553", 200, `{"DOI":"10.1145/3477132.3483553"}`, "application/json"},
		{"host case and port", "https://API.Crossref.org:443/works/10.1145/3477132.3483553", 200, `{"DOI":"10.1145/3477132.3483553"}`, "application/json"},
		{"other doi", "https://api.crossref.org/works/10.1145/3447786.3456233", 404, "no recorded answer for GET https://api.crossref.org/works/10.1145/3447786.3456233", "text/plain; charset=utf-8"},
		{"title normalized", "https://dblp.org/search/publ/api?q=dgcl+an+efficient+communication+library.&format=json&h=10", 200, `{"hit":"DGCL"}`, "application/json"},
		{"title exact", "https://dblp.org/search/publ/api?q=DGCL%3A%20An%20Efficient%20Communication%20Library", 200, `{"hit":"DGCL"}`, "application/json"},
		{"other title", "https://dblp.org/search/publ/api?q=Pocket", 200, `{"hits":{"@total":"0"}}`, "application/json"},
		{"unknown title", "https://dblp.org/search/publ/api?q=Lyra", 404, "q=Lyra", "text/plain; charset=utf-8"},
		{"missing parameter", "https://dblp.org/search/publ/api?format=json", 404, "no recorded answer", "text/plain; charset=utf-8"},
		{"prefix is not equal", "https://dblp.org/search/publ/api?q=DGCL", 404, "no recorded answer", "text/plain; charset=utf-8"},
		{"extra params ignored", "https://api.crossref.org/works?query.bibliographic=DGCL&rows=5&mailto=x@y.org", 200, `{"items":["DGCL"]}`, "application/json"},
		{"most parameters win", "https://api.crossref.org/works?filter=type%3Abook&query.bibliographic=DGCL", 200, `{"items":["book"]}`, "application/json"},
		{"headers file content type wins", "https://dl.acm.org/doi/10.1145/1", 403, "<title>Just a moment...</title>", "text/html; charset=UTF-8"},
		{"xml", "https://export.arxiv.org/api/query?id_list=2302.11665", 200, "<feed>AlpaServe</feed>", "application/atom+xml"},
		{"bib", "https://example.org/paper.bib", 200, "@inproceedings {1,", "text/plain; charset=utf-8"},
		{"recorded robots", "https://example.org/robots.txt", 200, "Disallow: /private", "text/plain"},
		{"unrecorded robots", "https://www.usenix.org/robots.txt", 404, "no robots.txt recorded for www.usenix.org", "text/plain; charset=utf-8"},
		{"trailing slash differs", "https://api.github.com/repos/czkkkkkk/gccl/", 404, "no recorded answer", "text/plain; charset=utf-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(a, tt.url)
			if w.Code != tt.status {
				t.Errorf("status = %d, want %d", w.Code, tt.status)
			}
			if tt.status == 404 || tt.name == "recorded robots" {
				if !strings.Contains(w.Body.String(), tt.body) {
					t.Errorf("body %q does not contain %q", w.Body, tt.body)
				}
			} else if w.Body.String() != tt.body {
				t.Errorf("body = %q, want %q", w.Body, tt.body)
			}
			if got := w.Header().Get("Content-Type"); got != tt.contentType {
				t.Errorf("Content-Type = %q, want %q", got, tt.contentType)
			}
		})
	}
}

func TestArchiveRecordedHeaders(t *testing.T) {
	a := testArchive(t)
	w := get(a, "https://dl.acm.org/doi/10.1145/1")
	if got := w.Header().Get("Cf-Mitigated"); got != "challenge" {
		t.Errorf("cf-mitigated = %q, want challenge", got)
	}
	w = get(a, "https://api.github.com/repos/czkkkkkk/gccl")
	if got := w.Header().Get("X-Ratelimit-Remaining"); got != "57" {
		t.Errorf("x-ratelimit-remaining = %q, want 57", got)
	}
	if got := w.Header().Get("Content-Length"); got != "29" {
		t.Errorf("Content-Length = %q, want 29", got)
	}
}

func TestArchiveIfNoneMatch(t *testing.T) {
	tests := []struct {
		name, ifNoneMatch string
		status            int
		body              string
	}{
		{"same weak tag", `W/"7f3c"`, 304, ""},
		{"strong form of the tag", `"7f3c"`, 304, ""},
		{"in a list", `"zzz", W/"7f3c"`, 304, ""},
		{"star", `*`, 304, ""},
		{"other tag", `W/"0000"`, 200, `{"full_name":"czkkkkkk/gccl"}`},
		{"none", ``, 200, `{"full_name":"czkkkkkk/gccl"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := testArchive(t)
			w := get(a, "https://api.github.com/repos/czkkkkkk/gccl", "If-None-Match", tt.ifNoneMatch)
			if w.Code != tt.status || w.Body.String() != tt.body {
				t.Errorf("got %d %q, want %d %q", w.Code, w.Body, tt.status, tt.body)
			}
			if got := w.Header().Get("ETag"); got != `W/"7f3c"` {
				t.Errorf("ETag = %q", got)
			}
			c := a.Counts()
			if wantNM := map[bool]int{true: 1, false: 0}[tt.status == 304]; c.NotModified != wantNM || c.Served != 1 {
				t.Errorf("counts = %+v, want Served 1, NotModified %d", c, wantNM)
			}
		})
	}
	// An ETag on a non-200 answer never yields 304.
	a := testArchive(t)
	if w := get(a, "https://dl.acm.org/doi/10.1145/1", "If-None-Match", "*"); w.Code != 403 {
		t.Errorf("403 answer with If-None-Match *: status %d, want 403", w.Code)
	}
}

func TestArchiveMethodNotAllowed(t *testing.T) {
	a := testArchive(t)
	r := httptest.NewRequest(http.MethodPost, "https://api.github.com/repos/czkkkkkk/gccl", nil)
	w := httptest.NewRecorder()
	a.ServeHTTP(w, r)
	if w.Code != http.StatusMethodNotAllowed || !strings.Contains(w.Body.String(), "POST") {
		t.Errorf("POST: %d %q, want 405 naming POST", w.Code, w.Body)
	}
}

func TestArchiveLogAndCounts(t *testing.T) {
	a := testArchive(t)
	urls := []string{
		"https://api.github.com/repos/czkkkkkk/gccl",
		"https://api.github.com/repos/czkkkkkk/gccl",
		"https://dblp.org/search/publ/api?q=Lyra",
		"https://dblp.org/search/publ/api?q=Lyra",
		"https://dblp.org/robots.txt",
		"https://dblp.org/search/publ/api?q=Pocket&format=json",
	}
	for _, u := range urls {
		get(a, u)
	}
	if got := a.Requests(); !slices.Equal(got, urls) {
		t.Errorf("Requests() = %q, want %q", got, urls)
	}
	if got, want := a.Unmatched(), []string{"https://dblp.org/search/publ/api?q=Lyra"}; !slices.Equal(got, want) {
		t.Errorf("Unmatched() = %q, want %q", got, want)
	}
	c := a.Counts()
	if c.Total != 6 || c.Served != 3 || c.Unmatched != 2 || c.Robots != 1 || c.ByHost["dblp.org"] != 4 || c.ByHost["api.github.com"] != 2 {
		t.Errorf("Counts() = %+v", c)
	}
	if got := a.Hits("https://api.github.com/repos/czkkkkkk/gccl?per_page=1"); got != 2 {
		t.Errorf("Hits(gccl) = %d, want 2", got)
	}
	if got := a.Hits("https://dblp.org/search/publ/api?q=pocket"); got != 1 {
		t.Errorf("Hits(pocket) = %d, want 1", got)
	}
	if got := a.Hits("https://dblp.org/search/publ/api?q=Lyra"); got != 0 {
		t.Errorf("Hits(unrecorded) = %d, want 0", got)
	}
	a.Reset()
	if c := a.Counts(); c.Total != 0 || len(a.Requests()) != 0 || len(a.Unmatched()) != 0 || a.Hits("https://api.github.com/repos/czkkkkkk/gccl") != 0 {
		t.Errorf("after Reset: %+v, %q", c, a.Requests())
	}
}

func TestArchiveOriginFormAndForHost(t *testing.T) {
	a := testArchive(t)
	// A request sent straight to the archive (not through a proxy) is
	// matched on its Host header.
	r := httptest.NewRequest(http.MethodGet, "/works/10.1145/3477132.3483553", nil)
	r.Host = "api.crossref.org"
	w := httptest.NewRecorder()
	a.ServeHTTP(w, r)
	if w.Code != 200 || !strings.Contains(w.Body.String(), "3477132.3483553") {
		t.Errorf("origin-form request: %d %q", w.Code, w.Body)
	}

	srv := httptest.NewServer(a.ForHost("dblp.org"))
	defer srv.Close()
	resp, err := srv.Client().Get(srv.URL + "/search/publ/api?q=Pocket&format=json&h=10")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("ForHost: status %d", resp.StatusCode)
	}
	reqs := a.Requests()
	if want := "https://dblp.org/search/publ/api?q=Pocket&format=json&h=10"; reqs[len(reqs)-1] != want {
		t.Errorf("logged %q, want %q", reqs[len(reqs)-1], want)
	}
}
