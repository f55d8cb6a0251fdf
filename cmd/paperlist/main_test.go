package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/internal/replay"
)

const seedList = "../../examples/systems-reading-list.md"

// seedGolden is the seed list's dataset from the recorded answers. The
// output package validates it against the JSON Schema; here it catches any
// change in what the pipeline produces. Regenerate with -update.
const seedGolden = "../../output/testdata/seed-dataset.json"

var update = flag.Bool("update", false, "rewrite golden files")

// replayEnv serves the recorded answers through the HTTPS replay proxy, the
// same way a user's proxy would be reached.
type replayEnv struct {
	archive   *replay.Archive
	transport http.RoundTripper
}

func newReplayEnv(t *testing.T) *replayEnv {
	t.Helper()
	a, err := replay.Load("../../testdata/recorded")
	if err != nil {
		t.Fatal(err)
	}
	p, err := replay.NewProxy(a)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(p)
	t.Cleanup(func() { srv.Close(); p.Close() })
	tr, err := p.Transport(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	return &replayEnv{archive: a, transport: tr}
}

// fastRates lets the test run in about a second; the politeness tests of
// package fetch check the limiter itself.
var fastRates = []string{
	"--rate", "www.usenix.org=500", "--rate", "dblp.org=500", "--rate", "api.crossref.org=500",
	"--rate", "api.openalex.org=500", "--rate", "api.semanticscholar.org=500", "--rate", "api.github.com=500",
	"--rate", "export.arxiv.org=500", "--rate", "dl.acm.org=500",
}

func (e *replayEnv) run(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string {
		if k == "GITHUB_TOKEN" {
			return "ghp_secret_token_for_tests"
		}
		return ""
	}
	code = run(context.Background(), args, system{stdout: &out, stderr: &errb, getenv: getenv, transport: e.transport})
	return code, out.String(), errb.String()
}

func readPapers(t *testing.T, path string) []paperlist.Paper {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var ps []paperlist.Paper
	if err := json.Unmarshal(data, &ps); err != nil {
		t.Fatal(err)
	}
	return ps
}

func byTitle(ps []paperlist.Paper, prefix string) *paperlist.Paper {
	for i := range ps {
		if strings.HasPrefix(ps[i].ListTitle, prefix) {
			return &ps[i]
		}
	}
	return nil
}

// TestEnrichSeedListTwice runs the whole pipeline on the bundled list against
// the recorded answers, then again: the second run must make no request and
// write byte-identical files.
func TestEnrichSeedListTwice(t *testing.T) {
	env := newReplayEnv(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	args := append([]string{"enrich", "--mailto", "ci@example.invalid", "--cache", filepath.Join(dir, "c.sqlite"), "--out", out,
		"--format", "json,jsonl,csv,bibtex,markdown,csljson,html"}, fastRates...)
	args = append(args, seedList)

	code, _, stderr := env.run(t, args...)
	if code != exitOK { // the replay answers for every paper; Pocket stays not_found, which is not a failure
		t.Errorf("first run exit code = %d, want %d; stderr:\n%s", code, exitOK, stderr)
	}
	if strings.Contains(stderr, "ghp_secret_token_for_tests") || strings.Contains(stderr, "ci@example.invalid") {
		t.Error("a secret (token or mailto) appears in the log")
	}
	cold := env.archive.Counts()
	if cold.Total == 0 {
		t.Fatal("first run made no requests")
	}
	ps := readPapers(t, filepath.Join(out, "papers.json"))
	if len(ps) != 57 {
		t.Fatalf("papers.json has %d records, want 57", len(ps))
	}

	alpa := byTitle(ps, "AlpaServe")
	if alpa == nil {
		t.Fatal("AlpaServe missing")
	}
	if alpa.ID != "osdi2023-alpaserve" || alpa.Venue != "OSDI" || alpa.Year != 2023 {
		t.Errorf("AlpaServe id/venue/year = %q %q %d", alpa.ID, alpa.Venue, alpa.Year)
	}
	if len(alpa.Authors) == 0 || alpa.Authors[0].Name != "Zhuohan Li" || alpa.Authors[0].Affiliation != "UC Berkeley" {
		t.Errorf("AlpaServe first author = %+v", alpa.Authors)
	}
	if alpa.PDFURL != "https://www.usenix.org/system/files/osdi23-li-zhuohan.pdf" {
		t.Errorf("AlpaServe pdf_url = %q", alpa.PDFURL)
	}
	if alpa.Status != paperlist.StatusOK {
		t.Errorf("AlpaServe status = %q, errors %v", alpa.Status, alpa.Errors)
	}
	if alpa.Sources["abstract"] != "https://www.usenix.org/conference/osdi23/presentation/li-zhouhan" {
		t.Errorf("AlpaServe abstract source = %q", alpa.Sources["abstract"])
	}

	gc := byTitle(ps, "Gradient Compression Supercharged")
	if gc == nil || gc.DOI != "10.1145/3477132.3483553" {
		t.Fatalf("SOSP gradient compression DOI = %+v", gc)
	}
	if !strings.HasPrefix(gc.Sources["title"], "https://api.crossref.org/works/10.1145/3477132.3483553") || len(gc.Authors) == 0 || gc.Abstract == "" {
		t.Errorf("SOSP entry not enriched from Crossref: sources %v, %d authors, abstract %q", gc.Sources, len(gc.Authors), gc.Abstract)
	}

	dgcl := byTitle(ps, "DGCL")
	if dgcl == nil || dgcl.CodeURL != "https://github.com/czkkkkkk/gccl" || dgcl.DOI != "10.1145/3447786.3456233" {
		t.Errorf("DGCL = %+v", dgcl)
	}

	pocket := byTitle(ps, "Pocket")
	if pocket == nil || pocket.Status != paperlist.StatusNotFound || pocket.DOI != "" {
		t.Errorf("Pocket should stay not_found without a DOI: %+v", pocket)
	}

	datasetFiles := []string{"papers.json", "papers.jsonl", "papers.csv", "papers.bib", "systems-reading-list.enriched.md", "papers.csl.json", "index.html", "volatile.json"}
	first := map[string][]byte{}
	for _, name := range datasetFiles {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil || len(b) == 0 {
			t.Fatalf("%s not written: %v", name, err)
		}
		first[name] = b
	}
	if *update {
		if err := os.WriteFile(seedGolden, first["papers.json"], 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if golden, err := os.ReadFile(seedGolden); err != nil {
		t.Errorf("golden dataset: %v (run go test -update)", err)
	} else if !bytes.Equal(golden, first["papers.json"]) {
		t.Errorf("papers.json differs from %s; if the change is intended, rerun with -update and review the diff", seedGolden)
	}
	if !bytes.Contains(first["papers.bib"], []byte("@inproceedings{li2023alpaserve,")) {
		t.Errorf("papers.bib lacks the AlpaServe entry:\n%.400s", first["papers.bib"])
	}
	if !bytes.Contains(first["volatile.json"], []byte(`"eurosys2021-dgcl"`)) || bytes.Contains(first["papers.json"], []byte("stargazers")) {
		t.Errorf("GitHub stars belong in volatile.json only:\n%s", first["volatile.json"])
	}
	report, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil || !bytes.Contains(report, []byte("eurosys2023-pocket")) {
		t.Errorf("report.md should list the unresolved Pocket entry: %v\n%.600s", err, report)
	}
	if rj, err := os.ReadFile(filepath.Join(out, "report.json")); err != nil || bytes.Contains(rj, []byte("ci@example.invalid")) {
		t.Errorf("report.json missing or leaks the mailto: %v", err)
	}

	code2, _, stderr2 := env.run(t, args...)
	if code2 != code {
		t.Errorf("second run exit code = %d, first %d", code2, code)
	}
	if got := env.archive.Counts().Total - cold.Total; got != 0 {
		t.Errorf("second run made %d requests, want 0; stderr:\n%s", got, stderr2)
	}
	if !strings.Contains(stderr2, " 0 requests") {
		t.Errorf("second run summary does not say 0 requests:\n%s", stderr2)
	}
	for _, name := range datasetFiles {
		b, _ := os.ReadFile(filepath.Join(out, name))
		if !bytes.Equal(first[name], b) {
			t.Errorf("second run wrote different bytes to %s", name)
		}
	}

	cachePath := filepath.Join(dir, "c.sqlite")
	code, stdout, stderr := env.run(t, "cache", "stats", "--cache", cachePath)
	if code != exitOK || !strings.Contains(stdout, "hit rate 100%") || !strings.Contains(stdout, "remembered 404/410") {
		t.Errorf("cache stats after a warm run (exit %d):\n%s%s", code, stdout, stderr)
	}
	code, stdout, _ = env.run(t, "cache", "prune", "--cache", cachePath, "--older-than", "1d")
	if code != exitOK || !strings.Contains(stdout, "removed 0 responses") {
		t.Errorf("pruning fresh answers removed some (exit %d): %s", code, stdout)
	}
	if code, _, _ := env.run(t, "cache", "prune", "--cache", cachePath); code != exitUsage {
		t.Errorf("prune without --older-than: exit %d, want %d", code, exitUsage)
	}
}

func TestExitCodes(t *testing.T) {
	env := newReplayEnv(t)
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.md")
	os.WriteFile(empty, nil, 0o644)
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"no command", nil, exitUsage},
		{"unknown command", []string{"frobnicate"}, exitUsage},
		{"missing list", []string{"enrich", "--cache", filepath.Join(dir, "c"), filepath.Join(dir, "nope.md")}, exitUsage},
		{"empty list", []string{"parse", empty}, exitUsage},
		{"bad format", []string{"enrich", "--format", "xml", seedList}, exitUsage},
		{"bad rate", []string{"enrich", "--rate", "dblp.org=fast", seedList}, exitUsage},
		{"version", []string{"version"}, exitOK},
		{"parse seed", []string{"parse", seedList}, exitOK},
	}
	for _, tt := range tests {
		if code, _, stderr := env.run(t, tt.args...); code != tt.want {
			t.Errorf("%s: exit code %d, want %d; stderr: %s", tt.name, code, tt.want, stderr)
		}
	}
}

func TestParseCommandPrintsSeed(t *testing.T) {
	env := newReplayEnv(t)
	code, stdout, stderr := env.run(t, "parse", seedList)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var entries []paperlist.Entry
	if err := json.Unmarshal([]byte(stdout), &entries); err != nil {
		t.Fatal(err)
	}
	if len(entries) != 57 {
		t.Fatalf("parse printed %d entries, want 57", len(entries))
	}
	if e := entries[0]; e.Venue != "OSDI" || e.Year != 2023 || e.Line != 4 || e.Notes[0] != "模型并行同时用于模型服务(Deep Learning Serving)" {
		t.Errorf("first entry = %+v", e)
	}
	if env.archive.Counts().Total != 0 {
		t.Error("parse made requests")
	}
}
