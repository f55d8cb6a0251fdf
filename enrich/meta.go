package enrich

import (
	"bytes"
	"fmt"
	"strings"
	"unicode"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

// ParseMeta reads the bibliographic <meta> tags of any publisher page:
// Highwire citation_*, Dublin Core (dc.* / DC.*, any case), Open Graph and
// description. Attribute order and quoting do not matter (the page is parsed
// as HTML5, never matched with regular expressions).
//
// Sources of each field, first found wins:
//   - Title: citation_title, dc.title, og:title, <title>; a trailing
//     " | Site" or " - Journal" part of the last two is cut when it names the
//     site, journal, conference or publisher.
//   - Authors: citation_author in order ("Last, First" becomes "First Last"),
//     each with the citation_author_institution tags that follow it before
//     the next author (several joined with "; "; never zipped by index) and
//     its citation_author_orcid; else dc.creator without affiliations.
//   - DOI: citation_doi, dc.identifier, prism.doi — lower-cased, without
//     "doi:" or a doi.org prefix; identifiers that are not DOIs are skipped.
//   - PDFURL: citation_pdf_url, absolute; PDFKind "publisher".
//   - Abstract: citation_abstract, dc.description, og:description,
//     description, as plain text. A teaser cut with "…" is skipped, and so is
//     an og:description/description that shares no word with the title or
//     contains the journal/conference name (site boilerplate or a citation
//     line, not an abstract).
//   - Year: citation_publication_date, citation_date, citation_cover_date,
//     citation_online_date, dc.date, dc.issued ("2015/02/09", "2022-04-04",
//     "2004").
//   - Pages: citation_firstpage-citation_lastpage.
//   - Booktitle and Type: citation_conference_title ("inproceedings"), else
//     citation_journal_title ("article"), else Type "".
//
// A page without any citation_*, dc.*, prism.* or og:title tag (a bot
// challenge, an error page) gives ErrMarkupChanged, as does one where no
// title is found. Errors carry pageURL.
func ParseMeta(body []byte, pageURL string) (Record, error) {
	doc, err := pageDoc(headOnly(body), pageURL)
	if err != nil {
		return Record{}, err
	}
	metas := pageMetas(doc)
	if !metaBibliographic(metas) {
		return Record{}, fmt.Errorf("meta tags of %s: no bibliographic meta tags: %w", pageURL, ErrMarkupChanged)
	}
	get := func(names ...string) string {
		for _, n := range names {
			if v := pageFirstMeta(metas, n); v != "" {
				return v
			}
		}
		return ""
	}

	r := Record{Source: "meta", URL: pageURL}
	conference := get("citation_conference_title")
	journal := get("citation_journal_title")
	switch {
	case conference != "":
		r.Booktitle, r.Type = conference, "inproceedings"
	case journal != "":
		r.Booktitle, r.Type = journal, "article"
	}
	sites := []string{get("og:site_name"), conference, journal, get("citation_journal_abbrev"), get("citation_publisher"), get("dc.publisher")}

	r.Title = get("citation_title", "dc.title")
	r.Scholarly = r.Title != ""
	if r.Title == "" {
		r.Title = metaCutSite(get("og:title"), sites)
	}
	if r.Title == "" {
		r.Title = metaCutSite(NormalizeSpace(doc.Find("title").First().Text()), sites)
	}
	if r.Title == "" {
		return Record{}, fmt.Errorf("meta tags of %s: no title: %w", pageURL, ErrMarkupChanged)
	}

	r.Authors = pageMetaAuthors(metas)
	if len(r.Authors) == 0 {
		for _, m := range metas {
			if m.name == "dc.creator" {
				r.Authors = append(r.Authors, paperlist.Author{Name: metaPersonName(m.content)})
			}
		}
	}
	for _, m := range metas {
		if m.name == "citation_doi" || m.name == "dc.identifier" || m.name == "prism.doi" {
			if d := pageCleanDOI(m.content); d != "" {
				r.DOI = d
				break
			}
		}
	}
	if r.PDFURL = pageResolve(pageBase(pageURL), get("citation_pdf_url")); r.PDFURL != "" {
		r.PDFKind = "publisher"
	}
	r.Abstract = metaAbstract(metas, r.Title, []string{conference, journal})
	for _, n := range []string{"citation_publication_date", "citation_date", "citation_cover_date", "citation_online_date", "dc.date", "dc.issued"} {
		if r.Year = pageYear(get(n)); r.Year != 0 {
			break
		}
	}
	r.Pages = pagePages(get("citation_firstpage"), get("citation_lastpage"))
	return r, nil
}

// metaBibliographic reports whether the page carries any bibliographic tag.
func metaBibliographic(metas []pageMeta) bool {
	for _, m := range metas {
		if strings.HasPrefix(m.name, "citation_") || strings.HasPrefix(m.name, "dc.") ||
			strings.HasPrefix(m.name, "dcterms.") || strings.HasPrefix(m.name, "prism.") || m.name == "og:title" {
			return true
		}
	}
	return false
}

// pageMetaAuthors walks the citation_author tags in document order. Each
// citation_author_institution and citation_author_orcid belongs to the
// author before it; institutions before the first author are ignored. A
// citation_authors tag ("Smith, J.; Doe, K.") adds one author per name.
func pageMetaAuthors(metas []pageMeta) []paperlist.Author {
	var out []paperlist.Author
	for _, m := range metas {
		switch m.name {
		case "citation_author":
			out = append(out, paperlist.Author{Name: metaPersonName(m.content)})
		case "citation_authors":
			for _, n := range strings.Split(m.content, ";") {
				if n = strings.TrimSpace(n); n != "" {
					out = append(out, paperlist.Author{Name: metaPersonName(n)})
				}
			}
		case "citation_author_institution":
			if len(out) == 0 {
				continue
			}
			a := &out[len(out)-1]
			switch {
			case a.Affiliation == "":
				a.Affiliation = m.content
			case !strings.Contains("; "+a.Affiliation+"; ", "; "+m.content+"; "):
				a.Affiliation += "; " + m.content
			}
		case "citation_author_orcid":
			if len(out) > 0 {
				out[len(out)-1].ORCID = pageORCID(m.content)
			}
		}
	}
	return out
}

// metaPersonName turns "Last, First" into "First Last"; other forms, and
// "Last, First, Jr." style names with more commas, are kept as written.
func metaPersonName(s string) string {
	s = NormalizeSpace(s)
	last, first, ok := strings.Cut(s, ",")
	if !ok || strings.Contains(first, ",") {
		return s
	}
	last, first = strings.TrimSpace(last), strings.TrimSpace(first)
	if last == "" || first == "" || pageNameSuffix(first) {
		return s
	}
	return first + " " + last
}

// pageORCID returns a bare ORCID iD ("0000-0002-1825-0097"), or "".
func pageORCID(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, "/"); i >= 0 {
		s = s[i+1:]
	}
	if len(s) != 19 {
		return ""
	}
	return strings.ToUpper(s)
}

