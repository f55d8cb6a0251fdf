package readinglist

import (
	"strings"

	"github.com/paperlist/paperlist"
)

// colRole is what a table column holds, known from its header.
type colRole int

const (
	roleNone   colRole = iota
	roleTitle          // the paper title (Title, 论文)
	rolePaper          // a link to the paper, or the title when there is no Title column
	roleName           // a system's nickname: the title of last resort
	roleVenue          // Venue, Series, Conference: "OSDI'23", "[OSDI'23](u)"
	roleYear           // the venue year
	roleDate           // a preprint date ("2023.05"): never the venue year
	roleCode           // code links
	roleStatus         // ✅ / ⬜ read marks
	roleNotes          // free text kept as a note
	roleLinks          // labelled links: [Paper](u) / [Note](u)
)

// headerRoles maps a normalised column header to its role.
var headerRoles = map[string]colRole{
	"title": roleTitle, "paper title": roleTitle, "论文": roleTitle, "标题": roleTitle,
	"题目": roleTitle, "论文标题": roleTitle, "paper name": roleTitle,

	"paper": rolePaper, "papers": rolePaper, "pdf": rolePaper, "论文链接": rolePaper,

	"name": roleName, "scheduler": roleName, "system": roleName, "method": roleName,
	"model": roleName, "framework": roleName, "short name": roleName, "nickname": roleName,

	"venue": roleVenue, "conference": roleVenue, "conf": roleVenue, "series": roleVenue,
	"published": roleVenue, "publication": roleVenue, "journal": roleVenue,
	"booktitle": roleVenue, "会议": roleVenue, "期刊": roleVenue, "出处": roleVenue,
	"发表": roleVenue, "venue/year": roleVenue, "conference/journal": roleVenue,

	"year": roleYear, "年份": roleYear, "年": roleYear,

	"date": roleDate, "时间": roleDate, "日期": roleDate, "month": roleDate,

	"code": roleCode, "repo": roleCode, "github": roleCode, "source": roleCode,
	"source code": roleCode, "code link": roleCode, "repository": roleCode,
	"代码": roleCode, "implementation": roleCode,

	"status": roleStatus, "read": roleStatus, "done": roleStatus, "状态": roleStatus,

	"notes": roleNotes, "note": roleNotes, "comment": roleNotes, "comments": roleNotes,
	"remark": roleNotes, "remarks": roleNotes, "summary": roleNotes, "tl;dr": roleNotes,
	"description": roleNotes, "why it matters": roleNotes, "笔记": roleNotes,
	"备注": roleNotes, "简介": roleNotes, "说明": roleNotes,

	"links": roleLinks, "link": roleLinks, "url": roleLinks, "resources": roleLinks,
	"链接": roleLinks, "materials": roleLinks,
}

func headerRole(h string) colRole {
	t := strings.ToLower(stripEmphasis(stripEmoji(plainText(tokenize(h)))))
	t = strings.Trim(strings.Join(strings.Fields(t), " "), " .:")
	return headerRoles[t]
}

// table reads a GFM table whose header row is header (at line num), with
// its body rows. Each body row with a title is one entry. A table with no
// Title, Paper or Name column holds no papers.
func (p *parser) table(num int, header string, rows []rawLine) {
	idx := map[colRole]int{}
	for i, h := range splitRow(header) {
		if r := headerRole(h); r != roleNone {
			if _, dup := idx[r]; !dup {
				idx[r] = i
			}
		}
	}
	if blankRow(header) {
		idx[roleTitle] = 0 // no headers at all: the first column holds the titles
	}
	titleCol := -1
	for _, r := range []colRole{roleTitle, rolePaper, roleName} {
		if i, ok := idx[r]; ok {
			titleCol = i
			break
		}
	}
	if titleCol < 0 {
		p.warn(num, "table has no Title, Paper or Name column; its rows are not read")
		return
	}
	for _, l := range rows {
		p.row(l.num, splitRow(l.text), idx, titleCol)
	}
}

