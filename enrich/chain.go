package enrich

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

// A Source is one place paperlist reads about papers: a page extractor, an
// API endpoint, or a record derived from what is already known (the link
// itself, an arXiv copy). It is declared once, in the file that parses its
// answers, and chains refer to it by variable.
type Source struct {
	// Name is the provenance name of its records ("crossref", "usenix"):
	// the key of the merge precedence (see precedence in merge.go).
	Name string
	// Label says what the step does, for --dry-run and the README.
	Label string
	// Kind tells how the engine treats the step's outcome (see SourceKind).
	Kind SourceKind
	// Request is the request the step makes for what is known so far, a
	// pure function; ok is false when the step has nothing to ask (no DOI
	// known yet, say). Nil for derived sources.
	Request func(env *Env, k *Known) (req fetch.Request, ok bool)
	// Parse turns the answer into records (usually one). A search source
	// returns the one verified candidate or an error wrapping ErrNoMatch.
	Parse func(ctx context.Context, env *Env, k *Known, resp *fetch.Response) ([]Record, error)
	// Derive builds a record from what is known, without a request.
	Derive func(k *Known) (Record, bool)
	// Fallback marks a ByID source asked for what others may lack: a 404
	// means it does not know the work, and its failures never fail the
	// entry.
	Fallback bool
	// Gone words a 404 or 410 of an Extra source for the entry's errors.
	Gone func(k *Known, status int) string
	// Noun names what failed in an entry's short reason ("the USENIX
	// page"); the Label when empty.
	Noun string
	// Only says, for the docs, when its Request has something to ask
	// beyond the step's When ("if the link text is a nickname").
	Only string
}

// noun is what the source's failure names in a short reason.
func (s *Source) noun() string {
	if s.Noun != "" {
		return s.Noun
	}
	return "the " + strings.TrimPrefix(s.Label, "the ")
}

// SourceKind is how a step's answer relates to the entry.
type SourceKind int

const (
	// Head: the entry's own link (its page, its DOI, its arXiv id). Its
	// records are trusted as the paper the list means; a failure is the
	// entry's failure (a broken link is an error).
	Head SourceKind = iota
	// Search: a title search; its record is verified against the list
	// (Choose). Its failures are reported only when no search matches.
	Search
	// ByID: metadata read by an identifier (a DOI, an arXiv id) that a
	// head or search record gave. Its titled records must agree with the
	// paper already accepted; a 404 means the source does not know it.
	ByID
	// Extra: facts beside the paper (a repository); never verifies it.
	Extra
)

// When says whether a step runs, given what earlier steps found.
type When int

const (
	Always       When = iota // every time its request can be made
	IfUnverified             // only while no record has identified the paper
	IfMissing                // only while one of the step's Fields is missing
)

// Field names a fact a step may be run to find (IfMissing).
type Field string

// Fields steps can wait on.
const (
	FieldAbstract Field = "abstract"
	FieldOAPDF    Field = "open-access PDF"
)

// Step is one entry of a chain.
type Step struct {
	Source *Source
	When   When
	Fields []Field // for IfMissing
}

// Chain is the declared sequence of steps for one route.
type Chain []Step

// Env is what requests are built from besides the entry: the endpoints and
// the optional API keys.
type Env struct {
	Endpoints   Endpoints
	OpenAlexKey string
	S2Key       string
	PDF         PDFReader // nil: PDFs are not read
}

// s2Header carries the optional Semantic Scholar key (never in a URL).
func (env *Env) s2Header() map[string]string {
	if env.S2Key == "" {
		return nil
	}
	return map[string]string{"x-api-key": env.S2Key}
}

// Known is what is known of one entry while its chain runs: the list's
// entry, what its link names, and the records accepted so far. Request
// functions read it; only the engine changes it.
type Known struct {
	Entry   paperlist.Entry
	Target  Target
	Records []Record
	// badDOI is a DOI an index gave whose metadata is another paper's;
	// agreed holds the DOIs whose metadata matched the paper.
	badDOI string
	agreed map[string]bool
}

// isPaper reports whether the entry is a paper (or says nothing of its kind).
func (k *Known) isPaper() bool {
	return k.Entry.Kind == "" || k.Entry.Kind == paperlist.KindPaper
}

// trusted reports whether metadata read by doi is the paper's without a
// title check: the link's own DOI, or one its repository names.
func (k *Known) trusted(doi string) bool {
	doi = NormalizeDOI(doi)
	if doi == "" {
		return false
	}
	if doi == k.Target.DOI {
		return true
	}
	for _, r := range k.Records {
		// A repository's description, a PDF's first page: the paper
		// itself names the DOI.
		if (r.Source == "github" || r.Source == "pdf") && NormalizeDOI(r.DOI) == doi {
			return true
		}
	}
	return false
}

