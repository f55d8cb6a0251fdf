package enrich

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"strings"
	"sync"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

// Getter makes one GET, politely and through the cache. It is all the
// enricher needs of the network.
type Getter interface {
	Get(ctx context.Context, req fetch.Request) (*fetch.Response, error)
}

// Config configures an Enricher. Zero values mean the defaults. The contact
// address is not here: it travels in the User-Agent ("mailto:..."), which
// Crossref and OpenAlex read for their polite pools, so that it never
// appears in a URL, a cache key, an error or the output.
type Config struct {
	Getter      Getter
	Endpoints   Endpoints // zero => DefaultEndpoints()
	OpenAlexKey string    // optional OPENALEX_API_KEY
	S2Key       string    // optional S2_API_KEY, sent as x-api-key
	Workers     int       // entries in progress at once; default 16 (per-host limits live in fetch)
	Overrides   *Overrides
	Logger      *slog.Logger
	// OnDone is called after each entry is finished (from worker goroutines).
	OnDone func(i int, p *paperlist.Paper)
}

func (c Config) withDefaults() Config {
	if c.Endpoints == (Endpoints{}) {
		c.Endpoints = DefaultEndpoints()
	}
	if c.Workers <= 0 {
		c.Workers = 16
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	return c
}

// Enricher turns list entries into dataset records.
type Enricher struct {
	cfg Config
}

// New returns an Enricher.
func New(cfg Config) *Enricher {
	return &Enricher{cfg: cfg.withDefaults()}
}

// Run enriches every entry and returns the records in list order. Problems
// with one entry are recorded on its record (status, errors) and never stop
// the others; Run returns an error only when ctx is cancelled, together with
// the records finished so far (unfinished ones keep their list data and the
// status "error" with the reason "interrupted").
func (e *Enricher) Run(ctx context.Context, entries []paperlist.Entry) ([]paperlist.Paper, error) {
	papers := make([]paperlist.Paper, len(entries))
	ids := AssignIDs(entries)
	for i, en := range entries {
		papers[i] = paperlist.FromEntry(en)
		papers[i].ID = ids[i]
	}
	// Entries that describe the same paper (same link, or same title and
	// venue-year when unlinked) share one resolution.
	var flight sync.Map // key -> *shared
	type shared struct {
		once sync.Once
		p    paperlist.Paper
	}
	jobs := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < e.cfg.Workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				v, _ := flight.LoadOrStore(e.dedupKey(entries[i], ids[i]), &shared{})
				s := v.(*shared)
				s.once.Do(func() { s.p = e.resolve(ctx, entries[i], papers[i]) })
				papers[i] = withListData(s.p, papers[i])
				if e.cfg.OnDone != nil {
					e.cfg.OnDone(i, &papers[i])
				}
			}
		}()
	}
	sent := make([]bool, len(entries))
feed:
	for _, i := range e.feedOrder(entries, ids) {
		select {
		case jobs <- i:
			sent[i] = true
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		for i := range papers {
			if !sent[i] {
				papers[i].Status = paperlist.StatusError
				papers[i].Errors = append(papers[i].Errors, "interrupted before this entry was processed")
				continue
			}
			markInterrupted(&papers[i])
		}
		return papers, err
	}
	return papers, nil
}

// markInterrupted rewords the errors of an entry that was in progress when
// the run was stopped: "interrupted", not a cryptic "context canceled".
func markInterrupted(p *paperlist.Paper) {
	kept := p.Errors[:0]
	cut := false
	for _, e := range p.Errors {
		if strings.Contains(e, context.Canceled.Error()) || strings.Contains(e, context.DeadlineExceeded.Error()) {
			cut = true
			continue
		}
		kept = append(kept, e)
	}
	p.Errors = kept
	if cut {
		p.Errors = append(p.Errors, "interrupted while this entry was being processed")
		if p.Status == paperlist.StatusOK || p.Status == paperlist.StatusNotFound {
			p.Status = paperlist.StatusPartial
		}
		if p.Title == "" || len(p.Sources) == 0 {
			p.Status = paperlist.StatusError
		}
	}
}

