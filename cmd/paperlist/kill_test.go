package main

// Kill and resume: the real binary, killed with SIGKILL at several moments,
// interrupted with SIGINT/SIGTERM, and run twice at once on one cache.

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"github.com/paperlist/paperlist"
)

// binary builds the paperlist command once per test process.
var binary struct {
	once sync.Once
	dir  string
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binary.dir != "" {
		os.RemoveAll(binary.dir)
	}
	os.Exit(code)
}

// paperlistBinary returns the path of the built command.
func paperlistBinary(t *testing.T) string {
	t.Helper()
	binary.once.Do(func() {
		binary.dir, binary.err = os.MkdirTemp("", "paperlist-bin-")
		if binary.err != nil {
			return
		}
		binary.path = filepath.Join(binary.dir, "paperlist")
		out, err := exec.Command("go", "build", "-o", binary.path, ".").CombinedOutput()
		if err != nil {
			binary.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binary.err != nil {
		t.Fatal(binary.err)
	}
	return binary.path
}

// proc is a running paperlist process.
type proc struct {
	cmd    *exec.Cmd
	stderr bytes.Buffer
	done   chan struct{}
	code   int
}

// startPaperlist starts "paperlist enrich" with cache and out in dir, the
// given extra args and list, and an environment without proxies.
func startPaperlist(t *testing.T, dir, out, list string, args ...string) *proc {
	t.Helper()
	return startProc(t, dir, exec.Command(paperlistBinary(t), enrichArgs(dir, out, list, args...)...))
}

// enrichArgs are the arguments startPaperlist gives the command.
func enrichArgs(dir, out, list string, args ...string) []string {
	all := append([]string{"enrich", "--cache", filepath.Join(dir, "cache.sqlite"), "--out", out, "--allow-private-hosts", "--mailto", "kill@example.invalid"}, args...)
	return append(all, list)
}

// startProc starts cmd with HOME=dir and an environment without proxies.
func startProc(t *testing.T, dir string, cmd *exec.Cmd) *proc {
	t.Helper()
	p := &proc{cmd: cmd, done: make(chan struct{})}
	p.cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}
	p.cmd.Stderr = &p.stderr
	if err := p.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		p.cmd.Wait()
		p.code = p.cmd.ProcessState.ExitCode()
		if ws, ok := p.cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			p.code = -int(ws.Signal())
		}
		close(p.done)
	}()
	t.Cleanup(func() {
		p.cmd.Process.Kill()
		<-p.done
	})
	return p
}

// wait waits for the process to exit and returns its exit code (minus the
// signal number when a signal killed it).
func (p *proc) wait(t *testing.T, limit time.Duration) int {
	t.Helper()
	select {
	case <-p.done:
		return p.code
	case <-time.After(limit):
		p.cmd.Process.Kill()
		<-p.done
		t.Fatalf("paperlist did not exit within %s; stderr:\n%s", limit, p.stderr.String())
		return 0
	}
}

// receive waits for n values on ch.
func receive[T any](t *testing.T, ch <-chan T, n int, limit time.Duration) []T {
	t.Helper()
	var out []T
	deadline := time.After(limit)
	for len(out) < n {
		select {
		case v := <-ch:
			out = append(out, v)
		case <-deadline:
			t.Fatalf("got %d of %d events within %s", len(out), n, limit)
		}
	}
	return out
}

// pacedPages reports each page request's slug on arrived, serves the page
// after delay (or gives up when the client does), then reports the slug on
// done. Reports are dropped when nobody listens.
func pacedPages(delay time.Duration, arrived, done chan<- string) func(http.ResponseWriter, *http.Request, string) {
	return func(w http.ResponseWriter, r *http.Request, slug string) {
		select {
		case arrived <- slug:
		default:
		}
		timer := time.NewTimer(delay)
		defer timer.Stop()
		select {
		case <-timer.C:
		case <-r.Context().Done():
			return
		}
		servePaper(w, slug)
		http.NewResponseController(w).Flush()
		select {
		case done <- slug:
		default:
		}
	}
}

// dropRecords deletes the cache's finished records, so that the next run
// builds every record from its cached answers.
func dropRecords(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec("DELETE FROM records"); err != nil {
		t.Fatal(err)
	}
}

