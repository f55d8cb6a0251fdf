package enrich

import (
	"errors"
	"strings"
	"testing"

	"github.com/paperlist/paperlist"
)

func TestParseOpenAlexWork(t *testing.T) {
	r, err := ParseOpenAlexWork(apiFixture(t, "openalex-work-10.1145_3477132.3483553.json"))
	if err != nil {
		t.Fatal(err)
	}
	const ustc = "University of Science and Technology of China"
	checkAuthors(t, r.Authors, []paperlist.Author{
		{Name: "Youhui Bai", Affiliation: ustc},
		{Name: "Cheng Li", Affiliation: ustc, ORCID: "0000-0002-0000-000X"},
		{Name: "Quan Zhou", Affiliation: ustc},
		{Name: "Jun Yi", Affiliation: "University of Nevada, Reno"},
		{Name: "Ping Gong", Affiliation: ustc},
		{Name: "Feng Yan", Affiliation: "University of Nevada, Reno"},
		// No institution: the raw affiliation string is used.
		{Name: "Ruichuan Chen", Affiliation: "Nokia Bell Labs, Germany"},
		{Name: "Yinlong Xu", Affiliation: ustc},
	})
	checkFields(t, "openalex", map[string][2]string{
		"Source":    {r.Source, "openalex"},
		"Title":     {r.Title, "Gradient Compression Supercharged High-Performance Data Parallel DNN Training"},
		"DOI":       {r.DOI, "10.1145/3477132.3483553"},
		"Pages":     {r.Pages, "359-375"},
		"Booktitle": {r.Booktitle, "Proceedings of the ACM SIGOPS 28th Symposium on Operating Systems Principles"},
		"Type":      {r.Type, "inproceedings"},
		"PDFURL":    {r.PDFURL, ""}, // best_oa_location null, oa_url null
		"ArxivID":   {r.ArxivID, ""},
	})
	if r.Year != 2021 {
		t.Errorf("Year = %d, want 2021", r.Year)
	}
	if r.Volatile == nil || r.Volatile.CitationCount != 77 {
		t.Errorf("Volatile = %+v, want citation count 77", r.Volatile)
	}
	if !strings.HasPrefix(r.Abstract, "Gradient compression is a promising approach") {
		t.Errorf("Abstract starts %q", r.Abstract[:min(60, len(r.Abstract))])
	}
}

// The abstract rebuilt from OpenAlex's inverted index reads like Crossref's
// plain-text abstract of the same paper, word for word.
func TestRebuildAbstractMatchesCrossref(t *testing.T) {
	oa, err := ParseOpenAlexWork(apiFixture(t, "openalex-work-10.1145_3477132.3483553.json"))
	if err != nil {
		t.Fatal(err)
	}
	cr, err := ParseCrossrefWork(apiFixture(t, "crossref-work-10.1145_3477132.3483553.json"))
	if err != nil {
		t.Fatal(err)
	}
	ow, cw := strings.Fields(oa.Abstract), strings.Fields(cr.Abstract)
	if len(ow) < 20 {
		t.Fatalf("rebuilt abstract has %d words", len(ow))
	}
	for i := range ow {
		if i >= len(cw) || ow[i] != cw[i] {
			t.Fatalf("word %d: openalex %q, crossref %q", i, ow[i], cw[min(i, len(cw)-1)])
		}
	}
	if len(ow) != len(cw) {
		t.Errorf("openalex %d words, crossref %d", len(ow), len(cw))
	}
}

