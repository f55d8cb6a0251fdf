package enrich

import (
	"regexp"
	"strconv"
	"strings"
)

// pageToken is one page as sources write it: "663", "E4832", "S12", "e1002",
// "xiv".
var pageToken = regexp.MustCompile(`^(?:[A-Za-z]{0,3}[0-9]{1,6}[A-Za-z]?|[ivxlcdm]{1,8})$`)

// articlePages is DBLP's way of writing an article number with the pages
// inside the article: "1:1-1:16" is article 1, 16 pages long.
var articlePages = regexp.MustCompile(`^([0-9]{1,6}):[0-9]{1,6}(?:-([0-9]{1,6}):[0-9]{1,6})?$`)

// PageRange normalizes the pages of one paper as sources write them:
// dashes and spaces around them unified ("E4832 - E4841", "663--679",
// "663–679" → "E4832-E4841", "663-679"), an abbreviated last page written
// out ("1234-56" → "1234-1256"). A single page is kept. It reports false
// for anything that is not a page or a range of pages of one paper: a
// range running backwards, text, several ranges, an article number in
// DBLP's "1:1-1:16" form (see ArticleNumber).
func PageRange(s string) (string, bool) {
	s = NormalizeSpace(s)
	for _, d := range []string{"\u2013", "\u2014", "\u2212", "--"} {
		s = strings.ReplaceAll(s, d, "-")
	}
	first, last, isRange := strings.Cut(s, "-")
	first, last = strings.TrimSpace(first), strings.TrimSpace(last)
	if !pageToken.MatchString(first) {
		return "", false
	}
	if !isRange || last == first {
		return first, true
	}
	if !pageToken.MatchString(last) {
		return "", false
	}
	a, errA := strconv.Atoi(first)
	b, errB := strconv.Atoi(last)
	if errA == nil && errB == nil {
		if b < a && len(last) < len(first) {
			last = first[:len(first)-len(last)] + last
			b, _ = strconv.Atoi(last)
		}
		if b < a {
			return "", false
		}
	}
	return first + "-" + last, true
}

// ArticleNumber reads DBLP's article-number pages ("1:1-1:16", "5:1-5:23",
// "12:1") and returns the article number ("1"), or false when s is not
// written that way.
func ArticleNumber(s string) (string, bool) {
	m := articlePages.FindStringSubmatch(strings.ReplaceAll(NormalizeSpace(s), " ", ""))
	if m == nil || (m[2] != "" && m[2] != m[1]) {
		return "", false
	}
	return m[1], true
}
