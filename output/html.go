package output

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/base64"
	"html/template"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/paperlist/paperlist"
)

//go:embed html.tmpl
var htmlTemplate string

//go:embed html.css
var htmlCSS string

//go:embed html.js
var htmlJS string

var htmlPage = template.Must(template.New("page").Parse(htmlTemplate))

// HTMLOptions are the page's settings.
type HTMLOptions struct {
	Title string // the page's heading, e.g. the list's file name
}

// WriteHTML writes papers as one self-contained page (index.html): inline
// CSS and JavaScript, no request at view time, so it opens from file:// and
// from any static host. Every paper shows its title (linked), authors with
// affiliations, venue and year, links (PDF, DOI, code, slides, video,
// arXiv), the abstract (collapsed), the list's notes, read or not, and on
// hover where each field came from. Above the list: a search box, facets
// that combine (venue, year, read, group, code, status), sorting, counts,
// and a summary; the current filter is kept in the URL's fragment, so a link
// shares it. Every value is escaped by html/template; a Content-Security-
// Policy allows only the page's own script and style (by hash), so even a
// value that slipped through could not run. The same papers give the same
// bytes.
func WriteHTML(w io.Writer, papers []paperlist.Paper, opt HTMLOptions) error {
	var buf bytes.Buffer
	if err := htmlPage.Execute(&buf, newHTMLData(papers, opt)); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

type htmlData struct {
	Title   string
	Total   int
	Read    int
	CSP     string
	CSS     template.CSS
	JS      template.JS
	Papers  []htmlPaper
	Facets  []htmlFacet
	Years   []int         // the summary table's columns, newest first
	Venues  []htmlVenue   // its rows
	Fields  []htmlCounted // how many papers have each field
	Sorts   []htmlCounted // the sort options (Name = value, Label = text)
	Version string
}

type htmlCounted struct {
	Name, Label string
	N           int
}

type htmlVenue struct {
	Name    string
	PerYear []int // aligned with htmlData.Years
	N       int
}

type htmlFacet struct {
	Key, Label string
	Values     []htmlCounted
}

type htmlPaper struct {
	*paperlist.Paper
	Pos        int
	Facet      map[string]string // facet key -> this paper's value
	Paragraphs []string
	Links      []htmlLink
	From       map[string]string // field -> "from <source>" for the hover
}

type htmlLink struct {
	Label, URL, From string
}

// The facets, in the order the page shows them.
var htmlFacets = []struct{ key, label string }{
	{"venue", "Venue"}, {"year", "Year"}, {"read", "Read"}, {"group", "Group"}, {"code", "Code"}, {"status", "Status"},
}

func newHTMLData(papers []paperlist.Paper, opt HTMLOptions) htmlData {
	d := htmlData{Title: opt.Title, Total: len(papers), CSS: template.CSS(htmlCSS), JS: template.JS(htmlJS), Version: paperlist.Version}
	if d.Title == "" {
		d.Title = "Reading list"
	}
	d.CSP = "default-src 'none'; style-src " + cspHash(htmlCSS) + "; script-src " + cspHash(htmlJS) +
		"; img-src data:; base-uri 'none'; form-action 'none'"
	d.Sorts = []htmlCounted{{Name: "list", Label: "list order"}, {Name: "year", Label: "year (newest first)"},
		{Name: "venue", Label: "venue"}, {Name: "title", Label: "title"}}

	counts := map[string]map[string]int{}
	order := map[string][]string{}
	fields := []htmlCounted{{Name: "authors", Label: "authors"}, {Name: "affiliation", Label: "affiliations"},
		{Name: "abstract", Label: "abstract"}, {Name: "pdf", Label: "PDF"}, {Name: "doi", Label: "DOI"},
		{Name: "pages", Label: "pages"}, {Name: "code", Label: "code"}}
	venueYear := map[string]map[int]int{}
	var venues []string
	years := map[int]bool{}
	for i := range papers {
		p := &papers[i]
		hp := htmlPaper{Paper: p, Pos: i + 1, Facet: htmlFacetValues(p), Links: htmlLinks(p), From: map[string]string{}}
		for k, v := range p.Sources {
			hp.From[k] = "from " + v
		}
		for _, para := range strings.Split(p.Abstract, "\n\n") {
			if para = strings.TrimSpace(para); para != "" {
				hp.Paragraphs = append(hp.Paragraphs, para)
			}
		}
		d.Papers = append(d.Papers, hp)
		for key, v := range hp.Facet {
			if counts[key] == nil {
				counts[key] = map[string]int{}
			}
			if counts[key][v] == 0 {
				order[key] = append(order[key], v)
			}
			counts[key][v]++
		}
		if p.Read {
			d.Read++
		}
		has := map[string]bool{"authors": len(p.Authors) > 0, "abstract": p.Abstract != "", "pdf": p.PDFURL != "",
			"doi": p.DOI != "", "pages": p.Pages != "", "code": p.CodeURL != ""}
		for _, a := range p.Authors {
			has["affiliation"] = has["affiliation"] || a.Affiliation != ""
		}
		for j := range fields {
			if has[fields[j].Name] {
				fields[j].N++
			}
		}
		venue := htmlOr(p.Venue, "(none)")
		if venueYear[venue] == nil {
			venueYear[venue] = map[int]int{}
			venues = append(venues, venue)
		}
		venueYear[venue][p.Year]++
		years[p.Year] = true
	}
	d.Fields = fields
	for y := range years {
		d.Years = append(d.Years, y)
	}
	slices.SortFunc(d.Years, func(a, b int) int { return b - a })
	for _, v := range venues {
		row := htmlVenue{Name: v}
		for _, y := range d.Years {
			row.PerYear = append(row.PerYear, venueYear[v][y])
			row.N += venueYear[v][y]
		}
		d.Venues = append(d.Venues, row)
	}
	for _, f := range htmlFacets {
		values := order[f.key]
		switch f.key {
		case "year":
			slices.SortFunc(values, func(a, b string) int { return strings.Compare(b, a) })
		case "read", "code", "status":
			slices.Sort(values)
		}
		facet := htmlFacet{Key: f.key, Label: f.label}
		for _, v := range values {
			facet.Values = append(facet.Values, htmlCounted{Name: v, Label: v, N: counts[f.key][v]})
		}
		d.Facets = append(d.Facets, facet)
	}
	return d
}

// htmlFacetValues is what the facets filter on: one value per facet.
func htmlFacetValues(p *paperlist.Paper) map[string]string {
	year := "(none)"
	if p.Year != 0 {
		year = strconv.Itoa(p.Year)
	}
	read, code := "unread", "no code"
	if p.Read {
		read = "read"
	}
	if p.CodeURL != "" {
		code = "has code"
	}
	return map[string]string{
		"venue": htmlOr(p.Venue, "(none)"), "year": year, "read": read,
		"group": htmlOr(p.Group, "(no group)"), "code": code, "status": string(p.Status),
	}
}

// htmlLinks are a paper's badges, each with where it came from.
func htmlLinks(p *paperlist.Paper) []htmlLink {
	var ls []htmlLink
	add := func(label, url, field string) {
		if url == "" {
			return
		}
		from := ""
		if s := p.Sources[field]; s != "" {
			from = "from " + s
		}
		ls = append(ls, htmlLink{Label: label, URL: url, From: from})
	}
	pdf := "PDF"
	switch p.PDFKind {
	case paperlist.PDFOpenAccess:
		pdf = "PDF (open access)"
	case paperlist.PDFPreprint:
		pdf = "PDF (preprint)"
	}
	add(pdf, p.PDFURL, "pdf_url")
	if p.DOI != "" {
		add("DOI", "https://doi.org/"+p.DOI, "doi")
	}
	add("Code", p.CodeURL, "code_url")
	add("Slides", p.SlidesURL, "slides_url")
	add("Video", p.VideoURL, "video_url")
	if p.ArxivID != "" {
		add("arXiv", "https://arxiv.org/abs/"+p.ArxivID, "arxiv_id")
	}
	return ls
}

func htmlOr(s, empty string) string {
	if s == "" {
		return empty
	}
	return s
}

// cspHash is the Content-Security-Policy source that allows one inline
// script or style: its SHA-256.
func cspHash(s string) string {
	sum := sha256.Sum256([]byte(s))
	return "'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"
}
