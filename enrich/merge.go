package enrich

import (
	"sort"
	"strings"

	"github.com/paperlist/paperlist"
)

// Field precedence, most authoritative first. The publisher's own page
// ("usenix", "meta") knows its paper best; Crossref (DataCite for the DOIs
// it registers) holds what the publisher deposited, with the publisher's
// punctuation in titles; OpenAlex and Semantic Scholar aggregate; DBLP is
// curated but thin (no abstracts or affiliations) and rewrites titles (a
// trailing period, ": " as " - "); arXiv describes a preprint.
var precedence = map[string][]string{
	"title":      {"usenix", "meta", "crossref", "datacite", "dblp", "openalex", "s2", "arxiv", "pdf"},
	"authors":    {"usenix", "meta", "crossref", "datacite", "openalex", "dblp", "s2", "arxiv", "pdf"},
	"abstract":   {"usenix", "meta", "crossref", "datacite", "openalex", "s2", "arxiv"},
	"doi":        {"usenix", "meta", "crossref", "datacite", "link", "dblp", "openalex", "s2", "arxiv", "github", "pdf"},
	"booktitle":  {"usenix", "meta", "crossref", "datacite", "openalex", "dblp", "s2"},
	"pages":      {"usenix", "meta", "crossref", "dblp", "openalex", "s2"},
	"article":    {"crossref", "dblp"},
	"venue":      {"usenix", "dblp", "meta", "crossref", "datacite", "openalex", "s2"},
	"year":       {"usenix", "meta", "crossref", "datacite", "dblp", "openalex", "s2", "arxiv"},
	"slides_url": {"usenix", "meta"},
	"video_url":  {"usenix", "meta"},
	"arxiv_id":   {"arxiv", "s2", "openalex", "dblp", "crossref", "github", "pdf"},
	// Open-access copies first (the publisher's page when it is open, then
	// OpenAlex's and Semantic Scholar's OA locations), then a preprint, then
	// the publisher's (possibly paywalled) PDF.
	"pdf": {"usenix", "meta", "link", "openalex", "s2", "arxiv", "crossref"},
}

func rank(field, source string) int {
	for i, s := range precedence[field] {
		if s == source {
			return i
		}
	}
	return 1000
}

// pick returns the record with the best rank for field among those for
// which has is true.
func pick(field string, recs []Record, has func(Record) bool) (Record, bool) {
	best, found := Record{}, false
	for _, r := range recs {
		if !has(r) || rank(field, r.Source) == 1000 {
			continue
		}
		if !found || rank(field, r.Source) < rank(field, best.Source) {
			best, found = r, true
		}
	}
	return best, found
}

// Merge fills p from the records, each field from the most authoritative
// source that has it, and records in p.Sources the URL each came from.
// Values the list itself states (venue, year, notes) are kept.
func Merge(p *paperlist.Paper, recs []Record) {
	set := func(field string, has func(Record) bool, apply func(Record)) {
		if r, ok := pick(field, recs, has); ok {
			apply(r)
			p.Sources[field] = r.URL
		}
	}
	set("title", func(r Record) bool { return r.Title != "" }, func(r Record) { p.Title = NormalizeSpace(StripBraces(r.Title)) })
	set("authors", func(r Record) bool { return len(r.Authors) > 0 }, func(r Record) {
		p.Authors = append([]paperlist.Author(nil), r.Authors...)
	})
	if len(p.Authors) > 0 {
		if src := chooseAffiliations(p, recs); src != "" {
			p.Sources["affiliations"] = src
		}
	}
	set("abstract", func(r Record) bool { return r.Abstract != "" }, func(r Record) { p.Abstract = r.Abstract })
	set("doi", func(r Record) bool { return r.DOI != "" }, func(r Record) { p.DOI = NormalizeDOI(r.DOI) })
	set("booktitle", func(r Record) bool { return r.Booktitle != "" }, func(r Record) { p.Booktitle = NormalizeSpace(r.Booktitle) })
	set("pages", func(r Record) bool { return r.Pages != "" }, func(r Record) { p.Pages = strings.ReplaceAll(r.Pages, "--", "-") })
	if p.Pages == "" {
		set("article", func(r Record) bool { return r.Article != "" }, func(r Record) { p.Article = r.Article })
	}
	if p.Venue == "" {
		set("venue", func(r Record) bool { return r.Venue != "" }, func(r Record) { p.Venue = r.Venue })
	}
	if p.Year == 0 {
		set("year", func(r Record) bool { return r.Year != 0 }, func(r Record) { p.Year = r.Year })
	}
	set("slides_url", func(r Record) bool { return r.SlidesURL != "" }, func(r Record) { p.SlidesURL = r.SlidesURL })
	set("video_url", func(r Record) bool { return r.VideoURL != "" }, func(r Record) { p.VideoURL = r.VideoURL })
	set("arxiv_id", func(r Record) bool { return r.ArxivID != "" }, func(r Record) { p.ArxivID = r.ArxivID })
	mergePDF(p, recs)
	for _, r := range recs {
		if r.Repo != nil {
			p.Repo = r.Repo
			from, to, moved := MovedRepo(r)
			switch {
			case p.CodeURL == "":
				p.CodeURL = r.Repo.URL
				p.Sources["code_url"] = r.URL
			case moved && sameURL(p.CodeURL, from):
				// GitHub answered for a renamed repository: the list's
				// code link follows it, and the old name is kept.
				p.CodeURL = to
				p.Sources["code_url"] = r.URL
			}
			if moved {
				p.Sources["code_url_moved_from"] = from
			}
			p.Sources["repo"] = r.URL
		}
		if r.Volatile != nil {
			if p.Volatile == nil {
				p.Volatile = &paperlist.Volatile{}
			}
			if r.Volatile.Stars != 0 || r.Volatile.PushedAt != "" {
				p.Volatile.Stars, p.Volatile.PushedAt = r.Volatile.Stars, r.Volatile.PushedAt
			}
			if r.Volatile.CitationCount > p.Volatile.CitationCount {
				p.Volatile.CitationCount = r.Volatile.CitationCount
			}
		}
	}
}

