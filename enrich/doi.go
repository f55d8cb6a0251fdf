package enrich

import (
	"net/url"
	"regexp"
	"strings"
)

// doiRe is the shape of a DOI: "10.", a registrant code of digits (with
// optional ".sub" parts), "/", and a non-empty suffix that may itself contain
// "/" (10.1093/nar/gkaa1100).
var doiRe = regexp.MustCompile(`^10\.\d{4,9}(\.\d+)*/\S+$`)

// doiHosts are the resolver hosts whose whole path is a DOI.
var doiHosts = map[string]bool{"doi.org": true, "dx.doi.org": true, "www.doi.org": true}

// DOIFromURL extracts the DOI from a DOI resolver link (doi.org, dx.doi.org,
// http or https) or an ACM Digital Library link
// (dl.acm.org/doi/{,abs/,pdf/,full/,fullHtml/,epdf/}10.x/y). The path is
// percent-decoded, the query and fragment dropped, the DOI lower-cased (DOIs
// are case-insensitive). Other links give ok == false.
func DOIFromURL(link string) (doi string, ok bool) {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return "", false
	}
	host := strings.ToLower(u.Hostname())
	path := u.Path // decoded
	switch {
	case doiHosts[host]:
		doi = strings.TrimPrefix(path, "/")
	case host == "dl.acm.org" || host == "www.dl.acm.org":
		rest, found := strings.CutPrefix(path, "/doi/")
		if !found {
			return "", false
		}
		// Skip the view segment (abs, pdf, full, fullHtml, epdf, ...):
		// the DOI starts at the first segment that begins with "10.".
		for !strings.HasPrefix(rest, "10.") {
			_, after, more := strings.Cut(rest, "/")
			if !more {
				return "", false
			}
			rest = after
		}
		doi = rest
	default:
		return "", false
	}
	doi = NormalizeDOI(strings.TrimSuffix(doi, "/"))
	if !doiRe.MatchString(doi) {
		return "", false
	}
	return doi, true
}

// NormalizeDOI returns the bare, lower-case form of a DOI written as
// "doi:10.x/y", "DOI: 10.x/y", "https://doi.org/10.x/y" or
// "http://dx.doi.org/10.x/y". It does not validate; an unrecognised string
// is only trimmed and lower-cased.
func NormalizeDOI(s string) string {
	s = strings.TrimSpace(s)
	lower := strings.ToLower(s)
	for _, p := range []string{
		"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/",
		"https://www.doi.org/", "http://www.doi.org/", "doi.org/", "dx.doi.org/", "doi:",
	} {
		if strings.HasPrefix(lower, p) {
			lower = strings.TrimSpace(lower[len(p):])
			break
		}
	}
	return lower
}

// DOIRoute says where a DOI's metadata can be read.
type DOIRoute int

// DOI routes.
const (
	// RouteInvalid: not a DOI.
	RouteInvalid DOIRoute = iota
	// RouteCrossref: a DOI to look up in Crossref (and OpenAlex, S2).
	RouteCrossref
	// RouteDataCite: an arXiv DOI (10.48550/arXiv.ID), registered with
	// DataCite, not Crossref; read the arXiv API with the returned id.
	RouteDataCite
	// RouteUnregistered: ACM's placeholder prefix 10.5555. Such ids appear
	// in citations but are not registered DOIs: never send them to Crossref.
	RouteUnregistered
)

func (r DOIRoute) String() string {
	switch r {
	case RouteCrossref:
		return "crossref"
	case RouteDataCite:
		return "datacite"
	case RouteUnregistered:
		return "unregistered"
	}
	return "invalid"
}

