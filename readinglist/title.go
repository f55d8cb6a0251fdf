package readinglist

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// isEmoji reports whether r is an emoji or a part of one: pictographs and
// other symbols (🔥 ✅ ⭐ ©), variation selectors, joiners, skin tones and
// keycaps.
func isEmoji(r rune) bool {
	switch {
	case r == 0xFE0F || r == 0xFE0E || r == 0x200D || r == 0x20E3:
		return true
	case r >= 0x1F3FB && r <= 0x1F3FF:
		return true
	}
	return unicode.Is(unicode.So, r)
}

// stripEmoji removes emoji and GitHub shortcodes (":mag:", ":fire:").
func stripEmoji(s string) string {
	if s == "" {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == ':' && (i == 0 || s[i-1] == ' ') {
			if j := shortcodeEnd(s[i+1:]); j > 0 {
				i += j + 2
				continue
			}
		}
		if !isEmoji(r) {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// shortcodeEnd returns the length of a shortcode name at the start of s when
// it is followed by ':' and then a space or the end, else 0.
func shortcodeEnd(s string) int {
	j := 0
	for j < len(s) && j < 40 {
		c := s[j]
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '+' || c == '-' {
			j++
			continue
		}
		break
	}
	if j == 0 || j >= len(s) || s[j] != ':' {
		return 0
	}
	if j+1 < len(s) && s[j+1] != ' ' {
		return 0
	}
	return j
}

// stripTags removes HTML tags ("<b>", "</sup>", "<br/>").
func stripTags(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '<' && i+1 < len(s) && (isLetter(s[i+1]) || s[i+1] == '/') {
			if j := strings.IndexByte(s[i:], '>'); j > 0 && j < 200 {
				i += j
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// stripEmphasis removes Markdown emphasis and code markers: "**", "*",
// backticks, and '_' at the edge of a word ("_NSDI_", but not "Gandiva_fair").
func stripEmphasis(s string) string {
	if !strings.ContainsAny(s, "*_`") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case '*', '`':
			continue
		case '_':
			prevWord := i > 0 && isAlnum(s[i-1])
			nextWord := i+1 < len(s) && (isAlnum(s[i+1]) || s[i+1] == '{')
			if !(prevWord && nextWord) {
				continue
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// titleTrim is what is trimmed from both ends of a cleaned title.
const titleTrim = " \t,;:-–—|/·"

// cleanTitle turns a title as written into the title: it drops emoji, HTML
// tags, Markdown emphasis, a leading "[ShortName]" tag, a trailing
// "(@Affiliation)" or bold/code nickname "(**vLLM**)", a trailing venue
// ("(OSDI 2014)", ", OSDI 2020") and wrapping quotes. It returns the venue
// found at the end, if any.
func cleanTitle(s string) (string, venueYear) {
	s = collapseSpace(stripTags(unescape(s)))
	s = strings.TrimSpace(stripEmoji(s))
	// Nickname decorations marked with emphasis or code: "(**vLLM**)", "(`PAI`)".
	for _, suf := range []string{"**)", "`)", "__)"} {
		if strings.HasSuffix(s, suf) {
			if i := strings.LastIndexByte(s, '('); i > 0 {
				s = strings.TrimSpace(s[:i])
			}
		}
	}
	s = collapseSpace(stripEmphasis(s))
	// Leading "[ShortName]" tags.
	for strings.HasPrefix(s, "[") {
		j := strings.IndexByte(s, ']')
		if j < 0 || j > 80 || strings.TrimSpace(s[j+1:]) == "" {
			break
		}
		s = strings.TrimLeft(s[j+1:], titleTrim)
	}
	var vy venueYear
	for range 3 {
		t := strings.TrimRight(s, " .,;")
		switch {
		case strings.HasSuffix(t, ")") && strings.LastIndex(t, "(@") > 0:
			s = t[:strings.LastIndex(t, "(@")]
			continue
		case strings.HasSuffix(t, ")") || strings.HasSuffix(t, "]"):
			open := strings.LastIndexAny(t, "([")
			if open > 0 {
				if v, ok := parseVenueYear(t[open+1 : len(t)-1]); ok && (v.year != 0 || v.known) {
					if vy.empty() {
						vy = v
					}
					s = t[:open]
					continue
				}
			}
		}
		if ms := venueMentions(t); len(ms) > 0 {
			if m := ms[len(ms)-1]; strings.TrimRight(t[m.end:], " '’.") == "" && m.start > 0 {
				if vy.empty() {
					vy = m.vy
				}
				s = t[:m.start]
				continue
			}
		}
		break
	}
	s = strings.Trim(s, titleTrim)
	if !strings.Contains(s, " ") && strings.Count(s, "_") >= 3 {
		s = strings.ReplaceAll(s, "_", " ") // "Looking_Beyond_GPUs_for_DNN_Scheduling"
	}
	s = quotedTitle(s)
	if n := len(s); n >= 2 {
		switch {
		case s[0] == '"' && s[n-1] == '"':
			s = strings.TrimSpace(s[1 : n-1])
		case strings.HasPrefix(s, "“") && strings.HasSuffix(s, "”") && n > 6:
			s = strings.TrimSpace(s[len("“") : n-len("”")])
		}
	}
	return s, vy
}

// unescape removes Markdown backslash escapes ("\\(ICML '13\\)", "\\|").
func unescape(s string) string {
	if !strings.Contains(s, "\\") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && strings.IndexByte("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", s[i+1]) >= 0 {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// quotedTitle picks the quoted title out of `Nickname: "Full Title"` or
// `Jan. 6th "Full Title"`: a quoted run of three words or more that ends
// the text, after at most three words.
func quotedTitle(s string) string {
	for _, q := range [][2]string{{`"`, `"`}, {"“", "”"}} {
		i := strings.Index(s, q[0])
		if i < 0 || !strings.HasSuffix(s, q[1]) || i+len(q[0]) >= len(s)-len(q[1]) {
			continue
		}
		before := strings.TrimSpace(s[:i])
		inner := strings.TrimSpace(s[i+len(q[0]) : len(s)-len(q[1])])
		if len(strings.Fields(before)) <= 3 && len(strings.Fields(inner)) >= 3 && !strings.Contains(inner, q[0]) {
			return inner
		}
	}
	return s
}

// collapseSpace trims s and turns each run of white space into one space.
func collapseSpace(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || c >= 0x80 ||
			c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' ') {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// looksLikeTitle reports whether bare text reads like a paper title rather
// than a group label ("misc", "GPU share") or a remark ("achieves near 100%
// GPU utilization", a Chinese note): it starts with a capital or a digit
// (or a word such as "vLLM"/"gpipe:"), is mostly not CJK, and has three
// words or a "Name: subtitle" colon.
func looksLikeTitle(t string) bool {
	words := strings.Fields(t)
	if len(words) == 0 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(t)
	switch {
	case unicode.IsUpper(r) || unicode.IsDigit(r):
	case unicode.IsLower(r):
		w := words[0]
		if !strings.HasSuffix(w, ":") && strings.IndexFunc(w[1:], unicode.IsUpper) < 0 {
			return false
		}
	case r == '"' || r == '“' || r == '\'':
	default:
		return false
	}
	if mostlyCJK(t) || isQuestionOrRemark(t, words) {
		return false
	}
	if len(words) >= 3 {
		return true
	}
	return len(words) == 2 && strings.Contains(words[0], ":")
}

// mostlyCJK reports whether a third or more of the letters of t are
// Chinese, Japanese or Korean (a note, not a title), or t has no letters.
func mostlyCJK(t string) bool {
	letters, cjk := 0, 0
	for _, r := range t {
		if unicode.IsLetter(r) {
			letters++
			if unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul) {
				cjk++
			}
		}
	}
	return letters == 0 || cjk*3 > letters
}

// isQuestionOrRemark reports whether bare text is a question or a remark
// written in the first person ("What's the best paper for GPU/CUDA?", "We
// also need a paper about LLVM", "About Virtualization (I don't know ...)")
// rather than a title.
func isQuestionOrRemark(t string, words []string) bool {
	if strings.HasSuffix(strings.TrimRight(t, " )"), "?") {
		return true
	}
	switch words[0] {
	case "We", "I", "I'm", "I’m", "Aim", "Read", "Try", "See", "Check", "Note", "Please", "Remember":
		return true // a remark or an instruction to the reader
	}
	for _, w := range words {
		switch strings.Trim(w, "(),.") {
		case "I", "I'm", "I’m", "I've", "I'd", "don't", "don’t":
			return true
		}
	}
	return false
}

// truncateRunes cuts s to at most n runes; ok is false when it did.
func truncateRunes(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, true
	}
	i := 0
	for k := 0; k < n; k++ {
		_, w := utf8.DecodeRuneInString(s[i:])
		i += w
		if i >= len(s) {
			return s, true
		}
	}
	return s[:i], false
}

// truncateBytes cuts s to at most n bytes at a rune boundary; ok is false
// when it did.
func truncateBytes(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, true
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n], false
}