// pageCleanDOI returns s as a bare lower-case DOI ("10.1103/physrevx.12.041027")
// using NormalizeDOI (also dropping "info:doi/"), or "" when s is not a DOI
// (a HAL id, a page URL).
func pageCleanDOI(s string) string {
	d := strings.TrimPrefix(NormalizeDOI(s), "info:doi/")
	if !strings.HasPrefix(d, "10.") || !strings.Contains(d, "/") || strings.ContainsAny(d, " \t\n") {
		return ""
	}
	return d
}

// metaCutSite removes trailing " | X", " - X" or " — X" parts of a page
// title while X is one of the site names.
func metaCutSite(title string, sites []string) string {
	for {
		cut := false
		for _, sep := range []string{" | ", " - ", " — ", " – "} {
			i := strings.LastIndex(title, sep)
			if i <= 0 {
				continue
			}
			tail := strings.ToLower(strings.TrimSpace(title[i+len(sep):]))
			for _, s := range sites {
				if s != "" && (tail == strings.ToLower(s) || strings.Contains(tail, strings.ToLower(s))) {
					title, cut = strings.TrimSpace(title[:i]), true
					break
				}
			}
			if cut {
				break
			}
		}
		if !cut {
			return title
		}
	}
}

// metaAbstract picks the abstract; see ParseMeta for the policy. venues are
// the conference and journal names, which a citation line repeats.
func metaAbstract(metas []pageMeta, title string, venues []string) string {
	strong := map[string]bool{"citation_abstract": true, "dc.description": true, "dcterms.abstract": true}
	order := []string{"citation_abstract", "dcterms.abstract", "dc.description", "og:description", "description"}
	for _, name := range order {
		for _, m := range metas {
			if m.name != name {
				continue
			}
			text := m.content
			if strings.Contains(text, "</") || strings.Contains(text, "/>") {
				text = PlainText(text)
			}
			if text == "" || strings.HasSuffix(text, "…") || strings.HasSuffix(text, "...") {
				continue
			}
			if !strong[name] && !metaLooksLikeAbstract(text, title, venues) {
				continue
			}
			return text
		}
	}
	return ""
}

