package output

import (
	"encoding/csv"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/paperlist/paperlist"
)

// CSVColumns is the fixed column order of papers.csv.
var CSVColumns = []string{
	"id", "venue", "year", "group", "list_title", "title", "link", "read",
	"authors", "affiliations", "abstract", "pdf_url", "pdf_kind", "doi",
	"booktitle", "pages", "article", "code_url", "slides_url", "video_url", "arxiv_id",
	"notes", "status", "errors", "sources", "line",
}

// WriteCSV writes papers as RFC 4180 CSV with a header row. Multi-valued fields
// are joined with "; " (affiliations line up with authors: an author without
// one gives an empty slot, one with several has them joined with " / "). Cells are made safe for spreadsheets: one that
// starts with '=', '+', '-', '@', a tab or a carriage return gets a leading
// apostrophe so that no spreadsheet evaluates it as a formula.
func WriteCSV(out io.Writer, papers []paperlist.Paper) error {
	return writeAllTo(&csvSink{w: csv.NewWriter(out)}, papers)
}

// csvRow is a record's row of papers.csv.
func csvRow(p *paperlist.Paper) []string {
	names := make([]string, len(p.Authors))
	affs := make([]string, len(p.Authors))
	anyAff := false
	for i, a := range p.Authors {
		names[i] = a.Name
		// One author's several affiliations are joined with "; " in
		// the record; here they become " / " so that the column keeps
		// one slot per author.
		affs[i] = strings.ReplaceAll(a.Affiliation, "; ", " / ")
		anyAff = anyAff || a.Affiliation != ""
	}
	aff := ""
	if anyAff {
		aff = strings.Join(affs, "; ")
	}
	year := ""
	if p.Year != 0 {
		year = strconv.Itoa(p.Year)
	}
	row := []string{
		p.ID, p.Venue, year, p.Group, p.ListTitle, p.Title, p.Link, strconv.FormatBool(p.Read),
		strings.Join(names, "; "), aff, p.Abstract, p.PDFURL, string(p.PDFKind), p.DOI,
		p.Booktitle, p.Pages, p.Article, p.CodeURL, p.SlidesURL, p.VideoURL, p.ArxivID,
		strings.Join(p.Notes, "; "), string(p.Status), strings.Join(p.Errors, "; "), joinSources(p.Sources), strconv.Itoa(p.Line),
	}
	for i := range row {
		row[i] = spreadsheetSafe(row[i])
	}
	return row
}

func joinSources(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + m[k]
	}
	return strings.Join(parts, "; ")
}

func spreadsheetSafe(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}
