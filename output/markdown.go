package output

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/paperlist/paperlist"
)

// MarkdownMarker ends every line that Markdown adds to the list. A line that
// ends with it belongs to paperlist: the next run replaces or removes it.
const MarkdownMarker = "<!-- paperlist -->"

// markdownMaxAuthors is how many authors an added line names before "et al.".
const markdownMaxAuthors = 3

// WriteMarkdown writes the user's own list back byte for byte, with one added
// line after each enriched paper (status ok or partial) that has something
// to add: its authors (the first three, then "et al."), a [PDF](url) link
// and a [DOI](https://doi.org/doi) link, ending with MarkdownMarker.
//
// Papers are matched to entries by line (Paper.Line == Entry.Line). The
// added line goes after the entry's last line (Entry.EndLine), as a list
// item one level deeper than the entry: with the indentation and marker of
// the entry's first sub-item when it has notes, else the entry's
// indentation plus four spaces and the marker the list uses for children
// at that depth. Only entries written as list items get a line; a paper
// that is a table row or a paragraph is left alone.
//
// Earlier added lines (list items ending with MarkdownMarker) are removed
// first, so a second run replaces them instead of adding more, and a paper
// that is no longer enriched loses its line. Each line keeps its own line
// ending; added lines take the ending of the line they follow (CRLF stays
// CRLF), and a list without a final newline still has none.
//
// It fails when an entry's lines are not in src (a list edited since it
// was parsed).
func WriteMarkdown(w io.Writer, src []byte, entries []paperlist.Entry, papers []paperlist.Paper) error {
	lines := splitLines(src)
	if len(lines) == 0 {
		_, err := w.Write(src)
		return err
	}
	byLine := make(map[int]*paperlist.Paper, len(papers))
	for i := range papers {
		if papers[i].Line > 0 {
			byLine[papers[i].Line] = &papers[i]
		}
	}
	childMarkers := childMarkersByIndent(lines)
	added := make(map[int]string) // line index -> text to add after it
	for _, e := range entries {
		if e.Line < 1 || e.EndLine < e.Line || e.EndLine > len(lines) {
			return fmt.Errorf("markdown: entry %q spans lines %d-%d, the list has %d lines", e.Title, e.Line, e.EndLine, len(lines))
		}
		p := byLine[e.Line]
		if p == nil || (p.Status != paperlist.StatusOK && p.Status != paperlist.StatusPartial) {
			continue
		}
		item, ok := parseListItem(lines[e.Line-1].text)
		if !ok {
			continue
		}
		text := markdownAddition(p)
		if text == "" {
			continue
		}
		indent, marker := item.indent+"    ", childMarkers[item.width]
		if marker == "" {
			marker = item.marker
			if marker != "-" && marker != "*" && marker != "+" {
				marker = "-"
			}
		}
		for i := e.Line; i < e.EndLine; i++ {
			if sub, ok := parseListItem(lines[i].text); ok && !isAdded(lines[i].text) {
				indent, marker = sub.indent, sub.marker
				if !sub.bullet() {
					marker = "-"
				}
				break
			}
		}
		added[e.EndLine-1] = indent + marker + " " + text + " " + MarkdownMarker
	}

	var out bytes.Buffer
	out.Grow(len(src) + 160*len(added))
	var kept []line
	for i, l := range lines {
		if !isAdded(l.text) {
			kept = append(kept, l)
		}
		if text, ok := added[i]; ok {
			kept = append(kept, line{text: text, eol: lineEnding(lines, i)})
		}
	}
	finalEOL := lines[len(lines)-1].eol != ""
	for i, l := range kept {
		eol := l.eol
		switch {
		case i == len(kept)-1 && !finalEOL:
			eol = ""
		case eol == "":
			eol = lineEnding(lines, len(lines)-1)
		}
		out.WriteString(l.text)
		out.WriteString(eol)
	}
	_, err := w.Write(out.Bytes())
	return err
}

// markdownAddition is the text of the added line, without indentation and
// marker: "Zhuohan Li, Lianmin Zheng, Yinmin Zhong et al. · [PDF](u) ·
// [DOI](https://doi.org/d)", or "" when there is nothing to add.
func markdownAddition(p *paperlist.Paper) string {
	var parts []string
	var names []string
	for _, a := range p.Authors {
		if n := strings.Join(strings.Fields(a.Name), " "); n != "" {
			names = append(names, markdownEscape(n))
		}
	}
	if len(names) > markdownMaxAuthors {
		parts = append(parts, strings.Join(names[:markdownMaxAuthors], ", ")+" et al.")
	} else if len(names) > 0 {
		parts = append(parts, strings.Join(names, ", "))
	}
	if p.PDFURL != "" {
		parts = append(parts, "[PDF]("+markdownURL(p.PDFURL)+")")
	}
	if p.DOI != "" {
		parts = append(parts, "[DOI]("+markdownURL("https://doi.org/"+p.DOI)+")")
	}
	return strings.Join(parts, " · ")
}

var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "*", `\*`, "_", `\_`, "`", "\\`", "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`, "|", `\|`,
)

