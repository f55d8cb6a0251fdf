package pdfid

import (
	"math"
	"strings"

	"golang.org/x/text/unicode/norm"
)

// line is one line of the first page: glyphs that follow one another in the
// content and share a baseline.
type line struct {
	Text   string // with spaces; a wide gap (another column) is a tab
	Main   string // the same without glyphs much smaller than Size (superscript marks)
	Size   float64
	Top    float64 // of the tallest glyph, in points from the page's bottom
	Bottom float64
	Left   float64
	Bold   bool
}

// wideGap is the horizontal gap, in ems, that separates two items on one
// baseline (authors set apart with \quad, a header's left and right parts)
// rather than two words: on the real PDFs words are at most 0.5 em apart and
// items at least 0.95 em.
const wideGap = 0.8

// lines groups the page's glyphs into lines in content order, which for
// the top of a paper's first page is reading order.
func lines(gs []glyph) []line {
	var out []line
	var cur []glyph
	flush := func() {
		if l, ok := makeLine(cur); ok {
			out = append(out, l)
		}
		cur = nil
	}
	for _, g := range gs {
		switch {
		case g.Text == "\r" || g.Text == "\n" || g.Text == "\r\n":
			flush()
			continue
		case g.Text == "" || g.Size == 0 && strings.TrimSpace(g.Text) != "":
			continue
		case g.Size == 0 || strings.TrimSpace(g.Text) == "":
			cur = append(cur, glyph{Text: " "})
			continue
		}
		if len(cur) > 0 && !sameLine(cur, g) {
			flush()
		}
		cur = append(cur, g)
	}
	flush()
	return out
}

// sameLine reports whether g continues the line of glyphs cur: its middle
// lies within the vertical extent of the line's glyphs.
func sameLine(cur []glyph, g glyph) bool {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, c := range cur {
		if c.Size == 0 {
			continue
		}
		lo, hi = math.Min(lo, c.Bottom), math.Max(hi, c.Top)
	}
	if math.IsInf(lo, 1) {
		return true
	}
	mid := (g.Bottom + g.Top) / 2
	return mid >= lo-1 && mid <= hi+1
}

func makeLine(gs []glyph) (line, bool) {
	gs = composeAccents(gs)
	weight := map[float64]int{}
	l := line{Top: math.Inf(-1), Bottom: math.Inf(1), Left: math.Inf(1)}
	bold := 0
	letters := 0
	for _, g := range gs {
		if g.Size == 0 {
			continue
		}
		sz := math.Round(g.Size*10) / 10
		weight[sz] += len(g.Text)
		l.Top, l.Bottom, l.Left = math.Max(l.Top, g.Top), math.Min(l.Bottom, g.Bottom), math.Min(l.Left, g.Left)
		letters++
		if g.Bold {
			bold++
		}
	}
	if letters == 0 {
		return line{}, false
	}
	for sz, n := range weight {
		if n > weight[l.Size] || n == weight[l.Size] && sz > l.Size {
			l.Size = sz
		}
	}
	l.Bold = bold*2 > letters
	var text, main strings.Builder
	var prev *glyph
	for i := range gs {
		g := &gs[i]
		if g.Size == 0 {
			text.WriteByte(' ')
			main.WriteByte(' ')
			continue
		}
		if prev != nil && g.Left-prev.Right > wideGap*l.Size {
			text.WriteByte('\t')
			main.WriteByte('\t')
		}
		text.WriteString(g.Text)
		if g.Size >= 0.8*l.Size {
			main.WriteString(g.Text)
		} else {
			main.WriteByte(' ')
		}
		prev = g
	}
	l.Text, l.Main = tidy(text.String()), tidy(main.String())
	return l, l.Text != ""
}

// tidy folds runs of spaces and trims; a tab (column gap) wins over spaces.
func tidy(s string) string {
	var b strings.Builder
	pending := byte(0)
	for _, r := range s {
		switch r {
		case ' ', '\u00a0':
			if pending == 0 {
				pending = ' '
			}
			continue
		case '\t':
			pending = '\t'
			continue
		}
		if pending != 0 && b.Len() > 0 {
			b.WriteByte(pending)
		}
		pending = 0
		b.WriteRune(r)
	}
	return b.String()
}

// spacingAccents maps accents that TeX and old PDF producers draw as
// separate glyphs over a letter to their combining forms.
var spacingAccents = map[string]string{
	"´": "\u0301", "`": "\u0300", "¨": "\u0308", "ˆ": "\u0302", "^": "\u0302",
	"˜": "\u0303", "~": "\u0303", "¸": "\u0327", "˚": "\u030a", "ˇ": "\u030c",
	"˘": "\u0306", "˙": "\u0307", "˝": "\u030b", "˛": "\u0328", "¯": "\u0304",
}

// composeAccents attaches an accent glyph to the letter it is drawn over
// (the nearest glyph whose horizontal extent covers the accent's middle)
// and removes it from the run.
func composeAccents(gs []glyph) []glyph {
	out := make([]glyph, 0, len(gs))
	var accents []glyph
	for _, g := range gs {
		if _, ok := spacingAccents[g.Text]; ok && g.Size > 0 {
			accents = append(accents, g)
			continue
		}
		out = append(out, g)
	}
	for _, a := range accents {
		mid := (a.Left + a.Right) / 2
		best, dist := -1, math.Inf(1)
		for i, g := range out {
			if g.Size == 0 || len([]rune(g.Text)) != 1 {
				continue
			}
			if mid >= g.Left-1 && mid <= g.Right+1 {
				if d := math.Abs(mid - (g.Left+g.Right)/2); d < dist {
					best, dist = i, d
				}
			}
		}
		if best < 0 {
			continue // a lone accent says nothing; drop it
		}
		out[best].Text = norm.NFC.String(out[best].Text + spacingAccents[a.Text])
	}
	return out
}
