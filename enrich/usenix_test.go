package enrich

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/paperlist/paperlist"
)

func pageTestdata(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", path))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// pageCheckAbstract asserts the first words, the last words and the paragraph
// count of an abstract.
func pageCheckAbstract(t *testing.T, got, start, end string, paras int) {
	t.Helper()
	if !strings.HasPrefix(got, start) {
		t.Errorf("abstract starts %.80q, want %q", got, start)
	}
	if !strings.HasSuffix(got, end) {
		t.Errorf("abstract ends %q, want %q", got[max(0, len(got)-80):], end)
	}
	if n := len(strings.Split(got, "\n\n")); got != "" && n != paras {
		t.Errorf("abstract has %d paragraphs, want %d", n, paras)
	}
}

func pageCheckAuthors(t *testing.T, got, want []paperlist.Author) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d authors %v, want %d %v", len(got), got, len(want), want)
		return
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("author %d = %+v, want %+v", i, got[i], want[i])
		}
	}
}

func TestParseUSENIX(t *testing.T) {
	tests := []struct {
		file, url          string
		title              string
		authors            []paperlist.Author
		absStart, absEnd   string
		absParas           int
		absContains        string
		pdf, slides, video string
		pages, booktitle   string
		venue              string
		year               int
	}{
		{
			file:  "usenix/li-zhouhan.html",
			url:   "https://www.usenix.org/conference/osdi23/presentation/li-zhouhan",
			title: "AlpaServe: Statistical Multiplexing with Model Parallelism for Deep Learning Serving",
			authors: []paperlist.Author{
				{Name: "Zhuohan Li", Affiliation: "UC Berkeley"},
				{Name: "Lianmin Zheng", Affiliation: "UC Berkeley"},
				{Name: "Yinmin Zhong", Affiliation: "Peking University"},
				{Name: "Vincent Liu", Affiliation: "University of Pennsylvania"},
				{Name: "Ying Sheng", Affiliation: "Stanford University"},
				{Name: "Xin Jin", Affiliation: "Peking University"},
				{Name: "Yanping Huang", Affiliation: "Google"},
				{Name: "Zhifeng Chen", Affiliation: "Google"},
				{Name: "Hao Zhang", Affiliation: "UC San Diego"},
				{Name: "Joseph E. Gonzalez", Affiliation: "UC Berkeley"},
				{Name: "Ion Stoica", Affiliation: "UC Berkeley"},
			},
			absStart:    "Model parallelism is conventionally viewed as a method to scale",
			absEnd:      "while staying within latency constraints for more than 99% of requests.",
			absParas:    1,
			absContains: "up to 10× higher rates",
			pdf:         "https://www.usenix.org/system/files/osdi23-li-zhuohan.pdf",
			slides:      "https://www.usenix.org/system/files/osdi23_slides_li_zhuohan.pdf",
			video:       "https://www.youtube.com/watch?v=PLACEHOLDER01",
			pages:       "663-679",
			year:        2023,
			booktitle:   "17th USENIX Symposium on Operating Systems Design and Implementation (OSDI 23)",
			venue:       "OSDI",
		},
		{
			file:  "usenix/bae.html",
			url:   "https://www.usenix.org/conference/fast21/presentation/bae",
			title: "FlashNeuron: SSD-Enabled Large-Batch Training of Very Deep Neural Networks",
			authors: []paperlist.Author{
				{Name: "Jonghyun Bae", Affiliation: "Seoul National University"},
				{Name: "Jongsung Lee", Affiliation: "Seoul National University and Samsung Electronics"},
				{Name: "Yunho Jin", Affiliation: "Seoul National University"},
				{Name: "Sam Son", Affiliation: "Seoul National University"},
				{Name: "Shine Kim", Affiliation: "Seoul National University and Samsung Electronics"},
				{Name: "Hakbeom Jang", Affiliation: "Samsung Electronics"},
				{Name: "Tae Jun Ham", Affiliation: "Seoul National University"},
				{Name: "Jae W. Lee", Affiliation: "Seoul National University"},
			},
			absStart:    "Deep neural networks (DNNs) are widely used in various AI application domains",
			absEnd:      "while minimally disturbing applications running on CPU.",
			absParas:    1,
			absContains: "batch size—called memory capacity wall",
			pdf:         "https://www.usenix.org/system/files/fast21-bae.pdf",
			slides:      "https://www.usenix.org/system/files/fast21_slides_bae.pdf",
			video:       "https://www.youtube.com/watch?v=PLACEHOLDER02",
			pages:       "387-401",
			year:        2021,
			booktitle:   "19th USENIX Conference on File and Storage Technologies (FAST 21)",
			venue:       "FAST",
		},
		{
			file:  "usenix/goyal-2026.html",
			url:   "https://www.usenix.org/conference/nsdi22/presentation/goyal",
			title: "Backpressure Flow Control",
			authors: []paperlist.Author{
				{Name: "Prateesh Goyal", Affiliation: "MIT CSAIL"},
				{Name: "Preey Shah", Affiliation: "IIT Bombay"},
				{Name: "Kevin Zhao", Affiliation: "University of Washington"},
				{Name: "Georgios Nikolaidis", Affiliation: "Intel, Barefoot Switch Division"},
				{Name: "Mohammad Alizadeh", Affiliation: "MIT CSAIL"},
				{Name: "Thomas E. Anderson", Affiliation: "University of Washington"},
			},
			absStart:    "Effective congestion control for data center networks is becoming increasingly challenging",
			absEnd:      "1.6 - 5× better average completion time for long flows.",
			absParas:    2,
			absContains: "dramatically increasing costs.\n\nIn this paper, we argue",
			pdf:         "https://www.usenix.org/system/files/nsdi22-paper-goyal.pdf",
			slides:      "https://www.usenix.org/system/files/nsdi22_slides_goyal.pdf",
			video:       "https://www.youtube.com/watch?v=3q2IyEGKyNo",
			pages:       "779-805",
			year:        2022,
			booktitle:   "19th USENIX Symposium on Networked Systems Design and Implementation (NSDI 22)",
			venue:       "NSDI",
		},
		{
			file:  "usenix/bulekov-2026.html",
			url:   "https://www.usenix.org/conference/usenixsecurity22/presentation/bulekov",
			title: "Morphuzz: Bending (Input) Space to Fuzz Virtual Devices",
			authors: []paperlist.Author{
				{Name: "Alexander Bulekov", Affiliation: "Boston University and Red Hat"},
				{Name: "Bandan Das", Affiliation: "Red Hat"},
				{Name: "Stefan Hajnoczi", Affiliation: "Red Hat"},
				{Name: "Manuel Egele", Affiliation: "Boston University"},
			},
			absStart:    "The security of the entire cloud ecosystem crucially depends on",
			absEnd:      "achieves this without initial seed-inputs, or expert guidance.",
			absParas:    2,
			absContains: "the hypervisor's isolation boundary",
			pdf:         "https://www.usenix.org/system/files/sec22-bulekov.pdf",
			slides:      "", // the page has no slides field
			video:       "https://www.youtube.com/watch?v=BRezYTVGvJQ",
			pages:       "1221-1238",
			year:        2022,
			booktitle:   "31st USENIX Security Symposium (USENIX Security 22)",
			venue:       "USENIX Security",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			r, err := ParseUSENIX(pageTestdata(t, tt.file), tt.url)
			if err != nil {
				t.Fatal(err)
			}
			if r.Source != "usenix" || r.URL != tt.url || r.Type != "inproceedings" || r.PDFKind != "open_access" {
				t.Errorf("source/url/type/kind = %q %q %q %q", r.Source, r.URL, r.Type, r.PDFKind)
			}
			if r.Title != tt.title {
				t.Errorf("title = %q, want %q", r.Title, tt.title)
			}
			pageCheckAuthors(t, r.Authors, tt.authors)
			pageCheckAbstract(t, r.Abstract, tt.absStart, tt.absEnd, tt.absParas)
			if !strings.Contains(r.Abstract, tt.absContains) {
				t.Errorf("abstract lacks %q", tt.absContains)
			}
			for _, bad := range []string{"Authors:", "Abstract:", "KAUST", "Open Access", "\u00a0"} {
				if strings.Contains(r.Abstract, bad) {
					t.Errorf("abstract contains %q", bad)
				}
			}
			got := []string{r.PDFURL, r.SlidesURL, r.VideoURL, r.Pages, r.Booktitle, r.Venue}
			want := []string{tt.pdf, tt.slides, tt.video, tt.pages, tt.booktitle, tt.venue}
			names := []string{"pdf", "slides", "video", "pages", "booktitle", "venue"}
			for i := range got {
				if got[i] != want[i] {
					t.Errorf("%s = %q, want %q", names[i], got[i], want[i])
				}
			}
			if r.Year != tt.year {
				t.Errorf("year = %d, want %d", r.Year, tt.year)
			}
		})
	}
}

