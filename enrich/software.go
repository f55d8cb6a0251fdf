package enrich

import (
	"regexp"
	"strings"

	"github.com/paperlist/paperlist"
)

// An entry whose only link is a code repository names a piece of software
// ("github3.py"), not a paper: its list title is not searched as a paper
// title. The repository may name its paper, and then that paper is read by
// its identifier.

// PaperRef is a paper a repository names.
type PaperRef struct {
	DOI     string // lower-case, bare
	ArxivID string // without version
	URL     string // a "Paper:" link that is neither a DOI nor an arXiv link
	From    string // "description" or "homepage"
}

var (
	// doiInText finds a DOI inside prose: "10.", registrant, "/", suffix up
	// to white space or a closing bracket or quote.
	doiInText = regexp.MustCompile(`\b10\.\d{4,9}(?:\.\d+)*/[^\s"'<>()\[\]{}]+`)
	// arxivInText finds "arXiv:2302.11665" or "arXiv 2302.11665v2".
	arxivInText = regexp.MustCompile(`(?i)\barxiv[: ]\s*(\d{4}\.\d{4,5}(?:v\d+)?|[a-z-]+(?:\.[A-Z]{2})?/\d{7}(?:v\d+)?)`)
	// urlInText finds http(s) links.
	urlInText = regexp.MustCompile(`https?://[^\s"'<>()\[\]{}]+`)
	// paperLabel is a label that introduces the paper's link.
	paperLabel = regexp.MustCompile(`(?i)\b(?:paper|publication|preprint|article)\s*:\s*`)
)

// RepoPaper returns the paper a GitHub repository names, if it names one:
// a DOI (written bare, "doi:…" or as a doi.org or dl.acm.org link) or an
// arXiv id ("arXiv:2302.11665", an arxiv.org link) in its description, a
// link labelled "Paper:" in its description, or a homepage that is itself
// a DOI, arXiv or PDF link. A homepage that is a project or documentation
// site (github3py.readthedocs.io) names no paper. The description is read
// first; trailing punctuation of prose is not part of an identifier.
func RepoPaper(repo *paperlist.Repo) (PaperRef, bool) {
	if repo == nil {
		return PaperRef{}, false
	}
	if ref, ok := paperInText(repo.Description); ok {
		ref.From = "description"
		return ref, true
	}
	home := strings.TrimSpace(repo.Homepage)
	if home == "" {
		return PaperRef{}, false
	}
	if ref, ok := paperInLink(home); ok {
		ref.From = "homepage"
		return ref, true
	}
	if looksLikePDF(home) {
		return PaperRef{URL: home, From: "homepage"}, true
	}
	return PaperRef{}, false
}

// paperInText finds an identifier or a labelled paper link in prose.
func paperInText(s string) (PaperRef, bool) {
	for _, u := range urlInText.FindAllString(s, -1) {
		if ref, ok := paperInLink(trimProse(u)); ok {
			return ref, true
		}
	}
	if m := doiInText.FindString(s); m != "" {
		return PaperRef{DOI: NormalizeDOI(trimProse(m))}, true
	}
	if m := arxivInText.FindStringSubmatch(s); m != nil {
		if id, ok := arxivID(m[1]); ok {
			return PaperRef{ArxivID: id}, true
		}
	}
	if loc := paperLabel.FindStringIndex(s); loc != nil {
		if u := urlInText.FindString(s[loc[1]:]); u != "" && strings.HasPrefix(s[loc[1]:], u) {
			return PaperRef{URL: trimProse(u)}, true
		}
	}
	return PaperRef{}, false
}

// paperInLink reads a DOI or arXiv id from a link.
func paperInLink(u string) (PaperRef, bool) {
	if doi, ok := DOIFromURL(u); ok {
		return PaperRef{DOI: doi}, true
	}
	if id, ok := ArxivIDFromURL(u); ok {
		return PaperRef{ArxivID: id}, true
	}
	return PaperRef{}, false
}

// trimProse drops the punctuation prose puts after a link or identifier.
func trimProse(s string) string {
	return strings.TrimRight(s, ".,;:!?")
}
