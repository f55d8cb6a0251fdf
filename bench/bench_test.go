package bench

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/paperlist/paperlist"
	"github.com/paperlist/paperlist/internal/replay"
)

// Sizes: small at -benchtime=1x in CI, the real ones with the environment
// variables make bench sets.
func full() bool  { return os.Getenv("PAPERLIST_BENCH_FULL") == "1" }
func scale() bool { return os.Getenv("PAPERLIST_BENCH_SCALE") == "1" }

const (
	moduleRoot   = ".."
	seedList     = "../examples/systems-reading-list.md"
	recordedDir  = "../testdata/recorded"
	benchMailto  = "bench@example.invalid"
	farmHosts    = 5
	grouped      = 0.8 // share of a venue's links on its home host
	scaleRate    = 200 // requests/s per host, the 10,000-entry run
	scaleEntries = 10000
)

// binary returns the paperlist binary: $PAPERLIST_BIN when make built it,
// else a fresh build in a temporary directory.
func binary(b *testing.B) string {
	b.Helper()
	if bin := os.Getenv("PAPERLIST_BIN"); bin != "" {
		abs, err := filepath.Abs(bin)
		if err != nil {
			b.Fatal(err)
		}
		return abs
	}
	bin, err := Build(b.Context(), moduleRoot, b.TempDir())
	if err != nil {
		b.Fatal(err)
	}
	return bin
}

// coldRun is one enrich run of list against farm with a fresh cache.
type coldRun struct {
	res      Result
	requests []int // per host, this run only
	bound    time.Duration
	dir      string // holds cache.sqlite and out/
}

func runFarm(b *testing.B, bin string, farm *Farm, listPath, dir string, workers int, rate float64) coldRun {
	b.Helper()
	args := []string{"enrich", "--allow-private-hosts", "--mailto", benchMailto, "-q",
		"--cache", filepath.Join(dir, "cache.sqlite"), "--out", filepath.Join(dir, "out"),
		"--workers", fmt.Sprint(workers)}
	rates := make([]float64, farmHosts)
	for i, h := range farm.HostKeys() {
		args = append(args, "--rate", fmt.Sprintf("%s=%g", h, rate))
		rates[i] = rate
	}
	args = append(args, listPath)
	before := farm.Requests()
	res, err := Exec(b.Context(), bin, args, nil)
	if err != nil {
		b.Fatal(err)
	}
	if res.Code != 0 {
		b.Fatalf("paperlist exited %d:\n%s", res.Code, res.Stderr)
	}
	after := farm.Requests()
	run := coldRun{res: res, requests: make([]int, len(after)), dir: dir}
	for i := range after {
		run.requests[i] = after[i] - before[i]
	}
	if run.bound, err = Bound(run.requests, rates, farm.MeanLatency()); err != nil {
		b.Fatal(err)
	}
	return run
}

// checkDataset asserts what a user would look at: every entry has a record,
// and paper 0 carries the farm's title, first author and abstract.
func checkDataset(b *testing.B, dir string, entries int) {
	b.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "out", "papers.json"))
	if err != nil {
		b.Fatal(err)
	}
	var ps []paperlist.Paper
	if err := json.Unmarshal(data, &ps); err != nil {
		b.Fatal(err)
	}
	if len(ps) != entries {
		b.Fatalf("papers.json has %d records, want %d", len(ps), entries)
	}
	want := PaperN(0)
	p := ps[0]
	if p.Title != want.Title || len(p.Authors) != len(want.Authors) || p.Authors[0].Name != want.Authors[0].Name ||
		!strings.HasPrefix(p.Abstract, "Modern ") || p.Status != paperlist.StatusOK {
		b.Fatalf("first record = %q %+v %q %s %v; want %q by %s", p.Title, p.Authors, p.Abstract, p.Status, p.Errors, want.Title, want.Authors[0].Name)
	}
}

// checkRequests asserts that a cold run asked each host once per entry
// linking to it, plus its robots.txt when it had any entry.
func checkRequests(b *testing.B, requests, perHost []int) {
	b.Helper()
	for i, n := range perHost {
		want := n
		if n > 0 {
			want++
		}
		if requests[i] != want {
			b.Fatalf("requests per host %v, want one per entry %v plus one robots.txt per host used", requests, perHost)
		}
	}
}

func sum(xs []int) int {
	n := 0
	for _, x := range xs {
		n += x
	}
	return n
}

// coldConfigs are the per-host rates and worker counts of the cold runs:
// 20/s (an interval shorter than the latency) and 6/s (longer than the
// slowest answer, so that politeness alone sets the pace), each with the
// default 16 workers and sequentially.
var coldConfigs = []struct {
	rate    float64
	workers int
}{{20, 16}, {20, 1}, {6, 16}, {6, 1}}

