package enrich

import (
	"context"
	"strings"
	"testing"

	"github.com/paperlist/paperlist"
)

// TestChains runs one entry of each route through its declared chain and
// asserts which steps ran and which were skipped, and why.
func TestChains(t *testing.T) {
	ep := DefaultEndpoints()
	dgcl := "DGCL: An Efficient Communication Library for Distributed GNN Training"
	dgclDOI := "10.1145/3447786.3456233"
	sosp := "10.1145/3477132.3483553"
	alpa := "https://www.usenix.org/conference/osdi23/presentation/li-zhouhan"
	tests := []struct {
		name    string
		entry   paperlist.Entry
		answers map[string]string // URL -> recorded file
		route   Route
		ran     []string // in order
		skipped map[string]string
	}{
		{
			name:    "USENIX page that answers",
			entry:   paperlist.Entry{Venue: "OSDI", Year: 2023, Title: "AlpaServe", Link: alpa},
			answers: map[string]string{alpa: "www.usenix.org/conference/osdi23/presentation/li-zhouhan.html"},
			route:   RouteUSENIXPage,
			ran:     []string{"USENIX page"},
			skipped: map[string]string{
				"DBLP search":             "already identified",
				"Semantic Scholar search": "already identified",
				"Crossref by DOI":         "identifier unknown", // USENIX pages carry no DOI
				"the arXiv copy":          "nothing it would add",
			},
		},
		{
			name:    "broken USENIX page falls back to the title",
			entry:   paperlist.Entry{Venue: "EuroSys", Year: 2021, Title: dgcl, Link: "https://www.usenix.org/conference/eurosys21/presentation/wrong-slug"},
			answers: map[string]string{ep.DBLPSearch(dgcl): "dblp.org/search/publ/api/q=DGCL-efficient-communication-library.json"},
			route:   RouteUSENIXPage,
			// DBLP verifies, so the other searches are skipped; its DOI is
			// then read from Crossref, OpenAlex and Semantic Scholar (none
			// recorded: 404s).
			ran:     []string{"USENIX page", "DBLP search", "Crossref by DOI", "OpenAlex by DOI", "Semantic Scholar by DOI"},
			skipped: map[string]string{"Crossref search": "already identified", "OpenAlex search": "already identified"},
		},
		{
			name:  "DOI link",
			entry: paperlist.Entry{Venue: "SOSP", Year: 2021, Title: "Gradient Compression Supercharged High-Performance Data Parallel DNN Training", Link: "https://dl.acm.org/doi/" + sosp},
			answers: map[string]string{
				ep.CrossrefWork(sosp, ""):     "api.crossref.org/works/10.1145/3477132.3483553.json",
				ep.OpenAlexWork(sosp, "", ""): "api.openalex.org/works/doi_10.1145/3477132.3483553.json",
				ep.S2Paper(sosp):              "api.semanticscholar.org/graph/v1/paper/DOI_10.1145/3477132.3483553.json",
			},
			route: RouteDOILink,
			// No open-access PDF after Crossref and OpenAlex: Semantic
			// Scholar is asked.
			ran:     []string{"the link's DOI", "Crossref by DOI", "OpenAlex by DOI", "Semantic Scholar by DOI"},
			skipped: map[string]string{"the arXiv copy": "nothing to derive"},
		},
		{
			name:    "arXiv link",
			entry:   paperlist.Entry{Title: "AlpaServe", Link: "https://arxiv.org/abs/2302.11665v2"},
			answers: map[string]string{ep.ArxivQuery("2302.11665"): "export.arxiv.org/api/query/id_list=2302.11665.xml"},
			route:   RouteArxivLink,
			ran:     []string{"arXiv API", "the arXiv copy"},
			skipped: map[string]string{"Crossref by DOI": "identifier unknown"},
		},
		{
			name:  "GitHub repository, then the title",
			entry: paperlist.Entry{Venue: "EuroSys", Year: 2021, Title: dgcl, Link: "https://github.com/czkkkkkk/gccl"},
			answers: map[string]string{
				ep.GitHubRepo("czkkkkkk", "gccl"): "api.github.com/repos/czkkkkkk/gccl.json",
				ep.DBLPSearch(dgcl):               "dblp.org/search/publ/api/q=DGCL-efficient-communication-library.json",
			},
			route:   RouteGitHub,
			ran:     []string{"GitHub repository", "DBLP search", "Crossref by DOI", "OpenAlex by DOI", "Semantic Scholar by DOI"},
			skipped: map[string]string{"Crossref search": "already identified"},
		},
		{
			name:    "PDF link, then the title",
			entry:   paperlist.Entry{Venue: "EuroSys", Year: 2021, Title: dgcl, Link: "https://www.usenix.org/system/files/eurosys21-dgcl.pdf"},
			answers: map[string]string{ep.DBLPSearch(dgcl): "dblp.org/search/publ/api/q=DGCL-efficient-communication-library.json"},
			route:   RoutePDF,
			// DBLP has no abstract, so Semantic Scholar is asked; the
			// USENIX PDF is open access, so no arXiv copy is wanted.
			ran:     []string{"the link as the PDF", "DBLP search", "Crossref by DOI", "OpenAlex by DOI", "Semantic Scholar by DOI"},
			skipped: map[string]string{"the arXiv copy": "nothing it would add", "Crossref search": "already identified"},
		},
		{
			name:  "bare title: DBLP finds nothing, Crossref does",
			entry: paperlist.Entry{Venue: "EuroSys", Year: 2021, Title: dgcl},
			answers: map[string]string{
				ep.DBLPSearch(dgcl):         "dblp.org/search/publ/api/q=zero-hits.json",
				ep.CrossrefSearch(dgcl, ""): "api.crossref.org/works/query.bibliographic=DGCL-efficient-communication-library.json",
			},
			route:   RouteTitle,
			ran:     []string{"DBLP search", "Crossref search", "Crossref by DOI", "OpenAlex by DOI", "Semantic Scholar by DOI"},
			skipped: map[string]string{"OpenAlex search": "already identified", "Semantic Scholar search": "already identified"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := &fakeGetter{answers: map[string]string{}}
			for u, f := range tt.answers {
				g.answers[u] = recorded(t, f)
			}
			en := tt.entry
			en.ListTitle = en.Title
			e := New(Config{Getter: g})
			if got := e.Plan(en, "x").Route; got != tt.route {
				t.Errorf("route = %s, want %s", got, tt.route)
			}
			p, steps := e.Resolve(context.Background(), en, paperlist.FromEntry(en))
			var ran []string
			skipped := map[string]string{}
			for _, s := range steps {
				if s.Ran {
					ran = append(ran, s.Source)
				} else {
					skipped[s.Source] = s.Skipped
				}
			}
			if strings.Join(ran, " | ") != strings.Join(tt.ran, " | ") {
				t.Errorf("steps ran:\n  %s\nwant\n  %s", strings.Join(ran, " | "), strings.Join(tt.ran, " | "))
			}
			for src, why := range tt.skipped {
				if !strings.Contains(skipped[src], why) {
					t.Errorf("%s: skipped %q, want a reason with %q", src, skipped[src], why)
				}
			}
			if len(steps) != len(Chains[tt.route]) {
				t.Errorf("%d step results for a chain of %d", len(steps), len(Chains[tt.route]))
			}
			if p.Status != paperlist.StatusOK && p.Status != paperlist.StatusPartial {
				t.Errorf("status %s, errors %v", p.Status, p.Errors)
			}
			if tt.route != RouteUSENIXPage && tt.route != RouteArxivLink && tt.route != RouteDOILink && p.DOI != dgclDOI {
				t.Errorf("doi = %q", p.DOI)
			}
		})
	}
}

