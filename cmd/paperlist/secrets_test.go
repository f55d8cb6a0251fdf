package main

import (
	"bytes"
	"context"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/paperlist/paperlist"
)

// TestSecretsStayOut runs with a GitHub token, API keys and a contact address
// in the environment and flags, verbose, in both log formats, over entries
// that succeed, retry, redirect and fail: none of the secrets appears in the
// logs, papers.json, papers.csv, any other file in the output directory or
// the bytes of the SQLite cache files; no
// request carries an Authorization header; the User-Agent names the project
// and the contact address.
func TestSecretsStayOut(t *testing.T) {
	t.Parallel()
	const (
		token  = "ghp_SecretTokenForPaperlistTests0123456789"
		mailto = "secret@example.invalid"
	)
	env := map[string]string{
		"GITHUB_TOKEN":     token,
		"OPENALEX_API_KEY": "openalex-secret-key-4242",
		"S2_API_KEY":       "s2-secret-key-4343",
	}
	secrets := []string{token, mailto, env["OPENALEX_API_KEY"], env["S2_API_KEY"]}

	s, other := newSite(t), newSite(t)
	s.route("/paper/limited", failFirst(1, "limited", status(http.StatusTooManyRequests, "Retry-After", "0")))
	s.route("/moved", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL("/paper/elsewhere"), http.StatusFound)
	})
	s.route("/gone", status(http.StatusGone))
	dir := t.TempDir()
	list := writeList(t, filepath.Join(dir, "list.md"), []listEntry{
		{title: "Secret One", link: s.URL("/paper/one")},
		{title: "Secret Limited", link: s.URL("/paper/limited")},
		{title: "Secret Moved", link: s.URL("/moved")},
		{title: "Secret Gone", link: s.URL("/gone")},
	})
	args := append([]string{"--allow-private-hosts", "--mailto", mailto, "-v"}, rateArgs(50, s, other)...)

	var logs []string
	for _, extra := range [][]string{{"--log-format", "json"}, {"--log-format", "text", "--refresh"}} {
		res := enrichIn(t, context.Background(), dir, env, list, append(args, extra...)...)
		if res.code != exitFailed { // "Secret Gone" fails
			t.Errorf("%v: exit %d, want %d; stderr:\n%s", extra, res.code, exitFailed, res.stderr)
		}
		if !strings.Contains(res.stderr, "fetch: request") {
			t.Errorf("%v: -v did not log the requests:\n%s", extra, res.stderr)
		}
		logs = append(logs, res.stderr)
		checkPaperOK(t, res.paper(t, "Secret One"), s, "one", s.URL("/paper/one"))
		checkPaperOK(t, res.paper(t, "Secret Limited"), s, "limited", s.URL("/paper/limited"))
	}

	files := map[string][]byte{}
	for i, l := range logs {
		files["stderr of run "+string(rune('1'+i))] = []byte(l)
	}
	outFiles, _ := filepath.Glob(filepath.Join(dir, "out", "*"))
	if len(outFiles) < 2 {
		t.Errorf("out/ holds %v, want at least papers.json and papers.csv", outFiles)
	}
	names := []string{"out/papers.json", "out/papers.csv", "cache.sqlite", "cache.sqlite-wal", "cache.sqlite-shm", "cache.sqlite.lock"}
	for _, f := range outFiles { // every other output too (reports, sidecars)
		if name := "out/" + filepath.Base(f); !slices.Contains(names, name) {
			names = append(names, name)
		}
	}
	for _, name := range names {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			if !strings.HasPrefix(name, "cache.sqlite-") {
				t.Errorf("read %s: %v", name, err)
			}
			continue
		}
		files[name] = data
	}
	if len(files["cache.sqlite"]) == 0 {
		t.Fatal("the cache file is empty")
	}
	for name, data := range files {
		for _, secret := range secrets {
			if bytes.Contains(data, []byte(secret)) {
				t.Errorf("%s contains the secret %q", name, secret)
			}
		}
	}

	reqs := append(s.requests(), other.requests()...)
	for _, r := range reqs {
		if v := r.Header.Get("Authorization"); v != "" {
			t.Errorf("%s was sent Authorization: %q", r.Path, v)
		}
		ua := r.Header.Get("User-Agent")
		if !strings.HasPrefix(ua, "paperlist/") || !strings.Contains(ua, "mailto:"+mailto) {
			t.Errorf("%s was sent User-Agent %q", r.Path, ua)
		}
	}
	t.Logf("%d requests checked; User-Agent %q; %d files checked for %d secrets", len(reqs), reqs[0].Header.Get("User-Agent"), len(files), len(secrets))
}