// row makes an entry from one table row.
func (p *parser) row(num int, cells []string, idx map[colRole]int, titleCol int) {
	cell := func(r colRole) string {
		if i, ok := idx[r]; ok && i < len(cells) {
			return strings.TrimSpace(cells[i])
		}
		return ""
	}
	if titleCol >= len(cells) {
		p.warn(num, "table row has fewer cells than its header; skipped")
		return
	}
	if p.inNonPaperSection(p.ctx, num) {
		return
	}
	first, more := splitBreaks(cells[titleCol])
	c := interpret(first, p.refs)
	c.cellLines(more, p.refs)
	if c.title == "" {
		if name := cell(roleName); name != "" {
			c.listTitle = name
			c.title, _ = cleanTitle(name)
		}
	}
	if c.title == "" {
		if strings.Trim(cells[titleCol], " -—") != "" {
			p.warn(num, "table row has no title; skipped")
		}
		return
	}
	if i, ok := idx[rolePaper]; ok && i != titleCol && i < len(cells) {
		for _, t := range p.refs.tokenize(cells[i]).toks {
			if t.kind == tokLink && labelKind(t.text) == "" && !t.badge() && c.link == "" {
				t.text = "paper" // a link in the Paper column is the paper
			}
			c.addLink(t)
		}
	}
	for _, t := range p.refs.tokenize(cell(roleCode)).toks {
		if t.kind == tokLink && labelKind(t.text) == "" {
			t.text = "code"
		}
		c.addLink(t)
	}
	for _, t := range p.refs.tokenize(cell(roleLinks)).toks {
		c.addLink(t)
	}
	c.finish()
	if vy, ok := venueCell(cell(roleVenue)); ok {
		c.vy = mergeVY(vy, c.vy)
		if vy.venue == "" {
			c.trail = strings.TrimSpace(c.trail + " " + cell(roleVenue)) // "Blog": words of the entry
		}
	}
	if y := firstYear(cell(roleYear)); y != 0 {
		c.vy.year = y
	} else if d := strings.TrimSpace(stripEmphasis(cell(roleDate))); len(d) == 4 && c.vy.year == 0 {
		c.vy.year = firstYear(d) // a Date column that holds only a year ("2022") is the year
	}
	if _, read := stripStatus(cell(roleStatus)); read || isYes(cell(roleStatus)) {
		c.read = true
	}
	e := paperlist.Entry{
		Venue:     p.ctx.venue,
		Year:      p.ctx.year,
		Section:   p.ctx.section,
		ListTitle: c.listTitle,
		Title:     c.title,
		Link:      c.link,
		Links:     c.links,
		Authors:   c.authors,
		Read:      c.read,
		Notes:     []string{},
		Line:      num,
		EndLine:   num,
		Kind:      entryKind(&c, p.ctx.venue != "" || p.ctx.year != 0),
		Struck:    c.struck,
	}
	e.TitleFromLink = c.nickname && e.Kind == paperlist.KindPaper
	e.Title = trimKindTag(e.Title)
	if n := cell(roleNotes); strings.Trim(n, " -—") != "" {
		e.Notes = append(e.Notes, n)
	}
	e.Notes = append(e.Notes, c.remarks...)
	if c.vy.venue != "" {
		e.Venue = c.vy.venue
	}
	if c.vy.year != 0 {
		e.Year = c.vy.year
	}
	p.add(e)
}

// notVenues are what people write in a Venue column for a paper that has
// no venue ("—", "Blog", "DeepGEMM PR"): words that make a cell no venue.
var notVenues = map[string]bool{
	"-": true, "—": true, "–": true, "n/a": true, "na": true, "none": true, "tbd": true,
	"?": true, "??": true, "???": true, "blog": true, "pr": true, "docs": true,
	"github": true, "website": true, "web": true, "online": true, "report": true,
	"preprint": true, "draft": true, "unpublished": true, "manuscript": true,
}

