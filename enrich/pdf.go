package enrich

import (
	"context"
	"errors"
	"fmt"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
	"github.com/paperlist/paperlist/internal/pdfid"
)

// PDFReader identifies a paper from the bytes of its PDF: the DOI or arXiv
// id printed on the first page, else its title and authors.
// internal/pdfid's Identifier satisfies it.
type PDFReader interface {
	Identify(ctx context.Context, pdf []byte) (pdfid.Identity, error)
}

// pdfFirstPage reads the paper a nickname links ("[Raft Paper](…/raft.pdf)")
// from the PDF itself: one GET (cached like any answer, under the client's
// size cap), then its first page. Its record is Provisional: the title and
// authors read there are what the searches look for and what verification
// checks against, and they stand in only when no index verifies; a DOI or
// arXiv id printed on the page is trusted as the paper's.
var pdfFirstPage = Source{
	Name: "pdf", Label: "the PDF's first page", Kind: Head, Noun: "the PDF", Only: "if the link text is a nickname",
	Request: func(env *Env, k *Known) (fetch.Request, bool) {
		if !k.Entry.TitleFromLink || env.PDF == nil {
			return fetch.Request{}, false
		}
		return getRequest(k.Target.Link, "application/pdf", nil), true
	},
	Parse: func(ctx context.Context, env *Env, _ *Known, resp *fetch.Response) ([]Record, error) {
		id, err := env.PDF.Identify(ctx, resp.Body)
		named := id.DOI != "" || id.ArxivID != ""
		if err != nil && !(errors.Is(err, pdfid.ErrNoTitle) && named) {
			return nil, fmt.Errorf("read the PDF %s: %w", redact(resp.URL), err)
		}
		rec := Record{Source: "pdf", URL: redact(resp.URL), Title: id.Title, DOI: NormalizeDOI(id.DOI), ArxivID: id.ArxivID, Provisional: true}
		for _, a := range id.Authors {
			rec.Authors = append(rec.Authors, paperlist.Author{Name: a})
		}
		return []Record{rec}, nil
	},
}

// fromPDF is the record read from the linked PDF's first page, if any.
func (k *Known) fromPDF() (Record, bool) {
	for _, r := range k.Records {
		if r.Source == "pdf" {
			return r, true
		}
	}
	return Record{}, false
}
