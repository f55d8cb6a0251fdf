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
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return PlanInvalid, nil
	}
	if page, ok := IsUSENIXPaperURL(link); ok {
		return PlanUSENIX, []string{page}
	}
	if doi, ok := DOIFromURL(link); ok {
		return PlanDOI, e.doiURLs(doi)
	}
	if id, ok := ArxivIDFromURL(link); ok {
		return PlanArxiv, []string{ep.ArxivQuery(id)}
	}
	if owner, repo, ok := GitHubRepoFromURL(link); ok {
		return PlanGitHub, []string{ep.GitHubRepo(owner, repo), ep.DBLPSearch(title)}
	}
	return PlanPage, []string{link}
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
