package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
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
		wantErr string // "" for allowed; %s is the URL, HOST its host
	}{
		{"allowed for paperlist", 200, robotsTxt, "/conference/osdi23/presentation/li-zhouhan", ""},
		{"disallowed for paperlist", 200, robotsTxt, "/drafts/paper.pdf", "GET %s: disallowed by robots.txt"},
		{"query is matched too", 200, "User-agent: paperlist\nDisallow: /search?q=\n", "/search?q=dgcl", "GET %s: disallowed by robots.txt"},
		{"404 allows everything", 404, "not found", "/drafts/paper.pdf", ""},
		{"403 allows everything", 403, "forbidden", "/drafts/paper.pdf", ""},
		{"503 after retries disallows the host for a while", 503, "down", "/conference/osdi23", "GET %s: robots.txt unavailable (HTTP 503, giving up after 5 attempts); not fetching from HOST until 03:09:05"},
		{"429 after retries disallows the host for a while", 429, "slow down", "/conference/osdi23", "GET %s: robots.txt unavailable (HTTP 429, giving up after 5 attempts); not fetching from HOST until 03:09:05"},
		{"empty file allows everything", 200, "", "/drafts/x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := &robotsServer{status: tt.status, body: tt.body}
			srv := httptest.NewServer(rs)
			defer srv.Close()
			cfg := fastConfig()
			cfg.IgnoreRobots = false
			cfg.Now = fixedNow
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
				if want := strings.ReplaceAll(fmt.Sprintf(tt.wantErr, url), "HOST", hostOf(t, srv.URL)); err.Error() != want {
					t.Errorf("err = %q\nwant  %q", err, want)
				}
				if rs.pageHits.Load() != 0 {
					t.Error("the page was fetched anyway")
				}
			}
			// A second request to the host does not fetch robots.txt again
			// (a failing one is retried 4 times, then left alone for a while).
			c.Get(context.Background(), Request{URL: srv.URL + "/other"})
			want := int32(1)
			if tt.status >= 429 {
				want = 5
			}
			if n := rs.robotsHits.Load(); n != want {
				t.Errorf("robots.txt fetched %d times, want %d", n, want)
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
	want := "GET " + srv.URL + "/paper: robots.txt unavailable (connection reset by server, giving up after 5 attempts); not fetching from " + hostOf(t, srv.URL) + " until "
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("err = %q\nwant  %q...", err, want)
	}
}

// fixedNow is a test clock: 2026-01-02T03:04:05Z.
func fixedNow() time.Time { return time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC) }

// memRobots is a RobotsStore in memory.
type memRobots struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (s *memRobots) LoadRobots(_ context.Context, u string) ([]byte, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.m[u]
	return b, ok, nil
}

func (s *memRobots) SaveRobots(_ context.Context, u string, body []byte, _ time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string][]byte{}
	}
	s.m[u] = append([]byte{}, body...)
	return nil
}

// flakyRobots serves robots.txt (robotsTxt) after failing its first
// len(fails) requests with fails[i], and "page <path>" for anything else.
type flakyRobots struct {
	fails      []http.HandlerFunc
	robotsHits atomic.Int32
}

func (s *flakyRobots) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/robots.txt" {
		fmt.Fprint(w, "page ", r.URL.Path)
		return
	}
	n := int(s.robotsHits.Add(1))
	if n <= len(s.fails) {
		s.fails[n-1](w, r)
		return
	}
	fmt.Fprint(w, robotsTxt)
}

// cutRobots announces the whole robots.txt and sends half of it.
func cutRobots(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Length", strconv.Itoa(len(robotsTxt)))
	w.Write([]byte(robotsTxt[:len(robotsTxt)/2]))
}

