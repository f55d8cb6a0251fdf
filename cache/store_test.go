package cache

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paperlist/paperlist/fetch"
)

func TestResponseRoundTrip(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name        string
		resp        func(t testing.TB) *fetch.Response
		wantHeader  map[string]string // canonical name -> value
		wantAbsent  []string          // headers that must not be stored
		wantETag    string
		wantLastMod string
		wantPrefix  string // first bytes of the body
	}{
		{
			name: "github json with validators",
			resp: func(t testing.TB) *fetch.Response { return gcclResponse(t, t0) },
			wantHeader: map[string]string{
				"Content-Type":          "application/json; charset=utf-8",
				"Etag":                  gcclETag,
				"Last-Modified":         gcclLastMod,
				"Cache-Control":         "public, max-age=60, s-maxage=60",
				"X-Ratelimit-Limit":     "60",
				"X-Ratelimit-Remaining": "57",
				"X-Ratelimit-Reset":     "1780318800",
			},
			wantAbsent:  []string{"Server", "Vary", "X-Github-Request-Id", "Date", "Access-Control-Allow-Origin", "X-Ratelimit-Used"},
			wantETag:    gcclETag,
			wantLastMod: gcclLastMod,
			wantPrefix:  "{\n  \"id\": 332000001,",
		},
		{
			name:       "usenix page without validators",
			resp:       func(t testing.TB) *fetch.Response { return goyalResponse(t, t0) },
			wantHeader: map[string]string{"Content-Type": "text/html; charset=UTF-8"},
			wantPrefix: "<!DOCTYPE html>",
		},
		{
			name: "redirected answer with a cookie and an empty body",
			resp: func(testing.TB) *fetch.Response {
				return &fetch.Response{
					URL: "http://doi.org/10.1145/3477132.3483553", FinalURL: "https://dl.acm.org/doi/10.1145/3477132.3483553",
					Status: 204, FetchedAt: t0,
					Header: http.Header{"Set-Cookie": {"__cf_bm=secret"}, "Location": {"https://dl.acm.org/doi/10.1145/3477132.3483553"}},
				}
			},
			wantHeader: map[string]string{"Location": "https://dl.acm.org/doi/10.1145/3477132.3483553"},
			wantAbsent: []string{"Set-Cookie"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTemp(t)
			in := tt.resp(t)
			if err := s.PutResponse(ctx, in); err != nil {
				t.Fatal(err)
			}
			c, err := s.Response(ctx, in.URL)
			if err != nil || c == nil {
				t.Fatalf("Response = %v, %v", c, err)
			}
			got := c.Resp
			if c.Negative || c.Status != in.Status || got.Status != in.Status {
				t.Errorf("negative %v, status %d/%d, want a good %d", c.Negative, c.Status, got.Status, in.Status)
			}
			if !bytes.Equal(got.Body, in.Body) {
				t.Errorf("body: got %d bytes, want %d", len(got.Body), len(in.Body))
			}
			if !strings.HasPrefix(string(got.Body), tt.wantPrefix) {
				t.Errorf("body starts %q, want %q", got.Body[:min(len(got.Body), 30)], tt.wantPrefix)
			}
			if got.URL != in.URL || got.FinalURL != in.FinalURL {
				t.Errorf("URLs %q, %q; want %q, %q", got.URL, got.FinalURL, in.URL, in.FinalURL)
			}
			if !got.FetchedAt.Equal(t0) || !c.FetchedAt.Equal(t0) {
				t.Errorf("FetchedAt %v, want %v", got.FetchedAt, t0)
			}
			if !got.FromCache || got.Stale {
				t.Errorf("FromCache %v Stale %v, want true false", got.FromCache, got.Stale)
			}
			for k, v := range tt.wantHeader {
				if g := got.Header.Get(k); g != v {
					t.Errorf("header %s = %q, want %q", k, g, v)
				}
			}
			if len(got.Header) != len(tt.wantHeader) {
				t.Errorf("stored headers %v, want only %v", got.Header, tt.wantHeader)
			}
			for _, k := range tt.wantAbsent {
				if got.Header.Get(k) != "" {
					t.Errorf("header %s stored, must not be", k)
				}
			}
			if c.ETag != tt.wantETag || c.LastModified != tt.wantLastMod {
				t.Errorf("validators %q %q, want %q %q", c.ETag, c.LastModified, tt.wantETag, tt.wantLastMod)
			}
		})
	}
}

