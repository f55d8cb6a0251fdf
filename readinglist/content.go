package readinglist

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/paperlist/paperlist"
)

// content is what one list item, paragraph or table cell says, read from
// its inline Markdown.
type content struct {
	read        bool
	listTitle   string // the title as written
	title       string // listTitle without decorations
	link        string // the paper link
	links       []paperlist.Link
	authors     []string
	vy          venueYear // from a tag before the title or text after it
	titleLinked bool      // the title is the text of a link
	labelled    bool      // at least one labelled link ([pdf], [code], ...)
	labelOnly   bool      // labelled links but no title
	tagLabels   bool      // link labels that link nowhere ("[[Paper]] [[Code]]") follow the title
	toc         bool      // a table-of-contents link to an anchor
	tagged      bool      // a venue/year tag came before the title
	unclosed    bool      // a link was not closed by ")"
	boxed       bool      // a task-list box ("[ ]", "[x]") or status emoji came first
	label       bool      // the text title ends with ':' ("**Survey questions:**"): a label, not a title
	remarks     []string  // parenthetical remarks after a title link, kept as notes
	struck      bool      // the entry is struck out ("~~[Title](u)~~")
	refTitle    bool      // the title is the text of a reference link whose label is not defined
	undefined   string    // that label
	citation    bool      // authors (and year) came before the title, as in a citation
	nickname    bool      // the title link's text is a nickname of a PDF ("[Raft Paper](…/raft.pdf)")
	trail       string    // the text after the title, links removed
	arrowNote   string    // text after an arrow ("-> re-reading it"), kept as a note
}

// marksPaper reports whether the content is a paper on its own evidence: a
// title link, a title with labelled links, or a title with a venue tag.
func (c *content) marksPaper() bool {
	return c.title != "" && (c.titleLinked || c.refTitle || c.labelled || c.tagged || c.tagLabels && looksLikeTitle(c.title))
}