// integrity runs PRAGMA integrity_check on the cache and returns the URLs
// it holds answers for.
func integrity(t *testing.T, path string) map[string]bool {
	t.Helper()
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var verdict string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&verdict); err != nil {
		t.Fatalf("integrity_check: %v", err)
	}
	if verdict != "ok" {
		t.Errorf("integrity_check of %s: %s", path, verdict)
	}
	rows, err := db.Query("SELECT url, body_len, length(body) FROM responses WHERE negative = 0")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	urls := map[string]bool{}
	for rows.Next() {
		var u string
		var want, got int
		if err := rows.Scan(&u, &want, &got); err != nil {
			t.Fatal(err)
		}
		if want != got {
			t.Errorf("cached answer %s is incomplete: %d of %d bytes", u, got, want)
		}
		urls[u] = true
	}
	return urls
}

// checkOutputs asserts that out holds exactly the given papers.json and
// papers.csv bytes, that they parse, and lists leftover temporary files.
func checkOutputs(t *testing.T, out string, wantJSON, wantCSV []byte) (leftovers []string) {
	t.Helper()
	gotJSON, err := os.ReadFile(filepath.Join(out, "papers.json"))
	if err != nil || !bytes.Equal(gotJSON, wantJSON) {
		t.Errorf("papers.json changed (err %v)", err)
	}
	var ps []paperlist.Paper
	if err := json.Unmarshal(gotJSON, &ps); err != nil {
		t.Errorf("papers.json does not parse: %v", err)
	}
	gotCSV, err := os.ReadFile(filepath.Join(out, "papers.csv"))
	if err != nil || !bytes.Equal(gotCSV, wantCSV) {
		t.Errorf("papers.csv changed (err %v)", err)
	}
	if rows, err := csv.NewReader(bytes.NewReader(gotCSV)).ReadAll(); err != nil || len(rows) != len(ps)+1 {
		t.Errorf("papers.csv: %d rows, err %v; want %d", len(rows), err, len(ps)+1)
	}
	leftovers, _ = filepath.Glob(filepath.Join(out, ".*tmp*"))
	return leftovers
}

// TestSIGKILLThenResume kills runs of a 12-entry list against a slow site
// at three moments (right after robots.txt, after 3 pages, after 4 more),
// then lets a run finish. After each kill: the cache passes integrity_check
// and every answer in it is complete; the previous run's papers.json and
// papers.csv (another list) are byte-identical and parse; no temporary file
// is left. Each next run requests no page the cache already holds.
func TestSIGKILLThenResume(t *testing.T) {
	t.Parallel()
	dir, out := t.TempDir(), filepath.Join(t.TempDir(), "out")
	cachePath := filepath.Join(dir, "cache.sqlite")

	// The earlier complete run, with another list.
	prev := newSite(t)
	prevList := writeList(t, filepath.Join(dir, "previous.md"), []listEntry{
		{title: "Earlier One", link: prev.URL("/paper/earlier-one")},
		{title: "Earlier Two", link: prev.URL("/paper/earlier-two")},
	})
	if code := startPaperlist(t, dir, out, prevList, rateArgs(100, prev)...).wait(t, 30*time.Second); code != exitOK {
		t.Fatalf("earlier run: exit %d", code)
	}
	prevJSON, _ := os.ReadFile(filepath.Join(out, "papers.json"))
	prevCSV, _ := os.ReadFile(filepath.Join(out, "papers.csv"))

	slow := newSite(t)
	arrived, done := make(chan string, 64), make(chan string, 64)
	slow.setPages(pacedPages(100*time.Millisecond, arrived, done))
	var entries []listEntry
	for i := range 12 {
		slug := fmt.Sprintf("slow-%02d", i)
		entries = append(entries, listEntry{title: "Slow Paper " + slug, link: slow.URL("/paper/" + slug)})
	}
	list := writeList(t, filepath.Join(dir, "list.md"), entries)
	args := rateArgs(100, slow)

	cached := map[string]bool{}
	for i, pages := range []int{0, 3, 4} {
		before := map[string]int{}
		for _, r := range slow.requests() {
			before[r.Path]++
		}
		drain(arrived)
		drain(done)
		p := startPaperlist(t, dir, out, list, args...)
		if pages == 0 {
			receive(t, arrived, 1, 20*time.Second) // killed as the first page is asked for
		} else {
			receive(t, done, pages, 20*time.Second)
		}
		p.cmd.Process.Signal(syscall.SIGKILL)
		if code := p.wait(t, 10*time.Second); code != -int(syscall.SIGKILL) {
			t.Fatalf("run %d: exit %d, want killed", i, code)
		}
		for _, r := range slow.requests() {
			if before[r.Path] > 0 {
				before[r.Path]--
				continue
			}
			if cached[slow.URL(r.Path)] {
				t.Errorf("run %d requested %s, which an earlier run had cached", i, r.Path)
			}
		}
		now := map[string]bool{}
		for u := range integrity(t, cachePath) {
			if strings.HasPrefix(u, slow.URL("/paper/")) {
				now[u] = true
			}
		}
		if leftovers := checkOutputs(t, out, prevJSON, prevCSV); len(leftovers) > 0 {
			t.Errorf("after kill %d: temporary files left: %v", i, leftovers)
		}
		t.Logf("kill %d (after %d pages served): the cache holds %d of the list's pages; %d requests so far", i, pages, len(now), len(slow.requests()))
		if pages > 0 && len(now) <= len(cached) {
			t.Errorf("kill %d: the cache holds %d answers, no more than before the run (%d)", i, len(now), len(cached))
		}
		cached = now
	}

	// The run that finishes.
	n0 := len(slow.requests())
	p := startPaperlist(t, dir, out, list, args...)
	if code := p.wait(t, 30*time.Second); code != exitOK {
		t.Fatalf("final run: exit %d; stderr:\n%s", code, p.stderr.String())
	}
	paid := 0
	for _, r := range slow.requests()[n0:] {
		if r.Path == "/robots.txt" {
			continue
		}
		paid++
		if cached[slow.URL(r.Path)] {
			t.Errorf("the final run requested %s, which a killed run had cached", r.Path)
		}
	}
	if want := len(entries) - len(cached); paid != want {
		t.Errorf("the final run requested %d pages, want %d (12 minus %d cached)", paid, want, len(cached))
	}
	t.Logf("final run: %d page requests for %d entries (%d came from the killed runs' cache)", paid, len(entries), len(cached))
	data, _ := os.ReadFile(filepath.Join(out, "papers.json"))
	var ps []paperlist.Paper
	if err := json.Unmarshal(data, &ps); err != nil || len(ps) != len(entries) {
		t.Fatalf("final papers.json: %d records, err %v", len(ps), err)
	}
	for i, p := range ps {
		slug := fmt.Sprintf("slow-%02d", i)
		checkPaperOK(t, p, slow, slug, slow.URL("/paper/"+slug))
	}
	if leftovers, _ := filepath.Glob(filepath.Join(out, ".*tmp*")); len(leftovers) > 0 {
		t.Errorf("temporary files left after a complete run: %v", leftovers)
	}
	integrity(t, cachePath)
}

