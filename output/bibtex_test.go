package output

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paperlist/paperlist"
)

// bibEntry is one entry as parseBib reads it.
type bibEntry struct {
	Type, Key string
	Fields    map[string]string // name -> value without its outer braces
	Order     []string          // field names as written
}

// parseBib is a small BibTeX reader for the tests: "@type{key," or
// "@type {key,", fields "name = {value}" (braces nested to any depth),
// "name = "value"" or a bare word, commas between fields, an optional one
// after the last. Text outside entries is skipped, as BibTeX does.
func parseBib(data []byte) ([]bibEntry, error) {
	s := string(data)
	var entries []bibEntry
	for {
		at := strings.IndexByte(s, '@')
		if at < 0 {
			return entries, nil
		}
		s = s[at+1:]
		open := strings.IndexByte(s, '{')
		if open < 0 {
			return nil, fmt.Errorf("entry without '{'")
		}
		e := bibEntry{Type: strings.ToLower(strings.TrimSpace(s[:open])), Fields: map[string]string{}}
		s = s[open+1:]
		comma := strings.IndexByte(s, ',')
		if comma < 0 {
			return nil, fmt.Errorf("@%s: no ',' after the key", e.Type)
		}
		e.Key = strings.TrimSpace(s[:comma])
		s = s[comma+1:]
		for {
			s = strings.TrimLeft(s, " \t\r\n")
			if s == "" {
				return nil, fmt.Errorf("%s: unterminated entry", e.Key)
			}
			if s[0] == '}' {
				s = s[1:]
				break
			}
			eq := strings.IndexByte(s, '=')
			if eq < 0 {
				return nil, fmt.Errorf("%s: field without '='", e.Key)
			}
			name := strings.ToLower(strings.TrimSpace(s[:eq]))
			s = strings.TrimLeft(s[eq+1:], " \t\r\n")
			var value string
			switch {
			case s == "":
				return nil, fmt.Errorf("%s: %s has no value", e.Key, name)
			case s[0] == '{':
				depth, i := 0, 0
				for ; i < len(s); i++ {
					if s[i] == '{' {
						depth++
					} else if s[i] == '}' {
						depth--
						if depth == 0 {
							break
						}
					}
				}
				if depth != 0 {
					return nil, fmt.Errorf("%s: %s: unbalanced braces", e.Key, name)
				}
				value, s = s[1:i], s[i+1:]
			case s[0] == '"':
				end := strings.IndexByte(s[1:], '"')
				if end < 0 {
					return nil, fmt.Errorf("%s: %s: unterminated quote", e.Key, name)
				}
				value, s = s[1:end+1], s[end+2:]
			default:
				end := strings.IndexAny(s, ",}\n")
				if end < 0 {
					end = len(s)
				}
				value, s = strings.TrimSpace(s[:end]), s[end:]
			}
			if _, dup := e.Fields[name]; dup {
				return nil, fmt.Errorf("%s: field %s twice", e.Key, name)
			}
			e.Fields[name] = value
			e.Order = append(e.Order, name)
			s = strings.TrimLeft(s, " \t\r\n")
			s = strings.TrimPrefix(s, ",")
		}
		entries = append(entries, e)
	}
}

func TestParseBibReadsTheRealUSENIXExport(t *testing.T) {
	data, err := os.ReadFile("testdata/usenix-288582.bib")
	if err != nil {
		t.Fatal(err)
	}
	entries, err := parseBib(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Fatalf("%d entries", len(entries))
	}
	e := entries[0]
	if e.Type != "inproceedings" || e.Key != "288582" || e.Fields["title"] != "{AlpaServe}: Statistical Multiplexing with Model Parallelism for Deep Learning Serving" ||
		e.Fields["pages"] != "663--679" || e.Fields["month"] != "jul" {
		t.Errorf("parsed %+v", e)
	}
}

