package enrich

import (
	"errors"

	"github.com/paperlist/paperlist"
)

// Record is what one source says about one paper. Parsers fill what they
// find and leave the rest empty; the merger decides which source wins.
type Record struct {
	Source string // short name: "usenix", "crossref", "openalex", "s2", "dblp", "arxiv", "meta", "github"
	URL    string // the URL the record was read from (for provenance)

	Title     string
	Authors   []paperlist.Author
	Abstract  string // plain text, paragraphs separated by "\n\n"
	PDFURL    string
	PDFKind   paperlist.PDFKind
	DOI       string // lower-case, without "https://doi.org/"
	Venue     string // short venue name as the source writes it ("OSDI", "EuroSys '21")
	Booktitle string // full proceedings or journal name
	Year      int
	Pages     string // "663-679"
	Article   string // article number where the venue numbers articles, not pages ("1" from DBLP's "1:1-1:16")
	CodeURL   string
	SlidesURL string
	VideoURL  string
	ArxivID   string // "2302.11665", no version
	Type      string // "inproceedings", "article", "preprint", ""

	Repo     *paperlist.Repo
	Volatile *paperlist.Volatile

	// Provisional marks a preprint found for an entry whose list names a
	// venue: it stands in only when no published version verifies, and
	// never gives the record its DOI.
	Provisional bool

	// Scholarly is set by the generic page extractor when the page names its
	// title in bibliographic meta tags (citation_*, Dublin Core), not only
	// in Open Graph or <title>: a publisher's page rather than a project
	// page, a talk video or a blog post.
	Scholarly bool
}

// ErrMarkupChanged is returned by a page parser when the markup it relies on
// is missing: the page is not what the parser was written for.
var ErrMarkupChanged = errors.New("expected markup not found (page layout changed?)")

// ErrNoMatch is returned by a search parser or resolver when nothing passes
// verification.
var ErrNoMatch = errors.New("no matching record")
