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
	p := &parser{lines: newLineReader(body), refs: scanRefs(body)}
	p.run()
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
	lines    *lineReader
	refs     refs // link reference definitions, read before the parse
	res      Result
	dropped  int // warnings past MaxWarnings
	heads    []heading
	ctx      context
	stack    []*item      // open list items, outermost first
	open     *item        // the item that takes continuation lines
	blank    bool         // the previous line was blank
	prose    string       // the last prose line, for setext headings
	fence    string       // the opening fence of a code block we are in
	comment  bool         // inside an HTML comment
	front    string       // the fence of the YAML ("---") or TOML ("+++") front matter we are in
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

func (p *parser) run() {
	last := 0
	for {
		l, ok := p.lines.next()
		if !ok {
			break
		}
		last = l.num
		if l.invalid {
			p.warn(l.num, "invalid UTF-8 replaced by U+FFFD")
		}
		p.line(l.num, l.text)
	}
	p.flushList()
	if p.front != "" {
		p.warn(1, "front matter opened by %s is never closed; nothing after it was read", p.front)
	}
	if p.fence != "" {
		p.warn(last, "code block %s is never closed", p.fence)
	}
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

// line handles one line of input.
func (p *parser) line(num int, text string) {
	switch {
	case p.front != "":
		if t := strings.TrimSpace(text); t == p.front || p.front == "---" && t == "..." {
			p.front = ""
		}
		return
	case p.fence != "":
		if t := strings.TrimSpace(text); strings.HasPrefix(t, p.fence) && strings.Trim(t, p.fence[:1]) == "" {
			p.fence = ""
		}
		return
	case p.comment:
		if strings.Contains(text, "-->") {
			p.comment = false
		}
		return
	}
	indent, rest := indentOf(text)
	rest = strings.TrimRight(rest, " \t")
	if num == 1 && (rest == "---" || rest == "+++") {
		p.front = rest
		return
	}
	if rest == "" {
		p.blank = true
		p.prose = ""
		return
	}
	defer func() { p.blank = false }()
	head := p.lastHead
	p.lastHead = nil
	switch {
	case strings.HasPrefix(rest, "```") || strings.HasPrefix(rest, "~~~"):
		p.fence = rest[:3]
		return
	case strings.HasPrefix(rest, "<!--"):
		p.comment = !strings.Contains(rest[4:], "-->")
		return
	}
	if level, h, ok := atxHeading(rest); ok {
		p.heading(num, level, h)
		return
	}
	if p.refs.isRefDefinition(rest) {
		return // "[id]: url" defines a link; it is not content
	}
	if p.prose != "" && !p.blank && len(p.stack) == 0 && p.open == nil && isSetextUnderline(rest) {
		level := 1
		if rest[0] == '-' {
			level = 2
		}
		p.heading(num-1, level, p.prose)
		return
	}
	switch {
	case isThematicBreak(rest):
		p.flushList()
		return
	case isHTMLLine(rest), rest[0] == '>':
		return // HTML blocks, badges in <p>, blockquotes: never entries
	}
	if strings.Contains(rest, "|") {
		if next, ok := p.lines.peekText(); ok && isDelimiterRow(next) {
			p.flushList()
			p.table(num, rest)
			return
		}
	}
	if content, ok := listMarker(rest); ok {
		p.bullet(num, indent, content)
		return
	}
	p.text(num, indent, rest, head)
}

// heading closes the open list and opens a heading at level.
func (p *parser) heading(num, level int, raw string) {
	p.flushList()
	p.prose = ""
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
func (p *parser) text(num, indent int, rest string, head *heading) {
	rest = p.clipItem(num, rest)
	if p.open != nil && (!p.blank || len(p.stack) > 0 && indent > p.stack[0].indent) {
		if !(p.open.para && (p.startsEntry(rest) || strings.HasPrefix(rest, "[^") && strings.Contains(rest, "]:"))) {
			p.open.add(p, num, rest)
			return
		}
	}
	p.flushList()
	if strings.HasPrefix(rest, "[^") && strings.Contains(rest, "]:") {
		// A footnote definition: one citation, read like an entry paragraph.
		p.open = &item{para: true, line: num, endLine: num, text: rest, ctx: p.ctx}
		p.prose = ""
		return
	}
	if p.startsEntry(rest) {
		p.open = &item{para: true, line: num, endLine: num, text: rest, ctx: p.ctx}
		p.prose = ""
		return
	}
	if head != nil && p.headingTitle(head, rest) {
		// "### Title" with its links in the paragraph below: the heading
		// is the paper's title, not a section.
		ctx := p.ctx
		ctx.section = strings.TrimSuffix(strings.TrimSuffix(ctx.section, head.text), " / ")
		p.open = &item{para: true, line: head.line, endLine: num, text: head.text + " " + rest, ctx: ctx}
		p.prose = ""
		return
	}
	if t, ok := boldHeading(rest); ok && p.endsParagraph() {
		p.heading(num, boldHeadingLevel, t) // "**Distributed Systems**" alone on a line
		return
	}
	p.prose = rest
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

// endsParagraph reports whether the next line ends the current paragraph:
// it is blank, a list item, or the end of input.
func (p *parser) endsParagraph() bool {
	next, ok := p.lines.peekText()
	if !ok {
		return true
	}
	_, t := indentOf(next)
	t = strings.TrimRight(t, " \t")
	if t == "" {
		return true
	}
	_, item := listMarker(t)
	return item
}

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

// indentOf returns the width of the leading white space (tabs to the next
// multiple of four) and the rest of the line.
func indentOf(s string) (int, string) {
	col := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ':
			col++
		case '\t':
			col += 4 - col%4
		default:
			return col, s[i:]
		}
	}
	return col, ""
}

// atxHeading parses "## text ##" (up to six '#', then a space or the end).
func atxHeading(s string) (int, string, bool) {
	n := 0
	for n < len(s) && s[n] == '#' {
		n++
	}
	if n == 0 || n > 6 || n < len(s) && s[n] != ' ' && s[n] != '\t' {
		return 0, "", false
	}
	t := strings.TrimSpace(s[n:])
	if c := strings.TrimRight(t, "#"); c != t && (c == "" || strings.HasSuffix(c, " ")) {
		t = strings.TrimSpace(c)
	}
	return n, t, true
}

// listMarker recognises "- ", "* ", "+ ", "1. ", "1) " and the kramdown
// definition marker ": ", and returns the item's text after the marker.
func listMarker(s string) (string, bool) {
	switch s[0] {
	case ':':
		if len(s) > 2 && (s[1] == ' ' || s[1] == '\t') {
			return strings.TrimLeft(s[2:], " \t"), true
		}
		return "", false
	case '-', '*', '+':
		if len(s) == 1 {
			return "", true
		}
		if s[1] == ' ' || s[1] == '\t' {
			return strings.TrimLeft(s[2:], " \t"), true
		}
		return "", false
	}
	i := 0
	for i < len(s) && i < 9 && isDigit(s[i]) {
		i++
	}
	if i == 0 || i >= len(s) || s[i] != '.' && s[i] != ')' {
		return "", false
	}
	if i+1 == len(s) {
		return "", true
	}
	if s[i+1] == ' ' || s[i+1] == '\t' {
		return strings.TrimLeft(s[i+2:], " \t"), true
	}
	return "", false
}

// isThematicBreak recognises "---", "***", "___", "* * *".
func isThematicBreak(s string) bool {
	c := s[0]
	if c != '-' && c != '*' && c != '_' {
		return false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case c:
			n++
		case ' ', '\t':
		default:
			return false
		}
	}
	return n >= 3
}

// isSetextUnderline recognises "===" and "---" under a paragraph.
func isSetextUnderline(s string) bool {
	return strings.Trim(s, "=") == "" || strings.Trim(s, "-") == ""
}

// isHTMLLine recognises a line that starts an HTML tag ("<div", "</p>",
// "<img", "<details>").
// Inline tags that start a line of text ("<b>Title (2017)</b> [[Paper]]")
// do not make it HTML.
func isHTMLLine(s string) bool {
	if len(s) < 2 || s[0] != '<' || !isLetter(s[1]) && s[1] != '/' {
		return false
	}
	name := strings.TrimPrefix(s[1:], "/")
	end := strings.IndexAny(name, " >/")
	if end < 0 {
		return true
	}
	switch strings.ToLower(name[:end]) {
	case "b", "i", "em", "strong", "a", "code", "u", "s", "del", "mark", "kbd", "sup", "sub", "span":
		return false
	}
	return true
}
