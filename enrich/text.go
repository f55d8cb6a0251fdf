package enrich

import (
	"strings"
	"unicode"

	"golang.org/x/net/html"
	"golang.org/x/text/unicode/norm"
)

// blockTags end a paragraph when met in HTML or JATS markup.
var blockTags = map[string]bool{
	"p": true, "div": true, "br": true, "li": true, "section": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"jats:p": true, "jats:sec": true, "jats:title": true, "blockquote": true, "tr": true,
}

// PlainText turns an HTML or JATS fragment into plain text: tags dropped,
// entities decoded, whitespace collapsed inside paragraphs, paragraphs
// separated by one blank line ("\n\n"), the result NFC-normalized. A JATS
// <jats:title>Abstract</jats:title> heading is dropped.
func PlainText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return NormalizeSpace(s)
	}
	z := html.NewTokenizer(strings.NewReader(s))
	var paras []string
	var cur strings.Builder
	skip := 0 // depth inside elements whose text is not content
	flush := func() {
		if t := NormalizeSpace(cur.String()); t != "" {
			paras = append(paras, t)
		}
		cur.Reset()
	}
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			flush()
			return strings.Join(paras, "\n\n")
		case html.TextToken:
			if skip == 0 {
				cur.Write(z.Text())
			}
		case html.StartTagToken, html.EndTagToken, html.SelfClosingTagToken:
			name, _ := z.TagName()
			tag := string(name)
			if tag == "script" || tag == "style" || tag == "jats:title" {
				if tt == html.StartTagToken {
					skip++
				} else if tt == html.EndTagToken && skip > 0 {
					skip--
				}
				continue
			}
			if blockTags[tag] {
				flush()
			}
		}
	}
}

// NormalizeSpace collapses runs of white space (including no-break spaces)
// to one space, trims the ends, and NFC-normalizes the text.
func NormalizeSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) || r == '\u00a0' || r == '\u200b' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}

// StripBraces removes BibTeX protection braces ("{AlpaServe}: ...").
func StripBraces(s string) string {
	if !strings.ContainsAny(s, "{}") {
		return s
	}
	return strings.NewReplacer("{", "", "}", "").Replace(s)
}
