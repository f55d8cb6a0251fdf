package readinglist

import (
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	gmparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The block structure of the list is goldmark's (CommonMark with GFM
// tables and definition lists): headings, list items and their nesting,
// paragraphs, tables, code blocks, HTML blocks, block quotes and link
// reference definitions are what GitHub renders them as. The walk below
// hands them, in source order and with their line numbers, to the reading
// of entries (list.go, table.go): a list item opens an item at its depth,
// the lines of its paragraphs follow it, a paragraph's lines are read one
// at a time (an entry may start on any of them).

// blockParser reads blocks only; the inline content of an item is read
// later, with the list's reference definitions (markdown.go).
var blockParser = gmparser.NewParser(
	gmparser.WithBlockParsers(append(gmparser.DefaultBlockParsers(),
		util.Prioritized(extension.NewDefinitionListParser(), 101),
		util.Prioritized(extension.NewDefinitionDescriptionParser(), 102))...),
	gmparser.WithParagraphTransformers(append(gmparser.DefaultParagraphTransformers(),
		util.Prioritized(extension.NewTableParagraphTransformer(), 200))...),
)

// source is the list as goldmark reads it: the lines joined by "\n", with
// the offset where each line starts.
type source struct {
	text   string
	starts []int // starts[i] is the offset of line i+1
}

func newSource(lines []string) source {
	s := source{starts: make([]int, len(lines))}
	var b strings.Builder
	for i, l := range lines {
		s.starts[i] = b.Len()
		b.WriteString(l)
		b.WriteByte('\n')
	}
	s.text = b.String()
	return s
}

// line returns the 1-based line of an offset.
func (s source) line(off int) int {
	return sort.Search(len(s.starts), func(i int) bool { return s.starts[i] > off })
}

// segText returns a segment's text without its line end and trailing
// white space.
func (s source) segText(seg text.Segment) string {
	return strings.TrimRight(s.text[seg.Start:seg.Stop], " \t\r\n")
}

// readBlocks parses the list, keeps the link reference definitions goldmark
// found, and walks the blocks.
func (p *parser) readBlocks(src source) {
	ctx := gmparser.NewContext()
	doc := blockParser.Parse(text.NewReader([]byte(src.text)), gmparser.WithContext(ctx))
	var r refs
	for _, ref := range ctx.References() {
		if r == nil {
			r = refs{}
		}
		r[refLabel(string(ref.Label()))] = string(ref.Destination())
	}
	p.refs = r
	p.src = src
	for n := doc.FirstChild(); n != nil; n = n.NextSibling() {
		p.block(n)
	}
}

// block reads one top-level block.
func (p *parser) block(n ast.Node) {
	head := p.lastHead
	p.lastHead = nil
	p.blank = true // blocks are apart: a new one never continues an item
	switch n.Kind() {
	case ast.KindHeading:
		lines := n.Lines()
		if lines.Len() == 0 {
			p.heading(p.src.line(n.Pos()), n.(*ast.Heading).Level, "")
			return
		}
		var parts []string
		for i := 0; i < lines.Len(); i++ {
			parts = append(parts, strings.TrimSpace(p.src.segText(lines.At(i))))
		}
		p.heading(p.src.line(lines.At(0).Start), n.(*ast.Heading).Level, strings.Join(parts, " "))
	case ast.KindParagraph, ast.KindTextBlock:
		p.paragraph(n, head)
	case ast.KindList:
		p.list(n, 1)
	case east.KindDefinitionList:
		p.definitions(n, head)
	case ast.KindThematicBreak:
		p.flushList()
	case east.KindTable:
		p.flushList()
		p.tableNode(n)
	}
	// Code blocks, HTML blocks (comments, badges in <p>), block quotes and
	// link reference definitions hold no entries.
}

// paragraph reads a top-level paragraph line by line.
func (p *parser) paragraph(n ast.Node, head *heading) {
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		p.lastLine = i == lines.Len()-1
		p.text(p.src.line(seg.Start), strings.TrimLeft(p.src.segText(seg), " \t"), head)
		p.blank = false
		head = nil
	}
	p.lastLine = false
}

// list reads the items of a list at a depth (1 for a top-level list).
func (p *parser) list(n ast.Node, depth int) {
	for it := n.FirstChild(); it != nil; it = it.NextSibling() {
		p.item(it, depth)
	}
}

// item reads one list item (or definition description) and the lists
// nested in it.
func (p *parser) item(it ast.Node, depth int) {
	p.lastHead = nil
	line := p.src.line(it.Pos())
	first := it.FirstChild()
	firstText := ""
	rest := first
	if first != nil && (first.Kind() == ast.KindParagraph || first.Kind() == ast.KindTextBlock) && first.Lines().Len() > 0 {
		firstText = p.src.segText(first.Lines().At(0))
		line = p.src.line(first.Lines().At(0).Start)
	}
	p.bullet(line, depth, strings.TrimLeft(firstText, " \t"))
	p.blank = false
	if firstText != "" {
		p.addLines(first, 1)
		rest = first.NextSibling()
	}
	for c := rest; c != nil; c = c.NextSibling() {
		switch c.Kind() {
		case ast.KindParagraph, ast.KindTextBlock:
			p.addLines(c, 0)
		case ast.KindList:
			p.list(c, depth+1)
		}
	}
}

// addLines adds the lines of a paragraph, from the from-th, to the open item.
func (p *parser) addLines(n ast.Node, from int) {
	lines := n.Lines()
	for i := from; i < lines.Len(); i++ {
		seg := lines.At(i)
		num := p.src.line(seg.Start)
		t := strings.TrimLeft(p.src.segText(seg), " \t")
		if p.open == nil || t == "" {
			continue
		}
		p.open.add(p, num, p.clipItem(num, t))
	}
}

// definitions reads a kramdown definition list: each description (": ")
// is an item, each term is prose.
func (p *parser) definitions(n ast.Node, head *heading) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c.Kind() {
		case east.KindDefinitionTerm:
			p.blank = true
			p.paragraph(c, head)
		case east.KindDefinitionDescription:
			p.item(c, 1)
		}
		head = nil
	}
}

// tableNode reads a GFM table: goldmark finds it, its rows are split as
// written (splitRow keeps "\|" and pipes in code spans).
func (p *parser) tableNode(n ast.Node) {
	var rows []rawLine
	for r := n.FirstChild(); r != nil; r = r.NextSibling() {
		num := p.src.line(r.Pos())
		if num < 1 || num > len(p.src.starts) {
			continue
		}
		rows = append(rows, rawLine{num: num, text: p.lineText(num)})
	}
	if len(rows) == 0 {
		return
	}
	p.table(rows[0].num, rows[0].text, rows[1:])
}

// lineText returns line num as written.
func (p *parser) lineText(num int) string {
	start := p.src.starts[num-1]
	end := len(p.src.text)
	if num < len(p.src.starts) {
		end = p.src.starts[num]
	}
	return strings.TrimRight(p.src.text[start:end], "\r\n")
}