// venueCell reads a Venue/Series column: a tag such as "OSDI'23" or
// "[OSDI'23](url)", a known venue, or an unknown one written as a short
// name ("MASCOTS", "Future Internet"), which is kept as written. Cells that
// say there is no venue ("—", "Blog", "DeepGEMM PR", "??? '07") give at
// most a year.
func venueCell(raw string) (venueYear, bool) {
	v := strings.TrimSpace(stripEmphasis(plainText(tokenize(raw))))
	if v == "" {
		return venueYear{}, false
	}
	for _, w := range strings.Fields(strings.ToLower(v)) {
		if notVenues[strings.Trim(w, ".,'’")] || strings.Trim(w, "?") == "" {
			return venueYear{year: firstTwoOrFourDigitYear(v)}, true
		}
	}
	if vy, ok := parseVenueYear(v); ok {
		return vy, true
	}
	if plausibleVenueName(v) && len(strings.Fields(v)) <= 3 {
		return venueYear{venue: CanonicalVenue(v)}, true
	}
	return venueYear{}, false
}

// firstTwoOrFourDigitYear reads the year of a venue cell without a venue:
// "??? '07" is 2007, "Blog 2024" is 2024.
func firstTwoOrFourDigitYear(s string) int {
	if y := firstYear(s); y != 0 {
		return y
	}
	if i := strings.Index(s, "'"); i >= 0 && i+3 <= len(s) && allDigits(s[i+1:i+3]) && (i+3 == len(s) || !isDigit(s[i+3])) {
		return expandYear(s[i+1 : i+3])
	}
	return 0
}

// splitBreaks cuts a table cell at its HTML line breaks ("<br>", "<br/>",
// "<br />"): the first line and the rest.
func splitBreaks(cell string) (string, []string) {
	lower := strings.ToLower(cell)
	if !strings.Contains(lower, "<br") {
		return cell, nil
	}
	var parts []string
	for {
		i := strings.Index(lower, "<br")
		if i < 0 {
			break
		}
		j := strings.IndexByte(lower[i:], '>')
		if j < 0 {
			break
		}
		parts = append(parts, cell[:i])
		cell, lower = cell[i+j+1:], lower[i+j+1:]
	}
	parts = append(parts, cell)
	var lines []string
	for _, s := range parts {
		if strings.TrimSpace(s) != "" {
			lines = append(lines, s)
		}
	}
	if len(lines) == 0 {
		return "", nil
	}
	return lines[0], lines[1:]
}

// blankRow reports whether every cell of a table row is empty.
func blankRow(s string) bool {
	for _, c := range splitRow(s) {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// firstYear returns the first four-digit year in s, or 0.
func firstYear(s string) int {
	for i := 0; i+4 <= len(s); i++ {
		if allDigits(s[i:i+4]) && (i == 0 || !isDigit(s[i-1])) && (i+4 == len(s) || !isDigit(s[i+4])) {
			if y := expandYear(s[i : i+4]); y != 0 {
				return y
			}
		}
	}
	return 0
}

func isYes(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "x", "yes", "y", "read", "done", "已读":
		return true
	}
	return false
}

// splitRow splits a table row into cells at '|', except an escaped "\|" or
// one inside a code span, and drops the outer pipes.
func splitRow(s string) []string {
	s = strings.TrimSpace(s)
	s = strings.TrimPrefix(s, "|")
	if strings.HasSuffix(s, "|") && !strings.HasSuffix(s, "\\|") {
		s = s[:len(s)-1]
	}
	var cells []string
	var b strings.Builder
	code := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\' && i+1 < len(s) && s[i+1] == '|':
			b.WriteByte('|')
			i++
		case c == '`':
			code = !code
			b.WriteByte(c)
		case c == '|' && !code:
			cells = append(cells, b.String())
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	return append(cells, b.String())
}
