package fetch

import "golang.org/x/time/rate"

// HostRates are the default request rates per host, chosen from each
// service's published guidance (README.md, "Politeness"); the command's
// --rate overrides them. A new source's host gets its line here.
func HostRates(mailto, githubToken string) map[string]rate.Limit {
	crossref := rate.Limit(2) // public pool
	if mailto != "" {
		crossref = 5 // polite pool (mailto): half of its published budget
	}
	// GitHub's limit is an hourly quota (60 without a token, 5,000 with
	// one), enforced through X-RateLimit-* headers by the fetch client; the
	// spacing here only keeps bursts gentle.
	_ = githubToken
	github := rate.Limit(1)
	return map[string]rate.Limit{
		"www.usenix.org":          1,
		"dl.acm.org":              0.5,
		"dblp.org":                0.5, // "at least one or two seconds between requests"
		"api.crossref.org":        crossref,
		"api.openalex.org":        5,   // 10/s is the published ceiling
		"api.semanticscholar.org": 0.5, // anonymous callers share a throttled pool
		"export.arxiv.org":        1.0 / 3,
		"api.github.com":          github,
		"api.datacite.org":        5, // 3,000 requests per 5 minutes per address is its published ceiling
	}
}
