package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestNicknamePDFEndToEnd: a personal list's "[Chain Replication](…pdf)" is
// identified from the real PDF (one GET through the proxy, cached), then
// resolved and verified by the title and authors read from its first page.
func TestNicknamePDFEndToEnd(t *testing.T) {
	env := newReplayEnv(t)
	dir := t.TempDir()
	pdf := "https://raw.githubusercontent.com/papers-we-love/papers-we-love/main/distributed_systems/chain-replication-for-supporting-high-throughput-and-availability.pdf"
	list := filepath.Join(dir, "list.md")
	if err := os.WriteFile(list, []byte("# Distributed systems\n\n1. [Chain Replication]("+pdf+") -> re-reading it\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	args := append([]string{"enrich", "--cache", filepath.Join(dir, "c.sqlite"), "--out", out,
		"--rate", "raw.githubusercontent.com=500"}, fastRates...)
	code, _, stderr := env.run(t, append(args, list)...)
	if code > exitFailed {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	ps := readPapers(t, filepath.Join(out, "papers.json"))
	if len(ps) != 1 {
		t.Fatalf("%d records", len(ps))
	}
	p := ps[0]
	if p.Title != "Chain Replication for Supporting High Throughput and Availability" || p.ListTitle != "Chain Replication" {
		t.Errorf("title %q (list %q)", p.Title, p.ListTitle)
	}
	if len(p.Authors) != 2 || p.Authors[0].Name != "Robbert van Renesse" || p.Authors[1].Name != "Fred B. Schneider" {
		t.Errorf("authors %+v", p.Authors)
	}
	if p.Venue != "OSDI" || p.Year != 2004 || p.Pages != "91-104" || p.PDFURL != pdf {
		t.Errorf("venue %q year %d pages %q pdf %q", p.Venue, p.Year, p.Pages, p.PDFURL)
	}
	if len(p.Notes) != 1 || p.Notes[0] != "re-reading it" {
		t.Errorf("notes %q", p.Notes)
	}
	if env.archive.Hits(pdf) != 1 {
		t.Errorf("the PDF was fetched %d times, want 1", env.archive.Hits(pdf))
	}
	// A second run reads the record from the cache: no request at all.
	before := env.archive.Counts().Total
	if code, _, stderr := env.run(t, append(args, list)...); code > exitFailed {
		t.Fatalf("second run exit %d: %s", code, stderr)
	}
	if n := env.archive.Counts().Total - before; n != 0 {
		t.Errorf("the second run made %d requests", n)
	}
}
