package fetch

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// scripted answers the i-th request (0-based) with steps[i], and the last
// step for any request beyond them. It records arrival times.
type scripted struct {
	steps []func(w http.ResponseWriter)
	n     atomic.Int32
	arr   arrivals
}

func (s *scripted) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.arr.note()
	i := int(s.n.Add(1)) - 1
	s.steps[min(i, len(s.steps)-1)](w)
}

func status(code int, header ...string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(code)
		fmt.Fprintf(w, "status %d", code)
	}
}

func body(s string) func(w http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, s)
	}
}

func TestRetryAfterHonoured(t *testing.T) {
	date := time.Date(2026, 6, 1, 12, 0, 2, 0, time.UTC)
	tests := []struct {
		name       string
		retryAfter string
		now        func() time.Time
		wantGap    time.Duration
	}{
		{"seconds", "1", nil, time.Second},
		// The fake clock stands 250ms before the date the server names, so
		// the wait is short; the real clock would make it months.
		{"HTTP-date by injected clock", date.Format(http.TimeFormat),
			func() time.Time { return date.Add(-250 * time.Millisecond) }, 250 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &scripted{steps: []func(http.ResponseWriter){
				status(http.StatusTooManyRequests, "Retry-After", tt.retryAfter),
				body(`{"title":"AlpaServe"}`),
			}}
			srv := httptest.NewServer(s)
			defer srv.Close()
			cfg := fastConfig()
			cfg.Now = tt.now
			c := New(cfg)
			resp, err := c.Get(context.Background(), Request{URL: srv.URL + "/works", Accept: "application/json"})
			if err != nil {
				t.Fatal(err)
			}
			if string(resp.Body) != `{"title":"AlpaServe"}` {
				t.Errorf("body %q", resp.Body)
			}
			gaps := s.arr.gaps()
			if len(gaps) != 1 {
				t.Fatalf("%d requests, want 2", len(gaps)+1)
			}
			if gaps[0] < tt.wantGap-spacingTolerance || gaps[0] > tt.wantGap+time.Second/2 {
				t.Errorf("waited %v between attempts, want about %v", gaps[0], tt.wantGap)
			}
			st := c.Stats()[hostOf(t, srv.URL)]
			if st.RateLimited != 1 || st.Retries != 1 || st.Requests != 2 || st.Errors != 0 {
				t.Errorf("Stats = %+v", st)
			}
		})
	}
}

func TestRetryAfterBeyondCapGivesUp(t *testing.T) {
	s := &scripted{steps: []func(http.ResponseWriter){
		status(http.StatusTooManyRequests, "Retry-After", "120"),
	}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	cfg := fastConfig()
	cfg.MaxRetryWait = time.Second
	c := New(cfg)
	_, err := c.Get(context.Background(), Request{URL: srv.URL + "/x"})
	if !errors.Is(err, ErrRateLimited) {
		t.Fatalf("err = %v, want ErrRateLimited", err)
	}
	want := "GET " + srv.URL + "/x: rate limited: HTTP 429, server asks to wait 2m0s, more than the 1s we wait; host " + hostOf(t, srv.URL) + " paused for the rest of the run"
	if err.Error() != want {
		t.Errorf("err = %q\nwant  %q", err, want)
	}
	if n := s.n.Load(); n != 1 {
		t.Errorf("%d requests, want 1", n)
	}
}

func TestRetryStatuses(t *testing.T) {
	crossref429 := readFixture(t, "crossref-429.html")
	tests := []struct {
		name     string
		steps    []func(http.ResponseWriter)
		wantBody string
		wantErr  string // exact message, with %s for the URL
		wantReqs int32
		wantIs   error
	}{
		{
			name: "503 burst then success",
			steps: []func(http.ResponseWriter){
				status(503), status(502), status(503), body(`{"ok":true}`),
			},
			wantBody: `{"ok":true}`, wantReqs: 4,
		},
		{
			name:     "503 until giving up",
			steps:    []func(http.ResponseWriter){status(503)},
			wantErr:  "GET %s: HTTP 503 Service Unavailable (giving up after 5 attempts)",
			wantReqs: 5,
		},
		{
			name:     "404 not retried",
			steps:    []func(http.ResponseWriter){status(404)},
			wantErr:  "GET %s: HTTP 404 Not Found",
			wantReqs: 1,
		},
		{
			name:     "400 not retried",
			steps:    []func(http.ResponseWriter){status(400)},
			wantErr:  "GET %s: HTTP 400 Bad Request",
			wantReqs: 1,
		},
		{
			name:     "501 not retried",
			steps:    []func(http.ResponseWriter){status(501)},
			wantErr:  "GET %s: HTTP 501 Not Implemented",
			wantReqs: 1,
		},
		{
			name:     "503 then 404 counts both attempts",
			steps:    []func(http.ResponseWriter){status(503), status(404)},
			wantErr:  "GET %s: HTTP 404 Not Found (giving up after 2 attempts)",
			wantReqs: 2,
		},
		{
			name:     "429 until giving up is rate limited",
			steps:    []func(http.ResponseWriter){status(429)},
			wantErr:  "GET %s: HTTP 429 Too Many Requests (giving up after 5 attempts)",
			wantReqs: 5, wantIs: ErrRateLimited,
		},
		{
			name: "Crossref's HTML 429 page is retried, not taken for a block",
			steps: []func(http.ResponseWriter){
				func(w http.ResponseWriter) {
					w.WriteHeader(429)
					w.Write(crossref429)
				},
				body(`{"status":"ok"}`),
			},
			wantBody: `{"status":"ok"}`, wantReqs: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &scripted{steps: tt.steps}
			srv := httptest.NewServer(s)
			defer srv.Close()
			c := New(fastConfig())
			url := srv.URL + "/works/10.1145/3477132.3483553"
			resp, err := c.Get(context.Background(), Request{URL: url, Accept: "application/json"})
			if n := s.n.Load(); n != tt.wantReqs {
				t.Errorf("%d requests, want %d", n, tt.wantReqs)
			}
			st := c.Stats()[hostOf(t, srv.URL)]
			if st.Requests != int(tt.wantReqs) || st.Retries != int(tt.wantReqs)-1 {
				t.Errorf("Stats = %+v, want %d requests", st, tt.wantReqs)
			}
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
				if string(resp.Body) != tt.wantBody || resp.Status != 200 {
					t.Errorf("got %d %q, want 200 %q", resp.Status, resp.Body, tt.wantBody)
				}
				return
			}
			if err == nil {
				t.Fatalf("no error, want %q", tt.wantErr)
			}
			if want := fmt.Sprintf(tt.wantErr, url); err.Error() != want {
				t.Errorf("err = %q\nwant  %q", err, want)
			}
			var se *StatusError
			if !errors.As(err, &se) || se.Attempts != int(tt.wantReqs) {
				t.Errorf("err = %#v, want *StatusError with %d attempts", err, tt.wantReqs)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("err does not match %v", tt.wantIs)
			}
			if st.Errors != 1 {
				t.Errorf("Stats Errors = %d, want 1", st.Errors)
			}
		})
	}
}

