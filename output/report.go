package output

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

// Report tells what one run did: report.json for programs, report.md for
// people (a CI job summary or pull-request comment).
type Report struct {
	Version  string
	Started  time.Time
	Finished time.Time
	Args     []string                   // the command line after the program name, secrets redacted
	Counts   map[string]int             // papers per status
	Hosts    map[string]fetch.HostStats // requests per host
	Problems []Problem                  // papers not found, not enriched, failed or blocked, in list order
	Added    []string                   // ids new since the previous dataset
	Changed  []string                   // ids whose record changed
	Removed  []string                   // ids no longer in the list
}

// Problem is a paper the run could not enrich, and why.
type Problem struct {
	ID     string   `json:"id"`
	Line   int      `json:"line"`
	Status string   `json:"status"`
	Reason string   `json:"reason"` // one line a person can act on, without URLs
	Errors []string `json:"errors"` // the record's errors, naming the URLs
}

// ReportInput is what NewReport builds a Report from.
type ReportInput struct {
	Args              []string
	Started, Finished time.Time
	Papers            []paperlist.Paper
	// Previous is the dataset the run replaces. When nil (a first run) the
	// report lists no changes; a non-nil empty slice makes every paper new.
	Previous []paperlist.Paper
	// PreviousSnapshot, when set, stands for Previous (a run reads the
	// dataset it replaces as a Snapshot, not as records).
	PreviousSnapshot *Snapshot
	// Snapshot, when set, is Papers' own snapshot (the JSON writer's, see
	// Dataset.Snapshot); else it is computed from Papers.
	Snapshot *Snapshot
	// Tally, when set, stands for Papers (a run that writes its records as
	// they come counts them as they come); Snapshot must then be set.
	Tally *Tally
	Hosts map[string]fetch.HostStats
}

// Tally counts, one record at a time, what a run's report needs of its
// records: papers per status and the problem papers.
type Tally struct {
	counts   map[string]int
	problems []Problem
}

// NewTally starts a tally.
func NewTally() *Tally { return &Tally{counts: map[string]int{}} }

// Add counts one record.
func (t *Tally) Add(p *paperlist.Paper) {
	t.counts[string(p.Status)]++
	if slices.Contains(problemStatuses, string(p.Status)) {
		t.problems = append(t.problems, Problem{ID: p.ID, Line: p.Line, Status: string(p.Status), Reason: problemReason(*p), Errors: problemErrors(*p)})
	}
}

// problemStatuses are the statuses a Report lists as problems: the paper
// was not found, no source handles it, or enrichment failed.
var problemStatuses = []string{
	string(paperlist.StatusNotFound), string(paperlist.StatusNotEnriched), string(paperlist.StatusError), string(paperlist.StatusBlocked),
}

// NewReport counts papers per status, lists the problem papers with their
// reasons (their errors joined with "; ", or what the status means), and
// diffs against the previous dataset. The values of flags whose name says
// token, key, secret, password, mailto or email are replaced by "REDACTED"
// in Args, so that the report can be posted publicly.
func NewReport(in ReportInput) Report {
	r := Report{
		Version:  paperlist.Version,
		Started:  in.Started,
		Finished: in.Finished,
		Args:     redactArgs(in.Args),
		Counts:   map[string]int{},
		Hosts:    map[string]fetch.HostStats{},
	}
	for h, s := range in.Hosts {
		r.Hosts[h] = s
	}
	t := in.Tally
	if t == nil {
		t = NewTally()
		for i := range in.Papers {
			t.Add(&in.Papers[i])
		}
	}
	for k, v := range t.counts {
		r.Counts[k] = v
	}
	r.Problems = t.problems
	switch {
	case in.PreviousSnapshot != nil:
		cur := in.Snapshot
		if cur == nil {
			cur = SnapshotOf(in.Papers)
		}
		r.Added, r.Changed, r.Removed = DiffSnapshots(in.PreviousSnapshot, cur)
	case in.Previous != nil:
		r.Added, r.Changed, r.Removed = Diff(in.Previous, in.Papers)
	}
	return r
}

