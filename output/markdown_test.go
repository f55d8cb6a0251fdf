package output

import (
	"bytes"
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/paperlist/paperlist"
)

// seedEntries is a small stand-in for the reading-list parser, enough for
// testdata/seed.md: "# venue" and "## year" headings, top-level items are
// papers unless they are the group names, items under a group are papers,
// deeper items are notes (lines added by an earlier run included, as the
// parser sees them). It keeps the tests independent of package readinglist.
func seedEntries(t testing.TB, src []byte) []paperlist.Entry {
	t.Helper()
	item := regexp.MustCompile(`^( *)[-*+] (\[x\] )?(.*)$`)
	link := regexp.MustCompile(`^\[(.*)\]\((.*)\)$`)
	groups := map[string]bool{"misc": true, "GPU share": true}
	text := strings.ReplaceAll(string(src), "\r\n", "\n")
	lines := strings.Split(text, "\n")
	var (
		entries   []paperlist.Entry
		venue     string
		year      int
		groupName string
		cur       *paperlist.Entry
		curIndent int
	)
	flush := func() {
		if cur != nil {
			entries = append(entries, *cur)
			cur = nil
		}
	}
	for i, l := range lines {
		n := i + 1
		switch {
		case strings.HasPrefix(l, "## "):
			flush()
			year, _ = strconv.Atoi(strings.TrimSpace(l[3:]))
			groupName = ""
			continue
		case strings.HasPrefix(l, "# "):
			flush()
			venue = strings.TrimSpace(l[2:])
			groupName = ""
			continue
		case strings.TrimSpace(l) == "":
			continue
		}
		m := item.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("seed line %d is neither heading nor item: %q", n, l)
		}
		indent, body := len(m[1]), strings.TrimSpace(m[3])
		if cur != nil && indent > curIndent {
			cur.Notes = append(cur.Notes, body)
			cur.EndLine = n
			continue
		}
		flush()
		if indent == 0 && groups[body] {
			groupName = body
			continue
		}
		if indent == 0 {
			groupName = ""
		}
		e := paperlist.Entry{Venue: venue, Year: year, Group: groupName, ListTitle: body, Title: body,
			Read: m[2] != "", Line: n, EndLine: n}
		if lm := link.FindStringSubmatch(body); lm != nil {
			e.ListTitle, e.Title, e.Link = lm[1], lm[1], lm[2]
		}
		cur, curIndent = &e, indent
	}
	flush()
	return entries
}

// seedPapers makes one record per entry, as the enricher would: most are
// ok with real-looking authors, a few carry real values, some are
// unresolved.
func seedPapers(entries []paperlist.Entry) []paperlist.Paper {
	papers := make([]paperlist.Paper, len(entries))
	for i, e := range entries {
		p := paperlist.FromEntry(e)
		p.ID = strings.ToLower(e.Venue) + strconv.Itoa(e.Year) + "-" + asciiWord(strings.Fields(e.Title)[0])
		p.Status = paperlist.StatusOK
		p.Authors = []paperlist.Author{{Name: "Ada Lovelace"}, {Name: "Alan Turing"}}
		p.Booktitle = "Proceedings of the " + e.Venue + " conference"
		p.Pages = strconv.Itoa(100+i) + "-" + strconv.Itoa(112+i)
		switch {
		case strings.HasPrefix(e.Title, "AlpaServe"):
			p.Authors = names("Zhuohan Li", "Lianmin Zheng", "Yinmin Zhong", "Vincent Liu", "Ying Sheng", "Xin Jin",
				"Yanping Huang", "Zhifeng Chen", "Hao Zhang", "Joseph E. Gonzalez", "Ion Stoica")
			p.PDFURL = "https://www.usenix.org/system/files/osdi23-li-zhuohan.pdf"
			p.Booktitle = "17th USENIX Symposium on Operating Systems Design and Implementation (OSDI 23)"
			p.Pages = "663-679"
		case strings.HasPrefix(e.Title, "Gradient Compression"):
			p.Authors = names("Youhui Bai", "Cheng Li", "Quan Zhou", "Jun Yi", "Ping Gong", "Feng Yan", "Ruichuan Chen", "Yinlong Xu")
			p.DOI = "10.1145/3477132.3483553"
			p.Booktitle = "Proceedings of the ACM SIGOPS 28th Symposium on Operating Systems Principles"
			p.Pages = "359-375"
		case strings.HasPrefix(e.Title, "FlashNeuron"):
			p.Authors = names("Jonghyun Bae", "Jongsung Lee")
			p.PDFURL = "https://www.usenix.org/system/files/fast21-bae.pdf"
			p.Pages = "387-401"
		case strings.HasPrefix(e.Title, "Pocket"), strings.HasPrefix(e.Title, "Varuna"):
			p.Status = paperlist.StatusNotFound
			p.Authors = []paperlist.Author{}
			p.Booktitle, p.Pages = "", ""
			p.Errors = []string{"no record matched"}
		case strings.HasPrefix(e.Title, "HiveD"):
			p.Status = paperlist.StatusBlocked
		}
		papers[i] = p
	}
	return papers
}

