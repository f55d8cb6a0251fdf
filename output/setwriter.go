package output

import (
	"io"
	"path/filepath"
	"strings"
	"sync"

	"github.com/paperlist/paperlist"
)

// SetWriter writes a run's output set as the records come: every format's
// file is staged from the first record to the last, each by its own
// goroutine through the format's sink, so that the formats written record
// by record never hold the dataset; the report is written last, and Commit
// switches the set in (see Dir). Add is called in list order, from one
// goroutine at a time.
type SetWriter struct {
	st    *Staging
	files []setFile
	tally *Tally
	snap  *Snapshot
	wg    sync.WaitGroup
	errs  []error // errs[k] is files[k]'s, set by its goroutine, read after wg.Wait
	n     int
}

// setFile is one consumer of the records: a file of the set, or the
// snapshot alone when no JSON file collects it.
type setFile struct {
	name string // as staged (papers.json, papers.csv, ...); "" writes no file
	recs chan *paperlist.Paper
}

// sinkQueue is how many records may wait for one format's writer.
const sinkQueue = 256

// NewSetWriter stages a set in dir for formats and volatile.json.
func NewSetWriter(dir *Dir, formats []Format, d Dataset) (*SetWriter, error) {
	st, err := dir.Stage()
	if err != nil {
		return nil, err
	}
	w := &SetWriter{st: st, tally: NewTally(), snap: NewSnapshot()}
	jsonOut, usesList := false, false
	for _, f := range formats {
		jsonOut = jsonOut || f.Stream != nil && f.Name == "json"
		usesList = usesList || f.UsesList
	}
	d.Papers = nil
	if !usesList {
		d.Src, d.Entries = nil, nil // not kept for the whole run when no file needs them
	}
	if jsonOut {
		d.Snapshot = w.snap
	}
	all := append(append([]Format{}, formats...), VolatileFormat)
	w.errs = make([]error, len(all)+1)
	for _, f := range all {
		w.consume(f.File(d), func(out io.Writer) Sink { return f.Open(out, d) })
	}
	if !jsonOut {
		w.consume("", func(io.Writer) Sink { return w.snap.sink() })
	}
	return w, nil
}

// consume starts the goroutine that writes the set's file name (none when
// name is "") through the sink open returns, from the records Add sends.
func (w *SetWriter) consume(name string, open func(io.Writer) Sink) {
	k := len(w.files)
	sf := setFile{name: name, recs: make(chan *paperlist.Paper, sinkQueue)}
	w.files = append(w.files, sf)
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		write := func(out io.Writer) error {
			s := open(out)
			var err error
			for p := range sf.recs {
				if err == nil {
					err = s.Add(p)
				} // after a failure the records are drained, never written
			}
			if err != nil {
				return err
			}
			return s.Close()
		}
		if name == "" {
			w.errs[k] = write(io.Discard)
		} else {
			w.errs[k] = w.st.Write(name, write)
		}
		for range sf.recs { // a file that could not even be created
		}
	}()
}

// Add hands one record to every file of the set. The record must not be
// changed afterwards.
func (w *SetWriter) Add(p *paperlist.Paper) {
	w.n++
	w.tally.Add(p)
	for _, f := range w.files {
		f.recs <- p
	}
}

// Close finishes every file and returns the first failure in the formats'
// order (the file's name in the output directory and the cause); then
// Commit or Abort.
func (w *SetWriter) Close() error {
	for _, f := range w.files {
		close(f.recs)
	}
	w.wg.Wait()
	for _, err := range w.errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// Records is how many records were added.
func (w *SetWriter) Records() int { return w.n }

// Tally is what the records added so far count.
func (w *SetWriter) Tally() *Tally { return w.tally }

// Snapshot is the snapshot of the records added (complete after Close).
func (w *SetWriter) Snapshot() *Snapshot { return w.snap }

// Commit writes the report and switches the set in. With suffix ".new"
// (the coverage guard keeps the previous dataset) the dataset's files are
// named papers.new.* and the previous ones stay; without it, the .new
// files of an earlier guarded run are removed in the same switch.
func (w *SetWriter) Commit(suffix string, r Report) error {
	var remove []string
	for _, f := range w.files {
		if f.name == "" {
			continue
		}
		ext := filepath.Ext(f.name)
		base := strings.TrimSuffix(f.name, ext)
		if suffix == "" {
			remove = append(remove, base+".new"+ext)
			continue
		}
		if err := w.st.Rename(f.name, base+suffix+ext); err != nil {
			w.st.Abort()
			return err
		}
	}
	report, err := ReportJSON(r)
	if err == nil {
		err = w.st.Write("report.json", func(out io.Writer) error { _, err := out.Write(report); return err })
	}
	if err == nil {
		err = w.st.Write("report.md", func(out io.Writer) error { _, err := out.Write(ReportMarkdown(r)); return err })
	}
	if err != nil {
		w.st.Abort()
		return err
	}
	return w.st.Commit(remove)
}

// Abort drops the set: every previous file stays as it was.
func (w *SetWriter) Abort() { w.st.Abort() }
