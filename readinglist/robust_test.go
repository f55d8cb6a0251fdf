package readinglist

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestParseRejects(t *testing.T) {
	tests := []struct {
		name string
		src  []byte
		want error
	}{
		{"nil", nil, ErrEmpty},
		{"white space", []byte(" \n\t\r\n  \n"), ErrEmpty},
		{"BOM only", []byte("\xEF\xBB\xBF\n"), ErrEmpty},
		{"NUL bytes", []byte("# osdi\n- [A Title: B](u)\x00\x00\n"), ErrBinary},
		{"mostly invalid UTF-8", bytes.Repeat([]byte("a\xff\xfe"), 100), ErrBinary},
		{"UTF-16", []byte("\xFF\xFE#\x00 \x00o\x00"), ErrBinary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse(tt.src)
			if !errors.Is(err, tt.want) {
				t.Fatalf("Parse() error = %v, want %v", err, tt.want)
			}
			if len(res.Entries) != 0 {
				t.Errorf("Parse() gave %d entries with an error", len(res.Entries))
			}
		})
	}
	if _, err := Parse(nil); err == nil || err.Error() != "empty list" {
		t.Errorf("Parse(nil) error = %v, want \"empty list\"", err)
	}
	if _, err := Parse([]byte{0, 1, 2}); err == nil || !strings.HasPrefix(err.Error(), "input looks binary") {
		t.Errorf("Parse(binary) error = %v, want \"input looks binary...\"", err)
	}
}

