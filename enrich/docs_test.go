package enrich

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var updateReadme = flag.Bool("update-readme", false, "rewrite README.md's generated source tables")

// TestREADMESourcesTable: the README's tables of chains and precedence are
// the declarations, rendered; go test ./enrich -update-readme rewrites them.
func TestREADMESourcesTable(t *testing.T) {
	const path = "../README.md"
	const begin, end = "<!-- sources:begin (generated from enrich/routes.go and merge.go; go test ./enrich -update-readme) -->\n", "<!-- sources:end -->"
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i, j := strings.Index(s, begin), strings.Index(s, end)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the generated block %q ... %q", begin, end)
	}
	want := s[:i+len(begin)] + SourcesTable() + s[j:]
	if *updateReadme {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if want != s {
		t.Errorf("README.md's source tables differ from the declarations; run go test ./enrich -update-readme\nwant:\n%s", SourcesTable())
	}
}
