package readinglist

import (
	"strings"
	"unicode"

	"github.com/paperlist/paperlist"
)

// lookupVenue returns the canonical spelling of a known venue (the one
// venue table, paperlist.Venues), or "".
func lookupVenue(s string) string {
	if v, ok := paperlist.LookupVenue(s); ok {
		return v.Name
	}
	return ""
}

// CanonicalVenue maps a venue as people write it ("osdi", "Eurosys",
// "USENIX ATC", "NeurIPS", "ACM SOSP") to its canonical spelling (OSDI,
// EuroSys, ATC, NeurIPS, SOSP). Unknown venues keep their text, trimmed, with
// inner runs of white space collapsed.
func CanonicalVenue(s string) string {
	if v := lookupVenue(s); v != "" {
		return v
	}
	return strings.Join(strings.Fields(s), " ")
}

// venueYear is a venue and/or year read from a tag or heading.
type venueYear struct {
	venue string // canonical when known, else the text as written
	year  int    // 0 when absent
	known bool   // venue is in the table
}

func (v venueYear) empty() bool { return v.venue == "" && v.year == 0 }

// twoDigitPivot decides the century of a two-digit year: 'YY below it is
// 20YY, otherwise 19YY. A constant keeps parsing deterministic.
const twoDigitPivot = 50

// expandYear turns the digits of a year into a year, or 0 when they are not
// a plausible publication year (1950-2099; two digits per twoDigitPivot).
func expandYear(d string) int {
	n := 0
	for _, c := range d {
		n = n*10 + int(c-'0')
	}
	switch len(d) {
	case 2:
		if n < twoDigitPivot {
			return 2000 + n
		}
		return 1900 + n
	case 4:
		if n >= 1950 && n <= 2099 {
			return n
		}
	}
	return 0
}

// normaliseTag prepares a tag for parseVenueYear: typographic apostrophes
// become ', emphasis markers and surrounding brackets go.
func normaliseTag(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'", "`", "", "´", "'", "*", "", "_", " ").Replace(s)
	s = strings.TrimSpace(s)
	s = strings.Trim(s, "[]() \t")
	return strings.Join(strings.Fields(s), " ")
}

// parseVenueYear reads a whole tag: "OSDI'24", "OSDI '22", "OSDI' 2014",
// "USENIX FAST 2003", "arxiv, 2022", "NeurIPS'25 Spotlight", "SC 19",
// "MLArchSys'24 @ ISCA'24", "osdi", "2023". Words after the year are
// ignored. ok is false when the tag names neither a year nor a known venue.
func parseVenueYear(raw string) (venueYear, bool) {
	s := normaliseTag(raw)
	if s == "" {
		return venueYear{}, false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) || (i > 0 && isDigit(s[i-1])) {
			continue
		}
		j := i
		for j < len(s) && isDigit(s[j]) {
			j++
		}
		if j < len(s) && (isAlnum(s[j]) || s[j] == '.' && j+1 < len(s) && isDigit(s[j+1])) {
			continue // "3D", "2.1", "2023.05": not a year
		}
		y := 0
		if j-i == 2 || j-i == 4 {
			y = expandYear(s[i:j])
		}
		if y == 0 {
			continue
		}
		name := strings.Trim(s[:i], " ,'-@/:")
		if at := strings.Index(name, " @ "); at >= 0 {
			name = strings.TrimSpace(name[:at])
		}
		if name == "" {
			if j-i == 2 && (i == 0 || s[i-1] != '\'') {
				return venueYear{}, false // a bare "22" is no year
			}
			return venueYear{year: y}, true
		}
		if !plausibleVenueName(name) {
			return venueYear{}, false
		}
		canon := lookupVenue(name)
		if canon == "" {
			if j-i == 2 && s[i-1] != '\'' && !isLetter(s[i-1]) {
				// "Llama 22"-like: two digits after an unknown word are no year.
				return venueYear{}, false
			}
			return venueYear{venue: CanonicalVenue(name), year: y}, true
		}
		return venueYear{venue: canon, year: y, known: true}, true
	}
	if v := lookupVenue(s); v != "" {
		return venueYear{venue: v, known: true}, true
	}
	return venueYear{}, false
}

// plausibleVenueName rejects text that is clearly not a venue name: no
// letters, or a sentence.
func plausibleVenueName(s string) bool {
	if len(s) > 60 || len(strings.Fields(s)) > 6 {
		return false
	}
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// yearHeading reports whether a heading is a year on its own ("2023",
// "2023年").
func yearHeading(s string) (int, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "年"))
	if len(s) != 4 {
		return 0, false
	}
	for i := 0; i < 4; i++ {
		if !isDigit(s[i]) {
			return 0, false
		}
	}
	y := expandYear(s)
	return y, y != 0
}

