// Package readinglist turns a Markdown reading list of research papers into
// paperlist.Entry values: what the list states, before any network lookup.
//
// What is an entry:
//
//   - Headings set the context. A heading that is a known venue ("# osdi",
//     "## OSDI '23") sets Venue, one that is a year ("## 2023") sets Year,
//     any other heading is a topic. Every heading joins Section
//     ("osdi / 2023"). A venue or year written in the entry itself wins over
//     the headings. A bold line alone ("**Distributed Systems**", before a
//     blank line or a list) is a heading below all the others. A heading
//     that reads like a title, followed by a paragraph of labelled links
//     ("### Spanner: …" then "[pdf](u) · OSDI 2012"), is a paper.
//   - A list item ("-", "*", "+", "1.", "1)", or a kramdown definition
//     ": ") at the top of a list, or under a group, is a candidate. It is a paper when its title is a link
//     ("[Title](url)"), when a title is followed by labelled links
//     ("**Title** [[pdf]](u) [[code]](u)"), when a venue tag comes first
//     ("[OSDI'24] Title", "OSDI '20 / Title"), when it has a task box
//     ("[ ] Allox"), or when bare text reads like a title. Questions,
//     first-person remarks and labels ending in ':' are not titles.
//   - A bare-text item whose first child is a paper, or which does not read
//     like a title ("misc", "GPU share"), is a group: it gives Group to the
//     papers under it and is not an entry itself.
//   - Every item under a paper, at any depth and with any marker, is a note:
//     its text without the marker, verbatim, in order. Never a paper. A
//     sub-item that only names the authors, with or without the venue in
//     emphasis ("A B, C D ***CVPR 2017***"), gives Authors (and the venue
//     and year) instead. A parenthetical remark after a title link is a
//     note too.
//   - A paragraph that starts with a title link is a paper; other prose is
//     not. A footnote definition ("[^1]: Authors. Title. OSDI 22.") is
//     read as a citation. Table-of-contents items (links to "#anchors"),
//     badges, HTML blocks, blockquotes, code blocks, YAML or TOML front matter and
//     the items of sections that hold no papers ("Open Source Projects",
//     "Tools", "Related Resources"; see nonPaperSections) are never papers.
//   - A GFM table with a Title, Paper or Name column gives one paper per
//     row. Venue/Series, Year, Code, Status, Notes and Links columns are read
//     by their header; a Date column is a preprint date, not the venue year
//     (unless it holds a bare year). An unknown venue in a Venue column is
//     kept as written ("MASCOTS"); "—", "Blog" or "??? '07" give no venue.
//     A table with empty headers has its titles in the first column. "\|"
//     is a pipe inside a cell; "<br>" ends the title line of a cell, and
//     the lines after it may give links, authors and the venue.
//   - Reference-style links ("[Title][id]", "[Title][]", "[Title]") are
//     links when "[id]: url" is defined anywhere in the list (labels are
//     case-insensitive); the definitions are not content.
//
// Markdown is read by goldmark, as GitHub renders it (CommonMark, GFM
// tables, definition lists). Blocks (blocks.go): headings, list items and
// their nesting (a sub-item must be indented to its parent's text: "1. T"
// then "  - note" with two spaces is a new list, as on GitHub), paragraphs,
// tables, and what holds no entries (code blocks, HTML blocks, block
// quotes, link reference definitions). Inline (markdown.go): links,
// reference links, autolinks, escapes, code spans, emphasis and
// strikethrough. A reference link whose label is not defined
// ("[Title][label]") stays text, as CommonMark says; it still gives a
// paper, with no link and a warning. Front matter (YAML "---" or TOML
// "+++") is skipped before goldmark sees the list; footnote definitions are
// read as paragraphs.
//
// Kind: an entry that is not a paper (a book, a blog post, a talk, a course,
// a code repository) stays an entry, with Kind from its words and its link
// (see kind.go). Struck-out entries ("~~[Title](u), SOSP 2019~~") keep
// their venue and year and are marked Struck. A title link whose text is a
// nickname for the PDF it links ("[Raft Paper](…/raft.pdf)") is marked
// TitleFromLink: the title is in the PDF. Citation-style entries
// ("Ongaro, D. & Ousterhout, J. (2014). [Title](u). USENIX ATC.") give
// authors, year, title and (a known) venue from their places (see
// citation.go). Read marks after the title (**READ**, ✔, (done),
// :heavy_check_mark:) set Read; the text after an arrow or a dash
// ("-> re-reading it") is a note.
//
// Links: the paper link is the title link, or the first link labelled as a
// paper ([pdf], [Paper], [[link]]), or else an arXiv link. Code, slides,
// video, notes, arXiv and other labelled links go to Links by kind; a title
// link to GitHub stays the Link and is also kept as a "code" link. A title
// link to a Markdown file next to the list ("gandiva.md") is the owner's
// notes, kept as a "notes" link, not the Link. An arXiv link labelled
// [link]/[pdf] in a note is kept as "arxiv". Badges, anchors and
// venue-cell links are never the paper link.
//
// Title is ListTitle without decorations: emoji, Markdown emphasis, HTML
// tags, a leading "[ShortName]", a trailing "(@Affiliation)",
// "(**Nickname**)" or venue ("(OSDI 2014)").
//
// Robustness: Parse returns an error only for empty input (ErrEmpty) or
// binary input (ErrBinary). Anything else is parsed as far as it goes, with
// warnings naming the line: invalid UTF-8 (replaced by U+FFFD), items that
// are skipped, values cut at MaxTitleRunes, MaxLinkBytes, MaxNoteRunes or
// MaxItemBytes. It accepts CRLF or CR line ends, a UTF-8 byte-order mark
// and tabs. Time and memory are linear in the input.
package readinglist
