package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

// coverage counts the enriched fields the guard watches.
type coverage struct{ authors, abstracts int }

func coverageOf(ps []paperlist.Paper) coverage {
	var c coverage
	for _, p := range ps {
		if len(p.Authors) > 0 {
			c.authors++
		}
		if p.Abstract != "" {
			c.abstracts++
		}
	}
	return c
}

// checkCoverage compares the new dataset with the previous one. It
// returns a non-empty reason when the new one has more than threshold fewer
// papers with authors or with abstracts: a source that went dark must never
// blank the committed data.
func checkCoverage(prev, papers []paperlist.Paper, threshold float64) string {
	if threshold <= 0 || prev == nil {
		return ""
	}
	// Only papers in both datasets count: removing entries from the list
	// must not look like a source going dark.
	inNew := make(map[string]bool, len(papers))
	for _, p := range papers {
		inNew[p.ID] = true
	}
	inPrev := make(map[string]bool, len(prev))
	var prevBoth, newBoth []paperlist.Paper
	for _, p := range prev {
		if inNew[p.ID] {
			prevBoth = append(prevBoth, p)
			inPrev[p.ID] = true
		}
	}
	for _, p := range papers {
		if inPrev[p.ID] {
			newBoth = append(newBoth, p)
		}
	}
	was, now := coverageOf(prevBoth), coverageOf(newBoth)
	var drops []string
	if float64(now.authors) < float64(was.authors)*(1-threshold) {
		drops = append(drops, fmt.Sprintf("papers with authors %d → %d", was.authors, now.authors))
	}
	if float64(now.abstracts) < float64(was.abstracts)*(1-threshold) {
		drops = append(drops, fmt.Sprintf("papers with abstracts %d → %d", was.abstracts, now.abstracts))
	}
	return strings.Join(drops, ", ")
}

// failingHosts names the hosts whose requests finally failed, worst first.
func failingHosts(stats map[string]fetch.HostStats) string {
	type hf struct {
		host string
		n    int
	}
	var hs []hf
	for h, s := range stats {
		if s.Errors > 0 {
			hs = append(hs, hf{h, s.Errors})
		}
	}
	if len(hs) == 0 {
		return "none (the drop comes from the answers themselves)"
	}
	sort.Slice(hs, func(i, j int) bool {
		if hs[i].n != hs[j].n {
			return hs[i].n > hs[j].n
		}
		return hs[i].host < hs[j].host
	})
	parts := make([]string, len(hs))
	for i, h := range hs {
		parts[i] = fmt.Sprintf("%s (%d failed requests)", h.host, h.n)
	}
	return strings.Join(parts, ", ")
}