// interpret reads an item's inline content. The shapes it knows, in order:
//
//	[x] [OSDI'24] [Title](url) by A et al., OSDI 2020 [[code]](u)
//	[OSDI '22] **Title** [[pdf]](u) / [Code](u)
//	Bare Title (OSDI 2014)
//	[Section](#anchor)              (a table of contents: toc)
//	[Paper](u) / [Code](u)          (labelled links only: labelOnly)
func interpret(raw string, r refs) content {
	var c content
	s := strings.TrimSpace(stripAttributes(raw))
	s, footnote := cutFootnoteLabel(s)
	rest, read := stripStatus(s)
	c.boxed, c.read, s = rest != s, read, rest
	in := r.tokenize(s)
	toks := in.toks
	c.struck = in.struck
	for _, t := range toks {
		c.unclosed = c.unclosed || t.unclosed
	}
	lead, k := "", 0
	if len(toks) > 0 && toks[0].kind == tokText {
		lead, k = toks[0].text, 1
	}
	lead, c.vy, c.tagged = stripVenueTags(lead)
	if k < len(toks) && toks[k].kind == tokLink {
		if names, y, ok := citationLead(lead); ok {
			// "Ongaro, D. & Ousterhout, J. (2014). [Title](u)": a citation.
			c.authors, c.citation, lead = names, true, ""
			c.vy = mergeVY(c.vy, venueYear{year: y})
		}
	}
	if t, label, after, ok := undefinedRef(lead); ok && k == 1 {
		// "[Title][label] (OSDI '23)" whose label is not defined: CommonMark
		// renders it as text; it is still a paper, with no link.
		c.refTitle, c.undefined = true, label
		c.listTitle = oneLine(strings.TrimSpace(t))
		var vy venueYear
		c.title, vy = cleanTitle(c.listTitle)
		c.vy = mergeVY(c.vy, vy)
		c.rest(append([]token{{kind: tokText, text: after}}, toks[k:]...))
		c.remarks = remarksIn([]token{{kind: tokText, text: after}})
		c.finish()
		return c
	}

	if !hasWords(lead) {
		f := k
		for f < len(toks) && (toks[f].kind == tokImage || toks[f].badge() || toks[f].kind == tokText && !hasWords(toks[f].text)) {
			f++
		}
		if f < len(toks) && toks[f].kind == tokLink {
			t := toks[f]
			switch {
			case isAnchor(t.url):
				c.toc = true
				return c
			case labelKind(t.text) != "":
				c.labelOnly = true
				c.rest(toks[f:])
				c.finish()
				return c
			}
			c.titleLinked = true
			c.listTitle = oneLine(strings.TrimSpace(t.text))
			c.link = strings.TrimSpace(t.url)
			switch {
			case isCodeHost(c.link):
				c.addKind(kindCode, c.link)
			case isNoteFile(c.link):
				c.addKind(kindNotes, c.link) // the owner's notes on the paper
				c.link = ""
			}
			if c.citation {
				// "[ARC: analysis of Raft consensus. University of Cambridge, Jul. 2014.](u)"
				t, y := citationTitle(c.listTitle)
				c.listTitle = t
				c.vy = mergeVY(c.vy, venueYear{year: y})
			}
			var vy venueYear
			c.title, vy = cleanTitle(c.listTitle)
			c.vy = mergeVY(c.vy, vy)
			c.nickname = isNickname(c.title, c.link)
			c.rest(toks[f+1:])
			c.remarks = remarksIn(toks[f+1:])
			c.finish()
			return c
		}
	}

	// A bold title that ends its line, or is followed only by a remark:
	// "**Title.**\n*A, B.* NeurIPS 2020. [[paper]](u)", "**MegaMoE** (fused ...)".
	if bold, after, ok := splitBoldTitle(lead); ok {
		c.listTitle = strings.Trim(oneLine(bold), titleTrim)
		var vy venueYear
		c.title, vy = cleanTitle(c.listTitle)
		c.title = strings.TrimSuffix(c.title, ".") // "**Title.**" ends a sentence
		c.vy = mergeVY(c.vy, vy)
		restToks := append([]token{{kind: tokText, text: after}}, toks[k:]...)
		c.rest(restToks)
		c.remarks = remarksIn(restToks[:1])
		c.finish()
		return c
	}

	// A text title: everything up to the first labelled link, anchor or badge.
	var title strings.Builder
	title.WriteString(lead)
	i := k
	for ; i < len(toks); i++ {
		t := toks[i]
		if t.kind == tokText {
			title.WriteString(t.text)
			continue
		}
		if t.kind == tokImage || t.badge() {
			continue
		}
		if labelKind(t.text) != "" || isAnchor(t.url) {
			break
		}
		title.WriteString(t.text) // a link inside the title keeps its text
		if u := strings.TrimSpace(t.url); c.link == "" && t.kind == tokLink && !t.badge() && hostKind(u) == kindOther {
			c.link = u // "L[arge Scale Distributed Deep Networks](u)": the title link, broken by a typo
			continue
		}
		c.addLink(t)
	}
	written := trimOpenBracket(title.String())
	restToks := toks[i:]
	if t, after, ok := cutAtLabelTag(written); ok {
		// "Title CIKM 2021. [[Paper]] [[code]]": labels with no link (an
		// undefined reference) still say the text before them is a title.
		written, c.tagLabels = t, true
		restToks = append([]token{{kind: tokText, text: after}}, restToks...)
	}
	c.label = strings.HasSuffix(strings.TrimSpace(stripEmphasis(written)), ":")
	c.listTitle = strings.Trim(oneLine(written), titleTrim)
	if footnote {
		if names, t, ok := splitCitation(c.listTitle); ok {
			c.authors, c.listTitle = names, t
		}
	}
	var vy venueYear
	c.title, vy = cleanTitle(c.listTitle)
	c.vy = mergeVY(c.vy, vy)
	if footnote {
		c.title = strings.TrimSuffix(c.title, ".")
	}
	if c.title == "" && i < len(toks) {
		c.labelOnly = true
	}
	authors := c.authors
	c.rest(restToks)
	if len(authors) > 0 {
		c.authors = authors
	}
	c.finish()
	return c
}

// cutFootnoteLabel removes the label of a footnote definition ("[^1]: ").
func cutFootnoteLabel(s string) (string, bool) {
	if !strings.HasPrefix(s, "[^") {
		return s, false
	}
	i := strings.Index(s, "]:")
	if i < 0 || i > 40 {
		return s, false
	}
	return strings.TrimSpace(s[i+2:]), true
}

