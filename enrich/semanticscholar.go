package enrich

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

type s2Paper struct {
	// Error answers: {"error": "..."} or {"message": "...", "code": "429"}.
	Error   string `json:"error"`
	Message string `json:"message"`
	Code    string `json:"code"`

	Title       string `json:"title"`
	Abstract    string `json:"abstract"`
	Venue       string `json:"venue"`
	Year        int    `json:"year"`
	ExternalIDs struct {
		DOI   string `json:"DOI"`
		ArXiv string `json:"ArXiv"`
	} `json:"externalIds"`
	PublicationVenue *struct {
		Name           string   `json:"name"`
		Type           string   `json:"type"`
		AlternateNames []string `json:"alternate_names"`
	} `json:"publicationVenue"`
	Journal *struct {
		Name   string `json:"name"`
		Pages  string `json:"pages"`
		Volume string `json:"volume"`
	} `json:"journal"`
	OpenAccessPDF *struct {
		URL string `json:"url"`
	} `json:"openAccessPdf"`
	Authors []struct {
		Name string `json:"name"`
	} `json:"authors"`
	CitationCount *int `json:"citationCount"`
}

// ParseS2Paper reads a Semantic Scholar Graph API paper object: title,
// author names (no affiliations), abstract, openAccessPdf.url as an
// "open_access" PDF (an empty url, which S2 sends with a licence disclaimer,
// means no PDF), DOI and arXiv id from externalIds, the venue (its short
// alternate name, e.g. "SOSP", when S2 lists one) and its full name →
// Booktitle (else journal.name), pages from journal.pages when they are a
// range ("E4832 - E4841" → "E4832-E4841"; a single number, which may be a
// count or an article number, is dropped), year, citationCount → Volatile
// when requested. A venue naming a reprint collection ("Readings in ...")
// is set aside, with the year, pages, DOI and type that describe the
// reprint rather than the paper (see reprintVenue). Error answers and a
// missing title are errors.
func ParseS2Paper(body []byte) (Record, error) {
	if !looksJSON(body) {
		return Record{}, notJSON("s2", body)
	}
	var p s2Paper
	if err := json.Unmarshal(body, &p); err != nil {
		return Record{}, fmt.Errorf("s2: %w: %w", ErrNotJSON, err)
	}
	if err := p.apiError(); err != nil {
		return Record{}, err
	}
	r := p.record()
	if r.Title == "" {
		return Record{}, fmt.Errorf("s2 paper %s: %w", r.DOI, ErrNoTitle)
	}
	return r, nil
}

// ParseS2Match reads a Semantic Scholar title-match answer ({"data":[...]}).
// The API's "Title match not found" answer is an error wrapping both
// ErrNotFound and ErrNoMatch.
func ParseS2Match(body []byte) ([]Record, error) {
	if !looksJSON(body) {
		return nil, notJSON("s2", body)
	}
	var list struct {
		s2Paper
		Data *[]s2Paper `json:"data"`
	}
	if err := json.Unmarshal(body, &list); err != nil {
		return nil, fmt.Errorf("s2: %w: %w", ErrNotJSON, err)
	}
	if err := list.apiError(); err != nil {
		if errors.Is(err, ErrNotFound) {
			return nil, fmt.Errorf("%w (%w)", err, ErrNoMatch)
		}
		return nil, err
	}
	if list.Data == nil {
		return nil, fmt.Errorf("s2: answer has no data list: %w", ErrAPI)
	}
	recs := make([]Record, 0, len(*list.Data))
	for i := range *list.Data {
		if r := (*list.Data)[i].record(); r.Title != "" {
			recs = append(recs, r)
		}
	}
	return recs, nil
}

func (p *s2Paper) apiError() error {
	msg := p.Error
	if msg == "" && p.Title == "" && p.Message != "" {
		msg = p.Message
		if p.Code != "" {
			msg = p.Code + ": " + msg
		}
	}
	if msg == "" {
		return nil
	}
	return &APIError{API: "s2", Message: msg, NotFound: strings.Contains(strings.ToLower(msg), "not found")}
}

