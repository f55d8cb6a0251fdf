package enrich

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

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
		if rec, err := r.getJSON(ctx, ep.S2Paper(doi), r.s2Header(), ParseS2Paper); err != nil {
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

// s2Header carries the optional Semantic Scholar key (never in a URL).
func (r *resolution) s2Header() map[string]string {
	if r.e.cfg.S2Key == "" {
		return nil
	}
	return map[string]string{"x-api-key": r.e.cfg.S2Key}
}
