package enrich

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/paperlist/paperlist/fetch"
)

// byTitle resolves an entry by its title: DBLP first (with the section's
// venue and year to choose among hits), then Crossref, then OpenAlex, then
// Semantic Scholar's title match (which also knows arXiv copies). A
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
		hdr   map[string]string
		parse func([]byte) ([]Record, error)
	}
	searches := []search{
		{"DBLP", ep.DBLPSearch(want.Title), nil, ParseDBLPSearch},
		{"Crossref", ep.CrossrefSearch(want.Title, ""), nil, ParseCrossrefSearch},
		{"OpenAlex", ep.OpenAlexSearch(want.Title, r.e.cfg.OpenAlexKey, ""), nil, ParseOpenAlexSearch},
		{"Semantic Scholar", ep.S2Match(want.Title), r.s2Header(), ParseS2Match},
	}
	var rejected []string
	// A search that fails is reported only when no later one matches: with
	// dblp.org refusing robots (its robots.txt disallows /search/publ), every
	// entry would otherwise carry that line.
	var searchErrs []string
	blocked := false
	for _, s := range searches {
		resp, err := r.get(ctx, s.url, "application/json", s.hdr)
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
