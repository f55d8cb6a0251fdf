package enrich

import (
	"fmt"
	"html"
	"regexp"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/cases"
	"golang.org/x/text/unicode/norm"

	"github.com/paperlist/paperlist"
)

// Verification policy. Wrong data is worse than none: a candidate record is
// used only when its title is nearly the list's title and its year and venue
// agree with what the list states.
const (
	// MinTitleSimilarity is the similarity a candidate's title needs when
	// the list gives a venue or a year to check as well.
	MinTitleSimilarity = 0.90
	// MinTitleSimilarityAlone is the similarity needed when the title is
	// the only evidence (no venue and no year in the list, or none in the
	// record to compare with).
	MinTitleSimilarityAlone = 0.95
	// ambiguityMargin: two passing candidates for different papers whose
	// scores are this close make the choice ambiguous.
	ambiguityMargin = 0.05
)

// markupTag matches an HTML/JATS/MathML tag: a "<" with a tag name and a
// closing ">".
var markupTag = regexp.MustCompile(`</?[A-Za-z][A-Za-z0-9:._-]*(?:\s[^<>]*)?/?>`)

// NormalizeTitle returns the comparison form of a title: HTML tags dropped
// and entities decoded, BibTeX braces removed, NFKC-normalized, case-folded,
// diacritics removed ("Bühmann" → "buhmann"), every run of characters that
// are neither letters nor digits (punctuation, dashes, a trailing period)
// turned into one space, and the ends trimmed.
func NormalizeTitle(s string) string {
	if strings.Contains(s, "<") {
		// Only real tags (<i>, </jats:italic>, <sub>): a bare "<" is text,
		// as in "Is x<y Enough?".
		s = markupTag.ReplaceAllString(s, " ")
	}
	if strings.Contains(s, "&") {
		s = html.UnescapeString(s)
	}
	s = StripBraces(s)
	s = norm.NFKC.String(s)
	s = cases.Fold().String(s)
	s = norm.NFD.String(s)
	var b strings.Builder
	b.Grow(len(s))
	gap := false
	kana := false // whether the last letter was kana
	for _, r := range s {
		switch {
		case unicode.Is(unicode.Mn, r) && !kana:
			continue // a diacritic ("ü" → "u", "ά" → "α"); kana keep their dakuten
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			if gap && b.Len() > 0 {
				b.WriteByte(' ')
			}
			gap = false
			b.WriteRune(r)
			if !unicode.Is(unicode.Mn, r) {
				kana = unicode.In(r, unicode.Hiragana, unicode.Katakana)
			}
		default:
			gap = true
		}
	}
	return norm.NFC.String(b.String())
}

// TitleSimilarity compares two titles after NormalizeTitle. The measure is
// 1 - (Levenshtein edit distance in runes) / (rune length of the longer
// title): 1.0 for identical titles, 0 for entirely different ones of equal
// length, and 0 when either title is empty.
func TitleSimilarity(a, b string) float64 {
	return similarity([]rune(NormalizeTitle(a)), []rune(NormalizeTitle(b)))
}

func similarity(a, b []rune) float64 {
	if len(a) == 0 || len(b) == 0 {
		return 0
	}
	longest := max(len(a), len(b))
	return 1 - float64(levenshtein(a, b))/float64(longest)
}

