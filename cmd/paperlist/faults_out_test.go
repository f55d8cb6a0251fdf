package main

// Faults that must never cost the dataset already in --out: signals, an
// empty list, an output that cannot be written or fills the disk, two runs
// into one directory, absurd flags, a corrupt previous dataset, overrides
// that match nothing. Each test runs the real command and checks the exit
// code, the message and every file left in --out.

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/paperlist/paperlist"
)

// runWith runs the command in-process with stdin and env, no proxy.
func runWith(t testing.TB, stdin string, env map[string]string, args ...string) (int, string) {
	t.Helper()
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = nil
	defer tr.CloseIdleConnections()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, system{
		stdin: strings.NewReader(stdin), stdout: &stdout, stderr: &stderr,
		getenv: func(k string) string { return env[k] }, transport: tr,
	})
	return code, stderr.String()
}

// dirState is every file under dir with its bytes ("name/" for a directory).
func dirState(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || p == dir {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() {
			out[rel+"/"] = ""
			return nil
		}
		b, err := os.ReadFile(p)
		out[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatalf("read %s: %v", dir, err)
	}
	return out
}

// sameState reports how two dirStates differ, or "".
func sameState(was, now map[string]string) string {
	var diffs []string
	for k, v := range was {
		if w, ok := now[k]; !ok {
			diffs = append(diffs, k+" removed")
		} else if w != v {
			diffs = append(diffs, k+" changed")
		}
	}
	for k := range now {
		if _, ok := was[k]; !ok {
			diffs = append(diffs, k+" added")
		}
	}
	slices.Sort(diffs)
	return strings.Join(diffs, ", ")
}

// checkSet asserts that the dataset in out is one set: papers.json,
// papers.csv and (when written) papers.bib hold the same ids and statuses
// in the same order, report.json counts the same statuses, and no staging
// directory or temporary file is left. It returns the records.
func checkSet(t testing.TB, out string) []paperlist.Paper {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "papers.json"))
	if err != nil {
		t.Fatalf("papers.json: %v", err)
	}
	var ps []paperlist.Paper
	if err := json.Unmarshal(data, &ps); err != nil {
		t.Fatalf("papers.json does not parse: %v", err)
	}
	var want []string
	counts := map[string]int{}
	for _, p := range ps {
		want = append(want, p.ID+" "+string(p.Status))
		counts[string(p.Status)]++
	}
	data, err = os.ReadFile(filepath.Join(out, "papers.csv"))
	if err != nil {
		t.Fatalf("papers.csv: %v", err)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || len(rows) == 0 {
		t.Fatalf("papers.csv: %d rows, err %v", len(rows), err)
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	var got []string
	for _, r := range rows[1:] {
		got = append(got, r[col["id"]]+" "+r[col["status"]])
	}
	if !slices.Equal(got, want) {
		t.Errorf("papers.csv ids and statuses %q, papers.json %q", got, want)
	}
	if bib, err := os.ReadFile(filepath.Join(out, "papers.bib")); err == nil {
		if n := bytes.Count(bib, []byte("\n@")); n != len(ps) {
			t.Errorf("papers.bib has %d entries, papers.json %d", n, len(ps))
		}
	}
	var rep struct {
		Total  int            `json:"total"`
		Counts map[string]int `json:"counts"`
	}
	data, err = os.ReadFile(filepath.Join(out, "report.json"))
	if err != nil || json.Unmarshal(data, &rep) != nil {
		t.Fatalf("report.json: %v", err)
	}
	if rep.Total != len(ps) || !reflect.DeepEqual(rep.Counts, counts) {
		t.Errorf("report.json counts %v (total %d), papers.json %v (total %d)", rep.Counts, rep.Total, counts, len(ps))
	}
	for name := range dirState(t, out) {
		if strings.HasPrefix(name, ".") {
			t.Errorf("left in %s: %s", out, name)
		}
	}
	return ps
}

// firstRun writes a list of n pages of s ("Name Paper name-NN") and makes
// the complete dataset the tests then try to lose.
func firstRun(t *testing.T, s *site, dir, out, name string, n int, args []string) ([]listEntry, string) {
	t.Helper()
	var entries []listEntry
	for i := range n {
		slug := fmt.Sprintf("%s-%02d", name, i)
		entries = append(entries, listEntry{title: strings.ToUpper(name[:1]) + name[1:] + " Paper " + slug, link: s.URL("/paper/" + slug)})
	}
	list := writeList(t, filepath.Join(dir, "list.md"), entries)
	if code := startPaperlist(t, dir, out, list, args...).wait(t, 30*time.Second); code != exitOK {
		t.Fatalf("first run: exit %d", code)
	}
	checkSet(t, out)
	return entries, list
}

// TestInterruptedEntriesKeepTheirRecord: a run with --max-age 0 over a
// complete dataset is stopped by SIGTERM while pages are on the wire. The
// entries it finished are refreshed; every other entry keeps its previous
// record, fields and status, with one more error line saying it was not
// refreshed; an entry new to the list, with no previous record, is an
// error "interrupted". Exit 130, and every format agrees.
func TestInterruptedEntriesKeepTheirRecord(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	s := newSite(t)
	args := append([]string{"--format", "json,csv,bibtex"}, rateArgs(100, s)...)
	entries, list := firstRun(t, s, dir, out, "keep", 8, args)
	prevJSON, _ := os.ReadFile(filepath.Join(out, "papers.json"))
	var prev []paperlist.Paper
	json.Unmarshal(prevJSON, &prev)

	var mu sync.Mutex
	served := map[string]bool{}
	stuck := make(chan string, 64)
	s.setPages(func(w http.ResponseWriter, r *http.Request, slug string) {
		mu.Lock()
		// Two of the old entries are refreshed; the new one never is (up
		// to 20 requests may be in flight at once, so any could come first).
		serve := len(served) < 2 && slug != "new-one"
		if serve {
			served[slug] = true
		}
		mu.Unlock()
		if serve {
			servePaper(w, slug)
			return
		}
		stuck <- slug
		<-r.Context().Done()
	})
	entries = append(entries, listEntry{title: "Keep Paper new-one", link: s.URL("/paper/new-one")})
	writeList(t, list, entries)
	p := startPaperlist(t, dir, out, list, append(args, "--max-age", "0")...)
	receive(t, stuck, 1, 20*time.Second)
	p.cmd.Process.Signal(syscall.SIGTERM)
	if code := p.wait(t, 10*time.Second); code != exitInterrupted {
		t.Fatalf("exit %d, want %d; stderr:\n%s", code, exitInterrupted, p.stderr.String())
	}
	if !strings.Contains(p.stderr.String(), "keep their previous record") {
		t.Errorf("stderr does not say records were kept:\n%s", p.stderr.String())
	}
	ps := checkSet(t, out)
	if len(ps) != 9 {
		t.Fatalf("%d records, want 9", len(ps))
	}
	kept := 0
	for i, paper := range ps[:8] {
		slug := strings.TrimPrefix(paper.ListTitle, "Keep Paper ")
		mu.Lock()
		refreshed := served[slug]
		mu.Unlock()
		if refreshed {
			checkPaperOK(t, paper, s, slug, s.URL("/paper/"+slug))
			if slices.Contains(paper.Errors, notRefreshed) {
				t.Errorf("%s was refreshed but says %q", slug, notRefreshed)
			}
			continue
		}
		kept++
		n := len(paper.Errors)
		if n == 0 || paper.Errors[n-1] != notRefreshed {
			t.Errorf("%s: errors %q, want the previous ones and %q", slug, paper.Errors, notRefreshed)
			continue
		}
		paper.Errors = paper.Errors[:n-1]
		if !reflect.DeepEqual(paper, prev[i]) {
			t.Errorf("%s: the kept record differs from the previous one:\n%+v\n%+v", slug, paper, prev[i])
		}
	}
	if kept == 0 {
		t.Error("no entry was interrupted")
	}
	if n := ps[8]; n.Status != paperlist.StatusError || !strings.Contains(strings.Join(n.Errors, " "), "interrupted") || slices.Contains(n.Errors, notRefreshed) {
		t.Errorf("the new entry: status %q errors %q, want error \"interrupted\"", n.Status, n.Errors)
	}
	t.Logf("refreshed %d, kept %d previous records, 1 new entry interrupted", 8-kept, kept)
}

// TestEmptyListTouchesNothing: a file with no entries is exit 2, says so,
// and leaves every file in --out as it was; "-" reads the list from stdin.
func TestEmptyListTouchesNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	s := newSite(t)
	list := writeList(t, filepath.Join(dir, "list.md"), []listEntry{{title: "Stdin Paper", link: s.URL("/paper/stdin-paper")}})
	src, _ := os.ReadFile(list)
	base := append([]string{"enrich", "--cache", filepath.Join(dir, "cache.sqlite"), "--out", out, "--allow-private-hosts", "--format", "json,csv,markdown"}, rateArgs(100, s)...)
	if code, stderr := runWith(t, string(src), nil, append(base, "-")...); code != exitOK {
		t.Fatalf("list on stdin: exit %d; stderr:\n%s", code, stderr)
	}
	ps := checkSet(t, out)
	if len(ps) != 1 {
		t.Fatalf("list on stdin: %d records", len(ps))
	}
	checkPaperOK(t, ps[0], s, "stdin-paper", s.URL("/paper/stdin-paper"))
	if _, err := os.Stat(filepath.Join(out, "stdin.enriched.md")); err != nil {
		t.Errorf("the Markdown write-back of a list on stdin: %v", err)
	}

	before := dirState(t, out)
	hello := filepath.Join(dir, "hello.md")
	os.WriteFile(hello, []byte("hello world\n"), 0o644)
	for _, tt := range []struct{ name, stdin, list string }{{"file", "", hello}, {"stdin", "hello world\n", "-"}} {
		code, stderr := runWith(t, tt.stdin, nil, append(base, tt.list)...)
		if code != exitUsage || !strings.Contains(stderr, "no entries found") || !strings.Contains(stderr, "nothing in "+out+" was changed") {
			t.Errorf("%s: exit %d, want %d saying no entries and nothing changed; stderr:\n%s", tt.name, code, exitUsage, stderr)
		}
		if d := sameState(before, dirState(t, out)); d != "" {
			t.Errorf("%s: a list with no entries changed --out: %s", tt.name, d)
		}
	}
}