// The 2025 (field-label-above) and 2026 (field-label-hidden) layouts of the
// same real page must give the same record.
func TestParseUSENIXLayoutsEqual(t *testing.T) {
	for _, name := range []string{"goyal", "bulekov"} {
		t.Run(name, func(t *testing.T) {
			u := "https://www.usenix.org/conference/x22/presentation/" + name
			old, err := ParseUSENIX(pageTestdata(t, "usenix/"+name+"-2025.html"), u)
			if err != nil {
				t.Fatal(err)
			}
			cur, err := ParseUSENIX(pageTestdata(t, "usenix/"+name+"-2026.html"), u)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(old, cur) {
				t.Errorf("layouts differ:\n2025 %+v\n2026 %+v", old, cur)
			}
			if len(cur.Authors) == 0 || cur.Abstract == "" {
				t.Errorf("empty record %+v", cur)
			}
		})
	}
}

// papis's expected output for the real pages is the baseline to match.
func TestParseUSENIXMatchesPapisBaseline(t *testing.T) {
	type papisOut struct {
		Title      string `json:"title"`
		Booktitle  string `json:"booktitle"`
		Pages      string `json:"pages"`
		Year       string `json:"year"`
		URL        string `json:"url"`
		AuthorList []struct {
			Family string `json:"family"`
			Given  string `json:"given"`
		} `json:"author_list"`
	}
	for _, name := range []string{"goyal", "bulekov"} {
		var out papisOut
		if err := json.Unmarshal(pageTestdata(t, "usenix/"+name+"_Out.json"), &out); err != nil {
			t.Fatal(err)
		}
		for _, layout := range []string{"2025", "2026"} {
			t.Run(name+"-"+layout, func(t *testing.T) {
				r, err := ParseUSENIX(pageTestdata(t, "usenix/"+name+"-"+layout+".html"), out.URL)
				if err != nil {
					t.Fatal(err)
				}
				if r.Title != out.Title || r.Booktitle != out.Booktitle {
					t.Errorf("title/booktitle = %q / %q, want %q / %q", r.Title, r.Booktitle, out.Title, out.Booktitle)
				}
				if want := strings.ReplaceAll(out.Pages, "--", "-"); r.Pages != want {
					t.Errorf("pages = %q, want %q", r.Pages, want)
				}
				if r.Year != pageYear(out.Year) {
					t.Errorf("year = %d, want %s", r.Year, out.Year)
				}
				if len(r.Authors) != len(out.AuthorList) {
					t.Fatalf("%d authors, want %d", len(r.Authors), len(out.AuthorList))
				}
				for i, a := range out.AuthorList {
					if want := a.Given + " " + a.Family; r.Authors[i].Name != want {
						t.Errorf("author %d = %q, want %q", i, r.Authors[i].Name, want)
					}
				}
			})
		}
	}
}