// levenshtein is the edit distance (insertions, deletions, substitutions)
// between two rune strings, computed with two rows.
func levenshtein(a, b []rune) int {
	if len(a) < len(b) {
		a, b = b, a
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Want is what the reading list states about a paper.
type Want struct {
	Title, Venue string
	Year         int
	Authors      []string
}

// Verdict is the outcome of Verify. Score is the title similarity; Reason
// says why a candidate was rejected (`title similarity 0.42 < 0.90`,
// `year 2018 != 2023`, `venue "OSDI" != "EuroSys"`), or what was checked
// when it passed.
type Verdict struct {
	OK     bool
	Score  float64
	Reason string
}

// Verify decides whether a record describes the paper the list means.
//
//   - The normalized titles must have similarity >= 0.90, or >= 0.95 when
//     the list gives neither venue nor year.
//   - Year: when the list and the record both give one they must be equal.
//     One year off is allowed for a journal article (Type "article": online
//     first, printed next year) and for a preprint one year older than the
//     list's year. A record without a year needs similarity >= 0.95.
//   - Venue: when the list gives one, VenueMatches must hold. Preprints
//     (Type "preprint") have no venue and skip this check; another record
//     without any venue needs similarity >= 0.95.
//   - Authors: when both the list and the record name authors, at least one
//     surname must be shared. When the list gives neither venue nor year,
//     the record must name authors if the list does.
func Verify(w Want, r Record) Verdict {
	if strings.TrimSpace(r.Title) == "" {
		return Verdict{Reason: "record has no title"}
	}
	score := TitleSimilarity(w.Title, r.Title)
	v := Verdict{Score: score}
	need := MinTitleSimilarity
	noContext := w.Venue == "" && w.Year == 0
	if noContext {
		need = MinTitleSimilarityAlone
	}
	if w.Year != 0 && r.Year == 0 {
		need = max(need, MinTitleSimilarityAlone)
	}
	venueUnknown := w.Venue != "" && r.Type != "preprint" && r.Venue == "" && r.Booktitle == ""
	if venueUnknown {
		need = max(need, MinTitleSimilarityAlone)
	}
	if score < need {
		v.Reason = fmt.Sprintf("title similarity %.2f < %.2f", score, need)
		return v
	}
	if w.Year != 0 && r.Year != 0 && r.Year != w.Year {
		diff := r.Year - w.Year
		allowed := (r.Type == "article" && (diff == 1 || diff == -1)) ||
			(r.Type == "preprint" && diff == -1)
		if !allowed {
			v.Reason = fmt.Sprintf("year %d != %d", r.Year, w.Year)
			return v
		}
	}
	if w.Venue != "" && r.Type != "preprint" && !venueUnknown && !VenueMatches(w.Venue, r) {
		v.Reason = fmt.Sprintf("venue %q != %q", w.Venue, recordVenue(r))
		return v
	}
	if len(w.Authors) > 0 {
		switch {
		case len(r.Authors) == 0 && noContext:
			v.Reason = "record names no authors to compare with the list's"
			return v
		case len(r.Authors) > 0 && !authorsOverlap(w.Authors, r):
			v.Reason = fmt.Sprintf("no author in common with the list (record: %s)", r.Authors[0].Name)
			return v
		}
	}
	v.OK = true
	v.Reason = fmt.Sprintf("title similarity %.2f", score)
	return v
}

// authorsOverlap reports whether a record author's surname (the last word of
// the name) is one of the words of a list author's name. Comparing against
// every word copes with "Family Given" order and "Family, Given" forms.
func authorsOverlap(list []string, r Record) bool {
	words := map[string]bool{}
	for _, a := range list {
		for _, f := range strings.Fields(NormalizeTitle(a)) {
			words[f] = true
		}
	}
	for _, a := range r.Authors {
		f := strings.Fields(NormalizeTitle(a.Name))
		if len(f) == 0 {
			continue
		}
		if words[f[len(f)-1]] || (strings.Contains(a.Name, ",") && words[f[0]]) {
			return true
		}
	}
	return false
}

// Choose picks the single best candidate that passes Verify: a published
// record before a preprint, then the highest score, the API's order breaking
// ties. Candidates that fail are described
// in rejected, e.g.
//
//	rejected: "Pocket: Elastic Ephemeral Storage for Serverless Analytics" (OSDI 2018): title similarity 0.61 < 0.90
//
// When none passes, err wraps ErrNoMatch. When two passing candidates are
// different papers (different DOIs or, without DOIs, different titles;
// neither a preprint of the other) with
// scores within 0.05 of each other, the choice is ambiguous: err wraps both ErrAmbiguous and ErrNoMatch, and
// no record is returned.
func Choose(w Want, cands []Record) (best Record, rejected []string, err error) {
	type passing struct {
		rec   Record
		score float64
	}
	var ok []passing
	for _, c := range cands {
		v := Verify(w, c)
		if v.OK {
			ok = append(ok, passing{c, v.Score})
			continue
		}
		rejected = append(rejected, fmt.Sprintf("rejected: %q (%s): %s", c.Title, describeVenueYear(c), v.Reason))
	}
	if len(ok) == 0 {
		return Record{}, rejected, fmt.Errorf("%d candidates for %q: %w", len(cands), w.Title, ErrNoMatch)
	}
	// A published version outranks a preprint of it (DBLP lists both the
	// conference paper and its CoRR copy); then the higher score wins.
	sort.SliceStable(ok, func(i, j int) bool {
		pi, pj := isPreprint(ok[i].rec), isPreprint(ok[j].rec)
		if pi != pj {
			return pj
		}
		return ok[i].score > ok[j].score
	})
	top := ok[0]
	for _, o := range ok[1:] {
		if isPreprint(o.rec) != isPreprint(top.rec) || top.score-o.score >= ambiguityMargin {
			break
		}
		if differentPapers(top.rec, o.rec) {
			return Record{}, rejected, fmt.Errorf("%w: %q (%s, doi %q) and %q (%s, doi %q) both match %q: %w",
				ErrAmbiguous, top.rec.Title, describeVenueYear(top.rec), top.rec.DOI,
				o.rec.Title, describeVenueYear(o.rec), o.rec.DOI, w.Title, ErrNoMatch)
		}
	}
	return top.rec, rejected, nil
}

// isPreprint reports whether a record describes a preprint (an arXiv or
// CoRR copy) rather than a published version.
func isPreprint(r Record) bool {
	return r.Type == "preprint" || venueIsPreprint(r.Venue)
}

// venueIsPreprint reports whether a venue name is a preprint server.
func venueIsPreprint(name string) bool {
	v, ok := paperlist.LookupVenue(stripYear(NormalizeTitle(name)))
	return ok && v.Kind == paperlist.Preprint
}

// differentTitles reports whether two records' normalized titles differ.
func differentTitles(a, b Record) bool {
	return NormalizeTitle(a.Title) != NormalizeTitle(b.Title)
}

// differentPapers reports whether two records that both match the list are
// different works: their DOIs differ, or, when one lacks a DOI, their
// normalized titles differ.
func differentPapers(a, b Record) bool {
	if a.DOI != "" && b.DOI != "" {
		return a.DOI != b.DOI
	}
	return differentTitles(a, b)
}

// describeVenueYear renders "OSDI 2018" for a record.
func describeVenueYear(r Record) string {
	parts := make([]string, 0, 2)
	if v := recordVenue(r); v != "" {
		parts = append(parts, v)
	}
	if r.Year != 0 {
		parts = append(parts, fmt.Sprint(r.Year))
	}
	if len(parts) == 0 {
		return "no venue or year"
	}
	return strings.Join(parts, " ")
}

// recordVenue is the record's venue for messages: its short venue, else the
// short name of the venue its booktitle names, else the booktitle.
func recordVenue(r Record) string {
	if r.Venue != "" {
		return r.Venue
	}
	bt := venueText(r.Booktitle)
	for _, v := range paperlist.Venues {
		for _, phrase := range v.Phrases {
			if bt != "" && containsPhrase(bt, phrase) {
				return v.Name
			}
		}
	}
	return r.Booktitle
}

// venueInfo is what verification needs of a venue: its canonical short
// name, the acronyms sources write, the phrases of its full name (in
// NormalizeTitle form), and phrases that name another venue. It is read
// from the one venue table, paperlist.Venues.
type venueInfo struct {
	short    string
	acronyms []string
	phrases  []string
	exclude  []string
}

func infoOf(v *paperlist.Venue) venueInfo {
	return venueInfo{short: v.Name, acronyms: append([]string{v.Name}, v.Acronyms...), phrases: v.Phrases, exclude: v.Exclude}
}

// lookupVenue finds the table entry for a venue as the list writes it
// ("OSDI", "osdi '23", "USENIX ATC", "SysML", "Operating Systems Design and
// Implementation"). An unknown venue gets an entry of its own: its name as
// both acronym and phrase.
func lookupVenue(listVenue string) venueInfo {
	n := stripYear(NormalizeTitle(listVenue))
	if v, ok := paperlist.LookupVenue(n); ok {
		return infoOf(v)
	}
	for i := range paperlist.Venues {
		for _, p := range paperlist.Venues[i].Phrases {
			if n == p {
				return infoOf(&paperlist.Venues[i])
			}
		}
	}
	return venueInfo{short: listVenue, acronyms: []string{strings.TrimSpace(listVenue)}, phrases: []string{stripYear(venueText(listVenue))}}
}

// stripYear drops a trailing year ("osdi 23", "osdi 2023") from a
// normalized venue name.
func stripYear(n string) string {
	i := strings.LastIndexByte(n, ' ')
	if i < 0 {
		return n
	}
	last := n[i+1:]
	if (len(last) == 2 || len(last) == 4) && strings.Trim(last, "0123456789") == "" {
		return n[:i]
	}
	return n
}

// VenueMatches reports whether a record's venue (r.Venue) or proceedings
// title (r.Booktitle) names the venue the list states. It knows each
// venue's acronym and full name (OSDI ↔ "Operating Systems Design and
// Implementation", SOSP ↔ "Symposium on Operating Systems Principles",
// EuroSys ↔ "European Conference on Computer Systems", ATC ↔ "USENIX Annual
// Technical Conference", ...). Acronyms are matched as whole words, upper
// case ones case-sensitively ("FAST" does not match "fast"); workshop
// proceedings do not match the main conference ("Workshop on Machine
// Learning and Systems" is not MLSys), nor does the magazine IEEE Micro
// match MICRO. A venue missing from the table is compared by its name.
func VenueMatches(listVenue string, r Record) bool {
	if strings.TrimSpace(listVenue) == "" {
		return true
	}
	v := lookupVenue(listVenue)
	for _, text := range []string{r.Venue, r.Booktitle} {
		if strings.TrimSpace(text) != "" && venueTextMatches(v, text) {
			return true
		}
	}
	return false
}

func venueTextMatches(v venueInfo, text string) bool {
	n := venueText(text)
	for _, ex := range v.exclude {
		if containsPhrase(n, ex) {
			return false
		}
	}
	if containsPhrase(n, "workshop") || containsPhrase(n, "workshops") {
		own := false
		for _, p := range v.phrases {
			own = own || strings.Contains(p, "workshop")
		}
		if !own {
			return false
		}
	}
	for _, p := range v.phrases {
		if p != "" && containsPhrase(n, p) {
			return true
		}
	}
	for _, a := range v.acronyms {
		if acronymIn(a, text) {
			return true
		}
	}
	return false
}

// venueText is the comparison form of a venue or proceedings name:
// NormalizeTitle's, with "&" read as "and" ("Knowledge Discovery & Data
// Mining", "Languages &amp; Applications"), as the table's phrases write it.
func venueText(s string) string {
	if strings.Contains(s, "&") {
		s = strings.ReplaceAll(html.UnescapeString(s), "&", " and ")
	}
	return NormalizeTitle(s)
}

// acronymIn reports whether acronym appears in text as whole words. An
// all-upper-case acronym must appear in upper case; others ("EuroSys")
// match in any case. Digits glued to a word ("OSDI23") are ignored.
func acronymIn(acronym, text string) bool {
	words := strings.FieldsFunc(acronym, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if len(words) == 0 {
		return false
	}
	exact := strings.ToUpper(acronym) == acronym
	toks := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i := range toks {
		toks[i] = strings.TrimRightFunc(toks[i], unicode.IsDigit)
	}
	for i := 0; i+len(words) <= len(toks); i++ {
		match := true
		for j, w := range words {
			t := toks[i+j]
			if exact && t != w || !exact && !strings.EqualFold(t, w) {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// containsPhrase reports whether the normalized text contains the
// normalized phrase as whole words.
func containsPhrase(text, phrase string) bool {
	return strings.Contains(" "+text+" ", " "+phrase+" ")
}