func TestParseMalformed(t *testing.T) {
	long := strings.Repeat("Long ", 2000) // 10,000 characters
	longURL := "https://example.org/" + strings.Repeat("x", 10000)
	tests := []struct {
		name     string
		src      string
		titles   []string
		venues   []string // "Venue Year" per entry
		notes    [][]string
		lines    []int
		warnings []string // substrings, each must appear in a warning ("line N: ...")
	}{
		{
			name:     "no headings",
			src:      "- [Pollux: Co-adaptive Cluster Scheduling](https://u/1)\n- Orca: A Distributed Serving System\n",
			titles:   []string{"Pollux: Co-adaptive Cluster Scheduling", "Orca: A Distributed Serving System"},
			venues:   []string{" 0", " 0"},
			lines:    []int{1, 2},
			warnings: []string{"line 1: 2 entries have no venue or year"},
		},
		{
			name:   "tabs",
			src:    "# osdi\n## 2023\n- [Welder: Scheduling](u)\n\t* note a\n\t\t+ deeper\n\t* note b\n- [Hydro: Tuning](v)\n",
			titles: []string{"Welder: Scheduling", "Hydro: Tuning"},
			venues: []string{"OSDI 2023", "OSDI 2023"},
			notes:  [][]string{{"note a", "deeper", "note b"}, nil},
			lines:  []int{3, 7},
		},
		{
			name:   "two, three and eight spaces",
			src:    "# sosp\n## 2021\n- [HEALER: Fuzzing](u)\n  * two\n   * three\n        * eight\n- misc\n  * [LineFS: Offload](v)\n     + under LineFS\n",
			titles: []string{"HEALER: Fuzzing", "LineFS: Offload"},
			venues: []string{"SOSP 2021", "SOSP 2021"},
			notes:  [][]string{{"two", "three", "eight"}, {"under LineFS"}},
			lines:  []int{3, 8},
		},
		{
			name:   "CRLF",
			src:    "# fast\r\n## 2021\r\n\r\n- [FlashNeuron: SSD-Enabled Training](https://x/bae)\r\n    * 数据从GPU换出到SSD\r\n",
			titles: []string{"FlashNeuron: SSD-Enabled Training"},
			venues: []string{"FAST 2021"},
			notes:  [][]string{{"数据从GPU换出到SSD"}},
			lines:  []int{4},
		},
		{
			name:   "CR only",
			src:    "# fast\r## 2021\r- [FlashNeuron: SSD-Enabled Training](https://x/bae)\r    * note\r",
			titles: []string{"FlashNeuron: SSD-Enabled Training"},
			venues: []string{"FAST 2021"},
			notes:  [][]string{{"note"}},
			lines:  []int{3},
		},
		{
			name:   "BOM",
			src:    "\xEF\xBB\xBF# eurosys\n## 2023\n- Pocket: ML Serving from the Edge\n",
			titles: []string{"Pocket: ML Serving from the Edge"},
			venues: []string{"EuroSys 2023"},
			lines:  []int{3},
		},
		{
			name:     "invalid UTF-8 in a note",
			src:      "# osdi\n## 2022\n- [Orca: Serving](u)\n    * 以iteration\xff为单位调度\n",
			titles:   []string{"Orca: Serving"},
			venues:   []string{"OSDI 2022"},
			notes:    [][]string{{"以iteration\uFFFD为单位调度"}},
			lines:    []int{3},
			warnings: []string{"line 4: invalid UTF-8 replaced by U+FFFD"},
		},
		{
			name:     "10,000-character title and link",
			src:      "# osdi\n## 2020\n- [" + long + "](" + longURL + ")\n",
			titles:   []string{strings.TrimSpace(long)[:MaxTitleRunes]},
			venues:   []string{"OSDI 2020"},
			lines:    []int{3},
			warnings: []string{"line 3: title longer than 2000 characters; truncated", "line 3: link longer than 2048 bytes; truncated"},
		},
		{
			// A link text longer than an item may hold: the entry cannot be
			// read, and the warning says it is dropped (issue 11, item 10).
			name:     "an item longer than 64 KiB before its link closes",
			src:      "# osdi\n## 2020\n- [Short](https://u/1)\n- [" + strings.Repeat("Very long title word ", 3500) + "](https://u/2)\n- [Next](https://u/3)\n",
			titles:   []string{"Short", "Next"},
			venues:   []string{"OSDI 2020", "OSDI 2020"},
			lines:    []int{3, 5},
			warnings: []string{"line 4: item is longer than 65536 bytes", "line 4: item dropped: its first 65536 bytes hold no complete title or link"},
		},
		{
			name:     "bullets that are not titles",
			src:      "# hpca\n## 2021\n- misc\n- GPU share\n- FuseKNA: Fused Kernel Convolution\n",
			titles:   []string{"FuseKNA: Fused Kernel Convolution"},
			venues:   []string{"HPCA 2021"},
			lines:    []int{5},
			warnings: []string{`line 3: skipped "misc"`, `line 4: skipped "GPU share"`},
		},
		{
			name:     "unterminated link and brackets",
			src:      "# osdi\n## 2021\n- [Pollux: Co-adaptive Scheduling](https://u/qiao\n- [[[[ Broken ]]\n- ](((( \n",
			titles:   []string{"Pollux: Co-adaptive Scheduling"},
			venues:   []string{"OSDI 2021"},
			lines:    []int{3},
			warnings: []string{`line 3: link is not closed by ")"`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Parse([]byte(tt.src))
			if err != nil {
				t.Fatalf("Parse() error: %v", err)
			}
			if len(res.Entries) != len(tt.titles) {
				t.Fatalf("Parse() gave %d entries %v, want %d", len(res.Entries), titlesOf(res), len(tt.titles))
			}
			for i, e := range res.Entries {
				if e.Title != tt.titles[i] {
					t.Errorf("entry %d Title = %q, want %q", i, clip(e.Title, 80), clip(tt.titles[i], 80))
				}
				if got := fmt.Sprintf("%s %d", e.Venue, e.Year); got != tt.venues[i] {
					t.Errorf("entry %d venue/year = %q, want %q", i, got, tt.venues[i])
				}
				if e.Line != tt.lines[i] {
					t.Errorf("entry %d Line = %d, want %d", i, e.Line, tt.lines[i])
				}
				var want []string
				if i < len(tt.notes) {
					want = tt.notes[i]
				}
				if strings.Join(e.Notes, "|") != strings.Join(want, "|") {
					t.Errorf("entry %d Notes = %q, want %q", i, e.Notes, want)
				}
				if len(e.Link) > MaxLinkBytes || utf8.RuneCountInString(e.Title) > MaxTitleRunes {
					t.Errorf("entry %d exceeds the limits: link %d bytes, title %d runes", i, len(e.Link), utf8.RuneCountInString(e.Title))
				}
			}
			for _, w := range tt.warnings {
				if !hasWarning(res, w) {
					t.Errorf("no warning containing %q in %v", w, res.Warnings)
				}
			}
		})
	}
}

