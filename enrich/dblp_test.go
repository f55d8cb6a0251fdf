package enrich

import (
	"errors"
	"strings"
	"testing"
)

func TestParseDBLPSearch(t *testing.T) {
	recs, err := ParseDBLPSearch(apiFixture(t, "dblp-search-dgcl.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 {
		t.Fatalf("%d records", len(recs))
	}
	r := recs[0]
	names := make([]string, len(r.Authors))
	for i, a := range r.Authors {
		names[i] = a.Name
	}
	checkFields(t, "dblp", map[string][2]string{
		"Source": {r.Source, "dblp"},
		// Trailing period dropped.
		"Title": {r.Title, "DGCL: An Efficient Communication Library for Distributed GNN Training"},
		// Homonym suffixes "Xiao Yan 0002", "James Cheng 0001" dropped.
		"Authors": {strings.Join(names, ", "), "Zhenkun Cai, Xiao Yan, Yidi Wu, Kaihao Ma, James Cheng, Fan Yu"},
		"Venue":   {r.Venue, "EuroSys"},
		"Pages":   {r.Pages, "130-144"},
		"DOI":     {r.DOI, "10.1145/3447786.3456233"},
		"Type":    {r.Type, "inproceedings"},
	})
	if r.Year != 2021 {
		t.Errorf("Year = %d", r.Year)
	}
}

// The Hints fixture: one author given as an object (not an array), the same
// title in two venues, ee as an array in the second hit.
func TestParseDBLPSearchHints(t *testing.T) {
	recs, err := ParseDBLPSearch(apiFixture(t, "dblp-search-hints.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 2 {
		t.Fatalf("%d records", len(recs))
	}
	want := []struct {
		venue, pages, doi, typ string
		year                   int
	}{
		{"SOSP", "33-48", "10.1145/800217.806614", "inproceedings", 1983},
		{"IEEE Softw.", "11-28", "10.1109/ms.1984.233391", "article", 1984},
	}
	for i, w := range want {
		r := recs[i]
		if r.Title != "Hints for Computer System Design" || len(r.Authors) != 1 || r.Authors[0].Name != "Butler W. Lampson" {
			t.Errorf("hit %d: %q by %+v", i, r.Title, r.Authors)
		}
		if r.Venue != w.venue || r.Pages != w.pages || r.DOI != w.doi || r.Type != w.typ || r.Year != w.year {
			t.Errorf("hit %d: venue %q pages %q doi %q type %q year %d; want %+v", i, r.Venue, r.Pages, r.DOI, r.Type, r.Year, w)
		}
	}
}

func TestParseDBLPSearchZeroHits(t *testing.T) {
	recs, err := ParseDBLPSearch(apiFixture(t, "dblp-search-zero-hits.json"))
	if err != nil || len(recs) != 0 {
		t.Errorf("zero hits: %v, %v; want no records and no error", recs, err)
	}
}

func TestParseDBLPInline(t *testing.T) {
	// A single hit as an object, venue as an array, entities in the title,
	// an arXiv ee, no doi field, a bare-string author.
	const body = `{"result":{"status":{"@code":"200"},"hits":{"hit":{"info":{
		"authors":{"author":["Ion Stoica 0001"]},"title":"Sharing &amp; Caring: &quot;Serving&quot; at Scale.",
		"venue":["CoRR","x"],"year":"2023","type":"Informal and Other Publications",
		"ee":"https://arxiv.org/abs/2302.11665"}}}}}`
	recs, err := ParseDBLPSearch([]byte(body))
	if err != nil || len(recs) != 1 {
		t.Fatalf("%v, %v", recs, err)
	}
	r := recs[0]
	checkFields(t, "dblp inline", map[string][2]string{
		"Title": {r.Title, `Sharing & Caring: "Serving" at Scale`}, "Venue": {r.Venue, "CoRR"},
		"ArxivID": {r.ArxivID, "2302.11665"}, "Type": {r.Type, "preprint"}, "Author": {r.Authors[0].Name, "Ion Stoica"},
	})
}

func TestParseDBLPErrors(t *testing.T) {
	if _, err := ParseDBLPSearch(apiFixture(t, "error-dblp-429.html")); !errors.Is(err, ErrNotJSON) || !strings.Contains(err.Error(), "DOCTYPE") {
		t.Errorf("429 page: %v", err)
	}
	if _, err := ParseDBLPSearch([]byte(`{"result":{"status":{"@code":"500","text":"Internal Error"}}}`)); !errors.Is(err, ErrAPI) {
		t.Errorf("status 500: %v", err)
	}
	if _, err := ParseDBLPSearch([]byte(`{"other":1}`)); !errors.Is(err, ErrAPI) {
		t.Errorf("no result: %v", err)
	}
}
