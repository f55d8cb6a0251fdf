package readinglist

import (
	"net/url"
	"strings"

	"github.com/paperlist/paperlist"
)

// Entries that are not papers (a book, a blog post, a talk, a course, a
// code repository) stay entries, with Kind saying what they are, so that
// the enricher never matches them to a paper. The entry's own words win
// ("(book)", "blog post", "talk at …", "[Course]"); then the link's host
// and path (medium.com, *.substack.com, blog.*, /blog/, amazon/O'Reilly/
// Manning book pages, YouTube, a GitHub repository); else it is a paper.
// Words decide only for an entry that names no venue of its own.
// A venue or year (the entry's or its heading's) or a paper link ([pdf],
// arXiv) keeps a GitHub-linked entry a paper: many lists link a paper's
// title to its code.

// kindWords maps a word of the entry (outside its title) to a kind.
var kindWords = map[string]paperlist.Kind{
	"book": paperlist.KindBook, "textbook": paperlist.KindBook, "ebook": paperlist.KindBook,
	"blog": paperlist.KindPost, "post": paperlist.KindPost, "blogpost": paperlist.KindPost,
	"article": paperlist.KindPost, "essay": paperlist.KindPost, "newsletter": paperlist.KindPost,
	"talk": paperlist.KindOther, "keynote": paperlist.KindOther, "lecture": paperlist.KindOther,
	"lectures": paperlist.KindOther, "video": paperlist.KindOther, "podcast": paperlist.KindOther,
	"course": paperlist.KindOther, "tutorial": paperlist.KindOther, "webinar": paperlist.KindOther,
	"library": paperlist.KindSoftware, "tool": paperlist.KindSoftware,
	"repo": paperlist.KindSoftware, "repository": paperlist.KindSoftware,
}

// entryKind decides what an entry is from its words and its link. placed
// reports whether a venue or year heading applies to the entry.
func entryKind(c *content, placed bool) paperlist.Kind {
	if c.vy.venue == "" && !c.citation {
		// "OSDI 2020 (great talk)" is still a paper: words decide only
		// for an entry that names no venue.
		if k := kindFromWords(c.trail); k != "" {
			return k
		}
		if k := kindFromWords(bracketWords(c.listTitle)); k != "" {
			return k
		}
	}
	k := kindFromLink(c.link)
	if c.link == "" && len(c.links) > 0 {
		// No paper link, only a labelled one: "**Some Blog Post** [Blog](…/blog)".
		if lk := kindFromLink(c.links[0].URL); lk == paperlist.KindPost || lk == paperlist.KindBook {
			k = lk
		}
	}
	if k == paperlist.KindSoftware && (placed || !c.vy.empty() || c.citation || hasPaperLink(c)) {
		return paperlist.KindPaper
	}
	if k != "" {
		return k
	}
	return paperlist.KindPaper
}

// kindFromWords returns the kind the first kind word of s names, or "".
func kindFromWords(s string) paperlist.Kind {
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r == '-')
	}) {
		if k, ok := kindWords[w]; ok {
			return k
		}
	}
	return ""
}

// bracketWords returns the text of the bracketed or parenthesized tags of a
// title as written ("[Book] Title", "Title (blog)"), where a kind is named.
func bracketWords(s string) string {
	var b strings.Builder
	for _, p := range [][2]byte{{'[', ']'}, {'(', ')'}} {
		rest := s
		for {
			i := strings.IndexByte(rest, p[0])
			if i < 0 {
				break
			}
			j := strings.IndexByte(rest[i:], p[1])
			if j < 0 {
				break
			}
			if inner := rest[i+1 : i+j]; len(strings.Fields(inner)) <= 2 {
				b.WriteString(inner)
				b.WriteByte(' ')
			}
			rest = rest[i+j+1:]
		}
	}
	return b.String()
}

// kindFromLink returns the kind a link's host and path say, or "".
func kindFromLink(raw string) paperlist.Kind {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return ""
	}
	h := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
	p := strings.ToLower(u.Path)
	segs := strings.FieldsFunc(p, func(r rune) bool { return r == '/' })
	switch {
	case strings.HasSuffix(p, ".pdf"):
		return "" // a PDF is read as a paper wherever it lives
	case h == "medium.com" || strings.HasSuffix(h, ".medium.com") || strings.HasSuffix(h, ".substack.com") ||
		strings.HasPrefix(h, "blog.") || strings.HasPrefix(h, "blogs.") || h == "dev.to" ||
		strings.HasSuffix(h, ".blogspot.com") || strings.HasSuffix(h, ".wordpress.com") ||
		hasSeg(segs, "blog") || hasSeg(segs, "blogs") || hasSeg(segs, "posts"):
		return paperlist.KindPost
	case strings.HasPrefix(h, "amazon.") && (hasSeg(segs, "dp") || hasSeg(segs, "gp")),
		(h == "oreilly.com" || h == "learning.oreilly.com") && (hasSeg(segs, "library") || hasSeg(segs, "catalog")),
		h == "manning.com" && hasSeg(segs, "books"),
		h == "pragprog.com" && hasSeg(segs, "titles"),
		h == "nostarch.com", h == "books.google.com":
		return paperlist.KindBook
	case h == "youtube.com" || h == "m.youtube.com" || h == "youtu.be" || h == "vimeo.com" ||
		h == "bilibili.com" || h == "infoq.com" && hasSeg(segs, "presentations"):
		return paperlist.KindOther
	case (h == "github.com" || h == "gitlab.com") && len(segs) == 2:
		return paperlist.KindSoftware
	}
	return ""
}

func hasSeg(segs []string, s string) bool {
	for _, g := range segs {
		if g == s {
			return true
		}
	}
	return false
}

// hasPaperLink reports whether the entry links a paper besides its title
// link: a PDF or an arXiv copy.
func hasPaperLink(c *content) bool {
	for _, l := range c.links {
		if l.Kind == kindArxiv || strings.HasSuffix(strings.ToLower(l.URL), ".pdf") {
			return true
		}
	}
	return false
}

// isNickname reports whether a title link's text is a nickname for the
// PDF it links ("[Raft Paper](…/raft.pdf)", "[MapReduce](…/mapreduce-osdi04.pdf)"):
// two words or fewer without a colon, or words ending in "paper" or "pdf".
// The title is then in the PDF, not in the list.
func isNickname(title, link string) bool {
	if !isPDFLink(link) {
		return false
	}
	ws := strings.Fields(strings.ToLower(title))
	if len(ws) == 0 {
		return false
	}
	switch ws[len(ws)-1] {
	case "paper", "pdf", "(pdf)", "[pdf]":
		return true
	}
	return len(ws) <= 2 && !strings.Contains(title, ":")
}

// isPDFLink reports whether a link points straight at a PDF.
func isPDFLink(raw string) bool {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return false
	}
	p := strings.ToLower(u.Path)
	return strings.HasSuffix(p, ".pdf") || strings.HasPrefix(strings.ToLower(u.Hostname()), "arxiv.org") && strings.HasPrefix(p, "/pdf/")
}

// trimKindTag removes a trailing tag that names the entry's kind from its
// title: "Raft (talk)", "Database Internals [book]".
func trimKindTag(title string) string {
	t := strings.TrimSpace(title)
	if t == "" || t[len(t)-1] != ')' && t[len(t)-1] != ']' {
		return title
	}
	i := strings.LastIndexAny(t, "([")
	if i <= 0 {
		return title
	}
	if _, ok := kindWords[strings.ToLower(strings.TrimSpace(t[i+1:len(t)-1]))]; !ok {
		return title
	}
	return strings.TrimSpace(t[:i])
}
