package output

import (
	"bytes"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/paperlist/paperlist"
)

// BibOptions chooses what BibTeX writes beyond the bibliographic fields.
type BibOptions struct {
	// Notes adds the list's own notes (sub-bullets) as a note field.
	Notes bool
}

// bibHeader opens papers.bib. BibTeX ignores text outside entries.
const bibHeader = `% papers.bib, written by paperlist from a reading list.
% Encoding: UTF-8. Non-ASCII characters (accents, CJK) are kept as UTF-8, not
% turned into LaTeX macros: use biber, or BibTeX with \usepackage[utf8]{inputenc}.
`

// bibFieldWidth aligns the "=" of every field but howpublished
// (len("booktitle")).
const bibFieldWidth = 9

// WriteBibTeX writes papers as a .bib file, one entry per paper in list order.
//
// Entry type: @misc for a paper that was not resolved (any status but ok or
// partial), else @article when the booktitle names a journal, transactions,
// letters, a magazine or a review ("ACM SIGCOMM Computer Communication
// Review", "Proc. VLDB Endow."), or the venue is a journal of the venue
// table, else @inproceedings when the booktitle names proceedings, a
// conference, symposium or workshop, or the venue is a conference or
// workshop of the table (S&P, HotNets, CoNEXT, OOPSLA, INFOCOM), else @misc
// (a preprint, an unknown venue).
//
// Keys are stable and unique: the first author's family name (accents
// dropped, lower-case, ASCII letters and digits only), the year, and the
// first significant word of the title: "li2023alpaserve". A paper without a
// usable author name uses the first word of its id instead
// ("eurosys2023pocket"). A key already taken gets "b", "c", … "z", "aa", …
// in list order ("li2023alpaserveb"), so the first paper keeps the bare key.
//
// Fields, always in this order and only when known: title (wrapped in an
// extra pair of braces so that styles keep its capitalization), author
// ("Last, First and Last, First"), booktitle, journal or howpublished (the
// full name from Booktitle, else the venue), year, pages ("663--679"), doi,
// url (the list's link, else https://doi.org/DOI), and note (the list's
// notes joined with "; ", only with opt.Notes). LaTeX special characters are
// escaped in text fields; doi and url are written verbatim (they are read
// as URLs), with only braces and backslashes percent-encoded.
func WriteBibTeX(w io.Writer, papers []paperlist.Paper, opt BibOptions) error {
	if _, err := io.WriteString(w, bibHeader); err != nil {
		return err
	}
	var buf bytes.Buffer
	keys := bibKeys(papers)
	for i := range papers {
		buf.Reset()
		buf.WriteByte('\n')
		writeBibEntry(&buf, &papers[i], keys[i], opt)
		if _, err := w.Write(buf.Bytes()); err != nil {
			return err
		}
	}
	return nil
}

func writeBibEntry(buf *bytes.Buffer, p *paperlist.Paper, key string, opt BibOptions) {
	typ := bibType(p)
	buf.WriteString("@" + typ + "{" + key + ",\n")
	field := func(name, value string) {
		if value == "" {
			return
		}
		buf.WriteString("  ")
		buf.WriteString(name)
		if pad := bibFieldWidth - len(name); pad > 0 {
			buf.WriteString(strings.Repeat(" ", pad))
		}
		buf.WriteString(" = {")
		buf.WriteString(value)
		buf.WriteString("},\n")
	}
	title := p.Title
	if title == "" {
		title = p.ListTitle
	}
	if title != "" {
		field("title", "{"+texEscape(title)+"}")
	}
	field("author", bibAuthors(p.Authors))
	container := p.Booktitle
	if container == "" {
		container = p.Venue
	}
	switch typ {
	case "article":
		field("journal", texEscape(container))
	case "inproceedings":
		field("booktitle", texEscape(container))
	default:
		field("howpublished", texEscape(container))
	}
	if p.Year > 0 {
		field("year", strconv.Itoa(p.Year))
	}
	field("pages", texEscape(bibPages(p.Pages)))
	field("eid", texEscape(p.Article))
	field("doi", urlVerbatim(p.DOI))
	switch {
	case p.Link != "":
		field("url", urlVerbatim(p.Link))
	case p.DOI != "":
		field("url", urlVerbatim("https://doi.org/"+p.DOI))
	}
	if opt.Notes && len(p.Notes) > 0 {
		field("note", texEscape(strings.Join(p.Notes, "; ")))
	}
	buf.WriteString("}\n")
}