// pdfKindRank orders PDF kinds: an open-access copy beats a preprint, which
// beats a publisher PDF that may sit behind a paywall.
var pdfKindRank = map[paperlist.PDFKind]int{paperlist.PDFOpenAccess: 0, paperlist.PDFPreprint: 1, paperlist.PDFPublisher: 2}

func mergePDF(p *paperlist.Paper, recs []Record) {
	cands := make([]Record, 0, len(recs))
	for _, r := range recs {
		if r.PDFURL != "" && rank("pdf", r.Source) < 1000 {
			cands = append(cands, r)
		}
	}
	for i := range cands {
		// An arXiv copy is a preprint, whatever the aggregator calls it.
		if h := hostOf(cands[i].PDFURL); h == "arxiv.org" || strings.HasSuffix(h, ".arxiv.org") {
			cands[i].PDFKind = "preprint"
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		ki, kj := kindRank(cands[i].PDFKind), kindRank(cands[j].PDFKind)
		if ki != kj {
			return ki < kj
		}
		return rank("pdf", cands[i].Source) < rank("pdf", cands[j].Source)
	})
	if len(cands) > 0 {
		p.PDFURL, p.PDFKind = cands[0].PDFURL, cands[0].PDFKind
		if p.PDFKind == "" {
			p.PDFKind = "publisher"
		}
		p.Sources["pdf_url"] = cands[0].URL
		return
	}
	// The ACM Digital Library is open access since January 2026: its PDF
	// URL is known from the DOI alone.
	if strings.HasPrefix(p.DOI, "10.1145/") {
		p.PDFURL = "https://dl.acm.org/doi/pdf/" + p.DOI
		p.PDFKind = "publisher"
		p.Sources["pdf_url"] = "https://doi.org/" + p.DOI
	}
}

// sameURL compares two links loosely: case, a trailing slash and the
// scheme aside.
func sameURL(a, b string) bool {
	norm := func(s string) string {
		s = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(s), "/"))
		s = strings.TrimPrefix(strings.TrimPrefix(s, "https://"), "http://")
		return strings.TrimPrefix(s, "www.")
	}
	return norm(a) == norm(b)
}

func kindRank(k paperlist.PDFKind) int {
	if r, ok := pdfKindRank[k]; ok {
		return r
	}
	return 3
}

// chooseAffiliations gives each author the cleanest affiliation any
// record has for the same person (ChooseAffiliations: a fragment such as
// "Departments of aBiomedical Engineering and" is never used), records in
// authors precedence, and returns the URL of the first record whose
// affiliation was taken over the authors' own.
func chooseAffiliations(p *paperlist.Paper, recs []Record) string {
	src := ""
	authorsFrom := p.Sources["authors"]
	order := append([]Record(nil), recs...)
	sort.SliceStable(order, func(i, j int) bool { return rank("authors", order[i].Source) < rank("authors", order[j].Source) })
	// The winning list's own affiliations are judged too.
	p.Authors, _ = ChooseAffiliations(p.Authors, nil)
	for _, r := range order {
		if len(r.Authors) == 0 {
			continue
		}
		out, from := ChooseAffiliations(p.Authors, r.Authors)
		p.Authors = out
		for _, f := range from {
			if f == 1 && src == "" && r.URL != authorsFrom {
				src = r.URL
			}
		}
	}
	if src == "" && authorsFrom != "" && authorsFrom != "list" && hasAffiliation(p.Authors) {
		src = authorsFrom
	}
	return src
}

func hasAffiliation(as []paperlist.Author) bool {
	for _, a := range as {
		if a.Affiliation != "" {
			return true
		}
	}
	return false
}
