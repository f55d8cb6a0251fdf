package replay

import (
	"io/fs"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
)

// recordedDir is the project's archive of recorded answers.
var recordedDir = filepath.Join("..", "..", "testdata", "recorded")

func loadRecorded(t *testing.T) *Archive {
	t.Helper()
	a, err := Load(recordedDir)
	if err != nil {
		t.Fatalf("load the recorded archive: %v", err)
	}
	return a
}

// TestRecordedArchive loads testdata/recorded, which reads every file the
// manifest names (a missing one fails Load with its line).
func TestRecordedArchive(t *testing.T) {
	a := loadRecorded(t)
	if n := len(a.Entries()); n < 20 {
		t.Errorf("recorded archive has %d entries, want at least 20", n)
	}
	for _, e := range a.Entries() {
		if len(e.Body) == 0 {
			t.Errorf("manifest.tsv:%d: %s has an empty body", e.Line, e.URL)
		}
	}
}

// TestRecordedFilesAllListed checks the reverse: every file in the archive
// directory is named by the manifest, so nothing is copied in and forgotten.
func TestRecordedFilesAllListed(t *testing.T) {
	a := loadRecorded(t)
	listed := map[string]bool{ManifestName: true, "README.md": true}
	for _, e := range a.Entries() {
		listed[e.File] = true
		if e.HeadersFile != "" {
			listed[e.HeadersFile] = true
		}
	}
	err := filepath.WalkDir(recordedDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(recordedDir, p)
		if err != nil {
			return err
		}
		if !listed[filepath.ToSlash(rel)] {
			t.Errorf("%s is not named by manifest.tsv", filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestRecordedAnswers requests what the enricher requests for the seed list
// (the fixed URL contract, with the parameters the archive ignores) and
// checks what a user would see in the answer.
func TestRecordedAnswers(t *testing.T) {
	const dgcl = "DGCL: An Efficient Communication Library for Distributed GNN Training"
	const s2Fields = "title,authors,abstract,openAccessPdf,externalIds,venue,publicationVenue,journal,year,url"
	q := url.QueryEscape
	a := loadRecorded(t)
	tests := []struct {
		name   string
		url    string
		status int
		want   string // a substring of the body
		header [2]string
	}{
		{"alpaserve page", "https://www.usenix.org/conference/osdi23/presentation/li-zhouhan", 200,
			`<h1 id="page-title">AlpaServe: Statistical Multiplexing with Model Parallelism`, [2]string{"Content-Type", "text/html; charset=utf-8"}},
		{"flashneuron page", "https://www.usenix.org/conference/fast21/presentation/bae", 200,
			"FlashNeuron: SSD-Enabled Large-Batch Training", [2]string{}},
		{"real goyal page", "https://www.usenix.org/conference/nsdi22/presentation/goyal", 200,
			`<h1 id="page-title">Backpressure Flow Control`, [2]string{}},
		{"real bulekov page", "https://www.usenix.org/conference/usenixsecurity22/presentation/bulekov", 200,
			"Morphuzz: Bending (Input) Space to Fuzz Virtual Devices", [2]string{}},
		{"alpaserve bibtex", "https://www.usenix.org/biblio/export/bibtex/288582", 200,
			"pages = {663--679}", [2]string{}},
		{"acm blocks bots", "https://dl.acm.org/doi/10.1145/3477132.3483553", 403,
			"<title>Just a moment...</title>", [2]string{"Cf-Mitigated", "challenge"}},
		{"crossref work", "https://api.crossref.org/works/10.1145/3477132.3483553?mailto=dev@example.org", 200,
			"Gradient Compression Supercharged High-Performance Data Parallel DNN Training", [2]string{"X-Rate-Limit-Limit", "10"}},
		{"openalex work", "https://api.openalex.org/works/doi:10.1145/3477132.3483553?api_key=K&mailto=dev@example.org", 200,
			`"title": "Gradient Compression Supercharged`, [2]string{"Content-Type", "application/json"}},
		{"s2 paper", "https://api.semanticscholar.org/graph/v1/paper/DOI:10.1145/3477132.3483553?fields=" + s2Fields, 200,
			`"title": "Gradient Compression Supercharged`, [2]string{}},
		{"dblp dgcl", "https://dblp.org/search/publ/api?q=" + q(dgcl) + "&format=json&h=10", 200,
			`"text": "Zhenkun Cai"`, [2]string{}},
		{"crossref search dgcl", "https://api.crossref.org/works?query.bibliographic=" + q(dgcl) + "&rows=5&mailto=dev@example.org", 200,
			`"DOI": "10.1145/3447786.3456233"`, [2]string{}},
		{"openalex search dgcl", "https://api.openalex.org/works?search=" + q(dgcl) + "&per-page=5", 200,
			`"doi": "https://doi.org/10.1145/3447786.3456233"`, [2]string{}},
		{"s2 match dgcl", "https://api.semanticscholar.org/graph/v1/paper/search/match?query=" + q(dgcl) + "&fields=" + s2Fields, 200,
			`"DOI": "10.1145/3447786.3456233"`, [2]string{}},
		{"dgcl work not recorded", "https://api.crossref.org/works/10.1145/3447786.3456233", 404,
			"no recorded answer for GET https://api.crossref.org/works/10.1145/3447786.3456233", [2]string{}},
		{"gccl repo", "https://api.github.com/repos/czkkkkkk/gccl", 200,
			`"full_name": "czkkkkkk/gccl"`, [2]string{"ETag", `W/"7f3c2a9d1e0b4c6a8f5e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a"`}},
		{"pocket not in dblp", "https://dblp.org/search/publ/api?q=" + q("Pocket: ML Serving from the Edge") + "&format=json&h=10", 200,
			`"@total": "0"`, [2]string{}},
		{"pocket crossref not recorded", "https://api.crossref.org/works?query.bibliographic=" + q("Pocket: ML Serving from the Edge") + "&rows=5", 404,
			"no recorded answer", [2]string{}},
		{"dblp hpca chimera with its homonym", "https://dblp.org/search/publ/api?q=" + q("Chimera: An Analytical Optimizing Framework for Effective Compute-intensive Operators Fusion") + "&format=json&h=10", 200,
			`"doi": "10.1145/3458817.3476145"`, [2]string{}},
		{"dblp hpca title with a slash", "https://dblp.org/search/publ/api?q=" + q("Logical/Physical Topology-Aware Collective Communication in Deep Learning Training") + "&format=json&h=10", 200,
			`"pages": "56-68"`, [2]string{}},
		{"dblp eurosys lyra", "https://dblp.org/search/publ/api?q=" + q("Lyra: Elastic Scheduling for Deep Learning Clusters") + "&format=json&h=10", 200,
			`"doi": "10.1145/3552326.3587445"`, [2]string{}},
		{"crossref linefs", "https://api.crossref.org/works/10.1145%2F3477132.3483565?mailto=dev@example.org", 200,
			`"family": "Kostić"`, [2]string{"Content-Type", "application/json"}},
		{"crossref healer", "https://api.crossref.org/works/10.1145/3477132.3483547", 200,
			`"HEALER: Relation Learning Guided Kernel Fuzzing"`, [2]string{}},
		{"arxiv alpaserve", "https://export.arxiv.org/api/query?id_list=2302.11665", 200,
			"<title>AlpaServe: Statistical Multiplexing with Model Parallelism for Deep", [2]string{"Content-Type", "application/atom+xml"}},
		{"usenix robots", "https://www.usenix.org/robots.txt", 404, "no robots.txt recorded", [2]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := get(a, tt.url)
			if w.Code != tt.status {
				t.Errorf("status = %d, want %d (body %.80q)", w.Code, tt.status, w.Body)
			}
			if !strings.Contains(w.Body.String(), tt.want) {
				t.Errorf("body does not contain %q", tt.want)
			}
			if tt.header[0] != "" && w.Header().Get(tt.header[0]) != tt.header[1] {
				t.Errorf("%s = %q, want %q", tt.header[0], w.Header().Get(tt.header[0]), tt.header[1])
			}
		})
	}
	// Pocket's zero-hit answer has no "hit" key at all.
	if body := get(a, "https://dblp.org/search/publ/api?q=Pocket%3A+ML+Serving+from+the+Edge").Body.String(); strings.Contains(body, `"hit"`) {
		t.Errorf("pocket answer has a hit key: %.200s", body)
	}
}
