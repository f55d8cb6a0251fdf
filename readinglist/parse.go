package readinglist

import (
	"fmt"
	"strings"

	"github.com/paperlist/paperlist"
)

// Limits on what one entry may hold. Longer values are cut with a warning.
const (
	MaxTitleRunes = 2000     // Title and ListTitle, in characters
	MaxLinkBytes  = 2048     // each URL, in bytes
	MaxNoteRunes  = 10000    // each note, in characters
	MaxItemBytes  = 64 << 10 // the text of one item, continuation lines included
	MaxWarnings   = 1000     // warnings kept; one more line counts the rest
)

// Warning is a problem found at one line of the list. It never stops the
// parse.
type Warning struct {
	Line int
	Msg  string
}

// String formats the warning as "line N: msg".
func (w Warning) String() string { return fmt.Sprintf("line %d: %s", w.Line, w.Msg) }

// Result is the outcome of Parse: the entries in list order and the warnings
// in the order they were found.
type Result struct {
	Entries  []paperlist.Entry
	Warnings []Warning
}

// Parse reads a Markdown reading list. It returns an error only when the
// input cannot be a list at all (ErrEmpty, ErrBinary); everything else is a
// best effort with warnings naming the line. It never panics, and its time
// and memory grow linearly with the input.
func Parse(src []byte) (Result, error) {
	body, err := checkInput(src)
	if err != nil {
		return Result{}, err
	}
	p := &parser{}
	p.run(body)
	return p.res, nil
}

// context is what the headings above a line say.
type context struct {
	venue, section string
	year           int
	nonPaper       string // the heading of a section that holds no papers ("Open Source Projects"), or ""
	headLine       int    // line of the innermost heading
}

// heading is one open heading.
type heading struct {
	level int
	line  int
	text  string
	vy    venueYear
}

// parser holds the state of one Parse call.
type parser struct {
	src      source // the list as goldmark reads it
	refs     refs   // link reference definitions
	res      Result
	dropped  int // warnings past MaxWarnings
	heads    []heading
	ctx      context
	stack    []*item      // open list items, outermost first
	open     *item        // the item that takes continuation lines
	blank    bool         // a new block starts: the line does not continue the open item
	lastLine bool         // the paragraph line being read is its paragraph's last
	noVenue  int          // entries with neither venue nor year
	noVenue1 int          // line of the first of them
	skipped  map[int]bool // non-paper sections already warned about, by heading line
	ownVY    map[int]bool // entries (by index) that state their own venue or year
	lastHead *heading     // the heading just read, until another block starts
}