func TestParseUSENIXMetaFallback(t *testing.T) {
	// No people-text field: authors come from the meta tags, walked in
	// order. Jongsung Lee has no e-mail and Shine Kim two institutions;
	// attributes are unquoted or reversed, the divs are never closed, and
	// there is no h1, so the title comes from citation_title without braces.
	page := `<!DOCTYPE html><html><head><meta charset=utf-8>
<meta name=citation_title content="{FlashNeuron}: {SSD-Enabled} {Large-Batch} Training">
<meta content="Jonghyun Bae" name=citation_author>
<meta name="citation_author_institution" content="Seoul National University">
<meta name="citation_author_email" content="a@example.invalid">
<meta name="citation_author" content="Jongsung Lee">
<meta name="citation_author_institution" content="Seoul National University and Samsung Electronics">
<meta name="citation_author" content="Shine Kim">
<meta name="citation_author_institution" content="Seoul National University">
<meta name="citation_author_institution" content="Samsung Electronics">
<meta name="citation_author_email" content="c@example.invalid">
<meta name="citation_publication_date" content="2021">
<meta name="citation_conference_title" content="19th USENIX Conference on File and Storage Technologies (FAST 21)">
</head><body><div id=page-wrapper><div id=page><article class="node node-paper">
<div class="field field-name-field-paper-description"><div class="field-items"><div class="field-item odd"><p>First &amp; only.</p><p>Second&nbsp;paragraph.</p></div></div></div>
<div class="field field-name-field-final-paper-pdf"><div class="field-items"><div class="field-item">
<span class="file"><a href="/system/files/fast21-bae-appendix.pdf">Bae Appendix PDF</a></span>
<span class="file"><a href="/system/files/fast21-bae.pdf">Bae PDF</a></span>
<div class="field field-name-field-presentation-pdf"><a href="/system/files/fast21_prepub_bae.pdf">Bae Paper (Prepublication) PDF</a>
</body></html>`
	r, err := ParseUSENIX([]byte(page), "https://www.usenix.org/conference/fast21/presentation/bae")
	if err != nil {
		t.Fatal(err)
	}
	if want := "FlashNeuron: SSD-Enabled Large-Batch Training"; r.Title != want {
		t.Errorf("title = %q, want %q", r.Title, want)
	}
	pageCheckAuthors(t, r.Authors, []paperlist.Author{
		{Name: "Jonghyun Bae", Affiliation: "Seoul National University"},
		{Name: "Jongsung Lee", Affiliation: "Seoul National University and Samsung Electronics"},
		{Name: "Shine Kim", Affiliation: "Seoul National University; Samsung Electronics"},
	})
	if r.Abstract != "First & only.\n\nSecond paragraph." {
		t.Errorf("abstract = %q", r.Abstract)
	}
	if want := "https://www.usenix.org/system/files/fast21-bae.pdf"; r.PDFURL != want {
		t.Errorf("pdf = %q, want %q (not the appendix, not the prepublication)", r.PDFURL, want)
	}
	if r.Year != 2021 || r.Booktitle != "19th USENIX Conference on File and Storage Technologies (FAST 21)" || r.Pages != "" {
		t.Errorf("year/booktitle/pages = %d %q %q", r.Year, r.Booktitle, r.Pages)
	}
}

