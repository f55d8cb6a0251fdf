package output

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/paperlist/paperlist"
)

// schemaPath is the published schema, relative to this package.
const schemaPath = "../schema/paper.schema.json"

// compileSchema returns the schema of papers.json (an array) and of one
// record.
func compileSchema(t *testing.T) (array, record *jsonschema.Schema) {
	t.Helper()
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", schemaPath, err)
	}
	id, _ := doc.(map[string]any)["$id"].(string)
	if id == "" {
		t.Fatalf("%s has no $id", schemaPath)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource(id, doc); err != nil {
		t.Fatal(err)
	}
	if array, err = c.Compile(id); err != nil {
		t.Fatalf("compile %s: %v", schemaPath, err)
	}
	if record, err = c.Compile(id + "#/$defs/paper"); err != nil {
		t.Fatalf("compile %s#/$defs/paper: %v", schemaPath, err)
	}
	return array, record
}

func instance(t *testing.T, data []byte) any {
	t.Helper()
	v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// schemaPapers is a rich set of records: the seed list's 57 (ok,
// not_found, blocked), and records using every optional part (repo,
// ORCID, every pdf_kind, every status).
func schemaPapers(t *testing.T) []paperlist.Paper {
	papers := seedPapers(seedEntries(t, readSeed(t)))
	dgcl := paperlist.FromEntry(paperlist.Entry{Venue: "EuroSys", Year: 2021, ListTitle: "DGCL: An Efficient Communication Library for Distributed GNN Training",
		Title: "DGCL: An Efficient Communication Library for Distributed GNN Training", Link: "https://github.com/czkkkkkk/gccl", Line: 101, EndLine: 101,
		Links: []paperlist.Link{{Kind: "code", URL: "https://github.com/czkkkkkk/gccl"}}})
	dgcl.ID = "eurosys2021-dgcl"
	dgcl.Status = paperlist.StatusOK
	dgcl.Authors = []paperlist.Author{{Name: "Zhenkun Cai", Affiliation: "The Chinese University of Hong Kong", ORCID: "0000-0002-1825-0097"}, {Name: "Xiao Yan", Affiliation: ""}}
	dgcl.DOI = "10.1145/3447786.3456233"
	dgcl.Booktitle = "Proceedings of the Sixteenth European Conference on Computer Systems"
	dgcl.Pages = "130-144"
	dgcl.PDFURL, dgcl.PDFKind = "https://dl.acm.org/doi/pdf/10.1145/3447786.3456233", "publisher"
	dgcl.Abstract = "Graph neural networks (GNNs) have shown great success...\n\nDGCL ..."
	dgcl.Repo = &paperlist.Repo{FullName: "czkkkkkk/gccl", URL: "https://github.com/czkkkkkk/gccl", Topics: []string{}}
	dgcl.Volatile = &paperlist.Volatile{Stars: 52}
	dgcl.Sources["doi"] = "https://api.crossref.org/works?query.bibliographic=DGCL"
	papers = append(papers, dgcl)
	for i, kind := range []paperlist.PDFKind{paperlist.PDFOpenAccess, paperlist.PDFPreprint, paperlist.PDFOverride} {
		papers[i].PDFURL, papers[i].PDFKind = "https://example.org/p.pdf", kind
	}
	papers[3].ArxivID = "2302.11665"
	for i, st := range []paperlist.Status{paperlist.StatusPartial, paperlist.StatusError, paperlist.StatusNotEnriched, paperlist.StatusSkipped} {
		papers[10+i].Status = st
		papers[10+i].Errors = []string{"reason " + string(st)}
	}
	return papers
}

func TestSchemaValidatesTheDataset(t *testing.T) {
	array, record := compileSchema(t)
	papers := schemaPapers(t)
	data, err := JSON(papers)
	if err != nil {
		t.Fatal(err)
	}
	if err := array.Validate(instance(t, data)); err != nil {
		t.Fatalf("papers.json of %d records does not validate: %v", len(papers), err)
	}
	lines, err := JSONL(papers)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range bytes.Split(bytes.TrimSpace(lines), []byte("\n")) {
		if err := record.Validate(instance(t, l)); err != nil {
			t.Errorf("papers.jsonl line %d does not validate: %v", i+1, err)
		}
	}
	// Empty dataset.
	if err := array.Validate(instance(t, []byte("[]"))); err != nil {
		t.Errorf("empty papers.json: %v", err)
	}
}

func TestSchemaValidatesTheSeedDataset(t *testing.T) {
	data, err := os.ReadFile("testdata/seed-dataset.json")
	if errors.Is(err, fs.ErrNotExist) {
		t.Skip("testdata/seed-dataset.json not present yet")
	}
	if err != nil {
		t.Fatal(err)
	}
	array, _ := compileSchema(t)
	if err := array.Validate(instance(t, data)); err != nil {
		t.Fatalf("testdata/seed-dataset.json does not validate: %v", err)
	}
}

func TestSchemaRejectsBadRecords(t *testing.T) {
	_, record := compileSchema(t)
	papers := schemaPapers(t)
	base, err := json.Marshal(papers[len(papers)-1]) // the DGCL record, with repo and ORCID
	if err != nil {
		t.Fatal(err)
	}
	if err := record.Validate(instance(t, base)); err != nil {
		t.Fatalf("the unchanged record does not validate: %v", err)
	}
	tests := []struct {
		name   string
		mutate func(m map[string]any)
		want   string // a word of the validation error
	}{
		{"unknown field", func(m map[string]any) { m["stars"] = 52 }, "stars"},
		{"bad status", func(m map[string]any) { m["status"] = "done" }, "status"},
		{"bad pdf_kind", func(m map[string]any) { m["pdf_kind"] = "free" }, "pdf_kind"},
		{"year as a string", func(m map[string]any) { m["year"] = "2021" }, "year"},
		{"notes null", func(m map[string]any) { m["notes"] = nil }, "notes"},
		{"missing status", func(m map[string]any) { delete(m, "status") }, "status"},
		{"doi with resolver", func(m map[string]any) { m["doi"] = "https://doi.org/10.1145/3447786.3456233" }, "doi"},
		{"author without affiliation", func(m map[string]any) {
			m["authors"] = []any{map[string]any{"name": "Zhenkun Cai"}}
		}, "affiliation"},
		{"unknown repo field", func(m map[string]any) {
			m["repo"].(map[string]any)["stargazers_count"] = 52
		}, "stargazers_count"},
		{"line 0", func(m map[string]any) { m["line"] = 0 }, "line"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var m map[string]any
			if err := json.Unmarshal(base, &m); err != nil {
				t.Fatal(err)
			}
			tt.mutate(m)
			data, _ := json.Marshal(m)
			err := record.Validate(instance(t, data))
			if err == nil {
				t.Fatalf("record accepted: %s", data)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error does not name %q: %v", tt.want, err)
			}
		})
	}
}

