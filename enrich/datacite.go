package enrich

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

// DataCite registers the DOIs Crossref does not: arXiv's (10.48550),
// Zenodo's, most datasets' and software's. Its REST API answers
// GET https://api.datacite.org/dois/{doi} with a JSON:API document,
// {"data": {"id", "type": "dois", "attributes": {...}}}, and a missing DOI
// with {"errors": [{"status": "404", "title": ...}]}.

// DataCiteWork is {datacite}/dois/{doi}. The DOI's "/" stay literal; other
// reserved characters are escaped.
func (e Endpoints) DataCiteWork(doi string) string {
	return e.DataCite + "/dois/" + escapeDOIPath(NormalizeDOI(doi))
}

// dataciteName is an affiliation or a publisher: a plain string by
// default, an object with "name" when asked for with ?affiliation=true or
// ?publisher=true.
type dataciteName string

func (n *dataciteName) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*n = dataciteName(s)
		return nil
	}
	var obj struct {
		Name string `json:"name"`
	}
	if err := json.Unmarshal(b, &obj); err != nil {
		return err
	}
	*n = dataciteName(obj.Name)
	return nil
}

type dataciteAttributes struct {
	DOI      string `json:"doi"`
	Creators []struct {
		Name            string         `json:"name"`
		NameType        string         `json:"nameType"`
		GivenName       string         `json:"givenName"`
		FamilyName      string         `json:"familyName"`
		Affiliation     []dataciteName `json:"affiliation"`
		NameIdentifiers []struct {
			NameIdentifier       string `json:"nameIdentifier"`
			NameIdentifierScheme string `json:"nameIdentifierScheme"`
		} `json:"nameIdentifiers"`
	} `json:"creators"`
	Titles []struct {
		Title     string `json:"title"`
		TitleType string `json:"titleType"` // "" for the main title; Subtitle, AlternativeTitle, TranslatedTitle
	} `json:"titles"`
	Publisher       dataciteName    `json:"publisher"`
	PublicationYear json.RawMessage `json:"publicationYear"` // 2017 or "2017"
	Types           struct {
		ResourceTypeGeneral string `json:"resourceTypeGeneral"`
	} `json:"types"`
	Descriptions []struct {
		Description     string `json:"description"`
		DescriptionType string `json:"descriptionType"`
	} `json:"descriptions"`
	Container struct {
		Title     string `json:"title"`
		FirstPage string `json:"firstPage"`
		LastPage  string `json:"lastPage"`
	} `json:"container"`
	RelatedIdentifiers []struct {
		RelatedIdentifier     string `json:"relatedIdentifier"`
		RelatedIdentifierType string `json:"relatedIdentifierType"`
		RelationType          string `json:"relationType"`
	} `json:"relatedIdentifiers"`
	URL string `json:"url"`
}

// dataciteTypes maps resourceTypeGeneral to Record.Type.
var dataciteTypes = map[string]string{
	"Preprint": "preprint", "JournalArticle": "article", "ConferencePaper": "inproceedings",
}

