package enrich

import (
	"encoding/json"
	"fmt"
	"html"
	"regexp"
	"strconv"
	"strings"

	"github.com/paperlist/paperlist"
)

// oneOrMany decodes a JSON value DBLP writes as a single item or as an array
// of items (authors.author, ee, venue, hit).
type oneOrMany[T any] []T

func (o *oneOrMany[T]) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '[' {
		var many []T
		if err := json.Unmarshal(b, &many); err != nil {
			return err
		}
		*o = many
		return nil
	}
	if string(b) == "null" {
		*o = nil
		return nil
	}
	var one T
	if err := json.Unmarshal(b, &one); err != nil {
		return err
	}
	*o = oneOrMany[T]{one}
	return nil
}

type dblpAuthor struct {
	Text string `json:"text"`
}

// UnmarshalJSON accepts {"@pid":..,"text":..} and a bare string.
func (a *dblpAuthor) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &a.Text)
	}
	var obj struct {
		Text string `json:"text"`
	}
	if err := json.Unmarshal(b, &obj); err != nil {
		return err
	}
	a.Text = obj.Text
	return nil
}

type dblpInfo struct {
	Authors struct {
		Author oneOrMany[dblpAuthor] `json:"author"`
	} `json:"authors"`
	Title string            `json:"title"`
	Venue oneOrMany[string] `json:"venue"`
	Pages string            `json:"pages"`
	Year  string            `json:"year"`
	Type  string            `json:"type"`
	DOI   string            `json:"doi"`
	EE    oneOrMany[string] `json:"ee"`
}

// dblpTypes maps DBLP publication types to Record.Type.
var dblpTypes = map[string]string{
	"Conference and Workshop Papers":  "inproceedings",
	"Journal Articles":                "article",
	"Informal Publications":           "preprint",
	"Informal and Other Publications": "preprint",
}

// homonymRe matches DBLP's disambiguation suffix: "Xiao Yan 0002".
var homonymRe = regexp.MustCompile(`\s+\d{4}$`)

// ParseDBLPSearch reads a DBLP publication search answer
// (result.hits.hit[].info) into records in DBLP's order. It copes with
// DBLP's JSON quirks: no "hit" key when there are no hits (an empty list,
// not an error); authors.author, ee and venue as a single value or an array.
// Titles lose their trailing "." and have HTML entities decoded; author
// names lose the homonym number ("Xiao Yan 0002" → "Xiao Yan"); venue is
// DBLP's short name ("EuroSys"); pages as a range (PageRange), except an
// article number written "1:1-1:16", which goes to Article; year, DOI and type
// (inproceedings, article, preprint) are kept; an arXiv "ee" gives ArxivID.
func ParseDBLPSearch(body []byte) ([]Record, error) {
	if !looksJSON(body) {
		return nil, notJSON("dblp", body)
	}
	var ans struct {
		Result *struct {
			Status struct {
				Code string `json:"@code"`
				Text string `json:"text"`
			} `json:"status"`
			Hits struct {
				Hit oneOrMany[struct {
					Info dblpInfo `json:"info"`
				}] `json:"hit"`
			} `json:"hits"`
		} `json:"result"`
	}
	if err := json.Unmarshal(body, &ans); err != nil {
		return nil, fmt.Errorf("dblp: %w: %w", ErrNotJSON, err)
	}
	if ans.Result == nil {
		return nil, fmt.Errorf("dblp: answer has no result: %w", ErrAPI)
	}
	if c := ans.Result.Status.Code; c != "" && c != "200" {
		return nil, &APIError{API: "dblp", Message: c + " " + ans.Result.Status.Text}
	}
	recs := make([]Record, 0, len(ans.Result.Hits.Hit))
	for _, h := range ans.Result.Hits.Hit {
		if r := h.Info.record(); r.Title != "" {
			recs = append(recs, r)
		}
	}
	return recs, nil
}

func (in *dblpInfo) record() Record {
	title := NormalizeSpace(html.UnescapeString(in.Title))
	title = strings.TrimSpace(strings.TrimSuffix(title, "."))
	r := Record{
		Source: "dblp",
		Title:  title,
		DOI:    NormalizeDOI(in.DOI),
		Type:   dblpTypes[in.Type],
	}
	if art, ok := ArticleNumber(in.Pages); ok {
		r.Article = art
	} else {
		r.Pages, _ = PageRange(in.Pages)
	}
	if len(in.Venue) > 0 {
		r.Venue = NormalizeSpace(html.UnescapeString(in.Venue[0]))
	}
	r.Year, _ = strconv.Atoi(strings.TrimSpace(in.Year))
	for _, ee := range in.EE {
		if r.DOI == "" {
			if doi, ok := DOIFromURL(ee); ok {
				r.DOI = doi
			}
		}
		if r.ArxivID == "" {
			r.ArxivID, _ = ArxivIDFromURL(ee)
		}
	}
	r.Authors = make([]paperlist.Author, 0, len(in.Authors.Author))
	for _, a := range in.Authors.Author {
		name := NormalizeSpace(html.UnescapeString(a.Text))
		name = homonymRe.ReplaceAllString(name, "")
		if name != "" {
			r.Authors = append(r.Authors, paperlist.Author{Name: name})
		}
	}
	return r
}

var dblpSearch = Source{
	Name: "dblp", Label: "DBLP search", Kind: Search,
	Request: titleSearch(func(env *Env, title string) (string, map[string]string) {
		return env.Endpoints.DBLPSearch(title), nil
	}),
	Parse: searchHits("DBLP", ParseDBLPSearch),
}
