// Package enrich turns reading-list entries into dataset records.
//
// Each entry is routed by its link (see Plan and classify): a USENIX
// presentation page is read with ParseUSENIX; a DOI goes to Crossref, then
// OpenAlex, then Semantic Scholar; an arXiv link to the arXiv API; a GitHub
// link gives the repository and the paper is found by title; a PDF link is
// kept as the PDF and the paper is found by title; any other page is read
// through its meta tags. An entry without a link is found by title: DBLP,
// then Crossref, then OpenAlex.
//
// Wrong data is worse than none: a search hit is accepted only when Verify
// says its normalized title, year, venue and authors agree with what the
// list states, and the metadata reached through a hit's DOI must match too.
// Records from several sources are merged field by field, the most
// authoritative source first (see precedence in merge.go), and every field
// names the URL it came from.
//
// The package makes no request itself: it asks a Getter, which the command
// builds from the polite fetch client behind the SQLite cache. One bad entry
// never stops the others; its problems are recorded on its record.
package enrich