// When the description's divs are never closed, the fields after it nest
// inside it; they must not leak into the abstract.
func TestParseUSENIXUnclosedDescription(t *testing.T) {
	page := `<h1 id=page-title>T</h1>
<div class="field field-name-field-paper-people-text"><div class="field-items"><div class="field-item"><p>A One, <em>Uni</em></p></div></div></div>
<div class="field field-name-field-paper-description"><div class="field-items"><div class="field-item odd"><p>Only this.</p>
<div class="field field-name-field-final-paper-pdf"><div class="field-items"><div class="field-item"><a href="/system/files/x.pdf">One PDF</a>
<div class="field field-name-field-paper-slides-file"><div class="field-items"><div class="field-item"><a href="/system/files/x_slides.pdf">View the slides</a>`
	r, err := ParseUSENIX([]byte(page), "https://www.usenix.org/conference/nsdi22/presentation/x")
	if err != nil {
		t.Fatal(err)
	}
	if r.Abstract != "Only this." {
		t.Errorf("abstract = %q, want %q", r.Abstract, "Only this.")
	}
	if r.PDFURL != "https://www.usenix.org/system/files/x.pdf" || r.SlidesURL != "https://www.usenix.org/system/files/x_slides.pdf" {
		t.Errorf("pdf/slides = %q %q", r.PDFURL, r.SlidesURL)
	}
}

