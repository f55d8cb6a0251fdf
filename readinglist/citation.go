package readinglist

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Citation-style entries write the authors before the title, as a
// bibliography does:
//
//	Ongaro, D. & Ousterhout, J. (2014). [Title](u). USENIX ATC.
//	Heidi Howard. [ARC: analysis of Raft consensus. University of Cambridge, Jul. 2014.](u)
//	[Title](u). Howard (2014). *Technical Report*
//
// The authors, the year, the title and the venue are each read from their
// place. Only a known venue is kept: a publisher, a university or "Technical
// Report" names no venue that a search hit could be checked against.

// citationLead reads the text before a title link as a citation's authors
// and year: "Ongaro, D. & Ousterhout, J. (2014). " or "Heidi Howard. ".
func citationLead(lead string) (names []string, year int, ok bool) {
	t := strings.TrimSpace(lead)
	if !strings.HasSuffix(t, ".") && !strings.HasSuffix(t, ")") {
		return nil, 0, false
	}
	t = strings.TrimSpace(strings.TrimSuffix(t, "."))
	if who, y, found := cutParenYear(t); found {
		if names := citationNames(who); len(names) > 0 {
			return names, y, true
		}
		return nil, 0, false
	}
	names = citationNames(t)
	if !fullNames(names) {
		return nil, 0, false // "Must Read." is not a list of authors
	}
	for _, n := range names {
		if len(strings.Fields(n)) > 4 || strings.ContainsAny(n, "0123456789") {
			return nil, 0, false
		}
	}
	return names, 0, true
}

// citationTail reads "Howard (2014)." at the start of the text after a
// title link.
func citationTail(s string) (names []string, year int, ok bool) {
	t := strings.TrimLeft(s, " .,;")
	i := strings.Index(t, ")")
	if i < 0 || i > 200 {
		return nil, 0, false
	}
	who, y, found := cutParenYear(strings.TrimSpace(t[:i+1]))
	if !found {
		return nil, 0, false
	}
	names = citationNames(who)
	return names, y, len(names) > 0
}

// cutParenYear splits "Names (2014)" into the names and the year.
func cutParenYear(s string) (string, int, bool) {
	if !strings.HasSuffix(s, ")") {
		return "", 0, false
	}
	i := strings.LastIndexByte(s, '(')
	if i <= 0 {
		return "", 0, false
	}
	inner := strings.TrimSpace(s[i+1 : len(s)-1])
	if len(inner) != 4 || !allDigits(inner) {
		return "", 0, false
	}
	y := expandYear(inner)
	if y == 0 {
		return "", 0, false
	}
	return strings.TrimSpace(s[:i]), y, true
}

// citationNames reads the authors of a citation: "Ongaro, D. &
// Ousterhout, J." (family name, initials) becomes "D. Ongaro", "J.
// Ousterhout"; "Heidi Howard" and "Howard" stay as written.
func citationNames(s string) []string {
	s = strings.TrimSpace(s)
	for _, suf := range []string{"et al.", "et al"} {
		s = strings.TrimSpace(strings.TrimSuffix(s, suf))
	}
	s = strings.TrimSpace(strings.TrimSuffix(s, ","))
	if s == "" {
		return nil
	}
	parts := strings.Split(citationSeparators.Replace(s), ",")
	var ps []string
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			ps = append(ps, p)
		}
	}
	if len(ps) >= 2 && len(ps)%2 == 0 {
		var out []string
		for i := 0; i < len(ps); i += 2 {
			family, given := ps[i], ps[i+1]
			if !isInitials(given) || isInitials(family) || len(namesIn(family)) != 1 {
				out = nil
				break
			}
			out = append(out, given+" "+family)
		}
		if len(out) > 0 {
			return out
		}
	}
	return namesIn(s)
}

// isInitials reports whether s is a run of initials: "D.", "J. K.", "J.-P.", "J".
func isInitials(s string) bool {
	ws := strings.Fields(s)
	if len(ws) == 0 {
		return false
	}
	for _, w := range ws {
		for _, part := range strings.Split(w, "-") {
			r, n := utf8.DecodeRuneInString(part)
			if !unicode.IsUpper(r) || part[n:] != "." && part[n:] != "" {
				return false
			}
		}
	}
	return true
}

// citationTitle cuts a title link's text that runs on into the
// publication details: "ARC: analysis of Raft consensus. University of
// Cambridge, Jul. 2014." gives the title before the first sentence end and
// the year found after it.
func citationTitle(s string) (string, int) {
	i := strings.Index(s, ". ")
	if i <= 0 {
		return s, 0
	}
	y := firstYear(s[i:])
	if y == 0 || len(strings.Fields(s[:i])) < 2 {
		return s, 0
	}
	return strings.TrimSpace(s[:i]), y
}

// citationVenue reads the venue of a citation from the first sentence
// after the title: ". USENIX ATC." gives ATC. An unknown name gives none.
func citationVenue(s string) venueYear {
	t := strings.TrimLeft(s, " .,;")
	if i := strings.Index(t, ". "); i >= 0 {
		t = t[:i]
	}
	t = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(stripEmphasis(t)), "."))
	if v, ok := parseVenueYear(t); ok && v.known {
		return v
	}
	return venueIn(s)
}
