package enrich

import (
	"fmt"
	"strings"
)

// routeLinks says, for the README, which links take each route.
var routeLinks = map[Route]string{
	RouteUSENIXPage: "USENIX presentation page",
	RouteDOILink:    "DOI (`doi.org`, `dl.acm.org/doi/…`)",
	RouteArxivLink:  "arXiv (`arxiv.org/abs`, `/pdf`, an arXiv DOI)",
	RouteGitHub:     "GitHub repository",
	RoutePage:       "any other page",
	RoutePDF:        "a link straight to a PDF",
	RouteTitle:      "no link (a bare title)",
}

// fieldOrder is the order of the precedence table in the README.
var fieldOrder = []string{"title", "authors", "abstract", "doi", "booktitle", "pages", "article", "venue", "year", "pdf", "slides_url", "video_url", "arxiv_id"}

// SourcesTable renders the README's "Where each field comes from" tables
// from the declarations: each route's chain with when each step runs, then
// each field's precedence. A test keeps the README equal to it.
func SourcesTable() string {
	var b strings.Builder
	b.WriteString("| link | steps, in order (when each runs) |\n| --- | --- |\n")
	for _, r := range RouteOrder {
		steps := make([]string, 0, len(Chains[r]))
		for _, st := range Chains[r] {
			s := st.Source.Label
			if st.Source.Only != "" {
				s += " *(" + st.Source.Only + ")*"
			}
			switch st.When {
			case IfUnverified:
				s += " *(if nothing verified yet)*"
			case IfMissing:
				f := make([]string, len(st.Fields))
				for i, x := range st.Fields {
					f[i] = string(x)
				}
				s += " *(if " + strings.Join(f, " or ") + " missing)*"
			}
			steps = append(steps, s)
		}
		fmt.Fprintf(&b, "| %s | %s |\n", routeLinks[r], strings.Join(steps, " → "))
	}
	b.WriteString("\n| field | sources, most authoritative first |\n| --- | --- |\n")
	for _, f := range fieldOrder {
		fmt.Fprintf(&b, "| `%s` | %s |\n", f, strings.Join(precedence[f], ", "))
	}
	return b.String()
}
