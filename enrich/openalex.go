package enrich

import (
	"encoding/json"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

type openAlexSource struct {
	DisplayName string `json:"display_name"`
	Type        string `json:"type"` // conference, journal, repository, ...
}

type openAlexLocation struct {
	ID             string          `json:"id"`
	LandingPageURL string          `json:"landing_page_url"`
	PDFURL         string          `json:"pdf_url"`
	Source         *openAlexSource `json:"source"`
	RawType        string          `json:"raw_type"`
}

type openAlexWork struct {
	// Error answers ({"error": "Not Found", "message": "..."}).
	Error   string `json:"error"`
	Message string `json:"message"`

	DOI             string `json:"doi"`
	Title           string `json:"title"`
	DisplayName     string `json:"display_name"`
	PublicationYear int    `json:"publication_year"`
	Type            string `json:"type"`
	IDs             struct {
		Arxiv string `json:"arxiv"`
	} `json:"ids"`
	PrimaryLocation *openAlexLocation  `json:"primary_location"`
	BestOALocation  *openAlexLocation  `json:"best_oa_location"`
	Locations       []openAlexLocation `json:"locations"`
	OpenAccess      struct {
		OAURL string `json:"oa_url"`
	} `json:"open_access"`
	Authorships []struct {
		Author struct {
			DisplayName string `json:"display_name"`
			ORCID       string `json:"orcid"`
		} `json:"author"`
		Institutions []struct {
			DisplayName string `json:"display_name"`
		} `json:"institutions"`
		RawAffiliationStrings []string `json:"raw_affiliation_strings"`
		Affiliations          []struct {
			Raw string `json:"raw_affiliation_string"`
		} `json:"affiliations"`
	} `json:"authorships"`
	Biblio struct {
		FirstPage string `json:"first_page"`
		LastPage  string `json:"last_page"`
	} `json:"biblio"`
	AbstractInvertedIndex map[string][]int `json:"abstract_inverted_index"`
	CitedByCount          *int             `json:"cited_by_count"`
}

// ParseOpenAlexWork reads an OpenAlex work object. Title (display_name, else
// title), authors with affiliations (institution names "; "-joined, falling
// back to the raw affiliation strings when an author has no institution),
// the abstract rebuilt from abstract_inverted_index (null is fine; see
// openAlexAbstract for the headings it drops), the
// open-access PDF (best_oa_location.pdf_url, else open_access.oa_url when it
// points at a PDF) of kind "open_access", primary source → Booktitle,
// publication_year, pages from biblio, DOI without "https://doi.org/", the
// arXiv id from ids.arxiv or an arXiv location, cited_by_count → Volatile.
// Error answers ({"error": ...}) and a missing title are errors.
func ParseOpenAlexWork(body []byte) (Record, error) {
	if !looksJSON(body) {
		return Record{}, notJSON("openalex", body)
	}
	var w openAlexWork
	if err := json.Unmarshal(body, &w); err != nil {
		return Record{}, fmt.Errorf("openalex: %w: %w", ErrNotJSON, err)
	}
	if err := w.apiError(); err != nil {
		return Record{}, err
	}
	r := w.record()
	if r.Title == "" {
		return Record{}, fmt.Errorf("openalex work %s: %w", r.DOI, ErrNoTitle)
	}
	return r, nil
}

// ParseOpenAlexSearch reads an OpenAlex list answer ({"meta":..,
// "results":[...]}) into records in the API's order, skipping results
// without a title.
func ParseOpenAlexSearch(body []byte) ([]Record, error) {
	if !looksJSON(body) {
		return nil, notJSON("openalex", body)
	}
	var list struct {
		Error   string          `json:"error"`
		Message string          `json:"message"`
		Results *[]openAlexWork `json:"results"`
	}
	if err := json.Unmarshal(body, &list); err != nil {
		return nil, fmt.Errorf("openalex: %w: %w", ErrNotJSON, err)
	}
	if list.Error != "" || list.Results == nil {
		w := openAlexWork{Error: list.Error, Message: list.Message}
		if err := w.apiError(); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("openalex: answer has no results list: %w", ErrAPI)
	}
	recs := make([]Record, 0, len(*list.Results))
	for i := range *list.Results {
		if r := (*list.Results)[i].record(); r.Title != "" {
			recs = append(recs, r)
		}
	}
	return recs, nil
}

func (w *openAlexWork) apiError() error {
	if w.Error == "" {
		return nil
	}
	msg := w.Error
	if w.Message != "" {
		msg += ": " + w.Message
	}
	return &APIError{API: "openalex", Message: msg, NotFound: strings.Contains(strings.ToLower(w.Error), "not found")}
}

func (w *openAlexWork) record() Record {
	title := w.DisplayName
	if title == "" {
		title = w.Title
	}
	r := Record{
		Source:   "openalex",
		Title:    PlainText(title),
		DOI:      NormalizeDOI(w.DOI),
		Year:     w.PublicationYear,
		Abstract: openAlexAbstract(w.AbstractInvertedIndex),
		Pages:    pageRange(w.Biblio.FirstPage, w.Biblio.LastPage),
	}
	if pl := w.PrimaryLocation; pl != nil {
		if pl.Source != nil {
			r.Booktitle = NormalizeSpace(pl.Source.DisplayName)
		}
		r.Type = openAlexType(w.Type, pl)
	} else {
		r.Type = openAlexType(w.Type, nil)
	}
	switch {
	case w.BestOALocation != nil && w.BestOALocation.PDFURL != "":
		r.PDFURL, r.PDFKind = w.BestOALocation.PDFURL, "open_access"
	case looksLikePDF(w.OpenAccess.OAURL):
		r.PDFURL, r.PDFKind = w.OpenAccess.OAURL, "open_access"
	}
	if id, ok := ArxivIDFromURL(w.IDs.Arxiv); ok {
		r.ArxivID = id
	} else if id, ok := arxivID(strings.TrimPrefix(w.IDs.Arxiv, "arXiv:")); ok {
		r.ArxivID = id
	}
	for _, l := range w.Locations {
		if r.ArxivID != "" {
			break
		}
		if id, ok := ArxivIDFromURL(l.LandingPageURL); ok {
			r.ArxivID = id
		} else if id, ok := ArxivIDFromURL(l.PDFURL); ok {
			r.ArxivID = id
		} else if rest, ok := strings.CutPrefix(l.ID, "pmh:oai:arXiv.org:"); ok {
			r.ArxivID, _ = arxivID(rest)
		}
	}
	r.Authors = make([]paperlist.Author, 0, len(w.Authorships))
	for _, a := range w.Authorships {
		name := NormalizeSpace(a.Author.DisplayName)
		if name == "" {
			continue
		}
		var affs []string
		for _, in := range a.Institutions {
			affs = appendNew(affs, NormalizeSpace(in.DisplayName))
		}
		if len(affs) == 0 {
			for _, s := range a.RawAffiliationStrings {
				affs = appendNew(affs, NormalizeSpace(s))
			}
		}
		if len(affs) == 0 {
			for _, af := range a.Affiliations {
				affs = appendNew(affs, NormalizeSpace(af.Raw))
			}
		}
		r.Authors = append(r.Authors, paperlist.Author{
			Name:        name,
			Affiliation: strings.Join(affs, "; "),
			ORCID:       bareORCID(a.Author.ORCID),
		})
	}
	if w.CitedByCount != nil {
		r.Volatile = &paperlist.Volatile{CitationCount: *w.CitedByCount}
	}
	return r
}

// openAlexType maps OpenAlex's type, refined by the primary location's
// Crossref type or source type, to Record.Type. OpenAlex calls conference
// papers "article"; the location says which they are.
func openAlexType(typ string, pl *openAlexLocation) string {
	if pl != nil {
		if t, ok := crossrefTypes[pl.RawType]; ok {
			return t
		}
		if pl.Source != nil {
			switch pl.Source.Type {
			case "conference":
				return "inproceedings"
			case "journal":
				return "article"
			case "repository":
				return "preprint"
			}
		}
	}
	switch typ {
	case "preprint":
		return "preprint"
	case "article":
		return "article"
	}
	return ""
}

// RebuildAbstract turns an OpenAlex abstract_inverted_index (word → the
// positions where it occurs) back into text, words in position order joined
// by single spaces. A nil or empty index gives "".
func RebuildAbstract(inv map[string][]int) string {
	n := 0
	for _, pos := range inv {
		for _, p := range pos {
			if p >= n {
				n = p + 1
			}
		}
	}
	if n == 0 {
		return ""
	}
	const maxWords = 1 << 16 // a guard against a corrupt index
	if n > maxWords {
		n = maxWords
	}
	words := make([]string, n)
	for w, pos := range inv {
		for _, p := range pos {
			if p >= 0 && p < n {
				words[p] = w
			}
		}
	}
	var b strings.Builder
	for _, w := range words {
		if w == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(w)
	}
	return NormalizeSpace(b.String())
}

// openAlexAbstract rebuilds the abstract and undoes what OpenAlex keeps of
// the publisher's headings: a leading "Abstract" heading is dropped, and an
// index that starts with a lay summary's heading ("Significance",
// "Highlights", "Graphical abstract", ...; see JATSAbstract) gives "": the
// summary is not the abstract, and where it ends cannot be told from the
// words. A heading is told from the text's first words by what follows it:
// a capital or a digit ("Abstract Large language models", not "Abstract
// interpretation is"), or by being written in capitals ("ABSTRACT").
func openAlexAbstract(inv map[string][]int) string {
	text := RebuildAbstract(inv)
	kind, rest := leadingHeading(text)
	switch kind {
	case jatsAbstract:
		return rest
	case jatsSummary:
		return ""
	}
	return text
}

// leadingHeading finds a section heading of up to three words at the start
// of text and returns its kind and the text after it.
func leadingHeading(text string) (jatsKind, string) {
	words := strings.SplitN(text, " ", 5)
	for n := min(3, len(words)-1); n >= 1; n-- {
		head := strings.Join(words[:n], " ")
		kind := classifyJATSTitle(head)
		if kind != jatsAbstract && kind != jatsSummary {
			continue
		}
		rest := strings.TrimSpace(text[len(head):])
		next, _ := utf8.DecodeRuneInString(rest)
		if head == strings.ToUpper(head) || unicode.IsUpper(next) || unicode.IsDigit(next) || strings.HasSuffix(head, ":") {
			return kind, rest
		}
	}
	return jatsUntitled, text
}

// pageRange joins first and last page as "359-375"; either may be missing.
func pageRange(firstPage, lastPage string) string {
	firstPage, lastPage = strings.TrimSpace(firstPage), strings.TrimSpace(lastPage)
	switch {
	case firstPage == "":
		return ""
	case lastPage == "" || lastPage == firstPage:
		return firstPage
	}
	return firstPage + "-" + lastPage
}

// looksLikePDF reports whether a URL names a PDF file (…/x.pdf, arxiv.org/pdf/…).
func looksLikePDF(u string) bool {
	if u == "" {
		return false
	}
	l := strings.ToLower(u)
	if i := strings.IndexAny(l, "?#"); i >= 0 {
		l = l[:i]
	}
	return strings.HasSuffix(l, ".pdf") || strings.Contains(l, "arxiv.org/pdf/")
}

var (
	openalexDOI = Source{
		Name: "openalex", Label: "OpenAlex by DOI", Kind: ByID, Fallback: true,
		Request: func(env *Env, k *Known) (fetch.Request, bool) {
			doi := k.CrossrefDOI()
			return jsonGet(env.Endpoints.OpenAlexWork(doi, env.OpenAlexKey, ""), nil), doi != ""
		},
		Parse: jsonRecord(ParseOpenAlexWork),
	}
	openalexSearch = Source{
		Name: "openalex", Label: "OpenAlex search", Kind: Search,
		Request: titleSearch(func(env *Env, title string) (string, map[string]string) {
			return env.Endpoints.OpenAlexSearch(title, env.OpenAlexKey, ""), nil
		}),
		Parse: searchHits("OpenAlex", ParseOpenAlexSearch),
	}
)