// drain empties ch.
func drain[T any](ch chan T) {
	for {
		select {
		case <-ch:
		default:
			return
		}
	}
}

// TestSignalMidRun sends SIGINT or SIGTERM while the fourth page of a
// 10-entry list is on the wire: the request is cancelled (the server sees
// its context end), the command exits 130, and the output holds the three
// finished entries ok and every other one as an error saying "interrupted".
func TestSignalMidRun(t *testing.T) {
	t.Parallel()
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		t.Run(sig.String(), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			out := filepath.Join(dir, "out")
			s := newSite(t)
			var mu sync.Mutex
			served := map[string]bool{}
			// Several requests may be in flight to the host (its rate allows
			// a few at once): each one past the third is held until the run
			// is stopped; the sends never block a handler.
			stuck, cancelled := make(chan string, 16), make(chan string, 16)
			s.setPages(func(w http.ResponseWriter, r *http.Request, slug string) {
				mu.Lock()
				n := len(served)
				if n < 3 {
					served[slug] = true
				}
				mu.Unlock()
				if n < 3 {
					servePaper(w, slug)
					return
				}
				stuck <- slug
				<-r.Context().Done()
				cancelled <- slug
			})
			var entries []listEntry
			for i := range 10 {
				slug := fmt.Sprintf("sig-%02d", i)
				entries = append(entries, listEntry{title: "Signal Paper " + slug, link: s.URL("/paper/" + slug)})
			}
			list := writeList(t, filepath.Join(dir, "list.md"), entries)
			p := startPaperlist(t, dir, out, list, rateArgs(100, s)...)
			inFlight := receive(t, stuck, 1, 20*time.Second)[0]
			signalled := time.Now()
			p.cmd.Process.Signal(sig)
			// The first held request is among those the stop cancels.
			deadline := time.After(5 * time.Second)
		wait:
			for {
				select {
				case got := <-cancelled:
					if got == inFlight {
						break wait
					}
				case <-deadline:
					t.Fatalf("the in-flight request %s was not cancelled within 5s", inFlight)
				}
			}
			cancelAfter := time.Since(signalled)
			code := p.wait(t, 10*time.Second)
			exitAfter := time.Since(signalled)
			stderr := p.stderr.String()
			if code != exitInterrupted {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, exitInterrupted, stderr)
			}
			if !strings.Contains(stderr, "interrupted") {
				t.Errorf("stderr does not say interrupted:\n%s", stderr)
			}
			data, err := os.ReadFile(filepath.Join(out, "papers.json"))
			if err != nil {
				t.Fatalf("no papers.json after %s: %v", sig, err)
			}
			var ps []paperlist.Paper
			if err := json.Unmarshal(data, &ps); err != nil || len(ps) != len(entries) {
				t.Fatalf("papers.json: %d records, err %v", len(ps), err)
			}
			if _, err := os.Stat(filepath.Join(out, "papers.csv")); err != nil {
				t.Errorf("no papers.csv: %v", err)
			}
			statuses := map[paperlist.Status]int{}
			var misworded []string
			for _, paper := range ps {
				statuses[paper.Status]++
				slug := strings.TrimPrefix(paper.ListTitle, "Signal Paper ")
				if served[slug] {
					checkPaperOK(t, paper, s, slug, s.URL("/paper/"+slug))
					continue
				}
				errs := strings.Join(paper.Errors, " | ")
				switch {
				case paper.Status == paperlist.StatusError && strings.Contains(errs, "interrupted"):
				case paper.Status == paperlist.StatusError && strings.Contains(errs, "context canceled"):
					misworded = append(misworded, fmt.Sprintf("%s: %q", slug, errs))
				default:
					t.Errorf("%s (unfinished%s): status %q errors %q; want error \"interrupted\"",
						slug, map[bool]string{true: ", in flight"}[slug == inFlight], paper.Status, errs)
				}
			}
			t.Logf("%s: in-flight request cancelled %s after the signal, exit after %s; statuses %v",
				sig, cancelAfter.Round(time.Millisecond), exitAfter.Round(time.Millisecond), statuses)
			if len(misworded) > 0 {
				t.Errorf("unfinished entries not reported as interrupted:\n%s", strings.Join(misworded, "\n"))
			}
		})
	}
}