// BenchmarkColdRun measures cold-run efficiency: a list of a few hundred
// entries spread unevenly over five hosts that answer in 50–150 ms, at the
// rates and worker counts of coldConfigs.
// "grouped" lists keep a venue's papers on one host, as real lists do;
// "spread" lists draw each link's host independently.
func BenchmarkColdRun(b *testing.B) {
	entries := 12
	if full() {
		entries = 300
	}
	bin := binary(b)
	farm := NewFarm(farmHosts, nil)
	b.Cleanup(farm.Close)
	for _, shape := range []struct {
		name    string
		grouped float64
	}{{"grouped", grouped}, {"spread", 0}} {
		list := GenerateList(ListOptions{Entries: entries, Hosts: farm.URLs(), Grouped: shape.grouped, Seed: 3})
		listPath := filepath.Join(b.TempDir(), "list.md")
		if err := os.WriteFile(listPath, list.Markdown, 0o644); err != nil {
			b.Fatal(err)
		}
		for _, c := range coldConfigs {
			b.Run(fmt.Sprintf("%s/rate=%g/workers=%d", shape.name, c.rate, c.workers), func(b *testing.B) {
				var run coldRun
				for b.Loop() {
					run = runFarm(b, bin, farm, listPath, b.TempDir(), c.workers, c.rate)
				}
				checkRequests(b, run.requests, list.PerHost)
				checkDataset(b, run.dir, entries)
				b.ReportMetric(run.res.Wall.Seconds(), "wall-s")
				b.ReportMetric(run.bound.Seconds(), "bound-s")
				b.ReportMetric(Efficiency(run.res.Wall, run.bound), "efficiency")
				b.ReportMetric(float64(slicesMax(run.requests)), "busiest-host-reqs")
				b.ReportMetric(float64(run.res.MaxRSSKiB)/1024, "maxrss-MiB")
			})
		}
	}
}

func slicesMax(xs []int) int {
	m := 0
	for _, x := range xs {
		m = max(m, x)
	}
	return m
}

// replayFarm serves the recorded answers through the HTTPS replay proxy and
// returns the environment that points a paperlist process at it.
func replayFarm(b *testing.B) (*replay.Archive, []string) {
	b.Helper()
	a, err := replay.Load(recordedDir)
	if err != nil {
		b.Fatal(err)
	}
	p, err := replay.NewProxy(a)
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(p)
	b.Cleanup(func() { srv.Close(); p.Close() })
	ca := filepath.Join(b.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, p.CACertPEM(), 0o644); err != nil {
		b.Fatal(err)
	}
	return a, []string{"HTTPS_PROXY=" + srv.URL, "HTTP_PROXY=" + srv.URL, "NO_PROXY=", "SSL_CERT_FILE=" + ca}
}

// replayRates let the cold run through the replay proxy finish in about a
// second; the warm runs make no request at all.
var replayRates = []string{
	"--rate", "www.usenix.org=500", "--rate", "dblp.org=500", "--rate", "api.crossref.org=500",
	"--rate", "api.openalex.org=500", "--rate", "api.semanticscholar.org=500", "--rate", "api.github.com=500",
	"--rate", "export.arxiv.org=500", "--rate", "dl.acm.org=500",
}

