package enrich

import (
	"testing"

	"github.com/paperlist/paperlist"
)

// Table tests of the rules the real answers called for (realapi_test.go
// runs them on the answers themselves).

func TestJATSAbstract(t *testing.T) {
	tests := []struct{ name, in, want string }{
		{"plain paragraphs", "<jats:p>One.</jats:p><jats:p>Two.</jats:p>", "One.\n\nTwo."},
		{"titled Abstract", "<jats:title>Abstract</jats:title><jats:p>Text.</jats:p>", "Text."},
		{"only a Significance section", "<jats:title>Significance</jats:title>\n<jats:p>Lay summary.</jats:p>", ""},
		{"Significance then untitled", "<jats:sec><jats:title>Significance</jats:title><jats:p>Lay.</jats:p></jats:sec><jats:p>Real one.</jats:p><jats:p>Real two.</jats:p>",
			"Real one.\n\nReal two."},
		{"Significance then Abstract, flat", "<jats:title>Significance</jats:title><jats:p>Lay.</jats:p><jats:title>Abstract</jats:title><jats:p>Real.</jats:p>", "Real."},
		{"Highlights and Graphical abstract", "<jats:sec><jats:title>Highlights</jats:title><jats:p>• a</jats:p></jats:sec>" +
			"<jats:sec><jats:title>Graphical abstract</jats:title><jats:p>img</jats:p></jats:sec><jats:sec><jats:title>Abstract</jats:title><jats:p>Real.</jats:p></jats:sec>", "Real."},
		{"structured abstract", "<jats:sec><jats:title>Background</jats:title><jats:p>B.</jats:p></jats:sec><jats:sec><jats:title>Results</jats:title><jats:p>R.</jats:p></jats:sec>", "B.\n\nR."},
		{"nested under Abstract", "<jats:sec><jats:title>Abstract</jats:title><jats:sec><jats:title>Background</jats:title><jats:p>B.</jats:p></jats:sec></jats:sec><jats:sec><jats:title>Author summary</jats:title><jats:p>Lay.</jats:p></jats:sec>", "B."},
		{"title with a colon and markup", "<jats:title><jats:bold>Significance:</jats:bold></jats:title><jats:p>Lay.</jats:p>", ""},
		{"HTML", "<p>Entities &amp; tags.</p>", "Entities & tags."},
	}
	for _, tt := range tests {
		if got := JATSAbstract(tt.in); got != tt.want {
			t.Errorf("%s: JATSAbstract = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestOpenAlexAbstractHeading(t *testing.T) {
	index := func(text string) map[string][]int {
		inv := map[string][]int{}
		for i, w := range splitWords(text) {
			inv[w] = append(inv[w], i)
		}
		return inv
	}
	tests := []struct{ in, want string }{
		{"Abstract Large language models help.", "Large language models help."},
		{"ABSTRACT We present X.", "We present X."},
		{"Abstract: We present X.", "We present X."},
		{"Abstract interpretation is a theory.", "Abstract interpretation is a theory."},
		{"Significance The inadequate mechanical properties.", ""},
		{"Graphical abstract Highlights We show.", ""},
		{"Significance testing is common.", "Significance testing is common."},
		{"We present X.", "We present X."},
	}
	for _, tt := range tests {
		if got := openAlexAbstract(index(tt.in)); got != tt.want {
			t.Errorf("openAlexAbstract(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func splitWords(s string) []string {
	var out []string
	start := -1
	for i, r := range s + " " {
		if r == ' ' {
			if start >= 0 {
				out = append(out, s[start:i])
			}
			start = -1
		} else if start < 0 {
			start = i
		}
	}
	return out
}

func TestPageRangeAndArticleNumber(t *testing.T) {
	tests := []struct {
		fn       func(string) (string, bool)
		name     string
		in, want string
		ok       bool
	}{
		{PageRange, "PageRange", "E4832 - E4841", "E4832-E4841", true},
		{PageRange, "PageRange", "525 - 535", "525-535", true},
		{PageRange, "PageRange", "663--679", "663-679", true},
		{PageRange, "PageRange", "663\u2013679", "663-679", true},
		{PageRange, "PageRange", "1234-56", "1234-1256", true},
		{PageRange, "PageRange", "e1002", "e1002", true},
		{PageRange, "PageRange", "xiv-xx", "xiv-xx", true},
		{PageRange, "PageRange", "679-663", "", false},
		{PageRange, "PageRange", "1:1-1:16", "", false},
		{PageRange, "PageRange", "pp. 1-10", "", false},
		{PageRange, "PageRange", "", "", false},
		{ArticleNumber, "ArticleNumber", "1:1-1:16", "1", true},
		{ArticleNumber, "ArticleNumber", "5:1-5:23", "5", true},
		{ArticleNumber, "ArticleNumber", "12:1", "12", true},
		{ArticleNumber, "ArticleNumber", "1:1-2:16", "", false},
		{ArticleNumber, "ArticleNumber", "130-144", "", false},
	}
	for _, tt := range tests {
		got, ok := tt.fn(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s(%q) = %q, %v, want %q, %v", tt.name, tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// DBLP writes an article number as "1:1-1:16": an article number, not a
// range of pages; a trailing period of its titles is dropped.
func TestDBLPArticleNumber(t *testing.T) {
	body := `{"result":{"status":{"@code":"200"},"hits":{"hit":[` +
		`{"info":{"title":"A Journal Paper.","pages":"1:1-1:16","year":"2021","type":"Journal Articles","venue":"ACM Trans. Comput. Syst."}},` +
		`{"info":{"title":"A Conference Paper: With a Subtitle.","pages":"130-144","year":"2021","type":"Conference and Workshop Papers","venue":"EuroSys"}}]}}}`
	recs, err := ParseDBLPSearch([]byte(body))
	if err != nil || len(recs) != 2 {
		t.Fatalf("%v %v", recs, err)
	}
	if r := recs[0]; r.Article != "1" || r.Pages != "" || r.Title != "A Journal Paper" {
		t.Errorf("article: %q pages %q title %q", r.Article, r.Pages, r.Title)
	}
	if r := recs[1]; r.Article != "" || r.Pages != "130-144" || r.Title != "A Conference Paper: With a Subtitle" {
		t.Errorf("conference: %q pages %q title %q", r.Article, r.Pages, r.Title)
	}
}

func TestReprintVenue(t *testing.T) {
	tests := []struct {
		name   string
		reprnt bool
	}{
		{"Readings in Computer Vision", true},
		{"Classic Operating Systems", true},
		{"Software Pioneers", true},
		{"Ideas That Created the Future", true},
		{"The Origin of Concurrent Programming", true},
		{"Symposium on Operating Systems Principles", false},
		{"Proceedings of the National Academy of Sciences", false},
		{"Nat. Mac. Intell.", false},
		{"Foundations of Computer Science", false},
	}
	for _, tt := range tests {
		if got := reprintVenue(tt.name); got != tt.reprnt {
			t.Errorf("reprintVenue(%q) = %v, want %v", tt.name, got, tt.reprnt)
		}
	}
	// S2 filing a paper under a reprint collection: the venue, year, pages
	// and DOI are the reprint's and are set aside; title and authors stay.
	body := `{"title":"Hints for Computer System Design","venue":"Readings in Database Systems","year":1988,` +
		`"externalIds":{"DOI":"10.1016/b978-0-934613-53-8.50010-7"},"journal":{"name":"Readings in Database Systems","pages":"1 - 17"},` +
		`"authors":[{"name":"B. Lampson"}]}`
	r, err := ParseS2Paper([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if r.Venue != "" || r.Booktitle != "" || r.Year != 0 || r.Pages != "" || r.DOI != "" || r.Title != "Hints for Computer System Design" || len(r.Authors) != 1 {
		t.Errorf("reprint record kept %+v", r)
	}
}

func TestJudgeAffiliation(t *testing.T) {
	tests := []struct {
		in   string
		want AffiliationQuality
	}{
		{"", AffiliationMissing},
		{"Departments of aBiomedical Engineering and", AffiliationFragment},
		{"Departments of Biomedical Engineering and.", AffiliationFragment},
		{"bOrthopedic Surgery, University of California, Davis, CA 95616", AffiliationFragment},
		{"1Department of Computer Science, ETH Zurich", AffiliationFragment},
		{"School of Computing,", AffiliationFragment},
		{"Microsoft Research (Redmond", AffiliationFragment},
		{"Department of Computer Science", AffiliationPartial},
		{"Departments of Biomedical Engineering", AffiliationPartial},
		{"Department of Computer Science, Stanford", AffiliationClean},
		{"Orthopedic Surgery, University of California, Davis, CA 95616", AffiliationClean},
		{"University of California, Davis", AffiliationClean},
		{"IBM Research - Zurich", AffiliationClean},
		{"École Polytechnique Fédérale de Lausanne", AffiliationClean},
		{"eBay Inc.", AffiliationClean},
		{"University of Washington eScience Institute", AffiliationClean},
		{"University of Oslo; Departments of aBiomedical Engineering and", AffiliationFragment},
	}
	for _, tt := range tests {
		if got := JudgeAffiliation(tt.in); got != tt.want {
			t.Errorf("JudgeAffiliation(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCleanerAffiliation(t *testing.T) {
	tests := []struct {
		a, b, want string
		from       int
	}{
		{"MIT", "Massachusetts Institute of Technology", "MIT", 0},
		{"", "University of Rochester", "University of Rochester", 1},
		{"Department of Chemistry", "University of Rochester", "University of Rochester", 1},
		{"Departments of aBiomedical Engineering and", "Departments of Biomedical Engineering and.", "", -1},
		{"", "", "", -1},
	}
	for _, tt := range tests {
		got, from := CleanerAffiliation(tt.a, tt.b)
		if got != tt.want || from != tt.from {
			t.Errorf("CleanerAffiliation(%q, %q) = %q, %d, want %q, %d", tt.a, tt.b, got, from, tt.want, tt.from)
		}
	}
}

// Authors matched by family name and initial when the lists differ.
func TestChooseAffiliationsByName(t *testing.T) {
	ours := []paperlist.Author{{Name: "Jane Q. Doe"}, {Name: "John Roe"}, {Name: "Ann Lee"}}
	theirs := []paperlist.Author{{Name: "J. Roe", Affiliation: "Uni A"}, {Name: "Jane Doe", Affiliation: "Uni B", ORCID: "0000-0002-1825-0097"}}
	got, from := ChooseAffiliations(ours, theirs)
	checkAuthors(t, got, []paperlist.Author{
		{Name: "Jane Q. Doe", Affiliation: "Uni B", ORCID: "0000-0002-1825-0097"},
		{Name: "John Roe", Affiliation: "Uni A"},
		{Name: "Ann Lee"},
	})
	if !equalInts(from, []int{1, 1, -1}) {
		t.Errorf("from = %v", from)
	}
}

func TestRepoPaper(t *testing.T) {
	tests := []struct {
		name, desc, home string
		want             PaperRef
		ok               bool
	}{
		{"bare library", "Python library for interfacing with the GitHub APIv3", "https://github3py.readthedocs.io", PaperRef{}, false},
		{"arXiv id", "Code for our OSDI'23 paper (arXiv:2302.11665v2).", "", PaperRef{ArxivID: "2302.11665", From: "description"}, true},
		{"arXiv link", "Official code of https://arxiv.org/abs/2302.11665.", "", PaperRef{ArxivID: "2302.11665", From: "description"}, true},
		{"DOI", "Artifact for DOI 10.1145/3477132.3483553, SOSP 2021.", "", PaperRef{DOI: "10.1145/3477132.3483553", From: "description"}, true},
		{"doi.org link", "Paper: https://doi.org/10.1145/3492321.3519557", "", PaperRef{DOI: "10.1145/3492321.3519557", From: "description"}, true},
		{"Paper: link", "A GNN library. Paper: https://www.usenix.org/system/files/osdi21-qiao.pdf", "", PaperRef{URL: "https://www.usenix.org/system/files/osdi21-qiao.pdf", From: "description"}, true},
		{"unlabelled link", "Mirror of https://example.org/tool", "", PaperRef{}, false},
		{"homepage DOI", "A tool", "https://doi.org/10.5281/zenodo.1234567", PaperRef{DOI: "10.5281/zenodo.1234567", From: "homepage"}, true},
		{"homepage PDF", "", "https://example.org/paper.pdf", PaperRef{URL: "https://example.org/paper.pdf", From: "homepage"}, true},
	}
	for _, tt := range tests {
		got, ok := RepoPaper(&paperlist.Repo{Description: tt.desc, Homepage: tt.home})
		if got != tt.want || ok != tt.ok {
			t.Errorf("%s: RepoPaper = %+v, %v, want %+v, %v", tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

// Index records write a subtitle after " - " instead of ": ", and DBLP
// ends titles with a period: the comparison form is the same.
func TestTitleNormalizationTolerance(t *testing.T) {
	tests := []struct{ a, b string }{
		{"AlpaServe: Statistical Multiplexing with Model Parallelism", "AlpaServe - Statistical Multiplexing with Model Parallelism"},
		{"AlpaServe: Statistical Multiplexing with Model Parallelism", "AlpaServe \u2013 Statistical Multiplexing with Model Parallelism."},
		{"DGCL: An Efficient Communication Library for Distributed GNN Training", "DGCL: An Efficient Communication Library for Distributed GNN Training."},
	}
	for _, tt := range tests {
		if s := TitleSimilarity(tt.a, tt.b); s != 1 {
			t.Errorf("TitleSimilarity(%q, %q) = %.3f, want 1", tt.a, tt.b, s)
		}
	}
}