func TestRebuildAbstract(t *testing.T) {
	tests := []struct {
		name string
		inv  map[string][]int
		want string
	}{
		{"nil", nil, ""},
		{"empty", map[string][]int{}, ""},
		{"order", map[string][]int{"world": {1}, "Hello": {0}, "again.": {3}, "hello": {2}}, "Hello world hello again."},
		{"repeated words", map[string][]int{"a": {0, 2}, "b": {1, 3}}, "a b a b"},
		{"gap", map[string][]int{"x": {0}, "y": {5}}, "x y"},
		{"negative ignored", map[string][]int{"x": {0}, "bad": {-1}}, "x"},
	}
	for _, tt := range tests {
		if got := RebuildAbstract(tt.inv); got != tt.want {
			t.Errorf("%s: RebuildAbstract = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestParseOpenAlexSearch(t *testing.T) {
	recs, err := ParseOpenAlexSearch(apiFixture(t, "openalex-search-dgcl.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 {
		t.Fatalf("got %d records, want 1", len(recs))
	}
	r := recs[0]
	checkFields(t, "openalex search", map[string][2]string{
		"Title":     {r.Title, "DGCL: an efficient communication library for distributed GNN training"},
		"DOI":       {r.DOI, "10.1145/3447786.3456233"},
		"Pages":     {r.Pages, "130-144"},
		"Booktitle": {r.Booktitle, "Proceedings of the Sixteenth European Conference on Computer Systems"},
		"PDFURL":    {r.PDFURL, "https://arxiv.org/pdf/2000.00000"},
		"PDFKind":   {string(r.PDFKind), "open_access"},
		"ArxivID":   {r.ArxivID, "2000.00000"},
		"Abstract":  {r.Abstract, ""}, // abstract_inverted_index: null
		"Author5":   {r.Authors[5].Name + " / " + r.Authors[5].Affiliation, "Fan Yu / Huawei Technologies (China)"},
	})
	if r.Year != 2021 || len(r.Authors) != 6 {
		t.Errorf("Year %d, %d authors", r.Year, len(r.Authors))
	}
}

func TestParseOpenAlexInline(t *testing.T) {
	// oa_url is only used when it names a PDF; a landing page is not one.
	const landing = `{"display_name":"A","publication_year":2020,"open_access":{"oa_url":"https://example.org/paper"},"biblio":{"first_page":"7"}}`
	r, err := ParseOpenAlexWork([]byte(landing))
	if err != nil {
		t.Fatal(err)
	}
	if r.PDFURL != "" || r.Pages != "7" {
		t.Errorf("PDFURL %q pages %q", r.PDFURL, r.Pages)
	}
	const pdf = `{"title":"B <i>x</i>","open_access":{"oa_url":"https://example.org/paper.pdf"},"type":"preprint","authorships":[{"author":{"display_name":"Z"},"institutions":[],"raw_affiliation_strings":[],"affiliations":[{"raw_affiliation_string":"Lab"}]}]}`
	r, err = ParseOpenAlexWork([]byte(pdf))
	if err != nil {
		t.Fatal(err)
	}
	checkFields(t, "inline", map[string][2]string{
		"Title": {r.Title, "B x"}, "PDFURL": {r.PDFURL, "https://example.org/paper.pdf"},
		"Type": {r.Type, "preprint"}, "Affiliation": {r.Authors[0].Affiliation, "Lab"},
	})
}

func TestParseOpenAlexErrors(t *testing.T) {
	tests := []struct {
		name     string
		body     []byte
		want     error
		notFound bool
	}{
		{"404", apiFixture(t, "error-openalex-404.json"), ErrAPI, true},
		{"429", apiFixture(t, "error-openalex-429.json"), ErrAPI, false},
		{"html", []byte("<html><body>Bad gateway</body></html>"), ErrNotJSON, false},
		{"no title", []byte(`{"id":"https://openalex.org/W1","doi":null}`), ErrNoTitle, false},
	}
	for _, tt := range tests {
		r, err := ParseOpenAlexWork(tt.body)
		if r.Title != "" || !errors.Is(err, tt.want) || errors.Is(err, ErrNotFound) != tt.notFound {
			t.Errorf("%s: %q, err = %v; want %v (not found %v)", tt.name, r.Title, err, tt.want, tt.notFound)
		}
	}
	if _, err := ParseOpenAlexWork(apiFixture(t, "error-openalex-404.json")); err == nil ||
		!strings.Contains(err.Error(), "Work doi:10.5555/0000000.0000000 not found") {
		t.Errorf("404 message lost: %v", err)
	}
	if _, err := ParseOpenAlexSearch(apiFixture(t, "error-openalex-429.json")); !errors.Is(err, ErrAPI) ||
		!strings.Contains(err.Error(), "Rate limit exceeded") {
		t.Errorf("search 429: %v", err)
	}
}

func BenchmarkParseOpenAlexWork(b *testing.B) {
	body := apiFixture(b, "openalex-work-10.1145_3477132.3483553.json")
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := ParseOpenAlexWork(body); err != nil {
			b.Fatal(err)
		}
	}
}
