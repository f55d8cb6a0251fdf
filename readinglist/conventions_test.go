package readinglist

import (
	"encoding/json"
	"testing"

	"github.com/paperlist/paperlist"
)

// checkEntries compares every field of the parsed entries with want.
func checkEntries(t *testing.T, file string, want []paperlist.Entry, warnings []string) {
	t.Helper()
	res := parseFile(t, file)
	if len(res.Entries) != len(want) {
		t.Fatalf("Parse(%s) gave %d entries %q, want %d", file, len(res.Entries), titlesOf(res), len(want))
	}
	for i, w := range want {
		if w.Links == nil {
			w.Links = []paperlist.Link{}
		}
		if w.Authors == nil {
			w.Authors = []string{}
		}
		if w.Notes == nil {
			w.Notes = []string{}
		}
		if w.EndLine == 0 {
			w.EndLine = w.Line
		}
		if w.Kind == "" {
			w.Kind = paperlist.KindPaper
		}
		got, _ := json.Marshal(res.Entries[i])
		exp, _ := json.Marshal(w)
		if string(got) != string(exp) {
			t.Errorf("%s entry %d:\n got %s\nwant %s", file, i, got, exp)
		}
	}
	for _, w := range warnings {
		if !hasWarning(res, w) {
			t.Errorf("%s: no warning containing %q in %v", file, w, res.Warnings)
		}
	}
	if len(res.Warnings) != len(warnings) {
		t.Errorf("%s: warnings = %v, want %d", file, res.Warnings, len(warnings))
	}
}

// TestParseVenueTags covers lists that tag each entry with its venue before
// the title, with a table of contents, badges, wrapped lines and labelled
// links (ml-systems-papers, mlsys_papers styles).
func TestParseVenueTags(t *testing.T) {
	const sched = "ML Systems Papers / Training System / Scheduling"
	const sys = "ML Systems Papers / System for ML"
	checkEntries(t, "tagged.md", []paperlist.Entry{
		{
			Venue: "OSDI", Year: 2021, Section: sched,
			ListTitle: "Pollux: Co-adaptive Cluster Scheduling for Goodput-Optimized Deep Learning",
			Title:     "Pollux: Co-adaptive Cluster Scheduling for Goodput-Optimized Deep Learning",
			Link:      "https://www.usenix.org/conference/osdi21/presentation/qiao", Line: 13,
		},
		{
			Venue: "NeurIPS", Year: 2025, Section: sched,
			ListTitle: "Some Title Without a Link", Title: "Some Title Without a Link", Line: 14,
		},
		{
			Venue: "arXiv", Year: 2022, Section: sched,
			ListTitle: "Long-context Training of Large Language Models",
			Title:     "Long-context Training of Large Language Models",
			Link:      "https://arxiv.org/abs/2205.00001", Line: 15, EndLine: 16,
		},
		{
			Venue: "CSUR", Year: 2023, Section: sched,
			ListTitle: "A Survey of Cluster Schedulers", Title: "A Survey of Cluster Schedulers",
			Link: "https://dl.acm.org/doi/10.1145/3568429", Line: 17,
		},
		{
			Venue: "MLArchSys", Year: 2024, Section: sched,
			ListTitle: "A Workshop Paper Title", Title: "A Workshop Paper Title",
			Link:  "https://example.org/ws",
			Links: []paperlist.Link{{Kind: "arxiv", URL: "https://arxiv.org/abs/2401.00001"}},
			Notes: []string{"[arxiv version](https://arxiv.org/abs/2401.00001)", "extended version of Galvatron (VLDB'23)"},
			Line:  18, EndLine: 20,
		},
		{
			Venue: "OSDI", Year: 2018, Section: sys,
			ListTitle: "**Ray**: A Distributed Framework for Emerging AI Applications",
			Title:     "Ray: A Distributed Framework for Emerging AI Applications",
			Link:      "https://www.usenix.org/conference/osdi18/presentation/moritz",
			Notes:     []string{"_Ray_ unifies task-parallel and actor-based computations."},
			Line:      23, EndLine: 24,
		},
		{
			Venue: "SOSP", Year: 2023, Section: sys,
			ListTitle: "Efficient Memory Management for Large Language Model Serving with PagedAttention (**vLLM**)",
			Title:     "Efficient Memory Management for Large Language Model Serving with PagedAttention",
			Link:      "https://doi.org/10.1145/3600006.3613165", Line: 25,
		},
		{
			Venue: "arXiv", Year: 2023, Section: sys,
			ListTitle: "SpotServe: Serving Generative Large Language Models on Preemptible Instances",
			Title:     "SpotServe: Serving Generative Large Language Models on Preemptible Instances",
			Link:      "https://doi.org/10.48550/arXiv.2311.15566", Line: 26, EndLine: 27,
		},
	}, nil)
}

