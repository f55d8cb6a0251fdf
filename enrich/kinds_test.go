package enrich

import (
	"strings"
	"testing"

	"github.com/paperlist/paperlist"
)

// TestEntriesThatAreNotPapers: a post, a book, a talk and a repository are
// described from their own link and never matched to a paper (no title
// search is made); a repository that names its paper gets that paper; a
// nickname linking a PDF is never searched as a title.
func TestEntriesThatAreNotPapers(t *testing.T) {
	ep := DefaultEndpoints()
	post := "https://www.somethingsimilar.com/2013/01/14/notes-on-distributed-systems-for-young-bloods/"
	sosp := "10.1145/3477132.3483553"
	repoJSON := func(name, desc string) string {
		return `{"full_name":"example/` + name + `","html_url":"https://github.com/example/` + name + `","description":"` + desc + `","language":"Python","stargazers_count":3,"topics":[]}`
	}
	tests := []struct {
		name     string
		entry    paperlist.Entry
		answers  map[string]string
		status   paperlist.Status
		title    string
		doi      string
		noSearch bool
		reason   string
	}{
		{
			name:  "a blog post",
			entry: paperlist.Entry{Title: "Notes on Distributed Systems for Young Bloods", Link: post, Kind: paperlist.KindPost},
			answers: map[string]string{post: `<html><head><title>Notes on Distributed Systems for Young Bloods – Something Similar</title>
				<meta property="og:title" content="Notes on Distributed Systems for Young Bloods"></head><body></body></html>`},
			status: paperlist.StatusNotAPaper, title: "Notes on Distributed Systems for Young Bloods", noSearch: true, reason: "a post, not a paper",
		},
		{
			name:     "a book page that answers 404",
			entry:    paperlist.Entry{Title: "Designing Data-Intensive Applications", Link: "https://www.oreilly.com/library/view/designing-data-intensive-applications/9781491903063/", Kind: paperlist.KindBook},
			status:   paperlist.StatusError, // the link is broken: a person should fix it
			noSearch: true,
		},
		{
			name:     "a repository that names no paper",
			entry:    paperlist.Entry{Title: "github3.py", Link: "https://github.com/example/github3.py", Kind: paperlist.KindSoftware},
			answers:  map[string]string{ep.GitHubRepo("example", "github3.py"): repoJSON("github3.py", "Python wrapper for the GitHub API")},
			status:   paperlist.StatusNotAPaper,
			noSearch: true,
		},
		{
			name:  "a repository that names its paper",
			entry: paperlist.Entry{Title: "hipress", Link: "https://github.com/example/hipress", Kind: paperlist.KindSoftware},
			answers: map[string]string{
				ep.GitHubRepo("example", "hipress"): repoJSON("hipress", "Code of our SOSP'21 paper, https://doi.org/"+sosp),
				ep.CrossrefWork(sosp, ""):           recorded(t, "api.crossref.org/works/10.1145/3477132.3483553.json"),
			},
			status: paperlist.StatusOK, doi: sosp, noSearch: true, // ACM's PDF is known from the DOI
		},
		{
			name:     "a nickname linking a PDF",
			entry:    paperlist.Entry{Title: "Raft Paper", Link: "https://raft.github.io/raft.pdf", TitleFromLink: true, Kind: paperlist.KindPaper},
			status:   paperlist.StatusNotFound,
			noSearch: true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			en := tt.entry
			en.ListTitle = en.Title
			g := &fakeGetter{answers: tt.answers}
			p := runOne(t, g, en, nil)
			if p.Status != tt.status {
				t.Errorf("status %s, want %s; errors %v", p.Status, tt.status, p.Errors)
			}
			if tt.title != "" && p.Title != tt.title {
				t.Errorf("title %q, want %q", p.Title, tt.title)
			}
			if p.DOI != tt.doi {
				t.Errorf("doi %q, want %q", p.DOI, tt.doi)
			}
			if tt.reason != "" && !strings.Contains(p.Reason, tt.reason) {
				t.Errorf("reason %q lacks %q", p.Reason, tt.reason)
			}
			for _, c := range g.calls {
				if tt.noSearch && (strings.Contains(c, "/search/") || strings.Contains(c, "query.bibliographic") || strings.Contains(c, "search=") || strings.Contains(c, "/match?")) {
					t.Errorf("searched for a non-paper title: %s", c)
				}
			}
		})
	}
}