func TestUSENIXPeopleText(t *testing.T) {
	tests := []struct {
		name, html string
		want       []paperlist.Author
	}{
		{"grouped and comma in affiliation",
			`<p>A One and B Two, <em>Intel, Barefoot Switch Division;</em> C Three, <em>X and Y</em></p>`,
			[]paperlist.Author{{Name: "A One", Affiliation: "Intel, Barefoot Switch Division"}, {Name: "B Two", Affiliation: "Intel, Barefoot Switch Division"}, {Name: "C Three", Affiliation: "X and Y"}}},
		{"semicolon outside em, oxford comma",
			`<p>A One, B Two, and C Three, <em>Lab</em>; D Four, <em>Uni</em></p>`,
			[]paperlist.Author{{Name: "A One", Affiliation: "Lab"}, {Name: "B Two", Affiliation: "Lab"}, {Name: "C Three", Affiliation: "Lab"}, {Name: "D Four", Affiliation: "Uni"}}},
		{"suffix and trailing name without affiliation",
			`<p>Martin King, Jr., <em>Uni</em>; Solo Author</p>`,
			[]paperlist.Author{{Name: "Martin King, Jr.", Affiliation: "Uni"}, {Name: "Solo Author"}}},
		{"two affiliations in two ems",
			`<p>A One, <em>Uni A</em> and <em>Uni B;</em> B Two, <em>Uni C</em></p>`,
			[]paperlist.Author{{Name: "A One", Affiliation: "Uni A and Uni B"}, {Name: "B Two", Affiliation: "Uni C"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			page := `<h1 id="page-title">T</h1><div class="field field-name-field-paper-people-text"><div class="field-items"><div class="field-item odd">` + tt.html + `</div></div></div>`
			r, err := ParseUSENIX([]byte(page), "https://www.usenix.org/conference/atc21/presentation/x")
			if err != nil {
				t.Fatal(err)
			}
			pageCheckAuthors(t, r.Authors, tt.want)
			if r.Venue != "ATC" {
				t.Errorf("venue = %q, want ATC", r.Venue)
			}
		})
	}
}

func TestParseUSENIXErrors(t *testing.T) {
	tests := []struct {
		name string
		body []byte
		want error
	}{
		{"cloudflare challenge", pageTestdata(t, "usenix/cloudflare-challenge-403.html"), ErrMarkupChanged},
		{"empty", []byte(""), ErrMarkupChanged},
		{"empty html", []byte("<html><head></head><body></body></html>"), ErrMarkupChanged},
		{"title but no authors", []byte(`<html><body><h1 id="page-title">Some Page</h1><div class="content">hello</div></body></html>`), ErrMarkupChanged},
		{"keynote", pageTestdata(t, "usenix/keynote-placeholder.html"), ErrNotAPaper},
	}
	const u = "https://www.usenix.org/conference/osdi23/presentation/x"
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseUSENIX(tt.body, u)
			if !errors.Is(err, tt.want) {
				t.Fatalf("err = %v, want %v", err, tt.want)
			}
			if !strings.Contains(err.Error(), u) {
				t.Errorf("error %q does not name the URL", err)
			}
			if tt.want == ErrNotAPaper {
				if errors.Is(err, ErrMarkupChanged) {
					t.Error("a talk page is not a markup change")
				}
				if r.Title != "Keynote Address: Example Keynote Title" || len(r.Authors) != 0 || r.PDFURL != "" {
					t.Errorf("talk record = %+v", r)
				}
				if r.VideoURL != "https://www.youtube.com/watch?v=PLACEHOLDER03" {
					t.Errorf("talk video = %q", r.VideoURL)
				}
			}
		})
	}
}

