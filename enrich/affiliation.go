package enrich

import (
	"regexp"
	"strings"

	"github.com/paperlist/paperlist"
)

// AffiliationQuality grades an affiliation as a source wrote it. Sources
// deposit fragments: Crossref's record of PNAS 10.1073/pnas.1414271111 has
// "Departments of aBiomedical Engineering and" (a line of the paper's
// affiliation block, cut after "and", with the superscript letter "a"
// glued on), where OpenAlex has "University of California, Davis".
type AffiliationQuality int

// The grades, worst first.
const (
	AffiliationMissing  AffiliationQuality = iota // empty
	AffiliationFragment                           // cut off or garbled: never shown
	AffiliationPartial                            // a lone department, without its institution
	AffiliationClean
)

func (q AffiliationQuality) String() string {
	return [...]string{"missing", "fragment", "partial", "clean"}[q]
}

var (
	// superscriptGlued is a footnote mark glued to the next word: "aBiomedical",
	// "bOrthopedic", "1Department", "*School".
	superscriptGlued = regexp.MustCompile(`(?:^|[\s,;(])(?:[a-h]|[0-9]{1,2}|[*†‡§])([A-Z][a-z]{2,})`)
	// danglingEnd is a word an affiliation cannot end with: it was cut.
	danglingEnd = regexp.MustCompile(`(?i)(?:^|\s)(?:and|&|of|for|the|at|in|on|de|du|des|und|der|y|e)$|[,&/(-]$`)
	// departmentStart begins the name of a unit inside an institution.
	departmentStart = regexp.MustCompile(`(?i)^(?:the\s+)?(?:departments?|dept\.?|school|faculty|division|laboratory|lab|group|chair|section|program(?:me)?|unit)\b`)
	// institutionWord names an institution.
	institutionWord = regexp.MustCompile(`(?i)\b(?:universit|univ\.|institut|college|academy|hospital|polytechn|inc\b|corp|ltd|gmbh|llc|research|labs\b|laboratories|center|centre|cnrs|inria|eth\b|epfl|mit\b|kaist|nokia|google|microsoft|ibm|intel|nvidia|meta\b|amazon|alibaba|tencent|huawei|bytedance)`)
)

// gluedExceptions are names that start with a lower-case letter before a
// capital, and are no footnote mark.
var gluedExceptions = map[string]bool{
	"eBay": true, "eScience": true, "eLife": true, "eHealth": true, "eResearch": true, "dAlembert": true,
}

// JudgeAffiliation grades an affiliation; one that lists several
// institutions ("A; B", as the parsers join them) is as good as its worst
// part. A part is a fragment when it ends with a word that cannot end a
// name ("and", "of", a comma: it was cut), carries a footnote mark glued
// to a word ("aBiomedical", "1Department"), has unbalanced parentheses or
// fewer than three letters; it is partial when it is a lone department
// ("Departments of Biomedical Engineering": a unit's name, no institution,
// no comma after which one could follow); otherwise clean.
func JudgeAffiliation(s string) AffiliationQuality {
	s = NormalizeSpace(s)
	if s == "" {
		return AffiliationMissing
	}
	worst := AffiliationClean
	for _, part := range strings.Split(s, ";") {
		if q := judgePart(strings.TrimSpace(part)); q < worst {
			worst = q
		}
	}
	return worst
}

func judgePart(p string) AffiliationQuality {
	trimmed := strings.TrimRight(p, ". ")
	letters := 0
	for _, r := range trimmed {
		if r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r > 0x7f {
			letters++
		}
	}
	if letters < 3 || danglingEnd.MatchString(trimmed) ||
		strings.Count(p, "(") != strings.Count(p, ")") {
		return AffiliationFragment
	}
	for _, m := range superscriptGlued.FindAllStringSubmatchIndex(p, -1) {
		word := strings.TrimLeft(p[m[0]:m[1]], " ,;(")
		if !gluedExceptions[word] {
			return AffiliationFragment
		}
	}
	if departmentStart.MatchString(p) && !strings.Contains(p, ",") && !institutionWord.MatchString(p) {
		return AffiliationPartial
	}
	return AffiliationClean
}

// CleanerAffiliation returns the better of two sources' affiliations for
// one author and which it is: 0 for a, 1 for b, -1 for neither. The higher
// JudgeAffiliation grade wins, a on a tie (pass the more authoritative
// source as a); a fragment is never returned, so two fragments give ""
// and -1: a cut-off affiliation is wrong data, and none is better.
func CleanerAffiliation(a, b string) (string, int) {
	qa, qb := JudgeAffiliation(a), JudgeAffiliation(b)
	switch {
	case qa >= qb && qa > AffiliationFragment:
		return NormalizeSpace(a), 0
	case qb > qa && qb > AffiliationFragment:
		return NormalizeSpace(b), 1
	}
	return "", -1
}

// ChooseAffiliations gives each author of authors (the merged list, whose
// names and order are kept) the cleaner of its own affiliation and that of
// the same person in other (another source's list), by CleanerAffiliation
// with authors' own first. The same person is found at the same position
// when both lists are as long and that author's family name agrees there,
// else by family name and first initial, each of other's authors used at
// most once. from[i] says where author i's affiliation came from: 0 its
// own, 1 other, -1 none (both missing or fragments). ORCIDs missing in
// authors are taken from the matched author. authors is not modified.
func ChooseAffiliations(authors, other []paperlist.Author) (out []paperlist.Author, from []int) {
	out = append([]paperlist.Author(nil), authors...)
	from = make([]int, len(out))
	used := make([]bool, len(other))
	for i := range out {
		j := matchPerson(out[i].Name, i, len(out), other, used)
		var theirs paperlist.Author
		if j >= 0 {
			used[j] = true
			theirs = other[j]
		}
		out[i].Affiliation, from[i] = CleanerAffiliation(out[i].Affiliation, theirs.Affiliation)
		if out[i].ORCID == "" {
			out[i].ORCID = theirs.ORCID
		}
	}
	return out, from
}

// matchPerson finds name, the i-th of n authors, in other: -1 when absent.
func matchPerson(name string, i, n int, other []paperlist.Author, used []bool) int {
	family, initial := personKey(name)
	if family == "" {
		return -1
	}
	if len(other) == n && !used[i] {
		if f, _ := personKey(other[i].Name); f == family {
			return i
		}
	}
	for j, o := range other {
		if f, in := personKey(o.Name); !used[j] && f == family && in == initial {
			return j
		}
	}
	return -1
}

// personKey is a name's family name (its last word) and first initial,
// folded as titles are ("Eleftherios A. Makris" and "Eleftherios Makris"
// are one person).
func personKey(name string) (family string, initial byte) {
	words := strings.Fields(homonymRe.ReplaceAllString(NormalizeTitle(name), ""))
	if len(words) == 0 {
		return "", 0
	}
	return words[len(words)-1], words[0][0]
}