// RouteDOI says where to look a DOI up. For an arXiv DOI it also returns the
// arXiv id ("10.48550/arxiv.2302.11665" → "2302.11665").
func RouteDOI(doi string) (DOIRoute, string) {
	doi = NormalizeDOI(doi)
	if !doiRe.MatchString(doi) {
		return RouteInvalid, ""
	}
	switch {
	case strings.HasPrefix(doi, "10.48550/"):
		id := strings.TrimPrefix(doi, "10.48550/")
		id = strings.TrimPrefix(id, "arxiv.")
		if !arxivNewRe.MatchString(id) && !arxivOldRe.MatchString(id) {
			return RouteInvalid, ""
		}
		return RouteDataCite, id
	case strings.HasPrefix(doi, "10.5555/"):
		return RouteUnregistered, ""
	}
	return RouteCrossref, ""
}

// arXiv identifiers: new style 2302.11665 (4 or 5 digits after the dot),
// old style archive(.SUBJ)/YYMMNNN; both with an optional version.
var (
	arxivNewRe = regexp.MustCompile(`^(\d{4}\.\d{4,5})(v\d+)?$`)
	arxivOldRe = regexp.MustCompile(`^([a-zA-Z-]+(\.[a-zA-Z]{2})?/\d{7})(v\d+)?$`)
)

// arxivHosts are the hosts that serve arXiv abstract and PDF pages.
var arxivHosts = map[string]bool{
	"arxiv.org": true, "www.arxiv.org": true, "browse.arxiv.org": true, "export.arxiv.org": true,
}

// ArxivIDFromURL extracts the arXiv id, without its version, from an arXiv
// link: /abs/ID, /pdf/ID (with or without ".pdf"), /html/ID, on arxiv.org,
// www.arxiv.org, browse.arxiv.org or export.arxiv.org. Old-style ids
// (cs/0112017) are kept whole. A bare "arXiv:ID" string is accepted too.
func ArxivIDFromURL(link string) (id string, ok bool) {
	link = strings.TrimSpace(link)
	if len(link) > 6 && strings.EqualFold(link[:6], "arxiv:") {
		return arxivID(strings.TrimSpace(link[6:]))
	}
	u, err := url.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return "", false
	}
	if !arxivHosts[strings.ToLower(u.Hostname())] {
		return "", false
	}
	path := strings.TrimSuffix(u.Path, "/")
	for _, view := range []string{"/abs/", "/pdf/", "/html/", "/ps/", "/format/"} {
		if rest, found := strings.CutPrefix(path, view); found {
			return arxivID(strings.TrimSuffix(rest, ".pdf"))
		}
	}
	return "", false
}

// arxivID validates an arXiv id and strips its version.
func arxivID(s string) (string, bool) {
	if m := arxivNewRe.FindStringSubmatch(s); m != nil {
		return m[1], true
	}
	if m := arxivOldRe.FindStringSubmatch(s); m != nil {
		return m[1], true
	}
	return "", false
}

// githubReserved are first path segments of github.com that are not users
// or organisations.
var githubReserved = map[string]bool{
	"orgs": true, "topics": true, "features": true, "sponsors": true, "settings": true,
	"marketplace": true, "about": true, "login": true, "search": true, "explore": true,
	"apps": true, "collections": true, "trending": true, "pricing": true, "site": true,
	"enterprise": true, "notifications": true, "issues": true, "pulls": true, "codespaces": true,
}

// GitHubRepoFromURL extracts owner and repository from a github.com link:
// github.com/o/r, github.com/o/r.git, github.com/o/r/tree/main/sub, ... .
// Gists (gist.github.com), Pages sites (*.github.io) and github.com pages
// that are not repositories give ok == false.
func GitHubRepoFromURL(link string) (owner, repo string, ok bool) {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return "", "", false
	}
	host := strings.ToLower(u.Hostname())
	if host != "github.com" && host != "www.github.com" {
		return "", "", false
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	if len(parts) < 2 || parts[0] == "" || parts[1] == "" || githubReserved[strings.ToLower(parts[0])] {
		return "", "", false
	}
	owner, repo = parts[0], strings.TrimSuffix(parts[1], ".git")
	if repo == "" {
		return "", "", false
	}
	return owner, repo, true
}
