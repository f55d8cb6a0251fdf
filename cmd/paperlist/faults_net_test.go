package main

// Faults of the network and of the cache, through the real command: a
// robots.txt glitch, a corrupt or full cache, a host asking for an hour's
// pause, a broken or refused proxy, one host under two spellings (IDN), and
// "cache prune --older-than 0d". Each asserts the exit code, the message a
// user reads and what the dataset holds afterwards.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/fetch"
	"github.com/paperlist/paperlist/internal/diskfault"
)

// netArgs are the flags every run here takes: loopback sites, fast rates.
func netArgs(sites ...*site) []string {
	return append([]string{"--allow-private-hosts", "--mailto", "faults@example.invalid"}, rateArgs(50, sites...)...)
}

// slugList writes one entry per slug, each linking s's /paper/<slug>.
func slugList(t *testing.T, dir string, s *site, slugs ...string) string {
	var entries []listEntry
	for _, slug := range slugs {
		entries = append(entries, listEntry{title: "Entry " + slug, link: s.URL("/paper/" + slug)})
	}
	return writeList(t, filepath.Join(dir, "list.md"), entries)
}

// checkAllOK asserts that every slug's entry came out fully enriched.
func checkAllOK(t *testing.T, res runResult, s *site, slugs ...string) {
	t.Helper()
	if len(res.papers) != len(slugs) {
		t.Fatalf("papers.json has %d records, want %d; stderr:\n%s", len(res.papers), len(slugs), res.stderr)
	}
	for _, slug := range slugs {
		checkPaperOK(t, res.paper(t, "Entry "+slug), s, slug, s.URL("/paper/"+slug))
	}
}

// cacheCmd runs "paperlist cache ARGS --cache dir/cache.sqlite".
func cacheCmd(t *testing.T, dir string, args ...string) (int, string, string) {
	var stdout, stderr bytes.Buffer
	all := append(append([]string{"cache"}, args...), "--cache", filepath.Join(dir, "cache.sqlite"))
	code := run(context.Background(), all, system{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }})
	return code, stdout.String(), stderr.String()
}

// Item 1: one robots.txt glitch (a 503, a cut body) is retried and the host
// is not lost; a robots.txt that stays down falls back on the copy cached
// by an earlier run, which is still obeyed.
func TestNetRobotsGlitch(t *testing.T) {
	t.Parallel()
	slugs := []string{"alpha", "beta", "gamma"}
	glitches := map[string]http.HandlerFunc{
		"one 503": status(http.StatusServiceUnavailable),
		"a cut body": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", "200")
			w.Write([]byte("User-agent: *\nDisallow: /pri"))
		},
	}
	for name, glitch := range glitches {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			f := newSite(t)
			var mu sync.Mutex
			n := 0
			f.setRobots(func(w http.ResponseWriter, r *http.Request) {
				mu.Lock()
				n++
				first := n == 1
				mu.Unlock()
				if first {
					glitch(w, r)
					return
				}
				w.Write([]byte("User-agent: *\nDisallow: /private/\n"))
			})
			dir := t.TempDir()
			res := enrichIn(t, context.Background(), dir, nil, slugList(t, dir, f, slugs...), netArgs(f)...)
			if res.code != exitOK {
				t.Errorf("exit %d, want %d; stderr:\n%s", res.code, exitOK, res.stderr)
			}
			checkAllOK(t, res, f, slugs...)
			if got := f.count("/robots.txt"); got != 2 {
				t.Errorf("robots.txt asked %d times, want 2 (the glitch and its retry)", got)
			}
		})
	}

	t.Run("down on the next run: the cached copy is obeyed", func(t *testing.T) {
		t.Parallel()
		f := newSite(t)
		f.setRobots(func(w http.ResponseWriter, r *http.Request) {
			w.Write([]byte("User-agent: paperlist\nDisallow: /paper/secret\n"))
		})
		dir := t.TempDir()
		list := slugList(t, dir, f, "alpha", "secret")
		first := enrichIn(t, context.Background(), dir, nil, list, netArgs(f)...)
		if p := first.paper(t, "Entry secret"); p.Status != paperlist.StatusError || !strings.Contains(strings.Join(p.Errors, " "), "disallowed by robots.txt") {
			t.Fatalf("first run: secret %q %q", p.Status, p.Errors)
		}
		f.setRobots(status(http.StatusServiceUnavailable, "Retry-After", "0"))
		second := enrichIn(t, context.Background(), dir, nil, list, append(netArgs(f), "--max-age", "0s")...)
		if second.code != exitFailed {
			t.Errorf("exit %d, want %d (secret stays disallowed); stderr:\n%s", second.code, exitFailed, second.stderr)
		}
		checkPaperOK(t, second.paper(t, "Entry alpha"), f, "alpha", f.URL("/paper/alpha"))
		p := second.paper(t, "Entry secret")
		if errs := strings.Join(p.Errors, " "); p.Status != paperlist.StatusError || !strings.Contains(errs, f.URL("/paper/secret")+": disallowed by robots.txt") {
			t.Errorf("secret: %q %q, want disallowed by the cached robots.txt", p.Status, errs)
		}
		if !strings.Contains(second.stderr, "robots.txt unavailable; using the copy read on an earlier run") {
			t.Errorf("stderr does not say the cached robots.txt was used:\n%s", second.stderr)
		}
		if got := f.count("/paper/secret"); got != 0 {
			t.Errorf("/paper/secret fetched %d times", got)
		}
	})
}

