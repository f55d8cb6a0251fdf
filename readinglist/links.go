package readinglist

import (
	"net/url"
	"strings"
)

// Link kinds kept in Entry.Links. kindPaper is internal: a paper link becomes
// Entry.Link, and only a second one lands in Links (as "other").
const (
	kindPaper  = "paper"
	kindCode   = "code"
	kindSlides = "slides"
	kindArxiv  = "arxiv"
	kindVideo  = "video"
	kindNotes  = "notes"
	kindOther  = "other"
)

// labels maps a link label as people write it ("[[pdf]]", "[Code]",
// "[slides]") to the kind of link it is.
var labels = map[string]string{
	"paper": kindPaper, "pdf": kindPaper, "link": kindPaper, "url": kindPaper,
	"doi": kindPaper, "acm": kindPaper, "ieee": kindPaper, "usenix": kindPaper,
	"openreview": kindPaper, "html": kindPaper, "abs": kindPaper,
	"abstract": kindPaper, "proceedings": kindPaper, "publication": kindPaper,
	"full text": kindPaper, "fulltext": kindPaper, "论文": kindPaper,
	"paper link": kindPaper, "pdf link": kindPaper, "dl": kindPaper,

	"code": kindCode, "repo": kindCode, "github": kindCode, "source": kindCode,
	"source code": kindCode, "src": kindCode, "implementation": kindCode,
	"gitlab": kindCode, "artifact": kindCode, "代码": kindCode, "git": kindCode,

	"slides": kindSlides, "slide": kindSlides, "ppt": kindSlides,
	"pptx": kindSlides, "deck": kindSlides, "poster": kindSlides,

	"video": kindVideo, "talk": kindVideo, "youtube": kindVideo,
	"bilibili": kindVideo, "recording": kindVideo, "视频": kindVideo,

	"note": kindNotes, "notes": kindNotes, "笔记": kindNotes, "review": kindNotes,
	"summary": kindNotes, "reading notes": kindNotes, "my notes": kindNotes,

	"arxiv": kindArxiv, "arxiv version": kindArxiv, "preprint": kindArxiv,

	"blog": kindOther, "docs": kindOther, "doc": kindOther, "website": kindOther,
	"homepage": kindOther, "project": kindOther, "project page": kindOther,
	"demo": kindOther, "dataset": kindOther, "model": kindOther,
	"weights": kindOther, "huggingface": kindOther, "hf": kindOther,
	"bibtex": kindOther, "bib": kindOther, "zhihu": kindOther, "知乎": kindOther,
}

// labelKind returns the kind of a labelled link, or "" when the link text
// is not a label (it is then a title or a phrase).
func labelKind(text string) string {
	t := strings.ToLower(stripEmoji(text))
	t = strings.Trim(t, " \t\n[](){}*_`'\"")
	t = strings.Join(strings.Fields(t), " ")
	return labels[t]
}

// hostKind guesses a link's kind from its host when it carries no label.
func hostKind(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return kindOther
	}
	if isNoteFile(raw) {
		return kindNotes
	}
	switch h := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www."); {
	case h == "github.com" || h == "gitlab.com":
		return kindCode
	case h == "arxiv.org" || h == "export.arxiv.org" || h == "browse.arxiv.org":
		return kindArxiv
	case h == "youtube.com" || h == "youtu.be" || h == "bilibili.com" || h == "vimeo.com":
		return kindVideo
	}
	return kindOther
}

// isNoteFile reports whether a link points at a Markdown file next to the
// list ("gandiva.md", "../notes/x.md"): the list owner's own notes on the
// paper, never the paper.
func isNoteFile(raw string) bool {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Scheme != "" || u.Host != "" {
		return false
	}
	p := strings.ToLower(u.Path)
	return strings.HasSuffix(p, ".md") || strings.HasSuffix(p, ".markdown")
}

// isCodeHost reports whether a title link points at a code repository: the
// list gives the repository, not a paper page.
func isCodeHost(raw string) bool { return hostKind(raw) == kindCode }

// isAnchor reports whether a link only jumps within the document (a table
// of contents entry).
func isAnchor(u string) bool { return strings.HasPrefix(strings.TrimSpace(u), "#") }