// heldPages reports each page request's slug on arrived (dropped when
// nobody listens) and serves the page once release is closed.
func heldPages(release <-chan struct{}, arrived chan<- string) func(http.ResponseWriter, *http.Request, string) {
	return func(w http.ResponseWriter, r *http.Request, slug string) {
		select {
		case arrived <- slug:
		default:
		}
		select {
		case <-release:
		case <-r.Context().Done():
			return
		}
		servePaper(w, slug)
	}
}

// TestTwoRunsOneCache: a second run on a cache another run is using exits 2
// naming the cache file; the first finishes fine.
func TestTwoRunsOneCache(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := newSite(t)
	release, arrived := make(chan struct{}), make(chan string, 8)
	s.setPages(heldPages(release, arrived))
	list := writeList(t, filepath.Join(dir, "list.md"), []listEntry{
		{title: "Locked One", link: s.URL("/paper/locked-one")},
		{title: "Locked Two", link: s.URL("/paper/locked-two")},
	})
	first := startPaperlist(t, dir, filepath.Join(dir, "out1"), list, rateArgs(100, s)...)
	receive(t, arrived, 1, 20*time.Second)

	second := startPaperlist(t, dir, filepath.Join(dir, "out2"), list, rateArgs(100, s)...)
	code := second.wait(t, 10*time.Second)
	stderr := second.stderr.String()
	if code != exitUsage {
		t.Errorf("second run: exit %d, want %d; stderr:\n%s", code, exitUsage, stderr)
	}
	cachePath := filepath.Join(dir, "cache.sqlite")
	if !strings.Contains(stderr, cachePath) || !strings.Contains(stderr, "in use by another paperlist run") {
		t.Errorf("second run's message does not name %s and say it is in use by another paperlist run:\n%s", cachePath, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "out2", "papers.json")); err == nil {
		t.Error("the refused run wrote papers.json")
	}
	t.Logf("second run: %s", strings.TrimSpace(stderr))

	close(release)
	if code := first.wait(t, 20*time.Second); code != exitOK {
		t.Errorf("first run: exit %d; stderr:\n%s", code, first.stderr.String())
	}
	data, _ := os.ReadFile(filepath.Join(dir, "out1", "papers.json"))
	var ps []paperlist.Paper
	if err := json.Unmarshal(data, &ps); err != nil || len(ps) != 2 {
		t.Fatalf("first run's papers.json: %d records, err %v", len(ps), err)
	}
	checkPaperOK(t, ps[0], s, "locked-one", s.URL("/paper/locked-one"))
	checkPaperOK(t, ps[1], s, "locked-two", s.URL("/paper/locked-two"))
	integrity(t, cachePath)
}
