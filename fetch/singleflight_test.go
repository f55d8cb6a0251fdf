package fetch

import (
	"context"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
)

// roundTripFunc adapts a function to http.RoundTripper.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// TestSingleflightCoalesces runs in a synctest bubble with an in-memory
// transport, so that synctest.Wait can tell when every caller is waiting:
// the one request is held until then, and all callers must share it.
func TestSingleflightCoalesces(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const n = 10
		var sent atomic.Int32
		release := make(chan struct{})
		cfg := fastConfig()
		cfg.Transport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
			sent.Add(1)
			<-release
			return &http.Response{
				StatusCode: 200,
				Header:     http.Header{"Content-Type": {"application/json"}},
				Body:       io.NopCloser(strings.NewReader(`{"title":"DGCL"}`)),
				Request:    r,
			}, nil
		})
		c := New(cfg)
		var wg sync.WaitGroup
		bodies := make([]string, n)
		for i := range n {
			wg.Go(func() {
				resp, err := c.Get(context.Background(), Request{URL: "https://api.example.org/works/dgcl", Accept: "application/json"})
				if err != nil {
					t.Error(err)
					return
				}
				resp.Header.Set("Content-Type", "mutated by caller") // must not leak to others
				bodies[i] = string(resp.Body)
			})
		}
		synctest.Wait() // every caller is now inside Get, one request held
		close(release)
		wg.Wait()
		if got := sent.Load(); got != 1 {
			t.Errorf("%d requests for %d identical Gets, want 1", got, n)
		}
		for i, b := range bodies {
			if b != `{"title":"DGCL"}` {
				t.Errorf("caller %d got %q", i, b)
			}
		}
		// A different validator is a different request.
		release = make(chan struct{})
		close(release)
		if _, err := c.Get(context.Background(), Request{URL: "https://api.example.org/works/dgcl", Accept: "application/json", ETag: `"x"`}); err != nil {
			t.Fatal(err)
		}
		if got := sent.Load(); got != 2 {
			t.Errorf("%d requests after a conditional Get, want 2", got)
		}
	})
}