// Item 5: a corrupt cache page is a miss, fetched again, reported once;
// "cache check" finds the damage (exit 1), "cache repair" rebuilds the
// cache (exit 0) and the check passes again. A run reads a cached page only
// to build a record that is not cached yet (a finished record is checked
// against the index of its answers' digests, not their bodies): here the
// records are dropped first, as after a new extractor version, so the first
// run on the damaged cache reads the page; the record it then stores
// answers the second run without it.
func TestNetCorruptCache(t *testing.T) {
	t.Parallel()
	f := newSite(t)
	dir := t.TempDir()
	var slugs []string
	for i := range 12 {
		slugs = append(slugs, fmt.Sprintf("paper%02d", i))
	}
	list := slugList(t, dir, f, slugs...)
	if res := enrichIn(t, context.Background(), dir, nil, list, netArgs(f)...); res.code != exitOK {
		t.Fatalf("first run: exit %d; stderr:\n%s", res.code, res.stderr)
	}
	if code, out, _ := cacheCmd(t, dir, "check"); code != exitOK || !strings.Contains(out, ": ok") {
		t.Fatalf("check of a sound cache: exit %d, %q", code, out)
	}
	dropRecords(t, filepath.Join(dir, "cache.sqlite"))
	// The HTML page of paper05 (not its extracted record) sits on the page
	// that is damaged.
	if _, err := diskfault.CorruptPage(filepath.Join(dir, "cache.sqlite"), []byte(`content="Measuring paper05 at Scale"`)); err != nil {
		t.Fatal(err)
	}
	before := f.count("/paper/paper05")

	code, out, _ := cacheCmd(t, dir, "check")
	if code != exitFailed || !strings.Contains(out, "damaged") || !strings.Contains(out, "paperlist cache repair") {
		t.Errorf("check of a damaged cache: exit %d, want %d; stdout:\n%s", code, exitFailed, out)
	}

	for run, reports := range []int{1, 0} {
		res := enrichIn(t, context.Background(), dir, nil, list, netArgs(f)...)
		if res.code != exitOK {
			t.Errorf("run %d on the damaged cache: exit %d, want %d; stderr:\n%s", run+1, res.code, exitOK, res.stderr)
		}
		checkAllOK(t, res, f, slugs...)
		if n := strings.Count(res.stderr, "a cached answer cannot be read"); n != reports {
			t.Errorf("run %d: the corruption is reported %d times, want %d; stderr:\n%s", run+1, n, reports, res.stderr)
		}
		if strings.Contains(res.stderr, "disk full") {
			t.Errorf("run %d: a damaged page is blamed on a full disk; stderr:\n%s", run+1, res.stderr)
		}
	}
	if got := f.count("/paper/paper05") - before; got != 1 {
		t.Errorf("paper05 fetched %d times in two runs on the damaged cache, want 1 (a miss, then its record)", got)
	}

	code, out, errOut := cacheCmd(t, dir, "repair")
	if code != exitOK || !strings.Contains(out, "rebuilt: kept ") || !strings.Contains(out, "cache.sqlite.bak") {
		t.Fatalf("repair: exit %d; stdout %q; stderr %q", code, out, errOut)
	}
	t.Logf("repair: %s", out)
	if code, out, _ := cacheCmd(t, dir, "check", "--full"); code != exitOK {
		t.Errorf("check after repair: exit %d; stdout:\n%s", code, out)
	}
	n0 := len(f.requests())
	res := enrichIn(t, context.Background(), dir, nil, list, netArgs(f)...)
	if res.code != exitOK || strings.Contains(res.stderr, "cannot be read") {
		t.Errorf("run after repair: exit %d; stderr:\n%s", res.code, res.stderr)
	}
	checkAllOK(t, res, f, slugs...)
	var kept, lost int
	if _, err := fmt.Sscanf(out[strings.Index(out, "rebuilt: "):], "rebuilt: kept %d responses", &kept); err != nil {
		t.Fatal(err)
	}
	if _, err := fmt.Sscanf(out[strings.Index(out, "; lost "):], "; lost %d responses", &lost); err != nil {
		t.Fatal(err)
	}
	// The lost rows are fetched again, and robots.txt as on every run.
	if got := len(f.requests()) - n0; lost == 0 || got != lost+1 {
		t.Errorf("the run after repair made %d requests, want the %d lost rows again and robots.txt", got, lost)
	}
}

