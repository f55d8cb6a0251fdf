package enrich

import (
	"net/url"
	"strings"

	"github.com/paperlist/paperlist"
)

// Plan routes.
const (
	PlanUSENIX  = "usenix"  // a USENIX presentation page
	PlanDOI     = "doi"     // a DOI link: Crossref, OpenAlex, Semantic Scholar
	PlanArxiv   = "arxiv"   // an arXiv link: the arXiv API
	PlanGitHub  = "github"  // a repository link: the GitHub API, then the title
	PlanTitle   = "title"   // no link: DBLP, then Crossref and OpenAlex searches
	PlanPage    = "page"    // any other page: its meta tags
	PlanPDF     = "pdf"     // a link straight to a PDF: kept as the PDF, the paper resolved by title
	PlanInvalid = "invalid" // a link that will not be followed
	PlanSkipped = "skipped" // skipped by an override
)

// Plan says how an entry would be resolved and which requests its first
// pass needs (fallbacks, taken only when these fail, are not counted). It
// makes no request: --dry-run uses it to estimate a run's cost.
func (e *Enricher) Plan(en paperlist.Entry, id string) (route string, urls []string) {
	link := strings.TrimSpace(en.Link)
	if ov, ok := e.cfg.Overrides.For(id, en.ListTitle); ok {
		switch {
		case ov.Skip:
			return PlanSkipped, nil
		case ov.DOI != "":
			return PlanDOI, e.doiURLs(NormalizeDOI(ov.DOI))
		case ov.URL != "":
			link = ov.URL
		}
	}
	ep := e.cfg.Endpoints
	title := en.Title
	if title == "" {
		title = en.ListTitle
	}
	if link == "" {
		return PlanTitle, []string{ep.DBLPSearch(title)}
	}
	t := classify(link)
	switch t.route {
	case PlanUSENIX, PlanPage:
		return t.route, []string{t.page}
	case PlanDOI:
		return PlanDOI, e.doiURLs(t.doi)
	case PlanArxiv:
		return PlanArxiv, []string{ep.ArxivQuery(t.arxiv)}
	case PlanGitHub:
		return PlanGitHub, []string{ep.GitHubRepo(t.owner, t.repo), ep.DBLPSearch(title)}
	case PlanPDF:
		return PlanPDF, []string{ep.DBLPSearch(title)}
	}
	return PlanInvalid, nil
}

// target is what a link points at.
type target struct {
	route       string // one of the Plan* routes
	page        string // the page to read (USENIX canonical URL, or the link)
	doi         string
	arxiv       string
	owner, repo string
}

// classify routes a link by its shape; the enricher and Plan share it.
func classify(link string) target {
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return target{route: PlanInvalid}
	}
	if page, ok := IsUSENIXPaperURL(link); ok {
		return target{route: PlanUSENIX, page: page}
	}
	if doi, ok := DOIFromURL(link); ok {
		return target{route: PlanDOI, doi: doi}
	}
	if id, ok := ArxivIDFromURL(link); ok {
		return target{route: PlanArxiv, arxiv: id}
	}
	if owner, repo, ok := GitHubRepoFromURL(link); ok {
		return target{route: PlanGitHub, owner: owner, repo: repo}
	}
	if strings.HasSuffix(strings.ToLower(u.Path), ".pdf") {
		// A PDF has no metadata worth parsing here (USENIX /system/files/,
		// a personal page): the paper is found by its title.
		return target{route: PlanPDF, page: link}
	}
	return target{route: PlanPage, page: link}
}

func (e *Enricher) doiURLs(doi string) []string {
	ep := e.cfg.Endpoints
	switch route, arxivID := RouteDOI(doi); route {
	case RouteDataCite:
		return []string{ep.ArxivQuery(arxivID)}
	case RouteCrossref:
		return []string{ep.CrossrefWork(doi, ""), ep.OpenAlexWork(doi, e.cfg.OpenAlexKey, "")}
	}
	return nil
}
