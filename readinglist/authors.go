package readinglist

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxNameWords bounds the words of one author's name ("Somashekaracharya
// G. Bhaskaracharya" has three).
const maxNameWords = 5

// Separators between author names, turned into commas. Replacers are safe
// for concurrent use and built once.
var (
	nameSeparators     = strings.NewReplacer(" and ", ",", "&", ",")
	bySeparators       = strings.NewReplacer(" and ", ",", "&", ",", ";", ",")
	citationSeparators = strings.NewReplacer(" & ", ",", ", &", ",", " and ", ",")
)

// namesIn reads a list of author names ("Tsung-Yi Lin, Priya Goyal and
// Ross Girshick", "Jiaqi Ma, Shuangrui Ding, Qiaozhu Mei."): parts split at
// commas, "and" and "&", each one to maxNameWords words that start with a
// capital letter (initials such as "C." included). single reports whether
// a one-word part was accepted, so callers can ask for more evidence. It
// returns nil when any part is not a name.
func namesIn(s string) []string {
	s = strings.TrimSpace(strings.TrimRight(strings.TrimSpace(s), "."))
	if s == "" || strings.ContainsAny(s, "[]()<>|:;?!\"") {
		return nil
	}
	list := nameSeparators.Replace(s)
	var out []string
	for _, part := range strings.Split(list, ",") {
		part = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(part), "."))
		if part == "" {
			continue
		}
		ws := strings.Fields(part)
		if len(ws) > maxNameWords {
			return nil
		}
		for _, w := range ws {
			r, _ := utf8.DecodeRuneInString(w)
			if !unicode.IsUpper(r) {
				return nil
			}
		}
		out = append(out, part)
		if len(out) == maxAuthors {
			break
		}
	}
	return out
}

// fullNames reports whether every name has two words or more: a list of
// single words ("Ray, Spark, Flink") is not taken for authors.
func fullNames(names []string) bool {
	if len(names) == 0 {
		return false
	}
	for _, n := range names {
		if len(strings.Fields(n)) < 2 {
			return false
		}
	}
	return true
}

// authorLine reads the line under an entry that gives its authors and,
// optionally, its venue in emphasis: "Jianan Li, Xiaodan Liang ***CVPR
// 2017***" (computer-vision lists) or "Gyeong-In Yu, Joo Seong Jeong". ok is
// false when the line is not a list of names.
func authorLine(s string) (names []string, vy venueYear, ok bool) {
	s = strings.TrimSpace(s)
	if strings.Contains(s, "](") || strings.Contains(s, "\n") {
		return nil, venueYear{}, false
	}
	if t := strings.TrimRight(s, "*_ "); t != s && len(s)-len(t) >= 1 {
		mark := strings.TrimRight(s[len(t):], " ")
		if i := strings.LastIndex(t, mark); i > 0 {
			if v, found := parseVenueYear(t[i+len(mark):]); found && (v.year != 0 || v.known) {
				vy = v
				s = strings.TrimSpace(t[:i])
			}
		}
	}
	names = namesIn(stripEmphasis(s))
	if len(names) == 0 || vy.empty() && !fullNames(names) {
		return nil, venueYear{}, false
	}
	return names, vy, true
}

// namesAfterComma reads authors written after a comma that follows the
// title: ", A. Author et al. (SOSP 2019)", ", Ana Klimovic and Christos
// Kozyrakis, ASPLOS 2021". Without "et al" it asks for two full names or
// more, so that ", Microsoft Research" is no author.
func namesAfterComma(s string) []string {
	t := strings.TrimLeft(s, " \t")
	if !strings.HasPrefix(t, ",") {
		return nil
	}
	t = strings.TrimLeft(t[1:], " \t")
	end := len(t)
	etAl := false
	if i := strings.Index(strings.ToLower(t), "et al"); i >= 0 {
		end, etAl = i, true
	}
	if i := strings.IndexAny(t[:end], "([<_*"); i >= 0 {
		end, etAl = i, false
	}
	if ms := venueMentions(t[:end]); len(ms) > 0 {
		end = ms[0].start
	}
	names := namesIn(strings.TrimRight(t[:end], " ,;"))
	if len(names) == 0 || !etAl && (len(names) < 2 || !fullNames(names)) {
		return nil
	}
	return names
}