func TestIsUSENIXPaperURL(t *testing.T) {
	tests := []struct {
		link, want string
		ok         bool
	}{
		{"https://www.usenix.org/conference/osdi23/presentation/li-zhouhan", "https://www.usenix.org/conference/osdi23/presentation/li-zhouhan", true},
		{"http://usenix.org/conference/osdi23/presentation/li-zhouhan/", "https://www.usenix.org/conference/osdi23/presentation/li-zhouhan", true},
		{"https://www.usenix.org/conference/usenixsecurity22/presentation/bulekov?utm_source=x#abstract", "https://www.usenix.org/conference/usenixsecurity22/presentation/bulekov", true},
		{"https://WWW.USENIX.ORG/Conference/ATC21/presentation/Wang", "https://www.usenix.org/conference/atc21/presentation/Wang", true},
		{"https://www.usenix.org/conference/fast13/technical-sessions/presentation/kim", "https://www.usenix.org/conference/fast13/technical-sessions/presentation/kim", true},
		{"https://www.usenix.org/conference/nsdi12/technical-session/presentation/zaharia", "https://www.usenix.org/conference/nsdi12/technical-session/presentation/zaharia", true},
		{"  https://www.usenix.org/conference/srecon19americas/presentation/jones  ", "https://www.usenix.org/conference/srecon19americas/presentation/jones", true},
		{"https://www.usenix.org/system/files/osdi23-li-zhuohan.pdf", "", false},
		{"https://www.usenix.org/conference/osdi23/technical-sessions", "", false},
		{"https://www.usenix.org/conference/osdi23/presentation/", "", false},
		{"https://www.usenix.org/conference/osdi23", "", false},
		{"https://www.usenix.org/legacy/event/osdi10/tech/full_papers/Geambasu.pdf", "", false},
		{"https://evil.example/conference/osdi23/presentation/li-zhouhan", "", false},
		{"https://usenix.org.evil.example/conference/osdi23/presentation/x", "", false},
		{"ftp://www.usenix.org/conference/osdi23/presentation/x", "", false},
		{"https://www.usenix.org:8443/conference/osdi23/presentation/x", "", false},
		{"https://www.usenix.org/conference/osdi23/presentation/x/extra", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		got, ok := IsUSENIXPaperURL(tt.link)
		if got != tt.want || ok != tt.ok {
			t.Errorf("IsUSENIXPaperURL(%q) = %q, %v; want %q, %v", tt.link, got, ok, tt.want, tt.ok)
		}
	}
}

func TestUSENIXBibFields(t *testing.T) {
	// The 2023 export ends "month = apr," and the 2024 one "month = apr";
	// the page's accordion loses the <br/> newlines.
	tests := []struct {
		name, text string
		want       map[string]string
	}{
		{"2024 export", "@inproceedings {276958,\n\tauthor = {Prateesh Goyal and Preey Shah},\n\ttitle = {Backpressure Flow Control},\n\tbooktitle = {19th {USENIX} Symposium (NSDI 22)},\n\tyear = {2022},\n\tpages = {779--805},\n\tmonth = apr\n}\n",
			map[string]string{"author": "Prateesh Goyal and Preey Shah", "title": "Backpressure Flow Control", "booktitle": "19th {USENIX} Symposium (NSDI 22)", "year": "2022", "pages": "779--805", "month": "apr"}},
		{"2023 export, trailing comma", "@inproceedings {276958,\n\tyear = {2022},\n\tmonth = apr,\n}",
			map[string]string{"year": "2022", "month": "apr"}},
		{"no newlines, quoted value", `@inproceedings {1, Title = "A {B} C", year = 2020, month = jul}`,
			map[string]string{"title": "A {B} C", "year": "2020", "month": "jul"}},
		{"not bibtex", "BibTeX Download", map[string]string{}},
		{"unterminated", "@inproceedings {1, title = {open", map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := usenixBibFields(tt.text); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestPageYouTube(t *testing.T) {
	tests := []struct{ src, want string }{
		{"//www.youtube.com/embed/3q2IyEGKyNo?width%3D745%26amp%3Bheight%3D420", "https://www.youtube.com/watch?v=3q2IyEGKyNo"},
		{"https://www.youtube-nocookie.com/embed/BRezYTVGvJQ", "https://www.youtube.com/watch?v=BRezYTVGvJQ"},
		{"https://youtu.be/BRezYTVGvJQ", "https://www.youtube.com/watch?v=BRezYTVGvJQ"},
		{"https://www.youtube.com/watch?v=BRezYTVGvJQ&t=3", "https://www.youtube.com/watch?v=BRezYTVGvJQ"},
		{"https://player.vimeo.com/video/123456", ""},
		{"/cdn-cgi/challenge-platform/x", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := pageYouTube(tt.src); got != tt.want {
			t.Errorf("pageYouTube(%q) = %q, want %q", tt.src, got, tt.want)
		}
	}
}

func BenchmarkParseUSENIX(b *testing.B) {
	body := pageTestdata(b, "usenix/li-zhouhan.html")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseUSENIX(body, "https://www.usenix.org/conference/osdi23/presentation/li-zhouhan"); err != nil {
			b.Fatal(err)
		}
	}
}
