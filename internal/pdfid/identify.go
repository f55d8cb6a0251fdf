package pdfid

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"
)

// checkHeader fails with ErrNotPDF unless pdf has the "%PDF-" signature
// within its first kilobyte, where readers accept it.
func checkHeader(pdf []byte) error {
	if bytes.Contains(pdf[:min(len(pdf), 1024)], []byte("%PDF-")) {
		return nil
	}
	if len(pdf) == 0 {
		return fmt.Errorf("%w: empty", ErrNotPDF)
	}
	return fmt.Errorf("%w: starts with %s", ErrNotPDF, strconv.Quote(string(pdf[:min(len(pdf), 24)])))
}

// identify reads the identity from the first page.
func identify(page firstPage) (Identity, error) {
	ls := lines(page.Glyphs)
	if letters(page.Glyphs) < minLetters {
		return Identity{}, ErrNoText
	}
	var id Identity
	id.DOI = findDOI(page.Text)
	id.ArxivID = findArxiv(page.Text)
	body := bodySize(ls)
	title, end := findTitle(ls, page.Height, body)
	if title != "" {
		id.Title, id.TitleSource = title, SourceText
		id.Authors = findAuthors(ls[end:], page.Height, body)
	} else if t := infoTitle(page.InfoTitle, page.Text); t != "" {
		id.Title, id.TitleSource = t, SourceInfo
	}
	switch {
	case id.DOI != "":
		id.TitleSource = SourceDOI
	case id.ArxivID != "":
		id.TitleSource = SourceArxiv
	case id.Title == "":
		return id, ErrNoTitle
	}
	return id, nil
}

// minLetters is how many letters a first page needs to count as having
// text: a scan has none, or a few from a stamp.
const minLetters = 20

func letters(gs []glyph) int {
	n := 0
	for _, g := range gs {
		for _, r := range g.Text {
			if unicode.IsLetter(r) {
				n++
			}
		}
	}
	return n
}

// bodySize is the size most of the page's letters are set in.
func bodySize(ls []line) float64 {
	weight := map[float64]int{}
	best := 0.0
	for _, l := range ls {
		weight[l.Size] += len(l.Text)
		if weight[l.Size] > weight[best] {
			best = l.Size
		}
	}
	return best
}

// upper reports whether l lies in the top part of the page, where a paper
// puts its title and authors.
func upper(l line, height float64) bool {
	return height <= 0 || l.Bottom > 0.4*height
}

// words splits s into words, on spaces and tabs.
func words(s string) []string { return strings.Fields(s) }

// titleCase turns an all-capital title into title case ("END-TO-END
// ARGUMENTS IN SYSTEM DESIGN" → "End-to-End Arguments in System Design");
// other titles are returned as they are.
func titleCase(s string) string {
	hasLower := strings.IndexFunc(s, unicode.IsLower) >= 0
	if hasLower || strings.IndexFunc(s, unicode.IsUpper) < 0 {
		return s
	}
	ws := words(strings.ToLower(s))
	for i, w := range ws {
		parts := strings.Split(w, "-")
		for j, p := range parts {
			if (i > 0 || j > 0) && smallWords[p] && i < len(ws)-1 {
				continue
			}
			parts[j] = capitalize(p)
		}
		ws[i] = strings.Join(parts, "-")
	}
	return strings.Join(ws, " ")
}

var smallWords = map[string]bool{
	"a": true, "an": true, "and": true, "as": true, "at": true, "but": true, "by": true, "for": true,
	"from": true, "in": true, "into": true, "of": true, "on": true, "or": true, "the": true,
	"to": true, "via": true, "vs": true, "with": true,
}

func capitalize(s string) string {
	for i, r := range s {
		if unicode.IsLetter(r) {
			return s[:i] + string(unicode.ToUpper(r)) + s[i+len(string(r)):]
		}
	}
	return s
}
