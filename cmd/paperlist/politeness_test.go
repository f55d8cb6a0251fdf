package main

import (
	"context"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/paperlist/paperlist"
)

// spacingTolerance is how much closer than 1/R two requests to one host may
// arrive at the server: timer jitter on the client, scheduling of the
// server's goroutines, and the set-up of a new connection (the client spaces
// requests when it releases them, before dialing, so the dial and accept
// of the first request's connection shorten the next gap as the server sees
// it; measured up to 7 ms on a loaded 2-CPU machine).
const spacingTolerance = 10 * time.Millisecond

// minGap is the smallest gap between consecutive arrivals, and where.
func minGap(reqs []siteRequest) (time.Duration, string) {
	best, where := time.Duration(1<<62), ""
	for i := 1; i < len(reqs); i++ {
		if d := reqs[i].At.Sub(reqs[i-1].At); d < best {
			best, where = d, reqs[i-1].Path+" -> "+reqs[i].Path
		}
	}
	return best, where
}

// TestPolitenessProof runs 102 entries spread over 3 hosts, some of whose
// pages answer 429 (Retry-After: 1) the first time, at 20 requests/s per
// host, and checks on the servers' side what the README promises: requests
// to one host never closer than 1/R (minus spacingTolerance), never more
// than one in flight, every 429 honoured for at least its Retry-After,
// robots.txt fetched exactly once per host, and every entry ok. It does not
// run in parallel with other tests, so that the gaps it measures are the
// client's and not the machine's load.
func TestPolitenessProof(t *testing.T) {
	const (
		perHost  = 34
		rate     = 20.0
		interval = time.Duration(float64(time.Second) / rate)
	)
	sites := []*site{newSite(t), newSite(t), newSite(t)}
	var entries []listEntry
	type ref struct {
		s    *site
		slug string
	}
	refs := map[string]ref{}
	limited := map[*site][]string{} // paths that answer 429 first
	for i := 0; i < perHost; i++ {
		for k, s := range sites {
			slug := fmt.Sprintf("h%d-p%02d", k, i)
			path := "/paper/" + slug
			if i%10 == 3 {
				s.route(path, failFirst(1, slug, status(http.StatusTooManyRequests, "Retry-After", "1")))
				limited[s] = append(limited[s], path)
			}
			title := fmt.Sprintf("Politeness Paper %s", slug)
			entries = append(entries, listEntry{title: title, link: s.URL(path)})
			refs[title] = ref{s, slug}
		}
	}
	dir := t.TempDir()
	list := writeList(t, filepath.Join(dir, "list.md"), entries)
	start := time.Now()
	res := enrichIn(t, context.Background(), dir, nil, list,
		append([]string{"--allow-private-hosts", "--mailto", "polite@example.invalid"}, rateArgs(rate, sites...)...)...)
	elapsed := time.Since(start)

	if res.code != exitOK {
		t.Errorf("exit code %d, want %d; stderr:\n%s", res.code, exitOK, res.stderr)
	}
	if len(res.papers) != len(entries) {
		t.Fatalf("papers.json has %d records, want %d", len(res.papers), len(entries))
	}
	statuses := map[paperlist.Status]int{}
	for _, p := range res.papers {
		statuses[p.Status]++
		r := refs[p.ListTitle]
		checkPaperOK(t, p, r.s, r.slug, r.s.URL("/paper/"+r.slug))
	}

	total, retries, tooMany := 0, 0, 0
	smallest := time.Duration(1 << 62)
	var shortestRetryWait time.Duration = 1 << 62
	for k, s := range sites {
		reqs := s.requests()
		total += len(reqs)
		if n := s.count("/robots.txt"); n != 1 {
			t.Errorf("host %d: robots.txt fetched %d times, want 1", k, n)
		}
		if m := s.peakInFlight(); m > 1 {
			t.Errorf("host %d: %d requests in flight at once, want at most 1", k, m)
		}
		gap, where := minGap(reqs)
		smallest = min(smallest, gap)
		if gap < interval-spacingTolerance {
			t.Errorf("host %d: two requests %s apart (%s), want at least %s - %s", k, gap, where, interval, spacingTolerance)
		}
		seen := map[string]int{}
		for _, r := range reqs {
			seen[r.Path]++
		}
		for _, n := range seen {
			retries += n - 1
		}
		for _, path := range limited[s] {
			at := s.arrivals(path)
			tooMany++
			if len(at) != 2 {
				t.Errorf("host %d: %s requested %d times, want 2 (429, then the retry)", k, path, len(at))
				continue
			}
			wait := at[1].Sub(at[0])
			shortestRetryWait = min(shortestRetryWait, wait)
			if wait < time.Second {
				t.Errorf("host %d: %s retried %s after its 429, want at least Retry-After: 1s", k, path, wait)
			}
		}
	}
	if want := fmt.Sprintf(" %d requests,", total); !strings.Contains(res.stderr, want) {
		t.Errorf("the run's summary does not count the %d requests the servers received:\n%s", total, res.stderr)
	}
	t.Logf("politeness: %d entries over %d hosts at %.0f req/s per host; statuses %v; %d requests (%d robots.txt), %d retries, %d answers 429; elapsed %s",
		len(entries), len(sites), rate, statuses, total, len(sites), retries, tooMany, elapsed.Round(time.Millisecond))
	t.Logf("politeness: smallest gap between two requests to one host %s (1/R = %s, tolerance %s); shortest wait after a 429 %s (Retry-After 1s); max in flight per host %d/%d/%d",
		smallest.Round(10*time.Microsecond), interval, spacingTolerance, shortestRetryWait.Round(time.Millisecond),
		sites[0].peakInFlight(), sites[1].peakInFlight(), sites[2].peakInFlight())
}

// TestHiddenTransportRetrySpacing: when a reused keep-alive connection is
// reset before the answer, net/http's Transport silently sends the GET again
// on a new connection. That resend happens below the fetch client's limiter,
// so it must still respect the host's spacing.
func TestHiddenTransportRetrySpacing(t *testing.T) {
	t.Parallel()
	const rate = 5.0
	interval := time.Duration(float64(time.Second) / rate)
	s := newSite(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var once sync.Once
	s.route("/fault", func(w http.ResponseWriter, r *http.Request) {
		if s.count("/fault") >= 2 {
			once.Do(cancel) // two attempts are enough; skip the backoff
		}
		resetConn(w, r)
	})
	dir := t.TempDir()
	// robots.txt opens the connection that /fault then reuses.
	list := writeList(t, filepath.Join(dir, "list.md"), []listEntry{{title: "Reset Entry", link: s.URL("/fault")}})
	res := enrichIn(t, ctx, dir, nil, list, append([]string{"--allow-private-hosts"}, rateArgs(rate, s)...)...)
	if res.code != exitInterrupted {
		t.Errorf("exit code %d, want %d (cancelled)", res.code, exitInterrupted)
	}
	reqs := s.requests()
	gap, where := minGap(reqs)
	t.Logf("requests %d, smallest gap %s (%s), 1/R = %s", len(reqs), gap, where, interval)
	if gap < interval-spacingTolerance {
		t.Errorf("two requests %s apart (%s), want at least %s", gap, where, interval)
	}
	if p := res.paper(t, "Reset Entry"); p.Status != paperlist.StatusError {
		t.Errorf("status %q, want error", p.Status)
	}
}
