package cache

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paperlist/paperlist/fetch"
	"github.com/paperlist/paperlist/internal/diskfault"
)

// pageURL and pageBody are the i-th answer of fillCache.
func pageURL(i int) string { return fmt.Sprintf("https://papers.example/p/%d", i) }
func pageBody(i int) string {
	return fmt.Sprintf("<html>MARK-%03d-", i) + strings.Repeat("x", 1500) + "</html>"
}

// fillCache writes n answers into a new cache at path and closes it.
func fillCache(t *testing.T, path string, n int) {
	t.Helper()
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range n {
		r := &fetch.Response{URL: pageURL(i), FinalURL: pageURL(i), Status: 200, Body: []byte(pageBody(i)), FetchedAt: t0}
		if err := s.PutResponse(context.Background(), r); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
}

// A corrupt page is a cache miss: the answer is fetched again and written
// over it, the corruption is reported once, the other rows are served from
// the cache; Check finds the damage and Repair rebuilds a clean cache with
// every readable row, keeping the damaged file aside.
func TestCorruptPageIsAMissAndRepairRebuilds(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cache.sqlite")
	const n = 40
	fillCache(t, path, n)
	if _, err := diskfault.CorruptPage(path, []byte("MARK-020-")); err != nil {
		t.Fatal(err)
	}

	res, err := Check(ctx, path, false)
	if err != nil {
		t.Fatal(err)
	}
	if res.OK() {
		t.Fatal("Check found nothing wrong in a file with a page of garbage")
	}
	t.Logf("check: %q", res.Problems)

	s, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	next := &fakeNext{get: func(_ context.Context, req fetch.Request) (*fetch.Response, error) {
		return &fetch.Response{URL: req.URL, FinalURL: req.URL, Status: 200, Body: []byte("fresh " + req.URL), FetchedAt: t0}, nil
	}}
	rt := &ReadThrough{Store: s, Next: next, Now: (&clock{t: t0}).Now,
		Logger: slog.New(slog.NewTextHandler(&logs, nil))}
	for i := range n {
		resp, err := rt.Get(ctx, fetch.Request{URL: pageURL(i)})
		if err != nil {
			t.Fatalf("Get %s: %v", pageURL(i), err)
		}
		if !resp.FromCache && string(resp.Body) != "fresh "+pageURL(i) {
			t.Errorf("%s: body %.20q", pageURL(i), resp.Body)
		}
		if resp.FromCache && string(resp.Body) != pageBody(i) {
			t.Errorf("%s: cached body %.20q, want %.20q", pageURL(i), resp.Body, pageBody(i))
		}
	}
	reads, _ := rt.Problems()
	fetched := int(next.calls.Load())
	if reads == 0 || fetched != reads {
		t.Errorf("%d read errors, %d fetched: want the unreadable ones, and only them, fetched", reads, fetched)
	}
	if c := strings.Count(logs.String(), "a cached answer cannot be read"); c != 1 {
		t.Errorf("%d corruption warnings, want 1:\n%s", c, logs.String())
	}
	if !strings.Contains(logs.String(), "paperlist cache repair") {
		t.Errorf("the warning does not say how to repair:\n%s", logs.String())
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}

	rep, err := Repair(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Kept["responses"]+rep.Lost["responses"] != n || rep.Lost["responses"] == 0 {
		t.Errorf("repair kept %d and lost %d responses, want %d in all, some lost", rep.Kept["responses"], rep.Lost["responses"], n)
	}
	if _, err := os.Stat(rep.Backup); err != nil {
		t.Errorf("damaged file not kept: %v", err)
	}
	if res, err := Check(ctx, path, true); err != nil || !res.OK() {
		t.Errorf("after repair: Check = %q, %v", res.Problems, err)
	}
	s, err = Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	kept := 0
	for i := range n {
		c, err := s.Response(ctx, pageURL(i))
		if err != nil {
			t.Fatalf("after repair: %v", err)
		}
		if c != nil {
			kept++
			if string(c.Resp.Body) != pageBody(i) && !strings.HasPrefix(string(c.Resp.Body), "fresh ") {
				t.Errorf("after repair %s: body %.20q", pageURL(i), c.Resp.Body)
			}
		}
	}
	if kept != rep.Kept["responses"] {
		t.Errorf("%d answers readable after repair, Repair says it kept %d", kept, rep.Kept["responses"])
	}
}

// A store that cannot be written (here: SQLite's page limit, which fails
// like a full disk with "database or disk is full") does not lose the
// fetched answers: they are returned, kept in memory for the rest of the
// run, and the failure is reported once.
func TestFullStoreKeepsAnswersInMemory(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	s.db.SetMaxOpenConns(1)
	var pages int
	if err := s.db.QueryRowContext(ctx, `PRAGMA page_count`).Scan(&pages); err != nil {
		t.Fatal(err)
	}
	if _, err := s.db.ExecContext(ctx, fmt.Sprintf(`PRAGMA max_page_count = %d`, pages+2)); err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	next := &fakeNext{get: func(_ context.Context, req fetch.Request) (*fetch.Response, error) {
		return &fetch.Response{URL: req.URL, FinalURL: req.URL, Status: 200, Body: []byte(pageBody(len(req.URL))), FetchedAt: t0}, nil
	}}
	rt := &ReadThrough{Store: s, Next: next, Now: (&clock{t: t0}).Now, Logger: slog.New(slog.NewTextHandler(&logs, nil))}
	const n = 20
	for round := range 2 {
		for i := range n {
			resp, err := rt.Get(ctx, fetch.Request{URL: pageURL(i)})
			if err != nil {
				t.Fatalf("round %d: Get %s: %v", round, pageURL(i), err)
			}
			if string(resp.Body) != pageBody(len(pageURL(i))) {
				t.Errorf("round %d: %s: body %.20q", round, pageURL(i), resp.Body)
			}
		}
	}
	if got := next.calls.Load(); got != n {
		t.Errorf("%d requests for %d URLs asked twice, want %d (the second round from the cache or memory)", got, n, n)
	}
	_, writes := rt.Problems()
	if writes == 0 {
		t.Fatal("no write failed: the page limit did not bite")
	}
	if c := strings.Count(logs.String(), "cannot write"); c != 1 || !strings.Contains(logs.String(), "full") {
		t.Errorf("%d write warnings, want 1 naming the full disk:\n%s", c, logs.String())
	}
	if err := rt.PutRecord(ctx, "k", bytes.Repeat([]byte("r"), 20000)); err != nil {
		t.Errorf("PutRecord on a full store: %v, want nil (reported once)", err)
	}
}