// cutAtLabelTag cuts a text title at the first bracketed link label that
// links nowhere ("[[Paper]]", "[Code]"), and returns the text after it.
func cutAtLabelTag(s string) (title, after string, ok bool) {
	for i := 0; i < len(s); i++ {
		if s[i] != '[' {
			continue
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			return s, "", false
		}
		if i > 0 && labelKind(s[i+1:i+j]) != "" && strings.TrimSpace(s[:i]) != "" {
			return s[:i], s[i:], true
		}
		i += j
	}
	return s, "", false
}

// splitCitation splits a citation written as sentences, "Gyeong-In Yu and
// Joo Seong Jeong. Orca: A Distributed Serving System. OSDI 22.", into its
// authors and the rest (title and venue).
func splitCitation(s string) ([]string, string, bool) {
	for off := 0; off < len(s); {
		i := strings.Index(s[off:], ". ")
		if i < 0 {
			break
		}
		i += off
		who := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s[:i]), "et al"))
		if names := namesIn(who); len(names) > 1 || fullNames(names) {
			return names, strings.TrimSpace(s[i+2:]), true
		}
		off = i + 2
	}
	return nil, s, false
}

// rest reads what follows the title: labelled links, and text naming the
// authors ("by A et al.") and the venue (", OSDI 2020", "[USENIX FAST 2003]").
func (c *content) rest(toks []token) {
	var trail strings.Builder
	for _, t := range toks {
		if t.kind == tokText {
			trail.WriteString(t.text)
			trail.WriteByte(' ')
			continue
		}
		c.addLink(t)
	}
	s := trail.String()
	if strings.TrimSpace(s) == "" {
		return
	}
	s, read := stripReadMarks(s)
	c.read = c.read || read
	s, c.arrowNote = cutArrowNote(s)
	c.trail = strings.TrimSpace(s)
	if c.citation {
		c.vy = mergeVY(c.vy, citationVenue(s))
		return
	}
	c.authors = authorsIn(s)
	if len(c.authors) == 0 {
		c.authors = emphasisNames(s)
	}
	if len(c.authors) == 0 {
		if names, y, ok := citationTail(s); ok {
			// "[Title](u). Howard (2014). *Technical Report*"
			c.authors = names
			c.vy = mergeVY(c.vy, venueYear{year: y})
		} else {
			c.authors = namesAfterComma(s)
		}
	}
	c.vy = mergeVY(c.vy, venueIn(s))
	if c.vy.venue == "" && len(c.authors) > 0 {
		c.vy = mergeVY(c.vy, venueAfterAuthors(s))
	}
	if c.vy.year == 0 {
		// ", OPODIS 2016": a venue the table does not know gives its year
		// only; its name would make every search hit fail the venue check.
		if v, ok := parseVenueYear(strings.Trim(s, " ,.;")); ok && len(s) <= 60 {
			c.vy.year = v.year
		}
	}
}

// splitBoldTitle splits "**Title** rest" when the bold span is the whole
// title: the rest starts on the next line, or is one parenthetical remark
// that is neither a venue nor a nickname.
func splitBoldTitle(lead string) (bold, after string, ok bool) {
	if !strings.HasPrefix(lead, "**") {
		return "", "", false
	}
	j := strings.Index(lead[2:], "**")
	if j <= 0 || strings.Contains(lead[2:2+j], "\n") {
		return "", "", false
	}
	bold, after = lead[:j+4], lead[j+4:]
	t := strings.TrimLeft(after, " \t")
	switch {
	case strings.HasPrefix(t, "\n"):
		return bold, after, true
	case !strings.ContainsAny(t, "\"“") && venueFirst(t):
		return bold, after, true // "**Title** CIKM 2021. [[Paper]]"
	case strings.HasPrefix(t, ",") && len(namesAfterComma(t)) > 0:
		return bold, after, true // "**Title**, A. Author et al. (SOSP 2019)"
	case emphasisVenueFirst(t):
		return bold, after, true // "**Title** *SoCC* (2021)"
	case strings.HasPrefix(t, "(") && strings.HasSuffix(strings.TrimSpace(t), ")") && strings.Count(t, "(") == 1:
		inner := strings.TrimSpace(t)[1 : len(strings.TrimSpace(t))-1]
		if _, isVenue := parseVenueYear(inner); isVenue || strings.ContainsAny(inner, "*`@") {
			return "", "", false
		}
		return bold, after, true
	}
	return "", "", false
}

