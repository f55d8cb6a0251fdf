package enrich

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
	"github.com/paperlist/paperlist/internal/pdfid"
)

// failure is a step that failed, for the entry's short reason.
type failure struct {
	label string
	err   error
	head  bool // the entry's own link failed (a broken link to fix)
}

// reason says in one line why an entry is not ok, naming no URL: what a
// person can act on. The record's errors keep the details and the URLs.
func reason(p *paperlist.Paper, out outcome) string {
	var parts []string
	verified := p.Status == paperlist.StatusPartial || p.Status == paperlist.StatusOK
	for _, f := range out.failures {
		if f.head || !verified {
			parts = append(parts, f.label+" "+describe(f.err))
		}
	}
	if !verified {
		// A search that answers 404 found nothing (Semantic Scholar's
		// title match does so), like one that answers no hit.
		none := append([]string{}, out.noMatch...)
		var failed []string
		for _, f := range out.deferred {
			name := strings.TrimSuffix(f.label, " search")
			var se *fetch.StatusError
			if errors.As(f.err, &se) && se.Definitive() {
				none = append(none, name)
				continue
			}
			failed = append(failed, f.label+" "+describe(f.err))
		}
		if len(none) > 0 {
			s := "no match in " + orList(none)
			if n := len(out.rejected); n > 0 {
				s = fmt.Sprintf("no match that passes verification in %s (%d candidates rejected)", orList(none), n)
			}
			parts = append(parts, s)
		}
		parts = append(parts, failed...)
	}
	if p.Status == paperlist.StatusPartial {
		var missing []string
		if len(p.Authors) == 0 {
			missing = append(missing, "authors")
		}
		if p.Abstract == "" {
			missing = append(missing, "abstract")
		}
		if p.PDFURL == "" {
			missing = append(missing, "PDF")
		}
		if len(missing) > 0 {
			parts = append(parts, "no source had the "+strings.Join(missing, ", "))
		}
	}
	if p.Status == paperlist.StatusNotAPaper {
		parts = append(parts, "a "+string(p.Kind)+", not a paper: described from its link, never matched to a paper")
	}
	if out.ctxErr != nil {
		parts = append(parts, "interrupted")
	}
	if len(parts) == 0 {
		return ""
	}
	return strings.Join(parts, "; ")
}

// describe words a fetch error without its URL.
func describe(err error) string {
	var se *fetch.StatusError
	switch {
	case errors.As(err, &se) && se.Definitive():
		return fmt.Sprintf("is gone (HTTP %d)", se.Status)
	case errors.As(err, &se):
		return fmt.Sprintf("failed (HTTP %d)", se.Status)
	case errors.Is(err, fetch.ErrBlocked):
		return "answered with a bot challenge"
	case errors.Is(err, fetch.ErrDisallowed):
		return "is disallowed by robots.txt"
	case errors.Is(err, fetch.ErrOffline):
		return "is not cached and the run is offline"
	case errors.Is(err, fetch.ErrRateLimited):
		return "is rate limited"
	case errors.Is(err, fetch.ErrTooLarge):
		return "answered a body over the size limit"
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out"
	case errors.Is(err, ErrMarkupChanged):
		return "no longer has the markup paperlist reads"
	case errors.Is(err, ErrNotAPaper):
		return "is a talk without a paper"
	case errors.Is(err, ErrNoMatch):
		return "has no such paper"
	case errors.Is(err, pdfid.ErrNoText):
		return "has no text layer (a scan?)"
	case errors.Is(err, pdfid.ErrNoTitle):
		return "shows no title that can be trusted"
	case errors.Is(err, pdfid.ErrEncrypted):
		return "is encrypted"
	case errors.Is(err, pdfid.ErrNotPDF):
		return "is not a PDF"
	case errors.Is(err, pdfid.ErrUnreadable), errors.Is(err, pdfid.ErrTooLarge):
		return "cannot be read"
	}
	return "failed"
}

// orList renders "A", "A or B", "A, B or C".
func orList(xs []string) string {
	if len(xs) <= 1 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}
