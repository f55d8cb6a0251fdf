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

// tokenize splits inline Markdown into text, links and images. It knows
// inline links with nested brackets in their text ("[[pdf]](u)",
// "[**T**](u)", "[![b](i)](u)"), angle autolinks and backslash escapes; a
// bracket that does not open a link stays text. It runs in linear time.
func tokenize(s string) []token {
	match := matchBrackets(s)
	var out []token
	textStart := 0
	emitText := func(end int) {
		if end > textStart {
			out = append(out, token{kind: tokText, text: s[textStart:end]})
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			i += 2
			continue
		case c == '<' && (strings.HasPrefix(s[i+1:], "http://") || strings.HasPrefix(s[i+1:], "https://")):
			if j := strings.IndexAny(s[i+1:], "> \t\n"); j > 0 && s[i+1+j] == '>' {
				emitText(i)
				u := s[i+1 : i+1+j]
				out = append(out, token{kind: tokLink, text: u, url: u})
				i += j + 2
				textStart = i
				continue
			}
		case c == '[' || c == '!' && i+1 < len(s) && s[i+1] == '[':
			open := i
			if c == '!' {
				open = i + 1
			}
			if cl := match.at(open); cl > 0 && cl+1 < len(s) && s[cl+1] == '(' {
				if u, end, ok := parseDest(s, cl+2); ok {
					emitText(i)
					k := tokLink
					if c == '!' {
						k = tokImage
					}
					out = append(out, token{kind: k, text: s[open+1 : cl], url: u, unclosed: end > len(s)})
					end = min(end, len(s))
					i = end
					textStart = i
					continue
				}
			}
		}
		i++
	}
	emitText(len(s))
	return out
}

// brackets holds the matching ']' of each '[' of a text, in order of the
// '['. Escaped brackets do not count.
type brackets struct {
	open, close []int32
	next        int // cursor: tokenize asks in increasing order
}

func matchBrackets(s string) *brackets {
	b := &brackets{}
	if strings.IndexByte(s, '[') < 0 {
		return b
	}
	var stack []int
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '[':
			stack = append(stack, len(b.open))
			b.open = append(b.open, int32(i))
			b.close = append(b.close, 0)
		case ']':
			if n := len(stack); n > 0 {
				b.close[stack[n-1]] = int32(i)
				stack = stack[:n-1]
			}
		}
	}
	return b
}

// at returns the index of the ']' matching the '[' at i, or 0. Successive
// calls must ask for increasing i.
func (b *brackets) at(i int) int {
	for b.next < len(b.open) && int(b.open[b.next]) < i {
		b.next++
	}
	if b.next < len(b.open) && int(b.open[b.next]) == i {
		return int(b.close[b.next])
	}
	return 0
}

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