func bibPapers() []paperlist.Paper {
	return []paperlist.Paper{
		{
			ID:     "osdi2023-alpaserve",
			Listed: paperlist.Listed{Venue: "OSDI", Year: 2023, Title: "AlpaServe: Statistical Multiplexing with Model Parallelism for Deep Learning Serving", Link: "https://www.usenix.org/conference/osdi23/presentation/li-zhouhan", Notes: []string{"模型并行同时用于模型服务(Deep Learning Serving)"}},
			Status: paperlist.StatusOK,
			Authors: names("Zhuohan Li", "Lianmin Zheng", "Yinmin Zhong", "Vincent Liu", "Ying Sheng", "Xin Jin",
				"Yanping Huang", "Zhifeng Chen", "Hao Zhang", "Joseph E. Gonzalez", "Ion Stoica"),
			Booktitle: "17th USENIX Symposium on Operating Systems Design and Implementation (OSDI 23)",
			Pages:     "663-679",
			PDFURL:    "https://www.usenix.org/system/files/osdi23-li-zhuohan.pdf",
		},
		{
			ID:        "sosp2021-gradient-compression-supercharged-high",
			Listed:    paperlist.Listed{Venue: "SOSP", Year: 2021, Title: "Gradient Compression Supercharged High-Performance Data Parallel DNN Training", Notes: []string{"压缩, ustc, licheng"}},
			Status:    paperlist.StatusOK,
			Authors:   names("Youhui Bai", "Cheng Li", "Quan Zhou", "Jun Yi", "Ping Gong", "Feng Yan", "Ruichuan Chen", "Yinlong Xu"),
			DOI:       "10.1145/3477132.3483553",
			Booktitle: "Proceedings of the ACM SIGOPS 28th Symposium on Operating Systems Principles",
			Pages:     "359–375",
		},
		{
			ID:      "eurosys2023-pocket",
			Listed:  paperlist.Listed{Venue: "EuroSys", Year: 2023, Title: "Pocket: ML Serving from the Edge"},
			Status:  paperlist.StatusNotFound,
			Authors: []paperlist.Author{},
			Errors:  []string{"no record matched"},
		},
		{
			ID:        "tpds2022-r-d",
			Listed:    paperlist.Listed{Venue: "TPDS", Year: 2022, Title: "R&D at 100% Speed: the_fast {path} for $5 #1 ~ ^ \\", Notes: []string{"50% faster & cheaper", "see {x"}},
			Status:    paperlist.StatusPartial,
			Authors:   names("José Müller", "李成", "Martin Luther King Jr.", "van Rossum, Guido"),
			Booktitle: "IEEE Transactions on Parallel and Distributed Systems",
			DOI:       "10.1109/TPDS.2022.0000000",
		},
		// The same paper twice in the list: the second gets "-2".
		{
			ID:        "osdi2023-alpaserve-2",
			Listed:    paperlist.Listed{Venue: "OSDI", Year: 2023, Title: "AlpaServe: Statistical Multiplexing with Model Parallelism for Deep Learning Serving"},
			Status:    paperlist.StatusOK,
			Authors:   names("Zhuohan Li"),
			Booktitle: "17th USENIX Symposium on Operating Systems Design and Implementation (OSDI 23)",
		},
		// A title starting with stop words, an unknown venue and no booktitle.
		{
			ID:      "misc-towards",
			Listed:  paperlist.Listed{Year: 2020, Title: "Towards the Efficient Serving of Models"},
			Status:  paperlist.StatusOK,
			Authors: names("Plato"),
		},
		// Unbalanced brace in an unresolved title, no year, no id words.
		{Status: paperlist.StatusError, Listed: paperlist.Listed{ListTitle: "Broken } title"}, Authors: []paperlist.Author{}},
	}
}

