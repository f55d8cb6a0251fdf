package enrich

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

// Resolve runs the chain of the entry's route and returns its record and
// the steps taken and skipped. p holds the list's part of the record.
func (e *Enricher) Resolve(ctx context.Context, en paperlist.Entry, p paperlist.Paper) (paperlist.Paper, []StepResult) {
	k, ov := e.start(en, p.ID)
	p, out := e.resolve(ctx, k, ov, p)
	return p, out.steps
}

// resolve runs the chain of k's route; k is what e.start made of the entry.
func (e *Enricher) resolve(ctx context.Context, k *Known, ov *Override, p paperlist.Paper) (paperlist.Paper, outcome) {
	t := k.Target
	switch {
	case t.Route == RouteSkipped:
		p.Status = paperlist.StatusSkipped
		p.Errors = append(p.Errors, "skipped by override")
		return p, outcome{}
	case ctx.Err() != nil:
		p.Status = paperlist.StatusError
		p.Errors = append(p.Errors, "interrupted")
		p.Interrupted = true
		return p, outcome{ctxErr: ctx.Err()}
	case t.Route == RouteBadLink:
		p.Status = paperlist.StatusError
		p.Errors = append(p.Errors, fmt.Errorf("link %q: %w: only http and https links are followed", t.Link, fetch.ErrTarget).Error())
		return p, outcome{}
	}
	if t.Note != "" {
		p.Errors = append(p.Errors, t.Note)
	}
	out := e.run(ctx, Chains[t.Route], k)
	e.finish(&p, k, out, ov)
	if e.cfg.Logger.Enabled(ctx, -4) {
		for _, s := range out.steps {
			e.cfg.Logger.Debug("step", "id", p.ID, "source", s.Source, "ran", s.Ran, "skipped", s.Skipped, "err", s.Err)
		}
	}
	return p, out
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

// pageIsEntry reports whether a page without bibliographic meta tags
// describes the entry's paper: its title matches the list's, or contains
// the list's title as whole words (lists often give only a system's name:
// "Pollux").
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