// report reads report.json of a run in dir.
func report(t *testing.T, dir string) map[string]fetch.HostStats {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "out", "report.json"))
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		Hosts map[string]fetch.HostStats `json:"hosts"`
	}
	if err := json.Unmarshal(data, &r); err != nil {
		t.Fatal(err)
	}
	return r.Hosts
}

// Item 6: a 429 with Retry-After: 3600 pauses the host for the run: one
// request, the other entries fail at once naming the host and the wait, a
// warning once, report.json says paused, and the exit code is 1 (degraded).
func TestNetRetryAfterPausesHost(t *testing.T) {
	t.Parallel()
	f, g := newSite(t), newSite(t)
	f.setPages(func(w http.ResponseWriter, r *http.Request, _ string) {
		status(http.StatusTooManyRequests, "Retry-After", "3600")(w, r)
	})
	dir := t.TempDir()
	slugs := []string{"a", "b", "c", "d", "e"}
	entries := []listEntry{{title: "Good Neighbour", link: g.URL("/paper/neighbour")}}
	for _, s := range slugs {
		entries = append(entries, listEntry{title: "Entry " + s, link: f.URL("/paper/" + s)})
	}
	list := writeList(t, filepath.Join(dir, "list.md"), entries)
	res := enrichIn(t, context.Background(), dir, nil, list, netArgs(f, g)...)
	if res.code != exitFailed {
		t.Errorf("exit %d, want %d (degraded); stderr:\n%s", res.code, exitFailed, res.stderr)
	}
	pages := 0
	for _, r := range f.requests() {
		if strings.HasPrefix(r.Path, "/paper/") {
			pages++
		}
	}
	if pages != 1 {
		t.Errorf("F got %d page requests after asking for an hour's pause, want 1", pages)
	}
	paused := 0
	for _, s := range slugs {
		p := res.paper(t, "Entry "+s)
		errs := strings.Join(p.Errors, " | ")
		if p.Status != paperlist.StatusError {
			t.Errorf("%s: status %q, want error", s, p.Status)
		}
		if strings.Contains(errs, "host "+f.host+" paused for the rest of the run (HTTP 429 asked to wait 1h0m0s, Retry-After)") {
			paused++
		}
	}
	if paused != len(slugs)-1 {
		t.Errorf("%d entries say the host is paused, want %d", paused, len(slugs)-1)
	}
	checkPaperOK(t, res.paper(t, "Good Neighbour"), g, "neighbour", g.URL("/paper/neighbour"))
	if n := strings.Count(res.stderr, "host paused for the rest of the run"); n != 1 {
		t.Errorf("pause warned %d times, want once; stderr:\n%s", n, res.stderr)
	}
	if !strings.Contains(res.stderr, "paperlist: degraded: paused for the rest of the run (asked to wait longer than 1m0s): "+f.host) {
		t.Errorf("the summary does not name the paused host; stderr:\n%s", res.stderr)
	}
	st := report(t, dir)[f.host]
	if st.Paused == nil || st.Paused.Status != 429 || st.Paused.RetryAfter != time.Hour || st.Paused.Skipped != len(slugs)-1 {
		t.Errorf("report.json hosts[%s].paused = %+v, want 429, 1h, %d skipped", f.host, st.Paused, len(slugs)-1)
	}
}

