package enrich

import (
	"testing"

	"github.com/paperlist/paperlist"
)

// Two co-authors with the same name keep their own affiliations.
func TestMergeHomonymousCoauthors(t *testing.T) {
	p := paperlist.FromEntry(paperlist.Entry{Title: "T"})
	Merge(&p, []Record{
		{Source: "crossref", URL: "c", Title: "T", Authors: []paperlist.Author{{Name: "Wei Wang"}, {Name: "Li Chen"}, {Name: "Wei Wang"}}},
		{Source: "openalex", URL: "o", Authors: []paperlist.Author{{Name: "Wei Wang", Affiliation: "Tsinghua"}, {Name: "Li Chen", Affiliation: "PKU"}, {Name: "Wei Wang", Affiliation: "Alibaba"}}},
	})
	got := []string{p.Authors[0].Affiliation, p.Authors[1].Affiliation, p.Authors[2].Affiliation}
	if got[0] != "Tsinghua" || got[1] != "PKU" || got[2] != "Alibaba" {
		t.Errorf("affiliations = %q", got)
	}
	if p.Sources["affiliations"] != "o" {
		t.Errorf("affiliations source = %q", p.Sources["affiliations"])
	}
	// Not lined up: matched by name, each source author used once.
	q := paperlist.FromEntry(paperlist.Entry{Title: "T"})
	Merge(&q, []Record{
		{Source: "usenix", URL: "u", Title: "T", Authors: []paperlist.Author{{Name: "Wei Wang"}, {Name: "Wei Wang"}, {Name: "Zed"}}},
		{Source: "openalex", URL: "o", Authors: []paperlist.Author{{Name: "Wei Wang", Affiliation: "Tsinghua"}}},
	})
	if q.Authors[0].Affiliation != "Tsinghua" || q.Authors[1].Affiliation != "" {
		t.Errorf("one source author filled two: %+v", q.Authors)
	}
}

// An arXiv copy is a preprint, even when an aggregator calls it open access.
func TestMergeArxivIsPreprint(t *testing.T) {
	p := paperlist.FromEntry(paperlist.Entry{Title: "T"})
	Merge(&p, []Record{
		{Source: "openalex", URL: "o", Title: "T", PDFURL: "https://arxiv.org/pdf/2302.11665", PDFKind: "open_access"},
		{Source: "crossref", URL: "c", PDFURL: "https://dl.acm.org/doi/pdf/10.1145/1", PDFKind: "publisher"},
	})
	if p.PDFURL != "https://arxiv.org/pdf/2302.11665" || p.PDFKind != "preprint" {
		t.Errorf("pdf = %q (%s)", p.PDFURL, p.PDFKind)
	}
}

func TestNormalizeTitleKeepsText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Is x<y Enough? Ordering in Distributed Systems", "is x y enough ordering in distributed systems"},
		{"<jats:italic>HEALER</jats:italic>: Relation Learning", "healer relation learning"},
		{"Bühmann &amp; Lehmann.", "buhmann lehmann"},
		{"ガベージコレクション", "ガベージコレクション"},
		{"Ελληνικά", "ελληνικα"},
	}
	for _, tt := range tests {
		if got := NormalizeTitle(tt.in); got != tt.want {
			t.Errorf("NormalizeTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if s := TitleSimilarity("Is x<y Enough? Ordering in Distributed Systems", "Is x"); s > 0.5 {
		t.Errorf("a bare '<' swallowed the title: similarity %.2f", s)
	}
}

func TestHeadOnly(t *testing.T) {
	tests := []struct{ in, want string }{
		{"<html><HEAD><meta name=a></HEAD><Body class=x><p>big</p></body>", "<html><HEAD><meta name=a></HEAD>"},
		{"<html><head><bodyguard></head><body>", "<html><head><bodyguard></head>"},
		{"<p>no head</p><body>", "<p>no head</p><body>"},
		{"<head><meta>", "<head><meta>"},
		{`<head><script>var t="<body class=x>";</script><meta name=a></head><body>x`, `<head><script>var t="<body class=x>";</script><meta name=a></head>`},
		{"<head><!-- <body> --><meta name=a><STYLE>p{}</style></head><body>", "<head><!-- <body> --><meta name=a><STYLE>p{}</style></head>"},
		{"<head><script>unterminated <body>", "<head><script>unterminated <body>"},
	}
	for _, tt := range tests {
		if got := string(headOnly([]byte(tt.in))); got != tt.want {
			t.Errorf("headOnly(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
