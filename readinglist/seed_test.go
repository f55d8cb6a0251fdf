package readinglist

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paperlist/paperlist"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func parseFile(t testing.TB, name string) Result {
	t.Helper()
	src, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Parse(src)
	if err != nil {
		t.Fatalf("Parse(%s) error: %v", name, err)
	}
	return res
}

// byTitle returns the entry whose Title starts with prefix.
func byTitle(t *testing.T, res Result, prefix string) paperlist.Entry {
	t.Helper()
	for _, e := range res.Entries {
		if strings.HasPrefix(e.Title, prefix) {
			return e
		}
	}
	t.Fatalf("no entry titled %q...", prefix)
	return paperlist.Entry{}
}

func TestParseSeedCounts(t *testing.T) {
	res := parseFile(t, "seed.md")
	if got := len(res.Entries); got != 57 {
		t.Fatalf("Parse(seed) gave %d entries, want 57", got)
	}
	if len(res.Warnings) != 0 {
		t.Errorf("Parse(seed) warnings = %v, want none", res.Warnings)
	}
	got := map[string]int{}
	for _, e := range res.Entries {
		got[fmt.Sprintf("%s %d", e.Venue, e.Year)]++
	}
	want := map[string]int{
		"OSDI 2023": 6, "OSDI 2022": 6, "OSDI 2021": 2, "OSDI 2020": 7,
		"SOSP 2021":    3,
		"EuroSys 2023": 6, "EuroSys 2022": 3, "EuroSys 2021": 2, "EuroSys 2020": 1,
		"HPCA 2023": 11, "HPCA 2022": 2, "HPCA 2021": 3,
		"FAST 2023": 2, "FAST 2022": 2, "FAST 2021": 1,
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("entries for %s = %d, want %d", k, got[k], n)
		}
	}
	for k, n := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected venue/year %q with %d entries", k, n)
		}
	}
	groups := map[string]int{}
	reads := 0
	for _, e := range res.Entries {
		groups[e.Group]++
		if e.Read {
			reads++
		}
		if e.Title != e.ListTitle {
			t.Errorf("line %d: Title %q != ListTitle %q (the seed has no decorations)", e.Line, e.Title, e.ListTitle)
		}
		if !strings.HasPrefix(e.Section, strings.ToLower(e.Venue)+" / ") {
			t.Errorf("line %d: Section = %q, want it to start with the venue heading", e.Line, e.Section)
		}
	}
	if groups["misc"] != 7 || groups["GPU share"] != 2 || groups[""] != 48 {
		t.Errorf("groups = %v, want misc:7, GPU share:2, none:48", groups)
	}
	if reads != 3 {
		t.Errorf("read entries = %d, want 3", reads)
	}
}