// readOnlyDir is a directory nobody may write, even root (a read-only
// tmpfs); skipped where it cannot be made.
func readOnlyDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if os.Geteuid() != 0 {
		os.Chmod(dir, 0o555)
		t.Cleanup(func() { os.Chmod(dir, 0o755) })
		return dir
	}
	mountTmpfs(t, dir, "ro,size=64k")
	return dir
}

// mountTmpfs mounts a tmpfs on dir for the test, or skips it.
func mountTmpfs(t *testing.T, dir, opts string) {
	t.Helper()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", opts, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs (%v: %s)", err, bytes.TrimSpace(out))
	}
	t.Cleanup(func() { exec.Command("umount", dir).Run() })
}

// TestUnwritableOutFailsFirst: an --out that is a file, empty or read-only
// is exit 2 before the first request, with a message naming --out.
func TestUnwritableOutFailsFirst(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := newSite(t)
	list := writeList(t, filepath.Join(dir, "list.md"), []listEntry{{title: "Never Fetched", link: s.URL("/paper/never")}})
	file := filepath.Join(dir, "a-file")
	os.WriteFile(file, []byte("x"), 0o644)
	tests := []struct {
		name, out, want string
	}{
		{"a file", file, "not a directory"},
		{"empty", "", "--out must name a directory"},
		{"read-only", filepath.Join(readOnlyDir(t), "out"), ""},
	}
	for _, tt := range tests {
		start := time.Now()
		code, stderr := runWith(t, "", nil, append(append([]string{"enrich", "--cache", filepath.Join(dir, "c.sqlite"), "--out", tt.out, "--allow-private-hosts"}, rateArgs(1, s)...), list)...)
		if code != exitUsage || !strings.Contains(stderr, "--out") || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: exit %d, want %d naming --out and %q; stderr:\n%s", tt.name, code, exitUsage, tt.want, stderr)
		}
		if n := len(s.requests()); n > 0 {
			t.Errorf("%s: %d requests made before failing", tt.name, n)
		}
		t.Logf("%s: exit %d after %s: %s", tt.name, code, time.Since(start).Round(time.Millisecond), strings.TrimSpace(stderr))
	}
}

