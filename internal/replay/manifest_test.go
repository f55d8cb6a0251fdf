package replay

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeArchive writes files (slash paths) under a new temporary directory.
func writeArchive(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestLoadErrorsNameTheLine(t *testing.T) {
	files := map[string]string{
		"a.json":       `{"ok":true}`,
		"ok.headers":   "HTTP/2 200\netag: \"x\"\n",
		"bad.headers":  "HTTP/1.1 200 OK\nnot a header line\n",
		"nost.headers": "etag: \"x\"\n",
		"403.headers":  "HTTP/1.1 403 Forbidden\n",
	}
	tests := []struct {
		name     string
		manifest string
		want     []string // substrings of the error
	}{
		{"two fields", "# c\nhttps://h.org/a\t200\n", []string{"manifest.tsv:2:", "want 3 or 4"}},
		{"five fields", "https://h.org/a\t200\ta.json\tok.headers\tx\n", []string{"manifest.tsv:1:", "got 5"}},
		{"relative URL", "\n\n/a\t200\ta.json\n", []string{"manifest.tsv:3:", "not an absolute http(s) URL"}},
		{"ftp URL", "ftp://h.org/a\t200\ta.json\n", []string{"manifest.tsv:1:", "not an absolute"}},
		{"bad status", "https://h.org/a\tOK\ta.json\n", []string{"manifest.tsv:1:", `bad status "OK"`}},
		{"status out of range", "https://h.org/a\t999\ta.json\n", []string{"manifest.tsv:1:", "bad status"}},
		{"missing file", "https://h.org/a\t200\ta.json\nhttps://h.org/b\t200\tb.json\n", []string{"manifest.tsv:2:", "https://h.org/b", "b.json"}},
		{"escaping path", "https://h.org/a\t200\t../a.json\n", []string{"manifest.tsv:1:", "leaves the archive directory"}},
		{"missing headers file", "https://h.org/a\t200\ta.json\tno.headers\n", []string{"manifest.tsv:1:", "no.headers"}},
		{"bad header line", "https://h.org/a\t200\ta.json\tbad.headers\n", []string{"manifest.tsv:1:", "bad.headers", "line 2"}},
		{"no status line", "https://h.org/a\t200\ta.json\tnost.headers\n", []string{"manifest.tsv:1:", "status line"}},
		{"status disagrees", "https://h.org/a\t200\ta.json\t403.headers\n", []string{"manifest.tsv:1:", "disagrees with 403"}},
		{"duplicate", "https://h.org/w?q=A+B\t200\ta.json\n#\nhttp://H.org/w?q=a:b\t200\ta.json\n", []string{"manifest.tsv:3:", "duplicates", "line 1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := map[string]string{"manifest.tsv": tt.manifest}
			for k, v := range files {
				f[k] = v
			}
			_, err := Load(writeArchive(t, f))
			if err == nil {
				t.Fatalf("Load: no error for manifest %q", tt.manifest)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func TestLoadMissingManifest(t *testing.T) {
	_, err := Load(t.TempDir())
	if err == nil || !strings.Contains(err.Error(), "manifest.tsv") {
		t.Fatalf("Load of an empty dir: error %v, want one naming manifest.tsv", err)
	}
}

func TestLoadParsesEntries(t *testing.T) {
	dir := writeArchive(t, map[string]string{
		"manifest.tsv": "# comment\n\n" +
			"https://api.github.com/repos/o/r\t200\tr.json\tr.headers\r\n" +
			"  # indented comment\n" +
			"https://example.org/gone\t410\t-\n",
		"r.json":    `{"full_name":"o/r"}`,
		"r.headers": "HTTP/2 200\r\ndate: Mon, 01 Jun 2026 12:00:00 GMT\r\netag: W/\"abc\"\r\nx-ratelimit-remaining: 57\r\nTransfer-Encoding: chunked\r\nvary: Accept\r\nvary: Accept-Encoding\r\n",
	})
	a, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	es := a.Entries()
	if len(es) != 2 {
		t.Fatalf("got %d entries, want 2", len(es))
	}
	e := es[0]
	if e.URL != "https://api.github.com/repos/o/r" || e.Status != 200 || e.Line != 3 || string(e.Body) != `{"full_name":"o/r"}` {
		t.Errorf("entry 0 = %q %d line %d body %q", e.URL, e.Status, e.Line, e.Body)
	}
	if got := e.Header.Get("ETag"); got != `W/"abc"` {
		t.Errorf("ETag = %q", got)
	}
	if got := e.Header.Get("X-RateLimit-Remaining"); got != "57" {
		t.Errorf("X-RateLimit-Remaining = %q", got)
	}
	if got := e.Header.Values("Vary"); len(got) != 2 {
		t.Errorf("Vary = %q, want both values", got)
	}
	for _, dropped := range []string{"Date", "Transfer-Encoding"} {
		if got := e.Header.Get(dropped); got != "" {
			t.Errorf("%s = %q, want it dropped", dropped, got)
		}
	}
	if es[1].Status != 410 || es[1].File != "-" || len(es[1].Body) != 0 || es[1].Line != 5 {
		t.Errorf("entry 1 = %+v", es[1])
	}
}