// One robots.txt glitch (a 503, a cut body, a reset) is retried like any
// request: the host is not lost, robots.txt is obeyed, and the good copy is
// stored for later runs.
func TestRobotsTransientFailuresRetried(t *testing.T) {
	tests := []struct {
		name  string
		fails []http.HandlerFunc
	}{
		{"one 503", []http.HandlerFunc{func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(503) }}},
		{"a 500 then a 429", []http.HandlerFunc{
			func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(500) },
			func(w http.ResponseWriter, r *http.Request) { w.Header().Set("Retry-After", "0"); w.WriteHeader(429) },
		}},
		{"a cut body", []http.HandlerFunc{cutRobots}},
		{"a reset connection", []http.HandlerFunc{func(w http.ResponseWriter, r *http.Request) { resetConn(t, w) }}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := &flakyRobots{fails: tt.fails}
			srv := httptest.NewServer(rs)
			defer srv.Close()
			store := &memRobots{}
			cfg := fastConfig()
			cfg.IgnoreRobots = false
			cfg.RobotsStore = store
			c := New(cfg)
			resp, err := c.Get(context.Background(), Request{URL: srv.URL + "/papers/a"})
			if err != nil {
				t.Fatalf("allowed page: %v", err)
			}
			if string(resp.Body) != "page /papers/a" {
				t.Errorf("body %q", resp.Body)
			}
			if _, err := c.Get(context.Background(), Request{URL: srv.URL + "/drafts/b"}); !errors.Is(err, ErrDisallowed) {
				t.Errorf("drafts: err = %v, want ErrDisallowed", err)
			}
			if n, want := rs.robotsHits.Load(), int32(len(tt.fails)+1); n != want {
				t.Errorf("robots.txt fetched %d times, want %d", n, want)
			}
			if b, ok, _ := store.LoadRobots(context.Background(), srv.URL+"/robots.txt"); !ok || string(b) != robotsTxt {
				t.Errorf("stored robots.txt %q (%v), want the served one", b, ok)
			}
		})
	}
}

// A robots.txt that stays unavailable falls back on the copy read on an
// earlier run; without one the host is disallowed only until RobotsRetry
// has passed, then robots.txt is asked for again.
func TestRobotsPersistentFailure(t *testing.T) {
	var down atomic.Bool
	down.Store(true)
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/robots.txt" {
			fmt.Fprint(w, "page ", r.URL.Path)
			return
		}
		hits.Add(1)
		if down.Load() {
			w.WriteHeader(http.StatusServiceUnavailable)
			return
		}
		fmt.Fprint(w, robotsTxt)
	}))
	defer srv.Close()

	t.Run("stored copy is obeyed", func(t *testing.T) {
		store := &memRobots{m: map[string][]byte{srv.URL + "/robots.txt": []byte("User-agent: paperlist\nDisallow: /old/\n")}}
		cfg := fastConfig()
		cfg.IgnoreRobots = false
		cfg.RobotsStore = store
		c := New(cfg)
		if _, err := c.Get(context.Background(), Request{URL: srv.URL + "/papers/a"}); err != nil {
			t.Errorf("allowed by the stored copy: %v", err)
		}
		if _, err := c.Get(context.Background(), Request{URL: srv.URL + "/old/x"}); !errors.Is(err, ErrDisallowed) || !strings.HasSuffix(err.Error(), ": disallowed by robots.txt") {
			t.Errorf("disallowed by the stored copy: err = %v", err)
		}
	})

	t.Run("no copy: disallowed for a while, then asked again", func(t *testing.T) {
		hits.Store(0)
		var mu sync.Mutex
		now := fixedNow()
		cfg := fastConfig()
		cfg.IgnoreRobots = false
		cfg.RobotsRetry = time.Minute
		cfg.Now = func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
		c := New(cfg)
		_, err := c.Get(context.Background(), Request{URL: srv.URL + "/papers/a"})
		if !errors.Is(err, ErrDisallowed) || !strings.Contains(err.Error(), "robots.txt unavailable (HTTP 503, giving up after 5 attempts); not fetching from "+hostOf(t, srv.URL)+" until 03:05:05") {
			t.Fatalf("err = %v", err)
		}
		mu.Lock()
		now = now.Add(59 * time.Second)
		mu.Unlock()
		if _, err := c.Get(context.Background(), Request{URL: srv.URL + "/papers/b"}); !errors.Is(err, ErrDisallowed) {
			t.Errorf("within the minute: err = %v, want ErrDisallowed", err)
		}
		if n := hits.Load(); n != 5 {
			t.Errorf("robots.txt fetched %d times within the minute, want 5", n)
		}
		down.Store(false)
		mu.Lock()
		now = now.Add(time.Second)
		mu.Unlock()
		resp, err := c.Get(context.Background(), Request{URL: srv.URL + "/papers/c"})
		if err != nil || string(resp.Body) != "page /papers/c" {
			t.Fatalf("after the minute: %v", err)
		}
		if n := hits.Load(); n != 6 {
			t.Errorf("robots.txt fetched %d times, want 6", n)
		}
	})
}