func problemReason(p paperlist.Paper) string {
	if p.Reason != "" {
		return p.Reason
	}
	if len(p.Errors) > 0 {
		return strings.Join(p.Errors, "; ")
	}
	switch p.Status {
	case paperlist.StatusNotFound:
		return "no source had it, or no candidate passed verification"
	case paperlist.StatusNotEnriched:
		return "no source handles this entry"
	case paperlist.StatusBlocked:
		return "the site answered with a bot challenge"
	}
	return "unknown error"
}

// problemErrors is a copy of the record's errors, never nil.
func problemErrors(p paperlist.Paper) []string {
	return append([]string{}, p.Errors...)
}

// redactArgs hides the values of secret-looking flags, in both the
// "--flag value" and "--flag=value" forms.
func redactArgs(args []string) []string {
	if args == nil {
		return []string{}
	}
	out := make([]string, len(args))
	copy(out, args)
	secret := func(flag string) bool {
		name := strings.ToLower(strings.TrimLeft(flag, "-"))
		return strings.HasPrefix(flag, "-") && containsAny(name, "token", "key", "secret", "password", "mailto", "email")
	}
	for i := 0; i < len(out); i++ {
		if name, _, ok := strings.Cut(out[i], "="); ok && secret(name) {
			out[i] = name + "=REDACTED"
		} else if secret(out[i]) && i+1 < len(out) {
			out[i+1] = "REDACTED"
			i++
		}
	}
	return out
}

// reportJSON is Report's file form: fixed key order, times in RFC 3339 UTC.
type reportJSON struct {
	Version         string                     `json:"version"`
	Started         string                     `json:"started"`
	Finished        string                     `json:"finished"`
	DurationSeconds float64                    `json:"duration_seconds"`
	Args            []string                   `json:"args"`
	Total           int                        `json:"total"`
	Counts          map[string]int             `json:"counts"`
	Hosts           map[string]fetch.HostStats `json:"hosts"`
	Problems        []Problem                  `json:"problems"`
	Added           []string                   `json:"added"`
	Changed         []string                   `json:"changed"`
	Removed         []string                   `json:"removed"`
}

// ReportJSON encodes r as report.json: keys in a fixed order (maps sorted),
// times in RFC 3339 UTC to the second ("" when unset), lists as [] rather
// than null, 2-space indent and a final newline.
func ReportJSON(r Report) ([]byte, error) {
	orEmpty := func(s []string) []string {
		if s == nil {
			return []string{}
		}
		return s
	}
	v := reportJSON{
		Version:         r.Version,
		Started:         rfc3339(r.Started),
		Finished:        rfc3339(r.Finished),
		DurationSeconds: r.duration().Seconds(),
		Args:            orEmpty(r.Args),
		Total:           r.total(),
		Counts:          r.Counts,
		Hosts:           r.Hosts,
		Problems:        r.Problems,
		Added:           orEmpty(r.Added),
		Changed:         orEmpty(r.Changed),
		Removed:         orEmpty(r.Removed),
	}
	if v.Counts == nil {
		v.Counts = map[string]int{}
	}
	if v.Hosts == nil {
		v.Hosts = map[string]fetch.HostStats{}
	}
	if v.Problems == nil {
		v.Problems = []Problem{}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("report.json: %w", err)
	}
	return buf.Bytes(), nil
}

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func (r Report) duration() time.Duration {
	if r.Started.IsZero() || r.Finished.Before(r.Started) {
		return 0
	}
	return r.Finished.Sub(r.Started).Round(time.Second)
}

func (r Report) total() int {
	n := 0
	for _, c := range r.Counts {
		n += c
	}
	return n
}

// statusOrder is the order of the summary table; other statuses follow,
// sorted.
var statusOrder = []string{
	string(paperlist.StatusOK), string(paperlist.StatusPartial), string(paperlist.StatusNotFound), string(paperlist.StatusNotEnriched),
	string(paperlist.StatusSkipped), string(paperlist.StatusError), string(paperlist.StatusBlocked),
}