// venueFirst reports whether s starts with a known venue and year
// ("CIKM 2021. [[Paper]]", ", OSDI 2020").
func venueFirst(s string) bool {
	ms := venueMentions(s)
	return len(ms) > 0 && strings.TrimLeft(s[:ms[0].start], " ,.;-–—") == ""
}

// cellLines reads the lines of a title cell after its first ("<br>"):
// labelled links, a venue, and a line of author names.
func (c *content) cellLines(lines []string, r refs) {
	for _, l := range lines {
		toks := r.tokenize(l).toks
		for _, t := range toks {
			c.addLink(t)
		}
		text := strings.TrimSpace(stripEmphasis(stripTags(plainTextOnly(toks))))
		if text == "" {
			continue
		}
		if names, vy, ok := authorLine(text); ok && len(c.authors) == 0 {
			c.authors = names
			c.vy = mergeVY(c.vy, vy)
			continue
		}
		if a := authorsIn(text); len(a) > 0 && len(c.authors) == 0 {
			c.authors = a
		}
		if vy, ok := parseVenueYear(text); ok && (vy.known || vy.year != 0) {
			c.vy = mergeVY(c.vy, vy)
		} else {
			c.vy = mergeVY(c.vy, venueIn(text))
		}
	}
	c.finish()
}

// plainTextOnly renders the text tokens only: links and images vanish.
func plainTextOnly(toks []token) string {
	var b strings.Builder
	for _, t := range toks {
		if t.kind == tokText {
			b.WriteString(t.text)
		}
	}
	return b.String()
}

// emphasisNames reads authors written in emphasis at the start of the text
// after a title: "*Jiaqi Ma, Shuangrui Ding, Qiaozhu Mei.* NeurIPS 2020.".
func emphasisNames(s string) []string {
	t := strings.TrimSpace(s)
	if t == "" || t[0] != '*' && t[0] != '_' {
		return nil
	}
	mark := t[:1]
	if strings.HasPrefix(t, "**") || strings.HasPrefix(t, "__") {
		mark = t[:2]
	}
	end := strings.Index(t[len(mark):], mark)
	if end <= 0 {
		return nil
	}
	names := namesIn(t[len(mark) : len(mark)+end])
	if len(names) > 1 || fullNames(names) {
		return names
	}
	return nil
}

// venueAfterAuthors reads the venue that ends a "by A et al., VENUE YEAR"
// entry when it is not a known venue ("MAPL 2019"): the text after the
// authors is in the venue's place, so an unknown name with a year is taken.
func venueAfterAuthors(s string) venueYear {
	i := strings.Index(strings.ToLower(s), "et al")
	if i < 0 {
		return venueYear{}
	}
	t := strings.TrimLeft(s[i+len("et al"):], ". ,;")
	if t == "" || len(t) > 80 {
		return venueYear{}
	}
	if vy, ok := parseVenueYear(t); ok {
		return vy
	}
	return venueYear{}
}

// remarksIn returns the parenthetical remarks in the text after a title link
// ("(Is this the best paper of symbolic execution?)"), as written, when
// they are not a venue, a year or a nickname.
func remarksIn(toks []token) []string {
	var out []string
	for _, t := range toks {
		if t.kind != tokText {
			continue
		}
		s := t.text
		for {
			i := strings.IndexByte(s, '(')
			if i < 0 {
				break
			}
			j := strings.IndexByte(s[i:], ')')
			if j < 0 {
				break
			}
			inner := strings.TrimSpace(s[i+1 : i+j])
			if len(strings.Fields(stripEmphasis(inner))) >= 3 {
				if _, ok := parseVenueYear(inner); !ok {
					out = append(out, s[i:i+j+1])
				}
			}
			s = s[i+j+1:]
		}
	}
	return out
}