func TestResponseAbsentIsNil(t *testing.T) {
	s := openTemp(t)
	c, err := s.Response(context.Background(), gcclURL)
	if c != nil || err != nil {
		t.Fatalf("Response of an unknown URL = %v, %v; want nil, nil", c, err)
	}
}

func TestPutResponseRefusesNonAnswers(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	for _, status := range []int{304, 404, 429, 503} {
		r := gcclResponse(t, t0)
		r.Status = status
		err := s.PutResponse(ctx, r)
		if err == nil || !strings.Contains(err.Error(), gcclURL) {
			t.Errorf("PutResponse(HTTP %d) = %v, want an error naming the URL", status, err)
		}
	}
	if c, _ := s.Response(ctx, gcclURL); c != nil {
		t.Errorf("a refused answer was stored: status %d", c.Status)
	}
}

func TestPutNegative(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name         string
		setup        func(t *testing.T, s *Store)
		wantNegative bool
		wantStatus   int
		wantAt       time.Time
	}{
		{
			name:         "absent URL becomes negative",
			setup:        func(*testing.T, *Store) {},
			wantNegative: true, wantStatus: 410, wantAt: t0.Add(time.Hour),
		},
		{
			name: "good copy is never overwritten",
			setup: func(t *testing.T, s *Store) {
				if err := s.PutResponse(ctx, gcclResponse(t, t0)); err != nil {
					t.Fatal(err)
				}
			},
			wantStatus: 200, wantAt: t0,
		},
		{
			name: "older negative is refreshed",
			setup: func(t *testing.T, s *Store) {
				if err := s.PutNegative(ctx, gcclURL, 404, t0); err != nil {
					t.Fatal(err)
				}
			},
			wantNegative: true, wantStatus: 410, wantAt: t0.Add(time.Hour),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTemp(t)
			tt.setup(t, s)
			if err := s.PutNegative(ctx, gcclURL, 410, t0.Add(time.Hour)); err != nil {
				t.Fatal(err)
			}
			c, err := s.Response(ctx, gcclURL)
			if err != nil || c == nil {
				t.Fatalf("Response = %v, %v", c, err)
			}
			if c.Negative != tt.wantNegative || c.Status != tt.wantStatus || !c.FetchedAt.Equal(tt.wantAt) {
				t.Errorf("got negative %v status %d at %v; want %v %d %v", c.Negative, c.Status, c.FetchedAt, tt.wantNegative, tt.wantStatus, tt.wantAt)
			}
			if tt.wantNegative != (c.Resp == nil) {
				t.Errorf("Resp = %v with Negative %v", c.Resp, c.Negative)
			}
			if !tt.wantNegative && !strings.Contains(string(c.Resp.Body), `"full_name": "czkkkkkk/gccl"`) {
				t.Errorf("good body lost: %.60q", c.Resp.Body)
			}
		})
	}
	t.Run("good answer replaces negative", func(t *testing.T) {
		s := openTemp(t)
		if err := s.PutNegative(ctx, gcclURL, 404, t0); err != nil {
			t.Fatal(err)
		}
		if err := s.PutResponse(ctx, gcclResponse(t, t0.Add(time.Hour))); err != nil {
			t.Fatal(err)
		}
		c, err := s.Response(ctx, gcclURL)
		if err != nil || c.Negative || c.Resp.Header.Get("ETag") != gcclETag {
			t.Fatalf("got %+v, %v; want the good copy", c, err)
		}
	})
}

