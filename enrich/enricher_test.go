package enrich

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

// fakeGetter answers from a map of URL -> body; anything else is a 404.
// It is a struct of plain fields, not a mock framework.
type fakeGetter struct {
	mu      sync.Mutex
	answers map[string]string // URL -> body
	errs    map[string]error  // URL -> error
	calls   []string
}

func (f *fakeGetter) Get(ctx context.Context, req fetch.Request) (*fetch.Response, error) {
	f.mu.Lock()
	f.calls = append(f.calls, req.URL)
	f.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if err, ok := f.errs[req.URL]; ok {
		return nil, err
	}
	body, ok := f.answers[req.URL]
	if !ok {
		return nil, &fetch.StatusError{URL: req.URL, Status: http.StatusNotFound}
	}
	h := http.Header{}
	h.Set("Content-Type", "application/json")
	if strings.HasSuffix(req.URL, ".html") || strings.Contains(req.URL, "usenix.org/conference") {
		h.Set("Content-Type", "text/html; charset=utf-8")
	}
	return &fetch.Response{URL: req.URL, FinalURL: req.URL, Status: 200, Header: h, Body: []byte(body)}, nil
}

// recorded reads one of the project's recorded answers (testdata/recorded,
// see its README for where each came from).
func recorded(t *testing.T, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "recorded", rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func runOne(t *testing.T, g Getter, e paperlist.Entry, ov *Overrides) paperlist.Paper {
	t.Helper()
	ps, err := New(Config{Getter: g, Overrides: ov}).Run(context.Background(), []paperlist.Entry{e})
	if err != nil {
		t.Fatal(err)
	}
	return ps[0]
}

func TestEnrichUSENIXPage(t *testing.T) {
	link := "https://www.usenix.org/conference/osdi23/presentation/li-zhouhan"
	g := &fakeGetter{answers: map[string]string{link: recorded(t, "www.usenix.org/conference/osdi23/presentation/li-zhouhan.html")}}
	p := runOne(t, g, paperlist.Entry{Venue: "OSDI", Year: 2023, ListTitle: "AlpaServe: Statistical Multiplexing with Model Parallelism for Deep Learning Serving",
		Title: "AlpaServe: Statistical Multiplexing with Model Parallelism for Deep Learning Serving", Link: link, Line: 4}, nil)
	if p.Status != paperlist.StatusOK {
		t.Errorf("status = %s, errors %v", p.Status, p.Errors)
	}
	if p.Title != "AlpaServe: Statistical Multiplexing with Model Parallelism for Deep Learning Serving" {
		t.Errorf("title = %q", p.Title)
	}
	if len(p.Authors) != 11 || p.Authors[0].Name != "Zhuohan Li" || p.Authors[0].Affiliation != "UC Berkeley" {
		t.Errorf("authors = %+v", p.Authors)
	}
	if p.PDFURL != "https://www.usenix.org/system/files/osdi23-li-zhuohan.pdf" || p.PDFKind != "open_access" {
		t.Errorf("pdf = %q (%s)", p.PDFURL, p.PDFKind)
	}
	if p.Pages != "663-679" {
		t.Errorf("pages = %q", p.Pages)
	}
	if p.SlidesURL != "https://www.usenix.org/system/files/osdi23_slides_li_zhuohan.pdf" || p.VideoURL != "https://www.youtube.com/watch?v=PLACEHOLDER01" {
		t.Errorf("slides/video = %q %q", p.SlidesURL, p.VideoURL)
	}
	if p.Sources["slides_url"] != link || p.Sources["video_url"] != link {
		t.Errorf("slides/video sources = %v", p.Sources)
	}
	if p.Sources["authors"] != link || p.Sources["pdf_url"] != link {
		t.Errorf("sources = %v", p.Sources)
	}
	if len(g.calls) != 1 {
		t.Errorf("made %d requests, want 1: %v", len(g.calls), g.calls)
	}
}

func TestEnrichACMDOIThroughAPIs(t *testing.T) {
	doi := "10.1145/3477132.3483553"
	ep := DefaultEndpoints()
	g := &fakeGetter{answers: map[string]string{
		ep.CrossrefWork(doi, ""):     recorded(t, "api.crossref.org/works/10.1145/3477132.3483553.json"),
		ep.OpenAlexWork(doi, "", ""): recorded(t, "api.openalex.org/works/doi_10.1145/3477132.3483553.json"),
		ep.S2Paper(doi):              recorded(t, "api.semanticscholar.org/graph/v1/paper/DOI_10.1145/3477132.3483553.json"),
	}}
	p := runOne(t, g, paperlist.Entry{Venue: "SOSP", Year: 2021, Title: "Gradient Compression Supercharged High-Performance Data Parallel DNN Training",
		ListTitle: "Gradient Compression Supercharged High-Performance Data Parallel DNN Training", Link: "https://dl.acm.org/doi/" + doi}, nil)
	if p.DOI != doi {
		t.Errorf("doi = %q", p.DOI)
	}
	if len(p.Authors) == 0 || p.Abstract == "" {
		t.Fatalf("not enriched: %+v", p)
	}
	if !strings.HasPrefix(p.Sources["abstract"], "https://api.crossref.org/works/"+doi) {
		t.Errorf("abstract should come from Crossref, came from %q", p.Sources["abstract"])
	}
	// No open-access copy is recorded: the ACM publisher PDF is used and says so.
	if p.PDFURL != "https://dl.acm.org/doi/pdf/"+doi || p.PDFKind != "publisher" {
		t.Errorf("pdf = %q (%s)", p.PDFURL, p.PDFKind)
	}
	for _, c := range g.calls {
		if strings.Contains(c, "dl.acm.org") {
			t.Errorf("fetched the ACM page %s; DOIs are read from the APIs", c)
		}
	}
}

// The list's EuroSys 2023 "Pocket: ML Serving from the Edge" must never become
// OSDI 2018's "Pocket: Elastic Ephemeral Storage for Serverless Analytics".
func TestEnrichRejectsHomonym(t *testing.T) {
	title := "Pocket: ML Serving from the Edge"
	ep := DefaultEndpoints()
	dblp := `{"result":{"hits":{"@total":"1","@computed":"1","@sent":"1","@first":"0","hit":[{"@score":"5","@id":"1","info":{
	  "authors":{"author":[{"@pid":"1","text":"Ana Klimovic"},{"@pid":"2","text":"Yawen Wang"}]},
	  "title":"Pocket: Elastic Ephemeral Storage for Serverless Analytics.","venue":"OSDI","pages":"427-444","year":"2018",
	  "type":"Conference and Workshop Papers","key":"conf/osdi/KlimovicWSTPK18","doi":"10.5555/3291168.3291200","ee":"https://www.usenix.org/conference/osdi18/presentation/klimovic","url":"https://dblp.org/rec/conf/osdi/KlimovicWSTPK18"}}]}}}`
	g := &fakeGetter{answers: map[string]string{
		ep.DBLPSearch(title):             dblp,
		ep.CrossrefSearch(title, ""):     `{"status":"ok","message-type":"work-list","message":{"items":[]}}`,
		ep.OpenAlexSearch(title, "", ""): `{"meta":{"count":0},"results":[]}`,
	}}
	p := runOne(t, g, paperlist.Entry{Venue: "EuroSys", Year: 2023, Title: title, ListTitle: title}, nil)
	if p.Status != paperlist.StatusNotFound {
		t.Errorf("status = %s, want not_found; %+v", p.Status, p)
	}
	if p.DOI != "" || len(p.Authors) != 0 || p.Title != title {
		t.Errorf("wrong data leaked into the record: doi %q authors %v title %q", p.DOI, p.Authors, p.Title)
	}
	if !strings.Contains(strings.Join(p.Errors, " "), "Elastic Ephemeral Storage") {
		t.Errorf("errors should name the rejected candidate: %v", p.Errors)
	}
}

func TestEnrichOverrides(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "ov.json")
	os.WriteFile(path, []byte(`{
	  "eurosys2023-pocket": {"skip": true},
	  "Lyra: Elastic Scheduling for Deep Learning Clusters": {"set": {"pdf_url": "https://example.org/lyra.pdf", "year": "2023"}}
	}`), 0o644)
	ov, err := LoadOverrides(path)
	if err != nil {
		t.Fatal(err)
	}
	g := &fakeGetter{}
	ps, err := New(Config{Getter: g, Overrides: ov}).Run(context.Background(), []paperlist.Entry{
		{Venue: "EuroSys", Year: 2023, Title: "Pocket: ML Serving from the Edge", ListTitle: "Pocket: ML Serving from the Edge"},
		{Venue: "EuroSys", Year: 2023, Title: "Lyra: Elastic Scheduling for Deep Learning Clusters", ListTitle: "Lyra: Elastic Scheduling for Deep Learning Clusters"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if ps[0].Status != paperlist.StatusSkipped {
		t.Errorf("pocket status = %s", ps[0].Status)
	}
	if ps[1].PDFURL != "https://example.org/lyra.pdf" || ps[1].Sources["pdf_url"] != "override" {
		t.Errorf("lyra pdf = %q sources %v", ps[1].PDFURL, ps[1].Sources)
	}
	for _, c := range g.calls {
		if strings.Contains(c, "Pocket") {
			t.Errorf("a skipped entry was fetched: %s", c)
		}
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(path, []byte(`{"x": {"set": {"colour": "red"}}}`), 0o644)
	if _, err := LoadOverrides(path); err == nil || !strings.Contains(err.Error(), `"colour"`) {
		t.Errorf("an unknown field should be an error naming it, got %v", err)
	}
}

func TestEnrichDuplicatesCostOneResolution(t *testing.T) {
	link := "https://www.usenix.org/conference/osdi23/presentation/li-zhouhan"
	g := &fakeGetter{answers: map[string]string{link: recorded(t, "www.usenix.org/conference/osdi23/presentation/li-zhouhan.html")}}
	e := paperlist.Entry{Venue: "OSDI", Year: 2023, Title: "AlpaServe", ListTitle: "AlpaServe", Link: link}
	e2 := e
	e2.Group, e2.Line, e2.Notes, e2.Struck = "misc", 40, []string{"again"}, true
	ps, err := New(Config{Getter: g}).Run(context.Background(), []paperlist.Entry{e, e2})
	if err != nil {
		t.Fatal(err)
	}
	if len(g.calls) != 1 {
		t.Errorf("the same paper listed twice made %d requests, want 1", len(g.calls))
	}
	if ps[1].ID != "osdi2023-alpaserve-2" || ps[1].Line != 40 || ps[1].Notes[0] != "again" || ps[1].Authors[0].Name != "Zhuohan Li" {
		t.Errorf("second copy = %+v", ps[1])
	}
	// Each copy has its own list part: struck out in one place only.
	if ps[0].Struck || !ps[1].Struck || ps[0].Group != "" || ps[1].Group != "misc" {
		t.Errorf("struck %v/%v, group %q/%q: each entry's list part must be its own", ps[0].Struck, ps[1].Struck, ps[0].Group, ps[1].Group)
	}
	if ps[1].Title != ps[0].Title || !strings.HasPrefix(ps[1].Title, "AlpaServe: Statistical Multiplexing") {
		t.Errorf("titles %q / %q, want the resolved title on both", ps[0].Title, ps[1].Title)
	}
}

func TestEnrichCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ps, err := New(Config{Getter: &fakeGetter{}}).Run(ctx, []paperlist.Entry{{Title: "A"}, {Title: "B"}})
	if err == nil {
		t.Fatal("Run on a cancelled context returned no error")
	}
	for _, p := range ps {
		if p.Status != paperlist.StatusError || len(p.Errors) == 0 {
			t.Errorf("unfinished entry %q: status %q errors %v", p.Title, p.Status, p.Errors)
		}
	}
}

func TestAssignIDs(t *testing.T) {
	ids := AssignIDs([]paperlist.Entry{
		{Venue: "OSDI", Year: 2023, Title: "AlpaServe: Statistical Multiplexing"},
		{Venue: "HPCA", Year: 2023, Title: "Logical/Physical Topology-Aware Collective Communication in Deep Learning Training"},
		{Venue: "OSDI", Year: 2023, Title: "AlpaServe: again"},
		{Title: "Déjà Vu: Caching"},
		{Line: 7},
		{Venue: "OSDI", Year: 2023, Title: "FlashAttention: Fast"},
		{Venue: "OSDI", Year: 2023, Title: "FlashAttention-2: Faster"},
		{Venue: "OSDI", Year: 2023, Title: "FlashAttention: Fast"},
	})
	want := []string{"osdi2023-alpaserve", "hpca2023-logical-physical-topology-aware", "osdi2023-alpaserve-2", "paper-deja-vu", "paper-line7",
		"osdi2023-flashattention", "osdi2023-flashattention-2", "osdi2023-flashattention-3"}
	for i := range want {
		if ids[i] != want[i] {
			t.Errorf("id %d = %q, want %q", i, ids[i], want[i])
		}
	}
}

// A link straight to a PDF is kept as the PDF; the paper itself is found by
// its title.
func TestEnrichPDFLinkResolvesByTitle(t *testing.T) {
	title := "DGCL: An Efficient Communication Library for Distributed GNN Training"
	pdf := "https://www.usenix.org/system/files/eurosys21-dgcl.pdf"
	ep := DefaultEndpoints()
	g := &fakeGetter{answers: map[string]string{
		ep.DBLPSearch(title): recorded(t, "dblp.org/search/publ/api/q=DGCL-efficient-communication-library.json"),
	}}
	p := runOne(t, g, paperlist.Entry{Venue: "EuroSys", Year: 2021, Title: title, ListTitle: title, Link: pdf}, nil)
	if p.DOI != "10.1145/3447786.3456233" {
		t.Errorf("doi = %q, errors %v", p.DOI, p.Errors)
	}
	if p.PDFURL != pdf || p.PDFKind != "open_access" {
		t.Errorf("pdf = %q (%s)", p.PDFURL, p.PDFKind)
	}
	for _, c := range g.calls {
		if c == pdf {
			t.Error("the PDF itself was downloaded")
		}
	}
}

// A USENIX link that is gone (here: a wrong slug) falls back to the title.
func TestEnrichBrokenUSENIXLinkFallsBackToTitle(t *testing.T) {
	title := "DGCL: An Efficient Communication Library for Distributed GNN Training"
	ep := DefaultEndpoints()
	g := &fakeGetter{answers: map[string]string{
		ep.DBLPSearch(title): recorded(t, "dblp.org/search/publ/api/q=DGCL-efficient-communication-library.json"),
	}}
	p := runOne(t, g, paperlist.Entry{Venue: "EuroSys", Year: 2021, Title: title, ListTitle: title,
		Link: "https://www.usenix.org/conference/eurosys21/presentation/wrong-slug"}, nil)
	if p.DOI != "10.1145/3447786.3456233" || len(p.Authors) == 0 {
		t.Errorf("not resolved by title: doi %q authors %v errors %v", p.DOI, p.Authors, p.Errors)
	}
	if p.Status != paperlist.StatusPartial {
		t.Errorf("status = %s, want partial (resolved, but the link is broken)", p.Status)
	}
	if !strings.Contains(strings.Join(p.Errors, " "), "wrong-slug: HTTP 404") {
		t.Errorf("errors should say the link is broken: %v", p.Errors)
	}
}

// A search index that carries a wrong DOI must not bring another paper's
// DOI, metadata or preprint into the record.
func TestEnrichDropsWrongDOIFromSearch(t *testing.T) {
	title := "Pocket: ML Serving from the Edge"
	ep := DefaultEndpoints()
	dblp := `{"result":{"hits":{"@total":"1","hit":[{"info":{
	  "authors":{"author":[{"text":"Misha Sadeghi"}]},
	  "title":"Pocket: ML Serving from the Edge.","venue":"EuroSys","pages":"1-16","year":"2023",
	  "type":"Conference and Workshop Papers","doi":"10.1145/9999.wrong","ee":"https://doi.org/10.1145/9999.wrong"}}]}}}`
	crossref := `{"status":"ok","message-type":"work","message":{"DOI":"10.1145/9999.wrong","title":["Totally Different Work"],
	  "author":[{"given":"X","family":"Y"}],"type":"proceedings-article","issued":{"date-parts":[[2023]]}}}`
	g := &fakeGetter{answers: map[string]string{
		ep.DBLPSearch(title):                      dblp,
		ep.CrossrefWork("10.1145/9999.wrong", ""): crossref,
	}}
	p := runOne(t, g, paperlist.Entry{Venue: "EuroSys", Year: 2023, Title: title, ListTitle: title}, nil)
	if p.DOI != "" || p.PDFURL != "" {
		t.Errorf("the wrong DOI leaked: doi %q pdf %q", p.DOI, p.PDFURL)
	}
	if len(p.Authors) != 1 || p.Authors[0].Name != "Misha Sadeghi" || p.Title != title {
		t.Errorf("the verified DBLP hit should stay: %+v", p)
	}
	if !strings.Contains(strings.Join(p.Errors, " "), "belongs to another paper") {
		t.Errorf("errors = %v", p.Errors)
	}
}

// Two different papers that link the same repository are resolved each by
// its own title.
func TestEnrichSameRepoDifferentPapers(t *testing.T) {
	repo := "https://github.com/czkkkkkk/gccl"
	ep := DefaultEndpoints()
	g := &fakeGetter{answers: map[string]string{
		ep.GitHubRepo("czkkkkkk", "gccl"): recorded(t, "api.github.com/repos/czkkkkkk/gccl.json"),
		ep.DBLPSearch("DGCL: An Efficient Communication Library for Distributed GNN Training"): recorded(t, "dblp.org/search/publ/api/q=DGCL-efficient-communication-library.json"),
	}}
	ps, err := New(Config{Getter: g}).Run(context.Background(), []paperlist.Entry{
		{Venue: "EuroSys", Year: 2021, Title: "DGCL: An Efficient Communication Library for Distributed GNN Training", ListTitle: "DGCL", Link: repo},
		{Venue: "EuroSys", Year: 2021, Title: "Some Other Paper Using the Same Library", ListTitle: "Other", Link: repo},
	})
	if err != nil {
		t.Fatal(err)
	}
	if ps[0].DOI != "10.1145/3447786.3456233" {
		t.Errorf("DGCL doi = %q", ps[0].DOI)
	}
	if ps[1].DOI != "" || ps[1].Title != "Some Other Paper Using the Same Library" {
		t.Errorf("the other paper took DGCL's data: %+v", ps[1])
	}
	if ps[0].CodeURL != repo || ps[1].CodeURL != repo {
		t.Errorf("code urls = %q, %q", ps[0].CodeURL, ps[1].CodeURL)
	}
}

// A link to a project page or a talk video is not the paper: its Open Graph
// title and description never become the record's; the paper is found by
// title. A publisher's page (citation_* tags) is taken as the user's word.
func TestEnrichNonScholarlyPageIsVerified(t *testing.T) {
	title := "DGCL: An Efficient Communication Library for Distributed GNN Training"
	ep := DefaultEndpoints()
	video := "https://www.youtube.example/watch?v=abc"
	g := &fakeGetter{answers: map[string]string{
		video:                `<html><head><meta property="og:title" content="EuroSys 2021 keynote: the future of graphs"><meta property="og:description" content="A talk about graphs and the future."></head></html>`,
		ep.DBLPSearch(title): recorded(t, "dblp.org/search/publ/api/q=DGCL-efficient-communication-library.json"),
	}}
	p := runOne(t, g, paperlist.Entry{Venue: "EuroSys", Year: 2021, Title: title, ListTitle: title, Link: video}, nil)
	if p.Title != title || p.DOI != "10.1145/3447786.3456233" || strings.Contains(p.Abstract, "talk about graphs") {
		t.Errorf("the video page leaked into the record: title %q doi %q abstract %q", p.Title, p.DOI, p.Abstract)
	}
	if !strings.Contains(strings.Join(p.Errors, " "), "not this paper") {
		t.Errorf("errors = %v", p.Errors)
	}
}

// Entries are handed out round robin over the hosts of their first request,
// list order kept within a host.
func TestFeedOrderInterleavesHosts(t *testing.T) {
	es := []paperlist.Entry{
		{Title: "A1", Link: "https://a.example/1"}, {Title: "A2", Link: "https://a.example/2"}, {Title: "A3", Link: "https://a.example/3"},
		{Title: "B1", Link: "https://b.example:8443/1"}, {Title: "B2", Link: "https://b.example:8443/2"},
		{Title: "T1"},
	}
	e := New(Config{})
	ids := AssignIDs(es)
	starts := make([]*Known, len(es))
	for i := range es {
		starts[i], _ = e.start(es[i], ids[i])
	}
	got := e.feedOrder(starts, func(int) bool { return false })
	want := []int{0, 3, 5, 1, 4, 2}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("feedOrder = %v, want %v", got, want)
		}
	}
}

// Two entries that link the same page for two different papers are not one
// resolution, even when the page sends both to the title search.
func TestEnrichSamePageDifferentPapers(t *testing.T) {
	page := "https://lab.example/projects"
	title := "DGCL: An Efficient Communication Library for Distributed GNN Training"
	ep := DefaultEndpoints()
	g := &fakeGetter{answers: map[string]string{
		page:                 `<html><head><meta property="og:title" content="Our Lab Projects"></head></html>`,
		ep.DBLPSearch(title): recorded(t, "dblp.org/search/publ/api/q=DGCL-efficient-communication-library.json"),
	}}
	ps, err := New(Config{Getter: g}).Run(context.Background(), []paperlist.Entry{
		{Venue: "EuroSys", Year: 2021, Title: title, ListTitle: title, Link: page},
		{Venue: "EuroSys", Year: 2021, Title: "Some Other Paper", ListTitle: "Some Other Paper", Link: page},
	})
	if err != nil {
		t.Fatal(err)
	}
	if ps[0].DOI != "10.1145/3447786.3456233" || ps[1].DOI != "" || ps[1].Title != "Some Other Paper" {
		t.Errorf("got %q/%q and %q/%q", ps[0].Title, ps[0].DOI, ps[1].Title, ps[1].DOI)
	}
}

// When DBLP, Crossref and OpenAlex have nothing, Semantic Scholar's title
// match is the last search, verified like the others.
func TestEnrichFallsBackToSemanticScholarMatch(t *testing.T) {
	title := "DGCL: An Efficient Communication Library for Distributed GNN Training"
	ep := DefaultEndpoints()
	b, err := os.ReadFile(filepath.Join("testdata", "api", "s2-match-dgcl.json"))
	if err != nil {
		t.Fatal(err)
	}
	g := &fakeGetter{answers: map[string]string{
		ep.DBLPSearch(title): `{"result":{"hits":{"@total":"0","@computed":"0","@sent":"0","@first":"0"}}}`,
		ep.S2Match(title):    string(b),
	}}
	p := runOne(t, g, paperlist.Entry{Venue: "EuroSys", Year: 2021, Title: title, ListTitle: title}, nil)
	if p.DOI != "10.1145/3447786.3456233" || !strings.HasPrefix(p.Sources["title"], "https://api.semanticscholar.org/graph/v1/paper/search/match") {
		t.Errorf("doi %q, sources %v, errors %v", p.DOI, p.Sources, p.Errors)
	}
	for _, e := range p.Errors {
		if strings.Contains(e, "search:") {
			t.Errorf("a failed earlier search is reported although a later one matched: %q", e)
		}
	}
}

// memRecords is a record cache in memory whose answers are g's.
type memRecords struct {
	mu   sync.Mutex
	recs map[string][]byte
	g    *fakeGetter
}

func (m *memRecords) Records(_ context.Context, keys []string) (map[string][]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string][]byte{}
	for _, k := range keys {
		if b, ok := m.recs[k]; ok {
			out[k] = b
		}
	}
	return out, nil
}

