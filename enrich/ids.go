package enrich

import (
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/paperlist/paperlist"
)

// AssignIDs gives every entry a stable, unique, readable id built from the
// list alone (venue, year, and the title's short name or first words), so
// that ids do not change when a source changes its metadata:
// "osdi2023-alpaserve", "hpca2023-logical-physical-topology-aware". A
// repeated id gets "-2", "-3", ... in list order. It takes linear time:
// each stem remembers the next number to try, so ten thousand entries on one
// stem do not try ten thousand numbers each.
func AssignIDs(entries []paperlist.Entry) []string {
	ids := make([]string, len(entries))
	seen := make(map[string]bool, len(entries))
	next := make(map[string]int)
	for i, e := range entries {
		base := strings.ToLower(slug(e.Venue, 0))
		if e.Year != 0 {
			base += strconv.Itoa(e.Year)
		}
		if base == "" {
			base = "paper" // or what the entry is: book-…, post-…, software-…
			if e.Kind != "" {
				base = string(e.Kind)
			}
		}
		t := titleSlug(e.Title)
		if t == "" {
			t = titleSlug(e.ListTitle)
		}
		if t == "" {
			t = "line" + strconv.Itoa(e.Line)
		}
		stem := base + "-" + t
		id := stem
		if seen[id] {
			n := max(next[stem], 2)
			for id = stem + "-" + strconv.Itoa(n); seen[id]; id = stem + "-" + strconv.Itoa(n) {
				n++
			}
			next[stem] = n + 1
		}
		seen[id] = true
		ids[i] = id
	}
	return ids
}

// titleSlug is the short name before a colon ("AlpaServe: ..." -> "alpaserve")
// when it is at most three words, else the first four words.
func titleSlug(title string) string {
	if i := strings.Index(title, ":"); i > 0 && len(strings.Fields(title[:i])) <= 3 {
		return slug(title[:i], 4)
	}
	return slug(title, 4)
}

// slug lower-cases s, drops accents, turns every run of other characters
// into one hyphen, and keeps at most maxWords words (0: all).
func slug(s string, maxWords int) string {
	var words []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, cur.String())
			cur.Reset()
		}
	}
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			cur.WriteRune(unicode.ToLower(r))
		default:
			flush()
		}
	}
	flush()
	if maxWords > 0 && len(words) > maxWords {
		words = words[:maxWords]
	}
	return strings.Join(words, "-")
}