func TestTouch(t *testing.T) {
	ctx := context.Background()
	later := t0.Add(40 * 24 * time.Hour)
	tests := []struct {
		name, etag, lastMod   string
		wantETag, wantLastMod string
	}{
		{"304 without validators keeps the old ones", "", "", gcclETag, gcclLastMod},
		{"304 with a new etag takes it", `W/"new"`, "", `W/"new"`, gcclLastMod},
		{"304 with both takes both", `"v2"`, "Mon, 01 Jun 2026 12:05:00 GMT", `"v2"`, "Mon, 01 Jun 2026 12:05:00 GMT"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := openTemp(t)
			if err := s.PutResponse(ctx, gcclResponse(t, t0)); err != nil {
				t.Fatal(err)
			}
			if err := s.Touch(ctx, gcclURL, later, tt.etag, tt.lastMod); err != nil {
				t.Fatal(err)
			}
			c, err := s.Response(ctx, gcclURL)
			if err != nil {
				t.Fatal(err)
			}
			if !c.FetchedAt.Equal(later) || !c.Resp.FetchedAt.Equal(later) {
				t.Errorf("FetchedAt %v, want %v", c.FetchedAt, later)
			}
			if c.ETag != tt.wantETag || c.Resp.Header.Get("ETag") != tt.wantETag {
				t.Errorf("ETag %q / header %q, want %q", c.ETag, c.Resp.Header.Get("ETag"), tt.wantETag)
			}
			if c.LastModified != tt.wantLastMod || c.Resp.Header.Get("Last-Modified") != tt.wantLastMod {
				t.Errorf("Last-Modified %q, want %q", c.LastModified, tt.wantLastMod)
			}
			if !bytes.Equal(c.Resp.Body, readTestdata(t, "github-gccl.json")) {
				t.Error("body changed by Touch")
			}
		})
	}
	t.Run("no copy", func(t *testing.T) {
		s := openTemp(t)
		if err := s.PutNegative(ctx, gcclURL, 404, t0); err != nil {
			t.Fatal(err)
		}
		err := s.Touch(ctx, gcclURL, later, "", "")
		if !errors.Is(err, ErrNoCopy) || !strings.Contains(err.Error(), gcclURL) {
			t.Errorf("Touch of a negative row = %v, want ErrNoCopy naming the URL", err)
		}
	})
}

func TestRecords(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	const key = "osdi/2023/alpaserve"
	if _, _, ok, err := s.Record(ctx, key); ok || err != nil {
		t.Fatalf("Record of an unknown key: ok %v err %v", ok, err)
	}
	steps := []struct {
		data string
		at   time.Time
	}{
		{`{"title":"AlpaServe: Statistical Multiplexing with Model Parallelism for Deep Learning Serving"}`, t0},
		{`{"title":"AlpaServe","pages":"663-679"}`, t0.Add(time.Hour)},
	}
	for _, st := range steps {
		if err := s.PutRecord(ctx, key, []byte(st.data), st.at); err != nil {
			t.Fatal(err)
		}
		data, at, ok, err := s.Record(ctx, key)
		if err != nil || !ok || string(data) != st.data || !at.Equal(st.at) {
			t.Errorf("Record = %q, %v, %v, %v; want %q at %v", data, at, ok, err, st.data, st.at)
		}
	}
}

