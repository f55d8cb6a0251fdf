package enrich

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
)

// Endpoints holds the base URLs of the bibliographic APIs, without a trailing
// slash. Tests point them at httptest servers.
type Endpoints struct {
	Crossref, OpenAlex, SemanticScholar, DBLP, GitHub, Arxiv, DataCite string
}

// DefaultEndpoints returns the public base URLs.
func DefaultEndpoints() Endpoints {
	return Endpoints{
		Crossref:        "https://api.crossref.org",
		OpenAlex:        "https://api.openalex.org",
		SemanticScholar: "https://api.semanticscholar.org",
		DBLP:            "https://dblp.org",
		GitHub:          "https://api.github.com",
		Arxiv:           "https://export.arxiv.org",
		DataCite:        "https://api.datacite.org",
	}
}

// s2Fields is the field list every Semantic Scholar request asks for.
// journal carries the pages ("E4832 - E4841"), which S2 gives nowhere else.
const s2Fields = "title,authors,abstract,openAccessPdf,externalIds,venue,publicationVenue,journal,year,url"

// CrossrefWork is {crossref}/works/{doi}, plus ?mailto= when mailto is set.
// The DOI's "/" stay literal; other reserved characters are escaped.
func (e Endpoints) CrossrefWork(doi, mailto string) string {
	return e.Crossref + "/works/" + escapeDOIPath(doi) + query("mailto", mailto)
}

// CrossrefSearch is {crossref}/works?query.bibliographic={title}&rows=5,
// plus &mailto= when mailto is set.
func (e Endpoints) CrossrefSearch(title, mailto string) string {
	return e.Crossref + "/works?query.bibliographic=" + escapeTitle(title) + "&rows=5" +
		param("mailto", mailto)
}

// OpenAlexWork is {openalex}/works/doi:{doi}, plus api_key and mailto
// parameters when they are set.
func (e Endpoints) OpenAlexWork(doi, apiKey, mailto string) string {
	return e.OpenAlex + "/works/doi:" + escapeDOIPath(doi) +
		query("api_key", apiKey, "mailto", mailto)
}

// OpenAlexSearch is {openalex}/works?search={title}&per-page=5, plus api_key
// and mailto parameters when they are set.
func (e Endpoints) OpenAlexSearch(title, apiKey, mailto string) string {
	return e.OpenAlex + "/works?search=" + escapeTitle(title) + "&per-page=5" +
		param("api_key", apiKey) + param("mailto", mailto)
}

// S2Paper is {s2}/graph/v1/paper/DOI:{doi}?fields=... The API key travels in
// the x-api-key header, never in the URL.
func (e Endpoints) S2Paper(doi string) string {
	return e.SemanticScholar + "/graph/v1/paper/DOI:" + escapeDOIPath(doi) + "?fields=" + s2Fields
}

// S2Match is {s2}/graph/v1/paper/search/match?query={title}&fields=...
func (e Endpoints) S2Match(title string) string {
	return e.SemanticScholar + "/graph/v1/paper/search/match?query=" + escapeTitle(title) +
		"&fields=" + s2Fields
}

// DBLPSearch is {dblp}/search/publ/api?q={title}&format=json&h=10.
func (e Endpoints) DBLPSearch(title string) string {
	return e.DBLP + "/search/publ/api?q=" + escapeTitle(title) + "&format=json&h=10"
}

// GitHubRepo is {github}/repos/{owner}/{repo}.
func (e Endpoints) GitHubRepo(owner, repo string) string {
	return e.GitHub + "/repos/" + url.PathEscape(owner) + "/" + url.PathEscape(repo)
}

// ArxivQuery is {arxiv}/api/query?id_list={id}. The "/" of an old-style id
// (cs/0112017) stays literal.
func (e Endpoints) ArxivQuery(id string) string {
	return e.Arxiv + "/api/query?id_list=" + strings.ReplaceAll(url.QueryEscape(id), "%2F", "/")
}

// SearchTitle is the form of a list title sent to search APIs: surrounding
// spaces and a trailing period removed.
func SearchTitle(title string) string {
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(title), "."))
}

func escapeTitle(title string) string { return url.QueryEscape(SearchTitle(title)) }

// escapeDOIPath escapes each "/"-separated part of a DOI for a URL path.
func escapeDOIPath(doi string) string {
	parts := strings.Split(doi, "/")
	for i, p := range parts {
		parts[i] = url.PathEscape(p)
	}
	return strings.Join(parts, "/")
}

// query renders name/value pairs whose value is set as "?a=1&b=2", or "".
func query(kv ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		if p := param(kv[i], kv[i+1]); p != "" {
			b.WriteString(p)
		}
	}
	s := b.String()
	if s == "" {
		return ""
	}
	return "?" + s[1:]
}

// param renders "&name=value" (value query-escaped), or "" when value is "".
func param(name, value string) string {
	if value == "" {
		return ""
	}
	return "&" + name + "=" + url.QueryEscape(value)
}

// Errors the API parsers return. Every parser either returns a record with a
// title or an error; never a zero Record with a nil error.
var (
	// ErrNotJSON: the body is not JSON (an HTML error page, a plain-text
	// "Resource not found.", a truncated answer).
	ErrNotJSON = errors.New("response is not JSON")
	// ErrNotAtom: the body is not an Atom feed.
	ErrNotAtom = errors.New("response is not an Atom feed")
	// ErrAPI: the body is the API's own error answer (see APIError).
	ErrAPI = errors.New("api error")
	// ErrNotFound: the API says the work or repository does not exist.
	ErrNotFound = errors.New("not found")
	// ErrNoTitle: the answer parsed but holds no title, so it cannot be
	// verified or used.
	ErrNoTitle = errors.New("record has no title")
	// ErrAmbiguous: two different papers match the list entry equally well.
	ErrAmbiguous = errors.New("ambiguous match")
)

// APIError is an error answer of an API ({"error": ...}, {"message": ...},
// Crossref's "Resource not found."). It matches ErrAPI with errors.Is, and
// ErrNotFound too when NotFound is set.
type APIError struct {
	API      string // "crossref", "openalex", "s2", "dblp", "github"
	Message  string
	NotFound bool
}

func (e *APIError) Error() string {
	return fmt.Sprintf("%s api error: %s", e.API, e.Message)
}

// Unwrap lets errors.Is find ErrAPI and, for a missing work, ErrNotFound.
func (e *APIError) Unwrap() []error {
	if e.NotFound {
		return []error{ErrAPI, ErrNotFound}
	}
	return []error{ErrAPI}
}

// notJSON describes a body that is not JSON, quoting its start.
func notJSON(api string, body []byte) error {
	s := strings.TrimSpace(string(body))
	if len(s) > 80 {
		s = s[:80] + "..."
	}
	if strings.Contains(strings.ToLower(s), "not found") && !strings.HasPrefix(s, "<") {
		return &APIError{API: api, Message: s, NotFound: true}
	}
	return fmt.Errorf("%s: %w: %q", api, ErrNotJSON, s)
}

// looksJSON reports whether body starts like a JSON object or array.
func looksJSON(body []byte) bool {
	for _, c := range body {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		case '{', '[':
			return true
		default:
			return false
		}
	}
	return false
}