// TestReason: an entry that is not ok says why in one line a person can
// act on, without URLs; the errors keep the URLs.
func TestReason(t *testing.T) {
	link := "https://www.usenix.org/conference/osdi23/presentation/gone"
	e := paperlist.Entry{Venue: "OSDI", Year: 2023, Title: "Welder", ListTitle: "Welder", Link: link}
	p := runOne(t, &fakeGetter{}, e, nil) // every request answers 404
	want := "the USENIX page is gone (HTTP 404); no match in DBLP, Crossref, OpenAlex or Semantic Scholar"
	if p.Status != paperlist.StatusError || p.Reason != want {
		t.Errorf("status %s, reason %q\nwant %q", p.Status, p.Reason, want)
	}
	if !strings.Contains(strings.Join(p.Errors, " "), link) {
		t.Errorf("errors should name the URL: %v", p.Errors)
	}
	partial := runOne(t, &fakeGetter{answers: map[string]string{ // DBLP only: no abstract
		DefaultEndpoints().DBLPSearch("DGCL: An Efficient Communication Library for Distributed GNN Training"): recorded(t, "dblp.org/search/publ/api/q=DGCL-efficient-communication-library.json"),
	}}, paperlist.Entry{Venue: "EuroSys", Year: 2021, Title: "DGCL: An Efficient Communication Library for Distributed GNN Training", ListTitle: "DGCL"}, nil)
	if partial.Status != paperlist.StatusPartial || partial.Reason != "no source had the abstract" {
		t.Errorf("partial: status %s, reason %q", partial.Status, partial.Reason)
	}
}
