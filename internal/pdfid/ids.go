package pdfid

import (
	"regexp"
	"strings"
)

// A DOI counts only when the page labels it as one ("doi:", "DOI",
// "https://doi.org/", "Digital Object Identifier"): a bare 10.x/y string on a
// first page may be a reference to another paper.
var doiRE = regexp.MustCompile(`(?i)(?:\bdoi\s*:?\s*|doi\.org/|digital object identifier\s*:?\s*)(10\.\d{4,9}/[^\s"<>]+)`)

// An arXiv identifier counts only in the form arXiv stamps on the margin of
// its PDFs: "arXiv:2101.01234v2 [cs.DC] 4 Jan 2021".
var arxivRE = regexp.MustCompile(`arXiv:\s*(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?\s*\[[a-zA-Z.-]+\]`)

// findDOI returns the DOI the page prints, lower-cased, or "" when it prints
// none or several different ones.
func findDOI(text string) string {
	return single(doiRE.FindAllStringSubmatch(text, -1), func(s string) string {
		return strings.ToLower(strings.TrimRight(s, ".,;:)]}'’”"))
	})
}

// findArxiv returns the arXiv identifier stamped on the page, without its
// version, or "" when there is none or several different ones.
func findArxiv(text string) string {
	return single(arxivRE.FindAllStringSubmatch(text, -1), func(s string) string { return s })
}

func single(matches [][]string, clean func(string) string) string {
	found := ""
	for _, m := range matches {
		v := clean(m[1])
		if found != "" && v != found {
			return ""
		}
		found = v
	}
	return found
}
