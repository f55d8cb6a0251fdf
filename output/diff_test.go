package output

import (
	"slices"
	"testing"

	"github.com/paperlist/paperlist"
)

func TestDiff(t *testing.T) {
	alpa := paperlist.Paper{
		ID:      "osdi2023-alpaserve",
		Listed:  paperlist.Listed{Title: "AlpaServe: Statistical Multiplexing with Model Parallelism for Deep Learning Serving"},
		Authors: names("Zhuohan Li", "Lianmin Zheng"),
		Pages:   "663-679",
		Status:  paperlist.StatusOK,
		Sources: map[string]string{"pages": "https://dblp.org/x"},
	}
	pocket := paperlist.Paper{ID: "eurosys2023-pocket", Listed: paperlist.Listed{Title: "Pocket: ML Serving from the Edge"}, Status: paperlist.StatusNotFound}
	dgcl := paperlist.Paper{ID: "eurosys2021-dgcl", Listed: paperlist.Listed{Title: "DGCL: An Efficient Communication Library for Distributed GNN Training"}, Status: paperlist.StatusOK}
	hydro := paperlist.Paper{ID: "osdi2023-hydro", Listed: paperlist.Listed{Title: "Hydro: Surrogate-Based Hyperparameter Tuning Service in Datacenters"}, Status: paperlist.StatusOK}

	with := func(p paperlist.Paper, f func(*paperlist.Paper)) paperlist.Paper {
		p.Authors = slices.Clone(p.Authors)
		f(&p)
		return p
	}
	tests := []struct {
		name                    string
		prev, cur               []paperlist.Paper
		added, changed, removed []string
	}{
		{name: "same", prev: []paperlist.Paper{alpa, pocket}, cur: []paperlist.Paper{alpa, pocket}},
		{name: "first run", prev: nil, cur: []paperlist.Paper{alpa, pocket}, added: []string{"osdi2023-alpaserve", "eurosys2023-pocket"}},
		{
			name:    "added, changed, removed",
			prev:    []paperlist.Paper{alpa, pocket, dgcl},
			cur:     []paperlist.Paper{hydro, with(pocket, func(p *paperlist.Paper) { p.Status = paperlist.StatusOK }), alpa},
			added:   []string{"osdi2023-hydro"},
			changed: []string{"eurosys2023-pocket"},
			removed: []string{"eurosys2021-dgcl"},
		},
		{
			name:    "an author's affiliation is a change",
			prev:    []paperlist.Paper{alpa},
			cur:     []paperlist.Paper{with(alpa, func(p *paperlist.Paper) { p.Authors[1].Affiliation = "UCSD" })},
			changed: []string{"osdi2023-alpaserve"},
		},
		{
			name: "volatile values are not a change",
			prev: []paperlist.Paper{dgcl},
			cur:  []paperlist.Paper{with(dgcl, func(p *paperlist.Paper) { p.Volatile = &paperlist.Volatile{Stars: 53} })},
		},
		{
			name:    "a duplicate id is listed once",
			prev:    []paperlist.Paper{alpa, alpa},
			cur:     []paperlist.Paper{hydro, hydro},
			added:   []string{"osdi2023-hydro"},
			removed: []string{"osdi2023-alpaserve"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			added, changed, removed := Diff(tt.prev, tt.cur)
			if !slices.Equal(added, tt.added) || !slices.Equal(changed, tt.changed) || !slices.Equal(removed, tt.removed) {
				t.Errorf("Diff = added %q changed %q removed %q\nwant          %q         %q         %q",
					added, changed, removed, tt.added, tt.changed, tt.removed)
			}
		})
	}
}
