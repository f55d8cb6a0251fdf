package readinglist

import (
	"strings"
)

// Limits on reference-style links.
const (
	maxRefs     = 100000 // definitions kept; later ones are ignored
	maxRefLabel = 999    // characters in a label, as CommonMark allows
)

// refs holds the link reference definitions of a list ("[id]: url"), by
// normalised label. Definitions may come anywhere in the list, before or
// after their use; the first definition of a label wins, as in CommonMark.
type refs map[string]string

// refLabel normalises a label: case-insensitive, inner white space
// collapsed ("[OSDI  Paper]" and "[osdi paper]" are the same label).
func refLabel(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// scanRefs reads every link reference definition of the input, outside
// fenced code blocks: "[label]: url", "[label]: <url> "title"", at any
// indentation. Footnote definitions ("[^1]: text") are not link
// definitions.
func scanRefs(body []byte) refs {
	if !strings.Contains(string(body), "]:") {
		return nil
	}
	r := refs{}
	lines := newLineReader(body)
	fence := ""
	for {
		l, ok := lines.next()
		if !ok {
			break
		}
		t := strings.TrimSpace(l.text)
		if fence != "" {
			if strings.HasPrefix(t, fence) && strings.Trim(t, fence[:1]) == "" {
				fence = ""
			}
			continue
		}
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
			continue
		}
		label, dest, ok := refDefinition(t)
		if !ok || len(r) >= maxRefs {
			continue
		}
		if _, dup := r[label]; !dup {
			r[label] = dest
		}
	}
	if len(r) == 0 {
		return nil
	}
	return r
}

// refDefinition parses one trimmed line as a link reference definition and
// returns its normalised label and destination.
func refDefinition(t string) (label, dest string, ok bool) {
	if len(t) < 4 || t[0] != '[' || len(t) > 1 && t[1] == '^' {
		return "", "", false
	}
	end := strings.Index(t, "]:")
	if end < 2 || end > maxRefLabel || strings.ContainsAny(t[1:end], "[]") {
		return "", "", false
	}
	label = refLabel(t[1:end])
	if label == "" {
		return "", "", false
	}
	rest := strings.TrimSpace(t[end+2:])
	if strings.HasPrefix(rest, "<") {
		j := strings.IndexByte(rest, '>')
		if j < 0 {
			return "", "", false
		}
		dest = rest[1:j]
	} else {
		dest, _, _ = strings.Cut(rest, " ")
		dest = strings.TrimSpace(dest)
	}
	if dest == "" {
		return "", "", false
	}
	return label, dest, true
}

// isRefDefinition reports whether a line defines a link the list knows, so
// the parser reads it as neither an entry nor a note.
func (r refs) isRefDefinition(line string) bool {
	if len(r) == 0 {
		return false
	}
	label, _, ok := refDefinition(strings.TrimSpace(line))
	if !ok {
		return false
	}
	_, known := r[label]
	return known
}