// Want is what the list states, for verification.
func (k *Known) Want() Want {
	w := Want{Title: k.Entry.Title, Venue: k.Entry.Venue, Year: k.Entry.Year, Authors: k.Entry.Authors}
	if w.Title == "" {
		w.Title = k.Entry.ListTitle
	}
	if k.Entry.TitleFromLink {
		// The list's text is a nickname: only the document's own title
		// can be searched for, and its authors must overlap.
		w.Title = ""
		if r, ok := k.fromPDF(); ok {
			w.Title = r.Title
			for _, a := range r.Authors {
				w.Authors = append(w.Authors, a.Name)
			}
		}
	}
	return w
}

// Verified reports whether a record has identified the paper (a trusted
// page or DOI record with a title, or a verified search hit). A preprint
// standing in for the venue the list names does not count: the next
// search may find the published version.
func (k *Known) Verified() bool {
	return k.has(func(r Record) bool { return r.Title != "" && !r.Provisional })
}

// usePreprint settles the preprints found as stand-ins: when a published
// version verified, each gives only its arXiv id and PDF; otherwise the
// first is the record (without a DOI) and the entry says so.
func (k *Known) usePreprint(out *outcome) bool {
	used := false
	verified := k.Verified()
	for i, r := range k.Records {
		if !r.Provisional {
			continue
		}
		if verified || used {
			k.Records[i] = Record{Source: r.Source, URL: r.URL, ArxivID: r.ArxivID, PDFURL: r.PDFURL, PDFKind: r.PDFKind}
			continue
		}
		used = true
		if r.Source == "pdf" {
			out.lines = append(out.lines, fmt.Errorf("no index verified the title read from the PDF; the record is what its first page says"))
			continue
		}
		out.lines = append(out.lines, fmt.Errorf("no published version in %s verifies; using its preprint %q", k.Want().Venue, r.Title))
	}
	return used
}

// DOI is the paper's DOI as far as known: the link's, else the best
// record's (by the "doi" precedence). It is "" until one is known, and
// never a DOI found to belong to another paper.
func (k *Known) DOI() string {
	if k.Target.DOI != "" {
		return k.Target.DOI
	}
	r, ok := pick("doi", k.Records, func(r Record) bool { return r.DOI != "" && NormalizeDOI(r.DOI) != k.badDOI })
	if !ok {
		return ""
	}
	return NormalizeDOI(r.DOI)
}

// CrossrefDOI is DOI() when Crossref may register it, else "" (an arXiv
// DOI, a prefix DataCite registers).
func (k *Known) CrossrefDOI() string {
	doi := k.DOI()
	if route, _ := RouteDOI(doi); route != RouteCrossref || IsDataCiteDOI(doi) {
		return ""
	}
	return doi
}

// ArxivID is the paper's arXiv id when the link or an accepted record
// names one.
func (k *Known) ArxivID() string {
	if k.Target.Arxiv != "" {
		return k.Target.Arxiv
	}
	for _, r := range k.Records {
		if r.ArxivID != "" {
			return r.ArxivID
		}
	}
	return ""
}

// Has reports whether an accepted record supplies f.
func (k *Known) Has(f Field) bool {
	switch f {
	case FieldAbstract:
		return k.has(func(r Record) bool { return r.Abstract != "" })
	case FieldOAPDF:
		return k.has(func(r Record) bool { return r.PDFURL != "" && r.PDFKind == paperlist.PDFOpenAccess })
	}
	return false
}

func (k *Known) has(f func(Record) bool) bool {
	for _, r := range k.Records {
		if f(r) {
			return true
		}
	}
	return false
}

// titleAgrees reports whether t is the title of the paper being resolved:
// close to a titled record already accepted, or to the list's title.
func (k *Known) titleAgrees(t string) bool {
	if t == "" {
		return false
	}
	for _, x := range k.Records {
		if x.Title != "" && TitleSimilarity(t, x.Title) >= MinTitleSimilarity {
			return true
		}
	}
	want := k.Want().Title
	return want != "" && TitleSimilarity(t, want) >= MinTitleSimilarity
}

// StepResult is what one step did for one entry, for tests and -v logs.
type StepResult struct {
	Source  string // the source's label
	Ran     bool   // a request was made or a record derived
	Skipped string // why it did not run
	Err     error
}

