package main

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/paperlist/paperlist/enrich"
)

// printPlan renders the plan for people: routes, what the cache answers,
// and per host the requests the run makes at least (first pass and
// robots.txt) and at most (every fallback step of every chain).
func printPlan(w io.Writer, list string, p enrich.RunPlan) {
	fmt.Fprintf(w, "plan for %s: %d entries\n", list, p.Entries)
	routes := make([]string, 0, len(p.Routes))
	for r, n := range p.Routes {
		routes = append(routes, fmt.Sprintf("%s %d", r, n))
	}
	sort.Strings(routes)
	fmt.Fprintf(w, "  by source:      %s\n", strings.Join(routes, ", "))
	fmt.Fprintf(w, "  already cached: %d records, %d answers (fresh)\n", p.Records, p.Cached)
	if p.Refused > 0 {
		fmt.Fprintf(w, "  refused:        %d links the run will not follow (loopback, private or metadata addresses)\n", p.Refused)
	}
	if len(p.Hosts) == 0 {
		fmt.Fprintln(w, "  requests needed: none — the run would answer everything from the cache")
		return
	}
	hosts := make([]string, 0, len(p.Hosts))
	lo, hi := 0, 0
	for h, hp := range p.Hosts {
		hosts = append(hosts, h)
		lo += hp.Min
		hi += hp.Max
	}
	sort.Strings(hosts)
	fmt.Fprintf(w, "  requests needed: %d to %d (at least the first pass and robots.txt; at most every fallback step)\n", lo, hi)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, h := range hosts {
		hp := p.Hosts[h]
		fmt.Fprintf(tw, "    %s\t%d to %d\tat %g/s\n", h, hp.Min, hp.Max, hp.Rate)
	}
	tw.Flush()
	fmt.Fprintf(w, "  estimated duration: about %s to %s (the slowest host at its rate)\n",
		seconds(p.Seconds.Min), seconds(p.Seconds.Max))
}

// printPlanJSON prints the plan as one JSON object (--dry-run --json).
func printPlanJSON(w io.Writer, p enrich.RunPlan) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(p)
}

func seconds(s float64) time.Duration {
	return (time.Duration(s*1000) * time.Millisecond).Round(time.Second)
}
