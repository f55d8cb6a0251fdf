package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

const robotsTxt = `# paperlist may read papers, not drafts; everyone else nothing
User-agent: *
Disallow: /

User-agent: paperlist
Disallow: /drafts/
Allow: /
`

// robotsServer serves robots.txt with the given status and body, and
// "page <path>" for anything else. It counts both.
type robotsServer struct {
	status      int
	body        string
	robotsHits  atomic.Int32
	pageHits    atomic.Int32
	mu          sync.Mutex
	robotsAgent string
}

func (s *robotsServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/robots.txt" {
		s.robotsHits.Add(1)
		s.mu.Lock()
		s.robotsAgent = r.UserAgent()
		s.mu.Unlock()
		w.WriteHeader(s.status)
		fmt.Fprint(w, s.body)
		return
	}
	s.pageHits.Add(1)
	fmt.Fprint(w, "page ", r.URL.Path)
}

func TestRobots(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		body    string
		path    string
		wantErr string // "" for allowed; %s is the URL
	}{
		{"allowed for paperlist", 200, robotsTxt, "/conference/osdi23/presentation/li-zhouhan", ""},
		{"disallowed for paperlist", 200, robotsTxt, "/drafts/paper.pdf", "GET %s: disallowed by robots.txt"},
		{"query is matched too", 200, "User-agent: paperlist\nDisallow: /search?q=\n", "/search?q=dgcl", "GET %s: disallowed by robots.txt"},
		{"404 allows everything", 404, "not found", "/drafts/paper.pdf", ""},
		{"403 allows everything", 403, "forbidden", "/drafts/paper.pdf", ""},
		{"503 disallows the host", 503, "down", "/conference/osdi23", "GET %s: robots.txt unavailable (HTTP 503); not fetching"},
		{"429 disallows the host", 429, "slow down", "/conference/osdi23", "GET %s: robots.txt unavailable (HTTP 429); not fetching"},
		{"empty file allows everything", 200, "", "/drafts/x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := &robotsServer{status: tt.status, body: tt.body}
			srv := httptest.NewServer(rs)
			defer srv.Close()
			cfg := fastConfig()
			cfg.IgnoreRobots = false
			c := New(cfg)
			url := srv.URL + tt.path
			resp, err := c.Get(context.Background(), Request{URL: url})
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if want := "page " + strings.SplitN(tt.path, "?", 2)[0]; string(resp.Body) != want {
					t.Errorf("body %q, want %q", resp.Body, want)
				}
			} else {
				if !errors.Is(err, ErrDisallowed) {
					t.Fatalf("err = %v, want ErrDisallowed", err)
				}
				if want := fmt.Sprintf(tt.wantErr, url); err.Error() != want {
					t.Errorf("err = %q\nwant  %q", err, want)
				}
				if rs.pageHits.Load() != 0 {
					t.Error("the page was fetched anyway")
				}
			}
			// A second request to the host does not fetch robots.txt again.
			c.Get(context.Background(), Request{URL: srv.URL + "/other"})
			if n := rs.robotsHits.Load(); n != 1 {
				t.Errorf("robots.txt fetched %d times, want 1", n)
			}
			if rs.robotsAgent != testUA {
				t.Errorf("robots.txt fetched with User-Agent %q", rs.robotsAgent)
			}
		})
	}
}

func TestRobotsFetchedOnceUnderConcurrency(t *testing.T) {
	rs := &robotsServer{status: 200, body: robotsTxt}
	srv := httptest.NewServer(rs)
	defer srv.Close()
	cfg := fastConfig()
	cfg.IgnoreRobots = false
	c := New(cfg)
	var wg sync.WaitGroup
	var disallowed atomic.Int32
	for i := range 8 {
		wg.Go(func() {
			path := fmt.Sprintf("/papers/%d", i)
			if i%2 == 1 {
				path = fmt.Sprintf("/drafts/%d", i)
			}
			_, err := c.Get(context.Background(), Request{URL: srv.URL + path})
			if errors.Is(err, ErrDisallowed) {
				disallowed.Add(1)
			} else if err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if n := rs.robotsHits.Load(); n != 1 {
		t.Errorf("robots.txt fetched %d times, want 1", n)
	}
	if rs.pageHits.Load() != 4 || disallowed.Load() != 4 {
		t.Errorf("%d pages fetched and %d disallowed, want 4 and 4", rs.pageHits.Load(), disallowed.Load())
	}
	// robots.txt is a request like any other: counted, and rate limited.
	if st := c.Stats()[hostOf(t, srv.URL)]; st.Requests != 5 {
		t.Errorf("Stats Requests = %d, want 5 (4 pages + robots.txt)", st.Requests)
	}
}

func TestRobotsNetworkFailureDisallows(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			resetConn(t, w)
			return
		}
		t.Errorf("page %s fetched without robots.txt", r.URL.Path)
	}))
	defer srv.Close()
	cfg := fastConfig()
	cfg.IgnoreRobots = false
	c := New(cfg)
	_, err := c.Get(context.Background(), Request{URL: srv.URL + "/paper"})
	if !errors.Is(err, ErrDisallowed) {
		t.Fatalf("err = %v, want ErrDisallowed", err)
	}
	want := "GET " + srv.URL + "/paper: robots.txt unavailable (GET " + srv.URL + "/robots.txt: connection reset by server); not fetching"
	if err.Error() != want {
		t.Errorf("err = %q\nwant  %q", err, want)
	}
}