func names(ns ...string) []paperlist.Author {
	as := make([]paperlist.Author, len(ns))
	for i, n := range ns {
		as[i] = paperlist.Author{Name: n, Affiliation: "UC Berkeley"}
	}
	return as
}

// stripAdded removes every line that contains the marker, and with a last
// such line that had no line ending, the ending before it.
func stripAdded(b []byte) []byte {
	var out []byte
	for _, l := range splitAfterEOL(b) {
		if bytes.Contains(l, []byte(MarkdownMarker)) {
			if !bytes.HasSuffix(l, []byte("\n")) && !bytes.HasSuffix(l, []byte("\r")) {
				out = bytes.TrimSuffix(out, []byte("\n"))
				out = bytes.TrimSuffix(out, []byte("\r"))
			}
			continue
		}
		out = append(out, l...)
	}
	return out
}

// splitAfterEOL cuts after each "\n" (so "\r\n" stays with its line).
func splitAfterEOL(b []byte) [][]byte { return bytes.SplitAfter(b, []byte("\n")) }

func readSeed(t testing.TB) []byte {
	t.Helper()
	src, err := os.ReadFile("testdata/seed.md")
	if err != nil {
		t.Fatal(err)
	}
	return src
}

func outLines(b []byte) []string {
	return strings.Split(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n")
}

func TestSeedEntriesStandIn(t *testing.T) {
	entries := seedEntries(t, readSeed(t))
	if len(entries) != 57 {
		t.Fatalf("stand-in parser found %d entries in seed.md, want 57", len(entries))
	}
	last := entries[len(entries)-1]
	if !strings.HasPrefix(last.Title, "FlashNeuron") || last.Line != 174 || last.EndLine != 176 {
		t.Errorf("last entry = %q lines %d-%d", last.Title, last.Line, last.EndLine)
	}
}

func TestMarkdownSeed(t *testing.T) {
	src := readSeed(t)
	entries := seedEntries(t, src)
	papers := seedPapers(entries)
	out, err := Markdown(src, entries, papers)
	if err != nil {
		t.Fatal(err)
	}
	if got := stripAdded(out); !bytes.Equal(got, src) {
		t.Fatalf("without the added lines the list is not the original (%d vs %d bytes)", len(got), len(src))
	}
	enriched := 0
	for _, p := range papers {
		if p.Status == paperlist.StatusOK {
			enriched++
		}
	}
	if got := bytes.Count(out, []byte(MarkdownMarker)); got != enriched {
		t.Errorf("%d lines added, want one per enriched paper (%d)", got, enriched)
	}
	lines := outLines(out)
	// after returns the output line that follows the entry whose line
	// starts with prefix (after its notes), and that entry's line.
	after := func(prefix string) string {
		t.Helper()
		for i, l := range lines {
			if strings.HasPrefix(strings.TrimLeft(l, " -*+"), prefix) || strings.HasPrefix(strings.TrimLeft(l, " -*+"), "[x] "+prefix) {
				j := i + 1
				for j < len(lines) && !strings.Contains(lines[j], MarkdownMarker) && strings.HasPrefix(lines[j], strings.Repeat(" ", 4+len(l)-len(strings.TrimLeft(l, " ")))) {
					j++
				}
				return lines[j]
			}
		}
		t.Fatalf("no line starts with %q", prefix)
		return ""
	}
	tests := []struct {
		entry, want string
	}{
		// Notes with "*" at 4 spaces: the added line copies them.
		{"[AlpaServe:", "    * Zhuohan Li, Lianmin Zheng, Yinmin Zhong et al. · [PDF](https://www.usenix.org/system/files/osdi23-li-zhuohan.pdf) " + MarkdownMarker},
		// No notes, top level: the list's children marker at that depth is "*".
		{"[Hydro:", "    * Ada Lovelace, Alan Turing " + MarkdownMarker},
		// Under a group, notes with "+" at 8 spaces.
		{"[Cocktailer:", "        + Ada Lovelace, Alan Turing " + MarkdownMarker},
		// A note written with "-" is followed.
		{"[A Unified Architecture", "    - Ada Lovelace, Alan Turing " + MarkdownMarker},
		// A DOI link.
		{"[Gradient Compression", "    * Youhui Bai, Cheng Li, Quan Zhou et al. · [DOI](https://doi.org/10.1145/3477132.3483553) " + MarkdownMarker},
		// Two notes; the line comes after the last one.
		{"[FlashNeuron", "    * Jonghyun Bae, Jongsung Lee · [PDF](https://www.usenix.org/system/files/fast21-bae.pdf) " + MarkdownMarker},
		// Unresolved and blocked papers get no line.
		{"Pocket:", "- MariusGNN: Resource-Efficient Out-of-Core Training of Graph Neural Networks"},
		{"[HiveD:", "    * [AntMan: Dynamic Scaling on GPU Clusters for Deep Learning](https://www.usenix.org/conference/osdi20/presentation/xiao)"},
		// A bare-text paper under a group (indent 4, no notes): children of
		// 4-space items use "+" in this list.
		{"ScalaGraph:", "        + Ada Lovelace, Alan Turing " + MarkdownMarker},
	}
	for _, tt := range tests {
		if got := after(tt.entry); got != tt.want {
			t.Errorf("after %s:\n got %q\nwant %q", tt.entry, got, tt.want)
		}
	}
	if !bytes.HasSuffix(out, []byte("batch size可放大12~14x\n    * Jonghyun Bae, Jongsung Lee · [PDF](https://www.usenix.org/system/files/fast21-bae.pdf) <!-- paperlist -->\n\n\n")) {
		t.Errorf("the end of the list changed: %q", out[len(out)-120:])
	}
	again, _ := Markdown(src, entries, papers)
	if !bytes.Equal(out, again) {
		t.Error("Markdown is not deterministic")
	}
}

func TestMarkdownSecondRunIsIdempotent(t *testing.T) {
	src := readSeed(t)
	entries := seedEntries(t, src)
	first, err := Markdown(src, entries, seedPapers(entries))
	if err != nil {
		t.Fatal(err)
	}
	// The second run parses the annotated list: line numbers shift, and the
	// added lines are notes of their entries.
	entries2 := seedEntries(t, first)
	papers2 := seedPapers(entries2)
	second, err := Markdown(first, entries2, papers2)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(first, second) {
		t.Fatalf("second run changed the list:\n%s", firstDiff(first, second))
	}
	// A paper that is no longer enriched loses its line; one whose authors
	// changed has its line replaced, not duplicated.
	for i := range papers2 {
		switch {
		case strings.HasPrefix(papers2[i].Title, "AlpaServe"):
			papers2[i].Status = paperlist.StatusError
		case strings.HasPrefix(papers2[i].Title, "Hydro"):
			papers2[i].Authors = names("Yuxuan Hu")
		}
	}
	third, err := Markdown(first, entries2, papers2)
	if err != nil {
		t.Fatal(err)
	}
	s := string(third)
	if strings.Contains(s, "Zhuohan Li") {
		t.Error("the line of a paper that is no longer enriched was kept")
	}
	if !strings.Contains(s, "presentation/hu)\n    * Yuxuan Hu "+MarkdownMarker+"\n\n") {
		t.Error("Hydro's line was not replaced by the new authors")
	}
	if got := strings.Count(s, MarkdownMarker); got != strings.Count(string(first), MarkdownMarker)-1 {
		t.Errorf("%d marker lines after the third run", got)
	}
}

func TestMarkdownLineEndings(t *testing.T) {
	src := readSeed(t)
	entries := seedEntries(t, src)
	papers := seedPapers(entries)
	crlf := bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n"))
	out, err := Markdown(crlf, entries, papers)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(out, []byte("\n")); n != bytes.Count(out, []byte("\r\n")) {
		t.Errorf("CRLF list has %d bare LF line ends", n-bytes.Count(out, []byte("\r\n")))
	}
	if !bytes.Contains(out, []byte("(Deep Learning Serving)\r\n    * Zhuohan Li")) {
		t.Error("AlpaServe's line is not after its note with CRLF")
	}
	if got := stripAdded(out); !bytes.Equal(got, crlf) {
		t.Error("without the added lines the CRLF list is not the original")
	}

	tests := []struct {
		name, src, want string
	}{
		{"no final newline", "- [A](https://a.example/a)\n    * note",
			"- [A](https://a.example/a)\n    * note\n    * Ada Lovelace, Alan Turing " + MarkdownMarker},
		{"no final newline, CRLF", "- [A](https://a.example/a)\r\n- [B](https://a.example/b)",
			"- [A](https://a.example/a)\r\n    - Ada Lovelace, Alan Turing " + MarkdownMarker + "\r\n- [B](https://a.example/b)\r\n    - Ada Lovelace, Alan Turing " + MarkdownMarker},
		{"old last line without newline replaced", "- [A](https://a.example/a)\n    * Old Author " + MarkdownMarker,
			"- [A](https://a.example/a)\n    - Ada Lovelace, Alan Turing " + MarkdownMarker},
		{"ordered list", "1. [A](https://a.example/a)\n",
			"1. [A](https://a.example/a)\n    - Ada Lovelace, Alan Turing " + MarkdownMarker + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lines := splitLines([]byte(tt.src))
			var entries []paperlist.Entry
			var papers []paperlist.Paper
			for i, l := range lines {
				if it, ok := parseListItem(l.text); ok && it.width == 0 {
					entries = append(entries, paperlist.Entry{Title: l.text, Line: i + 1, EndLine: i + 1})
				} else if len(entries) > 0 && strings.TrimSpace(l.text) != "" {
					entries[len(entries)-1].EndLine = i + 1
				}
			}
			for _, e := range entries {
				papers = append(papers, paperlist.Paper{Listed: paperlist.Listed{Line: e.Line}, Status: paperlist.StatusOK, Authors: names("Ada Lovelace", "Alan Turing")})
			}
			got, err := Markdown([]byte(tt.src), entries, papers)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Errorf("got\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestMarkdownRejectsStaleEntries(t *testing.T) {
	src := []byte("- [A](https://a.example/a)\n")
	_, err := Markdown(src, []paperlist.Entry{{Title: "A", Line: 1, EndLine: 3}}, nil)
	if err == nil || !strings.Contains(err.Error(), "lines 1-3, the list has 1 lines") {
		t.Errorf("err = %v, want one naming the lines", err)
	}
}

func TestMarkdownEscapesNamesAndURLs(t *testing.T) {
	p := paperlist.Paper{
		Authors: names("Ana_Maria [Bot]", "José Müller", "李成", "Dan <b>"),
		PDFURL:  "https://a.example/paper (final).pdf",
	}
	want := `Ana\_Maria \[Bot\], José Müller, 李成 et al. · [PDF](https://a.example/paper%20%28final%29.pdf)`
	if got := markdownAddition(&p); got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func firstDiff(a, b []byte) string {
	la, lb := outLines(a), outLines(b)
	for i := 0; i < len(la) && i < len(lb); i++ {
		if la[i] != lb[i] {
			return "line " + strconv.Itoa(i+1) + ":\n" + la[i] + "\n" + lb[i]
		}
	}
	return "lengths " + strconv.Itoa(len(la)) + " vs " + strconv.Itoa(len(lb))
}

func BenchmarkMarkdown(b *testing.B) {
	src := readSeed(b)
	entries := seedEntries(b, src)
	papers := seedPapers(entries)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Markdown(src, entries, papers); err != nil {
			b.Fatal(err)
		}
	}
}