func TestParseSeedEntries(t *testing.T) {
	res := parseFile(t, "seed.md")
	tests := []struct {
		title   string
		venue   string
		year    int
		group   string
		section string
		link    string
		links   []paperlist.Link
		read    bool
		notes   []string
		line    int
		endLine int
	}{
		{
			title: "AlpaServe: Statistical Multiplexing", venue: "OSDI", year: 2023, section: "osdi / 2023",
			link:  "https://www.usenix.org/conference/osdi23/presentation/li-zhouhan",
			notes: []string{"模型并行同时用于模型服务(Deep Learning Serving)"}, line: 4, endLine: 5,
		},
		{
			title: "Hydro: Surrogate-Based", venue: "OSDI", year: 2023, section: "osdi / 2023",
			link: "https://www.usenix.org/conference/osdi23/presentation/hu", line: 10, endLine: 10,
		},
		{
			title: "Cocktailer:", venue: "OSDI", year: 2023, group: "misc", section: "osdi / 2023",
			link:  "https://www.usenix.org/conference/osdi23/presentation/zhang-chen",
			notes: []string{"编译器"}, line: 15, endLine: 16,
		},
		{
			title: "Flor:", venue: "OSDI", year: 2023, group: "misc", section: "osdi / 2023",
			link:  "https://www.usenix.org/conference/osdi23/presentation/li-qiang",
			notes: []string{"NIC异构"}, line: 17, endLine: 18,
		},
		{
			title: "Unity: Accelerating DNN Training", venue: "OSDI", year: 2022, section: "osdi / 2022",
			link: "https://www.usenix.org/conference/osdi22/presentation/unger", read: true,
			notes: []string{"计算图优化, 自动并行, 自动生成并行代码"}, line: 25, endLine: 26,
		},
		{
			title: "Microsecond-scale Preemption", venue: "OSDI", year: 2022, section: "osdi / 2022",
			link: "https://www.usenix.org/conference/osdi22/presentation/han", read: true,
			notes: []string{"GPU没有抢占导致高latency, IPADS出品, 魔改GPU驱动以支持抢占"}, line: 29, endLine: 30,
		},
		{
			title: "Privacy Budget Scheduling", venue: "OSDI", year: 2021, group: "misc", section: "osdi / 2021",
			link: "https://www.usenix.org/conference/osdi21/presentation/luo", line: 42, endLine: 42,
		},
		{
			title: "A Unified Architecture", venue: "OSDI", year: 2020, section: "osdi / 2020",
			link: "https://www.usenix.org/conference/osdi20/presentation/jiang", read: true,
			notes: []string{"byteps"}, line: 48, endLine: 49,
		},
		{
			title: "PipeSwitch:", venue: "OSDI", year: 2020, section: "osdi / 2020",
			link: "https://www.usenix.org/conference/osdi20/presentation/bai",
			notes: []string{
				"分时共享 It allows multiple DL applications to time-share the same GPU with the entire GPU memory and millisecond-scale switching overhead.",
				"achieves near 100% GPU utilization",
			},
			line: 52, endLine: 54,
		},
		{
			title: "HiveD:", venue: "OSDI", year: 2020, group: "GPU share", section: "osdi / 2020",
			link: "https://www.usenix.org/conference/osdi20/presentation/zhao-hanyu", line: 60, endLine: 60,
		},
		{
			title: "AntMan:", venue: "OSDI", year: 2020, group: "GPU share", section: "osdi / 2020",
			link: "https://www.usenix.org/conference/osdi20/presentation/xiao", line: 61, endLine: 61,
		},
		{
			title: "HEALER:", venue: "SOSP", year: 2021, section: "sosp / 2021",
			link:  "https://dl.acm.org/doi/10.1145/3477132.3483547",
			notes: []string{"算子融合"}, line: 72, endLine: 73,
		},
		{
			title: "SiloD:", venue: "EuroSys", year: 2023, section: "eurosys / 2023",
			notes: []string{"调度缓存协同设计"}, line: 84, endLine: 85,
		},
		{
			title: "Pocket: ML Serving from the Edge", venue: "EuroSys", year: 2023, section: "eurosys / 2023",
			line: 86, endLine: 86,
		},
		{
			title: "DGCL:", venue: "EuroSys", year: 2021, section: "eurosys / 2021",
			link:  "https://github.com/czkkkkkk/gccl",
			links: []paperlist.Link{{Kind: "code", URL: "https://github.com/czkkkkkk/gccl"}},
			line:  106, endLine: 106,
		},
		{
			title: "Tahoe:", venue: "EuroSys", year: 2021, group: "misc", section: "eurosys / 2021",
			link:  "https://github.com/zhen-xie/Tahoe",
			links: []paperlist.Link{{Kind: "code", URL: "https://github.com/zhen-xie/Tahoe"}},
			notes: []string{"决策树, 推理"}, line: 110, endLine: 111,
		},
		{
			title: "Balancing Efficiency and Fairness", venue: "EuroSys", year: 2020, section: "eurosys / 2020",
			line: 115, endLine: 115,
		},
		{
			title: "PhotoFourier:", venue: "HPCA", year: 2023, section: "hpca / 2023",
			line: 134, endLine: 134,
		},
		{
			title: "ScalaGraph:", venue: "HPCA", year: 2022, group: "misc", section: "hpca / 2022",
			line: 142, endLine: 142,
		},
		{
			title: "FlashNeuron:", venue: "FAST", year: 2021, section: "fast / 2021",
			link:  "https://www.usenix.org/conference/fast21/presentation/bae",
			notes: []string{"数据从GPU换出到SSD", "batch size可放大12~14x"}, line: 174, endLine: 176,
		},
	}
	for _, tt := range tests {
		t.Run(tt.title, func(t *testing.T) {
			e := byTitle(t, res, tt.title)
			if e.Venue != tt.venue || e.Year != tt.year {
				t.Errorf("venue/year = %s %d, want %s %d", e.Venue, e.Year, tt.venue, tt.year)
			}
			if e.Group != tt.group {
				t.Errorf("Group = %q, want %q", e.Group, tt.group)
			}
			if e.Section != tt.section {
				t.Errorf("Section = %q, want %q", e.Section, tt.section)
			}
			if e.Link != tt.link {
				t.Errorf("Link = %q, want %q", e.Link, tt.link)
			}
			if fmt.Sprint(e.Links) != fmt.Sprint(tt.links) && !(len(e.Links) == 0 && len(tt.links) == 0) {
				t.Errorf("Links = %v, want %v", e.Links, tt.links)
			}
			if e.Read != tt.read {
				t.Errorf("Read = %v, want %v", e.Read, tt.read)
			}
			if strings.Join(e.Notes, "|") != strings.Join(tt.notes, "|") {
				t.Errorf("Notes = %q, want %q", e.Notes, tt.notes)
			}
			if e.Line != tt.line || e.EndLine != tt.endLine {
				t.Errorf("Line, EndLine = %d, %d, want %d, %d", e.Line, e.EndLine, tt.line, tt.endLine)
			}
		})
	}
}

// TestParseSeedGolden compares the whole parse of the seed list with
// testdata/seed.golden.json. Run with -update to rewrite it after a change
// that is meant.
func TestParseSeedGolden(t *testing.T) {
	checkGolden(t, "seed.md", "seed.golden.json")
}

func checkGolden(t *testing.T, in, golden string) {
	t.Helper()
	res := parseFile(t, in)
	got, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", golden)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("Parse(%s) differs from %s; run go test -update and review the diff", in, golden)
	}
}
