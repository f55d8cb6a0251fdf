package enrich

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

// crossrefEnvelope is the frame of every Crossref answer. On failure
// status is "failed" and message is a list of {type, message} objects.
type crossrefEnvelope struct {
	Status      string          `json:"status"`
	MessageType string          `json:"message-type"`
	Message     json.RawMessage `json:"message"`
}

type crossrefDate struct {
	DateParts [][]json.Number `json:"date-parts"`
}

// year returns the first date part, or 0 ([[null]] is how Crossref writes an
// unknown date).
func (d *crossrefDate) year() int {
	if d == nil || len(d.DateParts) == 0 || len(d.DateParts[0]) == 0 {
		return 0
	}
	y, err := strconv.Atoi(d.DateParts[0][0].String())
	if err != nil {
		return 0
	}
	return y
}

type crossrefWork struct {
	DOI            string   `json:"DOI"`
	Type           string   `json:"type"`
	Title          []string `json:"title"`
	Subtitle       []string `json:"subtitle"`
	ContainerTitle []string `json:"container-title"`
	ShortContainer []string `json:"short-container-title"`
	Page           string   `json:"page"`
	Abstract       string   `json:"abstract"`
	Author         []struct {
		Given       string `json:"given"`
		Family      string `json:"family"`
		Name        string `json:"name"` // organisations
		ORCID       string `json:"ORCID"`
		Affiliation []struct {
			Name string `json:"name"`
		} `json:"affiliation"`
	} `json:"author"`
	Event *struct {
		Name    string `json:"name"`
		Acronym string `json:"acronym"`
	} `json:"event"`
	Link []struct {
		URL         string `json:"URL"`
		ContentType string `json:"content-type"`
	} `json:"link"`
	Issued          *crossrefDate `json:"issued"`
	Published       *crossrefDate `json:"published"`
	PublishedPrint  *crossrefDate `json:"published-print"`
	PublishedOnline *crossrefDate `json:"published-online"`
}

// crossrefTypes maps Crossref work types to Record.Type.
var crossrefTypes = map[string]string{
	"proceedings-article": "inproceedings",
	"journal-article":     "article",
	"posted-content":      "preprint",
}

// ParseCrossrefWork reads a Crossref work answer
// ({"status":"ok","message-type":"work","message":{...}}). Title (with a
// subtitle appended after ": "), authors with affiliations ("; "-joined) and
// bare ORCID ids, container title → Booktitle, the event acronym (else event
// name, else short container title) → Venue, pages, year (issued, else
// published), the abstract as plain text (JATSAbstract: never a
// Significance or Highlights section), DOI, type, and a link whose
// content-type is application/pdf → PDFURL of kind "publisher". Record.URL is
// left for the caller. A non-JSON body, an error envelope or a missing title
// is an error.
func ParseCrossrefWork(body []byte) (Record, error) {
	var w crossrefWork
	if err := decodeCrossref(body, "work", &w); err != nil {
		return Record{}, err
	}
	r := w.record()
	if r.Title == "" {
		return Record{}, fmt.Errorf("crossref work %s: %w", r.DOI, ErrNoTitle)
	}
	return r, nil
}

// ParseCrossrefSearch reads a Crossref search answer (message-type
// "work-list", message.items) into records in the API's order. Items without
// a title are skipped; zero items is an empty list, not an error.
func ParseCrossrefSearch(body []byte) ([]Record, error) {
	var list struct {
		Items []crossrefWork `json:"items"`
	}
	if err := decodeCrossref(body, "work-list", &list); err != nil {
		return nil, err
	}
	recs := make([]Record, 0, len(list.Items))
	for i := range list.Items {
		if r := list.Items[i].record(); r.Title != "" {
			recs = append(recs, r)
		}
	}
	return recs, nil
}

// decodeCrossref decodes a Crossref envelope's message into msg in one pass
// and checks status and message-type. Error envelopes, whose message is a
// list, are decoded a second time by crossrefMessage for their text.
func decodeCrossref[T any](body []byte, wantType string, msg *T) error {
	if !looksJSON(body) {
		return notJSON("crossref", body)
	}
	env := struct {
		Status      string `json:"status"`
		MessageType string `json:"message-type"`
		Message     *T     `json:"message"`
	}{Message: msg}
	err := json.Unmarshal(body, &env)
	if err == nil && env.Status == "ok" && env.MessageType == wantType {
		return nil
	}
	if _, envErr := crossrefMessage(body, wantType); envErr != nil {
		return envErr
	}
	return fmt.Errorf("crossref %s: %w", wantType, err)
}

