package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paperlist/paperlist"
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

// TestBlogListThroughRecordedAnswers: the personal-blog list (10 entries,
// 3 not papers) through the recorded answers: the five papers DBLP knows
// resolve with their authors; the book, the post and the talk are never
// searched; a nickname whose PDF is gone says so.
func TestBlogListThroughRecordedAnswers(t *testing.T) {
	env := newReplayEnv(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	args := append([]string{"enrich", "--cache", filepath.Join(dir, "c.sqlite"), "--out", out,
		"--rate", "raft.github.io=500", "--rate", "static.googleusercontent.com=500", "--rate", "research.google=500",
		"--rate", "www.oreilly.com=500", "--rate", "www.somethingsimilar.com=500", "--rate", "www.youtube.com=500",
		"--rate", "lamport.azurewebsites.net=500"}, fastRates...)
	code, _, stderr := env.run(t, append(args, "../../readinglist/testdata/blog-list.md")...)
	if code != exitFailed {
		t.Fatalf("exit %d, want %d (the recordings lack the PDFs and pages): %s", code, exitFailed, stderr)
	}
	byLine := map[int]paperlist.Paper{}
	for _, p := range readPapers(t, filepath.Join(out, "papers.json")) {
		byLine[p.Line] = p
	}
	for _, c := range []struct {
		line          int
		status        paperlist.Status
		firstAuthor   string
		venue         string
		kind          paperlist.Kind
		reasonContain string
	}{
		{10, paperlist.StatusError, "", "", paperlist.KindPaper, "the PDF is gone (HTTP 404)"},
		{12, paperlist.StatusPartial, "Sanjay Ghemawat", "SOSP", paperlist.KindPaper, ""},
		{13, paperlist.StatusPartial, "Diego Ongaro", "ATC", paperlist.KindPaper, ""},
		{14, paperlist.StatusPartial, "Fay Chang", "OSDI", paperlist.KindPaper, ""},
		{15, paperlist.StatusError, "", "", paperlist.KindBook, "the linked page is gone"},
		{16, paperlist.StatusError, "", "", paperlist.KindPost, "the linked page is gone"},
		{17, paperlist.StatusPartial, "Giuseppe DeCandia", "SOSP", paperlist.KindPaper, ""},
		{18, paperlist.StatusPartial, "Leslie Lamport", "CACM", paperlist.KindPaper, ""},
		{19, paperlist.StatusError, "", "", paperlist.KindOther, ""},
	} {
		p := byLine[c.line]
		if p.Status != c.status || p.Kind != c.kind || p.Venue != c.venue {
			t.Errorf("line %d: status %s kind %s venue %q; want %s %s %q (errors %v)", c.line, p.Status, p.Kind, p.Venue, c.status, c.kind, c.venue, p.Errors)
		}
		if c.firstAuthor != "" && (len(p.Authors) == 0 || p.Authors[0].Name != c.firstAuthor) {
			t.Errorf("line %d: authors %+v", c.line, p.Authors)
		}
	}
	report, err := os.ReadFile(filepath.Join(out, "report.md"))
	if err != nil || !strings.Contains(string(report), "the PDF is gone (HTTP 404)") {
		t.Errorf("report.md lacks the nickname's reason: %v\n%s", err, report)
	}
	// The book, the post and the talk were never looked up by title, nor
	// the nicknames whose PDF is gone: DBLP was asked for the five papers
	// only (each verified there), and for its robots.txt.
	if n := env.archive.Counts().ByHost["dblp.org"]; n != 5+1 {
		t.Errorf("dblp.org got %d requests, want 5 searches and robots.txt", n)
	}
}
