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

// readList reads and parses a list file ("-": stdin); warnings go to
// stderr with the file name and line. It also returns the file's bytes (for
// the Markdown write-back). Lines that paperlist itself added to an enriched
// copy of a list (they end with output.MarkdownMarker) are not notes. A
// list without a single entry is an error: it is surely not the list meant,
// and must not replace a dataset with an empty one.
func readList(path string, stdin io.Reader, stderr io.Writer) ([]paperlist.Entry, []byte, error) {
	var r io.Reader
	if path == "-" {
		path = "stdin"
		r = stdin
		if r == nil {
			r = strings.NewReader("")
		}
	} else {
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, fmt.Errorf("read list: %w", err)
		}
		defer f.Close()
		r = f
	}
	data, err := io.ReadAll(io.LimitReader(r, maxListSize+1))
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
	if len(res.Entries) == 0 {
		return nil, nil, fmt.Errorf("list %s: no entries found", path)
	}
	return res.Entries, data, nil
}

func cmdParse(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprintln(stderr, "usage: paperlist parse LIST.md (\"-\": standard input)") }
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return exitUsage
	}
	entries, _, err := readList(fs.Arg(0), stdin, stderr)
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