// markdownEscape keeps a name from being read as emphasis, a link or HTML.
func markdownEscape(s string) string { return markdownEscaper.Replace(s) }

var markdownURLEscaper = strings.NewReplacer(" ", "%20", "(", "%28", ")", "%29", "<", "%3C", ">", "%3E")

// markdownURL keeps a URL from ending the link early.
func markdownURL(s string) string { return markdownURLEscaper.Replace(strings.TrimSpace(s)) }

// isAdded reports whether a line was added by an earlier run: a list item
// that ends with MarkdownMarker.
func isAdded(text string) bool {
	if !strings.HasSuffix(strings.TrimRight(text, " \t"), MarkdownMarker) {
		return false
	}
	_, ok := parseListItem(text)
	return ok
}

// line is one line of the list: its text and its own line ending ("\n",
// "\r\n", "\r", or "" for a last line without one).
type line struct {
	text, eol string
}

// splitLines cuts src after every "\n", "\r\n" or lone "\r", as the list
// parser numbers lines.
func splitLines(src []byte) []line {
	var lines []line
	start := 0
	for i := 0; i < len(src); i++ {
		switch src[i] {
		case '\n':
			lines = append(lines, line{string(src[start:i]), "\n"})
			start = i + 1
		case '\r':
			eol := "\r"
			if i+1 < len(src) && src[i+1] == '\n' {
				eol = "\r\n"
			}
			lines = append(lines, line{string(src[start:i]), eol})
			i += len(eol) - 1
			start = i + 1
		}
	}
	if start < len(src) {
		lines = append(lines, line{string(src[start:]), ""})
	}
	return lines
}

// lineEnding is the ending of line i, or the list's first line ending when
// line i has none, or "\n" for a list of one line.
func lineEnding(lines []line, i int) string {
	if lines[i].eol != "" {
		return lines[i].eol
	}
	for _, l := range lines {
		if l.eol != "" {
			return l.eol
		}
	}
	return "\n"
}

// listItem is the start of a Markdown list item.
type listItem struct {
	indent string // leading white space, as written
	width  int    // its width in columns (a tab counts to the next multiple of 4)
	marker string // "-", "*", "+", or an ordered marker such as "1."
}

func (it listItem) bullet() bool {
	return it.marker == "-" || it.marker == "*" || it.marker == "+"
}

// parseListItem recognizes a line that starts a list item.
func parseListItem(text string) (listItem, bool) {
	text = strings.TrimPrefix(text, "\ufeff")
	var it listItem
	i := 0
	for ; i < len(text) && (text[i] == ' ' || text[i] == '\t'); i++ {
		if text[i] == '\t' {
			it.width += 4 - it.width%4
		} else {
			it.width++
		}
	}
	it.indent = text[:i]
	rest := text[i:]
	if rest == "" {
		return it, false
	}
	n := 0
	switch rest[0] {
	case '-', '*', '+':
		if thematicBreak(rest) {
			return it, false
		}
		n = 1
	default:
		for n < len(rest) && n < 9 && rest[n] >= '0' && rest[n] <= '9' {
			n++
		}
		if n == 0 || n >= len(rest) || (rest[n] != '.' && rest[n] != ')') {
			return it, false
		}
		n++
	}
	if n < len(rest) && rest[n] != ' ' && rest[n] != '\t' {
		return it, false
	}
	it.marker = rest[:n]
	return it, true
}

// thematicBreak reports a "---", "* * *" or "___" line, which is not a list item.
func thematicBreak(s string) bool {
	c, count := s[0], 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case c:
			count++
		case ' ', '\t':
		default:
			return false
		}
	}
	return count >= 3
}

// childMarkersByIndent finds, for each indentation width of a list item,
// the bullet its children use most often in the list (the first seen wins
// a tie). Lines added by an earlier run are not counted.
func childMarkersByIndent(lines []line) map[int]string {
	counts := map[int]map[string]int{}
	first := map[int][]string{}
	var stack []int // widths of the open items
	for _, l := range lines {
		if isAdded(l.text) {
			continue
		}
		it, ok := parseListItem(l.text)
		if !ok {
			t := strings.TrimLeft(l.text, " \t")
			if t != "" && len(t) == len(l.text) {
				stack = stack[:0] // a heading or paragraph at the margin ends the list
			}
			continue
		}
		for len(stack) > 0 && stack[len(stack)-1] >= it.width {
			stack = stack[:len(stack)-1]
		}
		if len(stack) > 0 && it.bullet() {
			w := stack[len(stack)-1]
			if counts[w] == nil {
				counts[w] = map[string]int{}
			}
			if counts[w][it.marker] == 0 {
				first[w] = append(first[w], it.marker)
			}
			counts[w][it.marker]++
		}
		stack = append(stack, it.width)
	}
	best := make(map[int]string, len(counts))
	for w, seen := range first {
		for _, m := range seen {
			if counts[w][m] > counts[w][best[w]] {
				best[w] = m
			}
		}
	}
	return best
}
