package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/url"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"golang.org/x/time/rate"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/cache"
	"github.com/paperlist/paperlist/enrich"
)

// plan is what --dry-run prints: the cost of a run before paying it.
type plan struct {
	Entries  int
	ByRoute  map[string]int
	Fresh    int            // answers the cache already holds, fresh
	Needed   map[string]int // host -> requests still needed (first pass + robots.txt)
	Estimate time.Duration  // the slowest host's requests at its rate
}

// makePlan looks at each entry's first-pass requests and at the cache; it
// makes no request. store may be nil (no cache yet).
func makePlan(ctx context.Context, entries []paperlist.Entry, en *enrich.Enricher, store *cache.Store, maxAge time.Duration, rates map[string]rate.Limit) (plan, error) {
	p := plan{Entries: len(entries), ByRoute: map[string]int{}, Needed: map[string]int{}}
	ids := enrich.AssignIDs(entries)
	seen := map[string]bool{}
	now := time.Now()
	for i, e := range entries {
		route, urls := en.Plan(e, ids[i])
		p.ByRoute[route]++
		for _, u := range urls {
			key := cache.Key(u)
			if seen[key] {
				continue
			}
			seen[key] = true
			if store != nil {
				c, err := store.Response(ctx, key)
				if err != nil {
					return plan{}, err
				}
				age := maxAge
				if c != nil && c.Negative {
					age = cache.DefaultNegativeMaxAge
				}
				if c != nil && now.Sub(c.FetchedAt) < age {
					p.Fresh++
					continue
				}
			}
			p.Needed[hostOf(u)]++
		}
	}
	for h, n := range p.Needed {
		n++ // robots.txt, once per host
		p.Needed[h] = n
		r := rates[h]
		if r <= 0 {
			r = 1
		}
		d := time.Duration(math.Ceil(float64(n-1)/float64(r)*1000)) * time.Millisecond
		if d > p.Estimate {
			p.Estimate = d
		}
	}
	return p, nil
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.ToLower(u.Host)
}

func (p plan) print(w io.Writer, list string, rates map[string]rate.Limit) {
	fmt.Fprintf(w, "plan for %s: %d entries\n", list, p.Entries)
	routes := make([]string, 0, len(p.ByRoute))
	for r := range p.ByRoute {
		routes = append(routes, r)
	}
	sort.Strings(routes)
	parts := make([]string, len(routes))
	for i, r := range routes {
		parts[i] = fmt.Sprintf("%s %d", r, p.ByRoute[r])
	}
	fmt.Fprintf(w, "  by source:      %s\n", strings.Join(parts, ", "))
	fmt.Fprintf(w, "  already cached: %d answers (fresh)\n", p.Fresh)
	if len(p.Needed) == 0 {
		fmt.Fprintln(w, "  requests needed: none — the run would answer everything from the cache")
		return
	}
	hosts := make([]string, 0, len(p.Needed))
	total := 0
	for h, n := range p.Needed {
		hosts = append(hosts, h)
		total += n
	}
	sort.Strings(hosts)
	fmt.Fprintf(w, "  requests needed: %d (first pass and robots.txt; fallback searches come on top when a first answer fails)\n", total)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, h := range hosts {
		r := rates[h]
		if r <= 0 {
			r = 1
		}
		fmt.Fprintf(tw, "    %s\t%d\tat %g/s\n", h, p.Needed[h], float64(r))
	}
	tw.Flush()
	fmt.Fprintf(w, "  estimated duration: about %s (the slowest host at its rate)\n", p.Estimate.Round(time.Second))
}
