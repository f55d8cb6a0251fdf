package enrich

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

// ErrNotAPaper is returned by ParseUSENIX for a presentation page that has
// no paper behind it: a keynote, panel or invited talk (a "presented by"
// field, or no citation_* tags and no author list). It is not a layout
// change; the caller should treat the entry as having no paper record.
var ErrNotAPaper = errors.New("usenix page is a talk without a paper")

// usenixPaperPath matches the paper page paths of USENIX conferences:
// /conference/<conf><yy>/presentation/<slug> and the older
// /conference/<conf><yy>/technical-sessions/presentation/<slug> (also
// "technical-session"). Group 1 is the conference segment, 2 the conference
// name without the year, 3 the optional middle segment, 4 the slug.
var usenixPaperPath = regexp.MustCompile(`^/conference/(([a-z][a-z-]*?)\d{2,4}[a-z]*)/(?:(technical-sessions?)/)?presentation/([A-Za-z0-9][A-Za-z0-9_.-]*)/?$`)

// IsUSENIXPaperURL reports whether link is a USENIX paper page that
// ParseUSENIX handles, and returns its canonical URL: https, host
// www.usenix.org, the path as matched (without a trailing slash, the
// conference segment lower-cased), no query or fragment. The older
// technical-sessions path form is kept as it is, since that is the page's
// address. Links to files (/system/files/*.pdf) are not pages and give false:
// a PDF name cannot be mapped back to its page reliably.
func IsUSENIXPaperURL(link string) (canonical string, ok bool) {
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return "", false
	}
	host := strings.ToLower(u.Hostname())
	if host != "usenix.org" && host != "www.usenix.org" {
		return "", false
	}
	if p := u.Port(); p != "" && p != "80" && p != "443" {
		return "", false
	}
	// Lower-case all but the slug, which keeps its case.
	path := strings.TrimSuffix(u.Path, "/")
	cut := strings.LastIndexByte(path, '/') + 1
	path = strings.ToLower(path[:cut]) + path[cut:]
	m := usenixPaperPath.FindStringSubmatch(path)
	if m == nil {
		return "", false
	}
	return "https://www.usenix.org" + path, true
}

// usenixVenue derives the short venue name from a paper page URL
// (".../conference/osdi23/..." → "OSDI"), or "".
func usenixVenue(pageURL string) string {
	u, err := url.Parse(pageURL)
	if err != nil {
		return ""
	}
	m := usenixPaperPath.FindStringSubmatch(strings.ToLower(u.Path))
	if m == nil {
		return ""
	}
	if v, ok := paperlist.VenueByUSENIX(m[2]); ok {
		return v.Name
	}
	return strings.ToUpper(m[2])
}

// ParseUSENIX extracts a USENIX presentation page
// (https://www.usenix.org/conference/osdi23/presentation/li-zhouhan). Both
// page layouts (2026 "field-label-hidden" and 2025 "field-label-above" with
// "Authors:" labels) give the same record, and unbalanced HTML is fine.
//
// Sources of each field, first found wins:
//   - Title: h1#page-title, else citation_title with BibTeX braces stripped.
//   - Authors, in order, with affiliations: the people-text field, split on
//     its <em> affiliation elements (never on commas: affiliations hold
//     commas and " and "); else the citation_author tags, each followed by
//     its citation_author_institution tags in document order (several are
//     joined with "; ").
//   - Abstract: the description field as plain text, paragraphs kept.
//   - PDFURL: citation_pdf_url, else the first non-appendix link of the
//     final-paper field (never the prepublication PDF); PDFKind open_access.
//   - SlidesURL: the slides file field. VideoURL: the YouTube embed, as a
//     https://www.youtube.com/watch?v=<id> link.
//   - Year, Pages: citation_publication_date, citation_firstpage/lastpage,
//     else the inline BibTeX year and pages ("387--401" → "387-401").
//   - Booktitle: the inline BibTeX booktitle (braces stripped), else
//     citation_conference_title. Venue: from the URL ("osdi23" → "OSDI").
//
// Without a title or any author it returns ErrMarkupChanged, or
// ErrNotAPaper (with the talk's title, abstract and video filled in) for a
// keynote or other talk page. Errors carry pageURL.
func ParseUSENIX(body []byte, pageURL string) (Record, error) {
	doc, err := pageDoc(body, pageURL)
	if err != nil {
		return Record{}, err
	}
	metas := pageMetas(doc)
	base := pageBase(pageURL)
	bib := usenixBibFields(doc.Find("div.bibtex-text-entry").First().Text())

	r := Record{
		Source: "usenix",
		URL:    pageURL,
		Title:  NormalizeSpace(doc.Find("h1#page-title").First().Text()),
		Venue:  usenixVenue(pageURL),
		Type:   "inproceedings",
	}
	if r.Title == "" {
		r.Title = NormalizeSpace(StripBraces(pageFirstMeta(metas, "citation_title")))
	}
	r.Authors = usenixPeople(doc.Find("div.field-name-field-paper-people-text > .field-items > .field-item"))
	if len(r.Authors) == 0 {
		r.Authors = pageMetaAuthors(metas)
	}
	r.Abstract = usenixAbstract(doc.Find("div.field-name-field-paper-description > .field-items > .field-item"))
	r.PDFURL = pageResolve(base, pageFirstMeta(metas, "citation_pdf_url"))
	if r.PDFURL == "" {
		r.PDFURL = usenixFinalPDF(doc, base)
	}
	if r.PDFURL != "" {
		r.PDFKind = "open_access"
	}
	r.SlidesURL = pageResolve(base, doc.Find(`div[class*="field-name-field-"][class*="slides"] a[href]`).First().AttrOr("href", ""))
	r.VideoURL = usenixVideo(doc)

	r.Year = pageYear(pageFirstMeta(metas, "citation_publication_date"))
	if r.Year == 0 {
		r.Year = pageYear(bib["year"])
	}
	r.Pages = pagePages(pageFirstMeta(metas, "citation_firstpage"), pageFirstMeta(metas, "citation_lastpage"))
	if r.Pages == "" {
		r.Pages = pagePages(bib["pages"], "")
	}
	r.Booktitle = NormalizeSpace(StripBraces(bib["booktitle"]))
	if r.Booktitle == "" {
		r.Booktitle = NormalizeSpace(StripBraces(pageFirstMeta(metas, "citation_conference_title")))
	}

	if r.Title == "" {
		return Record{}, fmt.Errorf("usenix page %s: no title: %w", pageURL, ErrMarkupChanged)
	}
	if len(r.Authors) == 0 {
		talk := doc.Find("div.field-name-field-presented-by").Length() > 0 ||
			(doc.Find("article.node-paper").Length() > 0 && pageFirstMeta(metas, "citation_title") == "")
		if talk {
			r.Type = ""
			return r, fmt.Errorf("usenix page %s: %w", pageURL, ErrNotAPaper)
		}
		return Record{}, fmt.Errorf("usenix page %s: no authors: %w", pageURL, ErrMarkupChanged)
	}
	return r, nil
}