func titlesOf(r Result) []string {
	var out []string
	for _, e := range r.Entries {
		out = append(out, clip(e.Title, 50))
	}
	return out
}

func hasWarning(r Result, sub string) bool {
	for _, w := range r.Warnings {
		if strings.Contains(w.String(), sub) {
			return true
		}
	}
	return false
}

func TestWarningString(t *testing.T) {
	if got := (Warning{Line: 7, Msg: "no entries found"}).String(); got != "line 7: no entries found" {
		t.Errorf("Warning.String() = %q", got)
	}
}

// TestParseSeedVariants checks that the seed parses the same with CRLF line
// ends, a byte-order mark, or tabs for its indentation.
func TestParseSeedVariants(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "seed.md"))
	if err != nil {
		t.Fatal(err)
	}
	want, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	variants := map[string][]byte{
		"CRLF":     bytes.ReplaceAll(src, []byte("\n"), []byte("\r\n")),
		"BOM":      append([]byte("\xEF\xBB\xBF"), src...),
		"tabs":     bytes.ReplaceAll(src, []byte("    "), []byte("\t")),
		"2 spaces": bytes.ReplaceAll(src, []byte("    "), []byte("  ")),
	}
	for name, v := range variants {
		t.Run(name, func(t *testing.T) {
			got, err := Parse(v)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Entries) != 57 {
				t.Fatalf("%d entries, want 57", len(got.Entries))
			}
			for i, e := range got.Entries {
				w := want.Entries[i]
				if e.Title != w.Title || e.Line != w.Line || e.EndLine != w.EndLine || e.Group != w.Group ||
					strings.Join(e.Notes, "|") != strings.Join(w.Notes, "|") {
					t.Errorf("entry %d = %q line %d-%d group %q notes %q, want %q line %d-%d group %q notes %q",
						i, e.Title, e.Line, e.EndLine, e.Group, e.Notes, w.Title, w.Line, w.EndLine, w.Group, w.Notes)
				}
			}
		})
	}
}

// generated builds a list of n papers under venue/year headings, each with a
// note, and returns it with the line of its last entry.
func generated(n int) ([]byte, int) {
	var b bytes.Buffer
	line, last := 0, 0
	for i := 0; i < n; i++ {
		if i%1000 == 0 {
			fmt.Fprintf(&b, "# osdi\n## %d\n\n", 2000+i/1000%50)
			line += 3
		}
		fmt.Fprintf(&b, "- [Paper %d: A Study of Things](https://www.usenix.org/conference/osdi23/presentation/p%d)\n    * note %d\n", i, i, i)
		last = line + 1
		line += 2
	}
	return b.Bytes(), last
}

func TestParseLarge(t *testing.T) {
	src, last := generated(100000)
	res, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Entries) != 100000 {
		t.Fatalf("Parse(100,000 papers) gave %d entries", len(res.Entries))
	}
	e := res.Entries[99999]
	if e.Title != "Paper 99999: A Study of Things" || e.Line != last || e.Notes[0] != "note 99999" || e.Year != 2049 {
		t.Errorf("last entry = %q line %d notes %q year %d, want Paper 99999 at line %d", e.Title, e.Line, e.Notes, e.Year, last)
	}
}