func TestBibTeX(t *testing.T) {
	papers := bibPapers()
	data, err := BibTeX(papers, BibOptions{Notes: true})
	if err != nil {
		t.Fatal(err)
	}
	entries, err := parseBib(data)
	if err != nil {
		t.Fatalf("papers.bib does not parse: %v\n%s", err, data)
	}
	if len(entries) != len(papers) {
		t.Fatalf("%d entries for %d papers", len(entries), len(papers))
	}
	keys := make([]string, len(entries))
	for i, e := range entries {
		keys[i] = e.Key
	}
	wantKeys := []string{"li2023alpaserve", "bai2021gradient", "eurosys2023pocket", "muller2022rd", "li2023alpaserveb", "plato2020efficient", "paperbroken"}
	if !slices.Equal(keys, wantKeys) {
		t.Errorf("keys = %q\nwant   %q", keys, wantKeys)
	}

	alpa := entries[0]
	if alpa.Type != "inproceedings" {
		t.Errorf("AlpaServe is @%s", alpa.Type)
	}
	wantOrder := []string{"title", "author", "booktitle", "year", "pages", "url", "note"}
	if !slices.Equal(alpa.Order, wantOrder) {
		t.Errorf("AlpaServe fields %q, want %q", alpa.Order, wantOrder)
	}
	for field, want := range map[string]string{
		"title":     "{AlpaServe: Statistical Multiplexing with Model Parallelism for Deep Learning Serving}",
		"author":    "Li, Zhuohan and Zheng, Lianmin and Zhong, Yinmin and Liu, Vincent and Sheng, Ying and Jin, Xin and Huang, Yanping and Chen, Zhifeng and Zhang, Hao and Gonzalez, Joseph E. and Stoica, Ion",
		"booktitle": "17th USENIX Symposium on Operating Systems Design and Implementation (OSDI 23)",
		"year":      "2023",
		"pages":     "663--679",
		"url":       "https://www.usenix.org/conference/osdi23/presentation/li-zhouhan",
		"note":      "模型并行同时用于模型服务(Deep Learning Serving)",
	} {
		if got := alpa.Fields[field]; got != want {
			t.Errorf("AlpaServe %s = %q, want %q", field, got, want)
		}
	}

	gc := entries[1]
	if gc.Type != "inproceedings" || gc.Fields["doi"] != "10.1145/3477132.3483553" ||
		gc.Fields["url"] != "https://doi.org/10.1145/3477132.3483553" || gc.Fields["pages"] != "359--375" {
		t.Errorf("Gradient Compression entry: @%s %v", gc.Type, gc.Fields)
	}

	pocket := entries[2]
	if pocket.Type != "misc" || pocket.Fields["howpublished"] != "EuroSys" || pocket.Fields["author"] != "" ||
		pocket.Fields["title"] != "{Pocket: ML Serving from the Edge}" {
		t.Errorf("unresolved Pocket entry: @%s %v", pocket.Type, pocket.Fields)
	}

	tricky := entries[3]
	if tricky.Type != "article" || tricky.Fields["journal"] != "IEEE Transactions on Parallel and Distributed Systems" {
		t.Errorf("TPDS paper: @%s journal %q", tricky.Type, tricky.Fields["journal"])
	}
	for field, want := range map[string]string{
		"title":  `{R\&D at 100\% Speed: the\_fast \{path\} for \$5 \#1 \textasciitilde{} \textasciicircum{} \textbackslash{}}`,
		"author": "Müller, José and 李成 and King, Jr., Martin Luther and van Rossum, Guido",
		"note":   `50\% faster \& cheaper; see \textbraceleft{}x`,
		"url":    "https://doi.org/10.1109/TPDS.2022.0000000",
	} {
		if got := tricky.Fields[field]; got != want {
			t.Errorf("escaped %s = %q\n                want %q", field, got, want)
		}
	}
	if entries[5].Type != "misc" || entries[6].Fields["title"] != `{Broken \textbraceright{} title}` {
		t.Errorf("misc entries: %+v %+v", entries[5], entries[6])
	}

	if !bytes.HasPrefix(data, []byte("% papers.bib")) || !bytes.Contains(data, []byte("UTF-8")) {
		t.Error("no header comment stating the encoding")
	}
	again, _ := BibTeX(bibPapers(), BibOptions{Notes: true})
	if !bytes.Equal(data, again) {
		t.Error("BibTeX is not deterministic")
	}
}

func TestBibTeXNotesOnlyWhenAsked(t *testing.T) {
	data, err := BibTeX(bibPapers(), BibOptions{})
	if err != nil {
		t.Fatal(err)
	}
	entries, err := parseBib(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if _, ok := e.Fields["note"]; ok {
			t.Errorf("%s has a note without BibOptions.Notes", e.Key)
		}
	}
}

