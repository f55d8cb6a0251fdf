package replay

import (
	"bufio"
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// ManifestName is the name of the manifest file inside an archive directory.
const ManifestName = "manifest.tsv"

// Entry is one recorded answer, as a manifest line describes it.
type Entry struct {
	URL         string      // the request URL as written in the manifest
	Status      int         // the HTTP status to answer with
	File        string      // body file, relative to the archive directory ("-" for none)
	HeadersFile string      // optional headers file, relative to the archive directory
	Line        int         // 1-based manifest line
	Header      http.Header // headers from HeadersFile (hop-by-hop, Content-Length and Date removed)
	Body        []byte      // the bytes of File

	key matchKey
}

// parseManifest reads a manifest. Each non-blank line that does not start
// with '#' is
//
//	URL<TAB>status<TAB>file[<TAB>headers-file]
//
// URL is an absolute http(s) URL, status a number from 100 to 599, file and
// headers-file are slash-separated paths relative to dir that may not leave
// it; file "-" means an empty body. Every error names the manifest line.
// Files are read eagerly, so a missing file is a load error.
func parseManifest(dir string, data []byte) ([]*Entry, error) {
	var entries []*Entry
	seen := make(map[string]int) // canonical key -> line
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(strings.TrimSpace(line), "#") {
			continue
		}
		e, err := parseEntry(dir, line)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", ManifestName, n, err)
		}
		e.Line = n
		c := e.key.canonical()
		if first, dup := seen[c]; dup {
			return nil, fmt.Errorf("%s:%d: %s duplicates the request of line %d", ManifestName, n, e.URL, first)
		}
		seen[c] = n
		entries = append(entries, e)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", ManifestName, err)
	}
	return entries, nil
}

// parseEntry parses one manifest line (without its line number).
func parseEntry(dir, line string) (*Entry, error) {
	fields := strings.Split(line, "\t")
	if len(fields) < 3 || len(fields) > 4 {
		return nil, fmt.Errorf("want 3 or 4 tab-separated fields (URL, status, file[, headers-file]), got %d", len(fields))
	}
	for i := range fields {
		fields[i] = strings.TrimSpace(fields[i])
	}
	e := &Entry{URL: fields[0], File: fields[2]}
	u, err := url.Parse(e.URL)
	if err != nil {
		return nil, fmt.Errorf("bad URL: %w", err)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Hostname() == "" {
		return nil, fmt.Errorf("URL %q is not an absolute http(s) URL", e.URL)
	}
	e.key = keyOf(u)

	e.Status, err = strconv.Atoi(fields[1])
	if err != nil || e.Status < 100 || e.Status > 599 {
		return nil, fmt.Errorf("%s: bad status %q", e.URL, fields[1])
	}
	if e.File != "-" {
		if e.Body, err = readLocal(dir, e.File); err != nil {
			return nil, fmt.Errorf("%s: body: %w", e.URL, err)
		}
	}
	e.Header = make(http.Header)
	if len(fields) == 4 && fields[3] != "" {
		e.HeadersFile = fields[3]
		data, err := readLocal(dir, e.HeadersFile)
		if err != nil {
			return nil, fmt.Errorf("%s: headers: %w", e.URL, err)
		}
		status, h, err := parseHeaders(data)
		if err != nil {
			return nil, fmt.Errorf("%s: headers file %s: %w", e.URL, e.HeadersFile, err)
		}
		if status != e.Status {
			return nil, fmt.Errorf("%s: status %d disagrees with %d in headers file %s", e.URL, e.Status, status, e.HeadersFile)
		}
		e.Header = h
	}
	return e, nil
}

// readLocal reads a slash-separated path that must stay inside dir.
func readLocal(dir, name string) ([]byte, error) {
	p := filepath.FromSlash(name)
	if !filepath.IsLocal(p) {
		return nil, fmt.Errorf("path %q leaves the archive directory", name)
	}
	data, err := os.ReadFile(filepath.Join(dir, p))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	return data, nil
}