// outcome collects what a chain run found.
type outcome struct {
	steps    []StepResult
	lines    []error   // errors and notes for the record, in the order met
	deferred []failure // search failures: reported only if nothing verified
	rejected []string  // search candidates that failed verification
	searches int       // search steps that ran
	answered int       // search steps that got an answer (even an empty one)
	hard     bool      // a head step failed
	blocked  bool      // some step met a bot challenge
	ctxErr   error     // the run was stopped
	// deps are the answers the record is built from; uncacheable is set
	// when one was a failure that may pass.
	deps        []dep
	uncacheable bool
	// failures are the link's own steps that failed; noMatch names the
	// searches that answered without a match (for the short reason).
	failures []failure
	noMatch  []string
}

// run executes a chain for one entry. It returns the accepted records and
// the outcome; it never panics on a step's error.
func (e *Enricher) run(ctx context.Context, chain Chain, k *Known) outcome {
	var out outcome
	for _, st := range chain {
		res := StepResult{Source: st.Source.Label}
		if why := skipReason(st, k); why != "" {
			res.Skipped = why
			out.steps = append(out.steps, res)
			continue
		}
		if err := ctx.Err(); err != nil {
			out.ctxErr = err
			res.Skipped = "interrupted"
			out.steps = append(out.steps, res)
			continue
		}
		src := st.Source
		if src.Derive != nil {
			if rec, ok := src.Derive(k); ok {
				res.Ran = true
				k.Records = append(k.Records, rec)
			} else {
				res.Skipped = "nothing to derive"
			}
			out.steps = append(out.steps, res)
			continue
		}
		req, ok := src.Request(&e.env, k)
		if !ok {
			res.Skipped = "no request to make (identifier unknown)"
			out.steps = append(out.steps, res)
			continue
		}
		res.Ran = true
		if src.Kind == Search {
			out.searches++
		}
		recs, err := e.call(ctx, src, k, req, &out)
		res.Err = err
		out.steps = append(out.steps, res)
		if err != nil {
			e.fail(ctx, src, k, err, &out)
			continue
		}
		if src.Kind == Search {
			out.answered++
		}
		e.accept(src, k, recs, &out)
	}
	return out
}

// skipReason says why a step does not run now, or "".
func skipReason(st Step, k *Known) string {
	if st.Source.Kind == Search {
		switch {
		case !k.isPaper():
			return "the entry is a " + string(k.Entry.Kind) + ", not a paper"
		case k.Want().Title == "":
			return "no title to search for (the link text is a nickname)"
		}
	}
	switch st.When {
	case IfUnverified:
		if k.Verified() {
			return "the paper is already identified"
		}
	case IfMissing:
		for _, f := range st.Fields {
			if !k.Has(f) {
				return ""
			}
		}
		return "nothing it would add is missing"
	}
	return ""
}

// call makes a step's request and parses its answer.
func (e *Enricher) call(ctx context.Context, src *Source, k *Known, req fetch.Request, out *outcome) ([]Record, error) {
	resp, err := e.cfg.Getter.Get(ctx, req)
	out.noteAnswer(req.URL, resp, err)
	if err != nil {
		return nil, err
	}
	if resp.Stale {
		out.lines = append(out.lines, fmt.Errorf("using the cached copy of %s: %s", redact(req.URL), resp.StaleReason))
	}
	recs, err := src.Parse(ctx, &e.env, k, resp)
	if err != nil {
		return nil, err
	}
	for i := range recs {
		if recs[i].URL == "" {
			recs[i].URL = redact(req.URL)
		}
		if recs[i].Source == "" {
			recs[i].Source = src.Name
		}
	}
	return recs, nil
}

// fail records a step's error by the kind of its source.
func (e *Enricher) fail(ctx context.Context, src *Source, k *Known, err error, out *outcome) {
	if ctx.Err() != nil {
		out.ctxErr = ctx.Err()
		return
	}
	if errors.Is(err, fetch.ErrBlocked) {
		out.blocked = true
	}
	var nm *noMatch
	if errors.As(err, &nm) {
		out.rejected = append(out.rejected, nm.rejected...)
		if src.Kind == Search {
			out.answered++
			out.noMatch = append(out.noMatch, strings.TrimSuffix(src.Label, " search"))
			return
		}
	}
	var se *fetch.StatusError
	definitive := errors.As(err, &se) && se.Definitive()
	switch {
	case src.Kind == Search:
		if definitive {
			// A search that answers 404 found nothing (Semantic
			// Scholar's title match does so): an answer, not a failure.
			out.answered++
		}
		out.deferred = append(out.deferred, failure{label: src.Label, err: err})
	case src.Kind == Extra && definitive && src.Gone != nil:
		out.lines = append(out.lines, errors.New(src.Gone(k, se.Status)))
	case src.Kind == Extra || src.Fallback:
		if !definitive { // a 404: the source simply does not know the work
			out.lines = append(out.lines, err)
		}
	default: // the link's own page or record, or the DOI's registrar
		out.lines = append(out.lines, err)
		out.failures = append(out.failures, failure{label: src.noun(), err: err, head: src.Kind == Head})
		if !errors.Is(err, ErrNoMatch) && !errors.Is(err, ErrNotAPaper) {
			out.hard = true
		}
	}
}

