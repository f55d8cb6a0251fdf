package readinglist

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	east "github.com/yuin/goldmark/extension/ast"
	gmparser "github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// The inline Markdown of an item, a cell or a heading is read by goldmark:
// which brackets are links (inline, reference-style with the list's
// definitions, autolinks), their destinations, escapes, code spans (a link
// inside one is text), emphasis and strikethrough. The heuristics then work
// on tokens that keep the text as written: a link's text and the text
// between links are slices of the source, so decorations ("**", "_NSDI_")
// stay visible to them.

// endAttr names the attribute holding the source offset just after a link,
// image or autolink, recorded by spanParser.
var endAttr = []byte("paperlist-end")

// closeAttr names the attribute holding the offset of a link's closing ']'.
var closeAttr = []byte("paperlist-close")

// spanParser wraps goldmark's link and autolink parsers to record where each
// link ends in the source (goldmark records only where it starts).
type spanParser struct {
	inner gmparser.InlineParser
}

func (s spanParser) Trigger() []byte { return s.inner.Trigger() }

func (s spanParser) Parse(parent ast.Node, block text.Reader, pc gmparser.Context) ast.Node {
	_, seg := block.Position()
	n := s.inner.Parse(parent, block, pc)
	if n == nil {
		return nil
	}
	switch n.(type) {
	case *ast.Link, *ast.Image, *ast.AutoLink:
		_, end := block.Position()
		n.SetAttribute(endAttr, end.Start)
		n.SetAttribute(closeAttr, seg.Start)
	}
	return n
}

// CloseBlock lets the wrapped parser clean up its state.
func (s spanParser) CloseBlock(parent ast.Node, block text.Reader, pc gmparser.Context) {
	if cb, ok := s.inner.(gmparser.CloseBlocker); ok {
		cb.CloseBlock(parent, block, pc)
	}
}

// refContext answers goldmark's reference lookups from the list's
// definitions, read once for the whole list.
type refContext struct {
	gmparser.Context
	refs refs
}

func (c refContext) Reference(label string) (gmparser.Reference, bool) {
	dest, ok := c.refs[refLabel(label)]
	if !ok {
		return nil, false
	}
	return gmparser.NewReference([]byte(label), []byte(dest), nil), true
}

// newInlineParser returns a goldmark parser that reads its whole input as
// one paragraph: the block structure is already known, only the inline
// content is wanted.
func newInlineParser(strike bool) gmparser.Parser {
	inline := []util.PrioritizedValue{
		util.Prioritized(gmparser.NewCodeSpanParser(), 100),
		util.Prioritized(spanParser{gmparser.NewLinkParser()}, 200),
		util.Prioritized(spanParser{gmparser.NewAutoLinkParser()}, 300),
		util.Prioritized(gmparser.NewRawHTMLParser(), 400),
		util.Prioritized(gmparser.NewEmphasisParser(), 500),
	}
	if strike {
		inline = append(inline, util.Prioritized(extension.NewStrikethroughParser(), 500))
	}
	return gmparser.NewParser(
		gmparser.WithBlockParsers(util.Prioritized(gmparser.NewParagraphParser(), 100)),
		gmparser.WithInlineParsers(inline...),
	)
}

// inlineParsers holds the two goldmark parsers: with strikethrough, and
// without it for the text whose strikethrough markers were removed. They
// hold configuration only (each parse has its own context), so they are
// built once and shared, like a compiled regular expression.
type inlineParsers struct {
	strike, plain gmparser.Parser
}

var inlineMD = &inlineParsers{strike: newInlineParser(true), plain: newInlineParser(false)}

// tokenize reads inline Markdown that uses no reference definitions.
func tokenize(s string) []token { return inlineMD.tokenize(s, nil).toks }

// tokenize reads inline Markdown with the list's reference definitions.
func (r refs) tokenize(s string) inline { return inlineMD.tokenize(s, r) }

// inline is an item's inline content as tokens.
type inline struct {
	toks   []token
	text   string // the source the tokens slice, strikethrough markers removed
	struck bool   // the content starts with struck-out text ("~~[Title](u), SOSP 2019~~")
}

// tokenize splits inline Markdown into text, links and images. Links and
// their destinations are goldmark's; the text between them is kept as
// written, with strikethrough markers removed. A link whose destination
// runs to the end of the text without ")" ("[T](https://u") is read too,
// and marked unclosed. It runs in linear time.
func (ps *inlineParsers) tokenize(s string, r refs) inline {
	if !strings.ContainsAny(s, "[<~") {
		if s == "" {
			return inline{text: s}
		}
		return inline{toks: []token{{kind: tokText, text: s}}, text: s}
	}
	src := []byte(s)
	doc := ps.parse(ps.strike, src, r)
	var strikes []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering && n.Kind() == east.KindStrikethrough {
			strikes = append(strikes, n)
		}
		return ast.WalkContinue, nil
	})
	in := inline{text: s}
	if len(strikes) > 0 {
		in.struck = startsStruck(s, strikes)
		s = removeStrikeMarkers(s, doc, strikes)
		src = []byte(s)
		doc = ps.parse(ps.plain, src, r)
		in.text = s
	}
	in.toks = tokensOf(doc, s)
	return in
}

