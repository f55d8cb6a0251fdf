package enrich

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/internal/pdfid"
)

// fakePDF answers Identify from a table keyed by the PDF's bytes; the real
// reader is tested on real PDFs in internal/pdfid.
type fakePDF map[string]struct {
	id  pdfid.Identity
	err error
}

func (f fakePDF) Identify(_ context.Context, pdf []byte) (pdfid.Identity, error) {
	a, ok := f[string(pdf)]
	if !ok {
		return pdfid.Identity{}, fmt.Errorf("unknown test PDF: %w", pdfid.ErrNotPDF)
	}
	return a.id, a.err
}

// TestNicknameLinkingAPDF: "[Raft Paper](…/raft.pdf)" is identified from the
// PDF's first page, then resolved and verified as a bare title with the
// PDF's authors; pdf_url stays the list's link. A DOI printed on the page
// names the paper; a PDF without text gives a clear error, never a match.
func TestNicknameLinkingAPDF(t *testing.T) {
	ep := DefaultEndpoints()
	raftTitle := "In Search of an Understandable Consensus Algorithm"
	link := "https://raft.github.io/raft.pdf"
	reader := fakePDF{
		"%PDF raft":   {id: pdfid.Identity{Title: raftTitle, Authors: []string{"Diego Ongaro", "John Ousterhout"}, TitleSource: pdfid.SourceText}},
		"%PDF doi":    {id: pdfid.Identity{DOI: "10.1145/3477132.3483553", TitleSource: pdfid.SourceDOI}, err: pdfid.ErrNoTitle},
		"%PDF a scan": {err: pdfid.ErrNoText},
	}
	raftDBLP := dblpAnswer(
		// A namesake by other authors is never taken.
		`{"info":{"authors":{"author":[{"text":"Someone Else"}]},"title":"In Search of an Understandable Consensus Algorithm.","venue":"CoRR","year":"2013","type":"Informal Publications"}}`,
		`{"info":{"authors":{"author":[{"text":"Diego Ongaro"},{"text":"John K. Ousterhout"}]},"title":"In Search of an Understandable Consensus Algorithm.","venue":"USENIX ATC","year":"2014","type":"Conference and Workshop Papers","pages":"305-319","ee":"https://www.usenix.org/conference/atc14/technical-sessions/presentation/ongaro"}}`)
	tests := []struct {
		name, body string
		answers    map[string]string
		status     paperlist.Status
		title, doi string
		reason     string
	}{
		{name: "title and authors from the first page", body: "%PDF raft",
			answers: map[string]string{ep.DBLPSearch(raftTitle): raftDBLP},
			status:  paperlist.StatusPartial, title: raftTitle},
		{name: "a DOI on the first page", body: "%PDF doi",
			answers: map[string]string{ep.CrossrefWork("10.1145/3477132.3483553", ""): recorded(t, "api.crossref.org/works/10.1145/3477132.3483553.json")},
			status:  paperlist.StatusOK, doi: "10.1145/3477132.3483553"},
		{name: "no text layer", body: "%PDF a scan",
			status: paperlist.StatusError, reason: "the PDF has no text layer (a scan?)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			answers := map[string]string{link: tt.body}
			for u, b := range tt.answers {
				answers[u] = b
			}
			g := &fakeGetter{answers: answers}
			en := paperlist.Entry{Title: "Raft Paper", ListTitle: "Raft Paper", Link: link, TitleFromLink: true, Kind: paperlist.KindPaper}
			ps, err := New(Config{Getter: g, PDF: reader}).Run(context.Background(), []paperlist.Entry{en})
			if err != nil {
				t.Fatal(err)
			}
			p := ps[0]
			if p.Status != tt.status {
				t.Errorf("status %s, want %s; errors %v", p.Status, tt.status, p.Errors)
			}
			if tt.title != "" && p.Title != tt.title {
				t.Errorf("title %q, want %q", p.Title, tt.title)
			}
			if tt.title != "" && (len(p.Authors) != 2 || p.Authors[1].Name != "John K. Ousterhout" || p.Pages != "305-319" || p.Sources["title"] == link) {
				// The verified DBLP record's, not the PDF's.
				t.Errorf("authors %+v pages %q sources %v", p.Authors, p.Pages, p.Sources)
			}
			if p.DOI != tt.doi {
				t.Errorf("doi %q, want %q", p.DOI, tt.doi)
			}
			if p.PDFURL != link {
				t.Errorf("pdf_url %q, want the list's link", p.PDFURL)
			}
			if tt.reason != "" && !strings.Contains(p.Reason, tt.reason) {
				t.Errorf("reason %q lacks %q", p.Reason, tt.reason)
			}
			for _, c := range g.calls {
				if strings.Contains(c, "Raft+Paper") {
					t.Errorf("searched for the nickname: %s", c)
				}
			}
		})
	}
}