// Item 8: an unparsable proxy is a usage error before any request; a proxy
// that refuses connections is named in every entry's errors.
func TestNetProxy(t *testing.T) {
	t.Parallel()
	t.Run("unparsable", func(t *testing.T) {
		f := newSite(t)
		dir := t.TempDir()
		list := slugList(t, dir, f, "alpha")
		res := enrichIn(t, context.Background(), dir, map[string]string{"HTTPS_PROXY": "http://[::1"}, list, netArgs(f)...)
		if res.code != exitUsage {
			t.Errorf("exit %d, want %d; stderr:\n%s", res.code, exitUsage, res.stderr)
		}
		if want := `paperlist: HTTPS_PROXY="http://[::1" is not a usable proxy: malformed URL (missing ']' in host)`; !strings.Contains(res.stderr, want) {
			t.Errorf("stderr does not say %q:\n%s", want, res.stderr)
		}
		if n := len(f.requests()); n != 0 || res.papers != nil {
			t.Errorf("%d requests made and papers.json written (%v)", n, res.papers != nil)
		}
	})
	t.Run("refused", func(t *testing.T) {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		proxy := "http://" + l.Addr().String()
		l.Close() // nothing listens there: connections are refused
		dir := t.TempDir()
		link := "http://papers.example/paper/alpha"
		list := writeList(t, filepath.Join(dir, "list.md"), []listEntry{{title: "Entry alpha", link: link}})
		var stdout, stderr bytes.Buffer
		env := map[string]string{"HTTP_PROXY": proxy, "HTTPS_PROXY": proxy}
		args := []string{"enrich", "--cache", filepath.Join(dir, "cache.sqlite"), "--out", filepath.Join(dir, "out"), "--mailto", "faults@example.invalid", "--timeout", "5s", list}
		// No transport: the command builds its own, with the proxy.
		code := run(context.Background(), args, system{stdout: &stdout, stderr: &stderr, getenv: func(k string) string { return env[k] }})
		if code != exitFailed {
			t.Errorf("exit %d, want %d; stderr:\n%s", code, exitFailed, stderr.String())
		}
		data, err := os.ReadFile(filepath.Join(dir, "out", "papers.json"))
		if err != nil {
			t.Fatal(err)
		}
		var papers []paperlist.Paper
		if err := json.Unmarshal(data, &papers); err != nil || len(papers) != 1 {
			t.Fatalf("papers.json: %v, %d records", err, len(papers))
		}
		errs := strings.Join(papers[0].Errors, " | ")
		if !strings.Contains(errs, link) || !strings.Contains(errs, "cannot reach proxy "+proxy+": connection refused") {
			t.Errorf("errors do not name the link and the refused proxy: %q", errs)
		}
		if strings.Contains(errs, "cannot resolve") {
			t.Errorf("errors blame the target site: %q", errs)
		}
	})
}

