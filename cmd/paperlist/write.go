package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/output"
)

// writeSet writes the dataset in each format, volatile.json and the report
// into dir as one set (see output.Dir), and returns the report. With suffix
// ".new" (the coverage guard kept the previous dataset) the dataset's files
// are named papers.new.* and the previous ones stay; without it, the .new
// files of an earlier guarded run are removed in the same switch. The
// report is built after the dataset's files are written (in parallel), from
// the snapshot the JSON writer collected (so no record is encoded twice).
func writeSet(dir *output.Dir, suffix string, formats []output.Format, ds output.Dataset, in output.ReportInput) (output.Report, error) {
	var files []output.File
	var remove []string
	for _, f := range formats {
		if f.Name == "json" {
			ds.Snapshot = output.NewSnapshot()
		}
	}
	for _, f := range append(formats, output.VolatileFormat) {
		name := f.File(ds)
		ext := filepath.Ext(name)
		base := strings.TrimSuffix(name, ext)
		if suffix == "" {
			remove = append(remove, base+".new"+ext)
		}
		files = append(files, output.File{Name: base + suffix + ext, Write: func(w io.Writer) error { return f.Write(w, ds) }})
	}
	var r output.Report
	files = append(files,
		output.File{Name: "report.json", After: true, Write: func(w io.Writer) error {
			in.Snapshot = ds.Snapshot
			r = output.NewReport(in)
			b, err := output.ReportJSON(r)
			if err != nil {
				return fmt.Errorf("encode report.json: %w", err)
			}
			_, err = w.Write(b)
			return err
		}},
		output.File{Name: "report.md", After: true, Write: func(w io.Writer) error { _, err := w.Write(output.ReportMarkdown(r)); return err }})
	return r, dir.Replace(files, remove)
}

// previous is the dataset a run replaces, as loadPrevious read it.
type previous struct {
	snap *output.Snapshot
	err  error
}

// readPrevious reads the previous dataset in the background.
func readPrevious(dir string) <-chan previous {
	c := make(chan previous, 1)
	go func() {
		s, err := loadPrevious(dir)
		c <- previous{s, err}
	}()
	return c
}

// loadPrevious summarizes the dataset a run is about to replace: nil and
// no error when there is none, an error when papers.json is there but
// cannot be read (the coverage guard must not then wave the new one in).
func loadPrevious(dir string) (*output.Snapshot, error) {
	f, err := os.Open(filepath.Join(dir, "papers.json"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return output.ReadSnapshot(f)
}

// notRefreshed is the error line of a record kept from the previous
// dataset because the run was interrupted before the entry was finished.
const notRefreshed = "not refreshed: interrupted; the previous record is kept"

// keepPrevious puts back, for each entry the run was interrupted before
// finishing, its record from the previous dataset in dir (same id, same
// link and list title), marked as not refreshed: an interrupted entry is
// never replaced by an emptier record. It returns how many it kept.
func keepPrevious(dir string, papers []paperlist.Paper) (int, error) {
	ids := map[string]bool{}
	for i := range papers {
		if papers[i].Interrupted {
			ids[papers[i].ID] = true
		}
	}
	if len(ids) == 0 {
		return 0, nil
	}
	f, err := os.Open(filepath.Join(dir, "papers.json"))
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	defer f.Close()
	prev, err := output.ReadRecords(bufio.NewReader(f), ids)
	if err != nil {
		return 0, err
	}
	vol := map[string]paperlist.Volatile{}
	if data, err := os.ReadFile(filepath.Join(dir, "volatile.json")); err == nil {
		if m, err := output.ReadVolatile(bytes.NewReader(data)); err == nil {
			vol = m
		}
	}
	kept := 0
	for i := range papers {
		p := &papers[i]
		old, ok := prev[p.ID]
		if !p.Interrupted || !ok || old.Link != p.Link || old.ListTitle != p.ListTitle {
			continue
		}
		// The list's own fields are today's; the rest is the previous run's.
		old.TakeListed(p.Listed)
		old.Errors = append(old.Errors, notRefreshed)
		if v, ok := vol[p.ID]; ok {
			old.Volatile = &v
		}
		old.Interrupted = true
		*p = old
		kept++
	}
	return kept, nil
}
