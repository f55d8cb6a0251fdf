package cache

import (
	"bufio"
	"bytes"
	"context"
	"net/http"
	"net/textproto"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/paperlist/paperlist/fetch"
)

// Real values from testdata/ (see testdata/README.md).
const (
	gcclURL     = "https://api.github.com/repos/czkkkkkk/gccl"
	gcclETag    = `W/"7f3c2a9d1e0b4c6a8f5e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a"`
	gcclLastMod = "Sun, 02 Nov 2025 07:13:45 GMT"
	goyalURL    = "https://www.usenix.org/conference/nsdi22/presentation/goyal"
)

// t0 is the fixed start of every test clock.
var t0 = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// openTemp opens a fresh store in a temporary directory.
func openTemp(t testing.TB) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "sub", "cache.sqlite"), Options{})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() {
		if err := s.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return s
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// readHeaders parses a saved .headers file: a status line, then "name: value".
func readHeaders(t testing.TB, name string) (int, http.Header) {
	t.Helper()
	r := textproto.NewReader(bufio.NewReader(bytes.NewReader(readTestdata(t, name))))
	line, err := r.ReadLine()
	if err != nil {
		t.Fatal(err)
	}
	fields := strings.Fields(line)
	status, err := strconv.Atoi(fields[1])
	if err != nil {
		t.Fatalf("%s: status line %q: %v", name, line, err)
	}
	h, err := r.ReadMIMEHeader()
	if err != nil && len(h) == 0 {
		t.Fatalf("%s: %v", name, err)
	}
	return status, http.Header(h)
}

// gcclResponse is the saved GitHub API answer, as the HTTP client would hand
// it over (all headers, not only the kept ones).
func gcclResponse(t testing.TB, at time.Time) *fetch.Response {
	t.Helper()
	status, h := readHeaders(t, "github-gccl.headers")
	return &fetch.Response{
		URL: gcclURL, FinalURL: gcclURL, Status: status, Header: h,
		Body: readTestdata(t, "github-gccl.json"), FetchedAt: at,
	}
}

// goyalResponse is the saved USENIX page.
func goyalResponse(t testing.TB, at time.Time) *fetch.Response {
	t.Helper()
	return &fetch.Response{
		URL: goyalURL, FinalURL: goyalURL, Status: 200,
		Header:    http.Header{"Content-Type": {"text/html; charset=UTF-8"}},
		Body:      readTestdata(t, "usenix-goyal.html"),
		FetchedAt: at,
	}
}

// fakeNext is a Fetcher whose behaviour is a function field; it counts calls
// and keeps the requests it saw.
type fakeNext struct {
	get   func(ctx context.Context, req fetch.Request) (*fetch.Response, error)
	calls atomic.Int64
	mu    sync.Mutex
	reqs  []fetch.Request
}

func (f *fakeNext) Get(ctx context.Context, req fetch.Request) (*fetch.Response, error) {
	f.calls.Add(1)
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	f.mu.Unlock()
	return f.get(ctx, req)
}

func (f *fakeNext) lastReq() fetch.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.reqs[len(f.reqs)-1]
}

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}