// crossrefMessage checks the envelope and returns its message.
func crossrefMessage(body []byte, wantType string) (json.RawMessage, error) {
	if !looksJSON(body) {
		return nil, notJSON("crossref", body)
	}
	var env crossrefEnvelope
	if err := json.Unmarshal(body, &env); err != nil {
		return nil, fmt.Errorf("crossref: %w: %w", ErrNotJSON, err)
	}
	if env.Status != "ok" {
		var problems []struct {
			Message string `json:"message"`
		}
		_ = json.Unmarshal(env.Message, &problems) // best effort
		text := "status " + strconv.Quote(env.Status)
		if len(problems) > 0 && problems[0].Message != "" {
			text = problems[0].Message
		}
		return nil, &APIError{API: "crossref", Message: text}
	}
	if env.MessageType != wantType {
		return nil, fmt.Errorf("crossref: message-type %q, want %q: %w", env.MessageType, wantType, ErrAPI)
	}
	return env.Message, nil
}

func (w *crossrefWork) record() Record {
	r := Record{
		Source:   "crossref",
		Title:    firstNonEmpty(w.Title),
		DOI:      NormalizeDOI(w.DOI),
		Type:     crossrefTypes[w.Type],
		Pages:    strings.TrimSpace(w.Page),
		Abstract: JATSAbstract(w.Abstract),
	}
	if r.Title != "" {
		r.Title = PlainText(r.Title)
		if sub := PlainText(firstNonEmpty(w.Subtitle)); sub != "" && !strings.Contains(strings.ToLower(r.Title), strings.ToLower(sub)) {
			r.Title += ": " + sub
		}
	}
	if bt := firstNonEmpty(w.ContainerTitle); bt != "" {
		r.Booktitle = PlainText(bt)
	}
	switch {
	case w.Event != nil && w.Event.Acronym != "":
		r.Venue = NormalizeSpace(w.Event.Acronym)
	case w.Event != nil && w.Event.Name != "":
		r.Venue = NormalizeSpace(w.Event.Name)
	default:
		r.Venue = NormalizeSpace(firstNonEmpty(w.ShortContainer))
	}
	for _, d := range []*crossrefDate{w.Issued, w.Published, w.PublishedPrint, w.PublishedOnline} {
		if y := d.year(); y != 0 {
			r.Year = y
			break
		}
	}
	r.Authors = make([]paperlist.Author, 0, len(w.Author))
	for _, a := range w.Author {
		name := NormalizeSpace(strings.TrimSpace(a.Given + " " + a.Family))
		if name == "" {
			name = NormalizeSpace(a.Name)
		}
		if name == "" {
			continue
		}
		affs := make([]string, 0, len(a.Affiliation))
		for _, af := range a.Affiliation {
			affs = appendNew(affs, NormalizeSpace(af.Name))
		}
		r.Authors = append(r.Authors, paperlist.Author{
			Name:        name,
			Affiliation: strings.Join(affs, "; "),
			ORCID:       bareORCID(a.ORCID),
		})
	}
	for _, l := range w.Link {
		if strings.EqualFold(l.ContentType, "application/pdf") && l.URL != "" {
			r.PDFURL, r.PDFKind = l.URL, "publisher"
			break
		}
	}
	return r
}

// firstNonEmpty returns the first non-empty string of a list, or "".
func firstNonEmpty(list []string) string {
	for _, s := range list {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// appendNew appends s unless it is empty or already present.
func appendNew(list []string, s string) []string {
	if s == "" {
		return list
	}
	for _, x := range list {
		if x == s {
			return list
		}
	}
	return append(list, s)
}

// bareORCID turns "https://orcid.org/0000-0002-1825-0097" into
// "0000-0002-1825-0097".
func bareORCID(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, "orcid.org/"); i >= 0 {
		s = s[i+len("orcid.org/"):]
	}
	return strings.TrimSuffix(s, "/")
}

var (
	// crossrefDOI reads what the publisher deposited for a DOI.
	crossrefDOI = Source{
		Name: "crossref", Label: "Crossref by DOI", Kind: ByID, Noun: "the DOI's Crossref record",
		Request: func(env *Env, k *Known) (fetch.Request, bool) {
			doi := k.CrossrefDOI()
			return jsonGet(env.Endpoints.CrossrefWork(doi, ""), nil), doi != ""
		},
		Parse: jsonRecord(ParseCrossrefWork),
	}
	crossrefSearch = Source{
		Name: "crossref", Label: "Crossref search", Kind: Search,
		Request: titleSearch(func(env *Env, title string) (string, map[string]string) {
			return env.Endpoints.CrossrefSearch(title, ""), nil
		}),
		Parse: searchHits("Crossref", ParseCrossrefSearch),
	}
)
