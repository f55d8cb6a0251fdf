package output

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// files returns the names and contents of the files in dir.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, de := range des {
		if de.IsDir() {
			out[de.Name()+"/"] = ""
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, de.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[de.Name()] = string(b)
	}
	return out
}

// file is one file of a set in these tests.
type file struct {
	name  string
	write func(io.Writer) error
}

// replace writes files as one staged set and switches it in.
func replace(d *Dir, files []file, remove []string) error {
	st, err := d.Stage()
	if err != nil {
		return err
	}
	for _, f := range files {
		if err := st.Write(f.name, f.write); err != nil {
			st.Abort()
			return err
		}
	}
	return st.Commit(remove)
}

func set(kv ...string) []file {
	var fs []file
	for i := 0; i+1 < len(kv); i += 2 {
		fs = append(fs, file{name: kv[i], write: func(w io.Writer) error { _, err := io.WriteString(w, kv[i+1]); return err }})
	}
	return fs
}

func equal(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// A set replaces the previous one whole; a failure while writing leaves
// every previous file; other files of the directory stay.
func TestDirReplace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "out")
	d, err := OpenDir(path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	os.WriteFile(filepath.Join(path, "README.md"), []byte("mine"), 0o644)
	if err := replace(d, set("a.json", "a1", "b.csv", "b1"), nil); err != nil {
		t.Fatal(err)
	}
	if err := replace(d, set("a.new.json", "a2", "b.new.csv", "b2"), nil); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"README.md": "mine", "a.json": "a1", "b.csv": "b1", "a.new.json": "a2", "b.new.csv": "b2"}
	if got := files(t, path); !equal(got, want) {
		t.Errorf("after a guarded set: %q, want %q", got, want)
	}
	full := errors.New("no space left on device")
	bad := set("a.json", "a3")
	bad = append(bad, file{name: "b.csv", write: func(w io.Writer) error { io.WriteString(w, "b3"); return full }})
	err = replace(d, bad, []string{"a.new.json"})
	if !errors.Is(err, full) || err.Error() != "write "+filepath.Join(path, "b.csv")+": no space left on device" {
		t.Errorf("failed set: err %v", err)
	}
	if got := files(t, path); !equal(got, want) {
		t.Errorf("after a failed set: %q, want %q", got, want)
	}
	if err := replace(d, set("a.json", "a4", "b.csv", "b4"), []string{"a.new.json", "b.new.csv", "c.new.bib"}); err != nil {
		t.Fatal(err)
	}
	want = map[string]string{"README.md": "mine", "a.json": "a4", "b.csv": "b4"}
	if got := files(t, path); !equal(got, want) {
		t.Errorf("after an accepted set: %q, want %q", got, want)
	}
}

// Open finishes a set committed by a run killed during its renames, drops
// sets killed before their commit and stray temporary files, and refuses a
// directory another run holds.
func TestOpenDirRecovers(t *testing.T) {
	path := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(path, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(path, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.json", "old")
	write("b.csv", "new") // renamed before the kill
	write("a.new.json", "stale")
	write(".paperlist-new-1/a.json", "new")
	write(".paperlist-new-1/COMMIT", `{"files":["a.json","b.csv"],"remove":["a.new.json"]}`)
	write(".paperlist-new-2/a.json", "half written, never committed")
	write(".papers.bib.tmp-123456", "left by an older paperlist")
	d, err := OpenDir(path)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"a.json": "new", "b.csv": "new"}
	if got := files(t, path); !equal(got, want) {
		t.Errorf("after recovery: %q, want %q", got, want)
	}
	_, err = OpenDir(path)
	var inUse *InUseError
	if !errors.As(err, &inUse) || err.Error() != "output directory "+path+" is in use by another paperlist run" {
		t.Errorf("second OpenDir: %v", err)
	}
	d.Close()
	d2, err := OpenDir(path)
	if err != nil {
		t.Fatalf("OpenDir after Close: %v", err)
	}
	d2.Close()

	notDir := filepath.Join(path, "a.json")
	if _, err := OpenDir(notDir); err == nil {
		t.Error("OpenDir of a file succeeded")
	}
	if _, err := OpenDir(""); err == nil {
		t.Error("OpenDir of an empty path succeeded")
	}
	if got := files(t, path); !equal(got, want) {
		t.Errorf("files left: %q, want %q", got, want)
	}
}
