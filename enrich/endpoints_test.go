package enrich

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// apiFixture reads a saved API answer from testdata/api (see
// testdata/README-api.md).
func apiFixture(t testing.TB, name string) []byte {
	t.Helper()
	return testdataFile(t, "api", name)
}

// testdataFile reads testdata/dir/name.
func testdataFile(t testing.TB, dir, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", dir, name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestEndpoints(t *testing.T) {
	e := DefaultEndpoints()
	local := Endpoints{Crossref: "http://127.0.0.1:9", OpenAlex: "http://127.0.0.1:9/oa", SemanticScholar: "http://s2.test",
		DBLP: "http://dblp.test", GitHub: "http://gh.test", Arxiv: "http://arxiv.test"}
	const dgcl = " DGCL: An Efficient Communication Library for Distributed GNN Training. "
	const dgclQ = "DGCL%3A+An+Efficient+Communication+Library+for+Distributed+GNN+Training"
	const fields = "title,authors,abstract,openAccessPdf,externalIds,venue,publicationVenue,journal,year,url"
	tests := []struct {
		name, got, want string
	}{
		{"crossref work", e.CrossrefWork("10.1145/3477132.3483553", ""), "https://api.crossref.org/works/10.1145/3477132.3483553"},
		{"crossref work mailto", e.CrossrefWork("10.1145/3477132.3483553", "me@example.invalid"),
			"https://api.crossref.org/works/10.1145/3477132.3483553?mailto=me%40example.invalid"},
		{"crossref work slash in suffix", e.CrossrefWork("10.1093/nar/gkaa1100", ""), "https://api.crossref.org/works/10.1093/nar/gkaa1100"},
		{"crossref work colon", e.CrossrefWork("10.1051/jphysrad:01955001606044400", ""), "https://api.crossref.org/works/10.1051/jphysrad:01955001606044400"},
		{"crossref work escapes", e.CrossrefWork("10.1002/(sici)1097;2-h", ""), "https://api.crossref.org/works/10.1002/%28sici%291097%3B2-h"},
		{"crossref search", e.CrossrefSearch(dgcl, ""), "https://api.crossref.org/works?query.bibliographic=" + dgclQ + "&rows=5"},
		{"crossref search mailto", e.CrossrefSearch(dgcl, "me@example.invalid"),
			"https://api.crossref.org/works?query.bibliographic=" + dgclQ + "&rows=5&mailto=me%40example.invalid"},
		{"openalex work", e.OpenAlexWork("10.1145/3477132.3483553", "", ""), "https://api.openalex.org/works/doi:10.1145/3477132.3483553"},
		{"openalex work key", e.OpenAlexWork("10.1145/3477132.3483553", "K", ""), "https://api.openalex.org/works/doi:10.1145/3477132.3483553?api_key=K"},
		{"openalex work key mailto", e.OpenAlexWork("10.1145/3477132.3483553", "K", "m@x.invalid"),
			"https://api.openalex.org/works/doi:10.1145/3477132.3483553?api_key=K&mailto=m%40x.invalid"},
		{"openalex work mailto", e.OpenAlexWork("10.1145/3477132.3483553", "", "m@x.invalid"),
			"https://api.openalex.org/works/doi:10.1145/3477132.3483553?mailto=m%40x.invalid"},
		{"openalex search", e.OpenAlexSearch(dgcl, "", ""), "https://api.openalex.org/works?search=" + dgclQ + "&per-page=5"},
		{"openalex search key", e.OpenAlexSearch(dgcl, "K", "m@x.invalid"),
			"https://api.openalex.org/works?search=" + dgclQ + "&per-page=5&api_key=K&mailto=m%40x.invalid"},
		{"s2 paper", e.S2Paper("10.1145/3477132.3483553"),
			"https://api.semanticscholar.org/graph/v1/paper/DOI:10.1145/3477132.3483553?fields=" + fields},
		{"s2 match", e.S2Match(dgcl), "https://api.semanticscholar.org/graph/v1/paper/search/match?query=" + dgclQ + "&fields=" + fields},
		{"dblp", e.DBLPSearch(dgcl), "https://dblp.org/search/publ/api?q=" + dgclQ + "&format=json&h=10"},
		{"github", e.GitHubRepo("czkkkkkk", "gccl"), "https://api.github.com/repos/czkkkkkk/gccl"},
		{"arxiv", e.ArxivQuery("2302.11665"), "https://export.arxiv.org/api/query?id_list=2302.11665"},
		{"arxiv old style", e.ArxivQuery("cs/0112017"), "https://export.arxiv.org/api/query?id_list=cs/0112017"},
		{"local crossref", local.CrossrefWork("10.1145/1", ""), "http://127.0.0.1:9/works/10.1145/1"},
		{"local openalex", local.OpenAlexWork("10.1145/1", "", ""), "http://127.0.0.1:9/oa/works/doi:10.1145/1"},
		{"local dblp", local.DBLPSearch("Hints for Computer System Design"), "http://dblp.test/search/publ/api?q=Hints+for+Computer+System+Design&format=json&h=10"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s:\n got  %s\n want %s", tt.name, tt.got, tt.want)
		}
	}
}

func TestAPIErrorIs(t *testing.T) {
	var err error = &APIError{API: "openalex", Message: "Not Found", NotFound: true}
	if !errors.Is(err, ErrAPI) || !errors.Is(err, ErrNotFound) {
		t.Errorf("%v: want ErrAPI and ErrNotFound", err)
	}
	err = &APIError{API: "s2", Message: "429: Too Many Requests"}
	if !errors.Is(err, ErrAPI) || errors.Is(err, ErrNotFound) {
		t.Errorf("%v: want ErrAPI only", err)
	}
}