// usenixPeople parses the people-text field: "Name, <em>Affil;</em> Name
// and Name, <em>Affil;</em> ... Name, <em>Last</em>". The text before each
// <em> holds the names that share its affiliation.
func usenixPeople(sel *goquery.Selection) []paperlist.Author {
	var authors []paperlist.Author
	var names strings.Builder
	lastGroup := 0 // index of the first author of the last group
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				names.WriteString(c.Data)
			case c.Type == html.ElementNode && (c.Data == "em" || c.Data == "i"):
				aff := strings.Trim(NormalizeSpace(goquery.NewDocumentFromNode(c).Text()), " ;,")
				group := usenixSplitNames(names.String())
				if len(group) == 0 && len(authors) > 0 && aff != "" {
					// "<em>A</em> and <em>B</em>": a second affiliation of the last group.
					for i := lastGroup; i < len(authors); i++ {
						authors[i].Affiliation += " and " + aff
					}
				}
				lastGroup = len(authors)
				for _, name := range group {
					authors = append(authors, paperlist.Author{Name: name, Affiliation: aff})
				}
				names.Reset()
			case c.Type == html.ElementNode:
				names.WriteByte(' ')
				walk(c)
				names.WriteByte(' ')
			}
		}
	}
	for _, n := range sel.Nodes {
		walk(n)
		names.WriteByte(' ')
	}
	for _, name := range usenixSplitNames(names.String()) {
		authors = append(authors, paperlist.Author{Name: name})
	}
	return authors
}

// usenixNameSep separates the names of one affiliation group.
var usenixNameSep = regexp.MustCompile(`\s*[,;]\s*(?:and\s+)?|\s+and\s+|\s*&\s*`)

// usenixSplitNames splits "Zhuohan Li and Lianmin Zheng, " into names. A
// name suffix ("Jr.", "III") stays with the name before it.
func usenixSplitNames(s string) []string {
	s = strings.Trim(NormalizeSpace(s), " ,;&")
	for _, and := range []string{"and ", "And "} {
		s = strings.TrimPrefix(s, and)
	}
	if s = strings.TrimSuffix(s, " and"); s == "" || s == "and" {
		return nil
	}
	var out []string
	for _, part := range usenixNameSep.Split(s, -1) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if len(out) > 0 && pageNameSuffix(part) {
			out[len(out)-1] += ", " + part
			continue
		}
		out = append(out, part)
	}
	return out
}

// pageNameSuffix reports whether s is a generational name suffix.
func pageNameSuffix(s string) bool {
	switch strings.TrimSuffix(strings.ToLower(s), ".") {
	case "jr", "sr", "ii", "iii", "iv":
		return true
	}
	return false
}

