package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
)

func TestRedirectLoopStops(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		next := "/a"
		if r.URL.Path == "/a" {
			next = "/b"
		}
		http.Redirect(w, r, next, http.StatusFound)
	}))
	defer srv.Close()
	c := New(fastConfig())
	_, err := c.Get(context.Background(), Request{URL: srv.URL + "/a"})
	want := "GET " + srv.URL + "/a: stopped after 5 redirects (redirect loop?), last to " + srv.URL + "/a"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v\nwant  %s", err, want)
	}
	if n := hits.Load(); n != 6 {
		t.Errorf("%d requests, want 6 (the first and 5 redirects; not retried)", n)
	}
}

// proxyTransport sends every request through srv as an HTTP proxy, so that
// a test can use public-looking host names without DNS: the client trusts
// a proxy to resolve them.
func proxyTransport(t *testing.T, srv *httptest.Server) *http.Transport {
	t.Helper()
	pu, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	tr := directTransport()
	tr.Proxy = http.ProxyURL(pu)
	return tr
}

func TestRedirectTargetsChecked(t *testing.T) {
	tests := []struct {
		name    string
		to      string
		wantErr string // after "GET http://papers.example/start: "
	}{
		{"to file:", "file:///etc/passwd",
			`redirect refused: file:///etc/passwd: link target not allowed (scheme "file" is not http or https)`},
		{"to cloud metadata", "http://169.254.169.254/latest/meta-data/",
			"redirect refused: http://169.254.169.254/latest/meta-data/: link target not allowed (cloud metadata address 169.254.169.254)"},
		{"to loopback", "http://127.0.0.1:8080/admin",
			"redirect refused: http://127.0.0.1:8080/admin: link target not allowed (loopback address 127.0.0.1)"},
		{"to a private network", "http://10.0.0.7/",
			"redirect refused: http://10.0.0.7/: link target not allowed (private address 10.0.0.7)"},
		{"to localhost", "http://localhost/",
			"redirect refused: http://localhost/: link target not allowed (localhost)"},
		{"to credentials", "http://user:pass@papers.example/x",
			"redirect refused: http://REDACTED@papers.example/x: link target not allowed (credentials in the URL)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var mu sync.Mutex
			var seen []string
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				seen = append(seen, r.Host+r.URL.Path)
				mu.Unlock()
				if r.Host != "papers.example" {
					t.Errorf("request reached %s%s", r.Host, r.URL.Path)
					return
				}
				w.Header().Set("Location", tt.to)
				w.WriteHeader(http.StatusMovedPermanently)
			}))
			defer srv.Close()
			cfg := fastConfig()
			cfg.AllowPrivateHosts = false
			cfg.Transport = proxyTransport(t, srv)
			c := New(cfg)
			_, err := c.Get(context.Background(), Request{URL: "http://papers.example/start"})
			if !errors.Is(err, ErrTarget) {
				t.Fatalf("err = %v, want ErrTarget", err)
			}
			if want := "GET http://papers.example/start: " + tt.wantErr; err.Error() != want {
				t.Errorf("err = %q\nwant  %q", err, want)
			}
			if len(seen) != 1 {
				t.Errorf("requests %v, want only the first", seen)
			}
		})
	}
}

func TestTokenOnlyToTokenHost(t *testing.T) {
	type hit struct{ server, path, auth string }
	var mu sync.Mutex
	var hits []hit
	record := func(name string) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			mu.Lock()
			hits = append(hits, hit{name, r.URL.Path, r.Header.Get("Authorization")})
			mu.Unlock()
			if loc := r.URL.Query().Get("to"); loc != "" {
				http.Redirect(w, r, loc, http.StatusFound)
				return
			}
			fmt.Fprint(w, name)
		}
	}
	gh := httptest.NewTLSServer(record("github"))
	defer gh.Close()
	other := httptest.NewTLSServer(record("other")) // same 127.0.0.1, another port
	defer other.Close()
	plain := httptest.NewServer(record("plain"))
	defer plain.Close()

	cfg := fastConfig()
	cfg.Transport = gh.Client().Transport // trusts the httptest certificate
	cfg.TokenHost = hostOf(t, gh.URL)
	cfg.GitHubToken = "ghp_secret"
	c := New(cfg)
	ctx := context.Background()
	gets := []string{
		gh.URL + "/repos/czkkkkkk/gccl",
		gh.URL + "/repos/old/name?to=" + url.QueryEscape("/repos/czkkkkkk/gccl"),
		gh.URL + "/redirect?to=" + url.QueryEscape(other.URL+"/download"),
		other.URL + "/direct?to=" + url.QueryEscape(gh.URL+"/back"),
		plain.URL + "/plain",
	}
	for _, u := range gets {
		if _, err := c.Get(ctx, Request{URL: u}); err != nil {
			t.Fatal(err)
		}
	}
	want := []hit{
		{"github", "/repos/czkkkkkk/gccl", "Bearer ghp_secret"},
		{"github", "/repos/old/name", "Bearer ghp_secret"},
		{"github", "/repos/czkkkkkk/gccl", "Bearer ghp_secret"},
		{"github", "/redirect", "Bearer ghp_secret"},
		{"other", "/download", ""}, // stripped: same IP, other port
		{"other", "/direct", ""},
		{"github", "/back", "Bearer ghp_secret"},
		{"plain", "/plain", ""},
	}
	if len(hits) != len(want) {
		t.Fatalf("hits %v, want %v", hits, want)
	}
	for i := range want {
		if hits[i] != want[i] {
			t.Errorf("hit %d = %+v, want %+v", i, hits[i], want[i])
		}
	}
}

func TestTokenNotSentOverPlainHTTP(t *testing.T) {
	var auth atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth.Store(r.Header.Get("Authorization"))
	}))
	defer srv.Close()
	cfg := fastConfig()
	cfg.TokenHost = hostOf(t, srv.URL)
	cfg.GitHubToken = "ghp_secret"
	if _, err := New(cfg).Get(context.Background(), Request{URL: srv.URL + "/repos/x/y"}); err != nil {
		t.Fatal(err)
	}
	if a := auth.Load().(string); a != "" {
		t.Errorf("Authorization %q sent over http", a)
	}
}
