package readinglist

import (
	"strings"

	"github.com/paperlist/paperlist"
)

// itemKind is what a list item turned out to be.
type itemKind int

const (
	kindUnknown itemKind = iota // not yet read
	kindPending                 // bare text: an entry or a group, decided by its first child
	kindEntry                   // a paper
	kindGroup                   // a label over papers ("misc", "GPU share")
	kindNote                    // text under a paper
	kindSkip                    // not a paper (a table of contents, a remark)
)

// item is one list item (or one entry paragraph) while it is read.
type item struct {
	para    bool // a paragraph, not a list item
	depth   int  // nesting depth of the list item (1 at the top)
	line    int  // line of the marker
	endLine int  // last line of the item's own text
	text    string
	more    []string // continuation lines, joined to text by finish
	size    int      // bytes of text and more
	clipped bool     // text reached MaxItemBytes

	done   bool
	kind   itemKind
	c      content // read content (candidates only)
	ctx    context // headings in force at the item's line
	group  string  // the group this item sits in
	entry  int     // index of the entry it is or belongs to
	gname  string  // the group's name when kind is kindGroup
	parent *item
}

// add appends a continuation line to the item's text.
func (it *item) add(p *parser, num int, line string) {
	it.endLine = num
	if it.clipped {
		return
	}
	if it.size+len(it.text)+len(line)+1 > MaxItemBytes {
		it.clipped = true
		p.warn(num, "item started at line %d is longer than %d bytes; the rest is ignored", it.line, MaxItemBytes)
		return
	}
	it.more = append(it.more, line)
	it.size += len(line) + 1
}

// bullet opens a list item at a depth of nesting (1 for a top-level item).
func (p *parser) bullet(num, depth int, text string) {
	p.finishOpen()
	for len(p.stack) > 0 && p.stack[len(p.stack)-1].depth >= depth {
		p.pop()
	}
	long := len(text) > MaxItemBytes
	text = p.clipItem(num, text)
	it := &item{depth: depth, line: num, endLine: num, text: text, ctx: p.ctx, clipped: long}
	if len(p.stack) > 0 {
		it.parent = p.stack[len(p.stack)-1]
	}
	p.stack = append(p.stack, it)
	p.open = it
}

// clipItem cuts the first line of an item at MaxItemBytes.
func (p *parser) clipItem(num int, text string) string {
	if len(text) > MaxItemBytes {
		text, _ = truncateBytes(text, MaxItemBytes)
		p.warn(num, "item is longer than %d bytes; the rest is ignored", MaxItemBytes)
	}
	return text
}

// flushList closes every open item: a heading, a table, a thematic break or
// a paragraph ends the list.
func (p *parser) flushList() {
	p.finishOpen()
	for len(p.stack) > 0 {
		p.pop()
	}
	p.open = nil
}

// finishOpen reads the open item now that its text is complete.
func (p *parser) finishOpen() {
	if p.open != nil {
		p.finish(p.open)
	}
}

// pop closes the innermost item. A bare-text item that had no children is
// a paper when it reads like a title.
func (p *parser) pop() {
	n := len(p.stack) - 1
	it := p.stack[n]
	p.finish(it)
	if it.kind == kindPending {
		if looksLikeTitle(it.c.title) {
			p.commit(it)
		} else {
			it.kind = kindSkip
			p.warn(it.line, "skipped %q: it does not read like a paper title", clip(it.c.listTitle, 60))
		}
	}
	p.stack[n] = nil
	p.stack = p.stack[:n]
	if p.open == it {
		p.open = nil
	}
}