// TestIncrementalRuns: a rerun with everything fresh makes no request and
// writes the same bytes; a new entry costs only its own page (plus the
// host's robots.txt, fetched once per run); editing a note costs nothing
// and shows in the output; a removed entry leaves papers.json.
func TestIncrementalRuns(t *testing.T) {
	t.Parallel()
	s := newSite(t)
	dir := t.TempDir()
	listPath := filepath.Join(dir, "list.md")
	entries := []listEntry{
		{title: "Incremental One", link: s.URL("/paper/inc-one"), notes: []string{"first note"}},
		{title: "Incremental Two", link: s.URL("/paper/inc-two")},
		{title: "Incremental Three", link: s.URL("/paper/inc-three"), notes: []string{"keep me"}},
	}
	args := append([]string{"--allow-private-hosts", "--mailto", "inc@example.invalid"}, rateArgs(50, s)...)
	guardTripped := false
	// step runs the list as it is and returns the paths requested. When the
	// coverage guard refuses the new dataset, it notes it and reruns without
	// the guard.
	step := func(name string) (runResult, []string) {
		t.Helper()
		n0 := len(s.requests())
		res := enrichIn(t, context.Background(), dir, nil, writeList(t, listPath, entries), args...)
		if res.code == exitFailed && strings.Contains(res.stderr, "coverage guard") {
			guardTripped = true
			res = enrichIn(t, context.Background(), dir, nil, listPath, append(args, "--coverage-guard=0")...)
		}
		if res.code != exitOK {
			t.Fatalf("%s: exit %d; stderr:\n%s", name, res.code, res.stderr)
		}
		if len(res.papers) != len(entries) {
			t.Fatalf("%s: papers.json has %d records, want %d", name, len(res.papers), len(entries))
		}
		var paths []string
		for _, r := range s.requests()[n0:] {
			paths = append(paths, r.Path)
		}
		slices.Sort(paths)
		t.Logf("%s: requests %v", name, paths)
		return res, paths
	}

	first, paths := step("first run")
	if want := []string{"/paper/inc-one", "/paper/inc-three", "/paper/inc-two", "/robots.txt"}; !slices.Equal(paths, want) {
		t.Errorf("first run requested %v, want %v", paths, want)
	}
	firstJSON, _ := os.ReadFile(filepath.Join(dir, "out", "papers.json"))
	for _, e := range entries {
		slug := strings.TrimPrefix(e.link, s.URL("/paper/"))
		checkPaperOK(t, first.paper(t, e.title), s, slug, e.link)
	}

	if _, paths := step("unchanged rerun"); len(paths) != 0 {
		t.Errorf("a rerun with everything fresh requested %v, want nothing", paths)
	}
	if again, _ := os.ReadFile(filepath.Join(dir, "out", "papers.json")); !bytes.Equal(again, firstJSON) {
		t.Error("a rerun with everything fresh wrote different bytes")
	}

	entries = append(entries, listEntry{title: "Incremental Four", link: s.URL("/paper/inc-four")})
	res, paths := step("one entry added")
	if want := []string{"/paper/inc-four", "/robots.txt"}; !slices.Equal(paths, want) {
		t.Errorf("adding one entry requested %v, want %v", paths, want)
	}
	checkPaperOK(t, res.paper(t, "Incremental Four"), s, "inc-four", s.URL("/paper/inc-four"))

	entries[0].notes = []string{"first note, edited", "a second note"}
	res, paths = step("note edited")
	if len(paths) != 0 {
		t.Errorf("editing a note requested %v, want nothing", paths)
	}
	if got := res.paper(t, "Incremental One").Notes; !slices.Equal(got, entries[0].notes) {
		t.Errorf("notes after the edit: %q, want %q", got, entries[0].notes)
	}
	checkPaperOK(t, res.paper(t, "Incremental One"), s, "inc-one", s.URL("/paper/inc-one"))

	entries = slices.Delete(entries, 1, 2) // "Incremental Two"
	res, paths = step("entry removed")
	if len(paths) != 0 {
		t.Errorf("removing an entry requested %v, want nothing", paths)
	}
	var titles []string
	for _, p := range res.papers {
		titles = append(titles, p.ListTitle)
	}
	if want := []string{"Incremental One", "Incremental Three", "Incremental Four"}; !slices.Equal(titles, want) {
		t.Errorf("papers.json after removing an entry: %q, want %q", titles, want)
	}
	if p := res.paper(t, "Incremental Three"); p.Status != paperlist.StatusOK || !slices.Equal(p.Notes, []string{"keep me"}) {
		t.Errorf("Incremental Three after the removal: status %q notes %q", p.Status, p.Notes)
	}
	if guardTripped {
		t.Error("the coverage guard refused a dataset that only lost entries removed from the list")
	}
}