func TestStatsAndRuns(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	st, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Responses != 0 || st.LastRun != nil || !st.Oldest.IsZero() || st.SchemaVersion != SchemaVersion() {
		t.Errorf("empty cache stats: %+v", st)
	}

	gccl, goyal := gcclResponse(t, t0), goyalResponse(t, t0.Add(48*time.Hour))
	for _, r := range []*fetch.Response{gccl, goyal} {
		if err := s.PutResponse(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.PutNegative(ctx, "https://api.crossref.org/works/10.1145/0000000", 404, t0.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := s.PutRecord(ctx, "nsdi/2022/goyal", []byte(`{"title":"Backpressure Flow Control"}`), t0); err != nil {
		t.Fatal(err)
	}
	first, err := s.StartRun(ctx, t0)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.FinishRun(ctx, first, t0.Add(time.Minute), 40, 30); err != nil {
		t.Fatal(err)
	}
	if _, err := s.StartRun(ctx, t0.Add(time.Hour)); err != nil { // never finished
		t.Fatal(err)
	}
	if err := s.FinishRun(ctx, 999, t0, 1, 1); err == nil {
		t.Error("FinishRun of an unknown run succeeded")
	}

	st, err = s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	wantBytes := int64(len(gccl.Body) + len(goyal.Body)) // 5201 + 40685
	if st.Responses != 2 || st.NegativeResponses != 1 || st.Records != 1 || st.Bytes != wantBytes {
		t.Errorf("counts: %d responses, %d negative, %d records, %d bytes; want 2, 1, 1, %d",
			st.Responses, st.NegativeResponses, st.Records, st.Bytes, wantBytes)
	}
	if st.FileBytes < wantBytes {
		t.Errorf("FileBytes %d, smaller than the bodies (%d)", st.FileBytes, wantBytes)
	}
	if !st.Oldest.Equal(t0) || !st.Newest.Equal(t0.Add(48*time.Hour)) {
		t.Errorf("range %v .. %v", st.Oldest, st.Newest)
	}
	if st.Path != s.Path() || filepath.Base(st.Path) != "cache.sqlite" {
		t.Errorf("Path %q", st.Path)
	}
	lr := st.LastRun
	if lr == nil || lr.ID != first || lr.Requests != 40 || lr.Hits != 30 || lr.HitRate != 0.75 ||
		!lr.Started.Equal(t0) || !lr.Finished.Equal(t0.Add(time.Minute)) {
		t.Errorf("LastRun = %+v, want run %d with 30/40 = 0.75", lr, first)
	}
}

func TestPrune(t *testing.T) {
	ctx := context.Background()
	s := openTemp(t)
	// 30 old copies of the USENIX page (1.2 MB), one new GitHub answer.
	goyal := goyalResponse(t, t0)
	for i := range 30 {
		r := *goyal
		r.URL = goyalURL + "?copy=" + string(rune('a'+i))
		if err := s.PutResponse(ctx, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.PutNegative(ctx, "https://dblp.org/gone", 410, t0); err != nil {
		t.Fatal(err)
	}
	if err := s.PutResponse(ctx, gcclResponse(t, t0.Add(10*24*time.Hour))); err != nil {
		t.Fatal(err)
	}
	if err := s.PutRecord(ctx, "old", []byte(`{}`), t0); err != nil {
		t.Fatal(err)
	}
	if err := s.PutRecord(ctx, "new", []byte(`{}`), t0.Add(10*24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	before, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}

	resps, recs, err := s.Prune(ctx, t0.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if resps != 31 || recs != 1 {
		t.Errorf("Prune removed %d responses and %d records, want 31 and 1", resps, recs)
	}
	after, err := s.Stats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after.Responses != 1 || after.NegativeResponses != 0 || after.Records != 1 || after.Bytes != 5201 {
		t.Errorf("after prune: %+v", after)
	}
	if after.FileBytes >= before.FileBytes/4 {
		t.Errorf("file did not shrink: %d bytes before, %d after", before.FileBytes, after.FileBytes)
	}
	if c, _ := s.Response(ctx, gcclURL); c == nil || c.Resp.Header.Get("ETag") != gcclETag {
		t.Error("the young GitHub answer was pruned")
	}
	if _, _, ok, _ := s.Record(ctx, "new"); !ok {
		t.Error("the young record was pruned")
	}
}

func TestReadOnly(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "cache.sqlite")

	if _, err := Open(ctx, path, Options{ReadOnly: true}); !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), path) {
		t.Errorf("read-only Open of a missing file = %v, want fs.ErrNotExist naming the path", err)
	}

	w, err := Open(ctx, path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	if err := w.PutResponse(ctx, gcclResponse(t, t0)); err != nil {
		t.Fatal(err)
	}

	// The writer holds the lock; a read-only store still opens and sees its data.
	r, err := Open(ctx, path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only Open while a run writes: %v", err)
	}
	defer r.Close()
	st, err := r.Stats(ctx)
	if err != nil || st.Responses != 1 || st.Bytes != 5201 {
		t.Errorf("read-only Stats = %+v, %v", st, err)
	}
	if err := r.PutRecord(ctx, "k", []byte("{}"), t0); err == nil {
		t.Error("a read-only store accepted a write")
	}
}

func TestDefaultPath(t *testing.T) {
	t.Setenv("XDG_CACHE_HOME", "/home/ada/.cache")
	t.Setenv("HOME", "/home/ada")
	got, err := DefaultPath()
	if err != nil {
		t.Fatal(err)
	}
	if want := "/home/ada/.cache/paperlist/cache.sqlite"; got != want {
		t.Errorf("DefaultPath = %q, want %q", got, want)
	}
}
