package readinglist

import "strings"

// tokKind is the kind of an inline token.
type tokKind int

const (
	tokText  tokKind = iota // plain text, Markdown markers left in
	tokLink                 // [text](url) or <url>
	tokImage                // ![alt](src)
)

// token is one piece of an item's inline content. For links, text is the
// link text as written and url the destination.
type token struct {
	kind     tokKind
	text     string
	url      string
	unclosed bool // the destination ran to the end without ")"
}

// badge reports whether a link is an image wrapped in a link
// ("[![stars](shields)](repo)"): decoration, never a paper.
func (t token) badge() bool {
	return t.kind == tokLink && strings.HasPrefix(strings.TrimSpace(t.text), "![")
}

// maxDestDepth bounds parenthesis nesting inside a link destination, as
// CommonMark does; it also keeps the scan linear on hostile input.
const maxDestDepth = 32

// maxTitleScan bounds the search for the closing quote of a link title.
const maxTitleScan = 256

// parseDest reads a link destination and optional title starting at i
// (just after "("). It returns the destination, the index after ")" and ok.
// A URL that runs to the end of s without ")" ("[T](https://u") is accepted,
// with the index len(s)+1 to tell the caller it was not closed.
func parseDest(s string, i int) (string, int, bool) {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
		i++
	}
	var dest string
	if i < len(s) && s[i] == '<' {
		j := strings.IndexAny(s[i+1:], ">\n")
		if j < 0 || s[i+1+j] != '>' {
			return "", 0, false
		}
		dest = s[i+1 : i+1+j]
		i += j + 2
	} else {
		start, depth := i, 0
	scan:
		for i < len(s) {
			switch s[i] {
			case ' ', '\t', '\n':
				break scan
			case '\\':
				i++
			case '(':
				depth++
				if depth > maxDestDepth {
					return "", 0, false
				}
			case ')':
				if depth == 0 {
					break scan
				}
				depth--
			}
			i++
		}
		if i > len(s) {
			i = len(s)
		}
		dest = s[start:i]
		if i == len(s) && depth == 0 && (strings.HasPrefix(dest, "http://") || strings.HasPrefix(dest, "https://")) {
			return dest, len(s) + 1, true
		}
	}
	for i < len(s) && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n') {
		i++
	}
	if i < len(s) && (s[i] == '"' || s[i] == '\'') {
		q := s[i]
		lim := min(len(s), i+1+maxTitleScan)
		j := strings.IndexByte(s[i+1:lim], q)
		if j < 0 {
			return "", 0, false
		}
		i += j + 2
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
	}
	if i >= len(s) || s[i] != ')' {
		return "", 0, false
	}
	return dest, i + 1, true
}

// plainText renders tokens as text: links become their text, images and
// badges vanish.
func plainText(toks []token) string {
	var b strings.Builder
	for _, t := range toks {
		switch {
		case t.kind == tokText:
			b.WriteString(t.text)
		case t.kind == tokLink && !t.badge():
			b.WriteString(t.text)
		}
	}
	return b.String()
}
