package cache

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paperlist/paperlist/fetch"
)

// The project's HTTP client is a Fetcher.
var _ Fetcher = (*fetch.Client)(nil)

// newReadThrough returns a ReadThrough over a fresh store with a test clock
// at t0 and a fake Next that fails the test when called unexpectedly.
func newReadThrough(t *testing.T) (*ReadThrough, *fakeNext, *clock) {
	t.Helper()
	clk := &clock{t: t0}
	next := &fakeNext{get: func(_ context.Context, req fetch.Request) (*fetch.Response, error) {
		t.Errorf("unexpected request for %s", req.URL)
		return nil, errors.New("unexpected request")
	}}
	return &ReadThrough{Store: openTemp(t), Next: next, Now: clk.Now}, next, clk
}

func TestFreshHitMakesNoRequest(t *testing.T) {
	ctx := context.Background()
	rt, next, clk := newReadThrough(t)
	if err := rt.Store.PutResponse(ctx, gcclResponse(t, t0)); err != nil {
		t.Fatal(err)
	}
	if err := rt.Store.PutResponse(ctx, goyalResponse(t, t0)); err != nil {
		t.Fatal(err)
	}
	clk.advance(29 * 24 * time.Hour) // younger than the default 30 days
	for _, u := range []string{gcclURL, gcclURL, goyalURL} {
		resp, err := rt.Get(ctx, fetch.Request{URL: u})
		if err != nil {
			t.Fatal(err)
		}
		if !resp.FromCache || resp.Stale || !resp.FetchedAt.Equal(t0) {
			t.Errorf("%s: FromCache %v Stale %v FetchedAt %v", u, resp.FromCache, resp.Stale, resp.FetchedAt)
		}
	}
	if n := next.calls.Load(); n != 0 {
		t.Errorf("%d requests for fresh copies, want 0", n)
	}
	hits := rt.Hits()
	if hits["api.github.com"] != 2 || hits["www.usenix.org"] != 1 || len(hits) != 2 {
		t.Errorf("Hits = %v", hits)
	}
	if gets, h := rt.Counts(); gets != 3 || h != 3 {
		t.Errorf("Counts = %d, %d; want 3, 3", gets, h)
	}
}

