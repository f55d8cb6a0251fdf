package output

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
)

func reportInput() ReportInput {
	cst := time.FixedZone("CST", 8*3600)
	papers := []paperlist.Paper{
		{ID: "osdi2023-alpaserve", Listed: paperlist.Listed{Line: 4, Title: "AlpaServe: Statistical Multiplexing with Model Parallelism for Deep Learning Serving"}, Status: paperlist.StatusOK},
		{ID: "osdi2023-welder", Listed: paperlist.Listed{Line: 6}, Status: paperlist.StatusOK},
		{ID: "osdi2023-hydro", Listed: paperlist.Listed{Line: 10}, Status: paperlist.StatusPartial},
		{ID: "eurosys2023-pocket", Listed: paperlist.Listed{Line: 84}, Status: paperlist.StatusNotFound, Errors: []string{"no record matched"}},
		{ID: "hpca2023-logical-physical-topology-aware", Listed: paperlist.Listed{Line: 118}, Status: paperlist.StatusNotEnriched},
		{
			ID:     "sosp2021-healer",
			Listed: paperlist.Listed{Line: 72},
			Status: paperlist.StatusBlocked,
			Errors: []string{"GET https://dl.acm.org/doi/10.1145/3477132.3483547: blocked by the site | cloudflare <challenge>"},
		},
		{ID: "osdi2020-byteps", Listed: paperlist.Listed{Line: 42}, Status: paperlist.StatusError, Errors: []string{"GET https://api.crossref.org/works/x: HTTP 503 Service Unavailable (giving up after 4 attempts)"}},
		{ID: "osdi2022-orca", Listed: paperlist.Listed{Line: 30}, Status: paperlist.StatusOK},
	}
	prev := []paperlist.Paper{papers[0], papers[2], {ID: "osdi2023-removed", Status: paperlist.StatusOK}}
	prev[1].Status = paperlist.StatusOK
	return ReportInput{
		Args:     []string{"enrich", "--mailto", "lab@example.org", "--s2-key", "s2secret", "--github-token=ghp_abc", "reading-list.md"},
		Started:  time.Date(2024, 5, 1, 11, 0, 0, 500, cst),
		Finished: time.Date(2024, 5, 1, 11, 1, 23, 0, cst),
		Papers:   papers,
		Previous: prev,
		Hosts: map[string]fetch.HostStats{
			"www.usenix.org":   {Requests: 0, CacheHits: 31},
			"api.crossref.org": {Requests: 12, Retries: 3, NotModified: 2, RateLimited: 1, Errors: 1, CacheHits: 40},
		},
	}
}

func TestNewReport(t *testing.T) {
	r := NewReport(reportInput())
	if r.Version != paperlist.Version {
		t.Errorf("Version = %q", r.Version)
	}
	if r.Counts["ok"] != 3 || r.Counts["partial"] != 1 || r.Counts["not_found"] != 1 || r.Counts["blocked"] != 1 || r.Counts["error"] != 1 {
		t.Errorf("Counts = %v", r.Counts)
	}
	wantArgs := []string{"enrich", "--mailto", "REDACTED", "--s2-key", "REDACTED", "--github-token=REDACTED", "reading-list.md"}
	if !slices.Equal(r.Args, wantArgs) {
		t.Errorf("Args = %q, want %q", r.Args, wantArgs)
	}
	var ids []string
	for _, p := range r.Problems {
		ids = append(ids, p.ID)
	}
	if want := []string{"eurosys2023-pocket", "hpca2023-logical-physical-topology-aware", "sosp2021-healer", "osdi2020-byteps"}; !slices.Equal(ids, want) {
		t.Errorf("problems = %q, want %q", ids, want)
	}
	if p := r.Problems[1]; p.Line != 118 || p.Reason != "no source handles this entry" {
		t.Errorf("not_enriched problem = %+v", p)
	}
	if !slices.Equal(r.Changed, []string{"osdi2023-hydro"}) || !slices.Equal(r.Removed, []string{"osdi2023-removed"}) || len(r.Added) != 6 || r.Added[0] != "osdi2023-welder" {
		t.Errorf("diff: added %q changed %q removed %q", r.Added, r.Changed, r.Removed)
	}
	in := reportInput()
	in.Previous = nil
	if r := NewReport(in); r.Added != nil || r.Changed != nil || r.Removed != nil {
		t.Errorf("a first run lists changes: %q %q %q", r.Added, r.Changed, r.Removed)
	}
}