// trimOpenBracket cuts a trailing bracket that is never closed: the start
// of a cross-reference such as "[also in [2.1](#21-dl-scheduling)]" whose
// anchor link ended the title.
func trimOpenBracket(s string) string {
	if i := strings.LastIndexByte(s, '['); i >= 0 && strings.IndexByte(s[i:], ']') < 0 {
		return s[:i]
	}
	return s
}

// stripAttributes removes kramdown attribute lists ("{: .label .label-blue }").
// It runs in linear time.
func stripAttributes(s string) string {
	if !strings.Contains(s, "{:") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "{:")
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		b.WriteString(s[:i])
		s = s[i+j+1:]
	}
	b.WriteString(s)
	return b.String()
}

// finish falls back on an arXiv link for the paper link.
func (c *content) finish() {
	if c.link != "" {
		return
	}
	for _, l := range c.links {
		if l.Kind == kindArxiv {
			c.link = l.URL
			return
		}
	}
}

// addLink files a link by its label, or by its host when it has none. The
// first paper link becomes the entry's link; anchors and badges are dropped.
func (c *content) addLink(t token) {
	u := strings.TrimSpace(t.url)
	if t.kind != tokLink || t.badge() || u == "" || isAnchor(u) {
		return
	}
	kind := labelKind(t.text)
	if kind != "" {
		c.labelled = true
	} else {
		kind = hostKind(u)
	}
	if kind == kindPaper {
		if c.link == "" {
			c.link = u
			return
		}
		if c.link == u {
			return
		}
		kind = kindOther
	}
	c.addKind(kind, u)
}

// addKind appends a link unless its URL is already there.
func (c *content) addKind(kind, u string) {
	for _, l := range c.links {
		if l.URL == u {
			return
		}
	}
	c.links = append(c.links, paperlist.Link{Kind: paperlist.LinkKind(kind), URL: u})
}

// mergeVY fills what a lacks from b: a venue tag before the title wins over
// text after it, which wins over a heading.
func mergeVY(a, b venueYear) venueYear {
	if a.venue == "" {
		a.venue, a.known = b.venue, b.known
	}
	if a.year == 0 {
		a.year = b.year
	}
	return a
}

// stripStatus removes a task-list box ("[x]", "[ ]") and status emoji
// ("✅", "⬜") from the start of an item; read reports a ticked one.
func stripStatus(s string) (rest string, read bool) {
	for {
		switch {
		case hasBox(s, "[x]") || hasBox(s, "[X]"):
			read, s = true, s[3:]
		case hasBox(s, "[ ]"):
			s = s[3:]
		case strings.HasPrefix(s, "✅"), strings.HasPrefix(s, "✔"), strings.HasPrefix(s, "☑"):
			read = true
			_, n := utf8.DecodeRuneInString(s)
			s = s[n:]
		case strings.HasPrefix(s, "⬜"), strings.HasPrefix(s, "☐"), strings.HasPrefix(s, "🔲"):
			_, n := utf8.DecodeRuneInString(s)
			s = s[n:]
		default:
			return s, read
		}
		s = strings.TrimLeft(s, " \t\uFE0F")
	}
}

func hasBox(s, box string) bool {
	return strings.HasPrefix(s, box) && (len(s) == 3 || s[3] == ' ' || s[3] == '\t')
}

// maxTags bounds the bracket tags read before a title.
const maxTags = 8

// stripVenueTags removes venue/year tags in brackets from the start of the
// text before the title ("[OSDI'24] ", "[Survey :mag:] [ACM CSUR'23] "). Other
// bracket tags ("[ShortName]") stay: they are part of the title as written.
func stripVenueTags(lead string) (string, venueYear, bool) {
	var vy venueYear
	tagged := false
	pos := 0
	for range maxTags {
		i := pos
		for i < len(lead) && (lead[i] == ' ' || lead[i] == '\t') {
			i++
		}
		// "[OSDI'24]", or escaped so that it is no link: "\[OSDI 2020\]".
		opener, closer := "[", "]"
		if strings.HasPrefix(lead[i:], `\[`) {
			opener, closer = `\[`, `\]`
		}
		if i >= len(lead) || !strings.HasPrefix(lead[i:], opener) {
			break
		}
		j := strings.Index(lead[i:], closer)
		if j < 0 || j > 120 {
			break
		}
		inner := lead[i+len(opener) : i+j]
		if v, ok := parseVenueYear(inner); ok && (v.year != 0 || v.known) {
			vy = mergeVY(vy, v)
			tagged = true
			lead = lead[:i] + lead[i+j+len(closer):]
			pos = i
			continue
		}
		pos = i + j + len(closer)
	}
	if tagged {
		lead = strings.TrimLeft(lead, " \t")
	} else if rest, v, ok := venueSlashPrefix(lead); ok {
		return rest, v, true
	}
	return lead, vy, tagged
}

