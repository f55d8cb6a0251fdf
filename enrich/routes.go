package enrich

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

// Route is the kind of link an entry has; each has one declared chain.
type Route string

// The routes.
const (
	RouteUSENIXPage Route = "usenix"  // a USENIX presentation page
	RouteDOILink    Route = "doi"     // a DOI (doi.org, dl.acm.org/doi/...)
	RouteArxivLink  Route = "arxiv"   // an arXiv abstract or PDF
	RouteGitHub     Route = "github"  // a code repository
	RoutePage       Route = "page"    // any other page: its meta tags
	RoutePDF        Route = "pdf"     // a link straight to a PDF
	RouteTitle      Route = "title"   // no link: the title alone
	RouteBadLink    Route = "invalid" // a link that will not be followed
	RouteSkipped    Route = "skipped" // skipped by an override
)

// Target is what an entry's link points at, as far as its shape tells.
type Target struct {
	Route       Route
	Link        string // the link as given (or the override's URL)
	Page        string // the page to read (the USENIX canonical URL, or the link)
	DOI         string // the link's DOI (or the override's)
	Arxiv       string // the link's arXiv id
	Owner, Repo string // a GitHub repository
	Note        string // something the entry should say about its link
}

// titleSearches are asked one after the other until one verifies: DBLP
// (with the section's venue and year to choose among hits), Crossref,
// OpenAlex, then Semantic Scholar's title match (which knows arXiv copies).
var titleSearches = Chain{
	{Source: &dblpSearch, When: IfUnverified},
	{Source: &crossrefSearch, When: IfUnverified},
	{Source: &openalexSearch, When: IfUnverified},
	{Source: &s2Match, When: IfUnverified},
}

// byDOI reads a DOI's metadata: Crossref (DataCite for the DOIs it
// registers, or when nothing has identified the paper yet), OpenAlex, then Semantic Scholar
// when an abstract or an open-access PDF is still missing; then the arXiv
// copy an accepted record names, when no open-access PDF is known.
var byDOI = Chain{
	{Source: &crossrefDOI, When: Always},
	{Source: &dataciteDOI, When: IfUnverified},
	{Source: &openalexDOI, When: Always},
	{Source: &s2DOI, When: IfMissing, Fields: []Field{FieldAbstract, FieldOAPDF}},
	{Source: &arxivCopy, When: IfMissing, Fields: []Field{FieldOAPDF}},
}

// Chains is the one declaration of how each route is resolved. The engine
// runs it, --dry-run plans from it, the dedup key and the README's table
// are read from it.
var Chains = map[Route]Chain{
	RouteUSENIXPage: concat(Chain{{Source: &usenixPage, When: Always}}, titleSearches, byDOI),
	RouteDOILink:    concat(Chain{{Source: &linkDOI, When: Always}}, byDOI),
	RouteArxivLink:  concat(Chain{{Source: &arxivAPI, When: Always}}, byDOI),
	RouteGitHub:     concat(Chain{{Source: &githubAPI, When: Always}}, titleSearches, byDOI),
	RoutePage:       concat(Chain{{Source: &metaPage, When: Always}}, titleSearches, byDOI),
	RoutePDF:        concat(Chain{{Source: &linkPDF, When: Always}, {Source: &pdfFirstPage, When: Always}}, titleSearches, byDOI),
	RouteTitle:      concat(titleSearches, byDOI),
}

// RouteOrder lists the routes in the order the README documents them.
var RouteOrder = []Route{RouteUSENIXPage, RouteDOILink, RouteArxivLink, RouteGitHub, RoutePage, RoutePDF, RouteTitle}

// namesPaper says which routes' links name one paper by themselves: two
// entries with such a link are the same paper whatever their titles.
var namesPaper = map[Route]bool{RouteDOILink: true, RouteArxivLink: true}

func concat(parts ...Chain) Chain {
	var c Chain
	for _, p := range parts {
		c = append(c, p...)
	}
	return c
}