// metaLooksLikeAbstract reports whether a description may be the paper's
// abstract: it shares a word of four or more letters with the title and
// does not contain a venue name.
func metaLooksLikeAbstract(text, title string, venues []string) bool {
	low := strings.ToLower(text)
	for _, v := range venues {
		if v != "" && strings.Contains(low, strings.ToLower(v)) {
			return false
		}
	}
	words := map[string]bool{}
	for _, w := range metaWords(text) {
		words[w] = true
	}
	for _, w := range metaWords(title) {
		if words[w] {
			return true
		}
	}
	return false
}

// metaWords returns the lower-cased words of s with four or more letters,
// with a plural "s" dropped, so "dynamos" meets "dynamo".
func metaWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if len([]rune(w)) < 4 {
			continue
		}
		out = append(out, strings.TrimSuffix(w, "s"))
	}
	return out
}

// headOnly cuts a page at its <body> tag when a <head> comes first: every
// tag ParseMeta reads lives in the head, and parsing a 200 KB body into a
// tree only to throw it away is most of a warm run's time. Scripts, styles
// and comments in the head are skipped (they may mention "<body"). A page
// without that shape is returned whole.
func headOnly(body []byte) []byte {
	head := false
	for off := 0; off < len(body); {
		i := bytes.IndexByte(body[off:], '<')
		if i < 0 {
			return body
		}
		i += off
		off = i + 1
		switch {
		case bytes.HasPrefix(body[i:], []byte("<!--")):
			end := bytes.Index(body[i:], []byte("-->"))
			if end < 0 {
				return body
			}
			off = i + end + 3
		case tagAt(body, i, "script") || tagAt(body, i, "style"):
			name := "</script"
			if tagAt(body, i, "style") {
				name = "</style"
			}
			end := indexFold(body[i:], name)
			if end < 0 {
				return body
			}
			off = i + end + len(name)
		case !head && tagAt(body, i, "head"):
			head = true
		case head && tagAt(body, i, "body"):
			return body[:i]
		}
	}
	return body
}

// indexFold is bytes.Index ignoring ASCII case, for a lower-case sep.
func indexFold(s []byte, sep string) int {
	for i := 0; i+len(sep) <= len(s); i++ {
		j := bytes.IndexByte(s[i:], sep[0])
		if j < 0 {
			return -1
		}
		i += j
		if i+len(sep) <= len(s) && bytes.EqualFold(s[i:i+len(sep)], []byte(sep)) {
			return i
		}
	}
	return -1
}

// tagAt reports whether body holds the start tag <name at i (any case),
// followed by '>' or white space.
func tagAt(body []byte, i int, name string) bool {
	j := i + 1 + len(name)
	if j >= len(body) || !bytes.EqualFold(body[i+1:j], []byte(name)) {
		return false
	}
	switch body[j] {
	case '>', ' ', '\t', '\n', '\r', '/':
		return true
	}
	return false
}

// metaPage reads any other page's citation_* / Dublin Core / Open Graph
// meta tags. A page without bibliographic tags is taken only when its
// title is the entry's (see accept).
var metaPage = Source{
	Name: "meta", Label: "the page's meta tags", Kind: Head, Noun: "the linked page",
	Request: func(_ *Env, k *Known) (fetch.Request, bool) {
		return getRequest(k.Target.Page, "text/html", nil), true
	},
	Parse: htmlPage(ParseMeta),
}