// usenixAbstract returns the description field as plain text; several
// field items are separate paragraphs. Fields nested inside it (possible
// when the page's HTML is unbalanced) are not part of the abstract.
func usenixAbstract(sel *goquery.Selection) string {
	var paras []string
	sel.Each(func(_ int, s *goquery.Selection) {
		s = s.Clone()
		s.Find("div.field").Remove()
		h, err := s.Html()
		if err != nil {
			return
		}
		if t := PlainText(h); t != "" {
			paras = append(paras, t)
		}
	})
	return strings.Join(paras, "\n\n")
}

// usenixFinalPDF returns the first link of the final-paper field that is not
// an appendix, absolute. The prepublication field is never looked at.
func usenixFinalPDF(doc *goquery.Document, base *url.URL) string {
	var pdf string
	doc.Find("div.field-name-field-final-paper-pdf a[href]").EachWithBreak(func(_ int, a *goquery.Selection) bool {
		label := strings.ToLower(a.Text() + " " + a.AttrOr("title", ""))
		if strings.Contains(label, "appendix") || strings.Contains(label, "supplement") {
			return true
		}
		pdf = pageResolve(base, a.AttrOr("href", ""))
		return pdf == ""
	})
	return pdf
}

// usenixVideo returns the watch URL of the page's YouTube embed, or "".
func usenixVideo(doc *goquery.Document) string {
	var video string
	doc.Find(".field-name-field-embed-video iframe[src], iframe[src]").EachWithBreak(func(_ int, f *goquery.Selection) bool {
		video = pageYouTube(f.AttrOr("src", ""))
		return video == ""
	})
	return video
}

// pageYouTube turns a YouTube embed or watch link (also protocol-relative,
// youtu.be and youtube-nocookie.com) into
// https://www.youtube.com/watch?v=<id>; "" when it is not one.
func pageYouTube(src string) string {
	u, err := url.Parse(pageResolve(nil, src))
	if err != nil || u.Host == "" {
		return ""
	}
	host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	var id string
	switch host {
	case "youtube.com", "m.youtube.com", "youtube-nocookie.com":
		if rest, ok := strings.CutPrefix(u.Path, "/embed/"); ok {
			id = rest
		} else if u.Path == "/watch" {
			id = u.Query().Get("v")
		}
	case "youtu.be":
		id = strings.TrimPrefix(u.Path, "/")
	}
	if !pageYouTubeID(id) {
		return ""
	}
	return "https://www.youtube.com/watch?v=" + id
}

// pageYouTubeID reports whether id looks like a YouTube video id.
func pageYouTubeID(id string) bool {
	if len(id) < 6 || len(id) > 20 {
		return false
	}
	for _, c := range id {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
		if !ok {
			return false
		}
	}
	return true
}

// usenixBibFields reads the fields of the page's inline BibTeX entry
// ("@inproceedings {288582, author = {...}, ..., month = jul }") into a map
// keyed by lower-cased field name. Values keep their inner braces; a bare
// value (month = jul) is taken up to the next comma, brace or space. It
// returns an empty map for text that is not an entry.
func usenixBibFields(s string) map[string]string {
	out := map[string]string{}
	open := strings.IndexByte(s, '{')
	if open < 0 {
		return out
	}
	comma := strings.IndexByte(s[open:], ',')
	if comma < 0 {
		return out
	}
	p := open + comma + 1
	for p < len(s) {
		for p < len(s) && (s[p] == ',' || isBibSpace(s[p])) {
			p++
		}
		start := p
		for p < len(s) && isBibNameChar(s[p]) {
			p++
		}
		name := strings.ToLower(s[start:p])
		for p < len(s) && isBibSpace(s[p]) {
			p++
		}
		if name == "" || p >= len(s) || s[p] != '=' {
			break
		}
		p++
		for p < len(s) && isBibSpace(s[p]) {
			p++
		}
		if p >= len(s) {
			break
		}
		var val string
		switch s[p] {
		case '{', '"':
			end := bibValueEnd(s, p)
			if end < 0 {
				return out
			}
			val = s[p+1 : end]
			p = end + 1
		default:
			start := p
			for p < len(s) && s[p] != ',' && s[p] != '}' && !isBibSpace(s[p]) {
				p++
			}
			val = s[start:p]
		}
		out[name] = NormalizeSpace(val)
	}
	return out
}

// bibValueEnd returns the index of the brace or quote closing the value that
// opens at s[p], or -1.
func bibValueEnd(s string, p int) int {
	closer := byte('}')
	if s[p] == '"' {
		closer = '"'
	}
	depth := 0
	for i := p + 1; i < len(s); i++ {
		switch c := s[i]; {
		case c == '{':
			depth++
		case c == '}' && depth > 0:
			depth--
		case c == closer && depth == 0:
			return i
		}
	}
	return -1
}

func isBibSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

func isBibNameChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// usenixPage reads a USENIX presentation page (authors with affiliations,
// abstract, open-access PDF, slides, video, BibTeX).
var usenixPage = Source{
	Name: "usenix", Label: "USENIX page", Kind: Head,
	Request: func(_ *Env, k *Known) (fetch.Request, bool) {
		return getRequest(k.Target.Page, "text/html", nil), true
	},
	Parse: htmlPage(ParseUSENIX),
}
