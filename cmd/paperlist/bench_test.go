package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strings"
	"testing"
	"time"

	"github.com/paperlist/paperlist/bench"
	"github.com/paperlist/paperlist/internal/replay"
)

// In-process twins of the benchmarks in package bench, so that the command
// can be profiled with go test -cpuprofile / -memprofile (see BENCHMARKS.md).
// The process-level numbers (start-up, peak RSS) come from package bench.

// benchRun calls run with the given environment and returns the exit code
// and stderr.
func benchRun(b *testing.B, env map[string]string, args ...string) (int, string) {
	b.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, system{stdout: &out, stderr: &errb, getenv: func(k string) string { return env[k] }})
	return code, errb.String()
}

// BenchmarkWarmSeedInProcess is one warm enrich of the bundled list: the
// cache is filled by a cold run through the replay proxy first.
func BenchmarkWarmSeedInProcess(b *testing.B) {
	a, err := replay.Load("../../testdata/recorded")
	if err != nil {
		b.Fatal(err)
	}
	p, err := replay.NewProxy(a)
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(p)
	b.Cleanup(func() { srv.Close(); p.Close() })
	tr, err := p.Transport(srv.URL)
	if err != nil {
		b.Fatal(err)
	}
	dir := b.TempDir()
	args := append([]string{"enrich", "--mailto", "bench@example.invalid", "-q", "--cache", filepath.Join(dir, "c.sqlite"), "--out", filepath.Join(dir, "out")}, fastRates...)
	args = append(args, seedList)
	runIt := func() (int, string) {
		var out, errb bytes.Buffer
		code := run(context.Background(), args, system{stdout: &out, stderr: &errb, getenv: func(string) string { return "" }, transport: tr})
		return code, errb.String()
	}
	if code, stderr := runIt(); code > exitFailed {
		b.Fatalf("cold run exited %d: %s", code, stderr)
	}
	cold := a.Counts().Total
	stop := warmProfile(b)
	defer stop()
	for b.Loop() {
		if code, stderr := runIt(); code > exitFailed || !strings.Contains(stderr, " 0 requests") {
			b.Fatalf("warm run exited %d: %s", code, stderr)
		}
	}
	if n := a.Counts().Total - cold; n != 0 {
		b.Fatalf("warm runs made %d requests", n)
	}
}

// warmProfile writes a CPU profile of the warm runs alone (not of the cold
// run that fills the cache) to $PAPERLIST_BENCH_CPUPROFILE when it is set,
// and allocation profiles before and after them beside it (compare them with
// go tool pprof -base X.allocs-before X.allocs-after).
func warmProfile(b *testing.B) func() {
	path := os.Getenv("PAPERLIST_BENCH_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		b.Fatal(err)
	}
	allocs := func(name string) {
		runtime.GC()
		a, err := os.Create(path + name)
		if err == nil {
			err = pprof.Lookup("allocs").WriteTo(a, 0)
		}
		if err == nil {
			err = a.Close()
		}
		if err != nil {
			b.Error(err)
		}
	}
	allocs(".allocs-before") // pprof -base it away from .allocs-after
	return func() {
		pprof.StopCPUProfile()
		if err := f.Close(); err != nil {
			b.Error(err)
		}
		allocs(".allocs-after")
	}
}

// BenchmarkWarmScaleInProcess is one warm enrich of a generated 10,000-entry
// list (PAPERLIST_BENCH_SCALE=1 only). The cache is filled by a cold run
// against a farm with 1–2 ms latency, which the warm runs never reach.
func BenchmarkWarmScaleInProcess(b *testing.B) {
	if os.Getenv("PAPERLIST_BENCH_SCALE") != "1" {
		b.Skip("set PAPERLIST_BENCH_SCALE=1 for the 10,000-entry runs")
	}
	const entries = 10000
	farm := bench.NewFarm(5, bench.UniformLatency(time.Millisecond, 2*time.Millisecond))
	b.Cleanup(farm.Close)
	list := bench.GenerateList(bench.ListOptions{Entries: entries, Hosts: farm.URLs(), Grouped: 0.8, Seed: 10})
	dir := b.TempDir()
	listPath := filepath.Join(dir, "list.md")
	if err := os.WriteFile(listPath, list.Markdown, 0o644); err != nil {
		b.Fatal(err)
	}
	args := []string{"enrich", "--allow-private-hosts", "-q", "--cache", filepath.Join(dir, "c.sqlite"), "--out", filepath.Join(dir, "out")}
	for _, h := range farm.HostKeys() {
		args = append(args, "--rate", h+"=5000")
	}
	args = append(args, listPath)
	if code, stderr := benchRun(b, nil, args...); code != exitOK {
		b.Fatalf("cold run exited %d: %s", code, stderr)
	}
	want := fmt.Sprintf("%d entries, %d enriched", entries, entries)
	stop := warmProfile(b)
	defer stop()
	for b.Loop() {
		code, stderr := benchRun(b, nil, args...)
		if code != exitOK || !strings.Contains(stderr, want) || !strings.Contains(stderr, " 0 requests") {
			b.Fatalf("warm run exited %d: %s", code, stderr)
		}
	}
}
