package fetch

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// A Retry-After answer holds every request to the host, not only the retry
// of the URL that got it; robots.txt's Crawl-delay slows the host down.
func TestRetryAfterHoldsTheHostAndCrawlDelaySlowsIt(t *testing.T) {
	var mu sync.Mutex
	arrivals := map[string][]time.Time{}
	limited := false
	got429 := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		arrivals[r.URL.Path] = append(arrivals[r.URL.Path], time.Now())
		first := !limited && r.URL.Path == "/a"
		if first {
			limited = true
		}
		mu.Unlock()
		switch {
		case r.URL.Path == "/robots.txt":
			w.Write([]byte("User-agent: *\nCrawl-delay: 0.3\n"))
		case first:
			w.Header().Set("Retry-After", "1")
			w.WriteHeader(http.StatusTooManyRequests)
			close(got429)
		default:
			w.Write([]byte("ok"))
		}
	}))
	defer srv.Close()
	c := New(Config{UserAgent: "paperlist-test", DefaultRate: 100, AllowPrivateHosts: true, MinRetryWait: time.Millisecond, MaxRetryWait: 5 * time.Second})
	ctx := context.Background()
	start := time.Now()
	done := make(chan error)
	go func() {
		_, err := c.Get(ctx, Request{URL: srv.URL + "/a"})
		done <- err
	}()
	<-got429 // /b is asked for while /a waits out its Retry-After
	if _, err := c.Get(ctx, Request{URL: srv.URL + "/b"}); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	a, b := arrivals["/a"], arrivals["/b"]
	if len(a) != 2 || len(b) != 1 {
		t.Fatalf("arrivals a=%d b=%d", len(a), len(b))
	}
	if gap := a[1].Sub(a[0]); gap < time.Second {
		t.Errorf("retry of /a came %s after the 429, want >= 1s", gap)
	}
	if gap := b[0].Sub(a[0]); gap < time.Second {
		t.Errorf("/b came %s after the 429 on the same host, want >= 1s", gap)
	}
	if gap := b[0].Sub(a[1]).Abs(); gap < 290*time.Millisecond {
		t.Errorf("/a and /b came %s apart, want >= the 0.3s crawl delay (10ms tolerance)", gap)
	}
	t.Logf("run took %s", time.Since(start))
}

// Go copies the first request's headers to every redirect hop: an API key
// must not reach another host, not even two hops later.
func TestAPIKeyNotForwardedAcrossHosts(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]string{}
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen[r.URL.Path] = r.Header.Get("X-Api-Key")
		mu.Unlock()
		if r.URL.Path == "/a" {
			http.Redirect(w, r, "/b", http.StatusFound)
			return
		}
		w.Write([]byte("{}"))
	}))
	defer other.Close()
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			http.NotFound(w, r)
			return
		}
		http.Redirect(w, r, other.URL+"/a", http.StatusFound)
	}))
	defer api.Close()
	c := New(Config{UserAgent: "paperlist-test", DefaultRate: 100, AllowPrivateHosts: true})
	h := http.Header{}
	h.Set("X-Api-Key", "SECRET")
	if _, err := c.Get(context.Background(), Request{URL: api.URL + "/paper", Header: h}); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if seen["/a"] != "" || seen["/b"] != "" {
		t.Errorf("the API key reached another host: %v", seen)
	}
}

// A renamed GitHub repository answers 301 with a Location: the client
// follows it and hands back the repository under its new name.
func TestRenamedRepositoryIsFollowed(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/repos/old/name":
			w.Header().Set("Location", "/repositories/42")
			w.WriteHeader(http.StatusMovedPermanently)
			w.Write([]byte(`{"message":"Moved Permanently","url":"/repositories/42"}`))
		case "/repositories/42":
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"full_name":"new/name"}`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	c := New(Config{UserAgent: "paperlist-test", DefaultRate: 100, AllowPrivateHosts: true})
	resp, err := c.Get(context.Background(), Request{URL: srv.URL + "/repos/old/name", Accept: "application/json"})
	if err != nil {
		t.Fatal(err)
	}
	if string(resp.Body) != `{"full_name":"new/name"}` || resp.FinalURL != srv.URL+"/repositories/42" {
		t.Errorf("body %s, final URL %s", resp.Body, resp.FinalURL)
	}
}
