package output

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// cslSchemaPath is the CSL-JSON schema, copied from the CSL project (see
// testdata/README.md).
const cslSchemaPath = "testdata/csl-data.json"

func TestCSLJSONSeedValidates(t *testing.T) {
	papers := seedDataset(t)
	var buf bytes.Buffer
	if err := WriteCSLJSON(&buf, papers, BibOptions{}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(cslSchemaPath)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	const id = "https://resource.citationstyles.org/schema/v1.0/input/json/csl-data.json"
	if err := c.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile(id)
	if err != nil {
		t.Fatalf("compile %s: %v", cslSchemaPath, err)
	}
	if err := schema.Validate(instance(t, buf.Bytes())); err != nil {
		t.Fatalf("papers.csl.json does not validate against the CSL-JSON schema: %v", err)
	}

	var items []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) != 57 {
		t.Fatalf("%d items, want 57", len(items))
	}
	alpa, _ := json.Marshal(items[0])
	for _, want := range []string{
		`"id":"osdi2023-alpaserve"`, `"type":"paper-conference"`,
		`"author":[{"family":"Li","given":"Zhuohan"}`, `"issued":{"date-parts":[[2023]]}`,
		`"container-title":"17th USENIX Symposium on Operating Systems Design and Implementation (OSDI 23)"`,
		`"container-title-short":"OSDI"`, `"page":"663-679"`,
		`"URL":"https://www.usenix.org/conference/osdi23/presentation/li-zhouhan"`,
	} {
		if !strings.Contains(string(alpa), want) {
			t.Errorf("AlpaServe item lacks %s:\n%s", want, alpa)
		}
	}
	for _, it := range items {
		if it["id"] == "sosp2021-gradient-compression-supercharged-high" && it["DOI"] != "10.1145/3477132.3483553" {
			t.Errorf("SOSP item DOI = %v", it["DOI"])
		}
		if it["id"] == "eurosys2023-pocket" && it["type"] != "article" {
			t.Errorf("unresolved Pocket type = %v, want article", it["type"])
		}
	}
	var again bytes.Buffer
	if err := WriteCSLJSON(&again, papers, BibOptions{}); err != nil || !bytes.Equal(again.Bytes(), buf.Bytes()) {
		t.Errorf("two writes differ (err %v)", err)
	}
}

func TestCSLNames(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Zhuohan Li", `{"family":"Li","given":"Zhuohan"}`},
		{"Carlos Efrain Quintero Narvaez", `{"family":"Narvaez","given":"Carlos Efrain Quintero"}`},
		{"Martin Luther King, Jr.", `{"family":"King","given":"Martin Luther","suffix":"Jr."}`},
		{"Plato", `{"literal":"Plato"}`},
	} {
		got, _ := json.Marshal(cslNameOf(tc.in))
		if string(got) != tc.want {
			t.Errorf("cslNameOf(%q) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

// TestPandocCitesEveryPaper renders a bibliography from papers.csl.json with
// pandoc's citeproc, one citation per paper: every paper must appear and
// pandoc must print no warning. pandoc is Debian's package, installed by
// .ci/run; without it the test skips, except in CI.
func TestPandocCitesEveryPaper(t *testing.T) {
	pandoc, err := exec.LookPath("pandoc")
	if err != nil {
		skipOutsideCI(t, "pandoc is not installed (.ci/run installs Debian's pandoc)")
	}
	papers := seedDataset(t)
	dir := t.TempDir()
	var buf bytes.Buffer
	if err := WriteCSLJSON(&buf, papers, BibOptions{}); err != nil {
		t.Fatal(err)
	}
	bib := filepath.Join(dir, "papers.csl.json")
	if err := os.WriteFile(bib, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var doc strings.Builder
	doc.WriteString("# Reading\n\n")
	for _, p := range papers {
		doc.WriteString("See [@" + p.ID + "].\n\n")
	}
	doc.WriteString("# References\n")
	cmd := exec.Command(pandoc, "--citeproc", "--bibliography", bib, "--from", "markdown", "--to", "plain", "--wrap", "none")
	cmd.Stdin = strings.NewReader(doc.String())
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("pandoc: %v\n%s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("pandoc warned:\n%s", stderr.String())
	}
	out := stdout.String()
	refs := strings.Join(strings.Fields(out[strings.Index(out, "References"):]), " ")
	for _, p := range papers {
		title := p.Title
		if title == "" {
			title = p.ListTitle
		}
		// citeproc may re-case a title (Chicago title case).
		if !strings.Contains(strings.ToLower(refs), strings.ToLower(title)) {
			t.Errorf("the bibliography lacks %s (%q)", p.ID, title)
		}
	}
	if !strings.Contains(out, "Li et al. 2023)") {
		t.Errorf("no author-year citation for AlpaServe in:\n%.600s", out)
	}
	if strings.Contains(out, "???") {
		t.Errorf("pandoc could not resolve a citation:\n%s", out)
	}
}
