package output

import (
	"fmt"
	"sort"
	"strings"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

// CoverageDrop is the coverage guard: it compares the new dataset with the
// previous one and returns a non-empty reason when the new one has more than threshold fewer
// papers with authors or with abstracts: a source that went dark must never
// blank the committed data. Only papers in both datasets count: removing
// entries from the list must not look like a source going dark. A
// threshold of 0, or no previous dataset, never guards.
func CoverageDrop(prev *Snapshot, papers []paperlist.Paper, threshold float64) string {
	t := NewTally(prev)
	for i := range papers {
		t.Add(&papers[i])
	}
	return t.CoverageDrop(threshold)
}

// CoverageDrop is CoverageDrop over the records tallied.
func (t *Tally) CoverageDrop(threshold float64) string {
	if threshold <= 0 || t.prev == nil {
		return ""
	}
	var drops []string
	if float64(t.nowAuthors) < float64(t.wasAuthors)*(1-threshold) {
		drops = append(drops, fmt.Sprintf("papers with authors %d → %d", t.wasAuthors, t.nowAuthors))
	}
	if float64(t.nowAbstracts) < float64(t.wasAbstracts)*(1-threshold) {
		drops = append(drops, fmt.Sprintf("papers with abstracts %d → %d", t.wasAbstracts, t.nowAbstracts))
	}
	return strings.Join(drops, ", ")
}

// Guard is the coverage guard's verdict: why the previous dataset must be
// kept and the new one written beside it, or "" to replace it. readErr is
// the error reading the previous papers.json: a dataset that cannot be read
// cannot be compared, and is kept rather than overwritten unseen. A
// threshold of 0 turns the guard off.
func Guard(prev *Snapshot, readErr error, papers []paperlist.Paper, threshold float64) string {
	t := NewTally(prev)
	for i := range papers {
		t.Add(&papers[i])
	}
	return t.Guard(readErr, threshold)
}

// Guard is Guard over the records tallied.
func (t *Tally) Guard(readErr error, threshold float64) string {
	switch {
	case threshold <= 0:
		return ""
	case readErr != nil:
		return fmt.Sprintf("the previous papers.json cannot be read (%v), so the new dataset cannot be compared with it; inspect or remove it, or pass --coverage-guard 0", readErr)
	}
	if drop := t.CoverageDrop(threshold); drop != "" {
		return "the new dataset has fewer enriched fields (" + drop + ")"
	}
	return ""
}

// FailingHosts names the hosts whose requests finally failed, worst first.
func FailingHosts(stats map[string]fetch.HostStats) string {
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
