package output

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/paperlist/paperlist"
)

type failingSink struct{ n int }

func (s *failingSink) Add(*paperlist.Paper) error {
	s.n++
	if s.n == 3 {
		return errors.New("no space left on device")
	}
	return nil
}
func (s *failingSink) Close() error { return nil }

// A file of the set that fails mid-way never blocks the records (far more
// than a sink's queue here), Close names it and its cause, and an aborted
// set leaves the previous files as they were.
func TestSetWriterFailureKeepsPreviousFiles(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "papers.json"), []byte("[]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	bad := Format{Name: "bad", File: named("papers.bad"), Stream: func(io.Writer, Dataset) Sink { return &failingSink{} }}
	json, _ := formatNamed("json")
	w, err := NewSetWriter(d, []Format{json, bad}, Dataset{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 * sinkQueue {
		w.Add(&paperlist.Paper{ID: "p" + string(rune('a'+i%26)), Status: paperlist.StatusOK})
	}
	err = w.Close()
	if err == nil || !strings.Contains(err.Error(), filepath.Join(dir, "papers.bad")) || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("Close = %v, want the file and the cause", err)
	}
	w.Abort()
	if b, _ := os.ReadFile(filepath.Join(dir, "papers.json")); string(b) != "[]\n" {
		t.Errorf("papers.json after an aborted set = %q", b)
	}
	if des, _ := os.ReadDir(dir); len(des) != 1 {
		t.Errorf("the directory holds %d entries after an aborted set, want papers.json alone", len(des))
	}
}

// A guarded set is switched in as papers.new.* beside the previous files;
// the next unguarded one removes them.
func TestSetWriterGuardedNames(t *testing.T) {
	dir := t.TempDir()
	d, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	json, _ := formatNamed("json")
	for _, suffix := range []string{".new", ""} {
		w, err := NewSetWriter(d, []Format{json}, Dataset{})
		if err != nil {
			t.Fatal(err)
		}
		w.Add(&paperlist.Paper{ID: "a", Status: paperlist.StatusOK})
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if err := w.Commit(suffix, NewReport(ReportInput{Tally: w.Tally(), Snapshot: w.Snapshot()})); err != nil {
			t.Fatal(err)
		}
		_, errNew := os.Stat(filepath.Join(dir, "papers.new.json"))
		_, errJSON := os.Stat(filepath.Join(dir, "papers.json"))
		if suffix == ".new" && (errNew != nil || errJSON == nil) {
			t.Errorf("guarded: papers.new.json %v, papers.json %v", errNew, errJSON)
		}
		if suffix == "" && (errNew == nil || errJSON != nil) {
			t.Errorf("unguarded: papers.new.json %v, papers.json %v", errNew, errJSON)
		}
	}
}

// Without papers.json the set still gives the records' snapshot (for the
// report's changes and the guard), and writes only the files asked for.
func TestSetWriterSnapshotWithoutJSON(t *testing.T) {
	dir := t.TempDir()
	d, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	csvFormat, _ := formatNamed("csv")
	w, err := NewSetWriter(d, []Format{csvFormat}, Dataset{})
	if err != nil {
		t.Fatal(err)
	}
	papers := seedDataset(t)
	for i := range papers {
		w.Add(&papers[i])
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(w.Snapshot(), SnapshotOf(papers)) {
		t.Error("the set's snapshot differs from SnapshotOf")
	}
	if err := w.Commit("", NewReport(ReportInput{Tally: w.Tally(), Snapshot: w.Snapshot()})); err != nil {
		t.Fatal(err)
	}
	var names []string
	des, _ := os.ReadDir(dir)
	for _, de := range des {
		names = append(names, de.Name())
	}
	if got := strings.Join(names, ","); got != "papers.csv,report.json,report.md,volatile.json" {
		t.Errorf("files %s", got)
	}
}