// venueSlashPrefix reads a venue written before the title and a slash:
// "ATC / FaaSNet: ...", "OSDI '20 / Coordinated ...", "PLOS / FlashCube:
// ...". The prefix is a known venue (with an optional year), or one word in
// capitals; "journal / Title" gives no venue. Anything longer is not a
// venue ("Read widely in Systems / upto 5 recent years").
func venueSlashPrefix(lead string) (string, venueYear, bool) {
	i := strings.Index(lead, " / ")
	if i <= 0 || i > 40 {
		return lead, venueYear{}, false
	}
	name, rest := strings.TrimSpace(lead[:i]), strings.TrimSpace(lead[i+3:])
	if rest == "" {
		return lead, venueYear{}, false
	}
	if v, ok := parseVenueYear(name); ok && (v.known || v.year != 0) {
		return rest, v, true
	}
	if strings.EqualFold(name, "journal") || strings.EqualFold(name, "workshop") {
		return rest, venueYear{}, true
	}
	if len(name) >= 2 && len(name) <= 12 && strings.IndexFunc(name, func(r rune) bool { return r < 'A' || r > 'Z' }) < 0 {
		return rest, venueYear{venue: name}, true
	}
	return lead, venueYear{}, false
}

// hasWords reports whether s has a letter or digit outside bracket tags,
// emoji and Markdown markers: whether it can be a title.
func hasWords(s string) bool {
	depth := 0
	for _, r := range s {
		switch {
		case r == '[':
			depth++
		case r == ']':
			if depth > 0 {
				depth--
			}
		case depth == 0 && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			return true
		}
	}
	return false
}

// venueIn finds a venue and year in the text after a title: a bracket or
// parenthesis or italic group ("[USENIX FAST 2003]", "(OSDI 2022)",
// "_NSDI '22_"), else a known venue with a year in running text
// (", OSDI 2020", "osdi 22").
func venueIn(s string) venueYear {
	for i := 0; i < len(s); i++ {
		var closer byte
		switch s[i] {
		case '(':
			closer = ')'
		case '[':
			closer = ']'
		case '_':
			closer = '_'
		default:
			continue
		}
		lim := min(len(s), i+1+100)
		j := strings.IndexByte(s[i+1:lim], closer)
		if j < 0 {
			continue
		}
		inner := s[i+1 : i+1+j]
		if strings.HasPrefix(inner, "@") {
			continue
		}
		if v, ok := parseVenueYear(inner); ok && (v.year != 0 || v.known) {
			if v.year == 0 {
				v.year = leadingYear(s[i+1+j+1:]) // "_SoCC_ (2022)"
			}
			if v.venue == "" {
				// "*SoCC* (2021)": the year alone in parentheses; a venue
				// named next to it wins.
				if ms := venueMentions(s); len(ms) > 0 && ms[0].vy.year == v.year {
					return ms[0].vy
				}
			}
			return v
		}
	}
	if ms := venueMentions(s); len(ms) > 0 {
		return ms[0].vy
	}
	return venueYear{}
}

// maxAuthors bounds the authors read from one entry.
const maxAuthors = 100

