package bench

import (
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/paperlist/paperlist/enrich"
	"github.com/paperlist/paperlist/readinglist"
)

func TestUniformLatencyDeterministicAndInRange(t *testing.T) {
	lat := RealisticLatency()
	var lo, hi time.Duration = time.Hour, 0
	var sum time.Duration
	const n = 2000
	for i := range n {
		p := "/conference/osdi23/presentation/" + string(rune('0'+i%10)) + strings.Repeat("x", i%7) + string(rune('a'+i%26))
		d := lat(i%5, p)
		if d != lat(i%5, p) {
			t.Fatalf("latency of %s differs between calls", p)
		}
		lo, hi, sum = min(lo, d), max(hi, d), sum+d
	}
	if lo < 50*time.Millisecond || hi > 150*time.Millisecond {
		t.Errorf("latency range [%v, %v], want within [50ms, 150ms]", lo, hi)
	}
	if mean := sum / n; mean < 85*time.Millisecond || mean > 115*time.Millisecond {
		t.Errorf("mean latency %v, want about 100ms", mean)
	}
}

func TestBound(t *testing.T) {
	tests := []struct {
		name     string
		requests []int
		rates    []float64
		latency  time.Duration
		want     time.Duration
	}{
		{"busiest host decides", []int{100, 40, 10}, []float64{20, 20, 20}, 100 * time.Millisecond, 5100 * time.Millisecond},
		{"a slow host can decide", []int{100, 40}, []float64{20, 5}, 0, 8 * time.Second},
		{"no requests", []int{0, 0}, []float64{1, 1}, 50 * time.Millisecond, 50 * time.Millisecond},
	}
	for _, tt := range tests {
		got, err := Bound(tt.requests, tt.rates, tt.latency)
		if err != nil || got != tt.want {
			t.Errorf("%s: Bound = %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
	if _, err := Bound([]int{1}, []float64{1, 2}, 0); err == nil {
		t.Error("Bound accepted 1 request count for 2 rates")
	}
	if e := Efficiency(5500*time.Millisecond, 5*time.Second); e != 1.1 {
		t.Errorf("Efficiency = %v, want 1.1", e)
	}
}

func TestPercentile(t *testing.T) {
	ms := func(xs ...int) []time.Duration {
		out := make([]time.Duration, len(xs))
		for i, x := range xs {
			out[i] = time.Duration(x) * time.Millisecond
		}
		return out
	}
	tests := []struct {
		in   []time.Duration
		p    float64
		want time.Duration
	}{
		{ms(30, 10, 20), 50, 20 * time.Millisecond},
		{ms(5, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20), 95, 19 * time.Millisecond},
		{ms(7), 95, 7 * time.Millisecond},
		{nil, 50, 0},
	}
	for _, tt := range tests {
		if got := Percentile(tt.in, tt.p); got != tt.want {
			t.Errorf("Percentile(%v, %g) = %v, want %v", tt.in, tt.p, got, tt.want)
		}
	}
}

func TestGenerateListParses(t *testing.T) {
	hosts := []string{"http://a.test", "http://b.test", "http://c.test", "http://d.test", "http://e.test"}
	l := GenerateList(ListOptions{Entries: 1000, Hosts: hosts, Grouped: 0.8, Seed: 3})
	if again := GenerateList(ListOptions{Entries: 1000, Hosts: hosts, Grouped: 0.8, Seed: 3}); string(again.Markdown) != string(l.Markdown) {
		t.Fatal("the same options gave two different lists")
	}
	res, err := readinglist.Parse(l.Markdown)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Entries) != 1000 || len(res.Warnings) != 0 {
		t.Fatalf("%d entries, warnings %v", len(res.Entries), res.Warnings)
	}
	e := res.Entries[0]
	if e.Venue != "OSDI" || e.Year != 2024 || e.Title != PaperN(0).Title || !strings.HasSuffix(e.Link, "/conference/osdi24/presentation/0") {
		t.Errorf("first entry = %+v", e)
	}
	if last := res.Entries[999]; last.Title != PaperN(999).Title {
		t.Errorf("last entry title %q, want %q", last.Title, PaperN(999).Title)
	}
	if sum(l.PerHost) != 1000 {
		t.Fatalf("per-host counts %v do not add up to 1000", l.PerHost)
	}
	if l.PerHost[0] == l.PerHost[4] || slicesMax(l.PerHost) < 250 {
		t.Errorf("per-host counts %v are not uneven", l.PerHost)
	}
}

func TestFarmServesMetaPages(t *testing.T) {
	farm := NewFarm(2, UniformLatency(time.Millisecond, 2*time.Millisecond))
	defer farm.Close()
	u := farm.URLs()[1] + "/conference/nsdi22/presentation/42"
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(body) < 20<<10 {
		t.Fatalf("GET %s: %d, %d bytes", u, resp.StatusCode, len(body))
	}
	rec, err := enrich.ParseMeta(body, u)
	if err != nil {
		t.Fatal(err)
	}
	want := PaperN(42)
	if rec.Title != want.Title || len(rec.Authors) != len(want.Authors) || rec.Authors[0].Name != want.Authors[0].Name ||
		rec.Authors[0].Affiliation != want.Authors[0].Affiliation || rec.Year != 2022 || rec.Abstract != want.Abstract ||
		rec.PDFURL != farm.URLs()[1]+"/system/files/paper-42.pdf" {
		t.Errorf("meta record = %+v\nwant %+v", rec, want)
	}
	for _, p := range []string{"/robots.txt", "/nothing"} {
		resp, err := http.Get(farm.URLs()[0] + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if want := map[string]int{"/robots.txt": 200, "/nothing": 404}[p]; resp.StatusCode != want {
			t.Errorf("GET %s: %d, want %d", p, resp.StatusCode, want)
		}
	}
	if got := farm.Requests(); got[0] != 2 || got[1] != 1 {
		t.Errorf("requests per host = %v, want [2 1]", got)
	}
	if m := farm.MeanLatency(); m < time.Millisecond || m > 2*time.Millisecond {
		t.Errorf("mean latency %v", m)
	}
}

func TestMain(m *testing.M) {
	Launch() // when run as Exec's launcher, this runs the command and exits
	EnableLaunch()
	os.Exit(m.Run())
}