// bibType picks the entry type; see BibTeX.
func bibType(p *paperlist.Paper) string {
	if p.Status != paperlist.StatusOK && p.Status != paperlist.StatusPartial {
		return "misc"
	}
	bt := strings.ToLower(p.Booktitle)
	var kind paperlist.VenueKind
	if v, ok := paperlist.LookupVenue(p.Venue); ok {
		kind = v.Kind
	}
	switch {
	case containsAny(bt, "journal", "transactions", "magazine", "letters", "review", "proceedings of the vldb endowment", "proc. vldb endow", "communications of the acm"):
		return "article"
	case containsAny(bt, "proceedings", "conference", "symposium", "workshop", "meeting"):
		return "inproceedings"
	case bt == "" && kind == paperlist.Journal:
		return "article"
	case kind == paperlist.Conference || kind == paperlist.Workshop:
		return "inproceedings"
	}
	return "misc"
}

func containsAny(s string, subs ...string) bool {
	for _, sub := range subs {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}

// bibPages writes a page range with an en dash: "663-679" and "663–679"
// become "663--679"; a single page or "663--679" is kept.
func bibPages(pages string) string {
	pages = strings.TrimSpace(pages)
	if strings.Contains(pages, "--") {
		return pages
	}
	for _, sep := range []string{"\u2013", "\u2014", "-"} {
		if a, b, ok := strings.Cut(pages, sep); ok {
			return strings.TrimSpace(a) + "--" + strings.TrimSpace(b)
		}
	}
	return pages
}

// bibAuthors writes "Last, First and Last, First". A name is split on its
// last space ("Joseph E. Gonzalez" -> "Gonzalez, Joseph E."), keeping a
// trailing "Jr."/"Sr."/"II"/"III" as BibTeX's Jr part; a name that already
// has a comma, or has no space (a CJK name), is kept as written.
func bibAuthors(authors []paperlist.Author) string {
	names := make([]string, 0, len(authors))
	for _, a := range authors {
		n := strings.Join(strings.Fields(a.Name), " ")
		if n == "" {
			continue
		}
		names = append(names, texEscape(invertName(n)))
	}
	return strings.Join(names, " and ")
}

func invertName(n string) string {
	words := strings.Split(n, " ")
	// "Martin Luther King, Jr." is a first-last name with a suffix; any
	// other comma means the name is already "Last, First".
	suffixed := len(words) > 2 && isNameSuffix(words[len(words)-1])
	if strings.Contains(n, ",") && !suffixed {
		return n
	}
	var jr string
	if len(words) > 2 && isNameSuffix(words[len(words)-1]) {
		jr = strings.TrimSuffix(words[len(words)-1], ",")
		words = words[:len(words)-1]
		// "Martin Luther King, Jr." leaves a comma on "King,".
		words[len(words)-1] = strings.TrimSuffix(words[len(words)-1], ",")
	}
	if len(words) < 2 {
		return n
	}
	last := words[len(words)-1]
	first := strings.Join(words[:len(words)-1], " ")
	if jr != "" {
		return last + ", " + jr + ", " + first
	}
	return last + ", " + first
}

func isNameSuffix(w string) bool {
	switch strings.TrimSuffix(w, ",") {
	case "Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV":
		return true
	}
	return false
}

// familyName is the part of a name that a key starts with.
func familyName(n string) string {
	n = strings.Join(strings.Fields(n), " ")
	words := strings.Split(n, " ")
	if len(words) > 2 && isNameSuffix(words[len(words)-1]) {
		words = words[:len(words)-1]
		return strings.TrimSuffix(words[len(words)-1], ",")
	}
	if last, _, ok := strings.Cut(n, ","); ok {
		return last
	}
	return words[len(words)-1]
}

// texEscapes maps LaTeX's special characters to text that prints them.
var texEscapes = map[rune]string{
	'&': `\&`, '%': `\%`, '$': `\$`, '#': `\#`, '_': `\_`,
	'{': `\{`, '}': `\}`,
	'~': `\textasciitilde{}`, '^': `\textasciicircum{}`, '\\': `\textbackslash{}`,
}

// texEscape escapes LaTeX's special characters and folds white space to
// single spaces. Braces become \{ and \} when they pair up; BibTeX counts
// braces even after a backslash, so unpaired ones become \textbraceleft{}
// and \textbraceright{} to keep the entry parseable.
func texEscape(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	paired := bracesPaired(s)
	var b strings.Builder
	b.Grow(len(s) + 8)
	for _, r := range s {
		switch {
		case !paired && r == '{':
			b.WriteString(`\textbraceleft{}`)
		case !paired && r == '}':
			b.WriteString(`\textbraceright{}`)
		case texEscapes[r] != "":
			b.WriteString(texEscapes[r])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func bracesPaired(s string) bool {
	depth := 0
	for _, r := range s {
		switch r {
		case '{':
			depth++
		case '}':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

// urlVerbatim keeps a URL or DOI as it is, but percent-encodes the three
// characters that would break the BibTeX field around it.
var urlReplacer = strings.NewReplacer("{", "%7B", "}", "%7D", `\`, "%5C")

func urlVerbatim(s string) string {
	return urlReplacer.Replace(strings.TrimSpace(s))
}

// bibKeys gives every paper its key; see WriteBibTeX. It takes linear
// time: each base remembers the next suffix to try, so a thousand papers on
// one base do not try a thousand suffixes each.
func bibKeys(papers []paperlist.Paper) []string {
	keys := make([]string, len(papers))
	used := make(map[string]bool, len(papers))
	next := make(map[string]int)
	for i := range papers {
		base := bibKeyBase(&papers[i], i)
		key := base
		if used[key] {
			n := max(next[base], 2)
			for key = base + letterSuffix(n); used[key]; key = base + letterSuffix(n) {
				n++
			}
			next[base] = n + 1
		}
		used[key] = true
		keys[i] = key
	}
	return keys
}

// letterSuffix numbers with letters: 1 "a", 2 "b", …, 26 "z", 27 "aa", 28 "ab".
func letterSuffix(n int) string {
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append(b, byte('a'+(n-1)%26))
	}
	slices.Reverse(b)
	return string(b)
}

func bibKeyBase(p *paperlist.Paper, index int) string {
	title := p.Title
	if title == "" {
		title = p.ListTitle
	}
	word := significantWord(title)
	year := ""
	if p.Year > 0 {
		year = strconv.Itoa(p.Year)
	}
	for _, a := range p.Authors {
		if strings.TrimSpace(a.Name) == "" {
			continue
		}
		if who := asciiWord(familyName(a.Name)); who != "" {
			return who + year + word
		}
		break
	}
	// No usable author name: the id's first word ("eurosys2023") already
	// carries venue and year.
	idWords := strings.FieldsFunc(strings.ToLower(p.ID), func(r rune) bool {
		return !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)))
	})
	switch {
	case len(idWords) > 0 && word != "":
		return idWords[0] + word
	case len(idWords) > 0:
		return strings.Join(idWords, "")
	case word != "":
		return "paper" + year + word
	}
	return "paper" + strconv.Itoa(index+1)
}

// stopWords are title words too common to name a paper.
var stopWords = map[string]bool{
	"a": true, "an": true, "the": true, "on": true, "of": true, "in": true, "for": true,
	"to": true, "and": true, "with": true, "towards": true, "toward": true, "via": true,
	"at": true, "by": true, "from": true, "is": true, "are": true, "do": true, "does": true,
	"how": true, "what": true, "when": true, "why": true, "into": true, "can": true,
}

// significantWord is the first title word that is not a stop word, folded
// to lower-case ASCII letters and digits ("AlpaServe:" -> "alpaserve",
// "Hi-Speed" -> "hispeed").
func significantWord(title string) string {
	var first string
	for _, w := range strings.Fields(title) {
		a := asciiWord(w)
		if a == "" {
			continue
		}
		if first == "" {
			first = a
		}
		if !stopWords[a] {
			return a
		}
	}
	return first
}

// asciiWord drops accents and keeps lower-case ASCII letters and digits:
// "Müller" -> "muller", "李" -> "".
func asciiWord(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
