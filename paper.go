// Package paperlist holds the domain types shared by every part of the
// program: an Entry as the reading list states it, and the Paper record that
// the dataset is made of. It imports nothing of the project, so the parser,
// the enrichers and the writers can all depend on it.
package paperlist

// Version is the program version, reported in the User-Agent and run report.
const Version = "0.1.0"

// ProjectURL is the project's home, named in the User-Agent.
const ProjectURL = "https://github.com/paperlist/paperlist"

// Entry is one paper as the reading list writes it. Nothing in it comes from
// the network.
type Entry struct {
	Venue     string   `json:"venue"`      // canonical spelling (OSDI, EuroSys, ...), or ""
	Year      int      `json:"year"`       // from the heading or the entry, 0 when unknown
	Group     string   `json:"group"`      // enclosing group bullet ("misc", "GPU share"), or ""
	Section   string   `json:"section"`    // heading path, e.g. "osdi / 2023"
	ListTitle string   `json:"list_title"` // link text or bare text, as written
	Title     string   `json:"title"`      // ListTitle without decorations
	Link      string   `json:"link"`       // the link to the paper, or ""
	Links     []Link   `json:"links"`      // other labelled links (code, slides, arxiv, ...)
	Authors   []string `json:"authors"`    // authors when the list names them
	Read      bool     `json:"read"`       // "[x]" or ✅
	Notes     []string `json:"notes"`      // sub-bullets, verbatim, in order
	Line      int      `json:"line"`       // 1-based line of the entry in the list
	EndLine   int      `json:"end_line"`   // last line that belongs to the entry (notes included)
	Kind      Kind     `json:"kind"`       // paper, book, post, software or other, from the link and the entry's words
	Struck    bool     `json:"struck"`     // struck out in the list ("~~[Title](u)~~"): dropped from the reading plan
	// TitleFromLink: the title link's text is a nickname of the PDF it links
	// ("[Raft Paper](…/raft.pdf)"), not the title: Title and ListTitle hold
	// the nickname as written, and the title must come from the PDF (Link).
	// Set only for KindPaper entries whose Link is a PDF.
	TitleFromLink bool `json:"title_from_link"`
}

// Kind is what an entry of the list is. Only papers are matched to papers.
type Kind string

// Entry kinds.
const (
	KindPaper    Kind = "paper"
	KindBook     Kind = "book"
	KindPost     Kind = "post"     // a blog post or article
	KindSoftware Kind = "software" // a code repository, a tool
	KindOther    Kind = "other"    // a talk, a course, a video
)

// Link is a labelled link kept from the list entry.
type Link struct {
	Kind LinkKind `json:"kind"`
	URL  string   `json:"url"`
}

// LinkKind is what a labelled link of an entry points at.
type LinkKind string

// Link kinds.
const (
	LinkCode   LinkKind = "code"
	LinkSlides LinkKind = "slides"
	LinkArxiv  LinkKind = "arxiv"
	LinkVideo  LinkKind = "video"
	LinkNotes  LinkKind = "notes"
	LinkOther  LinkKind = "other"
)

// Status is the outcome of one entry's enrichment.
type Status string

// Status values of a Paper.
const (
	StatusOK          Status = "ok"           // enriched, every core field found
	StatusPartial     Status = "partial"      // enriched, some core fields missing
	StatusNotFound    Status = "not_found"    // no source had it, or no candidate passed verification
	StatusError       Status = "error"        // a fetch or parse error stopped enrichment
	StatusBlocked     Status = "blocked"      // the site answered with a bot challenge
	StatusNotAPaper   Status = "not_a_paper"  // a book, post, repository or talk: described, never matched to a paper
	StatusNotEnriched Status = "not_enriched" // no source handles this entry (yet)
	StatusSkipped     Status = "skipped"      // skipped by an override
)

// PDFKind says what a PDF link is.
type PDFKind string

// PDF kinds, best first.
const (
	PDFOpenAccess PDFKind = "open_access" // free to read at the publisher or a repository
	PDFPreprint   PDFKind = "preprint"    // an arXiv copy
	PDFPublisher  PDFKind = "publisher"   // the publisher's, possibly paywalled
	PDFOverride   PDFKind = "override"    // pinned by an override
)

// Author is one author, in the publisher's order.
type Author struct {
	Name        string `json:"name"`
	Affiliation string `json:"affiliation"`
	ORCID       string `json:"orcid,omitempty"`
}