// authorsIn reads "by A, B and C" or "by A et al." from the text after a
// title. It returns nil when the text does not start with "by".
func authorsIn(s string) []string {
	t := strings.TrimLeft(s, " \t\n,;:-–—")
	if len(t) < 3 || !strings.EqualFold(t[:3], "by ") {
		return nil
	}
	t = t[3:]
	end := len(t)
	if i := strings.Index(strings.ToLower(t), "et al"); i >= 0 {
		end = i
	} else if ms := venueMentions(t); len(ms) > 0 {
		end = ms[0].start
	}
	if i := strings.IndexAny(t[:end], "[(<_*"); i >= 0 {
		end = i
	}
	list := bySeparators.Replace(t[:end])
	var out []string
	for _, a := range strings.Split(list, ",") {
		a = strings.Trim(strings.TrimSpace(a), ".")
		a = strings.TrimSpace(strings.TrimPrefix(a, "and "))
		if a == "" || len(strings.Fields(a)) > 6 || !hasWords(a) {
			continue
		}
		out = append(out, a)
		if len(out) == maxAuthors {
			break
		}
	}
	return out
}

// oneLine joins the lines of a wrapped item with single spaces.
func oneLine(s string) string {
	if !strings.Contains(s, "\n") {
		return s
	}
	return strings.ReplaceAll(s, "\n", " ")
}

// readMarks are the marks people put after an entry to say it is read.
var readMarks = []string{
	"**READ**", "**Read**", "(read)", "(done)", "(Done)", "[done]", "✔️", "✔", "✓", "☑️", "☑", "✅",
	":heavy_check_mark:", ":white_check_mark:", ":ballot_box_with_check:",
}

// stripReadMarks removes read marks from the text after a title and
// reports whether there was one.
func stripReadMarks(s string) (string, bool) {
	read := false
	for _, m := range readMarks {
		if strings.Contains(s, m) {
			s, read = strings.ReplaceAll(s, m, " "), true
		}
	}
	return s, read
}

// arrows introduce a remark after a title: "-> re-reading it". A dash
// does too ("— chapters 5 and 9"), unless what follows names the venue or
// the authors ("— OSDI 2020", "— by A et al.").
var arrows = []string{"->", "→", "=>", "⇒", " — ", " – "}

// cutArrowNote cuts the remark after an arrow from the text after a title.
func cutArrowNote(s string) (rest, note string) {
	for _, a := range arrows {
		i := strings.Index(s, a)
		if i < 0 {
			continue
		}
		note = strings.TrimSpace(s[i+len(a):])
		if strings.HasPrefix(a, " ") && (!venueIn(note).empty() || len(authorsIn(note)) > 0) {
			continue
		}
		return s[:i], note
	}
	return s, ""
}

// undefinedRef reads "[Title][label] rest" at the start of the text before
// any link: a reference link whose label has no definition (goldmark left
// it as text). The title must have words and be no link label ("[[Paper]]").
func undefinedRef(lead string) (title, label, after string, ok bool) {
	t := strings.TrimLeft(lead, " \t")
	if !strings.HasPrefix(t, "[") {
		return "", "", "", false
	}
	i := strings.Index(t, "][")
	if i <= 1 || strings.ContainsAny(t[1:i], "[]") {
		return "", "", "", false
	}
	j := strings.IndexByte(t[i+2:], ']')
	if j < 0 || strings.Contains(t[i+2:i+2+j], "[") {
		return "", "", "", false
	}
	title, label = t[1:i], t[i+2:i+2+j]
	if !hasWords(title) || labelKind(title) != "" {
		return "", "", "", false
	}
	if _, isVenue := parseVenueYear(title); isVenue {
		return "", "", "", false
	}
	return title, label, t[i+3+j:], true
}

// emphasisVenueFirst reports whether s starts with a known venue in
// emphasis: " *SoCC* (2021)", " _NSDI_ 2022".
func emphasisVenueFirst(s string) bool {
	t := strings.TrimLeft(s, " \t,")
	if t == "" || t[0] != '*' && t[0] != '_' {
		return false
	}
	mark := t[:1]
	inner := strings.TrimLeft(t, mark)
	end := strings.Index(inner, mark)
	if end <= 0 {
		return false
	}
	v, ok := parseVenueYear(inner[:end])
	return ok && v.known
}

// leadingYear reads a year that opens s: " (2022)", ", 2022", " '22".
func leadingYear(s string) int {
	t := strings.TrimLeft(s, " ,(")
	n := 0
	for n < len(t) && n < 4 && isDigit(t[n]) {
		n++
	}
	if n != 4 || n < len(t) && isDigit(t[n]) {
		return 0
	}
	return expandYear(t[:4])
}