func TestMissFetchesAndStores(t *testing.T) {
	ctx := context.Background()
	rt, next, _ := newReadThrough(t)
	next.get = func(_ context.Context, req fetch.Request) (*fetch.Response, error) {
		r := goyalResponse(t, time.Time{}) // the clock's time is used
		return r, nil
	}
	resp, err := rt.Get(ctx, fetch.Request{URL: goyalURL, Accept: "text/html"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.FromCache || !strings.Contains(string(resp.Body), "Backpressure Flow Control") {
		t.Errorf("FromCache %v, body %.40q", resp.FromCache, resp.Body)
	}
	if r := next.lastReq(); r.ETag != "" || r.LastModified != "" {
		t.Errorf("a first request was conditional: %+v", r)
	}
	c, err := rt.Store.Response(ctx, goyalURL)
	if err != nil || c == nil || !c.FetchedAt.Equal(t0) || len(c.Resp.Body) != 40685 {
		t.Fatalf("stored copy = %+v, %v", c, err)
	}
	// The second Get is a hit.
	if _, err := rt.Get(ctx, fetch.Request{URL: goyalURL}); err != nil || next.calls.Load() != 1 {
		t.Errorf("second Get: %v, %d calls", err, next.calls.Load())
	}
}

func TestRevalidation(t *testing.T) {
	ctx := context.Background()
	notModStatus, notModHeader := readHeaders(t, "github-304-not-modified.headers")
	tests := []struct {
		name      string
		age       time.Duration
		refresh   bool
		answer    *fetch.Response
		wantBody  string // start of the returned body
		wantCache bool   // FromCache of the answer
	}{
		{
			name:     "stale copy, 304",
			age:      31 * 24 * time.Hour,
			answer:   &fetch.Response{URL: gcclURL, Status: notModStatus, Header: notModHeader},
			wantBody: "{\n  \"id\": 332000001,", wantCache: true,
		},
		{
			name: "fresh copy with Refresh, 304",
			age:  time.Hour, refresh: true,
			answer:   &fetch.Response{URL: gcclURL, Status: notModStatus, Header: notModHeader},
			wantBody: "{\n  \"id\": 332000001,", wantCache: true,
		},
		{
			name: "stale copy, 200 with a new body",
			age:  31 * 24 * time.Hour,
			answer: &fetch.Response{URL: gcclURL, Status: 200,
				Header: http.Header{"Etag": {`"v2"`}}, Body: []byte(`{"full_name":"czkkkkkk/gccl","v":2}`)},
			wantBody: `{"full_name":"czkkkkkk/gccl","v":2}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt, next, clk := newReadThrough(t)
			rt.Refresh = tt.refresh
			if err := rt.Store.PutResponse(ctx, gcclResponse(t, t0)); err != nil {
				t.Fatal(err)
			}
			clk.advance(tt.age)
			now := clk.Now()
			next.get = func(context.Context, fetch.Request) (*fetch.Response, error) { return tt.answer, nil }

			resp, err := rt.Get(ctx, fetch.Request{URL: gcclURL, Accept: "application/json"})
			if err != nil {
				t.Fatal(err)
			}
			req := next.lastReq()
			if next.calls.Load() != 1 || req.ETag != gcclETag || req.LastModified != gcclLastMod {
				t.Errorf("%d calls, conditional request ETag %q If-Modified-Since %q; want 1, %q, %q",
					next.calls.Load(), req.ETag, req.LastModified, gcclETag, gcclLastMod)
			}
			if !strings.HasPrefix(string(resp.Body), tt.wantBody) || resp.FromCache != tt.wantCache || resp.Stale {
				t.Errorf("answer: body %.30q FromCache %v Stale %v", resp.Body, resp.FromCache, resp.Stale)
			}
			if !resp.FetchedAt.Equal(now) || resp.Status != 200 {
				t.Errorf("answer FetchedAt %v status %d, want %v 200", resp.FetchedAt, resp.Status, now)
			}
			c, err := rt.Store.Response(ctx, gcclURL)
			if err != nil || !c.FetchedAt.Equal(now) || !bytes.Equal(c.Resp.Body, resp.Body) {
				t.Errorf("stored copy fetched_at %v (want %v), body %.30q", c.FetchedAt, now, c.Resp.Body)
			}
			// The refreshed copy is fresh: the next Get makes no request.
			rt.Refresh = false
			if _, err := rt.Get(ctx, fetch.Request{URL: gcclURL}); err != nil || next.calls.Load() != 1 {
				t.Errorf("Get after revalidation: %v, %d calls (want 1)", err, next.calls.Load())
			}
		})
	}
}

func TestRevalidationFailureKeepsGoodCopy(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name       string
		answer     *fetch.Response
		err        error
		wantReason string
	}{
		{name: "503", err: &fetch.StatusError{URL: gcclURL, Status: 503, Attempts: 3},
			wantReason: "GET " + gcclURL + ": HTTP 503 Service Unavailable (giving up after 3 attempts)"},
		{name: "429", err: &fetch.StatusError{URL: gcclURL, Status: 429, RetryAfter: time.Hour},
			wantReason: "HTTP 429 Too Many Requests"},
		{name: "404 after the copy was taken", err: &fetch.StatusError{URL: gcclURL, Status: 404},
			wantReason: "HTTP 404 Not Found"},
		{name: "network error", err: fmt.Errorf("GET %s: dial tcp: connection refused", gcclURL),
			wantReason: "connection refused"},
		{name: "block page", err: fmt.Errorf("GET %s: %w", gcclURL, fetch.ErrBlocked),
			wantReason: "blocked by the site"},
		{name: "unfollowed redirect", answer: &fetch.Response{URL: gcclURL, Status: 301},
			wantReason: "HTTP 301 Moved Permanently"},
		{name: "fetcher returned nothing", wantReason: "fetcher returned no response and no error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt, next, clk := newReadThrough(t)
			if err := rt.Store.PutResponse(ctx, gcclResponse(t, t0)); err != nil {
				t.Fatal(err)
			}
			clk.advance(60 * 24 * time.Hour)
			next.get = func(context.Context, fetch.Request) (*fetch.Response, error) { return tt.answer, tt.err }

			resp, err := rt.Get(ctx, fetch.Request{URL: gcclURL})
			if err != nil {
				t.Fatalf("Get = %v, want the stale copy", err)
			}
			if !resp.Stale || !resp.FromCache || !strings.Contains(resp.StaleReason, tt.wantReason) {
				t.Errorf("Stale %v FromCache %v StaleReason %q, want reason containing %q", resp.Stale, resp.FromCache, resp.StaleReason, tt.wantReason)
			}
			if !bytes.Equal(resp.Body, readTestdata(t, "github-gccl.json")) || !resp.FetchedAt.Equal(t0) {
				t.Errorf("stale copy body %.30q fetched %v", resp.Body, resp.FetchedAt)
			}
			c, err := rt.Store.Response(ctx, gcclURL)
			if err != nil || c == nil || c.Negative || !c.FetchedAt.Equal(t0) || c.ETag != gcclETag {
				t.Errorf("stored copy changed: %+v, %v", c, err)
			}
			if len(rt.Hits()) != 0 {
				t.Errorf("a revalidation counted as a hit: %v", rt.Hits())
			}
		})
	}
}

func TestNegativeCaching(t *testing.T) {
	ctx := context.Background()
	const u = "https://api.crossref.org/works/10.1145/0000000.0000000"
	for _, status := range []int{404, 410} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			rt, next, clk := newReadThrough(t)
			next.get = func(context.Context, fetch.Request) (*fetch.Response, error) {
				return nil, &fetch.StatusError{URL: u, Status: status}
			}
			steps := []struct {
				advance   time.Duration
				wantCalls int64
			}{
				{0, 1},              // fetched, remembered
				{23 * time.Hour, 1}, // replayed
				{2 * time.Hour, 2},  // 25h old: asked again, remembered again
				{time.Hour, 2},      // replayed from the renewed row
			}
			for i, st := range steps {
				clk.advance(st.advance)
				resp, err := rt.Get(ctx, fetch.Request{URL: u})
				var se *fetch.StatusError
				if resp != nil || !errors.As(err, &se) || se.Status != status || se.URL != u {
					t.Fatalf("step %d: Get = %v, %v; want *fetch.StatusError %d", i, resp, err, status)
				}
				if want := fmt.Sprintf("GET %s: HTTP %d %s", u, status, http.StatusText(status)); err.Error() != want {
					t.Errorf("step %d: error %q, want %q", i, err, want)
				}
				if n := next.calls.Load(); n != st.wantCalls {
					t.Errorf("step %d: %d calls, want %d", i, n, st.wantCalls)
				}
			}
			if rt.Hits()["api.crossref.org"] != 2 {
				t.Errorf("Hits = %v, want 2 replays", rt.Hits())
			}
		})
	}
}

func TestTransientFailuresNotCached(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		err  error
		is   error
	}{
		{"503", &fetch.StatusError{URL: gcclURL, Status: 503}, nil},
		{"429", &fetch.StatusError{URL: gcclURL, Status: 429}, nil},
		{"blocked", fmt.Errorf("GET %s: %w", gcclURL, fetch.ErrBlocked), fetch.ErrBlocked},
		{"timeout", fmt.Errorf("GET %s: %w", gcclURL, context.DeadlineExceeded), context.DeadlineExceeded},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rt, next, _ := newReadThrough(t)
			next.get = func(context.Context, fetch.Request) (*fetch.Response, error) { return nil, tt.err }
			for i := range 2 {
				_, err := rt.Get(ctx, fetch.Request{URL: gcclURL})
				if err == nil || (tt.is != nil && !errors.Is(err, tt.is)) || err.Error() != tt.err.Error() {
					t.Errorf("Get %d = %v, want %v", i, err, tt.err)
				}
			}
			if n := next.calls.Load(); n != 2 {
				t.Errorf("%d calls, want 2 (nothing remembered)", n)
			}
			if c, err := rt.Store.Response(ctx, gcclURL); c != nil || err != nil {
				t.Errorf("stored %+v, %v", c, err)
			}
		})
	}
}

func TestOffline(t *testing.T) {
	ctx := context.Background()
	const gone = "https://dblp.org/rec/conf/osdi/Gone23"
	rt, next, clk := newReadThrough(t)
	rt.Offline = true
	if err := rt.Store.PutResponse(ctx, gcclResponse(t, t0)); err != nil {
		t.Fatal(err)
	}
	if err := rt.Store.PutNegative(ctx, gone, 410, t0); err != nil {
		t.Fatal(err)
	}
	clk.advance(400 * 24 * time.Hour) // far older than any max age

	resp, err := rt.Get(ctx, fetch.Request{URL: gcclURL})
	if err != nil || !resp.FromCache || resp.Stale || resp.Header.Get("ETag") != gcclETag {
		t.Errorf("offline Get of a year-old copy = %+v, %v", resp, err)
	}
	var se *fetch.StatusError
	if _, err := rt.Get(ctx, fetch.Request{URL: gone}); !errors.As(err, &se) || se.Status != 410 {
		t.Errorf("offline Get of a gone URL = %v, want its 410", err)
	}
	_, err = rt.Get(ctx, fetch.Request{URL: goyalURL})
	if !errors.Is(err, fetch.ErrOffline) || !strings.Contains(err.Error(), goyalURL) {
		t.Errorf("offline Get of an uncached URL = %v, want ErrOffline naming the URL", err)
	}
	if n := next.calls.Load(); n != 0 {
		t.Errorf("%d network calls offline", n)
	}
}

func TestCanceledRevalidationReturnsError(t *testing.T) {
	rt, next, clk := newReadThrough(t)
	if err := rt.Store.PutResponse(context.Background(), gcclResponse(t, t0)); err != nil {
		t.Fatal(err)
	}
	clk.advance(60 * 24 * time.Hour)
	ctx, cancel := context.WithCancel(context.Background())
	next.get = func(ctx context.Context, _ fetch.Request) (*fetch.Response, error) {
		cancel()
		return nil, ctx.Err()
	}
	if resp, err := rt.Get(ctx, fetch.Request{URL: gcclURL}); !errors.Is(err, context.Canceled) {
		t.Errorf("Get with a canceled context = %+v, %v; want context.Canceled", resp, err)
	}
}

func TestConcurrentGets(t *testing.T) {
	ctx := context.Background()
	rt, next, _ := newReadThrough(t)
	next.get = func(_ context.Context, req fetch.Request) (*fetch.Response, error) {
		if strings.HasSuffix(req.URL, "/missing") {
			return nil, &fetch.StatusError{URL: req.URL, Status: 404}
		}
		return &fetch.Response{URL: req.URL, Status: 200, Body: []byte("body of " + req.URL)}, nil
	}
	urls := []string{"https://api.openalex.org/works/missing"}
	for i := range 20 {
		urls = append(urls, fmt.Sprintf("https://api.openalex.org/works/W%d", i))
	}
	const workers, rounds = 8, 5
	var wg sync.WaitGroup
	errs := make(chan error, workers*rounds*len(urls))
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				for i := range urls {
					u := urls[(i+w*3+r)%len(urls)]
					resp, err := rt.Get(ctx, fetch.Request{URL: u})
					var se *fetch.StatusError
					switch {
					case strings.HasSuffix(u, "/missing"):
						if !errors.As(err, &se) || se.Status != 404 {
							errs <- fmt.Errorf("%s: got %v, want 404", u, err)
						}
					case err != nil:
						errs <- err
					case string(resp.Body) != "body of "+u:
						errs <- fmt.Errorf("%s: body %q", u, resp.Body)
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// Racing misses may each fetch, but never more than once per worker.
	total := int64(workers * rounds * len(urls))
	calls := next.calls.Load()
	if calls < int64(len(urls)) || calls > int64(workers*len(urls)) {
		t.Errorf("%d network calls for %d URLs", calls, len(urls))
	}
	gets, hits := rt.Counts()
	if int64(gets) != total || int64(hits)+calls != total {
		t.Errorf("Counts = %d gets, %d hits, with %d calls; want %d gets = hits + calls", gets, hits, calls, total)
	}
	st, err := rt.Store.Stats(ctx)
	if err != nil || st.Responses != 20 || st.NegativeResponses != 1 {
		t.Errorf("Stats = %+v, %v; want 20 answers and 1 negative", st, err)
	}
}
