package output

import (
	"encoding/csv"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/paperlist/paperlist"
)

// Dataset is what a run hands the writers: the records, and the list they
// came from (the Markdown write-back rewrites the list itself).
type Dataset struct {
	Papers   []paperlist.Paper
	Entries  []paperlist.Entry
	Src      []byte // the list's bytes
	ListName string // the list's file name ("reading-list.md"); "stdin" when read from standard input
	BibNotes bool   // put the list's notes into BibTeX's note field
	// Snapshot, when not nil, is filled by the JSON writer with the
	// snapshot of the records it writes, so that the report and the next
	// run need not encode or decode them again.
	Snapshot *Snapshot
}

// Format is one output format: the file it is written to in the output
// directory, and its writer. Ready, when set, says whether this binary can
// write the format at all, so that a run that cannot is refused before its
// first request rather than after its last.
//
// Stream, when set, writes the format record by record (see Sink and
// Format.Open); Write is then the same writer over a whole dataset.
type Format struct {
	Name   string
	File   func(Dataset) string
	Write  func(io.Writer, Dataset) error
	Stream func(io.Writer, Dataset) Sink
	Ready  func() error
	// UsesList: the format reads the list itself (Dataset.Src, Entries),
	// which a run otherwise lets go of.
	UsesList bool
}

// named is a Format's File for a fixed name.
func named(name string) func(Dataset) string { return func(Dataset) string { return name } }

// Formats are the formats --format names, in the order their files are
// written. A new format is one writer and one line here.
var Formats = []Format{
	{Name: "json", File: named("papers.json"), Write: func(w io.Writer, d Dataset) error { return writeAllTo(&jsonSink{w: w, snap: d.Snapshot}, d.Papers) },
		Stream: func(w io.Writer, d Dataset) Sink { return &jsonSink{w: w, snap: d.Snapshot} }},
	{Name: "jsonl", File: named("papers.jsonl"), Write: func(w io.Writer, d Dataset) error { return WriteJSONL(w, d.Papers) },
		Stream: func(w io.Writer, d Dataset) Sink { return newJSONLSink(w) }},
	{Name: "csv", File: named("papers.csv"), Write: func(w io.Writer, d Dataset) error { return WriteCSV(w, d.Papers) },
		Stream: func(w io.Writer, d Dataset) Sink { return &csvSink{w: csv.NewWriter(w)} }},
	{Name: "bibtex", File: named("papers.bib"), Write: func(w io.Writer, d Dataset) error {
		return WriteBibTeX(w, d.Papers, BibOptions{Notes: d.BibNotes})
	}},
	{Name: "markdown", File: func(d Dataset) string {
		return strings.TrimSuffix(d.ListName, filepath.Ext(d.ListName)) + ".enriched.md"
	}, Write: func(w io.Writer, d Dataset) error { return WriteMarkdown(w, d.Src, d.Entries, d.Papers) }, UsesList: true},
	{Name: "csljson", File: named("papers.csl.json"), Write: func(w io.Writer, d Dataset) error {
		return WriteCSLJSON(w, d.Papers, BibOptions{Notes: d.BibNotes})
	}},
	{Name: "sqlite", File: named("papers.db"), Write: func(w io.Writer, d Dataset) error { return WriteSQLite(w, d.Papers) },
		Ready: func() error { return WriteSQLite(io.Discard, nil) }}, // an empty database needs FTS5 too
	{Name: "html", File: named("index.html"), Write: func(w io.Writer, d Dataset) error {
		return WriteHTML(w, d.Papers, HTMLOptions{Title: d.ListName})
	}},
}

// VolatileFormat is volatile.json, written beside every dataset.
var VolatileFormat = Format{Name: "volatile", File: named("volatile.json"), Write: func(w io.Writer, d Dataset) error { return WriteVolatile(w, d.Papers) },
	Stream: func(w io.Writer, d Dataset) Sink { return newVolatileSink(w) }}

// LookupFormats finds each comma-separated name of list in Formats,
// ignoring case, blanks and repeats, and checks that each is Ready.
func LookupFormats(list string) ([]Format, error) {
	var out []Format
	seen := map[string]bool{}
	for _, name := range strings.Split(list, ",") {
		name = strings.TrimSpace(strings.ToLower(name))
		if name == "" || seen[name] {
			continue
		}
		f, ok := formatNamed(name)
		if !ok {
			return nil, fmt.Errorf("unknown format %q (want %s)", name, FormatNames())
		}
		if f.Ready != nil {
			if err := f.Ready(); err != nil {
				return nil, fmt.Errorf("--format %s: %w", name, err)
			}
		}
		seen[name] = true
		out = append(out, f)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("--format names no format (want %s)", FormatNames())
	}
	return out, nil
}

func formatNamed(name string) (Format, bool) {
	for _, f := range Formats {
		if f.Name == name {
			return f, true
		}
	}
	return Format{}, false
}

// FormatNames lists the formats' names: "json, jsonl, … or markdown".
func FormatNames() string {
	names := make([]string, len(Formats))
	for i, f := range Formats {
		names[i] = f.Name
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
}
