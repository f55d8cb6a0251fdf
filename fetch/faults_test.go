package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

// testLogger logs warnings and above to w as text.
func testLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelWarn}))
}

// arrivalLog records when requests arrived.
type arrivalLog struct {
	mu sync.Mutex
	at []time.Time
}

func (a *arrivalLog) add(t time.Time) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.at = append(a.at, t)
}

// minGap is the shortest time between consecutive arrivalLog.
func (a *arrivalLog) minGap() time.Duration {
	a.mu.Lock()
	defer a.mu.Unlock()
	gap := time.Duration(1<<63 - 1)
	for i := 1; i < len(a.at); i++ {
		gap = min(gap, a.at[i].Sub(a.at[i-1]))
	}
	return gap
}

// A 429 or 503 asking for more than MaxRetryWait pauses the whole host: its
// later requests fail at once with a HostPausedError naming the host and
// the wait, no request is made, other hosts go on, and Stats say so.
func TestRetryAfterBeyondCapPausesTheHost(t *testing.T) {
	for _, code := range []int{http.StatusTooManyRequests, http.StatusServiceUnavailable} {
		t.Run(http.StatusText(code), func(t *testing.T) {
			var hits atomic.Int32
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				hits.Add(1)
				w.Header().Set("Retry-After", "3600")
				w.WriteHeader(code)
			}))
			defer srv.Close()
			other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "fine") }))
			defer other.Close()
			var logs strings.Builder
			cfg := fastConfig()
			cfg.Logger = testLogger(&logs)
			c := New(cfg)
			ctx := context.Background()
			if _, err := c.Get(ctx, Request{URL: srv.URL + "/first"}); !errors.Is(err, ErrRateLimited) {
				t.Fatalf("first: err = %v, want ErrRateLimited", err)
			}
			host := hostOf(t, srv.URL)
			for i := range 3 {
				u := fmt.Sprintf("%s/later/%d", srv.URL, i)
				_, err := c.Get(ctx, Request{URL: u})
				var pe *HostPausedError
				if !errors.As(err, &pe) || !errors.Is(err, ErrRateLimited) {
					t.Fatalf("later: err = %v, want a HostPausedError", err)
				}
				want := fmt.Sprintf("GET %s: rate limited: host %s paused for the rest of the run (HTTP %d asked to wait 1h0m0s, Retry-After)", u, host, code)
				if err.Error() != want {
					t.Errorf("err = %q\nwant  %q", err, want)
				}
			}
			if n := hits.Load(); n != 1 {
				t.Errorf("the paused host got %d requests, want 1", n)
			}
			if _, err := c.Get(ctx, Request{URL: other.URL + "/x"}); err != nil {
				t.Errorf("another host: %v", err)
			}
			st := c.Stats()[host]
			if st.Paused == nil || st.Paused.Status != code || st.Paused.RetryAfter != time.Hour || st.Paused.Skipped != 3 {
				t.Errorf("Stats paused = %+v, want status %d, 1h, 3 skipped", st.Paused, code)
			}
			if got := c.PausedHosts(); len(got) != 1 || got[0] != host {
				t.Errorf("PausedHosts = %q, want [%s]", got, host)
			}
			if n := strings.Count(logs.String(), "host paused for the rest of the run"); n != 1 {
				t.Errorf("%d pause warnings, want 1:\n%s", n, logs.String())
			}
		})
	}
}

