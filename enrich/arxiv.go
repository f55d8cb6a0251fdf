package enrich

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"strconv"
	"strings"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

// arxivFeed is the part of the arXiv API's Atom feed the parser reads.
// Names are matched by local name, so the Atom and arxiv namespaces need no
// prefixes.
type arxivFeed struct {
	XMLName xml.Name     `xml:"feed"`
	Entries []arxivEntry `xml:"entry"`
}

type arxivEntry struct {
	ID        string `xml:"id"`
	Published string `xml:"published"`
	Title     string `xml:"title"`
	Summary   string `xml:"summary"`
	Authors   []struct {
		Name        string   `xml:"name"`
		Affiliation []string `xml:"affiliation"`
	} `xml:"author"`
	Links []struct {
		Href  string `xml:"href,attr"`
		Rel   string `xml:"rel,attr"`
		Type  string `xml:"type,attr"`
		Title string `xml:"title,attr"`
	} `xml:"link"`
	DOI        string `xml:"http://arxiv.org/schemas/atom doi"`
	JournalRef string `xml:"http://arxiv.org/schemas/atom journal_ref"`
}

// ParseArxivFeed reads an arXiv API Atom feed into one record per entry:
// title and summary with their hard line wraps undone, authors (with
// arxiv:affiliation when given), the id without its version → ArxivID, the
// PDF link (rel="related" title="pdf") rewritten to https → PDFURL of kind
// "preprint", arxiv:doi → DOI, the year of first publication, type
// "preprint". A feed without entries (an unknown id) gives zero records and
// no error; the API's error entry (id .../api/errors#...) is an error.
func ParseArxivFeed(body []byte) ([]Record, error) {
	trimmed := bytes.TrimSpace(body)
	if !bytes.HasPrefix(trimmed, []byte("<?xml")) && !bytes.HasPrefix(trimmed, []byte("<feed")) {
		return nil, fmt.Errorf("arxiv: %w: %q", ErrNotAtom, snippet(trimmed))
	}
	var f arxivFeed
	if err := xml.Unmarshal(body, &f); err != nil {
		return nil, fmt.Errorf("arxiv: %w: %w", ErrNotAtom, err)
	}
	recs := make([]Record, 0, len(f.Entries))
	for _, e := range f.Entries {
		if strings.Contains(e.ID, "/api/errors") {
			return nil, &APIError{API: "arxiv", Message: NormalizeSpace(e.Summary)}
		}
		r := e.record()
		if r.Title == "" {
			continue
		}
		recs = append(recs, r)
	}
	return recs, nil
}

func (e *arxivEntry) record() Record {
	r := Record{
		Source:   "arxiv",
		Title:    NormalizeSpace(e.Title),
		Abstract: NormalizeSpace(e.Summary),
		DOI:      NormalizeDOI(e.DOI),
		Type:     "preprint",
	}
	r.ArxivID, _ = ArxivIDFromURL(strings.TrimSpace(e.ID))
	if len(e.Published) >= 4 {
		r.Year, _ = strconv.Atoi(e.Published[:4])
	}
	for _, l := range e.Links {
		if l.Title == "pdf" || (l.Rel == "related" && l.Type == "application/pdf") {
			r.PDFURL = httpsURL(l.Href)
			r.PDFKind = "preprint"
			break
		}
	}
	if r.PDFURL == "" && r.ArxivID != "" {
		r.PDFURL, r.PDFKind = "https://arxiv.org/pdf/"+r.ArxivID, "preprint"
	}
	r.Authors = make([]paperlist.Author, 0, len(e.Authors))
	for _, a := range e.Authors {
		name := NormalizeSpace(a.Name)
		if name == "" {
			continue
		}
		var affs []string
		for _, af := range a.Affiliation {
			affs = appendNew(affs, NormalizeSpace(af))
		}
		r.Authors = append(r.Authors, paperlist.Author{Name: name, Affiliation: strings.Join(affs, "; ")})
	}
	return r
}

// httpsURL rewrites an http:// URL to https://.
func httpsURL(u string) string {
	u = strings.TrimSpace(u)
	if rest, ok := strings.CutPrefix(u, "http://"); ok {
		return "https://" + rest
	}
	return u
}

// snippet returns the start of a body for an error message.
func snippet(b []byte) string {
	const n = 80
	if len(b) > n {
		return string(b[:n]) + "..."
	}
	return string(b)
}

var (
	// arxivAPI reads an arXiv id's metadata from the arXiv API.
	arxivAPI = Source{
		Name: "arxiv", Label: "arXiv API", Kind: Head, Noun: "the arXiv record",
		Request: func(env *Env, k *Known) (fetch.Request, bool) {
			return getRequest(env.Endpoints.ArxivQuery(k.Target.Arxiv), "application/atom+xml", nil), k.Target.Arxiv != ""
		},
		Parse: func(_ context.Context, _ *Env, k *Known, resp *fetch.Response) ([]Record, error) {
			recs, err := ParseArxivFeed(resp.Body)
			if err != nil {
				return nil, fmt.Errorf("parse %s: %w", resp.URL, err)
			}
			if len(recs) == 0 {
				return nil, fmt.Errorf("arXiv has no paper %s: %w", k.Target.Arxiv, ErrNoMatch)
			}
			return recs[:1], nil
		},
	}
	// arxivCopy adds the arXiv PDF of a paper an accepted record names.
	arxivCopy = Source{
		Name: "arxiv", Label: "the arXiv copy", Kind: Extra,
		Derive: func(k *Known) (Record, bool) {
			id := k.ArxivID()
			return Record{
				Source:  "arxiv",
				URL:     "https://arxiv.org/abs/" + id,
				ArxivID: id,
				PDFURL:  "https://arxiv.org/pdf/" + id,
				PDFKind: paperlist.PDFPreprint,
			}, id != ""
		},
	}
)
