// Package readinglist turns a Markdown reading list of research papers into
// paperlist.Entry values: what the list states, before any network lookup.
//
// What is an entry:
//
//   - Headings set the context. A heading that is a known venue ("# osdi",
//     "## OSDI '23") sets Venue, one that is a year ("## 2023") sets Year,
//     any other heading is a topic. Every heading joins Section
//     ("osdi / 2023"). A venue or year written in the entry itself wins over
//     the headings.
//   - A list item ("-", "*", "+", "1.", "1)") at the top of a list, or under
//     a group, is a candidate. It is a paper when its title is a link
//     ("[Title](url)"), when a title is followed by labelled links
//     ("**Title** [[pdf]](u) [[code]](u)"), when a venue tag comes first
//     ("[OSDI'24] Title"), or when bare text reads like a title.
//   - A bare-text item whose first child is a paper, or which does not read
//     like a title ("misc", "GPU share"), is a group: it gives Group to the
//     papers under it and is not an entry itself.
//   - Every item under a paper, at any depth and with any marker, is a note:
//     its text without the marker, verbatim, in order. Never a paper.
//   - A paragraph that starts with a title link is a paper; other prose is
//     not. Table-of-contents items (links to "#anchors"), badges, HTML,
//     blockquotes, code blocks and YAML front matter are never papers.
//   - A GFM table with a Title, Paper or Name column gives one paper per
//     row. Venue/Series, Year, Code, Status, Notes and Links columns are read
//     by their header; a Date column is a preprint date, not the venue year.
//
// Links: the paper link is the title link, or the first link labelled as a
// paper ([pdf], [Paper], [[link]]), or else an arXiv link. Code, slides,
// video, notes, arXiv and other labelled links go to Links by kind; a title
// link to GitHub stays the Link and is also kept as a "code" link. Badges,
// anchors and venue-cell links are never the paper link.
//
// Title is ListTitle without decorations: emoji, Markdown emphasis, HTML
// tags, a leading "[ShortName]", a trailing "(@Affiliation)",
// "(**Nickname**)" or venue ("(OSDI 2014)").
//
// Robustness: Parse returns an error only for empty input (ErrEmpty) or
// binary input (ErrBinary). Anything else is parsed as far as it goes, with
// warnings naming the line: invalid UTF-8 (replaced by U+FFFD), items that
// are skipped, values cut at MaxTitleRunes, MaxLinkBytes, MaxNoteRunes or
// MaxItemBytes. It accepts CRLF or CR line ends, a UTF-8 byte-order mark,
// tabs and any indentation width. Time and memory are linear in the input.
package readinglist
