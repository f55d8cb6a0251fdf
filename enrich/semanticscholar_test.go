package enrich

import (
	"errors"
	"strings"
	"testing"
)

func TestParseS2Paper(t *testing.T) {
	r, err := ParseS2Paper(apiFixture(t, "s2-paper-10.1145_3477132.3483553.json"))
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(r.Authors))
	for i, a := range r.Authors {
		names[i] = a.Name
	}
	if got := strings.Join(names, ", "); got != "Youhui Bai, Cheng Li, Quan Zhou, Jun Yi, Ping Gong, Feng Yan, Ruichuan Chen, Yinlong Xu" {
		t.Errorf("authors = %s", got)
	}
	checkFields(t, "s2", map[string][2]string{
		"Source":    {r.Source, "s2"},
		"Title":     {r.Title, "Gradient Compression Supercharged High-Performance Data Parallel DNN Training"},
		"DOI":       {r.DOI, "10.1145/3477132.3483553"},
		"Venue":     {r.Venue, "SOSP"},
		"Booktitle": {r.Booktitle, "Symposium on Operating Systems Principles"},
		"Type":      {r.Type, "inproceedings"},
		// openAccessPdf has an empty url and a disclaimer: no PDF.
		"PDFURL":  {r.PDFURL, ""},
		"PDFKind": {string(r.PDFKind), ""},
	})
	if r.Year != 2021 {
		t.Errorf("Year = %d", r.Year)
	}
	if !strings.HasPrefix(r.Abstract, "Gradient compression is a promising approach") || !strings.HasSuffix(r.Abstract, "six popular DNN models.") {
		t.Errorf("Abstract = %.60q...", r.Abstract)
	}
	if r.Volatile != nil {
		t.Errorf("Volatile = %+v without citationCount", r.Volatile)
	}
}

func TestParseS2Match(t *testing.T) {
	recs, err := ParseS2Match(apiFixture(t, "s2-match-dgcl.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 {
		t.Fatalf("%d records", len(recs))
	}
	r := recs[0]
	checkFields(t, "s2 match", map[string][2]string{
		"Title":     {r.Title, "DGCL: an efficient communication library for distributed GNN training"},
		"DOI":       {r.DOI, "10.1145/3447786.3456233"},
		"Venue":     {r.Venue, "EuroSys"},
		"Booktitle": {r.Booktitle, "European Conference on Computer Systems"},
		"Abstract":  {r.Abstract, ""}, // null
		"PDFURL":    {r.PDFURL, ""},   // openAccessPdf null
		"Author0":   {r.Authors[0].Name, "Zhenkun Cai"},
	})
}

func TestParseS2Inline(t *testing.T) {
	const body = `{"title":"X","year":2024,"venue":"arXiv.org","externalIds":{"ArXiv":"2302.11665"},
		"openAccessPdf":{"url":"https://arxiv.org/pdf/2302.11665","status":"GREEN"},"citationCount":12,"authors":[{"authorId":null,"name":"A B"}]}`
	r, err := ParseS2Paper([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	checkFields(t, "s2 inline", map[string][2]string{
		"ArxivID": {r.ArxivID, "2302.11665"}, "PDFURL": {r.PDFURL, "https://arxiv.org/pdf/2302.11665"},
		"PDFKind": {string(r.PDFKind), "open_access"}, "Venue": {r.Venue, "arXiv.org"}, "Author": {r.Authors[0].Name, "A B"},
	})
	if r.Volatile == nil || r.Volatile.CitationCount != 12 {
		t.Errorf("Volatile = %+v", r.Volatile)
	}
}

func TestParseS2Errors(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		match    bool
		want     error
		notFound bool
		text     string
	}{
		{"400 fields", "error-semanticscholar-400-fields.json", false, ErrAPI, false, "Unrecognized or unsupported fields"},
		{"404 paper", "error-semanticscholar-404-paper.json", false, ErrAPI, true, "Paper with id DOI:10.5555/0000000.0000000 not found"},
		{"429", "error-semanticscholar-429.json", false, ErrAPI, false, "429: Too Many Requests"},
		{"429 match", "error-semanticscholar-429.json", true, ErrAPI, false, "Too Many Requests"},
		{"404 match", "error-semanticscholar-404-match.json", true, ErrNoMatch, true, "Title match not found"},
	}
	for _, tt := range tests {
		var err error
		if tt.match {
			var recs []Record
			recs, err = ParseS2Match(apiFixture(t, tt.file))
			if recs != nil {
				t.Errorf("%s: records with an error", tt.name)
			}
		} else {
			var r Record
			r, err = ParseS2Paper(apiFixture(t, tt.file))
			if r.Title != "" {
				t.Errorf("%s: record with an error", tt.name)
			}
		}
		if !errors.Is(err, tt.want) || errors.Is(err, ErrNotFound) != tt.notFound || err == nil || !strings.Contains(err.Error(), tt.text) {
			t.Errorf("%s: err = %v; want %v containing %q (not found %v)", tt.name, err, tt.want, tt.text, tt.notFound)
		}
	}
	if _, err := ParseS2Paper([]byte(`{"paperId":"x","title":null}`)); !errors.Is(err, ErrNoTitle) {
		t.Errorf("null title: %v", err)
	}
}
