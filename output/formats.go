package output

import (
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
}

// Format is one output format: the file it is written to in the output
// directory, and its writer.
type Format struct {
	Name  string
	File  func(Dataset) string
	Write func(io.Writer, Dataset) error
}

// named is a Format's File for a fixed name.
func named(name string) func(Dataset) string { return func(Dataset) string { return name } }

// Formats are the formats --format names, in the order their files are
// written. A new format is one writer and one line here.
var Formats = []Format{
	{"json", named("papers.json"), func(w io.Writer, d Dataset) error { return WriteJSON(w, d.Papers) }},
	{"jsonl", named("papers.jsonl"), func(w io.Writer, d Dataset) error { return WriteJSONL(w, d.Papers) }},
	{"csv", named("papers.csv"), func(w io.Writer, d Dataset) error { return WriteCSV(w, d.Papers) }},
	{"bibtex", named("papers.bib"), func(w io.Writer, d Dataset) error {
		return WriteBibTeX(w, d.Papers, BibOptions{Notes: d.BibNotes})
	}},
	{"markdown", func(d Dataset) string {
		return strings.TrimSuffix(d.ListName, filepath.Ext(d.ListName)) + ".enriched.md"
	}, func(w io.Writer, d Dataset) error { return WriteMarkdown(w, d.Src, d.Entries, d.Papers) }},
	{"csljson", named("papers.csl.json"), func(w io.Writer, d Dataset) error {
		return WriteCSLJSON(w, d.Papers, BibOptions{Notes: d.BibNotes})
	}},
	{"sqlite", named("papers.db"), func(w io.Writer, d Dataset) error { return WriteSQLite(w, d.Papers) }},
	{"html", named("index.html"), func(w io.Writer, d Dataset) error {
		return WriteHTML(w, d.Papers, HTMLOptions{Title: d.ListName})
	}},
}

// VolatileFormat is volatile.json, written beside every dataset.
var VolatileFormat = Format{"volatile", named("volatile.json"), func(w io.Writer, d Dataset) error { return WriteVolatile(w, d.Papers) }}

// LookupFormats finds each comma-separated name of list in Formats,
// ignoring case, blanks and repeats.
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
