package pdfid

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"strings"
)

// A minimal PDF writer for the cases the real PDFs lack: one US Letter page
// whose text is set in the standard Helvetica fonts, which every reader
// carries, so the files need no embedded font.

// textLine is one line of a generated page: at (X, Y) points from the
// bottom left, in Helvetica (bold when Bold) at Size points.
type textLine struct {
	X, Y, Size float64
	Bold       bool
	Up         bool // runs upwards, as arXiv's stamp in the left margin
	Text       string
}

// genPDF describes a generated PDF.
type genPDF struct {
	Lines     []textLine
	InfoTitle string // written to the Info dictionary when not empty
	Encrypted bool   // adds a standard security handler whose user password is not empty
	// Raw replaces the page's content stream (then Lines are ignored);
	// Deflate compresses it.
	Raw     []byte
	Deflate bool
}

func (p genPDF) bytes() []byte {
	content := p.Raw
	if content == nil {
		var c bytes.Buffer
		for _, l := range p.Lines {
			font := "F1"
			if l.Bold {
				font = "F2"
			}
			matrix := "1 0 0 1"
			if l.Up {
				matrix = "0 1 -1 0"
			}
			fmt.Fprintf(&c, "BT /%s %g Tf %s %g %g Tm (%s) Tj ET\n", font, l.Size, matrix, l.X, l.Y, pdfString(l.Text))
		}
		content = c.Bytes()
	}
	filter := ""
	if p.Deflate {
		var z bytes.Buffer
		w, _ := zlib.NewWriterLevel(&z, zlib.BestSpeed)
		w.Write(content)
		w.Close()
		content, filter = z.Bytes(), " /Filter /FlateDecode"
	}
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R /F2 6 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d%s >>\nstream\n%s\nendstream", len(content), filter, content),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Title (%s) /Producer (pdfid test) >>", pdfString(p.InfoTitle)),
	}
	trailer := "/Info 7 0 R"
	if p.Encrypted {
		objs = append(objs, fmt.Sprintf("<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 >>",
			strings.Repeat("5a", 32), strings.Repeat("a5", 32)))
		trailer += " /Encrypt 8 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]"
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objs))
	for i, o := range objs {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objs)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R %s >>\nstartxref\n%d\n%%%%EOF\n", len(objs)+1, trailer, xref)
	return b.Bytes()
}

// pdfString escapes s for a PDF literal string in WinAnsiEncoding (the
// tests use only Latin-1 text).
func pdfString(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '(' || r == ')' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x80:
			b.WriteRune(r)
		default:
			fmt.Fprintf(&b, "\\%03o", r)
		}
	}
	return b.String()
}

// bodyLines is a paragraph of 10-point text starting at y, the size most of
// a paper's first page is set in.
func bodyLines(y float64) []textLine {
	text := []string{
		"We study how a reading list names its papers and how a program can tell",
		"which paper a link points to when the text of the link is only a nickname.",
		"The first page of a paper carries its title in a large font near the top,",
		"the names of its authors below, and an abstract in the font of the text.",
		"Running headers and banners of venues sit above the title in small type.",
		"This paragraph is long enough to set the size of the body text of the page.",
	}
	var ls []textLine
	for i, t := range text {
		ls = append(ls, textLine{X: 72, Y: y - float64(i)*12, Size: 10, Text: t})
	}
	return ls
}