func (m *memRecords) PutRecord(_ context.Context, key string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.recs[key] = append([]byte(nil), data...)
	return nil
}

func (m *memRecords) Answers(_ context.Context, urls []string) (map[string]string, error) {
	out := map[string]string{}
	for _, u := range urls {
		if body, ok := m.g.answers[u]; ok {
			out[u] = fetch.Digest([]byte(body))
		} else {
			out[u] = fetch.NegativeDigest(http.StatusNotFound)
		}
	}
	return out, nil
}

// A warm run reads each resolution from the record cache and gives the
// records of the cold run, duplicates included (each with its own list
// fields), without a request; entries share no slice or map.
func TestEnrichWarmRecordsAndDuplicates(t *testing.T) {
	link := "https://www.usenix.org/conference/osdi23/presentation/li-zhouhan"
	g := &fakeGetter{answers: map[string]string{link: recorded(t, "www.usenix.org/conference/osdi23/presentation/li-zhouhan.html")}}
	e := paperlist.Entry{Venue: "OSDI", Year: 2023, Title: "AlpaServe", ListTitle: "AlpaServe", Link: link, Line: 3}
	e2 := e
	e2.Group, e2.Line, e2.Notes = "misc", 40, []string{"again"}
	bare := paperlist.Entry{Title: "A Paper Nobody Indexed", ListTitle: "A Paper Nobody Indexed", Line: 50}
	entries := []paperlist.Entry{e, bare, e2}
	rc := &memRecords{recs: map[string][]byte{}, g: g}
	cold, err := New(Config{Getter: g, Records: rc}).Run(context.Background(), entries)
	if err != nil {
		t.Fatal(err)
	}
	if len(rc.recs) == 0 {
		t.Fatal("the cold run stored no record")
	}
	g.calls = nil
	warm, err := New(Config{Getter: g, Records: rc}).Run(context.Background(), entries)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.calls) != 0 {
		t.Errorf("the warm run made requests: %v", g.calls)
	}
	for i := range cold {
		c, w := cold[i], warm[i]
		c.Volatile, w.Volatile = nil, nil
		if !reflect.DeepEqual(c, w) {
			t.Errorf("entry %d: warm record differs from the cold one:\ncold %+v\nwarm %+v", i, c, w)
		}
	}
	if warm[0].Authors[0].Name != "Zhuohan Li" || warm[2].Line != 40 || warm[2].Notes[0] != "again" || warm[0].Sources["authors"] != link {
		t.Errorf("warm records: %+v / %+v", warm[0], warm[2])
	}
	warm[0].Authors[0].Name, warm[0].Sources["authors"] = "changed", "changed"
	if warm[2].Authors[0].Name == "changed" || warm[2].Sources["authors"] == "changed" {
		t.Error("duplicates share their authors or sources")
	}
}