// ParseDataCiteWork reads a DataCite REST API answer for one DOI: the main
// title (with a Subtitle title appended after ": "), creators as authors
// ("Family, Given" written "Given Family"; organisations by name) with
// their affiliations ("; "-joined, strings or objects) and ORCID ids, the
// description of type Abstract as the abstract, the publication year, the
// container's title → Booktitle and its pages, the DOI, the type
// (Preprint → preprint, JournalArticle → article, ConferencePaper →
// inproceedings), and for an arXiv DOI the arXiv id. The publisher is not
// a venue ("arXiv", "Zenodo") and is not kept. An {"errors": [...]} answer
// is an APIError (a 404 also matches ErrNotFound); a record without a title
// is an error.
func ParseDataCiteWork(body []byte) (Record, error) {
	if !looksJSON(body) {
		return Record{}, notJSON("datacite", body)
	}
	var doc struct {
		Data *struct {
			ID         string             `json:"id"`
			Attributes dataciteAttributes `json:"attributes"`
		} `json:"data"`
		Errors []struct {
			Status string `json:"status"`
			Title  string `json:"title"`
		} `json:"errors"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		return Record{}, fmt.Errorf("datacite: %w: %w", ErrNotJSON, err)
	}
	if len(doc.Errors) > 0 || doc.Data == nil {
		msg, notFound := "answer has no data", false
		if len(doc.Errors) > 0 {
			e := doc.Errors[0]
			msg = strings.TrimSpace(e.Status + " " + e.Title)
			notFound = e.Status == "404"
		}
		return Record{}, &APIError{API: "datacite", Message: msg, NotFound: notFound}
	}
	a := &doc.Data.Attributes
	if a.DOI == "" {
		a.DOI = doc.Data.ID
	}
	r := a.record()
	if r.Title == "" {
		return Record{}, fmt.Errorf("datacite work %s: %w", r.DOI, ErrNoTitle)
	}
	return r, nil
}

func (a *dataciteAttributes) record() Record {
	r := Record{
		Source:    "datacite",
		DOI:       NormalizeDOI(a.DOI),
		Type:      dataciteTypes[a.Types.ResourceTypeGeneral],
		Booktitle: NormalizeSpace(a.Container.Title),
		Pages:     pageRange(a.Container.FirstPage, a.Container.LastPage),
	}
	var sub string
	for _, t := range a.Titles {
		switch {
		case t.TitleType == "" && r.Title == "":
			r.Title = PlainText(t.Title)
		case t.TitleType == "Subtitle" && sub == "":
			sub = PlainText(t.Title)
		}
	}
	if r.Title != "" && sub != "" && !strings.Contains(strings.ToLower(r.Title), strings.ToLower(sub)) {
		r.Title += ": " + sub
	}
	var year string
	if err := json.Unmarshal(a.PublicationYear, &year); err != nil {
		year = string(a.PublicationYear)
	}
	r.Year, _ = strconv.Atoi(strings.TrimSpace(year))
	for _, d := range a.Descriptions {
		if d.DescriptionType == "Abstract" {
			r.Abstract = JATSAbstract(d.Description)
			break
		}
	}
	if rest, ok := strings.CutPrefix(r.DOI, "10.48550/arxiv."); ok {
		r.ArxivID, _ = arxivID(rest)
	}
	r.Authors = make([]paperlist.Author, 0, len(a.Creators))
	for _, c := range a.Creators {
		name := NormalizeSpace(strings.TrimSpace(c.GivenName + " " + c.FamilyName))
		if name == "" || c.NameType == "Organizational" {
			name = NormalizeSpace(c.Name)
			if family, given, ok := strings.Cut(name, ", "); ok && c.NameType != "Organizational" {
				name = given + " " + family
			}
		}
		if name == "" {
			continue
		}
		var affs []string
		for _, af := range c.Affiliation {
			affs = appendNew(affs, NormalizeSpace(string(af)))
		}
		au := paperlist.Author{Name: name, Affiliation: strings.Join(affs, "; ")}
		for _, id := range c.NameIdentifiers {
			if strings.EqualFold(id.NameIdentifierScheme, "ORCID") {
				au.ORCID = bareORCID(id.NameIdentifier)
				break
			}
		}
		r.Authors = append(r.Authors, au)
	}
	return r
}

// dataciteDOI reads a DOI's metadata from DataCite: for the DOIs Crossref
// does not register (Zenodo, Figshare, datasets), or when Crossref does not
// know it.
var dataciteDOI = Source{
	Name: "datacite", Label: "DataCite by DOI", Kind: ByID,
	Request: func(env *Env, k *Known) (fetch.Request, bool) {
		doi := k.DOI()
		if route, _ := RouteDOI(doi); route != RouteCrossref {
			return fetch.Request{}, false
		}
		return jsonGet(env.Endpoints.DataCiteWork(doi), nil), true
	},
	Parse: jsonRecord(ParseDataCiteWork),
}

// dataciteFirst are DOI prefixes DataCite registers: Crossref is not asked.
var dataciteFirst = []string{
	"10.5281/",  // Zenodo
	"10.6084/",  // Figshare
	"10.5061/",  // Dryad
	"10.17605/", // OSF
	"10.1594/",  // PANGAEA
	"10.7910/",  // Harvard Dataverse
	"10.5524/",  // GigaDB
	"10.25493/", // EBRAINS
}

// IsDataCiteDOI reports whether doi has a prefix DataCite registers.
func IsDataCiteDOI(doi string) bool {
	doi = NormalizeDOI(doi)
	for _, p := range dataciteFirst {
		if strings.HasPrefix(doi, p) {
			return true
		}
	}
	return false
}
