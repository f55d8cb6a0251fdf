package pdfid

import (
	"math"
	"regexp"
	"strings"
	"unicode"
)

// notTitle matches lines that sit above or near a title in a larger font
// than the text but are not it: running headers, banners of a venue, report
// numbers, copyright and licence lines, identifiers, addresses and numbered
// section headings.
var notTitle = regexp.MustCompile(`(?i)technical report|tech\.\s*rep|\breport\b.*\d|proceedings|\bproc\.|conference|symposium|workshop|journal|transactions on|\bvol\.|volume\s+\d|\bno\.\s*\d|\bpp\.|\bissn\b|\bisbn\b|copyright|©|\(c\)\s*\d{4}|arxiv|preprint|to appear|submitted to|under review|\bdraft\b|usenix association|\bdoi\s*:|doi\.org|https?:|www\.|@|^\s*(abstract|keywords|contents|introduction|preface|references)\b|^\s*(\d+(\.\d+)*\.?|[IVX]+\.)\s`)

// maxTitleLines bounds how many lines a title may run over.
const maxTitleLines = 4

// titleLine reports whether l may be (part of) a title.
func titleLine(l line) bool {
	if strings.Contains(l.Main, "\t") || notTitle.MatchString(l.Main) {
		return false
	}
	n := 0
	for _, r := range l.Main {
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 3 && len(words(l.Main)) <= 25
}

// findTitle returns the title: the first run of lines in the largest font
// among the title-like lines at the top of the page, when that font is larger
// than the text's. end is the index of the first line after the title.
func findTitle(ls []line, height, body float64) (title string, end int) {
	size := 0.0
	for _, l := range ls {
		if upper(l, height) && titleLine(l) {
			size = math.Max(size, l.Size)
		}
	}
	if size < body+1 {
		return "", 0
	}
	start := -1
	for i, l := range ls {
		if upper(l, height) && titleLine(l) && l.Size >= size-0.5 {
			start = i
			break
		}
	}
	if start < 0 || lineNames(ls[start].Main) != nil {
		// A line of names in the largest font is the authors' (or a title
		// that cannot be told from names): no title, and never the next
		// size down, which is as likely a section heading.
		return "", 0
	}
	parts := []string{ls[start].Main}
	end = start + 1
	for end < len(ls) && len(parts) < maxTitleLines {
		prev, l := ls[end-1], ls[end]
		if math.Abs(l.Size-size) > 0.5 || !titleLine(l) || prev.Bottom-l.Top > 1.2*size || l.Top > prev.Top {
			break
		}
		parts = append(parts, l.Main)
		end++
	}
	title = cleanTitle(joinLines(parts))
	if len(words(title)) < 2 {
		// A logo or a venue's name ("USENIX"), not a title; the lines in
		// the next size down are as likely an affiliation as the title.
		return "", 0
	}
	return title, end
}

// joinLines joins the lines of a title, undoing hyphenation at line ends.
func joinLines(parts []string) string {
	var b strings.Builder
	for i, p := range parts {
		p = strings.TrimSpace(p)
		if i > 0 {
			prev := b.String()
			next, _ := firstRune(p)
			switch {
			case strings.HasSuffix(prev, "\x02"):
				// PDFium marks a hyphen it found at a line's end with U+0002.
				s := strings.TrimSuffix(prev, "\x02")
				b.Reset()
				b.WriteString(s)
				if !unicode.IsLower(next) {
					b.WriteByte('-')
				}
			case strings.HasSuffix(prev, "-") && unicode.IsUpper(next):
			default:
				b.WriteByte(' ')
			}
		}
		b.WriteString(p)
	}
	return b.String()
}

func firstRune(s string) (rune, bool) {
	for _, r := range s {
		return r, true
	}
	return 0, false
}

// cleanTitle drops footnote marks and stray punctuation around a title.
func cleanTitle(s string) string {
	s = strings.ReplaceAll(s, "\x02", "-")
	s = strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune("*†‡§¶,;:.", r)
	})
	return titleCase(s)
}

// junkInfoTitle matches Info titles that name a file or a template, not a
// paper.
var junkInfoTitle = regexp.MustCompile(`(?i)\.(dvi|pdf|ps|eps|tex|doc|docx|rtf|odt|txt|indd|qxd|fm|ppt|pptx|key|pages)\b|^microsoft (word|powerpoint)\b|^(untitled|no title|title|document|slide)\b|^\s*$`)

// infoTitle returns the Info dictionary's title when it is plausible: not a
// file name or a template's placeholder, at least three words long, and
// printed on the first page (its words appear in the page's text).
func infoTitle(info, page string) string {
	info = strings.Join(words(info), " ")
	if junkInfoTitle.MatchString(info) || len(words(info)) < 3 {
		return ""
	}
	onPage := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(page), notWordRune) {
		onPage[w] = true
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(info), notWordRune) {
		if !onPage[w] {
			return ""
		}
	}
	return info
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }
