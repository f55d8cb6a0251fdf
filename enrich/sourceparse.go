package enrich

import (
	"context"
	"fmt"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

// The adapters below turn the pure parsers (bytes in, records out) into a
// Source's Parse.

// jsonRecord adapts a parser of one JSON record.
func jsonRecord(parse func([]byte) (Record, error)) func(context.Context, *Env, *Known, *fetch.Response) ([]Record, error) {
	return func(_ context.Context, _ *Env, _ *Known, resp *fetch.Response) ([]Record, error) {
		rec, err := parse(resp.Body)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", redact(resp.URL), err)
		}
		return []Record{rec}, nil
	}
}

// searchHits adapts a search parser: the one candidate that verifies
// against the list (Choose), or a *noMatch naming the rejected ones.
func searchHits(org string, parse func([]byte) ([]Record, error)) func(context.Context, *Env, *Known, *fetch.Response) ([]Record, error) {
	return func(_ context.Context, _ *Env, k *Known, resp *fetch.Response) ([]Record, error) {
		cands, err := parse(resp.Body)
		if err != nil {
			return nil, fmt.Errorf("parse %s: %w", redact(resp.URL), err)
		}
		best, rejected, err := Choose(k.Want(), cands)
		for i := range rejected {
			rejected[i] = org + " " + rejected[i]
		}
		if err != nil {
			return nil, &noMatch{err: err, rejected: rejected}
		}
		w := k.Want()
		if w.Venue != "" && isPreprint(best) && !venueIsPreprint(w.Venue) {
			// The list names where the paper was published: its preprint
			// is a fallback, and its (arXiv) DOI is not the paper's.
			best.Provisional, best.DOI = true, ""
		}
		out := []Record{best}
		if !isPreprint(best) && best.ArxivID == "" {
			// The published version won; an arXiv copy that also verified
			// still gives the paper its arXiv id and a free PDF.
			for _, c := range cands {
				if isPreprint(c) && c.ArxivID != "" && Verify(w, c).OK && !differentTitles(best, c) {
					out = append(out, Record{Source: "arxiv", URL: "https://arxiv.org/abs/" + c.ArxivID, ArxivID: c.ArxivID,
						PDFURL: "https://arxiv.org/pdf/" + c.ArxivID, PDFKind: paperlist.PDFPreprint})
					break
				}
			}
		}
		return out, nil
	}
}

// htmlPage adapts a page extractor: the body decoded to UTF-8 by its
// charset, relative links resolved against the final URL.
func htmlPage(parse func(body []byte, pageURL string) (Record, error)) func(context.Context, *Env, *Known, *fetch.Response) ([]Record, error) {
	return func(_ context.Context, _ *Env, _ *Known, resp *fetch.Response) ([]Record, error) {
		body, err := DecodeHTML(resp.Body, resp.Header.Get("Content-Type"))
		if err != nil {
			return nil, fmt.Errorf("decode %s: %w", redact(resp.URL), err)
		}
		page := resp.FinalURL
		if page == "" {
			page = resp.URL
		}
		rec, err := parse(body, page) // its errors name the URL
		if err != nil {
			return nil, err
		}
		if rec.URL == "" {
			rec.URL = redact(page)
		}
		return []Record{rec}, nil
	}
}

// titleSearch is the Request of a title search: nothing to ask while the
// title is unknown (a nickname whose PDF is not read yet).
func titleSearch(build func(env *Env, title string) (url string, hdr map[string]string)) func(*Env, *Known) (fetch.Request, bool) {
	return func(env *Env, k *Known) (fetch.Request, bool) {
		title := k.Want().Title
		if title == "" {
			return fetch.Request{}, false
		}
		u, hdr := build(env, title)
		return jsonGet(u, hdr), true
	}
}

func jsonGet(u string, hdr map[string]string) fetch.Request {
	return getRequest(u, "application/json", hdr)
}