// headingVenueYear classifies a heading: a year, a known venue (with an
// optional year: "OSDI 2023", "OSDI'23"; "Security" and "Sec" on their own
// are USENIX Security), or neither (a topic).
func headingVenueYear(text string) venueYear {
	t := strings.TrimSpace(stripEmoji(text))
	if y, ok := yearHeading(t); ok {
		return venueYear{year: y}
	}
	if v, ok := paperlist.LookupHeadingVenue(t); ok {
		return venueYear{venue: v.Name, known: true}
	}
	w := strings.Fields(normaliseTag(t))
	if len(w) > 4 {
		return venueYear{}
	}
	if vy, ok := parseVenueYear(t); ok && vy.known {
		return vy
	}
	return venueYear{}
}

// word is a word of text with its byte offsets.
type word struct {
	s          string
	start, end int
}

// splitWords cuts s at white space and at the punctuation that surrounds
// venue mentions (",;()[]_*"), keeping apostrophes inside words.
func splitWords(s string) []word {
	var out []word
	start := -1
	for i := 0; i <= len(s); i++ {
		sep := i == len(s)
		if !sep {
			switch s[i] {
			case ' ', '\t', '\n', ',', ';', '(', ')', '[', ']', '_', '*', '"':
				sep = true
			}
		}
		if sep {
			if start >= 0 {
				out = append(out, word{s[start:i], start, i})
				start = -1
			}
		} else if start < 0 {
			start = i
		}
	}
	return out
}

// venueMatch is a known venue with its year found inside running text.
type venueMatch struct {
	vy         venueYear
	start, end int // byte offsets of the mention in the text
}

// venueMentions finds known venues followed by a year in running text:
// "OSDI 2020", "osdi 22", "NSDI '15", "OSDI'22", "OSDI' 2014",
// "USENIX ATC'21". Unknown names are never matched here: titles end in
// numbers too ("Llama 2").
func venueMentions(s string) []venueMatch {
	if strings.IndexAny(s, "0123456789") < 0 {
		return nil // no year, no mention: the common case for titles
	}
	if len(s) > MaxItemBytes {
		s = s[:MaxItemBytes]
	}
	ws := splitWords(s)
	var out []venueMatch
	for k, w := range ws {
		t := strings.TrimRight(w.s, ".:")
		// Glued form: OSDI'22, OSDI22, osdi2022.
		if i := strings.IndexFunc(t, func(r rune) bool { return r >= '0' && r <= '9' }); i > 0 && strings.TrimRight(t[:i], "'’") != "" {
			name := strings.TrimRight(t[:i], "'’")
			d := t[i:]
			if allDigits(d) && (len(d) == 2 || len(d) == 4) {
				v, start := lookupVenue(name), w.start
				if v == "" && k > 0 && isOrg(ws[k-1].s) {
					v = lookupVenue(ws[k-1].s + name) // "USENIX Security'20"
				}
				if v != "" && expandYear(d) != 0 {
					if k > 0 && isOrg(ws[k-1].s) {
						start = ws[k-1].start
					}
					out = append(out, venueMatch{venueYear{v, expandYear(d), true}, start, w.end})
				}
			}
			continue
		}
		d := strings.TrimLeft(t, "'’‘")
		if k == 0 || !allDigits(d) || (len(d) != 2 && len(d) != 4) || expandYear(d) == 0 {
			continue
		}
		prev := ws[k-1]
		v := lookupVenue(strings.TrimRight(prev.s, "'’"))
		if v == "" && k > 1 && isOrg(ws[k-2].s) {
			v = lookupVenue(ws[k-2].s + strings.TrimRight(prev.s, "'’")) // "USENIX Security 2020"
		}
		if v == "" {
			continue
		}
		start := prev.start
		if k > 1 && isOrg(ws[k-2].s) {
			start = ws[k-2].start
		}
		out = append(out, venueMatch{venueYear{v, expandYear(d), true}, start, w.start + len(w.s)})
	}
	return out
}

func isOrg(s string) bool {
	switch strings.ToLower(s) {
	case "usenix", "acm", "ieee":
		return true
	}
	return false
}

func isDigit(c byte) bool  { return c >= '0' && c <= '9' }
func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isAlnum(c byte) bool  { return isDigit(c) || isLetter(c) }

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return true
}