// withListData copies a resolved record onto another entry's list fields,
// for duplicates that shared one resolution.
func withListData(resolved, list paperlist.Paper) paperlist.Paper {
	out := resolved
	// Each copy owns its slices and map: a later rewrite of one (an
	// interrupted entry's errors) must not show in the other.
	out.Authors = append([]paperlist.Author{}, resolved.Authors...)
	out.Errors = append([]string{}, resolved.Errors...)
	out.Sources = make(map[string]string, len(resolved.Sources))
	for k, v := range resolved.Sources {
		out.Sources[k] = v
	}
	out.ID, out.Venue, out.Year, out.Group = list.ID, list.Venue, list.Year, list.Group
	out.ListTitle, out.Link, out.Read, out.Notes, out.Line = list.ListTitle, list.Link, list.Read, list.Notes, list.Line
	if out.Venue == "" {
		out.Venue = resolved.Venue
	}
	if out.Year == 0 {
		out.Year = resolved.Year
	}
	return out
}

// dedupKey groups entries that are the same paper and so share one
// resolution: the same paper page or DOI, or the same title, venue and year
// when the paper is found by title (no link, a repository or PDF link). An
// entry with an override of its own is never shared.
func (e *Enricher) dedupKey(en paperlist.Entry, id string) string {
	if _, ok := e.cfg.Overrides.For(id, en.ListTitle); ok {
		return "id:" + id
	}
	byTitle := fmt.Sprintf("title:%s|%s|%d", NormalizeTitle(en.Title), en.Venue, en.Year)
	if en.Link == "" {
		return byTitle
	}
	switch classify(en.Link).route {
	case PlanDOI, PlanArxiv:
		return "link:" + en.Link // the link names the paper
	}
	// A repository, a PDF, a page: two entries may link it for two
	// different papers, and any of these can fall back to the title.
	return "link:" + en.Link + "|" + byTitle
}

// resolve runs the source chain that fits the entry's link.
func (e *Enricher) resolve(ctx context.Context, en paperlist.Entry, p paperlist.Paper) paperlist.Paper {
	r := &resolution{e: e, entry: en, paper: &p}
	if ov, ok := e.cfg.Overrides.For(p.ID, en.ListTitle); ok {
		if ov.Skip {
			p.Status = paperlist.StatusSkipped
			p.Errors = append(p.Errors, "skipped by override")
			return p
		}
		r.override = &ov
		if ov.DOI != "" {
			r.doiChain(ctx, NormalizeDOI(ov.DOI), "override")
			r.finish()
			return p
		}
		if ov.URL != "" {
			en.Link = ov.URL
			r.entry.Link = ov.URL
		}
	}
	if ctx.Err() != nil {
		p.Status = paperlist.StatusError
		p.Errors = append(p.Errors, "interrupted")
		return p
	}
	link := strings.TrimSpace(en.Link)
	switch {
	case link == "":
		r.byTitle(ctx)
	default:
		r.byLink(ctx, link)
	}
	r.finish()
	return p
}

// resolution is the state of one entry's enrichment.
type resolution struct {
	e        *Enricher
	entry    paperlist.Entry
	paper    *paperlist.Paper
	override *Override
	records  []Record
	errs     []string
	blocked  bool
	failed   bool // a fetch or parse error (not "nothing found")
	notFound bool
}

func (r *resolution) addErr(err error) {
	r.errs = append(r.errs, err.Error())
	switch {
	case errors.Is(err, fetch.ErrBlocked):
		r.blocked = true
	case errors.Is(err, ErrNoMatch), errors.Is(err, ErrNotAPaper):
		r.notFound = true
	default:
		r.failed = true
	}
}