// TestFullDiskKeepsThePreviousSet fills the output's file system (a small
// tmpfs, and RLIMIT_FSIZE for a child process) while a large dataset is
// written over a small one: exit 2 with the cause, and every file in --out
// is the previous one, byte for byte. With room, the next run writes the
// new set whole.
func TestFullDiskKeepsThePreviousSet(t *testing.T) {
	t.Parallel()
	for _, how := range []string{"tmpfs", "RLIMIT_FSIZE"} {
		t.Run(how, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			out := filepath.Join(dir, "out")
			limit := 0
			if how == "tmpfs" {
				mnt := filepath.Join(dir, "mnt")
				os.Mkdir(mnt, 0o755)
				mountTmpfs(t, mnt, "size=256k")
				out = filepath.Join(mnt, "out")
			}
			s := newSite(t)
			args := append([]string{"--format", "json,csv,bibtex,markdown"}, rateArgs(100, s)...)
			small, list := firstRun(t, s, dir, out, "disk", 3, args)
			var large []listEntry
			checkSet(t, out)
			before := dirState(t, out)
			if how == "RLIMIT_FSIZE" {
				// Above the cache's files, below the new papers.json.
				limit = 1 << 20
				for _, name := range []string{"cache.sqlite", "cache.sqlite-wal"} {
					if fi, err := os.Stat(filepath.Join(dir, name)); err == nil {
						limit = max(limit, 2*int(fi.Size()))
					}
				}
			}
			// Notes make the dataset far larger than the room left.
			note := strings.Repeat("n", 500)
			notes := max(1024, 2*limit/len(note)/len(small)) // per entry
			for _, e := range small {
				e.notes = slices.Repeat([]string{note}, notes)
				large = append(large, e)
			}
			writeList(t, list, large)
			cmd := exec.Command(paperlistBinary(t), enrichArgs(dir, out, list, args...)...)
			if how == "RLIMIT_FSIZE" {
				cmd = exec.Command("prlimit", append([]string{fmt.Sprintf("--fsize=%d", limit), "--", paperlistBinary(t)}, enrichArgs(dir, out, list, args...)...)...)
			}
			p := startProc(t, dir, cmd)
			code := p.wait(t, 60*time.Second)
			stderr := p.stderr.String()
			cause := map[string]string{"tmpfs": "no space left on device", "RLIMIT_FSIZE": "file too large"}[how]
			if code != exitUsage || !strings.Contains(stderr, cause) || !strings.Contains(stderr, "the previous files in "+out+" are kept") {
				t.Errorf("exit %d, want %d saying %q and that the previous files are kept; stderr:\n%s", code, exitUsage, cause, stderr)
			}
			if d := sameState(before, dirState(t, out)); d != "" {
				t.Errorf("a failed write changed --out: %s", d)
			}
			t.Logf("%s: %s", how, lastLine(stderr))
			if how == "tmpfs" {
				return // no room for the large set at all
			}
			if code := startPaperlist(t, dir, out, list, args...).wait(t, 60*time.Second); code != exitOK {
				t.Fatalf("run with room: exit %d", code)
			}
			for _, p := range checkSet(t, out) {
				if len(p.Notes) != notes || p.Status != paperlist.StatusOK {
					t.Errorf("%s: %d notes, status %s, want the new set", p.ID, len(p.Notes), p.Status)
				}
			}
		})
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// TestTwoRunsOneOut: a second run into an --out another run is writing
// (with another cache) exits 2 naming it, before any request, and the
// first run's set is whole. Files a killed run left are cleaned up.
func TestTwoRunsOneOut(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	os.MkdirAll(filepath.Join(out, ".paperlist-new-123"), 0o755)
	os.WriteFile(filepath.Join(out, ".paperlist-new-123", "papers.json"), []byte("[half"), 0o644)
	os.WriteFile(filepath.Join(out, ".papers.bib.tmp-42"), []byte("@misc{half"), 0o644)
	s := newSite(t)
	release, arrived := make(chan struct{}), make(chan string, 8)
	s.setPages(heldPages(release, arrived))
	list := writeList(t, filepath.Join(dir, "list.md"), []listEntry{
		{title: "Out One", link: s.URL("/paper/out-one")},
		{title: "Out Two", link: s.URL("/paper/out-two")},
	})
	args := append([]string{"--format", "json,csv,bibtex"}, rateArgs(100, s)...)
	first := startPaperlist(t, dir, out, list, args...)
	receive(t, arrived, 2, 20*time.Second) // both pages are on the wire
	n := len(s.requests())

	other := filepath.Join(dir, "other")
	os.Mkdir(other, 0o755)
	second := startPaperlist(t, other, out, list, args...)
	code := second.wait(t, 10*time.Second)
	if want := "output directory " + out + " is in use by another paperlist run"; code != exitUsage || !strings.Contains(second.stderr.String(), want) {
		t.Errorf("second run: exit %d, want %d saying %q; stderr:\n%s", code, exitUsage, want, second.stderr.String())
	}
	if m := len(s.requests()); m != n {
		t.Errorf("the refused run made %d requests", m-n)
	}
	close(release)
	if code := first.wait(t, 20*time.Second); code != exitOK {
		t.Fatalf("first run: exit %d; stderr:\n%s", code, first.stderr.String())
	}
	ps := checkSet(t, out) // also: nothing left of the killed run
	checkPaperOK(t, ps[0], s, "out-one", s.URL("/paper/out-one"))
	checkPaperOK(t, ps[1], s, "out-two", s.URL("/paper/out-two"))
}

// TestAbsurdFlags: values that would hang, blow up or mislead a run are
// exit 2 before any request, naming the flag; a huge --workers is capped
// and said; --max-duration refuses a run whose plan needs longer.
func TestAbsurdFlags(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := newSite(t)
	list := writeList(t, filepath.Join(dir, "list.md"), []listEntry{{title: "Flag Paper", link: s.URL("/paper/flag-paper")}})
	tests := []struct {
		name string
		env  map[string]string
		args []string
		want string
	}{
		{"negative workers", nil, []string{"--workers", "-5"}, "--workers must be 0 (automatic) or a positive number, got -5"},
		{"zero timeout", nil, []string{"--timeout", "0"}, "--timeout must be positive, got 0s"},
		{"negative guard", nil, []string{"--coverage-guard", "-1"}, "--coverage-guard must be a fraction from 0 to 1"},
		{"guard over 1", nil, []string{"--coverage-guard", "2"}, "--coverage-guard must be a fraction from 0 to 1"},
		{"NaN guard", nil, []string{"--coverage-guard", "NaN"}, "got NaN"},
		{"NaN rate", nil, []string{"--rate", s.host + "=NaN"}, "-rate: rate for " + s.host + " must be a positive number"},
		{"Inf rate", nil, []string{"--rate", s.host + "=Inf"}, "-rate: rate for " + s.host + " must be a positive number"},
		{"zero rate", nil, []string{"--rate", s.host + "=0"}, "-rate: rate for " + s.host + " must be a positive number"},
		{"CRLF in --mailto", nil, []string{"--mailto", "a@example.org\r\nX-Evil: 1"}, `--mailto (or PAPERLIST_MAILTO) holds the control character "\r" at byte 13`},
		{"LF in PAPERLIST_MAILTO", map[string]string{"PAPERLIST_MAILTO": "a@example.org\nb"}, nil, `control character "\n"`},
		{"plan over --max-duration", nil, []string{"--rate", s.host + "=0.001", "--max-duration", "10m"}, "--max-duration 10m0s: the plan needs at least"},
	}
	for _, tt := range tests {
		out := filepath.Join(dir, "out-"+strings.ReplaceAll(tt.name, " ", "-"))
		args := append([]string{"enrich", "--cache", filepath.Join(dir, "c.sqlite"), "--out", out, "--allow-private-hosts"}, tt.args...)
		code, stderr := runWith(t, "", tt.env, append(args, list)...)
		if code != exitUsage || !strings.Contains(stderr, tt.want) {
			t.Errorf("%s: exit %d, want %d saying %q; stderr:\n%s", tt.name, code, exitUsage, tt.want, stderr)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: --out was created", tt.name)
		}
	}
	if n := len(s.requests()); n > 0 {
		t.Errorf("refused runs made %d requests", n)
	}
	// Accepted, with a word: a huge --workers, a plan that may (but need
	// not) exceed --max-duration.
	out := filepath.Join(dir, "out")
	args := append([]string{"enrich", "--cache", filepath.Join(dir, "c.sqlite"), "--out", out, "--allow-private-hosts", "--workers", "99999999", "--max-duration", "1h"}, rateArgs(100, s)...)
	code, stderr := runWith(t, "", nil, append(args, list)...)
	if code != exitOK || !strings.Contains(stderr, "--workers 99999999 is more than 256; using 256") {
		t.Errorf("huge --workers: exit %d, want 0 and a note that it is capped; stderr:\n%s", code, stderr)
	}
	checkPaperOK(t, checkSet(t, out)[0], s, "flag-paper", s.URL("/paper/flag-paper"))
}

// TestCorruptPreviousDatasetIsKept: a papers.json that cannot be read does
// not turn the coverage guard off: it is kept, the new dataset goes beside
// it as papers.new.*, exit 1 with a message naming the problem; with
// --coverage-guard 0 the new dataset replaces it.
func TestCorruptPreviousDatasetIsKept(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	os.MkdirAll(out, 0o755)
	corrupt := `[{"id": "osdi2023-corrupt", "title": "trunc`
	os.WriteFile(filepath.Join(out, "papers.json"), []byte(corrupt), 0o644)
	s := newSite(t)
	list := writeList(t, filepath.Join(dir, "list.md"), []listEntry{{title: "Corrupt Paper", link: s.URL("/paper/corrupt-paper")}})
	args := append([]string{"enrich", "--cache", filepath.Join(dir, "c.sqlite"), "--out", out, "--allow-private-hosts"}, rateArgs(100, s)...)
	code, stderr := runWith(t, "", nil, append(args, list)...)
	if code != exitFailed || !strings.Contains(stderr, "the previous papers.json cannot be read") || !strings.Contains(stderr, "papers.new.*") {
		t.Errorf("exit %d, want %d naming the unreadable papers.json; stderr:\n%s", code, exitFailed, stderr)
	}
	if got, _ := os.ReadFile(filepath.Join(out, "papers.json")); string(got) != corrupt {
		t.Errorf("papers.json was replaced: %q", got)
	}
	var ps []paperlist.Paper
	data, _ := os.ReadFile(filepath.Join(out, "papers.new.json"))
	if err := json.Unmarshal(data, &ps); err != nil || len(ps) != 1 {
		t.Fatalf("papers.new.json: %d records, err %v", len(ps), err)
	}
	checkPaperOK(t, ps[0], s, "corrupt-paper", s.URL("/paper/corrupt-paper"))

	code, stderr = runWith(t, "", nil, append(append(args, "--coverage-guard", "0"), list)...)
	if code != exitOK {
		t.Fatalf("--coverage-guard 0: exit %d; stderr:\n%s", code, stderr)
	}
	checkPaperOK(t, checkSet(t, out)[0], s, "corrupt-paper", s.URL("/paper/corrupt-paper"))
	if _, err := os.Stat(filepath.Join(out, "papers.new.json")); err == nil {
		t.Error("papers.new.json left after an accepted run")
	}
}

// TestOverridesThatMatchNothing: a key given twice and a key that names no
// entry are warned about by name; the run goes on.
func TestOverridesThatMatchNothing(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := newSite(t)
	list := writeList(t, filepath.Join(dir, "list.md"), []listEntry{{title: "Override Paper", link: s.URL("/paper/override-paper")}})
	ov := filepath.Join(dir, "overrides.json")
	os.WriteFile(ov, []byte(`{
  "osdi2023-override-paper": {"set": {"pages": "1-2"}},
  "osdi2023-overide-paper": {"set": {"pages": "3-4"}},
  "osdi2023-override-paper": {"set": {"pages": "5-6"}}
}`), 0o644)
	args := append([]string{"enrich", "--cache", filepath.Join(dir, "c.sqlite"), "--out", filepath.Join(dir, "out"), "--allow-private-hosts", "--overrides", ov}, rateArgs(100, s)...)
	code, stderr := runWith(t, "", nil, append(args, list)...)
	if code != exitOK {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	for _, want := range []string{
		`overrides: keys given more than once (the last one counts)" file=` + ov + " keys=osdi2023-override-paper",
		`overrides: keys that match no entry's id or list title (ignored)" file=` + ov + " keys=osdi2023-overide-paper",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if p := checkSet(t, filepath.Join(dir, "out"))[0]; p.Pages != "5-6" {
		t.Errorf("pages %q, want the last value 5-6", p.Pages)
	}
}

// TestManyEntriesOnOneStem: 20,000 bare titles sharing their first words
// get distinct ids and BibTeX keys quickly (they took quadratic time).
func TestManyEntriesOnOneStem(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	var b strings.Builder
	b.WriteString("# osdi\n\n## 2023\n\n")
	const n = 20_000
	for i := range n {
		fmt.Fprintf(&b, "- Same Four Title Words, part %d\n", i)
	}
	list := filepath.Join(dir, "list.md")
	os.WriteFile(list, []byte(b.String()), 0o644)
	out := filepath.Join(dir, "out")
	start := time.Now()
	code, stderr := runWith(t, "", nil, "enrich", "--offline", "-q", "--cache", filepath.Join(dir, "c.sqlite"), "--out", out, "--format", "json,csv,bibtex", list)
	took := time.Since(start)
	if code != exitOK && code != exitFailed {
		t.Fatalf("exit %d; stderr:\n%s", code, lastLine(stderr))
	}
	ps := checkSet(t, out)
	seen := map[string]bool{}
	for _, p := range ps {
		if seen[p.ID] {
			t.Fatalf("id %s given twice", p.ID)
		}
		seen[p.ID] = true
	}
	if len(ps) != n || ps[n-1].ID != fmt.Sprintf("osdi2023-same-four-title-words-%d", n) {
		t.Errorf("%d records, last id %q", len(ps), ps[len(ps)-1].ID)
	}
	bib, _ := os.ReadFile(filepath.Join(out, "papers.bib"))
	if !bytes.Contains(bib, []byte("{osdi2023sameb,")) || !bytes.Contains(bib, []byte("{osdi2023sameaa,")) {
		t.Errorf("papers.bib lacks the keys osdi2023sameb and osdi2023sameaa")
	}
	t.Logf("%d entries on one stem: exit %d in %s", n, code, took.Round(time.Millisecond))
}