// Classify routes a link by its shape.
func Classify(link string) Target {
	link = strings.TrimSpace(link)
	if link == "" {
		return Target{Route: RouteTitle}
	}
	t := Target{Link: link}
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		t.Route = RouteBadLink
		return t
	}
	if page, ok := IsUSENIXPaperURL(link); ok {
		t.Route, t.Page = RouteUSENIXPage, page
		return t
	}
	if doi, ok := DOIFromURL(link); ok {
		return classifyDOI(t, doi)
	}
	if id, ok := ArxivIDFromURL(link); ok {
		t.Route, t.Arxiv = RouteArxivLink, id
		return t
	}
	if owner, repo, ok := GitHubRepoFromURL(link); ok {
		t.Route, t.Owner, t.Repo = RouteGitHub, owner, repo
		return t
	}
	t.Page = link
	if strings.HasSuffix(strings.ToLower(u.Path), ".pdf") {
		// A PDF has no metadata worth parsing here (USENIX /system/files/,
		// a personal page): the paper is found by its title.
		t.Route = RoutePDF
		return t
	}
	t.Route = RoutePage
	return t
}

// classifyDOI routes a DOI by its registrar: arXiv's DataCite DOIs to the
// arXiv API, ACM's unregistered placeholder prefix to the title.
func classifyDOI(t Target, doi string) Target {
	doi = NormalizeDOI(doi)
	switch route, arxivID := RouteDOI(doi); route {
	case RouteDataCite:
		t.Route, t.Arxiv = RouteArxivLink, arxivID
	case RouteUnregistered:
		t.Route = RouteTitle
		t.Note = fmt.Sprintf("%s is not a registered DOI (10.5555 is ACM's placeholder prefix); resolving by title", doi)
	case RouteCrossref:
		t.Route, t.DOI = RouteDOILink, doi
	default:
		t.Route = RouteBadLink
	}
	return t
}

// target is the entry's target after its override (a pinned DOI or URL).
func (e *Enricher) target(en paperlist.Entry, id string) (Target, *Override) {
	ov, ok := e.cfg.Overrides.For(id, en.ListTitle)
	if !ok {
		return Classify(en.Link), nil
	}
	switch {
	case ov.Skip:
		return Target{Route: RouteSkipped}, &ov
	case ov.DOI != "":
		return classifyDOI(Target{Link: "override"}, ov.DOI), &ov
	case ov.URL != "":
		return Classify(ov.URL), &ov
	}
	return Classify(en.Link), &ov
}

// dedupKey groups entries that are the same paper and so share one
// resolution: a link that names a paper (a DOI, an arXiv id) by what it
// names; any other link by the link and the title, venue and year (two
// entries may link one repository or page for two papers, and these routes
// can fall back to the title); no link by the title, venue and year. An
// entry with an override of its own is never shared.
func dedupKey(k *Known, ov *Override, id string) string {
	if ov != nil {
		return "id:" + id
	}
	t, en := k.Target, k.Entry
	if namesPaper[t.Route] {
		return string(t.Route) + ":" + t.DOI + t.Arxiv
	}
	byTitle := fmt.Sprintf("title:%s|%s|%d", NormalizeTitle(en.Title), en.Venue, en.Year)
	if t.Link == "" {
		return byTitle
	}
	return "link:" + t.Link + "|" + byTitle
}

// The link itself as a source: a DOI link's DOI, a PDF link's PDF.
var (
	linkDOI = Source{
		Name: "link", Label: "the link's DOI", Kind: Head,
		Derive: func(k *Known) (Record, bool) {
			return Record{Source: "link", URL: k.Target.Link, DOI: k.Target.DOI}, k.Target.DOI != ""
		},
	}
	linkPDF = Source{
		Name: "link", Label: "the link as the PDF", Kind: Head,
		Derive: func(k *Known) (Record, bool) {
			kind := paperlist.PDFPublisher
			if strings.HasSuffix(strings.ToLower(hostOf(k.Target.Link)), "usenix.org") {
				kind = paperlist.PDFOpenAccess // USENIX papers are open access
			}
			return Record{Source: "link", URL: k.Target.Link, PDFURL: k.Target.Link, PDFKind: kind}, true
		},
	}
)

// getRequest is a plain GET for a media type, with optional headers.
func getRequest(rawURL, accept string, hdr map[string]string) fetch.Request {
	req := fetch.Request{URL: rawURL, Accept: accept}
	if len(hdr) > 0 {
		req.Header = make(map[string][]string, len(hdr))
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
	}
	return req
}