func (r *resolution) byLink(ctx context.Context, link string) {
	t := classify(link)
	switch t.route {
	case PlanUSENIX:
		r.usenix(ctx, t.page)
	case PlanDOI:
		r.doiChain(ctx, t.doi, link)
	case PlanArxiv:
		r.arxiv(ctx, t.arxiv)
	case PlanGitHub:
		r.github(ctx, t.owner, t.repo)
		r.byTitle(ctx)
	case PlanPage:
		r.genericPage(ctx, link)
	case PlanPDF:
		kind := "publisher"
		if strings.HasSuffix(strings.ToLower(hostOf(link)), "usenix.org") {
			kind = "open_access" // USENIX papers are open access
		}
		r.records = append(r.records, Record{Source: "link", URL: link, PDFURL: link, PDFKind: kind})
		r.byTitle(ctx)
	default:
		r.addErr(fmt.Errorf("link %q: %w: only http and https links are followed", link, fetch.ErrTarget))
	}
}

func (r *resolution) get(ctx context.Context, rawURL, accept string, hdr map[string]string) (*fetch.Response, error) {
	req := fetch.Request{URL: rawURL, Accept: accept}
	if len(hdr) > 0 {
		req.Header = make(map[string][]string, len(hdr))
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
	}
	resp, err := r.e.cfg.Getter.Get(ctx, req)
	if err != nil {
		return nil, err
	}
	if resp.Stale {
		r.errs = append(r.errs, fmt.Sprintf("using the cached copy of %s: %s", redact(rawURL), resp.StaleReason))
	}
	return resp, nil
}

// usenix reads a USENIX presentation page. When the page is gone (a wrong
// slug in the list, a moved page) or blocked, the paper is looked up by its
// title instead, and the entry says why.
func (r *resolution) usenix(ctx context.Context, page string) {
	resp, err := r.get(ctx, page, "text/html", nil)
	var se *fetch.StatusError
	if err != nil && ctx.Err() == nil && (errors.As(err, &se) && se.Definitive() || errors.Is(err, fetch.ErrBlocked)) {
		r.addErr(err)
		r.byTitle(ctx)
		return
	}
	if err != nil {
		r.addErr(err)
		return
	}
	body, err := DecodeHTML(resp.Body, resp.Header.Get("Content-Type"))
	if err != nil {
		r.addErr(fmt.Errorf("decode %s: %w", page, err))
		return
	}
	rec, err := ParseUSENIX(body, finalURL(resp, page)) // its errors name the URL
	if err != nil {
		r.addErr(err)
		return
	}
	r.records = append(r.records, rec)
}

func (r *resolution) genericPage(ctx context.Context, link string) {
	resp, err := r.get(ctx, link, "text/html", nil)
	if err != nil {
		r.addErr(err)
		return
	}
	body, err := DecodeHTML(resp.Body, resp.Header.Get("Content-Type"))
	if err != nil {
		r.addErr(fmt.Errorf("decode %s: %w", link, err))
		return
	}
	rec, err := ParseMeta(body, finalURL(resp, link)) // its errors name the URL
	if err != nil {
		r.addErr(err)
		return
	}
	if !rec.Scholarly && !pageIsEntry(r.entry, rec) {
		// A project page, a talk video, a blog post: its title is not the
		// paper's, so nothing on it is taken; the paper is found by title.
		r.errs = append(r.errs, fmt.Sprintf("the page %s is about %q, not this paper; resolving by title", redact(link), rec.Title))
		r.byTitle(ctx)
		return
	}
	r.records = append(r.records, rec)
	if rec.DOI != "" {
		r.doiChain(ctx, rec.DOI, link)
	}
}