// bücher.example and xn--bcher-kva.example are one host: one limiter, one
// robots.txt, one line of Stats, and --rate given in either form applies.
func TestIDNHostsAreOneHost(t *testing.T) {
	var robots atomic.Int32
	var mu arrivalLog
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/robots.txt" {
			robots.Add(1)
			return
		}
		mu.add(time.Now())
		fmt.Fprint(w, r.Host)
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(strings.TrimPrefix(srv.URL, "http://"))
	tr := directTransport()
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, strings.TrimPrefix(srv.URL, "http://"))
	}
	cfg := fastConfig()
	cfg.Transport = tr
	cfg.IgnoreRobots = false
	cfg.HostRates = map[string]rate.Limit{"bücher.example:" + port: 5}
	c := New(cfg)
	ctx := context.Background()
	for i, h := range []string{"bücher.example", "xn--bcher-kva.example", "bücher.example", "xn--bcher-kva.example"} {
		resp, err := c.Get(ctx, Request{URL: fmt.Sprintf("http://%s:%s/p/%d", h, port, i)})
		if err != nil {
			t.Fatal(err)
		}
		if want := "xn--bcher-kva.example:" + port; string(resp.Body) != want {
			t.Errorf("Host header %q, want %q", resp.Body, want)
		}
	}
	if n := robots.Load(); n != 1 {
		t.Errorf("robots.txt fetched %d times, want 1", n)
	}
	stats := c.Stats()
	if len(stats) != 1 || stats["xn--bcher-kva.example:"+port].Requests != 5 {
		t.Errorf("Stats = %+v, want one host xn--bcher-kva.example:%s with 5 requests", stats, port)
	}
	if gap := mu.minGap(); gap < 190*time.Millisecond {
		t.Errorf("requests %s apart, want at least 200ms (5/s for the one host)", gap)
	}
	if got := (Config{HostRates: cfg.HostRates}).RateFor("xn--bcher-kva.example:" + port); got != 5 {
		t.Errorf("RateFor(punycode) = %v, want 5", got)
	}
}

// A proxy that refuses connections is named in the error, which is not
// retried; an unparsable proxy setting is refused by ProxyFromEnv.
func TestProxyErrors(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := "http://" + l.Addr().String()
	l.Close() // nothing listens there now: connections are refused

	proxy, err := ProxyFromEnv(func(k string) string {
		return map[string]string{"HTTP_PROXY": closed}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	cfg := fastConfig()
	cfg.Transport = nil
	cfg.Proxy = proxy
	c := New(cfg)
	_, err = c.Get(context.Background(), Request{URL: "http://papers.example/p"})
	want := "GET http://papers.example/p: cannot reach proxy " + closed + ": connection refused"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v\nwant  %s", err, want)
	}
	if st := c.Stats()["papers.example"]; st.Requests != 1 || st.Retries != 0 {
		t.Errorf("stats %+v, want 1 request and no retry", st)
	}

	for _, tt := range []struct {
		env  map[string]string
		want string
	}{
		{map[string]string{"HTTPS_PROXY": "http://[::1"}, `HTTPS_PROXY="http://[::1" is not a usable proxy: malformed URL (missing ']' in host)`},
		{map[string]string{"http_proxy": "ftp://proxy:21"}, `http_proxy="ftp://proxy:21" is not a usable proxy: scheme "ftp" is not http, https or socks5`},
		{map[string]string{"HTTPS_PROXY": "http://user:secret@[::1"}, `HTTPS_PROXY="http://***@[::1" is not a usable proxy: malformed URL (missing ']' in host)`},
		{map[string]string{"HTTPS_PROXY": "http://:8080"}, `HTTPS_PROXY="http://:8080" is not a usable proxy: no host`},
	} {
		_, err := ProxyFromEnv(func(k string) string { return tt.env[k] })
		if err == nil || err.Error() != tt.want {
			t.Errorf("ProxyFromEnv(%v) = %v\nwant  %s", tt.env, err, tt.want)
		}
	}
	for _, ok := range []string{"proxy.example:3128", "http://[::1]:3128", "socks5://127.0.0.1:1080", "https://u:p@proxy.example"} {
		if _, err := ProxyFromEnv(func(k string) string { return map[string]string{"HTTPS_PROXY": ok}[k] }); err != nil {
			t.Errorf("ProxyFromEnv(%s): %v", ok, err)
		}
	}
}