// Repo is the stable part of a code repository's metadata. Values that change
// without the paper changing (stars, pushed_at) live in Volatile.
type Repo struct {
	FullName    string   `json:"full_name"`
	URL         string   `json:"url"`
	Description string   `json:"description"`
	Language    string   `json:"language"`
	License     string   `json:"license"` // SPDX id, or ""
	Topics      []string `json:"topics"`
	Homepage    string   `json:"homepage"`
	Archived    bool     `json:"archived"`
}

// Volatile holds values that change without the paper changing. They are
// written to a sidecar so that the dataset's diff stays meaningful.
type Volatile struct {
	Stars         int    `json:"stars,omitempty"`
	PushedAt      string `json:"pushed_at,omitempty"`
	CitationCount int    `json:"citation_count,omitempty"`
}

// Listed is the list's part of a record: what its entry states, as the
// dataset carries it. Title, Venue and Year start as the list's; the
// resolved record's title replaces Title when a source verifies the paper,
// and its venue and year fill Venue and Year when the list does not say
// them (see TakeListed). Field order is the JSON order.
type Listed struct {
	Venue     string   `json:"venue"`
	Year      int      `json:"year"`
	Group     string   `json:"group"`
	ListTitle string   `json:"list_title"`
	Title     string   `json:"title"`
	Link      string   `json:"link"`
	Read      bool     `json:"read"`
	Notes     []string `json:"notes"`
	Line      int      `json:"line"`
	Kind      Kind     `json:"kind"`
	Struck    bool     `json:"struck"`
}

// Listed is the entry's part of a record.
func (e Entry) Listed() Listed {
	notes := e.Notes
	if notes == nil {
		notes = []string{}
	}
	return Listed{
		Venue: e.Venue, Year: e.Year, Group: e.Group, ListTitle: e.ListTitle, Title: e.Title,
		Link: e.Link, Read: e.Read, Notes: notes, Line: e.Line, Kind: e.Kind, Struck: e.Struck,
	}
}

// TakeListed gives p the list's part l of another entry (a duplicate that
// shares p's resolution, or today's list for a record kept from an earlier
// run), keeping p's resolved title, and its venue and year where l has none.
func (p *Paper) TakeListed(l Listed) {
	title, venue, year := p.Title, p.Venue, p.Year
	p.Listed = l
	p.Title = title
	if p.Venue == "" {
		p.Venue = venue
	}
	if p.Year == 0 {
		p.Year = year
	}
}

// Paper is one record of the dataset: the list's part, then what the
// sources say. Field order is the JSON order.
type Paper struct {
	ID string `json:"id"`
	Listed

	Authors   []Author `json:"authors"`
	Abstract  string   `json:"abstract"`
	PDFURL    string   `json:"pdf_url"`
	PDFKind   PDFKind  `json:"pdf_kind"`
	DOI       string   `json:"doi"`
	Booktitle string   `json:"booktitle"` // full proceedings or journal name
	Pages     string   `json:"pages"`
	Article   string   `json:"article"` // article number, where the venue numbers articles instead of pages
	CodeURL   string   `json:"code_url"`
	SlidesURL string   `json:"slides_url"`
	VideoURL  string   `json:"video_url"`
	ArxivID   string   `json:"arxiv_id"`
	Repo      *Repo    `json:"repo,omitempty"`

	Status  Status            `json:"status"`
	Errors  []string          `json:"errors"`
	Sources map[string]string `json:"sources"` // field name -> URL it came from ("override" when pinned)

	Volatile *Volatile `json:"-"`
	// Interrupted: the run was stopped before this record was finished.
	Interrupted bool `json:"-"`
	// Reason says in one line, without URLs, why the record is not ok
	// (report.md and the log show it; Errors keep the details).
	Reason string `json:"-"`
}

// FromEntry starts a Paper from what the list states.
func FromEntry(e Entry) Paper {
	p := Paper{
		Listed:  e.Listed(),
		Authors: []Author{},
		Errors:  []string{},
		Sources: map[string]string{},
	}
	for _, l := range e.Links {
		switch l.Kind {
		case LinkCode:
			if p.CodeURL == "" {
				p.CodeURL = l.URL
				p.Sources["code_url"] = "list"
			}
		case LinkSlides:
			if p.SlidesURL == "" {
				p.SlidesURL = l.URL
				p.Sources["slides_url"] = "list"
			}
		}
	}
	for _, a := range e.Authors {
		p.Authors = append(p.Authors, Author{Name: a})
	}
	if len(e.Authors) > 0 {
		p.Sources["authors"] = "list"
	}
	return p
}
