package fetch

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// spacingTolerance absorbs scheduling noise between the limiter releasing a
// request and the server's handler noting its arrival. On a CPU-starved
// machine (2 vCPUs shared with fuzzers) a wake-up can still come tens of ms
// late; the departures, measured at the base transport, show whether the
// client itself kept the spacing.
const spacingTolerance = 5 * time.Millisecond

// arrivals records when a handler was entered.
type arrivals struct {
	mu    sync.Mutex
	times []time.Time
}

func (a *arrivals) note() {
	a.mu.Lock()
	a.times = append(a.times, time.Now())
	a.mu.Unlock()
}

// gaps returns the sorted arrival times' consecutive differences.
func (a *arrivals) gaps() []time.Duration {
	a.mu.Lock()
	defer a.mu.Unlock()
	ts := slices.Clone(a.times)
	slices.SortFunc(ts, func(x, y time.Time) int { return x.Compare(y) })
	var out []time.Duration
	for i := 1; i < len(ts); i++ {
		out = append(out, ts[i].Sub(ts[i-1]))
	}
	return out
}

func TestRateSpacingOneHost(t *testing.T) {
	const rate = 20 // per second: one request every 50ms
	var arr, sends arrivals
	// A warm-up request, not measured, opens the connection: the time to
	// dial would otherwise show up as noise between the limiter's release
	// and the first arrival. (Later requests, spaced by the limiter, find it
	// idle and reuse it.)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/warm-up" {
			arr.note()
		}
		fmt.Fprint(w, "ok ", r.URL.Path)
	}))
	defer srv.Close()
	cfg := fastConfig()
	base := directTransport()
	cfg.Transport = roundTripFunc(func(r *http.Request) (*http.Response, error) {
		if r.URL.Path != "/warm-up" {
			sends.note()
		}
		return base.RoundTrip(r)
	})
	cfg.DefaultRate = rate
	cfg.MaxInFlight = 4 // the limiter, not the slot, must do the spacing
	c := New(cfg)
	ctx := context.Background()
	if _, err := c.Get(ctx, Request{URL: srv.URL + "/warm-up"}); err != nil {
		t.Fatal(err)
	}

	// 3 sequential, then 6 concurrent.
	for i := range 3 {
		if _, err := c.Get(ctx, Request{URL: fmt.Sprintf("%s/seq/%d", srv.URL, i)}); err != nil {
			t.Fatal(err)
		}
	}
	var wg sync.WaitGroup
	for i := range 6 {
		wg.Go(func() {
			resp, err := c.Get(ctx, Request{URL: fmt.Sprintf("%s/conc/%d", srv.URL, i)})
			if err != nil {
				t.Error(err)
				return
			}
			if want := fmt.Sprintf("ok /conc/%d", i); string(resp.Body) != want {
				t.Errorf("body %q, want %q", resp.Body, want)
			}
		})
	}
	wg.Wait()

	for _, m := range []struct {
		what string
		arr  *arrivals
	}{{"departures", &sends}, {"arrivals", &arr}} {
		gaps := m.arr.gaps()
		if len(gaps) != 8 {
			t.Fatalf("%d %s, want 9", len(gaps)+1, m.what)
		}
		min := time.Second/rate - spacingTolerance
		for i, g := range gaps {
			if g < min {
				t.Errorf("gap %d between %s = %v, want >= %v (rate %d/s)", i, m.what, g, min, rate)
			}
		}
	}
	if got := c.Stats()[hostOf(t, srv.URL)].Requests; got != 10 {
		t.Errorf("Stats Requests = %d, want 10", got)
	}
}

func TestInFlightCapNeverExceeded(t *testing.T) {
	const cap, n = 2, 8
	var inflight, peak atomic.Int32
	arrived := make(chan struct{}, n)
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		now := inflight.Add(1)
		for {
			p := peak.Load()
			if now <= p || peak.CompareAndSwap(p, now) {
				break
			}
		}
		arrived <- struct{}{}
		<-release
		inflight.Add(-1)
		fmt.Fprint(w, "done")
	}))
	defer srv.Close()
	cfg := fastConfig()
	cfg.MaxInFlight = 1
	cfg.HostMaxInFlight = map[string]int{hostOf(t, srv.URL): cap}
	c := New(cfg)

	var wg sync.WaitGroup
	var ok atomic.Int32
	for i := range n {
		wg.Go(func() {
			resp, err := c.Get(context.Background(), Request{URL: fmt.Sprintf("%s/%d", srv.URL, i)})
			if err != nil {
				t.Error(err)
				return
			}
			if string(resp.Body) == "done" {
				ok.Add(1)
			}
		})
	}
	// Let requests in one at a time: each release frees one slot, which the
	// next request takes. Were the cap broken, all n would be inside at once.
	for i := range n {
		<-arrived
		if i >= cap-1 {
			release <- struct{}{}
		}
	}
	for range cap - 1 {
		release <- struct{}{}
	}
	wg.Wait()
	if p := peak.Load(); p != cap {
		t.Errorf("peak in flight = %d, want %d", p, cap)
	}
	if ok.Load() != n {
		t.Errorf("%d requests answered, want %d", ok.Load(), n)
	}
}

func TestTwoHostsProceedInParallel(t *testing.T) {
	const rate = 10 // per host: one request every 100ms
	var arrA, arrB arrivals
	// Each server's first request waits until the other server has one too:
	// with a shared limiter or slot this would never happen.
	aIn, bIn := make(chan struct{}), make(chan struct{})
	var onceA, onceB sync.Once
	handler := func(arr *arrivals, mine chan struct{}, once *sync.Once, other chan struct{}) http.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) {
			arr.note()
			once.Do(func() {
				close(mine)
				select {
				case <-other:
				case <-time.After(2 * time.Second):
					t.Error("the other host's request never came while this one was in flight")
				}
			})
			fmt.Fprint(w, r.Host)
		}
	}
	a := httptest.NewServer(handler(&arrA, aIn, &onceA, bIn))
	defer a.Close()
	b := httptest.NewServer(handler(&arrB, bIn, &onceB, aIn))
	defer b.Close()
	cfg := fastConfig()
	cfg.DefaultRate = rate
	cfg.MaxInFlight = 1
	c := New(cfg)

	start := time.Now()
	var wg sync.WaitGroup
	for _, srv := range []*httptest.Server{a, b} {
		wg.Go(func() {
			for i := range 3 {
				resp, err := c.Get(context.Background(), Request{URL: fmt.Sprintf("%s/%d", srv.URL, i)})
				if err != nil {
					t.Error(err)
					return
				}
				if string(resp.Body) != hostOf(t, srv.URL) {
					t.Errorf("body %q, want %q", resp.Body, hostOf(t, srv.URL))
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)

	// Per host: 3 requests at 10/s take 200ms. Sharing one limiter, 6 would
	// take 500ms.
	if elapsed >= 400*time.Millisecond {
		t.Errorf("6 requests over 2 hosts took %v, want < 400ms (hosts limited independently)", elapsed)
	}
	for name, arr := range map[string]*arrivals{"A": &arrA, "B": &arrB} {
		for _, g := range arr.gaps() {
			if g < time.Second/rate-spacingTolerance {
				t.Errorf("host %s: gap %v, want >= %v", name, g, time.Second/rate-spacingTolerance)
			}
		}
	}
	stats := c.Stats()
	if stats[hostOf(t, a.URL)].Requests != 3 || stats[hostOf(t, b.URL)].Requests != 3 {
		t.Errorf("Stats = %+v, want 3 requests per host", stats)
	}
}
