package enrich

import (
	"errors"
	"strings"
	"testing"

	"github.com/paperlist/paperlist"
)

func TestParseCrossrefWork(t *testing.T) {
	r, err := ParseCrossrefWork(apiFixture(t, "crossref-work-10.1145_3477132.3483553.json"))
	if err != nil {
		t.Fatal(err)
	}
	wantAuthors := []paperlist.Author{
		{Name: "Youhui Bai", Affiliation: "University of Science and Technology of China, China"},
		{Name: "Cheng Li", Affiliation: "University of Science and Technology of China, China; Anhui Province Key Laboratory of High Performance Computing, China", ORCID: "0000-0002-0000-000X"},
		{Name: "Quan Zhou", Affiliation: "University of Science and Technology of China, China"},
		{Name: "Jun Yi", Affiliation: "University of Nevada, Reno, USA"},
		{Name: "Ping Gong", Affiliation: "University of Science and Technology of China, China"},
		{Name: "Feng Yan", Affiliation: "University of Nevada, Reno, USA"},
		{Name: "Ruichuan Chen", Affiliation: "Nokia Bell Labs, Germany"},
		{Name: "Yinlong Xu", Affiliation: "University of Science and Technology of China, China; Anhui Province Key Laboratory of High Performance Computing, China"},
	}
	checkAuthors(t, r.Authors, wantAuthors)
	checkFields(t, "crossref", map[string][2]string{
		"Source":    {r.Source, "crossref"},
		"Title":     {r.Title, "Gradient Compression Supercharged High-Performance Data Parallel DNN Training"},
		"DOI":       {r.DOI, "10.1145/3477132.3483553"},
		"Pages":     {r.Pages, "359-375"},
		"Venue":     {r.Venue, "SOSP '21"},
		"Booktitle": {r.Booktitle, "Proceedings of the ACM SIGOPS 28th Symposium on Operating Systems Principles"},
		"Type":      {r.Type, "inproceedings"},
		// The only link is "unspecified" for similarity checking: not a PDF.
		"PDFURL": {r.PDFURL, ""},
	})
	if r.Year != 2021 {
		t.Errorf("Year = %d, want 2021", r.Year)
	}
	if !strings.HasPrefix(r.Abstract, "Gradient compression is a promising approach to alleviating the communication bottleneck") {
		t.Errorf("Abstract starts %q", r.Abstract[:min(80, len(r.Abstract))])
	}
	paras := strings.Split(r.Abstract, "\n\n")
	if len(paras) != 2 || !strings.HasPrefix(paras[1], "In this paper, we first propose") || !strings.HasSuffix(paras[1], "across six popular DNN models.") {
		t.Errorf("Abstract paragraphs = %q", paras)
	}
	if strings.Contains(r.Abstract, "jats") {
		t.Errorf("JATS markup left in abstract")
	}
}

// The real Crossref record (from papis's tests): ACM Press deposit style,
// year-only dates, no abstract, no page, a double space in container-title.
func TestParseCrossrefWorkReal(t *testing.T) {
	r, err := ParseCrossrefWork(apiFixture(t, "crossref-work-real-10.1145_3184558.3186235.json"))
	if err != nil {
		t.Fatal(err)
	}
	checkAuthors(t, r.Authors, []paperlist.Author{
		{Name: "Lorenz Bühmann", Affiliation: "University of Leipzig, Leipzig, Germany"},
		{Name: "Jens Lehmann", Affiliation: "Fraunhofer IAIS & University of Bonn, Sankt Augustin, Germany"},
		{Name: "Patrick Westphal", Affiliation: "University of Leipzig, Leipzig, Germany"},
		{Name: "Simon Bin", Affiliation: "University of Leipzig, Leipzig, Germany"},
	})
	checkFields(t, "crossref real", map[string][2]string{
		"Title":     {r.Title, "DL-Learner Structured Machine Learning on Semantic Web Data"},
		"DOI":       {r.DOI, "10.1145/3184558.3186235"},
		"Venue":     {r.Venue, "WWW '18"},
		"Booktitle": {r.Booktitle, "Companion of the The Web Conference 2018 on The Web Conference 2018 - WWW '18"},
		"Abstract":  {r.Abstract, ""},
		"Type":      {r.Type, "inproceedings"},
		"PDFURL":    {r.PDFURL, ""},
	})
	if r.Year != 2018 {
		t.Errorf("Year = %d, want 2018", r.Year)
	}
}

