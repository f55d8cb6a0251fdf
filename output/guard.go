package output

import (
	"fmt"
	"sort"
	"strings"

	"github.com/paperlist/paperlist/fetch"
)

// coverageDrop is the coverage guard: it compares the new dataset with the
// previous one and returns a non-empty reason when the new one has more
// than threshold fewer papers with authors or with abstracts: a source that
// went dark must never blank the committed data. Only papers in both
// datasets count: removing entries from the list must not look like a
// source going dark. A threshold of 0, or no previous dataset, never
// guards.
func coverageDrop(prev, cur *Snapshot, threshold float64) string {
	if threshold <= 0 || prev == nil {
		return ""
	}
	var wasA, wasB, nowA, nowB int
	for _, id := range cur.IDs {
		if _, both := prev.Digests[id]; !both {
			continue
		}
		wasA, wasB = wasA+b2i(prev.Authors[id]), wasB+b2i(prev.Abstracts[id])
		nowA, nowB = nowA+b2i(cur.Authors[id]), nowB+b2i(cur.Abstracts[id])
	}
	var drops []string
	if float64(nowA) < float64(wasA)*(1-threshold) {
		drops = append(drops, fmt.Sprintf("papers with authors %d → %d", wasA, nowA))
	}
	if float64(nowB) < float64(wasB)*(1-threshold) {
		drops = append(drops, fmt.Sprintf("papers with abstracts %d → %d", wasB, nowB))
	}
	return strings.Join(drops, ", ")
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Guard is the coverage guard's verdict on the new dataset cur: why the
// previous dataset prev must be kept and the new one written beside it, or
// "" to replace it. readErr is the error reading the previous papers.json:
// a dataset that cannot be read cannot be compared, and is kept rather
// than overwritten unseen. A threshold of 0 turns the guard off.
func Guard(prev *Snapshot, readErr error, cur *Snapshot, threshold float64) string {
	switch {
	case threshold <= 0:
		return ""
	case readErr != nil:
		return fmt.Sprintf("the previous papers.json cannot be read (%v), so the new dataset cannot be compared with it; inspect or remove it, or pass --coverage-guard 0", readErr)
	}
	if drop := coverageDrop(prev, cur, threshold); drop != "" {
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
