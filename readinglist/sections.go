package readinglist

import "strings"

// nonPaperSections are headings of sections that hold links but no papers:
// open-source projects, tools, tutorials, other reading lists, how to
// contribute. Their items and rows are never entries. A section named
// "References" is not among them: in a reading list it often holds papers.
var nonPaperSections = map[string]bool{
	"open source projects": true, "open-source projects": true, "projects": true,
	"open source": true, "tools": true, "libraries": true, "frameworks": true,
	"tutorials": true, "courses": true, "lectures": true, "books": true,
	"blogs": true, "blog posts": true, "videos": true, "talks": true,
	"related resources": true, "other resources": true, "resources": true,
	"related lists": true, "other lists": true, "other reading lists": true,
	"related repos": true, "related repositories": true, "awesome lists": true,
	"contribute": true, "contributing": true, "contributors": true,
	"how to contribute": true, "contribution": true, "license": true,
	"acknowledgements": true, "acknowledgments": true, "citation": true,
	"citations": true, "star history": true, "contact": true,
}

// isNonPaperSection reports whether a heading names a section that holds
// no papers ("Open Source Projects", "🛠 Tools", "Related Resources").
func isNonPaperSection(h string) bool {
	t := strings.ToLower(stripEmoji(h))
	t = strings.Trim(strings.Join(strings.Fields(t), " "), " .:-")
	return nonPaperSections[t]
}

// inNonPaperSection reports whether an entry at ctx lies in a section that
// holds no papers, and warns once per such section.
func (p *parser) inNonPaperSection(ctx context, line int) bool {
	if ctx.nonPaper == "" {
		return false
	}
	if !p.skipped[ctx.headLine] {
		if p.skipped == nil {
			p.skipped = map[int]bool{}
		}
		p.skipped[ctx.headLine] = true
		p.warn(line, "section %q holds no papers (projects, tools, resources); its items are not entries", ctx.nonPaper)
	}
	return true
}

// interpret reads an item's inline content with the list's reference
// definitions.
func (p *parser) interpret(s string) content {
	return interpret(s, p.refs)
}
