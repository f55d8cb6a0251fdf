package output

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"

	"github.com/paperlist/paperlist"
)

// cslItem is one CSL-JSON item (the interchange of Zotero, pandoc/citeproc,
// Mendeley and citation.js; schema in testdata/csl-data.json). Field order is
// the output order; empty fields are left out.
type cslItem struct {
	ID                  string      `json:"id"`
	Type                string      `json:"type"`
	Title               string      `json:"title,omitempty"`
	Author              []cslName   `json:"author,omitempty"`
	Issued              *cslDate    `json:"issued,omitempty"`
	ContainerTitle      string      `json:"container-title,omitempty"`
	ContainerTitleShort string      `json:"container-title-short,omitempty"`
	Page                string      `json:"page,omitempty"`
	DOI                 string      `json:"DOI,omitempty"`
	URL                 string      `json:"URL,omitempty"`
	Abstract            string      `json:"abstract,omitempty"`
	Note                string      `json:"note,omitempty"`
	Custom              *cslArxivID `json:"custom,omitempty"`
}

type cslName struct {
	Family  string `json:"family,omitempty"`
	Given   string `json:"given,omitempty"`
	Suffix  string `json:"suffix,omitempty"`
	Literal string `json:"literal,omitempty"`
}

type cslDate struct {
	DateParts [][]int `json:"date-parts"`
}

// cslArxivID keeps the arXiv id where CSL has no field for it.
type cslArxivID struct {
	ArxivID string `json:"arxiv_id"`
}

// WriteCSLJSON writes papers as a CSL-JSON array (papers.csl.json), one item
// per paper in list order, 2-space indented, UTF-8 unescaped.
//
// id is the record id, so a pandoc citation reads [@osdi2023-alpaserve].
// type follows the BibTeX writer's choice: paper-conference
// (@inproceedings), article-journal (@article), else article (an unresolved
// entry or a preprint). Authors are split into family and given names as the
// BibTeX writer splits them; a one-word name is a literal. issued is the
// year; container-title the full proceedings or journal name (else the
// venue), with the venue as container-title-short; page, DOI, URL (the
// list's link, else the DOI's), abstract. The list's notes go to note only
// with opt.Notes, as in BibTeX.
func WriteCSLJSON(w io.Writer, papers []paperlist.Paper, opt BibOptions) error {
	items := make([]cslItem, len(papers))
	for i := range papers {
		items[i] = cslFromPaper(&papers[i], opt)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(items); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

func cslFromPaper(p *paperlist.Paper, opt BibOptions) cslItem {
	it := cslItem{ID: p.ID, Title: p.Title, Page: p.Pages, DOI: p.DOI, Abstract: p.Abstract}
	if it.Title == "" {
		it.Title = p.ListTitle
	}
	switch bibType(p) {
	case "inproceedings":
		it.Type = "paper-conference"
	case "article":
		it.Type = "article-journal"
	default:
		it.Type = "article"
	}
	for _, a := range p.Authors {
		n := strings.Join(strings.Fields(a.Name), " ")
		if n == "" {
			continue
		}
		it.Author = append(it.Author, cslNameOf(n))
	}
	if p.Year > 0 {
		it.Issued = &cslDate{DateParts: [][]int{{p.Year}}}
	}
	it.ContainerTitle = p.Booktitle
	if it.ContainerTitle == "" {
		it.ContainerTitle = p.Venue
	} else if p.Venue != "" && p.Venue != p.Booktitle {
		it.ContainerTitleShort = p.Venue
	}
	switch {
	case p.Link != "":
		it.URL = p.Link
	case p.DOI != "":
		it.URL = "https://doi.org/" + p.DOI
	}
	if opt.Notes && len(p.Notes) > 0 {
		it.Note = strings.Join(p.Notes, "; ")
	}
	if p.ArxivID != "" {
		it.Custom = &cslArxivID{ArxivID: p.ArxivID}
	}
	return it
}

// cslNameOf splits a name the way the BibTeX writer inverts it ("Last,
// First" or "Last, Jr., First"); a name of one word stays a literal.
func cslNameOf(n string) cslName {
	parts := strings.Split(invertName(n), ", ")
	switch len(parts) {
	case 2:
		return cslName{Family: parts[0], Given: parts[1]}
	case 3:
		return cslName{Family: parts[0], Suffix: parts[1], Given: parts[2]}
	}
	return cslName{Literal: n}
}