func TestParseCrossrefSearch(t *testing.T) {
	recs, err := ParseCrossrefSearch(apiFixture(t, "crossref-search-dgcl.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 {
		t.Fatalf("got %d records, want 2", len(recs))
	}
	d := recs[0]
	checkFields(t, "crossref search[0]", map[string][2]string{
		"Title":     {d.Title, "DGCL: an efficient communication library for distributed GNN training"},
		"DOI":       {d.DOI, "10.1145/3447786.3456233"},
		"Pages":     {d.Pages, "130-144"},
		"Venue":     {d.Venue, "EuroSys '21"},
		"Booktitle": {d.Booktitle, "Proceedings of the Sixteenth European Conference on Computer Systems"},
		"Author0":   {d.Authors[0].Name, "Zhenkun Cai"},
		"Author1":   {d.Authors[1].Name + " / " + d.Authors[1].Affiliation, "Xiao Yan / Southern University of Science and Technology, China"},
	})
	if d.Year != 2021 || len(d.Authors) != 6 {
		t.Errorf("Year %d, %d authors; want 2021, 6", d.Year, len(d.Authors))
	}
	if recs[1].Title != "FlexGraph: a flexible and efficient distributed framework for GNN training" || recs[1].Pages != "" {
		t.Errorf("second hit = %q pages %q", recs[1].Title, recs[1].Pages)
	}
}

func TestParseCrossrefInline(t *testing.T) {
	const work = `{"status":"ok","message-type":"work","message":{"DOI":"10.1145/X.Y","type":"journal-article",
		"title":["Caf&eacute; <i>systems</i>"],"subtitle":["a study"],"issued":{"date-parts":[[null]]},
		"published-online":{"date-parts":[[2020,5]]},"short-container-title":["Commun. ACM"],
		"author":[{"name":"The Consortium"},{"given":"Ada","family":"Lovelace","ORCID":"http://orcid.org/0000-0001-2345-6789"}],
		"link":[{"URL":"https://example.org/x.xml","content-type":"text/xml"},{"URL":"https://example.org/x.pdf","content-type":"application/pdf"}]}}`
	r, err := ParseCrossrefWork([]byte(work))
	if err != nil {
		t.Fatal(err)
	}
	checkFields(t, "inline", map[string][2]string{
		"Title":   {r.Title, "Café systems: a study"},
		"DOI":     {r.DOI, "10.1145/x.y"},
		"Type":    {r.Type, "article"},
		"Venue":   {r.Venue, "Commun. ACM"},
		"PDFURL":  {r.PDFURL, "https://example.org/x.pdf"},
		"PDFKind": {string(r.PDFKind), "publisher"},
		"Author0": {r.Authors[0].Name, "The Consortium"},
		"ORCID":   {r.Authors[1].ORCID, "0000-0001-2345-6789"},
	})
	if r.Year != 2020 {
		t.Errorf("Year = %d, want 2020 (issued [[null]] falls back to published-online)", r.Year)
	}
}

func TestParseCrossrefErrors(t *testing.T) {
	tests := []struct {
		name     string
		body     []byte
		search   bool
		want     error
		notFound bool
	}{
		{"404 text", apiFixture(t, "error-crossref-404.txt"), false, ErrAPI, true},
		{"429 html", apiFixture(t, "error-crossref-429.html"), false, ErrNotJSON, false},
		{"429 html search", apiFixture(t, "error-crossref-429.html"), true, ErrNotJSON, false},
		{"failed envelope", []byte(`{"status":"failed","message-type":"validation-failure","message":[{"type":"parameter-not-allowed","message":"This route does not support rows"}]}`), true, ErrAPI, false},
		{"work-list given to work", apiFixture(t, "crossref-search-dgcl.json"), false, ErrAPI, false},
		{"no title", []byte(`{"status":"ok","message-type":"work","message":{"DOI":"10.1/x","title":[]}}`), false, ErrNoTitle, false},
		{"empty title", []byte(`{"status":"ok","message-type":"work","message":{"DOI":"10.1/x","title":["  "]}}`), false, ErrNoTitle, false},
		{"truncated", []byte(`{"status":"ok","message-type":"work","mess`), false, ErrNotJSON, false},
		{"empty", nil, false, ErrNotJSON, false},
	}
	for _, tt := range tests {
		var err error
		if tt.search {
			var recs []Record
			recs, err = ParseCrossrefSearch(tt.body)
			if recs != nil {
				t.Errorf("%s: records %v with error", tt.name, recs)
			}
		} else {
			var r Record
			r, err = ParseCrossrefWork(tt.body)
			if r.Title != "" || r.DOI != "" {
				t.Errorf("%s: non-zero record with error", tt.name)
			}
		}
		if !errors.Is(err, tt.want) || errors.Is(err, ErrNotFound) != tt.notFound {
			t.Errorf("%s: err = %v, want %v (not found: %v)", tt.name, err, tt.want, tt.notFound)
		}
	}
}

func BenchmarkParseCrossrefWork(b *testing.B) {
	body := apiFixture(b, "crossref-work-10.1145_3477132.3483553.json")
	b.ReportAllocs()
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		if _, err := ParseCrossrefWork(body); err != nil {
			b.Fatal(err)
		}
	}
}

// checkAuthors compares author lists in order.
func checkAuthors(t *testing.T, got, want []paperlist.Author) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("%d authors, want %d: %+v", len(got), len(want), got)
		return
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("author %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

// checkFields compares named string fields: name -> {got, want}.
func checkFields(t *testing.T, what string, fields map[string][2]string) {
	t.Helper()
	for name, gw := range fields {
		if gw[0] != gw[1] {
			t.Errorf("%s: %s = %q, want %q", what, name, gw[0], gw[1])
		}
	}
}