func TestReportMarkdown(t *testing.T) {
	md := string(ReportMarkdown(NewReport(reportInput())))
	wantLines := []string{
		"# paperlist run report",
		"paperlist " + paperlist.Version + " · started 2024-05-01T03:00:00Z · took 1m23s · `enrich --mailto REDACTED --s2-key REDACTED --github-token=REDACTED reading-list.md`",
		"| Status | Papers |",
		"| ok | 3 |",
		"| partial | 1 |",
		"| not_found | 1 |",
		"| not_enriched | 1 |",
		"| error | 1 |",
		"| blocked | 1 |",
		"| **total** | **8** |",
		"## New papers (6)",
		"| osdi2023-welder |",
		"## Changed papers (1)",
		"| osdi2023-hydro |",
		"## Removed papers (1)",
		"| osdi2023-removed |",
		"## Unresolved (2)",
		"| eurosys2023-pocket | 84 | not_found | no record matched |",
		"| hpca2023-logical-physical-topology-aware | 118 | not_enriched | no source handles this entry |",
		"## Failed or blocked (2)",
		`| sosp2021-healer | 72 | blocked | GET https://dl.acm.org/doi/10.1145/3477132.3483547: blocked by the site \| cloudflare &lt;challenge&gt; |`,
		"| osdi2020-byteps | 42 | error | GET https://api.crossref.org/works/x: HTTP 503 Service Unavailable (giving up after 4 attempts) |",
		"## Requests per host",
		"| Host | Requests | Cache hits | 304 | Retries | 429 | Errors |",
		"| api.crossref.org | 12 | 40 | 2 | 3 | 1 | 1 |",
		"| www.usenix.org | 0 | 31 | 0 | 0 | 0 | 0 |",
		"| **total** | 12 | 71 | 2 | 3 | 1 | 1 |",
	}
	lines := strings.Split(md, "\n")
	at := 0
	for _, want := range wantLines {
		i := slices.Index(lines[at:], want)
		if i < 0 {
			t.Errorf("report.md lacks, after line %d, the line\n%s\nreport.md:\n%s", at, want, md)
			return
		}
		at += i + 1
	}
	if strings.Contains(md, "s2secret") || strings.Contains(md, "ghp_abc") || strings.Contains(md, "lab@example.org") {
		t.Error("report.md shows a secret or the contact address")
	}
	if strings.Contains(md, "| skipped |") {
		t.Error("a status with no papers has a row")
	}

	// A quiet run: no change, no problem, no host: those sections are left out.
	quiet := string(ReportMarkdown(Report{Counts: map[string]int{"ok": 57}}))
	for _, absent := range []string{"## New", "## Changed", "## Unresolved", "## Failed", "## Requests"} {
		if strings.Contains(quiet, absent) {
			t.Errorf("quiet report has %q:\n%s", absent, quiet)
		}
	}
	if !strings.Contains(quiet, "| ok | 57 |\n| **total** | **57** |\n") {
		t.Errorf("quiet report summary:\n%s", quiet)
	}
}

func TestReportJSON(t *testing.T) {
	data, err := ReportJSON(NewReport(reportInput()))
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if !strings.HasPrefix(s, "{\n  \"version\": \""+paperlist.Version+"\",\n  \"started\": \"2024-05-01T03:00:00Z\",\n  \"finished\": \"2024-05-01T03:01:23Z\",\n  \"duration_seconds\": 83,\n") {
		t.Errorf("report.json does not start with version and UTC times:\n%s", s[:200])
	}
	var back struct {
		Args     []string                   `json:"args"`
		Total    int                        `json:"total"`
		Counts   map[string]int             `json:"counts"`
		Hosts    map[string]fetch.HostStats `json:"hosts"`
		Problems []Problem                  `json:"problems"`
		Removed  []string                   `json:"removed"`
	}
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back.Total != 8 || back.Counts["not_found"] != 1 || back.Hosts["api.crossref.org"].CacheHits != 40 ||
		back.Problems[0].ID != "eurosys2023-pocket" || back.Problems[0].Line != 84 || back.Removed[0] != "osdi2023-removed" {
		t.Errorf("round trip: %+v", back)
	}
	if strings.Index(s, `"api.crossref.org"`) > strings.Index(s, `"www.usenix.org"`) {
		t.Error("hosts are not sorted")
	}
	again, _ := ReportJSON(NewReport(reportInput()))
	if string(again) != s {
		t.Error("report.json is not deterministic")
	}

	empty, err := ReportJSON(Report{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"started": ""`, `"args": []`, `"counts": {}`, `"problems": []`, `"added": []`} {
		if !strings.Contains(string(empty), want) {
			t.Errorf("empty report.json lacks %s:\n%s", want, empty)
		}
	}
}

// TestReportMarkdownPausedHost: a host paused by a long Retry-After is
// named in report.md, not only in report.json.
func TestReportMarkdownPausedHost(t *testing.T) {
	r := NewReport(ReportInput{Hosts: map[string]fetch.HostStats{
		"api.crossref.org": {Requests: 1, RateLimited: 1, Paused: &fetch.HostPause{Status: 429, RetryAfter: time.Hour, Skipped: 28}},
		"dblp.org":         {Requests: 3},
	}})
	md := string(ReportMarkdown(r))
	want := "**api.crossref.org was paused for the rest of the run**: it answered HTTP 429 asking to wait 1h0m0s; 28 requests to it were not made"
	if !strings.Contains(md, want) {
		t.Errorf("report.md lacks the paused host:\n%s", md)
	}
}
