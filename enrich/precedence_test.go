package enrich

import (
	"context"
	"testing"

	"github.com/paperlist/paperlist"
)

// TestMergePrecedence: with every source answering, each field comes from
// the source a user would trust most. Reordering the precedence fails it.
func TestMergePrecedence(t *testing.T) {
	recs := []Record{
		{Source: "s2", URL: "s2", Title: "Gradient Compression Supercharged High-Performance Data Parallel DNN Training (S2)", Authors: []paperlist.Author{{Name: "S2 Author"}}, Abstract: "S2 abstract", Year: 2021, Venue: "Symposium on Operating Systems Principles"},
		{Source: "dblp", URL: "dblp", Title: "Gradient Compression Supercharged High-Performance Data Parallel DNN Training.", Authors: []paperlist.Author{{Name: "Youhui Bai 0001"}}, Pages: "626-640", Venue: "SOSP", Year: 2021, DOI: "10.1145/3477132.3483553"},
		{Source: "crossref", URL: "crossref", Title: "Gradient compression supercharged high-performance data parallel DNN training", Authors: []paperlist.Author{{Name: "Youhui Bai", Affiliation: "USTC"}}, Abstract: "Crossref abstract", Pages: "626-640", DOI: "10.1145/3477132.3483553", Booktitle: "Proceedings of the ACM SIGOPS 28th Symposium on Operating Systems Principles", Year: 2021},
		{Source: "openalex", URL: "openalex", Title: "Gradient compression supercharged high-performance data parallel DNN training", Authors: []paperlist.Author{{Name: "Youhui Bai"}}, Abstract: "OpenAlex abstract", PDFURL: "https://oa.example/p.pdf", PDFKind: paperlist.PDFOpenAccess},
		{Source: "arxiv", URL: "arxiv", ArxivID: "2101.00001", PDFURL: "https://arxiv.org/pdf/2101.00001", PDFKind: paperlist.PDFPreprint},
	}
	p := paperlist.FromEntry(paperlist.Entry{Title: "Gradient Compression"})
	Merge(&p, recs)
	checks := []struct{ field, got, want, src string }{
		// The publisher's record has the publisher's punctuation; DBLP adds
		// a period and S2 aggregates.
		{"title", p.Title, "Gradient compression supercharged high-performance data parallel DNN training", "crossref"},
		{"authors", p.Authors[0].Name + " / " + p.Authors[0].Affiliation, "Youhui Bai / USTC", "crossref"},
		{"abstract", p.Abstract, "Crossref abstract", "crossref"},
		{"booktitle", p.Booktitle, "Proceedings of the ACM SIGOPS 28th Symposium on Operating Systems Principles", "crossref"},
		{"venue", p.Venue, "SOSP", "dblp"},
		{"pdf_url", p.PDFURL, "https://oa.example/p.pdf", "openalex"},
		{"arxiv_id", p.ArxivID, "2101.00001", "arxiv"},
	}
	for _, c := range checks {
		if c.got != c.want || p.Sources[c.field] != c.src {
			t.Errorf("%s = %q from %q, want %q from %q", c.field, c.got, p.Sources[c.field], c.want, c.src)
		}
	}
}

// TestDedupKey: entries that name one paper share one resolution, whatever
// form the link takes; different papers never do.
func TestDedupKey(t *testing.T) {
	doi := "10.1145/3477132.3483553"
	ep := DefaultEndpoints()
	g := &fakeGetter{answers: map[string]string{
		ep.CrossrefWork(doi, ""):     recorded(t, "api.crossref.org/works/10.1145/3477132.3483553.json"),
		ep.OpenAlexWork(doi, "", ""): recorded(t, "api.openalex.org/works/doi_10.1145/3477132.3483553.json"),
		ep.S2Paper(doi):              recorded(t, "api.semanticscholar.org/graph/v1/paper/DOI_10.1145/3477132.3483553.json"),
	}}
	entries := []paperlist.Entry{
		{Title: "HiPress", ListTitle: "HiPress", Link: "https://dl.acm.org/doi/" + doi},
		{Title: "Gradient compression (again)", ListTitle: "Gradient compression (again)", Link: "https://doi.org/" + doi},
		{Title: "Another paper", ListTitle: "Another paper", Link: "https://doi.org/10.1145/3477132.3483565"},
	}
	e := New(Config{Getter: g})
	ids := AssignIDs(entries)
	key := func(i int) string { return e.Plan(entries[i], ids[i]).Key }
	k0, k1, k2 := key(0), key(1), key(2)
	if k0 != k1 || k0 == k2 {
		t.Errorf("keys %q %q %q: the two links to one DOI must share a key, the other DOI must not", k0, k1, k2)
	}
	ps, err := e.Run(context.Background(), entries)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, c := range g.calls {
		if c == ep.CrossrefWork(doi, "") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the DOI was read %d times from Crossref, want once", n)
	}
	if ps[0].DOI != doi || ps[1].DOI != doi || ps[1].ListTitle != "Gradient compression (again)" || ps[0].Abstract == "" || ps[1].Abstract != ps[0].Abstract {
		t.Errorf("the shared record was not copied onto both entries: %+v / %+v", ps[0], ps[1])
	}
}
