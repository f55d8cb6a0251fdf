package bench

import (
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Farm is a set of local HTTP servers, one per simulated host. Each answers
// GET /conference/<venue><yy>/presentation/<n> with a paper page (PaperN(n)
// in citation_* meta tags, plus a body of realistic size) and GET
// /robots.txt with an allow-all file, after the farm's latency. It counts
// the requests each host received and the latency it spent.
type Farm struct {
	servers []*httptest.Server
	latency Latency

	mu       sync.Mutex
	requests []int
	waited   []time.Duration
}

// NewFarm starts n servers on 127.0.0.1 (clients need
// --allow-private-hosts). latency nil means RealisticLatency.
func NewFarm(n int, latency Latency) *Farm {
	if latency == nil {
		latency = RealisticLatency()
	}
	f := &Farm{latency: latency, requests: make([]int, n), waited: make([]time.Duration, n)}
	for i := range n {
		f.servers = append(f.servers, httptest.NewServer(f.handler(i)))
	}
	return f
}

// Close stops every server.
func (f *Farm) Close() {
	for _, s := range f.servers {
		s.Close()
	}
}

// URLs returns the base URL of each host ("http://127.0.0.1:PORT").
func (f *Farm) URLs() []string {
	out := make([]string, len(f.servers))
	for i, s := range f.servers {
		out[i] = s.URL
	}
	return out
}

// HostKeys returns each host as paperlist's --rate flag names it
// ("127.0.0.1:PORT").
func (f *Farm) HostKeys() []string {
	out := make([]string, len(f.servers))
	for i, s := range f.servers {
		out[i] = strings.TrimPrefix(s.URL, "http://")
	}
	return out
}

// Requests returns how many requests each host has received so far.
func (f *Farm) Requests() []int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]int(nil), f.requests...)
}

// MeanLatency is the average latency of the answers given so far (0 before
// the first).
func (f *Farm) MeanLatency() time.Duration {
	f.mu.Lock()
	defer f.mu.Unlock()
	var n int
	var sum time.Duration
	for i := range f.requests {
		n += f.requests[i]
		sum += f.waited[i]
	}
	if n == 0 {
		return 0
	}
	return sum / time.Duration(n)
}

func (f *Farm) handler(host int) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		d := f.latency(host, r.URL.Path)
		f.mu.Lock()
		f.requests[host]++
		f.waited[host] += d
		f.mu.Unlock()
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return
		}
		if r.URL.Path == "/robots.txt" {
			w.Header().Set("Content-Type", "text/plain")
			fmt.Fprint(w, "User-agent: *\nAllow: /\n")
			return
		}
		n, year, ok := parsePaperPath(r.URL.Path)
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		w.Write(PaperPage(PaperN(n), year)) //nolint:errcheck // the client went away
	})
}

// parsePaperPath reads /conference/<venue><yy>/presentation/<n>.
func parsePaperPath(p string) (n, year int, ok bool) {
	parts := strings.Split(strings.Trim(p, "/"), "/")
	if len(parts) != 4 || parts[0] != "conference" || parts[2] != "presentation" || len(parts[1]) < 3 {
		return 0, 0, false
	}
	n, err := strconv.Atoi(parts[3])
	if err != nil || n < 0 {
		return 0, 0, false
	}
	yy, err := strconv.Atoi(parts[1][len(parts[1])-2:])
	if err != nil {
		return 0, 0, false
	}
	return n, 2000 + yy, true
}

// PaperPage renders p as a conference page with Highwire citation_* tags,
// padded with navigation and prose to about 20 KB, the size of a real
// proceedings page.
func PaperPage(p Paper, year int) []byte {
	var b strings.Builder
	b.Grow(21 << 10)
	e := html.EscapeString
	fmt.Fprintf(&b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>%s | Proceedings</title>\n", e(p.Title))
	fmt.Fprintf(&b, "<meta name=\"citation_title\" content=\"%s\">\n", e(p.Title))
	for _, a := range p.Authors {
		first, last, _ := strings.Cut(a.Name, " ")
		fmt.Fprintf(&b, "<meta name=\"citation_author\" content=\"%s, %s\">\n<meta name=\"citation_author_institution\" content=\"%s\">\n", e(last), e(first), e(a.Affiliation))
	}
	fmt.Fprintf(&b, "<meta name=\"citation_publication_date\" content=\"%d/07/10\">\n", year)
	fmt.Fprintf(&b, "<meta name=\"citation_conference_title\" content=\"Proceedings of the %d Systems Conference\">\n", year)
	fmt.Fprintf(&b, "<meta name=\"citation_firstpage\" content=\"%d\">\n<meta name=\"citation_lastpage\" content=\"%d\">\n", 100+p.N%500, 115+p.N%500)
	fmt.Fprintf(&b, "<meta name=\"citation_pdf_url\" content=\"/system/files/paper-%d.pdf\">\n", p.N)
	fmt.Fprintf(&b, "<meta name=\"citation_abstract\" content=\"%s\">\n", e(p.Abstract))
	b.WriteString("<link rel=\"stylesheet\" href=\"/static/site.css\"></head>\n<body><nav><ul>")
	for i := range 60 {
		fmt.Fprintf(&b, "<li><a href=\"/section/%d\">Section %d of the conference site</a></li>", i, i)
	}
	fmt.Fprintf(&b, "</ul></nav>\n<main><h1>%s</h1>\n<section class=\"abstract\"><p>%s</p></section>\n", e(p.Title), e(p.Abstract))
	for b.Len() < 20<<10 {
		fmt.Fprintf(&b, "<p class=\"filler\">%s</p>\n", e(p.Abstract))
	}
	b.WriteString("</main></body></html>\n")
	return []byte(b.String())
}
