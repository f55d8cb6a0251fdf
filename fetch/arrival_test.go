package fetch_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"github.com/paperlist/paperlist/fetch"
	"github.com/paperlist/paperlist/internal/replay"
)

// arrivalSlack is how much closer than 1/rate two requests may arrive at
// the server: the server's goroutines noting the time. The client's own
// timers are not forgiven: they are what is measured.
const arrivalSlack = 3 * time.Millisecond

// arrivalLog notes, per host, when each request reached the server.
type arrivalLog struct {
	mu sync.Mutex
	at map[string][]arrival
}

type arrival struct {
	path string
	at   time.Time
}

func (l *arrivalLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	l.mu.Lock()
	l.at[r.Host] = append(l.at[r.Host], arrival{r.URL.Path, now})
	l.mu.Unlock()
	if r.URL.Path == "/robots.txt" {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "User-agent: *\nAllow: /\n")
		return
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"path":%q}`, r.URL.Path)
}

// closest returns the smallest gap between consecutive arrivals at host,
// and between which paths.
func (l *arrivalLog) closest(host string) (time.Duration, string, int) {
	l.mu.Lock()
	as := slices.Clone(l.at[host])
	l.mu.Unlock()
	slices.SortFunc(as, func(a, b arrival) int { return a.at.Compare(b.at) })
	best, where := time.Duration(1<<62), ""
	for i := 1; i < len(as); i++ {
		if d := as[i].at.Sub(as[i-1].at); d < best {
			best, where = d, as[i-1].path+" -> "+as[i].path
		}
	}
	return best, where, len(as)
}

// TestArrivalSpacingThroughProxy measures politeness where it matters: at
// the server, behind an HTTPS proxy like the demo's (internal/replay), with
// a new TLS connection per host, so the first request of each host (its
// robots.txt) pays a CONNECT and a handshake before it arrives. No two
// requests to one host may arrive closer than 1/rate, robots.txt included,
// at 5/s and at 20/s. Each host gets fresh client state, so its first
// request opens its connection.
func TestArrivalSpacingThroughProxy(t *testing.T) {
	for _, r := range []float64{5, 20} {
		t.Run(fmt.Sprintf("%g/s", r), func(t *testing.T) {
			log := &arrivalLog{at: map[string][]arrival{}}
			proxy, err := replay.NewProxy(log)
			if err != nil {
				t.Fatal(err)
			}
			srv := httptest.NewServer(proxy)
			defer srv.Close()
			defer proxy.Close()
			tr, err := proxy.Transport(srv.URL)
			if err != nil {
				t.Fatal(err)
			}
			defer tr.CloseIdleConnections()

			hosts := []string{"api.one.test", "api.two.test"}
			rates := map[string]rate.Limit{}
			for _, h := range hosts {
				rates[h] = rate.Limit(r)
			}
			c := fetch.New(fetch.Config{
				UserAgent: "paperlist-test", HostRates: rates, Transport: tr,
				AllowPrivateHosts: true, MaxRetries: -1, Timeout: 10 * time.Second,
			})
			const perHost = 6
			var wg sync.WaitGroup
			errs := make(chan error, perHost*len(hosts))
			for _, h := range hosts {
				for i := range perHost {
					wg.Add(1)
					go func() {
						defer wg.Done()
						u := fmt.Sprintf("https://%s/works/%d", h, i)
						if _, err := c.Get(context.Background(), fetch.Request{URL: u, Accept: "application/json"}); err != nil {
							errs <- err
						}
					}()
				}
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Error(err)
			}
			interval := time.Duration(float64(time.Second) / r)
			for _, h := range hosts {
				gap, where, n := log.closest(h)
				if n != perHost+1 {
					t.Errorf("%s: %d requests arrived, want %d (robots.txt and %d pages)", h, n, perHost+1, perHost)
				}
				t.Logf("%s at %g/s: closest arrivals %v apart (%s), bound %v", h, r, gap.Round(100*time.Microsecond), where, interval)
				if gap < interval-arrivalSlack {
					t.Errorf("%s at %g/s: two requests arrived %v apart (%s), want at least %v", h, r, gap.Round(100*time.Microsecond), where, interval)
				}
			}
		})
	}
}
