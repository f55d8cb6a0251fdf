package pdfid

import (
	"math"
	"regexp"
	"strings"
	"unicode"
)

// endOfFront matches the line that ends the title block: the abstract's or
// the introduction's heading, or a paper's front-matter labels.
var endOfFront = regexp.MustCompile(`(?i)^\s*(abstract|a\s?b\s?s\s?t\s?r\s?a\s?c\s?t|summary|keywords|index terms|categories and subject|ccs concepts|acm reference|(\d+\.?|i\.)?\s*introduction)\b`)

// findAuthors returns the names on the lines that follow the title (ls
// starts after it) up to the abstract. The first line made only of names sets
// the authors' font; every line in that font made only of names is taken, in
// content order, which also collects authors set in columns side by side.
func findAuthors(ls []line, height, body float64) []string {
	var front []line
	for _, l := range ls {
		if endOfFront.MatchString(l.Main) || !upper(l, height) || l.Size <= body+0.1 && len(words(l.Main)) > 8 {
			break
		}
		front = append(front, l)
	}
	var authors []string
	size, bold, found := 0.0, false, false
	for _, l := range front {
		names := lineNames(l.Main)
		if names == nil {
			continue
		}
		if !found {
			size, bold, found = l.Size, l.Bold, true
		} else if math.Abs(l.Size-size) > 0.3 || l.Bold != bold {
			continue
		}
		authors = append(authors, names...)
	}
	return authors
}

// separators split a line of authors into names.
var separators = regexp.MustCompile(`\t|,|;|\s+and\s+|\s+&\s+|·|•|\s{2,}`)

// lineNames returns the names on an author line, or nil unless every item
// on it is a name.
func lineNames(s string) []string {
	var names []string
	for _, part := range separators.Split(s, -1) {
		part = strings.TrimFunc(part, func(r rune) bool {
			return unicode.IsSpace(r) || strings.ContainsRune("*†‡§¶∗", r) || unicode.IsDigit(r) && r < 0x80
		})
		for _, p := range []string{"by ", "By ", "and ", "& "} {
			part = strings.TrimPrefix(part, p)
		}
		if part == "" {
			continue
		}
		if !isName(part) {
			return nil
		}
		names = append(names, part)
	}
	return names
}

// particles are the lower-case words a name may have inside it.
var particles = map[string]bool{
	"van": true, "von": true, "der": true, "den": true, "de": true, "da": true, "di": true,
	"du": true, "del": true, "della": true, "le": true, "la": true, "dos": true, "das": true,
	"ter": true, "ten": true, "bin": true, "al": true, "y": true,
}

// affiliationWords are capitalised words of organisations and places that
// would otherwise pass for a name ("Stanford University", "Facebook Inc").
var affiliationWords = regexp.MustCompile(`(?i)^(universit\w*|univ\.?|institut\w*|laborator\w*|labs?|department|dept\.?|college|school|research|center|centre|inc\.?|corp\.?|corporation|ltd\.?|llc|gmbh|company|technolog\w*|science\w*|engineering|systems|group|foundation|academy|national|street|avenue|road|microsystems|google|microsoft|facebook|amazon|ibm|intel|yahoo)$`)

// initial matches "J.", "J.H.", "D.-P." and the like.
var initial = regexp.MustCompile(`^(\p{Lu}\.-?)+$`)

// isName reports whether s reads as a person's name: two to five words,
// each capitalised (or an initial, or a particle such as "van"), ending in a
// surname, with no digit, address or organisation word.
func isName(s string) bool {
	ws := words(s)
	if len(ws) < 2 || len(ws) > 5 || strings.ContainsAny(s, "@:/()[]{}\"") {
		return false
	}
	for i, w := range ws {
		switch {
		case affiliationWords.MatchString(w):
			return false
		case initial.MatchString(w):
			if i == len(ws)-1 {
				return false
			}
		case particles[w]:
			if i == 0 || i == len(ws)-1 {
				return false
			}
		case !capitalisedWord(w):
			return false
		}
	}
	return true
}

// capitalisedWord reports whether w is a capitalised word of letters
// ("Ousterhout", "Jean-Luc", "O'Neil", "McDonald"), with no acronym in it
// such as "UC", "ASA" or "MIME-info".
func capitalisedWord(w string) bool {
	first, _ := firstRune(w)
	if !unicode.IsUpper(first) {
		return false
	}
	lower, prevUpper := false, false
	for _, r := range w {
		up := unicode.IsUpper(r)
		if up && prevUpper {
			return false
		}
		prevUpper = up
		switch {
		case unicode.IsLower(r):
			lower = true
		case unicode.IsLetter(r), r == '-', r == '\'', r == '’', r == '.':
		default:
			return false
		}
	}
	return lower
}
