package main

import (
	"bufio"
	"bytes"
	"errors"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/output"
)

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

// keeper puts back, for each entry the run was interrupted before
// finishing, its record from the previous dataset in dir (same id, same
// link and list title), marked as not refreshed: an interrupted entry is
// never replaced by an emptier record. The previous records are read on
// the first interrupted entry, so an uninterrupted run never reads them.
type keeper struct {
	dir  string
	log  *slog.Logger
	read bool
	prev map[string]paperlist.Paper
	vol  map[string]paperlist.Volatile
	kept int
}

func newKeeper(dir string, log *slog.Logger) *keeper { return &keeper{dir: dir, log: log} }

// restore replaces p, an interrupted entry's record, with its previous
// record when there is one.
func (k *keeper) restore(p *paperlist.Paper) {
	if !k.read {
		k.read = true
		var err error
		if k.prev, err = readRecords(k.dir); err != nil {
			k.log.Warn("cannot read the previous dataset; interrupted entries are written as they stand", "dir", k.dir, "err", err)
		}
		k.vol = map[string]paperlist.Volatile{}
		if data, err := os.ReadFile(filepath.Join(k.dir, "volatile.json")); err == nil {
			if m, err := output.ReadVolatile(bytes.NewReader(data)); err == nil {
				k.vol = m
			}
		}
	}
	old, ok := k.prev[p.ID]
	if !ok || old.Link != p.Link || old.ListTitle != p.ListTitle {
		return
	}
	// The list's own fields are today's; the rest is the previous run's.
	old.TakeListed(p.Listed)
	old.Errors = append(append([]string{}, old.Errors...), notRefreshed)
	if v, ok := k.vol[p.ID]; ok {
		old.Volatile = &v
	}
	old.Interrupted = true
	*p = old
	k.kept++
}

// readRecords reads every record of the papers.json in dir (none when
// there is no papers.json).
func readRecords(dir string) (map[string]paperlist.Paper, error) {
	f, err := os.Open(filepath.Join(dir, "papers.json"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return output.ReadRecords(bufio.NewReader(f), nil)
}