// TestParseMemory parses a 50 MB list and checks that the memory it holds
// afterwards stays a small multiple of the input: no quadratic structure.
func TestParseMemory(t *testing.T) {
	if testing.Short() {
		t.Skip("50 MB parse skipped in -short mode")
	}
	src, _ := generated(460000)
	if len(src) < 50<<20 {
		t.Fatalf("generated %d bytes, want 50 MB", len(src))
	}
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	res, err := Parse(src)
	if err != nil {
		t.Fatal(err)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	if len(res.Entries) != 460000 {
		t.Fatalf("%d entries, want 460000", len(res.Entries))
	}
	held := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	if held > 8*int64(len(src)) {
		t.Errorf("Parse held %d MB for a %d MB input", held>>20, len(src)>>20)
	}
	t.Logf("input %d MB, entries hold %d MB, allocated %d MB in total",
		len(src)>>20, held>>20, (after.TotalAlloc-before.TotalAlloc)>>20)
}

// TestParseHostileLines feeds long lines of Markdown punctuation: the
// parse must stay linear (the test times out otherwise) and never panic.
func TestParseHostileLines(t *testing.T) {
	for _, pat := range []string{"[", "](", "[a](", "![", "((", "<http://", "*_`", "| ", "[x] ", "- ", "{:", "<br>", "[^1]: ", "**a** (", " / ", "[[pdf]] ", "~~", "~a ", "\\[", "[a][b] "} {
		src := "# osdi\n- " + strings.Repeat(pat, 200000) + "\n"
		if _, err := Parse([]byte(src)); err != nil {
			t.Errorf("Parse(%q x 200000) error: %v", pat, err)
		}
		src = strings.Repeat(pat, 200000) + "\n"
		if _, err := Parse([]byte(src)); err != nil {
			t.Errorf("Parse(%q x 200000 as a paragraph) error: %v", pat, err)
		}
	}
	// 200,000 uses of a defined reference: expansion stays bounded.
	long := "https://example.org/" + strings.Repeat("p", 2000)
	src := "[a]: " + long + "\n- [A Title: B][a] " + strings.Repeat("[a]", 200000) + "\n"
	res, err := Parse([]byte(src))
	if err != nil || len(res.Entries) != 1 || res.Entries[0].Link != long {
		t.Errorf("Parse(200,000 reference uses) = %d entries, %v", len(res.Entries), err)
	}
	// Struck-out spans nested 8,000 deep: their markers are found in one walk.
	var nest strings.Builder
	for i := range 8000 {
		nest.WriteString([]string{"~~a ", "~b "}[i%2])
	}
	for i := 7999; i >= 0; i-- {
		nest.WriteString([]string{"a~~ ", "b~ "}[i%2])
	}
	if _, err := Parse([]byte("# osdi\n- " + nest.String() + "\n")); err != nil {
		t.Errorf("Parse(nested strikethrough) error: %v", err)
	}
	// 200,000 one-character continuation lines under one bullet.
	src = "# osdi\n- [A Title: B](u)\n" + strings.Repeat("x\n", 200000)
	res, err = Parse([]byte(src))
	if err != nil || len(res.Entries) != 1 || !hasWarning(res, "longer than 65536 bytes") {
		t.Errorf("Parse(200,000 continuation lines) = %d entries, %v, warnings %v", len(res.Entries), err, res.Warnings)
	}
}

func FuzzParse(f *testing.F) {
	seed, err := os.ReadFile(filepath.Join("testdata", "seed.md"))
	if err != nil {
		f.Fatal(err)
	}
	f.Add(seed)
	for _, name := range []string{"tagged.md", "after.md", "tables.md", "markup.md"} {
		if b, err := os.ReadFile(filepath.Join("testdata", name)); err == nil {
			f.Add(b)
		}
	}
	for _, sf := range surveyFiles {
		if b, err := os.ReadFile(filepath.Join("testdata", "survey", sf.name+".md")); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte("- [T: a b][r]\n[r]: https://x\n| A |\n|---|\n| [x][r]<br>B C, D E |\n: [T: u v](w)\n[^1]: A B. T: x y. OSDI 22.\n"))
	f.Add([]byte("- [x] [A: B](u)\n\t* n\n|T|V|\n|-|-|\n|[A: b](u)|OSDI'22|\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		res, err := Parse(src)
		if err != nil {
			return
		}
		for _, e := range res.Entries {
			if e.Line <= 0 || e.EndLine < e.Line {
				t.Fatalf("entry %q has Line %d, EndLine %d", e.Title, e.Line, e.EndLine)
			}
			if !utf8.ValidString(e.Title) || !utf8.ValidString(e.Link) {
				t.Fatalf("entry at line %d has invalid UTF-8", e.Line)
			}
		}
		for _, w := range res.Warnings {
			if w.Line <= 0 {
				t.Fatalf("warning %q has line %d", w.Msg, w.Line)
			}
		}
	})
}

func BenchmarkParseSeed(b *testing.B) {
	src, err := os.ReadFile(filepath.Join("testdata", "seed.md"))
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseLarge(b *testing.B) {
	src, _ := generated(100000)
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(src); err != nil {
			b.Fatal(err)
		}
	}
}