func (p *parser) warn(line int, format string, args ...any) {
	if len(p.res.Warnings) >= MaxWarnings {
		p.dropped++
		return
	}
	p.res.Warnings = append(p.res.Warnings, Warning{Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (p *parser) run(body []byte) {
	lines := newLineReader(body)
	var texts []string
	for {
		l, ok := lines.next()
		if !ok {
			break
		}
		if l.invalid {
			p.warn(l.num, "invalid UTF-8 replaced by U+FFFD")
		}
		texts = append(texts, l.text)
	}
	last := len(texts)
	if front, closed := frontMatter(texts); front > 0 {
		if !closed {
			p.warn(1, "front matter opened by %s is never closed; nothing after it was read", strings.TrimSpace(texts[0]))
		}
		for i := 0; i < front; i++ {
			texts[i] = "" // front matter holds no entries; its lines keep their numbers
		}
	}
	if fence := unclosedFence(texts); fence != "" {
		p.warn(last, "code block %s is never closed", fence)
	}
	p.readBlocks(newSource(texts))
	p.flushList()
	if p.noVenue > 0 {
		p.warn(p.noVenue1, "%d entries have no venue or year: no venue/year heading or tag applies (first here)", p.noVenue)
	}
	if len(p.res.Entries) == 0 {
		p.warn(max(last, 1), "no entries found")
	}
	if p.dropped > 0 {
		p.res.Warnings = append(p.res.Warnings, Warning{Line: last, Msg: fmt.Sprintf("%d more warnings not shown", p.dropped)})
	}
}

// frontMatter returns how many lines YAML ("---" … "---" or "...") or TOML
// ("+++" … "+++") front matter takes at the top of the list, and whether it
// is closed (when it is not, it takes every line).
func frontMatter(lines []string) (int, bool) {
	if len(lines) == 0 {
		return 0, true
	}
	open := strings.TrimRight(lines[0], " \t")
	if open != "---" && open != "+++" {
		return 0, true
	}
	for i := 1; i < len(lines); i++ {
		if t := strings.TrimSpace(lines[i]); t == open || open == "---" && t == "..." {
			return i + 1, true
		}
	}
	return len(lines), false
}

// unclosedFence returns the fence of a code block that is never closed, or "".
func unclosedFence(lines []string) string {
	fence := ""
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case fence != "":
			if strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "" {
				fence = ""
			}
		case strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~"):
			fence = t[:3]
		}
	}
	return fence
}

// heading closes the open list and opens a heading at level.
func (p *parser) heading(num, level int, raw string) {
	p.flushList()
	for len(p.heads) > 0 && p.heads[len(p.heads)-1].level >= level {
		p.heads = p.heads[:len(p.heads)-1]
	}
	text := headingText(raw)
	p.heads = append(p.heads, heading{level: level, line: num, text: text, vy: headingVenueYear(text)})
	p.lastHead = &p.heads[len(p.heads)-1]
	ctx := context{headLine: num}
	var parts []string
	for _, h := range p.heads {
		if h.vy.venue != "" {
			ctx.venue = h.vy.venue
		}
		if h.vy.year != 0 {
			ctx.year = h.vy.year
		}
		if h.text != "" {
			parts = append(parts, h.text)
		}
		if ctx.nonPaper == "" && isNonPaperSection(h.text) {
			ctx.nonPaper = h.text
		}
	}
	ctx.section = strings.Join(parts, " / ")
	p.ctx = ctx
}

// headingText renders a heading's text: links become their text, links to
// anchors ("[back](#top)") and images vanish, emphasis markers go.
func headingText(raw string) string {
	var b strings.Builder
	for _, t := range tokenize(raw) {
		switch {
		case t.kind == tokText:
			b.WriteString(t.text)
		case t.kind == tokLink && !t.badge() && !isAnchor(t.url):
			b.WriteString(t.text)
		}
	}
	s := strings.ReplaceAll(stripEmphasis(stripTags(b.String())), "()", "")
	return strings.Join(strings.Fields(s), " ")
}

// text handles a line that is neither a heading nor a list item: a
// continuation of the open item, an entry paragraph, a bold line that acts
// as a heading, or prose. head is the heading right above the line, if any.
func (p *parser) text(num int, rest string, head *heading) {
	rest = p.clipItem(num, rest)
	if p.open != nil && !p.blank {
		if !(p.open.para && (p.startsEntry(rest) || strings.HasPrefix(rest, "[^") && strings.Contains(rest, "]:"))) {
			p.open.add(p, num, rest)
			return
		}
	}
	p.flushList()
	if strings.HasPrefix(rest, "[^") && strings.Contains(rest, "]:") {
		// A footnote definition: one citation, read like an entry paragraph.
		p.open = &item{para: true, line: num, endLine: num, text: rest, ctx: p.ctx}
		return
	}
	if p.startsEntry(rest) {
		p.open = &item{para: true, line: num, endLine: num, text: rest, ctx: p.ctx}
		return
	}
	if head != nil && p.headingTitle(head, rest) {
		// "### Title" with its links in the paragraph below: the heading
		// is the paper's title, not a section.
		ctx := p.ctx
		ctx.section = strings.TrimSuffix(strings.TrimSuffix(ctx.section, head.text), " / ")
		p.open = &item{para: true, line: head.line, endLine: num, text: head.text + " " + rest, ctx: ctx}
		return
	}
	if t, ok := boldHeading(rest); ok && p.endsParagraph() {
		p.heading(num, boldHeadingLevel, t) // "**Distributed Systems**" alone on a line
		return
	}
}

// boldHeadingLevel is the level of a bold line that acts as a heading:
// below every Markdown heading, so that the next heading of any level ends
// its section.
const boldHeadingLevel = 7

// boldHeading reads a line that is one bold span and nothing else
// ("**Distributed Systems**", "__Storage:__"): a label of up to six words
// without a link or a sentence end.
func boldHeading(s string) (string, bool) {
	if len(s) < 5 || !(strings.HasPrefix(s, "**") && strings.HasSuffix(s, "**") || strings.HasPrefix(s, "__") && strings.HasSuffix(s, "__")) {
		return "", false
	}
	inner := strings.TrimSpace(s[2 : len(s)-2])
	if inner == "" || strings.ContainsAny(inner, "*_[]()<>") || strings.HasSuffix(inner, ".") {
		return "", false
	}
	if n := len(strings.Fields(inner)); n > 6 {
		return "", false
	}
	return strings.TrimSuffix(inner, ":"), true
}

// endsParagraph reports whether the line being read ends its paragraph:
// a bold line alone is a heading, one that starts a paragraph is a title.
func (p *parser) endsParagraph() bool { return p.lastLine }

// headingTitle reports whether a heading is the title of the paper whose
// links the paragraph below gives ("### Raft" then "[pdf](u) · ATC 2014"):
// the heading reads like a title and names no venue or year, and the
// paragraph holds labelled links but no title of its own.
func (p *parser) headingTitle(h *heading, para string) bool {
	if !h.vy.empty() || !looksLikeTitle(h.text) || isNonPaperSection(h.text) {
		return false
	}
	c := p.interpret(para)
	return c.labelOnly && c.link != ""
}

// startsEntry reports whether a paragraph line begins a paper entry: a
// title link or a title with a paper link.
func (p *parser) startsEntry(s string) bool {
	c := p.interpret(s)
	return c.title != "" && (c.titleLinked || c.link != "" || c.labelled || c.tagLabels) && looksLikeTitle(c.title)
}