func TestGitHubQuota(t *testing.T) {
	code, hdr := readHeaders(t, "github-403-rate-limit.headers")
	quotaBody := readFixture(t, "github-403-rate-limit.json")
	exhausted := func(w http.ResponseWriter) {
		for k, v := range hdr {
			w.Header()[k] = v
		}
		w.WriteHeader(code)
		w.Write(quotaBody)
	}
	reset := time.Unix(1780318800, 0) // X-RateLimit-Reset in the fixture
	tests := []struct {
		name     string
		now      time.Time
		steps    []func(http.ResponseWriter)
		wantErr  string
		wantReqs int32
		minGap   time.Duration
	}{
		{
			name:     "reset too far: give up at once",
			now:      reset.Add(-42 * time.Minute),
			steps:    []func(http.ResponseWriter){exhausted},
			wantErr:  "rate limited: HTTP 403, API quota exhausted until 2026-06-01T13:00:00Z (in 42m0s)",
			wantReqs: 1,
		},
		{
			name:     "reset soon: wait and retry once",
			now:      reset.Add(-200 * time.Millisecond),
			steps:    []func(http.ResponseWriter){exhausted, body(`{"full_name":"czkkkkkk/gccl"}`)},
			wantReqs: 2,
			minGap:   200 * time.Millisecond,
		},
		{
			name:     "reset soon but still exhausted: only one retry",
			now:      reset.Add(-10 * time.Millisecond),
			steps:    []func(http.ResponseWriter){exhausted},
			wantErr:  "rate limited: HTTP 403, API quota exhausted until 2026-06-01T13:00:00Z (in 0s) (giving up after 2 attempts)",
			wantReqs: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := &scripted{steps: tt.steps}
			srv := httptest.NewTLSServer(s)
			defer srv.Close()
			cfg := fastConfig()
			cfg.Transport = srv.Client().Transport
			cfg.TokenHost = hostOf(t, srv.URL)
			cfg.GitHubToken = "ghp_testtoken"
			cfg.Now = func() time.Time { return tt.now }
			c := New(cfg)
			url := srv.URL + "/repos/czkkkkkk/gccl"
			resp, err := c.Get(context.Background(), Request{URL: url, Accept: "application/vnd.github+json"})
			if n := s.n.Load(); n != tt.wantReqs {
				t.Errorf("%d requests, want %d", n, tt.wantReqs)
			}
			if tt.wantErr != "" {
				if !errors.Is(err, ErrRateLimited) {
					t.Fatalf("err = %v, want ErrRateLimited", err)
				}
				if want := "GET " + url + ": " + tt.wantErr; err.Error() != want {
					t.Errorf("err = %q\nwant  %q", err, want)
				}
				if strings.Contains(err.Error(), "ghp_testtoken") {
					t.Error("the token leaked into the error")
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(resp.Body), "czkkkkkk/gccl") {
				t.Errorf("body %q", resp.Body)
			}
			if g := s.arr.gaps(); len(g) != 1 || g[0] < tt.minGap-spacingTolerance {
				t.Errorf("gaps %v, want one >= %v", g, tt.minGap)
			}
			if rl := c.Stats()[cfg.TokenHost].RateLimited; rl != 1 {
				t.Errorf("Stats RateLimited = %d, want 1", rl)
			}
		})
	}
}