// doiChain reads a DOI's metadata from Crossref, then OpenAlex, then
// Semantic Scholar when an abstract or an open-access PDF is still missing.
func (r *resolution) doiChain(ctx context.Context, doi, from string) {
	route, arxivID := RouteDOI(doi)
	switch route {
	case RouteDataCite:
		r.arxiv(ctx, arxivID)
		return
	case RouteUnregistered:
		r.errs = append(r.errs, fmt.Sprintf("%s is not a registered DOI (10.5555 is ACM's placeholder prefix); resolving by title", doi))
		r.byTitle(ctx)
		return
	}
	ep := r.e.cfg.Endpoints
	if rec, err := r.getJSON(ctx, ep.CrossrefWork(doi, ""), nil, ParseCrossrefWork); err != nil {
		r.addErr(err)
	} else {
		r.records = append(r.records, rec)
	}
	if rec, err := r.getJSON(ctx, ep.OpenAlexWork(doi, r.e.cfg.OpenAlexKey, ""), nil, ParseOpenAlexWork); err != nil {
		r.soft(err)
	} else {
		r.records = append(r.records, rec)
	}
	if !r.has(func(x Record) bool { return x.Abstract != "" }) || !r.has(func(x Record) bool { return x.PDFURL != "" && x.PDFKind == "open_access" }) {
		var hdr map[string]string
		if r.e.cfg.S2Key != "" {
			hdr = map[string]string{"x-api-key": r.e.cfg.S2Key}
		}
		if rec, err := r.getJSON(ctx, ep.S2Paper(doi), hdr, ParseS2Paper); err != nil {
			r.soft(err)
		} else {
			r.records = append(r.records, rec)
			// Its arXiv copy counts only if Semantic Scholar's record is
			// the same paper (its answer is checked again by the caller,
			// but a derived record carries no title to check).
			if rec.ArxivID != "" && r.titleAgrees(rec.Title) && !r.has(func(x Record) bool { return x.PDFURL != "" && x.PDFKind == "open_access" }) {
				r.arxivPreprint(ctx, rec.ArxivID)
			}
		}
	}
	// Keep the DOI even when every API failed: it came from the link.
	r.records = append(r.records, Record{Source: "link", URL: from, DOI: doi})
}

// soft records an error of a fallback source: it is reported, but only
// counts as a failure when nothing else answers.
func (r *resolution) soft(err error) {
	if errors.Is(err, fetch.ErrBlocked) {
		r.blocked = true
	}
	var se *fetch.StatusError
	if errors.As(err, &se) && se.Definitive() {
		return // the fallback simply does not know the work
	}
	r.errs = append(r.errs, err.Error())
}

func (r *resolution) has(f func(Record) bool) bool {
	for _, x := range r.records {
		if f(x) {
			return true
		}
	}
	return false
}

func (r *resolution) getJSON(ctx context.Context, u string, hdr map[string]string, parse func([]byte) (Record, error)) (Record, error) {
	resp, err := r.get(ctx, u, "application/json", hdr)
	if err != nil {
		return Record{}, err
	}
	rec, err := parse(resp.Body)
	if err != nil {
		return Record{}, fmt.Errorf("parse %s: %w", redact(u), err)
	}
	rec.URL = redact(u)
	return rec, nil
}

func (r *resolution) arxiv(ctx context.Context, id string) {
	u := r.e.cfg.Endpoints.ArxivQuery(id)
	resp, err := r.get(ctx, u, "application/atom+xml", nil)
	if err != nil {
		r.addErr(err)
		return
	}
	recs, err := ParseArxivFeed(resp.Body)
	if err != nil {
		r.addErr(fmt.Errorf("parse %s: %w", u, err))
		return
	}
	if len(recs) == 0 {
		r.addErr(fmt.Errorf("arXiv has no paper %s: %w", id, ErrNoMatch))
		return
	}
	rec := recs[0]
	rec.URL = u
	r.records = append(r.records, rec)
	if rec.DOI != "" {
		if route, _ := RouteDOI(rec.DOI); route == RouteCrossref {
			r.doiChain(ctx, rec.DOI, u)
		}
	}
}

// arxivPreprint adds only the arXiv PDF, when no open-access PDF is known.
func (r *resolution) arxivPreprint(ctx context.Context, id string) {
	r.records = append(r.records, Record{
		Source:  "arxiv",
		URL:     "https://arxiv.org/abs/" + id,
		ArxivID: id,
		PDFURL:  "https://arxiv.org/pdf/" + id,
		PDFKind: "preprint",
	})
}

func (r *resolution) github(ctx context.Context, owner, repo string) {
	u := r.e.cfg.Endpoints.GitHubRepo(owner, repo)
	resp, err := r.get(ctx, u, "application/vnd.github+json", map[string]string{"X-GitHub-Api-Version": "2022-11-28"})
	if err != nil {
		var se *fetch.StatusError
		if errors.As(err, &se) && se.Definitive() {
			r.errs = append(r.errs, fmt.Sprintf("code repository %s/%s not found on GitHub (HTTP %d): deleted or private", owner, repo, se.Status))
			return
		}
		r.soft(err)
		return
	}
	info, vol, err := ParseGitHubRepo(resp.Body)
	if err != nil {
		r.errs = append(r.errs, fmt.Sprintf("parse %s: %v", u, err))
		return
	}
	r.records = append(r.records, Record{Source: "github", URL: u, CodeURL: info.URL, Repo: info, Volatile: vol})
}

