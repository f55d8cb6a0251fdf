package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDryRunAndCoverageGuard: --dry-run costs nothing and knows what the
// cache holds; a run whose sources went dark keeps the previous dataset.
func TestDryRunAndCoverageGuard(t *testing.T) {
	env := newReplayEnv(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	cachePath := filepath.Join(dir, "c.sqlite")
	base := append([]string{"enrich", "--cache", cachePath, "--out", out}, fastRates...)

	code, stdout, stderr := env.run(t, append(append([]string{}, base...), "--dry-run", seedList)...)
	if code != exitOK {
		t.Fatalf("dry run exit %d: %s", code, stderr)
	}
	if env.archive.Counts().Total != 0 {
		t.Errorf("dry run made %d requests", env.archive.Counts().Total)
	}
	for _, want := range []string{"57 entries", "usenix 26", "title 26", "doi 3", "github 2", "www.usenix.org", "dblp.org", "estimated duration"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("dry-run plan lacks %q:\n%s", want, stdout)
		}
	}

	if code, _, stderr := env.run(t, append(append([]string{}, base...), seedList)...); code == exitUsage {
		t.Fatalf("run failed: %s", stderr)
	}
	_, stdout, _ = env.run(t, append(append([]string{}, base...), "--dry-run", seedList)...)
	if !strings.Contains(stdout, "requests needed: none") {
		t.Errorf("after a full run the plan should need no request:\n%s", stdout)
	}

	// The sources "go dark": an empty cache and --offline answer nothing.
	before, _ := os.ReadFile(filepath.Join(out, "papers.json"))
	dark := []string{"enrich", "--offline", "--cache", filepath.Join(dir, "empty.sqlite"), "--out", out, seedList}
	code, _, stderr = env.run(t, dark...)
	if code != exitFailed {
		t.Errorf("guarded run exit %d, want %d", code, exitFailed)
	}
	if !strings.Contains(stderr, "coverage guard") || !strings.Contains(stderr, "papers with authors") {
		t.Errorf("guard message missing:\n%s", stderr)
	}
	after, _ := os.ReadFile(filepath.Join(out, "papers.json"))
	if !bytes.Equal(before, after) {
		t.Error("the guard let a darker dataset replace papers.json")
	}
	if _, err := os.Stat(filepath.Join(out, "papers.new.json")); err != nil {
		t.Errorf("the new dataset was not written beside the old one: %v", err)
	}
	// --coverage-guard 0 accepts it, and the stale .new files go away.
	code, _, _ = env.run(t, append([]string{"enrich", "--coverage-guard", "0", "--offline", "--cache", filepath.Join(dir, "empty.sqlite"), "--out", out}, seedList)...)
	if _, err := os.Stat(filepath.Join(out, "papers.new.json")); !os.IsNotExist(err) {
		t.Errorf("papers.new.json left behind after an accepted run (exit %d)", code)
	}
}