// finish decides what a complete item is, from its parent and its content:
// under a paper it is a note; under a bare-text item it decides whether
// that item is a paper (this is then a note) or a group (this is then a
// candidate); elsewhere it is a candidate.
func (p *parser) finish(it *item) {
	if it.done {
		return
	}
	it.done = true
	if len(it.more) > 0 {
		it.text += "\n" + strings.Join(it.more, "\n")
		it.more = nil
	}
	par := it.parent
	if par != nil {
		switch par.kind {
		case kindEntry, kindNote:
			p.note(par.entry, it)
			return
		case kindGroup:
			it.group = par.gname
		case kindSkip:
			it.group = par.group
		case kindPending:
			c := p.interpret(it.text)
			if looksLikeTitle(par.c.title) && !c.marksPaper() {
				if p.commit(par) {
					p.note(par.entry, it)
				} else {
					it.kind = kindSkip
				}
				return
			}
			par.kind = kindGroup
			par.gname = par.c.title
			if par.gname == "" {
				par.gname = strings.TrimSpace(par.c.listTitle)
			}
			it.group = par.gname
			p.candidate(it, c)
			return
		}
	}
	p.candidate(it, p.interpret(it.text))
}

// candidate decides whether an item outside any paper is a paper.
func (p *parser) candidate(it *item, c content) {
	it.c = c
	defer func() {
		if it.clipped && it.kind == kindSkip {
			p.warn(it.line, "item dropped: its first %d bytes hold no complete title or link", MaxItemBytes)
		}
	}()
	switch {
	case c.toc:
		it.kind = kindSkip
	case c.label && !c.titleLinked:
		it.kind = kindSkip // "**Survey questions:** [Link](u)": a label over a link
	case c.marksPaper() || c.title != "" && c.link != "":
		p.commit(it)
	case c.boxed && c.title != "" && !mostlyCJK(c.title):
		p.commit(it) // "[ ] Allox": a ticked or unticked box marks a paper to read
	case c.labelOnly:
		it.kind = kindSkip
		p.warn(it.line, "skipped an item with links but no title")
	case c.title == "":
		it.kind = kindSkip
	case it.para:
		if looksLikeTitle(c.title) {
			p.commit(it)
		} else {
			it.kind = kindSkip
		}
	default:
		it.kind = kindPending
	}
}

// commit appends the entry an item stands for. It reports false, and marks
// the item skipped, when the item lies in a section that holds no papers.
func (p *parser) commit(it *item) bool {
	if p.inNonPaperSection(it.ctx, it.line) {
		it.kind = kindSkip
		return false
	}
	c := it.c
	e := paperlist.Entry{
		Venue:     it.ctx.venue,
		Year:      it.ctx.year,
		Group:     it.group,
		Section:   it.ctx.section,
		ListTitle: c.listTitle,
		Title:     c.title,
		Link:      c.link,
		Links:     c.links,
		Authors:   c.authors,
		Read:      c.read,
		Notes:     append([]string{}, c.remarks...),
		Line:      it.line,
		EndLine:   it.endLine,
		Kind:      entryKind(&c, it.ctx.venue != "" || it.ctx.year != 0),
		Struck:    c.struck,
	}
	e.TitleFromLink = c.nickname && e.Kind == paperlist.KindPaper
	e.Title = trimKindTag(e.Title)
	if c.arrowNote != "" {
		e.Notes = append(e.Notes, c.arrowNote)
	}
	if c.refTitle {
		p.warn(it.line, "link reference [%s] is not defined; the entry has no link", clip(c.undefined, 60))
	}
	if c.vy.venue != "" {
		e.Venue = c.vy.venue
	}
	if c.vy.year != 0 {
		e.Year = c.vy.year
	}
	if !c.vy.empty() {
		if p.ownVY == nil {
			p.ownVY = map[int]bool{}
		}
		p.ownVY[len(p.res.Entries)] = true
	}
	if c.unclosed {
		p.warn(it.line, "link is not closed by \")\"; read up to the end of the item")
	}
	p.add(e)
	it.kind = kindEntry
	it.entry = len(p.res.Entries) - 1
	return true
}