func (ps *inlineParsers) parse(p gmparser.Parser, src []byte, r refs) ast.Node {
	ctx := refContext{Context: gmparser.NewContext(), refs: r}
	return p.Parse(text.NewReader(src), gmparser.WithContext(ctx))
}

// tokensOf walks the tree in source order and cuts s at its links.
func tokensOf(doc ast.Node, s string) []token {
	var out []token
	last := 0
	emitText := func(end int) {
		if end > last {
			out = append(out, tokensOfText(s[last:end])...)
		}
	}
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		end, ok := attrInt(n, endAttr)
		if !ok {
			return ast.WalkContinue, nil
		}
		start := n.Pos()
		cl, _ := attrInt(n, closeAttr)
		if start < last || end > len(s) || cl > end || n.Kind() != ast.KindAutoLink && cl < start+2 {
			return ast.WalkSkipChildren, nil
		}
		var t token
		switch v := n.(type) {
		case *ast.Link:
			t = token{kind: tokLink, text: s[start+1 : cl], url: string(v.Destination)}
		case *ast.Image:
			if start > 0 && s[start] == '[' {
				start-- // the '!' before it
			}
			t = token{kind: tokImage, text: s[start+2 : cl], url: string(v.Destination)}
		case *ast.AutoLink:
			u := string(v.URL([]byte(s)))
			t = token{kind: tokLink, text: u, url: u}
		default:
			return ast.WalkContinue, nil
		}
		emitText(start)
		out = append(out, t)
		last = end
		return ast.WalkSkipChildren, nil
	})
	emitText(len(s))
	return out
}

// tokensOfText returns a text token, or, when it holds a link that runs to
// the end without ")" ("[T](https://u"), the text before it and the link.
func tokensOfText(s string) []token {
	i := strings.Index(s, "](http")
	if i < 0 {
		return []token{{kind: tokText, text: s}}
	}
	open := strings.LastIndexByte(s[:i], '[')
	if open < 0 {
		return []token{{kind: tokText, text: s}}
	}
	u, end, ok := parseDest(s, i+2)
	if !ok || end <= len(s) {
		return []token{{kind: tokText, text: s}}
	}
	var out []token
	if open > 0 {
		out = append(out, token{kind: tokText, text: s[:open]})
	}
	return append(out, token{kind: tokLink, text: s[open+1 : i], url: u, unclosed: true})
}

func attrInt(n ast.Node, name []byte) (int, bool) {
	v, ok := n.Attribute(name)
	if !ok {
		return 0, false
	}
	i, ok := v.(int)
	return i, ok
}

// strikeEnds returns where the text of each struck-out span ends, in one
// walk of the tree (bottom-up), so that nested spans cost no more than flat
// ones.
func strikeEnds(doc ast.Node) map[ast.Node]int {
	ends := map[ast.Node]int{}
	var stack []int // the largest end seen under each open node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			stack = append(stack, -1)
			return ast.WalkContinue, nil
		}
		end := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if e, ok := attrInt(n, endAttr); ok {
			end = max(end, e)
		} else if t, ok := n.(*ast.Text); ok {
			end = max(end, t.Segment.Stop)
		}
		if n.Kind() == east.KindStrikethrough {
			ends[n] = end
		}
		if len(stack) > 0 {
			stack[len(stack)-1] = max(stack[len(stack)-1], end)
		}
		return ast.WalkContinue, nil
	})
	return ends
}

// removeStrikeMarkers removes the "~~" (or "~") that open and close each
// struck-out span.
func removeStrikeMarkers(s string, doc ast.Node, strikes []ast.Node) string {
	cut := make([]bool, len(s))
	ends := strikeEnds(doc)
	for _, n := range strikes {
		open := n.Pos()
		if open < 0 || open >= len(s) {
			continue
		}
		for i := open; i < len(s) && s[i] == '~'; i++ {
			cut[i] = true
		}
		if e := ends[n]; e >= 0 {
			for e < len(s) && s[e] == ' ' {
				e++
			}
			for i := e; i < len(s) && s[i] == '~'; i++ {
				cut[i] = true
			}
		}
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if !cut[i] {
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// startsStruck reports whether a struck-out span opens the content, after a
// task box or status mark, or opens the text of its first link.
func startsStruck(s string, strikes []ast.Node) bool {
	t := strings.TrimLeft(s, " \t\n")
	rest, _ := stripStatus(t)
	rest = strings.TrimLeft(rest, " \t")
	first := len(s) - len(rest)
	if strings.HasPrefix(rest, "[") {
		first++ // "[~~Title~~](u)"
	}
	for _, n := range strikes {
		if p := n.Pos(); p == first || p == first-1 && strings.HasPrefix(s[first:], "~") {
			return true
		}
	}
	return false
}