// Item 10: bücher.example and xn--bcher-kva.example are one host: one
// robots.txt, one limiter (--rate given in Unicode applies to both), one
// line of report.json.
func TestNetIDNOneHost(t *testing.T) {
	t.Parallel()
	f := newSite(t)
	_, port, _ := net.SplitHostPort(f.host)
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = nil
	tr.DialContext = func(ctx context.Context, network, _ string) (net.Conn, error) {
		return (&net.Dialer{}).DialContext(ctx, network, f.host) // every name is the test site
	}
	defer tr.CloseIdleConnections()
	dir := t.TempDir()
	var entries []listEntry
	for i, h := range []string{"bücher.example", "xn--bcher-kva.example", "bücher.example", "xn--bcher-kva.example"} {
		entries = append(entries, listEntry{title: fmt.Sprintf("Entry %d", i), link: fmt.Sprintf("http://%s:%s/paper/p%d", h, port, i)})
	}
	list := writeList(t, filepath.Join(dir, "list.md"), entries)
	args := []string{"enrich", "--cache", filepath.Join(dir, "cache.sqlite"), "--out", filepath.Join(dir, "out"),
		"--allow-private-hosts", "--mailto", "faults@example.invalid", "--rate", "bücher.example=4", list}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, system{stdout: &stdout, stderr: &stderr, getenv: func(string) string { return "" }, transport: tr})
	if code != exitOK {
		t.Errorf("exit %d, want %d; stderr:\n%s", code, exitOK, stderr.String())
	}
	if n := f.count("/robots.txt"); n != 1 {
		t.Errorf("robots.txt asked %d times, want 1", n)
	}
	var pages []time.Time
	for _, r := range f.requests() {
		if strings.HasPrefix(r.Path, "/paper/") {
			pages = append(pages, r.At)
		}
	}
	if len(pages) != 4 {
		t.Fatalf("%d page requests, want 4", len(pages))
	}
	for i := 1; i < len(pages); i++ {
		if gap := pages[i].Sub(pages[i-1]); gap < 240*time.Millisecond {
			t.Errorf("requests %d and %d %s apart, want at least 250ms (4/s for the one host)", i-1, i, gap)
		}
	}
	hosts := report(t, dir)
	key := "xn--bcher-kva.example:" + port
	if st, ok := hosts[key]; !ok || st.Requests != 5 {
		t.Errorf("report.json hosts[%s] = %+v, want 5 requests", key, st)
	}
	for h := range hosts {
		if strings.Contains(h, "bücher") {
			t.Errorf("report.json counts the Unicode spelling %s apart", h)
		}
	}
}

// Item 10: "cache prune --older-than 0d" prunes everything.
func TestNetPruneZero(t *testing.T) {
	t.Parallel()
	f := newSite(t)
	dir := t.TempDir()
	if res := enrichIn(t, context.Background(), dir, nil, slugList(t, dir, f, "alpha", "beta"), netArgs(f)...); res.code != exitOK {
		t.Fatalf("run: exit %d; stderr:\n%s", res.code, res.stderr)
	}
	code, out, errOut := cacheCmd(t, dir, "prune", "--older-than", "0d")
	if code != exitOK || !strings.HasPrefix(out, "removed 3 responses and 2 records") {
		t.Errorf("prune 0d: exit %d, stdout %q, stderr %q; want 3 responses (2 pages, robots.txt) and 2 records removed", code, out, errOut)
	}
	if code, out, _ := cacheCmd(t, dir, "stats"); code != exitOK || !strings.Contains(out, "responses: 0 (+0") {
		t.Errorf("stats after prune 0d: exit %d\n%s", code, out)
	}
	if code, _, errOut := cacheCmd(t, dir, "prune"); code != exitUsage || !strings.Contains(errOut, "needs --older-than") {
		t.Errorf("prune without --older-than: exit %d, stderr %q; want %d", code, errOut, exitUsage)
	}
}