// accept adds a step's records to what is known, after the checks its
// kind needs.
func (e *Enricher) accept(src *Source, k *Known, recs []Record, out *outcome) {
	for _, rec := range recs {
		// Metadata read by the link's own DOI is the paper's; metadata
		// read by a DOI an index or a page gave must name it too.
		if src.Kind == ByID && !k.trusted(rec.DOI) && rec.Title != "" {
			if !k.titleAgrees(rec.Title) {
				out.lines = append(out.lines, fmt.Errorf("ignored %s: its title %q does not match", rec.URL, rec.Title))
				e.dropBadDOI(k, rec, out)
				continue
			}
			if k.agreed == nil {
				k.agreed = map[string]bool{}
			}
			k.agreed[NormalizeDOI(rec.DOI)] = true
		}
		if src.Kind == Head && rec.Title != "" && !rec.Scholarly && rec.Source == "meta" && !pageIsEntry(k.Entry, rec) {
			// A project page, a talk video, a blog post: its title is not
			// the paper's, so nothing on it is taken.
			out.lines = append(out.lines, fmt.Errorf("the page %s is about %q, not this paper; resolving by title", rec.URL, rec.Title))
			continue
		}
		k.Records = append(k.Records, rec)
	}
}

// dropBadDOI forgets a DOI an index gave when metadata read by it is
// another paper's and none read by it agreed: the hit stays, but not its
// DOI nor what would be found through it.
func (e *Enricher) dropBadDOI(k *Known, rec Record, out *outcome) {
	doi := NormalizeDOI(rec.DOI)
	if doi == "" || doi != k.DOI() || k.agreed[doi] {
		return
	}
	k.badDOI = doi
	from := ""
	for i := range k.Records {
		if NormalizeDOI(k.Records[i].DOI) == doi {
			from = k.Records[i].URL
			k.Records[i].DOI = ""
		}
	}
	out.lines = append(out.lines, fmt.Errorf("dropped the DOI %s from %s: it belongs to another paper", doi, from))
}

// noMatch is a search answer with no verified candidate.
type noMatch struct {
	err      error
	rejected []string
}

func (n *noMatch) Error() string { return n.err.Error() }
func (n *noMatch) Unwrap() error { return n.err }

// finish merges the records into the paper and sets its status and errors.
func (e *Enricher) finish(p *paperlist.Paper, k *Known, out outcome, ov *Override) {
	preprint := k.usePreprint(&out)
	Merge(p, k.Records)
	if ov != nil {
		ov.Apply(p)
	}
	errs := make([]string, 0, len(out.lines)+2)
	for _, err := range out.lines {
		errs = append(errs, err.Error())
	}
	verified := k.Verified() || preprint
	if !verified {
		for _, f := range out.deferred {
			errs = append(errs, f.label+": "+f.err.Error())
		}
		if out.searches > 0 && out.answered > 0 {
			errs = append(errs, noMatchMessage(k.Want(), out.rejected))
		}
	}
	if out.ctxErr != nil {
		errs = append(errs, "interrupted while this entry was being processed")
		p.Interrupted = true
	}
	p.Errors = append(p.Errors, errs...)
	searchFailed := out.searches > 0 && out.answered == 0
	switch {
	case !k.isPaper() && !out.hard && !out.blocked && out.ctxErr == nil && !k.has(func(r Record) bool { return r.Title != "" && r.Source != "meta" }):
		// A book, a post, a repository, a talk: described by its own
		// page, never matched to a paper (unless its repository names one).
		p.Status = paperlist.StatusNotAPaper
	case verified && p.Title != "" && len(p.Authors) > 0 && p.Abstract != "" && p.PDFURL != "":
		p.Status = paperlist.StatusOK
	case verified:
		p.Status = paperlist.StatusPartial
	case out.ctxErr != nil:
		p.Status = paperlist.StatusError
	case out.blocked:
		p.Status = paperlist.StatusBlocked
	case out.hard || searchFailed:
		p.Status = paperlist.StatusError
	default:
		p.Status = paperlist.StatusNotFound
	}
	if out.ctxErr != nil && p.Status == paperlist.StatusOK {
		p.Status = paperlist.StatusPartial
	}
	if p.Title == "" {
		p.Title = k.Entry.Title
	}
	p.Reason = reason(p, out)
}

// noMatchMessage says that no candidate passed, naming the best rejected.
func noMatchMessage(want Want, rejected []string) string {
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
	return msg
}