func (p *s2Paper) record() Record {
	r := Record{
		Source:    "s2",
		Title:     PlainText(p.Title),
		Abstract:  PlainText(p.Abstract),
		DOI:       NormalizeDOI(p.ExternalIDs.DOI),
		Year:      p.Year,
		Venue:     NormalizeSpace(p.Venue),
		Booktitle: NormalizeSpace(p.Venue),
	}
	r.ArxivID, _ = arxivID(strings.TrimSpace(p.ExternalIDs.ArXiv))
	if pv := p.PublicationVenue; pv != nil {
		if pv.Name != "" {
			r.Booktitle = NormalizeSpace(pv.Name)
		}
		for _, alt := range pv.AlternateNames {
			if isAcronym(alt) {
				r.Venue = alt
				break
			}
		}
		switch pv.Type {
		case "conference":
			r.Type = "inproceedings"
		case "journal":
			r.Type = "article"
		}
	}
	if j := p.Journal; j != nil {
		if r.Booktitle == "" {
			r.Booktitle = NormalizeSpace(j.Name)
		}
		if pages, ok := PageRange(j.Pages); ok && strings.Contains(pages, "-") {
			r.Pages = pages
		}
	}
	if reprintVenue(r.Venue) || reprintVenue(r.Booktitle) || (p.Journal != nil && reprintVenue(p.Journal.Name)) {
		r.Venue, r.Booktitle, r.Year, r.Pages, r.DOI, r.Type = "", "", 0, "", "", ""
	}
	if p.OpenAccessPDF != nil && strings.TrimSpace(p.OpenAccessPDF.URL) != "" {
		r.PDFURL, r.PDFKind = strings.TrimSpace(p.OpenAccessPDF.URL), "open_access"
	}
	r.Authors = make([]paperlist.Author, 0, len(p.Authors))
	for _, a := range p.Authors {
		if name := NormalizeSpace(a.Name); name != "" {
			r.Authors = append(r.Authors, paperlist.Author{Name: name})
		}
	}
	if p.CitationCount != nil {
		r.Volatile = &paperlist.Volatile{CitationCount: *p.CitationCount}
	}
	return r
}

// reprintMarkers are words of the names of collections that reprint papers
// (anthologies, "Readings in ..." books, pioneers' collected works), matched
// on a lower-case name at a word boundary. Semantic Scholar sometimes files
// a paper under such a collection: its venue, year and pages are the
// reprint's, not the paper's.
var reprintMarkers = []string{
	"readings in ", "classic papers", "classic operating systems", "classics in ",
	"reprint", "collected papers", "collected works", "selected papers", "selected works",
	"software pioneers", "ideas that created the future", "landmark papers", "seminal papers",
	"seminal graphics", "the origin of concurrent programming", "great papers",
}

// reprintVenue reports whether a venue name names a reprint collection.
func reprintVenue(name string) bool {
	n := " " + strings.ToLower(NormalizeSpace(name))
	for _, m := range reprintMarkers {
		if strings.Contains(n, " "+m) {
			return true
		}
	}
	return false
}

// isAcronym reports whether a venue name is a short name such as "SOSP" or
// "EuroSys": one word, 2 to 10 letters, at least two of them upper case.
func isAcronym(s string) bool {
	if len(s) < 2 || len(s) > 10 {
		return false
	}
	upper := 0
	for _, c := range s {
		if !unicode.IsLetter(c) {
			return false
		}
		if unicode.IsUpper(c) {
			upper++
		}
	}
	return upper >= 2
}

var (
	s2DOI = Source{
		Name: "s2", Label: "Semantic Scholar by DOI", Kind: ByID, Fallback: true,
		Request: func(env *Env, k *Known) (fetch.Request, bool) {
			doi := k.CrossrefDOI()
			return jsonGet(env.Endpoints.S2Paper(doi), env.s2Header()), doi != ""
		},
		Parse: jsonRecord(ParseS2Paper),
	}
	s2Match = Source{
		Name: "s2", Label: "Semantic Scholar search", Kind: Search,
		Request: titleSearch(func(env *Env, title string) (string, map[string]string) {
			return env.Endpoints.S2Match(title), env.s2Header()
		}),
		Parse: searchHits("Semantic Scholar", ParseS2Match),
	}
)