// byTitle resolves an entry by its title: DBLP first (with the section's
// venue and year to choose among hits), then Crossref, then OpenAlex. A
// candidate is accepted only after Verify.
func (r *resolution) byTitle(ctx context.Context) {
	want := Want{Title: r.entry.Title, Venue: r.entry.Venue, Year: r.entry.Year, Authors: r.entry.Authors}
	if want.Title == "" {
		want.Title = r.entry.ListTitle
	}
	ep := r.e.cfg.Endpoints
	type search struct {
		name  string
		url   string
		parse func([]byte) ([]Record, error)
	}
	searches := []search{
		{"DBLP", ep.DBLPSearch(want.Title), ParseDBLPSearch},
		{"Crossref", ep.CrossrefSearch(want.Title, ""), ParseCrossrefSearch},
		{"OpenAlex", ep.OpenAlexSearch(want.Title, r.e.cfg.OpenAlexKey, ""), ParseOpenAlexSearch},
	}
	var rejected []string
	// A search that fails is reported only when no later one matches: with
	// dblp.org refusing robots (its robots.txt disallows /search/publ), every
	// entry would otherwise carry that line.
	var searchErrs []string
	blocked := false
	for _, s := range searches {
		resp, err := r.get(ctx, s.url, "application/json", nil)
		if err != nil {
			searchErrs = append(searchErrs, fmt.Sprintf("%s search: %v", s.name, err))
			blocked = blocked || errors.Is(err, fetch.ErrBlocked)
			if ctx.Err() != nil {
				r.errs = append(r.errs, searchErrs...)
				return
			}
			continue
		}
		cands, err := s.parse(resp.Body)
		if err != nil {
			searchErrs = append(searchErrs, fmt.Sprintf("parse %s: %v", redact(s.url), err))
			continue
		}
		best, rej, err := Choose(want, cands)
		for _, x := range rej {
			rejected = append(rejected, s.name+" "+x)
		}
		if err != nil {
			continue
		}
		best.URL = redact(s.url)
		r.records = append(r.records, best)
		if best.DOI != "" {
			if route, _ := RouteDOI(best.DOI); route == RouteCrossref {
				before := len(r.records)
				r.doiChain(ctx, best.DOI, best.URL)
				if !r.checkDOIRecords(want, before) {
					// The DOI the index gave leads to another paper: keep
					// the search hit, but not its DOI nor anything found
					// through it (a preprint, a PDF).
					r.records = r.records[:before]
					r.records[before-1].DOI = ""
					r.errs = append(r.errs, fmt.Sprintf("dropped the DOI %s from %s: it belongs to another paper", best.DOI, best.URL))
					best.DOI = ""
				}
			}
		}
		if best.ArxivID != "" && !r.has(func(x Record) bool { return x.PDFURL != "" }) {
			r.arxivPreprint(ctx, best.ArxivID)
		}
		return
	}
	r.errs = append(r.errs, searchErrs...)
	if len(searchErrs) == len(searches) {
		r.failed = true
		r.blocked = r.blocked || blocked
		return
	}
	r.notFound = true
	msg := fmt.Sprintf("no record matched %q", want.Title)
	if want.Venue != "" || want.Year != 0 {
		msg += fmt.Sprintf(" (%s %d)", want.Venue, want.Year)
	}
	if len(rejected) > 0 {
		if len(rejected) > 3 {
			rejected = rejected[:3]
		}
		msg += "; best candidates: " + strings.Join(rejected, "; ")
	}
	r.errs = append(r.errs, msg)
}