// TestParseVenueAfter covers venues written after the title, authors,
// numbered lists, one paragraph per entry, front matter and an index of
// anchors (sysnet-reading-list, cs571, awesome-tensor-compilers styles).
func TestParseVenueAfter(t *testing.T) {
	checkEntries(t, "after.md", []paperlist.Entry{
		{
			Venue: "SIGCOMM", Year: 2018, Section: "Index / Networking",
			ListTitle: "**Sonata: Query-Driven Streaming Network Telemetry**",
			Title:     "Sonata: Query-Driven Streaming Network Telemetry",
			Link:      "https://dl.acm.org/doi/10.1145/3230543.3230555", Line: 11,
		},
		{
			Venue: "NSDI", Year: 2015, Section: "Index / Networking",
			ListTitle: "**Understanding PCIe performance for end host networking**",
			Title:     "Understanding PCIe performance for end host networking",
			Link:      "https://dl.acm.org/doi/10.1145/3230543.3230560",
			Links:     []paperlist.Link{{Kind: "slides", URL: "https://example.org/pcie-slides.pdf"}},
			Notes:     []string{"A note with a [slides](https://example.org/pcie-slides.pdf) link"},
			Line:      12, EndLine: 13,
		},
		{
			Venue: "FAST", Year: 2003, Section: "Index / Storage",
			ListTitle: "ARC: A Self-Tuning, Low Overhead Replacement Cache",
			Title:     "ARC: A Self-Tuning, Low Overhead Replacement Cache",
			Link:      "https://www.usenix.org/conference/fast-03/arc-self-tuning-low-overhead-replacement-cache", Line: 17,
		},
		{
			Venue: "TOCS", Year: 1984, Section: "Index / Storage",
			ListTitle: "A Fast File System for UNIX", Title: "A Fast File System for UNIX",
			Link: "https://dl.acm.org/doi/10.1145/989.990", Line: 19,
		},
		{
			// Not a paper, but written exactly like one: kept, with no venue.
			Section:   "Index / Storage",
			ListTitle: "The Go Programming Language Blog", Title: "The Go Programming Language Blog",
			Link: "https://go.dev/blog", Line: 21, Kind: paperlist.KindPost, // a blog, not a paper
		},
		{
			Venue: "OSDI", Year: 2018, Section: "Compilers",
			ListTitle: "TVM: An Automated End-to-End Optimizing Compiler for Deep Learning",
			Title:     "TVM: An Automated End-to-End Optimizing Compiler for Deep Learning",
			Link:      "https://www.usenix.org/conference/osdi18/presentation/chen",
			Authors:   []string{"Tianqi Chen"}, Line: 26,
		},
		{
			Venue: "OSDI", Year: 2020, Section: "Compilers",
			ListTitle: "Ansor: Generating High-Performance Tensor Programs for Deep Learning",
			Title:     "Ansor: Generating High-Performance Tensor Programs for Deep Learning",
			Link:      "https://www.usenix.org/conference/osdi20/presentation/zheng",
			Authors:   []string{"Lianmin Zheng", "Chengfan Jia", "Minmin Sun"}, Line: 27,
		},
		{
			Venue: "arXiv", Year: 2018, Section: "Compilers",
			ListTitle: "Tiramisu: A Polyhedral Compiler for Expressing Fast and Portable Code",
			Title:     "Tiramisu: A Polyhedral Compiler for Expressing Fast and Portable Code",
			Link:      "https://arxiv.org/abs/1804.10694",
			Authors:   []string{"Riyadh Baghdadi"}, Line: 28,
		},
		{
			Venue: "MLSys", Year: 2022, Section: "Compilers",
			ListTitle: "DietCode: Automatic Optimization for Dynamic Tensor Programs",
			Title:     "DietCode: Automatic Optimization for Dynamic Tensor Programs",
			Link:      "https://proceedings.mlsys.org/paper/2022/dietcode",
			Links: []paperlist.Link{
				{Kind: "code", URL: "https://github.com/UofT-EcoSystem/DietCode"},
				{Kind: "slides", URL: "https://example.org/dietcode.pdf"},
			},
			Authors: []string{"Bojian Zheng"}, Line: 29,
		},
		{
			Venue: "OSDI", Year: 2022, Section: "Compilers",
			ListTitle: `**Orca**: "Orca: A Distributed Serving System for Transformer-Based Generative Models" osdi 22`,
			Title:     "Orca: A Distributed Serving System for Transformer-Based Generative Models",
			Link:      "https://www.usenix.org/system/files/osdi22-yu.pdf", Line: 31,
		},
		{
			Venue: "OSDI", Year: 2014, Section: "Compilers",
			ListTitle: "Some Paper Title That Was Read (OSDI 2014)", Title: "Some Paper Title That Was Read",
			Read: true, Line: 32,
		},
	}, []string{"line 21: 1 entries have no venue or year"})
}