// TestSchemaNamesEveryField checks the schema against the Go type: every
// JSON field of Paper, Author and Repo has a property, and no property is
// stale.
func TestSchemaNamesEveryField(t *testing.T) {
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	var s struct {
		Defs map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"$defs"`
	}
	if err := json.Unmarshal(data, &s); err != nil {
		t.Fatal(err)
	}
	full, err := json.Marshal(paperlist.Paper{Repo: &paperlist.Repo{}, Authors: []paperlist.Author{{ORCID: "x"}}})
	if err != nil {
		t.Fatal(err)
	}
	var record struct {
		Authors []map[string]any `json:"authors"`
		Repo    map[string]any   `json:"repo"`
	}
	var paper map[string]any
	if err := json.Unmarshal(full, &paper); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(full, &record); err != nil {
		t.Fatal(err)
	}
	check := func(def string, fields map[string]any) {
		props := s.Defs[def].Properties
		for f := range fields {
			if _, ok := props[f]; !ok {
				t.Errorf("schema $defs/%s lacks the field %q", def, f)
			}
		}
		for p := range props {
			if _, ok := fields[p]; !ok {
				t.Errorf("schema $defs/%s has %q, which the Go type does not write", def, p)
			}
		}
	}
	check("paper", paper)
	check("author", record.Authors[0])
	check("repo", record.Repo)
}
