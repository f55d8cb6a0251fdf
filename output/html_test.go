package output

import (
	"bytes"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/paperlist/paperlist"
)

func TestHTMLSeedPage(t *testing.T) {
	papers := seedDataset(t)
	var a, b bytes.Buffer
	if err := WriteHTML(&a, papers, HTMLOptions{Title: "systems-reading-list.md"}); err != nil {
		t.Fatal(err)
	}
	if err := WriteHTML(&b, papers, HTMLOptions{Title: "systems-reading-list.md"}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two writes of the same papers gave different bytes")
	}
	page := a.String()
	for _, want := range []string{
		`<title>systems-reading-list.md</title>`,
		`<p class="lead">57 papers · 3 read</p>`,
		`<li class="paper" id="osdi2023-alpaserve" data-pos="1" data-venue="OSDI" data-year="2023" data-read="unread" data-group="(no group)" data-code="no code" data-status="ok">`,
		`<a href="https://www.usenix.org/conference/osdi23/presentation/li-zhouhan" title="from https://www.usenix.org/conference/osdi23/presentation/li-zhouhan">AlpaServe: Statistical Multiplexing with Model Parallelism for Deep Learning Serving</a>`,
		`<span class="name">Zhuohan Li</span> <span class="aff">(UC Berkeley)</span>`,
		`<li dir="auto">计算图优化, 自动并行, 自动生成并行代码</li>`,
		`<label><input type="checkbox" name="venue" value="HPCA"> HPCA <span class="n" data-n="16">16</span></label>`,
		`<tr><th scope="row">OSDI</th><td>6</td><td>6</td><td>2</td><td>7</td><td>21</td></tr>`,
		`<progress id="progress" max="57" value="3">3 of 57</progress>`,
		`<tr><th scope="row">abstract</th><td>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	// The Content-Security-Policy allows exactly the page's script and
	// style, by their SHA-256.
	csp := regexp.MustCompile(`http-equiv="Content-Security-Policy" content="([^"]*)"`).FindStringSubmatch(page)
	if csp == nil {
		t.Fatal("no Content-Security-Policy")
	}
	policy := html.UnescapeString(csp[1])
	script := page[strings.Index(page, "<script>")+len("<script>") : strings.Index(page, "</script>")]
	style := page[strings.Index(page, "<style>")+len("<style>") : strings.Index(page, "</style>")]
	if !strings.Contains(policy, "script-src "+cspHash(script)) || !strings.Contains(policy, "style-src "+cspHash(style)) {
		t.Errorf("the policy %q does not name the page's own script and style", policy)
	}
	if n := strings.Count(page, "<script"); n != 1 {
		t.Errorf("%d script elements, want 1 (inline)", n)
	}
	if strings.Contains(page, " src=") || strings.Contains(page, "<link ") {
		t.Error("the page loads something: it must be self-contained")
	}
}

func TestHTMLEscapesEveryField(t *testing.T) {
	evil := `"><img src=x onerror=alert(1)><script>alert(2)</script>`
	p := paperlist.Paper{
		ID:        "x2024-evil",
		Listed:    paperlist.Listed{Venue: evil, Year: 2024, Group: evil, Title: evil, ListTitle: evil, Link: "javascript:alert(3)", Notes: []string{evil}},
		Abstract:  evil,
		PDFURL:    `https://e.org/a.pdf" onclick="alert(4)`,
		DOI:       evil,
		Booktitle: evil,
		Pages:     evil,
		CodeURL:   "javascript:alert(5)",
		Status:    paperlist.StatusOK,
		Errors:    []string{evil},
		Authors:   []paperlist.Author{{Name: evil, Affiliation: evil}},
		Sources:   map[string]string{"title": evil},
	}
	var buf bytes.Buffer
	if err := WriteHTML(&buf, []paperlist.Paper{p}, HTMLOptions{Title: evil}); err != nil {
		t.Fatal(err)
	}
	page := buf.String()
	body := page[strings.Index(page, "<body>"):strings.Index(page, "<script>")]
	for _, bad := range []string{"<img", "<script", `" onclick=`, "javascript:"} {
		if strings.Contains(body, bad) {
			t.Errorf("a field reached the page unescaped: %q found", bad)
		}
	}
	if !strings.Contains(body, "&lt;script&gt;alert(2)&lt;/script&gt;") {
		t.Error("the title is not shown as escaped text")
	}
}