// BenchmarkWarmSeed times the whole process on the bundled 57-paper list
// with a warm cache: one cold run through the replay proxy fills the cache,
// then each warm run is exec'd from start to exit. It reports the median and
// p95 over the repetitions and fails if a warm run makes a request.
func BenchmarkWarmSeed(b *testing.B) {
	reps := 3
	if full() {
		reps = 31
	}
	bin := binary(b)
	archive, env := replayFarm(b)
	dir := b.TempDir()
	args := append([]string{"enrich", "--mailto", benchMailto, "-q",
		"--cache", filepath.Join(dir, "cache.sqlite"), "--out", filepath.Join(dir, "out")}, replayRates...)
	args = append(args, seedList)
	cold, err := Exec(b.Context(), bin, args, env)
	if err != nil {
		b.Fatal(err)
	}
	if cold.Code != 0 && cold.Code != 1 { // 1: the recordings answer only part of the list
		b.Fatalf("cold run exited %d:\n%s", cold.Code, cold.Stderr)
	}
	coldRequests := archive.Counts().Total
	if coldRequests == 0 {
		b.Fatal("the cold run made no request")
	}
	var walls []time.Duration
	var rss int64
	for b.Loop() {
		walls = walls[:0]
		for range reps {
			res, err := Exec(b.Context(), bin, args, env)
			if err != nil {
				b.Fatal(err)
			}
			if res.Code != cold.Code || !strings.Contains(res.Stderr, " 0 requests") {
				b.Fatalf("warm run exited %d (cold %d), stderr:\n%s", res.Code, cold.Code, res.Stderr)
			}
			walls = append(walls, res.Wall)
			rss = max(rss, res.MaxRSSKiB)
		}
	}
	if n := archive.Counts().Total - coldRequests; n != 0 {
		b.Fatalf("warm runs made %d requests, want 0", n)
	}
	checkSeedDataset(b, dir)
	b.ReportMetric(float64(Percentile(walls, 50).Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(Percentile(walls, 95).Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(rss)/1024, "maxrss-MiB")
	b.ReportMetric(float64(coldRequests), "cold-requests")
}

// checkSeedDataset checks the warm dataset still holds AlpaServe as the
// recorded USENIX page describes it.
func checkSeedDataset(b *testing.B, dir string) {
	b.Helper()
	data, err := os.ReadFile(filepath.Join(dir, "out", "papers.json"))
	if err != nil {
		b.Fatal(err)
	}
	var ps []paperlist.Paper
	if err := json.Unmarshal(data, &ps); err != nil {
		b.Fatal(err)
	}
	if len(ps) != 57 || ps[0].ID != "osdi2023-alpaserve" || len(ps[0].Authors) == 0 || ps[0].Authors[0].Name != "Zhuohan Li" {
		b.Fatalf("warm dataset: %d records, first %q by %+v", len(ps), ps[0].ID, ps[0].Authors)
	}
}

// BenchmarkScale runs a generated list of 10,000 entries (PAPERLIST_BENCH_SCALE=1
// only): a cold run at 200 requests/s per host with realistic latency, then
// warm runs. It reports cold efficiency, warm wall time, peak RSS of both and
// the cache's size per entry.
func BenchmarkScale(b *testing.B) {
	if !scale() {
		b.Skip("set PAPERLIST_BENCH_SCALE=1 for the 10,000-entry runs (make bench does)")
	}
	reps := 5
	bin := binary(b)
	farm := NewFarm(farmHosts, nil)
	b.Cleanup(farm.Close)
	list := GenerateList(ListOptions{Entries: scaleEntries, Hosts: farm.URLs(), Grouped: grouped, Seed: 10})
	listPath := filepath.Join(b.TempDir(), "list.md")
	if err := os.WriteFile(listPath, list.Markdown, 0o644); err != nil {
		b.Fatal(err)
	}
	workers := 0 // the command's automatic size: enough for every host at its rate
	if w := os.Getenv("PAPERLIST_BENCH_WORKERS"); w != "" {
		fmt.Sscan(w, &workers) //nolint:errcheck // a bad value keeps automatic
	}
	for b.Loop() {
		dir := b.TempDir()
		cold := runFarm(b, bin, farm, listPath, dir, workers, scaleRate)
		checkRequests(b, cold.requests, list.PerHost)
		checkDataset(b, dir, scaleEntries)
		size := fileSize(b, filepath.Join(dir, "cache.sqlite")) + fileSize(b, filepath.Join(dir, "cache.sqlite-wal"))

		var walls []time.Duration
		var warmRSS int64
		for range reps {
			warm := runFarm(b, bin, farm, listPath, dir, workers, scaleRate)
			if n := sum(warm.requests); n != 0 {
				b.Fatalf("warm run made %d requests", n)
			}
			walls = append(walls, warm.res.Wall)
			warmRSS = max(warmRSS, warm.res.MaxRSSKiB)
		}
		checkDataset(b, dir, scaleEntries)
		b.ReportMetric(cold.res.Wall.Seconds(), "cold-wall-s")
		b.ReportMetric(cold.bound.Seconds(), "bound-s")
		b.ReportMetric(Efficiency(cold.res.Wall, cold.bound), "efficiency")
		b.ReportMetric(float64(cold.res.MaxRSSKiB)/1024, "cold-maxrss-MiB")
		b.ReportMetric(float64(Percentile(walls, 50).Microseconds())/1000, "warm-p50-ms")
		b.ReportMetric(float64(Percentile(walls, 95).Microseconds())/1000, "warm-p95-ms")
		b.ReportMetric(float64(warmRSS)/1024, "warm-maxrss-MiB")
		b.ReportMetric(float64(size)/scaleEntries, "cache-B/entry")
	}
}

func fileSize(b *testing.B, path string) int64 {
	b.Helper()
	fi, err := os.Stat(path)
	if os.IsNotExist(err) {
		return 0
	}
	if err != nil {
		b.Fatal(err)
	}
	return fi.Size()
}
