package enrich

import (
	"strings"

	"golang.org/x/net/html"
)

// Crossref deposits abstracts as JATS markup, sometimes in titled sections:
// "Abstract", a structured abstract's "Background"/"Methods"/..., but also
// a lay summary ("Significance" in PNAS, "Author summary" in PLOS),
// "Highlights" or a "Graphical abstract". A summary is not the abstract and
// is never presented as one.

// summaryTitles are section titles of texts that accompany an abstract but
// are not it (compared lower-case, without a trailing ":" or ".").
var summaryTitles = map[string]bool{
	"significance": true, "significance statement": true, "statement of significance": true,
	"public significance statement": true, "impact statement": true,
	"highlights": true, "research highlights": true, "key points": true,
	"graphical abstract": true, "visual abstract": true, "video abstract": true,
	"lay summary": true, "plain language summary": true, "author summary": true,
	"editor's summary": true, "editors' summary": true, "one sentence summary": true,
	"teaser": true, "in brief": true,
}

// abstractTitles name the abstract itself.
var abstractTitles = map[string]bool{"abstract": true, "summary": true}

type jatsKind int

const (
	jatsUntitled jatsKind = iota // no title: plain abstract text
	jatsPart                     // another title: a structured abstract's part ("Background")
	jatsAbstract                 // titled "Abstract", or inside such a section
	jatsSummary                  // a lay summary, highlights...: never the abstract
)

func classifyJATSTitle(title string) jatsKind {
	t := strings.ToLower(NormalizeSpace(title))
	t = strings.TrimRight(t, ":. ")
	switch {
	case t == "":
		return jatsUntitled
	case abstractTitles[t]:
		return jatsAbstract
	case summaryTitles[t]:
		return jatsSummary
	}
	return jatsPart
}

// jatsSegment is a run of markup under one heading.
type jatsSegment struct {
	kind   jatsKind
	markup strings.Builder
}

// JATSAbstract returns the abstract held in a Crossref JATS (or HTML)
// abstract as plain text, paragraphs separated by "\n\n". When the markup
// has titled sections, the sections titled Abstract (or Summary) are taken;
// without one, every untitled section and every part of a structured
// abstract ("Background", "Methods"); sections titled Significance,
// Highlights, Graphical abstract, Author summary and the like never. When
// only such a summary is deposited the result is "", so that the abstract
// is asked of the next source. Section titles are dropped.
func JATSAbstract(s string) string {
	if !strings.Contains(s, "title>") {
		return PlainText(s)
	}
	segs := jatsSegments(s)
	var b strings.Builder
	take := func(want func(jatsKind) bool) string {
		b.Reset()
		for _, sg := range segs {
			if !want(sg.kind) {
				continue
			}
			if t := PlainText(sg.markup.String()); t != "" {
				if b.Len() > 0 {
					b.WriteString("\n\n")
				}
				b.WriteString(t)
			}
		}
		return b.String()
	}
	if t := take(func(k jatsKind) bool { return k == jatsAbstract }); t != "" {
		return t
	}
	return take(func(k jatsKind) bool { return k == jatsUntitled || k == jatsPart })
}

// jatsSegments cuts JATS markup into segments, each under the nearest
// title: a <title> starts a new segment at its level, a <sec> opens a level
// whose segments inherit an Abstract or summary title from the enclosing
// ones, and the end of a <sec> returns to an untitled segment of the level
// around it.
func jatsSegments(s string) []*jatsSegment {
	var segs []*jatsSegment
	// inherited[i] is the kind imposed by the enclosing sections at depth i.
	inherited := []jatsKind{jatsUntitled}
	open := func(k jatsKind) {
		if in := inherited[len(inherited)-1]; in == jatsAbstract || in == jatsSummary {
			k = in
		}
		segs = append(segs, &jatsSegment{kind: k})
	}
	open(jatsUntitled)
	z := html.NewTokenizer(strings.NewReader(s))
	inTitle := false
	var title strings.Builder
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		name, _ := z.TagName()
		tag := strings.TrimPrefix(string(name), "jats:")
		switch {
		case tt == html.StartTagToken && tag == "sec":
			inherited = append(inherited, segs[len(segs)-1].kind)
			open(jatsUntitled)
			continue
		case tt == html.EndTagToken && tag == "sec":
			if len(inherited) > 1 {
				inherited = inherited[:len(inherited)-1]
			}
			open(jatsUntitled)
			continue
		case tt == html.StartTagToken && tag == "title":
			inTitle = true
			title.Reset()
			continue
		case tt == html.EndTagToken && tag == "title":
			inTitle = false
			open(classifyJATSTitle(title.String()))
			continue
		case inTitle:
			if tt == html.TextToken {
				title.Write(z.Text())
			}
			continue
		}
		segs[len(segs)-1].markup.Write(z.Raw())
	}
	return segs
}
