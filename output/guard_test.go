package output

import (
	"errors"
	"strings"
	"testing"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

func TestCoverageDrop(t *testing.T) {
	full := func(id string) paperlist.Paper {
		return paperlist.Paper{ID: id, Authors: []paperlist.Author{{Name: "A"}}, Abstract: "x"}
	}
	var prev []paperlist.Paper
	for _, id := range []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"} {
		prev = append(prev, full(id))
	}
	snap := SnapshotOf(prev)
	dark := append([]paperlist.Paper{}, prev...)
	dark[0].Authors, dark[1].Authors = nil, nil // 10 -> 8 papers with authors
	fewer := prev[:5]                           // entries removed from the list
	tests := []struct {
		name      string
		prev      *Snapshot
		papers    []paperlist.Paper
		threshold float64
		want      string
	}{
		{"no previous dataset", nil, dark, 0.1, ""},
		{"disabled", snap, dark, 0, ""},
		{"a drop of 20% over 10%", snap, dark, 0.1, "papers with authors 10 → 8"},
		{"a drop of 20% under 25%", snap, dark, 0.25, ""},
		{"removed entries are no drop", snap, fewer, 0.1, ""},
	}
	for _, tt := range tests {
		if got := coverageDrop(tt.prev, SnapshotOf(tt.papers), tt.threshold); got != tt.want {
			t.Errorf("%s: coverageDrop = %q, want %q", tt.name, got, tt.want)
		}
	}
	if got := Guard(snap, nil, SnapshotOf(dark), 0.1); got != "the new dataset has fewer enriched fields (papers with authors 10 → 8)" {
		t.Errorf("Guard of a darker dataset = %q", got)
	}
	if got := Guard(nil, errors.New("papers.json: record 3: unexpected EOF"), SnapshotOf(dark), 0.1); !strings.HasPrefix(got, "the previous papers.json cannot be read (papers.json: record 3: unexpected EOF)") {
		t.Errorf("Guard of an unreadable dataset = %q", got)
	}
	if got := Guard(nil, errors.New("x"), SnapshotOf(dark), 0); got != "" {
		t.Errorf("Guard with --coverage-guard 0 = %q", got)
	}
	hosts := map[string]fetch.HostStats{"a.example": {Errors: 2}, "b.example": {Errors: 5}, "c.example": {}}
	if got, want := FailingHosts(hosts), "b.example (5 failed requests), a.example (2 failed requests)"; got != want {
		t.Errorf("FailingHosts = %q, want %q", got, want)
	}
}
