package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/output"
	"github.com/paperlist/paperlist/readinglist"
)

// maxListSize bounds the list file read into memory.
const maxListSize = 64 << 20

// readList reads and parses a list file; warnings go to stderr with the
// file name and line. It also returns the file's bytes (for the Markdown
// write-back). Lines that paperlist itself added to an enriched copy of a
// list (they end with output.MarkdownMarker) are not notes.
func readList(path string, stderr io.Writer) ([]paperlist.Entry, []byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read list: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxListSize+1))
	if err != nil {
		return nil, nil, fmt.Errorf("read list %s: %w", path, err)
	}
	if len(data) > maxListSize {
		return nil, nil, fmt.Errorf("read list %s: larger than %d MiB", path, maxListSize>>20)
	}
	res, err := readinglist.Parse(data)
	if err != nil {
		return nil, nil, fmt.Errorf("parse list %s: %w", path, err)
	}
	for _, w := range res.Warnings {
		fmt.Fprintf(stderr, "paperlist: warning: %s:%d: %s\n", path, w.Line, w.Msg)
	}
	for i := range res.Entries {
		notes := res.Entries[i].Notes[:0:0]
		for _, n := range res.Entries[i].Notes {
			if !strings.HasSuffix(strings.TrimSpace(n), output.MarkdownMarker) {
				notes = append(notes, n)
			}
		}
		res.Entries[i].Notes = notes
	}
	return res.Entries, data, nil
}

func cmdParse(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, "usage: paperlist parse LIST.md") }
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	entries, _, err := readList(fs.Arg(0), stderr)
	if err != nil {
		fmt.Fprintf(stderr, "paperlist: %v\n", err)
		return exitUsage
	}
	if entries == nil {
		entries = []paperlist.Entry{}
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(entries); err != nil {
		fmt.Fprintf(stderr, "paperlist: %v\n", err)
		return exitFailed
	}
	return exitOK
}