// Each hands the records over in list order, one at a time, whatever order
// the workers finish them in; a warm run gives the same records.
func TestEachInListOrder(t *testing.T) {
	link := "https://www.usenix.org/conference/osdi23/presentation/li-zhouhan"
	g := &fakeGetter{answers: map[string]string{link: recorded(t, "www.usenix.org/conference/osdi23/presentation/li-zhouhan.html")}}
	var entries []paperlist.Entry
	for i := range 40 {
		en := paperlist.Entry{Title: fmt.Sprintf("Unindexed Paper Number %d", i), ListTitle: fmt.Sprintf("Unindexed Paper Number %d", i), Line: 10 + i}
		if i%7 == 3 {
			en = paperlist.Entry{Venue: "OSDI", Year: 2023, Title: "AlpaServe", ListTitle: "AlpaServe", Link: link, Line: 10 + i}
		}
		entries = append(entries, en)
	}
	rc := &memRecords{recs: map[string][]byte{}, g: g}
	for _, run := range []string{"cold", "warm"} {
		var got []int
		var busy atomic.Bool
		err := New(Config{Getter: g, Records: rc, Workers: 8}).Each(context.Background(), entries, func(i int, p *paperlist.Paper) {
			if busy.Swap(true) {
				t.Errorf("%s: emit called while another call runs", run)
			}
			defer busy.Store(false)
			if p.Line != entries[i].Line {
				t.Errorf("%s: record %d is line %d's, want line %d's", run, i, p.Line, entries[i].Line)
			}
			if i%7 == 3 && (len(p.Authors) == 0 || p.Authors[0].Name != "Zhuohan Li") {
				t.Errorf("%s: record %d has authors %+v", run, i, p.Authors)
			}
			got = append(got, i)
		})
		if err != nil {
			t.Fatal(err)
		}
		for k, i := range got {
			if i != k {
				t.Fatalf("%s: records handed over in the order %v", run, got)
			}
		}
		if len(got) != len(entries) {
			t.Errorf("%s: %d records handed over, want %d", run, len(got), len(entries))
		}
	}
}