// TestParseTables covers GFM tables: Date/Title/Paper/Code (a preprint date
// is no venue year), Scheduler/Year/Series/Paper/Code (a nickname is the
// title of last resort), Status/Paper/Venue/Links, and a table of
// conferences that holds no papers.
func TestParseTables(t *testing.T) {
	checkEntries(t, "tables.md", []paperlist.Entry{
		{
			Section:   "LLM Inference / 📖Serving",
			ListTitle: "🔥[**FlashAttention**] Fast and Memory-Efficient Exact Attention with IO-Awareness(@Stanford University etc)",
			Title:     "Fast and Memory-Efficient Exact Attention with IO-Awareness",
			Link:      "https://arxiv.org/pdf/2205.14135.pdf",
			Links:     []paperlist.Link{{Kind: "code", URL: "https://github.com/Dao-AILab/flash-attention"}},
			Line:      8,
		},
		{
			Section:   "LLM Inference / 📖Serving",
			ListTitle: "[vLLM] Efficient Memory Management for Large Language Model Serving with PagedAttention",
			Title:     "Efficient Memory Management for Large Language Model Serving with PagedAttention",
			Link:      "https://arxiv.org/pdf/2309.06180.pdf", Line: 9,
		},
		{
			Venue: "OSDI", Year: 2021, Section: "LLM Inference / Schedulers",
			ListTitle: "Pollux", Title: "Pollux",
			Link:  "https://www.usenix.org/conference/osdi21/presentation/qiao",
			Links: []paperlist.Link{{Kind: "code", URL: "https://github.com/petuum/adaptdl"}},
			Line:  15,
		},
		{
			Venue: "EuroSys", Year: 2020, Section: "LLM Inference / Schedulers",
			ListTitle: "$Gandiva_{fair}$", Title: "$Gandiva_{fair}$",
			Link: "https://dl.acm.org/doi/10.1145/3342195.3387555", Line: 16,
		},
		{
			Venue: "OSDI", Year: 2022, Section: "LLM Inference / 🚀 Reading",
			ListTitle: "**Orca: A Distributed Serving System for Transformer-Based Generative Models**",
			Title:     "Orca: A Distributed Serving System for Transformer-Based Generative Models",
			Link:      "https://www.usenix.org/system/files/osdi22-yu.pdf",
			Links:     []paperlist.Link{{Kind: "notes", URL: "https://github.com/u/notes/issues/1"}},
			Read:      true, Line: 22,
		},
		{
			Venue: "arXiv", Year: 2025, Section: "LLM Inference / 🚀 Reading",
			ListTitle: "**DeepSeek-V3 Technical Report**", Title: "DeepSeek-V3 Technical Report",
			Link: "https://arxiv.org/abs/2412.19437", Line: 23,
		},
		{
			Section:   "LLM Inference / 🚀 Reading",
			ListTitle: "**Some Blog Post**", Title: "Some Blog Post",
			Links: []paperlist.Link{{Kind: "other", URL: "https://example.org/blog"}},
			Line:  24, Kind: paperlist.KindPost, // its only link is a blog
		},
	}, []string{
		"line 26: table has no Title, Paper or Name column",
		"line 8: 3 entries have no venue or year",
	})
}

// TestParseMarkup covers HTML headers and <details>, a blockquote legend,
// setext headings, a fenced code block, a line paperlist itself added under
// an entry, bold titles with [[Paper]]/[[Code]] links, and a dated quoted
// title.
func TestParseMarkup(t *testing.T) {
	checkEntries(t, "markup.md", []paperlist.Entry{
		{
			Venue: "OSDI", Section: "OSDI",
			ListTitle: "Orca: A Distributed Serving System", Title: "Orca: A Distributed Serving System",
			Link:  "https://www.usenix.org/conference/osdi22/presentation/yu",
			Links: []paperlist.Link{{Kind: "slides", URL: "https://x/orca-slides.pdf"}},
			Notes: []string{
				"Authors: Gyeong-In Yu et al. [PDF](https://x/orca.pdf) [DOI](https://doi.org/10.1/x) <!-- paperlist -->",
				"[slides](https://x/orca-slides.pdf)",
			},
			Line: 11, EndLine: 13,
		},
		{
			Venue: "OSDI", Year: 2022, Section: "OSDI / 2022",
			ListTitle: "**Title In Bold**", Title: "Title In Bold",
			Link:  "https://x/p.pdf",
			Links: []paperlist.Link{{Kind: "code", URL: "https://github.com/a/b"}},
			// The line under the entry names its authors and venue: not a note.
			Authors: []string{"Gyeong-In Yu"},
			Line:    23, EndLine: 24,
		},
		{
			Venue: "S&P", Year: 2022, Section: "OSDI / 2022",
			ListTitle: `Jan. 6th "Some Quoted Title Here" IEEE S&P'22`, Title: "Some Quoted Title Here",
			Line: 25,
		},
	}, nil)
}