// add applies the limits to an entry and appends it.
func (p *parser) add(e paperlist.Entry) {
	var ok bool
	if e.Title, ok = truncateRunes(e.Title, MaxTitleRunes); !ok {
		p.warn(e.Line, "title longer than %d characters; truncated", MaxTitleRunes)
	}
	e.ListTitle, _ = truncateRunes(e.ListTitle, MaxTitleRunes)
	if e.Link, ok = truncateBytes(e.Link, MaxLinkBytes); !ok {
		p.warn(e.Line, "link longer than %d bytes; truncated", MaxLinkBytes)
	}
	if e.Links == nil {
		e.Links = []paperlist.Link{}
	}
	for i := range e.Links {
		if e.Links[i].URL, ok = truncateBytes(e.Links[i].URL, MaxLinkBytes); !ok {
			p.warn(e.Line, "link longer than %d bytes; truncated", MaxLinkBytes)
		}
	}
	if e.Authors == nil {
		e.Authors = []string{}
	}
	if e.Notes == nil {
		e.Notes = []string{}
	}
	if e.Venue == "" && e.Year == 0 {
		if p.noVenue == 0 {
			p.noVenue1 = e.Line
		}
		p.noVenue++
	}
	p.res.Entries = append(p.res.Entries, e)
}

// note adds an item's text, verbatim, to the notes of entry i. Code,
// slides, video, notes and arXiv links in a note ("[slides](u)",
// "[arxiv version](u)", "arxiv version: [link](arxiv url)") are also kept
// in the entry's Links; other paper links in a note ("[PDF](u)",
// "[DOI](u)") are not. A line paperlist itself added under an entry (it
// ends with paperlistMarker) gives no links at all.
//
// A note that is only a list of author names, with or without the venue in
// emphasis ("Jianan Li, Xiaodan Liang ***CVPR 2017***"), gives the entry's
// Authors (and its venue and year, unless the entry states its own) instead
// of a note.
func (p *parser) note(i int, it *item) {
	it.kind = kindNote
	it.entry = i
	e := &p.res.Entries[i]
	if it.endLine > e.EndLine {
		e.EndLine = it.endLine
	}
	if len(e.Authors) == 0 && it.parent != nil && it.parent.kind == kindEntry {
		if names, vy, ok := authorLine(it.text); ok {
			e.Authors = names
			if !p.ownVY[i] && !vy.empty() {
				e.Venue, e.Year = vy.venue, vy.year
				if p.ownVY == nil {
					p.ownVY = map[int]bool{}
				}
				p.ownVY[i] = true
			}
			return
		}
	}
	text, ok := truncateRunes(it.text, MaxNoteRunes)
	if !ok {
		p.warn(it.line, "note longer than %d characters; truncated", MaxNoteRunes)
	}
	e.Notes = append(e.Notes, text)
	if !strings.Contains(text, "[") {
		return
	}
	if strings.HasSuffix(strings.TrimSpace(text), paperlistMarker) {
		return
	}
	for _, t := range p.refs.tokenize(text).toks {
		if t.kind != tokLink || t.badge() || isAnchor(t.url) {
			continue
		}
		kind := labelKind(t.text)
		if kind == kindPaper && hostKind(t.url) == kindArxiv {
			kind = kindArxiv
		}
		if kind == "" || kind == kindPaper || kind == kindOther {
			continue // a phrase, or a paper/DOI link
		}
		u, _ := truncateBytes(strings.TrimSpace(t.url), MaxLinkBytes)
		if u == "" || u == e.Link || hasLink(e.Links, u) {
			continue
		}
		e.Links = append(e.Links, paperlist.Link{Kind: paperlist.LinkKind(kind), URL: u})
	}
}

// paperlistMarker ends the lines that paperlist's Markdown write-back adds
// under an entry (output.MarkdownMarker).
const paperlistMarker = "<!-- paperlist -->"

func hasLink(ls []paperlist.Link, u string) bool {
	for _, l := range ls {
		if l.URL == u {
			return true
		}
	}
	return false
}

// clip shortens s for a message.
func clip(s string, n int) string {
	s = oneLine(s)
	if t, ok := truncateRunes(s, n); !ok {
		return t + "…"
	}
	return s
}