// checkDOIRecords drops DOI metadata (from index `from` on) whose title does
// not match: a search index can carry a wrong DOI, and wrong data is worse
// than none. It reports false when every titled record was dropped: the DOI
// itself is then wrong.
func (r *resolution) checkDOIRecords(want Want, from int) bool {
	kept := r.records[:from]
	titled, matched := 0, 0
	for _, rec := range r.records[from:] {
		if rec.Title != "" {
			titled++
			if TitleSimilarity(want.Title, rec.Title) < MinTitleSimilarity {
				r.errs = append(r.errs, fmt.Sprintf("ignored %s: its title %q does not match", rec.URL, rec.Title))
				continue
			}
			matched++
		}
		kept = append(kept, rec)
	}
	r.records = kept
	return titled == 0 || matched > 0
}

// finish merges the records into the paper and sets its status.
func (r *resolution) finish() {
	p := r.paper
	Merge(p, r.records)
	if r.override != nil {
		r.override.Apply(p)
	}
	p.Errors = append(p.Errors, r.errs...)
	enriched := r.has(func(x Record) bool { return x.Title != "" })
	switch {
	case enriched && p.Title != "" && len(p.Authors) > 0 && p.Abstract != "" && p.PDFURL != "":
		p.Status = paperlist.StatusOK
	case enriched:
		p.Status = paperlist.StatusPartial
	case r.blocked:
		p.Status = paperlist.StatusBlocked
	case r.failed:
		p.Status = paperlist.StatusError
	default:
		p.Status = paperlist.StatusNotFound
	}
	if p.Title == "" {
		p.Title = r.entry.Title
	}
}

// redact removes credentials (api_key, mailto) from a URL before it is
// recorded in provenance or errors.
func redact(raw string) string { return fetch.WithoutSecrets(raw) }

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return u.Hostname()
}

// finalURL is the URL a page was finally read from (after redirects): its
// relative links resolve against it.
func finalURL(resp *fetch.Response, asked string) string {
	if resp.FinalURL != "" {
		return resp.FinalURL
	}
	return asked
}

// pageIsEntry reports whether a page without bibliographic meta tags
// describes the entry's paper:
// its title matches the list's, or contains the list's title as whole words
// (lists often give only a system's name: "Pollux").
func pageIsEntry(en paperlist.Entry, rec Record) bool {
	want := en.Title
	if want == "" {
		want = en.ListTitle
	}
	if want == "" || TitleSimilarity(want, rec.Title) >= MinTitleSimilarity {
		return true
	}
	w, t := NormalizeTitle(want), NormalizeTitle(rec.Title)
	return w != "" && strings.Contains(" "+t+" ", " "+w+" ")
}

// feedOrder interleaves the entries by the host of their first request
// (round robin over hosts, list order within a host), so that a list
// written venue by venue — one publisher's site for pages on end — does not
// park every worker on one host while the others idle. Records still come
// out in list order.
func (e *Enricher) feedOrder(entries []paperlist.Entry, ids []string) []int {
	var hostOrder []string
	byHost := map[string][]int{}
	for i, en := range entries {
		host := ""
		if _, urls := e.Plan(en, ids[i]); len(urls) > 0 {
			if u, err := url.Parse(urls[0]); err == nil {
				host = strings.ToLower(u.Host) // with its port, as fetch counts hosts
			}
		}
		if _, ok := byHost[host]; !ok {
			hostOrder = append(hostOrder, host)
		}
		byHost[host] = append(byHost[host], i)
	}
	order := make([]int, 0, len(entries))
	for len(order) < len(entries) {
		for _, h := range hostOrder {
			if q := byHost[h]; len(q) > 0 {
				order = append(order, q[0])
				byHost[h] = q[1:]
			}
		}
	}
	return order
}

// titleAgrees reports whether t is the title of the paper being resolved:
// close to a titled record already accepted, or to the list's title.
func (r *resolution) titleAgrees(t string) bool {
	if t == "" {
		return false
	}
	for _, x := range r.records {
		if x.Title != "" && TitleSimilarity(t, x.Title) >= MinTitleSimilarity {
			return true
		}
	}
	want := r.entry.Title
	if want == "" {
		want = r.entry.ListTitle
	}
	return want != "" && TitleSimilarity(t, want) >= MinTitleSimilarity
}