// fullDiskEnv names the variable that makes TestNetFullDiskChild run the
// command under a file size limit (RLIMIT_FSIZE): its value is a JSON array,
// the limit in bytes and then the command's arguments.
const fullDiskEnv = "PAPERLIST_TEST_FULL_DISK"

// TestNetFullDiskChild is not a test of its own: TestNetFullDisk runs the
// test binary again with fullDiskEnv set, so that the file size limit
// applies to that process only. Every file write past the limit fails with
// EFBIG ("file too large"), as on a full disk; Go ignores SIGXFSZ.
func TestNetFullDiskChild(t *testing.T) {
	spec := os.Getenv(fullDiskEnv)
	if spec == "" {
		t.Skip("run by TestNetFullDisk")
	}
	var parts []string
	if err := json.Unmarshal([]byte(spec), &parts); err != nil || len(parts) < 2 {
		t.Fatalf("%s=%q: %v", fullDiskEnv, spec, err)
	}
	limit, err := strconv.ParseUint(parts[0], 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	if err := syscall.Setrlimit(syscall.RLIMIT_FSIZE, &syscall.Rlimit{Cur: limit, Max: limit}); err != nil {
		t.Fatal(err)
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.Proxy = nil
	code := run(context.Background(), parts[1:], system{stdout: os.Stdout, stderr: os.Stderr, getenv: func(string) string { return "" }, transport: tr})
	os.Exit(code)
}

// Item 10: a cache on a full disk does not lose the fetched answers: every
// entry is enriched, each page fetched once, the failure said once, exit 0.
func TestNetFullDisk(t *testing.T) {
	t.Parallel()
	f := newSite(t)
	dir := t.TempDir()
	var slugs []string
	for i := range 40 {
		slugs = append(slugs, fmt.Sprintf("paper%02d", i))
	}
	list := slugList(t, dir, f, slugs...)
	args := append([]string{"enrich", "--cache", filepath.Join(dir, "cache.sqlite"), "--out", filepath.Join(dir, "out")}, netArgs(f)...)
	args = append(args, list)
	const limit = 96 << 10 // room for the new cache and the dataset, not for 40 pages in the WAL
	cmd := exec.Command(os.Args[0], "-test.run=^TestNetFullDiskChild$")
	spec, err := json.Marshal(append([]string{strconv.Itoa(limit)}, args...))
	if err != nil {
		t.Fatal(err)
	}
	cmd.Env = append(os.Environ(), fullDiskEnv+"="+string(spec))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err = cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	if code != exitOK {
		t.Errorf("exit %d, want %d; stderr:\n%s", code, exitOK, stderr.String())
	}
	for _, line := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(line, "cannot write") || strings.HasPrefix(line, "paperlist: ") {
			t.Logf("%s", line)
		}
	}
	if n := strings.Count(stderr.String(), "cache: cannot write (disk full?)"); n != 1 {
		t.Errorf("the full disk is reported %d times, want once; stderr:\n%s", n, stderr.String())
	}
	if !strings.Contains(stderr.String(), "file too large") && !strings.Contains(stderr.String(), "full") {
		t.Errorf("the warning does not give the cause; stderr:\n%s", stderr.String())
	}
	res := runResult{code: code, stderr: stderr.String()}
	data, err := os.ReadFile(filepath.Join(dir, "out", "papers.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &res.papers); err != nil {
		t.Fatal(err)
	}
	checkAllOK(t, res, f, slugs...)
	for _, s := range slugs {
		if n := f.count("/paper/" + s); n != 1 {
			t.Errorf("%s fetched %d times, want 1", s, n)
		}
	}
}