// ReportMarkdown renders r as report.md, ready to post as a CI job summary
// or comment: a title, a line saying which run it was, a table of papers
// per status, then tables of new, changed and removed papers, unresolved
// papers (not found, not enriched) and failed or blocked ones with their
// reasons, and requests per host (cache hits, 304s, retries, 429s,
// errors). A section with nothing to list is left out. Cell text is
// escaped so that it cannot break the table or inject HTML.
func ReportMarkdown(r Report) []byte {
	var b bytes.Buffer
	b.WriteString("# paperlist run report\n\n")
	var about []string
	if r.Version != "" {
		about = append(about, "paperlist "+r.Version)
	}
	if s := rfc3339(r.Started); s != "" {
		about = append(about, "started "+s)
	}
	if d := r.duration(); d > 0 {
		about = append(about, "took "+d.String())
	}
	if len(r.Args) > 0 {
		about = append(about, "`"+strings.ReplaceAll(strings.Join(r.Args, " "), "`", "'")+"`")
	}
	if len(about) > 0 {
		b.WriteString(strings.Join(about, " · ") + "\n\n")
	}

	b.WriteString("## Summary\n\n| Status | Papers |\n| --- | ---: |\n")
	statuses := make([]string, 0, len(r.Counts))
	for s := range r.Counts {
		if !slices.Contains(statusOrder, s) {
			statuses = append(statuses, s)
		}
	}
	sort.Strings(statuses)
	for _, s := range append(slices.Clone(statusOrder), statuses...) {
		if n := r.Counts[s]; n > 0 {
			fmt.Fprintf(&b, "| %s | %d |\n", cell(s), n)
		}
	}
	fmt.Fprintf(&b, "| **total** | **%d** |\n", r.total())

	idTable := func(title string, ids []string) {
		if len(ids) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n## %s (%d)\n\n| ID |\n| --- |\n", title, len(ids))
		for _, id := range ids {
			fmt.Fprintf(&b, "| %s |\n", cell(id))
		}
	}
	idTable("New papers", r.Added)
	idTable("Changed papers", r.Changed)
	idTable("Removed papers", r.Removed)

	problemTable := func(title string, statuses ...string) {
		var rows []Problem
		for _, p := range r.Problems {
			if slices.Contains(statuses, p.Status) {
				rows = append(rows, p)
			}
		}
		if len(rows) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n## %s (%d)\n\n| ID | Line | Status | Reason |\n| --- | ---: | --- | --- |\n", title, len(rows))
		for _, p := range rows {
			fmt.Fprintf(&b, "| %s | %d | %s | %s |\n", cell(p.ID), p.Line, cell(p.Status), cell(p.Reason))
		}
	}
	problemTable("Unresolved", string(paperlist.StatusNotFound), string(paperlist.StatusNotEnriched))
	problemTable("Failed or blocked", string(paperlist.StatusError), string(paperlist.StatusBlocked))

	if len(r.Hosts) > 0 {
		b.WriteString("\n## Requests per host\n\n| Host | Requests | Cache hits | 304 | Retries | 429 | Errors |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n")
		hosts := make([]string, 0, len(r.Hosts))
		for h := range r.Hosts {
			hosts = append(hosts, h)
		}
		sort.Strings(hosts)
		var sum fetch.HostStats
		row := func(name string, s fetch.HostStats) {
			fmt.Fprintf(&b, "| %s | %d | %d | %d | %d | %d | %d |\n", name, s.Requests, s.CacheHits, s.NotModified, s.Retries, s.RateLimited, s.Errors)
		}
		for _, h := range hosts {
			s := r.Hosts[h]
			row(cell(h), s)
			sum.Requests += s.Requests
			sum.CacheHits += s.CacheHits
			sum.NotModified += s.NotModified
			sum.Retries += s.Retries
			sum.RateLimited += s.RateLimited
			sum.Errors += s.Errors
		}
		if len(hosts) > 1 {
			row("**total**", sum)
		}
		for _, h := range hosts {
			if p := r.Hosts[h].Paused; p != nil {
				fmt.Fprintf(&b, "\n**%s was paused for the rest of the run**: it answered HTTP %d asking to wait %s; %d requests to it were not made, and the entries that needed them say so.\n",
					cell(h), p.Status, p.RetryAfter, p.Skipped)
			}
		}
	}
	return b.Bytes()
}

// maxCellRunes caps a table cell; longer text is cut with "…".
const maxCellRunes = 300

var cellEscaper = strings.NewReplacer("|", `\|`, "<", "&lt;", ">", "&gt;", "\r\n", " ", "\n", " ", "\r", " ")

// cell makes text safe inside a Markdown table cell.
func cell(s string) string {
	if r := []rune(s); len(r) > maxCellRunes {
		s = string(r[:maxCellRunes]) + "…"
	}
	return cellEscaper.Replace(s)
}