func TestBibKeys(t *testing.T) {
	tests := []struct {
		name  string
		paper paperlist.Paper
		want  string
	}{
		{"accented family name", paperlist.Paper{Listed: paperlist.Listed{Year: 2019, Title: "Édition: A Tool"}, Authors: names("Zoé Ångström")}, "angstrom2019edition"},
		{"comma form", paperlist.Paper{Listed: paperlist.Listed{Year: 2021, Title: "The Case for X"}, Authors: names("Stoica, Ion")}, "stoica2021case"},
		{"CJK author falls back to the id", paperlist.Paper{ID: "hpca2023-mpress", Listed: paperlist.Listed{Year: 2023, Title: "MPress: Democratizing"}, Authors: names("李成")}, "hpca2023mpress"},
		{"no title word", paperlist.Paper{ID: "osdi2020-x", Listed: paperlist.Listed{Year: 2020, Title: "的"}, Authors: names("Ada Lovelace")}, "lovelace2020"},
		{"suffix", paperlist.Paper{Listed: paperlist.Listed{Year: 1963, Title: "I Have a Dream"}, Authors: names("Martin Luther King Jr.")}, "king1963i"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := bibKeys([]paperlist.Paper{tt.paper})[0]; got != tt.want {
				t.Errorf("key = %q, want %q", got, tt.want)
			}
		})
	}
	// Papers on one key get b, c, … in list order (as README.md says); a
	// paper whose own key is a suffixed one ("Orcab") keeps it, and the
	// suffixes skip it.
	p := paperlist.Paper{Listed: paperlist.Listed{Year: 2023, Title: "Orca"}, Authors: names("Gyeong-In Yu")}
	orcab := paperlist.Paper{Listed: paperlist.Listed{Year: 2023, Title: "Orcab"}, Authors: names("Gyeong-In Yu")}
	if got := bibKeys([]paperlist.Paper{p, orcab, p, p}); !slices.Equal(got, []string{"yu2023orca", "yu2023orcab", "yu2023orcac", "yu2023orcad"}) {
		t.Errorf("collision keys = %q", got)
	}
	many := make([]paperlist.Paper, 30)
	for i := range many {
		many[i] = p
	}
	got := bibKeys(many)
	for i, want := range map[int]string{1: "yu2023orcab", 25: "yu2023orcaz", 26: "yu2023orcaaa", 29: "yu2023orcaad"} {
		if got[i] != want {
			t.Errorf("key %d of 30 on one base = %q, want %q", i+1, got[i], want)
		}
	}
}

// 100,000 papers on one key take linear time (quadratic took minutes).
func TestBibKeysLinear(t *testing.T) {
	papers := make([]paperlist.Paper, 100_000)
	for i := range papers {
		papers[i] = paperlist.Paper{Listed: paperlist.Listed{Year: 2023, Title: "Orca"}, Authors: names("Gyeong-In Yu")}
	}
	start := time.Now()
	keys := bibKeys(papers)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("bibKeys of 100,000 papers on one key took %s", d)
	}
	seen := map[string]bool{}
	for _, k := range keys {
		if seen[k] {
			t.Fatalf("key %q given twice", k)
		}
		seen[k] = true
	}
}

func BenchmarkBibTeX(b *testing.B) {
	entries := seedEntries(b, readSeed(b))
	papers := seedPapers(entries)
	if len(papers) != 57 {
		b.Fatalf("%d papers", len(papers))
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := BibTeX(papers, BibOptions{Notes: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// The entry type comes from the booktitle's words, else from the venue
// table by the paper's venue: never @misc for a known conference without a
// booktitle.
func TestBibTypeFromVenueTable(t *testing.T) {
	tests := []struct {
		venue, booktitle, want string
	}{
		{"S&P", "", "inproceedings"},
		{"Oakland", "", "inproceedings"},
		{"HotNets", "", "inproceedings"},
		{"CoNEXT", "", "inproceedings"},
		{"OOPSLA", "", "inproceedings"},
		{"INFOCOM", "", "inproceedings"},
		{"nips", "", "inproceedings"},
		{"USENIX Security", "", "inproceedings"},
		{"TPDS", "", "article"},
		{"VLDB", "", "article"},
		{"VLDB", "Proc. VLDB Endow.", "article"},
		{"SIGMOD", "Proceedings of the VLDB Endowment", "article"},
		{"NeurIPS", "Advances in Neural Information Processing Systems", "inproceedings"},
		{"SIGCOMM", "ACM SIGCOMM Computer Communication Review", "article"},
		{"", "2023 IEEE Symposium on Security and Privacy (SP)", "inproceedings"},
		{"", "Communications of the ACM", "article"},
		{"arXiv", "", "misc"},
		{"Some Venue", "", "misc"},
	}
	for _, tt := range tests {
		p := paperlist.Paper{Status: paperlist.StatusPartial, Booktitle: tt.booktitle}
		p.Venue = tt.venue
		if got := bibType(&p); got != tt.want {
			t.Errorf("bibType(venue %q, booktitle %q) = %s, want %s", tt.venue, tt.booktitle, got, tt.want)
		}
	}
	p := paperlist.Paper{Status: paperlist.StatusNotFound}
	p.Venue = "S&P"
	if got := bibType(&p); got != "misc" {
		t.Errorf("bibType of an unresolved paper = %s, want misc", got)
	}
}
