package output

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
)

// Dir is an output directory held by one run. Opening it checks that it can
// be written, locks it against other runs and finishes or cleans up what a
// killed run left; a Staging set then switches the dataset's files as one.
//
// How a set is switched: every file is written, flushed and synced into a
// staging directory inside Dir (so a full disk, a write error or a kill in
// this phase, which is the whole cost of writing, leaves every previous file
// untouched); then a commit record naming the files is synced; then each
// file is renamed over its previous version (same file system: atomic, a
// few microseconds for the whole set); then the staging directory goes. A
// run killed during the renames leaves its commit record, and the next Open
// finishes the renames before anything else, so the directory holds the
// previous set or the new one, never a mix, once no run is switching it.
// Keeping Dir itself in place (rather than swapping whole directories) keeps
// a mount point, the working directory, its permissions and any file of the
// user's in it working.
type Dir struct {
	path string
	lock *dirLock
}

// stagingPrefix starts the name of a set being written.
const stagingPrefix = ".paperlist-new-"

// commitName is the commit record in a staging directory.
const commitName = "COMMIT"

// tempFile matches the temporary files of WriteAtomic ("."+name+".tmp-"+digits).
var tempFile = regexp.MustCompile(`^\..+\.tmp-[0-9]+$`)

// errDirLocked: another run holds the directory.
var errDirLocked = errors.New("locked")

// InUseError reports an output directory another run holds.
type InUseError struct{ Path string }

func (e *InUseError) Error() string {
	return fmt.Sprintf("output directory %s is in use by another paperlist run", e.Path)
}

// OpenDir creates path if needed, checks that files can be created in it,
// takes its lock (an *InUseError when another run holds it), finishes a
// set a killed run had committed and removes the temporary files and
// uncommitted sets killed runs left. Close releases it.
func OpenDir(path string) (*Dir, error) {
	if path == "" {
		return nil, errors.New("output directory: empty path")
	}
	if err := os.MkdirAll(path, 0o755); err != nil {
		return nil, fmt.Errorf("output directory: %w", err)
	}
	lock, err := lockDir(path)
	if errors.Is(err, errDirLocked) {
		return nil, &InUseError{Path: path}
	}
	if err != nil {
		return nil, fmt.Errorf("output directory %s: %w", path, err)
	}
	d := &Dir{path: path, lock: lock}
	probe, err := os.MkdirTemp(path, stagingPrefix)
	if err == nil {
		err = os.Remove(probe)
	}
	if err == nil {
		err = d.recover()
	}
	if err != nil {
		lock.release()
		return nil, fmt.Errorf("output directory %s is not writable: %w", path, err)
	}
	return d, nil
}

// Path is the directory's path.
func (d *Dir) Path() string { return d.path }

// Close releases the lock.
func (d *Dir) Close() error { return d.lock.release() }

// commitRecord is what a staging directory's commit record holds.
type commitRecord struct {
	Files  []string `json:"files"`  // renamed into Dir, in this order
	Remove []string `json:"remove"` // removed from Dir after the renames
}

// Staging is a set being written: each file goes, written, flushed and
// synced, into a staging directory inside Dir, and Commit switches them all
// in (see Dir). Files may be written from several goroutines at once, and
// each may take as long as the run: a file written record by record as the
// records come is staged from the first record to the last.
type Staging struct {
	d    *Dir
	path string

	mu    sync.Mutex
	files []string // in the order their writing started
}

// Stage starts a set.
func (d *Dir) Stage() (*Staging, error) {
	st, err := os.MkdirTemp(d.path, stagingPrefix)
	if err != nil {
		return nil, fmt.Errorf("write %s: %w", d.path, err)
	}
	return &Staging{d: d, path: st}, nil
}

// Write writes the set's file name with write. Its error names the file as
// it will be in Dir, and the cause.
func (s *Staging) Write(name string, write func(io.Writer) error) error {
	s.mu.Lock()
	s.files = append(s.files, name)
	s.mu.Unlock()
	if err := writeSynced(filepath.Join(s.path, name), write); err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // it names the staging file; the name that counts is below
		}
		return fmt.Errorf("write %s: %w", filepath.Join(s.d.path, name), err)
	}
	return nil
}

// Rename renames a written file of the set (papers.json to papers.new.json
// when the coverage guard keeps the previous dataset).
func (s *Staging) Rename(from, to string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, f := range s.files {
		if f == from {
			if err := os.Rename(filepath.Join(s.path, from), filepath.Join(s.path, to)); err != nil {
				return fmt.Errorf("write %s: %w", filepath.Join(s.d.path, to), err)
			}
			s.files[i] = to
			return nil
		}
	}
	return fmt.Errorf("write %s: %s is not in the set", filepath.Join(s.d.path, to), from)
}

// Commit switches the written files in, replacing their previous versions,
// and removes the files named in remove.
func (s *Staging) Commit(remove []string) error {
	s.mu.Lock()
	rec := commitRecord{Files: append([]string(nil), s.files...), Remove: remove}
	s.mu.Unlock()
	data, err := json.Marshal(rec)
	if err == nil {
		err = writeSynced(filepath.Join(s.path, commitName), func(w io.Writer) error { _, err := w.Write(data); return err })
	}
	if err == nil {
		err = syncDir(s.path)
	}
	if err != nil {
		s.Abort()
		return fmt.Errorf("write %s: commit: %w", s.d.path, err)
	}
	return s.d.switchSet(s.path, rec)
}

// Abort drops the set: every previous file stays as it was.
func (s *Staging) Abort() { os.RemoveAll(s.path) }

// switchSet renames a committed set into place and removes its staging
// directory.
func (d *Dir) switchSet(st string, rec commitRecord) error {
	for _, name := range rec.Files {
		err := os.Rename(filepath.Join(st, name), filepath.Join(d.path, name))
		if err != nil && !errors.Is(err, os.ErrNotExist) { // gone: renamed before a kill
			return fmt.Errorf("switch %s: %w (the next run finishes the switch)", filepath.Join(d.path, name), err)
		}
	}
	for _, name := range rec.Remove {
		if err := os.Remove(filepath.Join(d.path, name)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("remove %s: %w", filepath.Join(d.path, name), err)
		}
	}
	if err := syncDir(d.path); err != nil {
		return fmt.Errorf("switch %s: %w", d.path, err)
	}
	return os.RemoveAll(st)
}

// recover finishes committed sets and removes uncommitted ones and stray
// temporary files. The lock is held: whoever left them is gone.
func (d *Dir) recover() error {
	des, err := os.ReadDir(d.path)
	if err != nil {
		return err
	}
	for _, de := range des {
		name := de.Name()
		p := filepath.Join(d.path, name)
		switch {
		case de.IsDir() && strings.HasPrefix(name, stagingPrefix):
			data, err := os.ReadFile(filepath.Join(p, commitName))
			var rec commitRecord
			if err == nil && json.Unmarshal(data, &rec) == nil {
				if err := d.switchSet(p, rec); err != nil {
					return err
				}
				continue
			}
			if err := os.RemoveAll(p); err != nil {
				return err
			}
		case !de.IsDir() && tempFile.MatchString(name):
			if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}

// writeSynced creates path with what write writes, through a buffer, and
// syncs it to disk.
func writeSynced(path string, write func(io.Writer) error) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 64<<10)
	err = write(bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// syncDir syncs a directory, so that the renames in it survive a crash.
func syncDir(path string) error {
	d, err := os.Open(path)
	if err != nil {
		return err
	}
	err = d.Sync()
	if cerr := d.Close(); err == nil {
		err = cerr
	}
	return err
}
