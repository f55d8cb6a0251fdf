package readinglist

import (
	"fmt"
	"strings"
	"testing"

	"github.com/paperlist/paperlist"
)

// surveyFiles are the excerpts of real reading lists in testdata/survey
// (see testdata/survey/README.md), with the number of entries each gives.
var surveyFiles = []struct {
	name    string
	entries int
}{
	{"01-ml-systems-papers", 13},
	{"02-awesome-llm-inference", 9},
	{"03-dl-scheduling-papers", 17},
	{"04-papers-and-learning-notes", 9},
	{"05-mlsys-papers", 11},
	{"06-sysnet-reading-list", 14},
	{"07-cs571-reading-list", 12},
	{"08-learn-sys-paper", 4},
	{"09-awesome-tensor-compilers", 12},
	{"10-paper-wiki", 6},
	{"11-learner-lu-papers", 4},
	{"12-mynotes-reading-list", 7},
	{"13-qinpr-paper-reading", 7},
	{"14-paper-notes-index", 15},
	{"15-kramdown-definitions", 5},
	{"16-cv-awesome-lists", 7},
	{"17-checklist-and-footnotes", 5},
	{"18-reference-links", 9},
}

// TestSurveyGolden compares the whole parse of each survey excerpt (every
// field of every entry, and the warnings) with its reviewed golden file.
// Run with -run TestSurveyGolden -update to rewrite them after a change
// that is meant, and review the diff.
func TestSurveyGolden(t *testing.T) {
	for _, f := range surveyFiles {
		t.Run(f.name, func(t *testing.T) {
			checkGolden(t, "survey/"+f.name+".md", "survey/"+f.name+".golden.json")
			if n := len(parseFile(t, "survey/"+f.name+".md").Entries); n != f.entries {
				t.Errorf("%s: %d entries, want %d", f.name, n, f.entries)
			}
		})
	}
}

// spot is what a user would check on one entry, found by its line.
type spot struct {
	line    int
	title   string
	venue   string
	year    int
	link    string
	links   string // "kind url, kind url"
	authors string // "A|B"
	read    bool
	notes   string // "n1|n2"
	group   string
	section string // checked when not empty
	endLine int    // checked when not zero
}

// TestSurveySpotChecks checks the fields that matter in each excerpt
// explicitly, independently of the golden files: the traps of each list.
func TestSurveySpotChecks(t *testing.T) {
	tests := []struct {
		file  string
		spots []spot
	}{
		{"01-ml-systems-papers", []spot{
			{line: 23, title: "Pecan: Cost-Efficient ML Data Preprocessing with Automatic Transformation Ordering and Hybrid Placement", venue: "ATC", year: 2024,
				link: "https://www.usenix.org/conference/atc24/presentation/graur", section: "Paper List for Machine Learning Systems / 1. Data Processing / 1.1 Data pipeline optimization / 1.1.2 Prep stalls"},
			{line: 25, title: "tf.data service: A Case for Disaggregating ML Input Data Processing", venue: "SoCC", year: 2023,
				link: "https://anakli.inf.ethz.ch/papers/tfdata_service_SoCC23.pdf", links: "arxiv https://arxiv.org/abs/2210.14826",
				notes: "[arxiv version](https://arxiv.org/abs/2210.14826)", endLine: 26},
			{line: 27, title: "Cachew: Machine Learning Input Data Processing as a Service", venue: "ATC", year: 2022},
			{line: 28, title: "InTune: Reinforcement Learning-based Data Pipeline Optimization for Deep Recommendation Models", venue: "RecSys", year: 2023,
				link: "https://arxiv.org/abs/2308.08500", endLine: 29},
			{line: 34, title: "MLaaS in the wild: workload analysis and scheduling in large-scale heterogeneous GPU clusters", venue: "NSDI", year: 2022},
			{line: 35, title: "SiloD: A Co-design of Caching and Scheduling for Deep Learning Clusters", venue: "EuroSys", year: 2023},
			{line: 38, title: "Improving Automatic Parallel Training via Balanced Memory Workload Optimization", venue: "TKDE", year: 2024,
				link: "https://ieeexplore.ieee.org/abstract/document/10449463", links: "arxiv https://arxiv.org/abs/2307.02031",
				notes: "extended version of Galvatron (VLDB'23)|arxiv version (2023): [link](https://arxiv.org/abs/2307.02031)", endLine: 40},
			{line: 42, title: "Deep Learning Workload Scheduling in GPU Datacenters: A Survey", venue: "CSUR", year: 2023, link: "https://dl.acm.org/doi/10.1145/3638757"},
			{line: 43, title: "Deep Learning Workload Scheduling in GPU Datacenters: Taxonomy, Challenges and Vision", venue: "arXiv", year: 2022, link: "https://arxiv.org/abs/2205.11913"},
			{line: 45, title: "A Scheduling Paper Accepted as a Spotlight", venue: "NeurIPS", year: 2025, link: "https://openreview.net/forum?id=example"},
		}},
		{"02-awesome-llm-inference", []spot{
			{line: 20, title: "Training Multi-Billion Parameter Language Models Using Model Parallelism", venue: "", year: 0,
				link: "https://arxiv.org/pdf/1909.08053.pdf", links: "code https://github.com/NVIDIA/Megatron-LM"},
			{line: 22, title: "Medusa: Simple Framework for Accelerating LLM Generation with Multiple Decoding Heads",
				links: "other https://sites.google.com/view/medusa-llm, code https://github.com/FasterDecoding/Medusa"},
			{line: 31, title: "Orca: A Distributed Serving System for Transformer-Based Generative Models",
				link: "https://www.usenix.org/system/files/osdi22-yu.pdf", section: "📙Awesome LLM Inference Papers with Codes / 📖Continuous/In-flight Batching"},
			{line: 34, title: "AWQ: Activation-aware Weight Quantization for LLM Compression and Acceleration",
				link: "https://browse.arxiv.org/pdf/2306.00978.pdf", links: "code https://github.com/mit-han-lab/llm-awq"},
		}},
		{"03-dl-scheduling-papers", []spot{
			{line: 9, title: "Pollux", venue: "OSDI", year: 2021, link: "https://www.usenix.org/conference/osdi21/presentation/qiao", links: "code https://github.com/petuum/adaptdl"},
			{line: 11, title: "Vaibhav et al.", venue: "MASCOTS", year: 2020, link: "https://ieeexplore.ieee.org/abstract/document/9285954"},
			{line: 13, title: "MLFS", venue: "CoNEXT", year: 2020},
			{line: 17, title: "$Gandiva_{fair}$", venue: "EuroSys", year: 2020, link: "https://dl.acm.org/doi/abs/10.1145/3342195.3387555"},
			{line: 25, title: "MIG-SERVING", venue: "arXiv", year: 2021},
			{line: 26, title: "Clockwork", venue: "OSDI", year: 2020, links: "code https://gitlab.mpi-sws.org/cld/ml/clockwork"},
			{line: 28, title: "Clipper", venue: "NSDI", year: 2017, link: "https://www.usenix.org/conference/nsdi17/technical-sessions/presentation/crankshaw",
				links: "code https://github.com/ucbrise/clipper"},
		}},
		{"04-papers-and-learning-notes", []spot{
			{line: 23, title: "The Deep Learning Compiler: A Comprehensive Survey", read: true, link: "https://arxiv.org/pdf/2002.03794.pdf",
				links: "notes https://github.com/KuangjuX/system-notes/blob/main/paper-notes/ai-compiler/The-Deep-Learning-Compiler-A-Comprehensive-Survey.md"},
			{line: 24, title: "TIRAMISU: A Polyhedral Compiler for Expressing Fast and Portable Code", venue: "CGO", year: 2019, read: true,
				link: "papers/mlsys/polyhedral/Tiramisu-CGO.pdf", links: "notes notes/compiler/tiramisu-cgo/tiramisu.md"},
			{line: 26, title: "Optimal Software Pipelining and Warp Specialization for Tensor Core GPUs", venue: "OSDI", year: 2026},
			{line: 34, title: "Fast Inference from Transformers via Speculative Decoding", link: "https://proceedings.mlr.press/v202/leviathan23a.html",
				notes: "draft–verify 与拒绝采样；在保持目标分布不变的前提下并行生成多个 token"},
			{line: 40, title: "HiSparse: Scaling Sparse-Attention Decoding with Hierarchical KV Cache Management", venue: "arXiv", year: 2026, read: true},
			{line: 46, title: "Look Ma, No Bubbles! Designing a Low-Latency Megakernel for Llama-1B", read: true},
			{line: 47, title: "MegaMoE", read: true, notes: "(fused MoE megakernel, DeepGEMM)",
				links: "code https://github.com/deepseek-ai/DeepGEMM/pull/304, notes notes/llm/megamoe/megamoe.md"},
			{line: 48, title: "Orca: A Distributed Serving System for Transformer-Based Generative Models", venue: "OSDI", year: 2022,
				link: "https://www.usenix.org/conference/osdi22/presentation/yu"},
		}},
		{"05-mlsys-papers", []spot{
			{line: 11, title: "Ray: A Distributed Framework for Emerging AI Applications", venue: "OSDI", year: 2018,
				link: "https://www.usenix.org/conference/osdi18/presentation/moritz", endLine: 12,
				notes: "Ray implements a unified interface that can express both task-parallel and actor-based computations, supported by a single dynamic execution engine."},
			{line: 13, title: "Pathways: Asynchronous Distributed Dataflow for ML", venue: "MLSys", year: 2022, endLine: 14,
				notes: "Pathways uses a sharded dataflow graph of asynchronous operators that consume and produce futures."},
			{line: 19, title: "Efficient Memory Management for Large Language Model Serving with PagedAttention", venue: "SOSP", year: 2023, link: "https://doi.org/10.1145/3600006.3613165"},
			{line: 22, title: "SpotServe: Serving Generative Large Language Models on Preemptible Instances", venue: "arXiv", year: 2023,
				link: "https://doi.org/10.48550/arXiv.2311.15566", endLine: 23},
			{line: 30, title: "Bagpipe: Accelerating Deep Recommendation Model Training", section: "mlsys_papers / System for Machine Learning / Accelerate and optimize Machine Learning"},
		}},
		{"06-sysnet-reading-list", []spot{
			{line: 12, title: "The Click Modular Router", venue: "TOCS", year: 2000, link: "https://dl.acm.org/doi/10.1145/354871.354874"},
			{line: 14, title: "ClickOS and the Art of Network Function Virtualization", venue: "NSDI", year: 2014},
			{line: 15, title: "Programming Network Stack for Middleboxes with Rubik", venue: "NSDI", year: 2021, endLine: 16,
				notes: "Designed a language for programming middleboxes with an emphasis on supporting various transport protocols and flexible network stack hierarchy."},
			{line: 20, title: "Homa: A Receiver-Driven Low-Latency Transport Protocol Using Network Priorities", venue: "SIGCOMMM", year: 2018},
			{line: 23, title: "µTune: Auto-Tuned Threading for OLDI Microservices", venue: "OSDI", year: 2018},
			{line: 24, title: "IX: A Protected Dataplane Operating System for High Throughput and Low Latency", venue: "OSDI", year: 2014},
			{line: 25, title: "ModNet: A Modular Approach to Network Stack Extension", venue: "NSDI", year: 2015},
			{line: 28, title: "A Data-Oriented (and Beyond) Network Architecture", venue: "SIGCOMM", year: 2007},
			{line: 31, title: "Slipstream: Automatic Interprocess Communication Optimization", venue: "ATC", year: 2015,
				link: "https://www.usenix.org/conference/atc15/technical-session/presentation/dietz"},
		}},
		{"07-cs571-reading-list", []spot{
			{line: 9, title: "ghOSt: Fast & Flexible User-Space Delegation of Linux Scheduling", venue: "SOSP", year: 2021, section: "OS Scheduling"},
			{line: 11, title: "Linux CFS Scheduler"},
			{line: 17, title: "ARC: A Self-Tuning, Low Overhead Replacement Cache", venue: "FAST", year: 2003,
				link: "https://www.usenix.org/conference/fast-03/arc-self-tuning-low-overhead-replacement-cache"},
			{line: 25, title: "Concurrency Control and Recovery"},
			{line: 31, title: "A fast file system for UNIX", venue: "TOCS", year: 1984},
			{line: 37, title: "The True Cost of Containing: A gVisor Case Study", venue: "HotStorage", year: 2019},
			{line: 43, title: "ZooKeeper: Wait-free coordination for Internet-scale systems", venue: "ATC", year: 2010},
		}},
		{"08-learn-sys-paper", []spot{
			{line: 22, title: "End-To-End Arguments in System Design", link: "https://web.mit.edu/Saltzer/www/publications/endtoend/endtoend.pdf"},
			{line: 27, title: "KLEE: Unassisted and Automatic Generation of High-Coverage Tests for Complex Systems Programs",
				notes: "(Is this the best paper of symbolic execution?)"},
		}},
		{"09-awesome-tensor-compilers", []spot{
			{line: 21, title: "The Deep Learning Compiler: A Comprehensive Survey", venue: "TPDS", year: 2020, authors: "Mingzhen Li", section: "Awesome Tensor Compilers / Papers / Survey"},
			{line: 24, title: "TensorIR: An Abstraction for Automatic Tensorized Program Optimization", venue: "ASPLOS", year: 2023, authors: "Siyuan Feng|Bohan Hou"},
			{line: 26, title: "DaCeML: A Data-Centric Compiler for Machine Learning", venue: "ICS", year: 2022, authors: "Oliver Rausch"},
			{line: 28, title: "Triton: an intermediate language and compiler for tiled neural network computations", venue: "MAPL", year: 2019, authors: "Philippe Tillet"},
			{line: 30, title: "A Sparse Iteration Space Transformation Framework for Sparse Tensor Algebra", venue: "OOPSLA", year: 2020, authors: "Ryan Senanayake"},
			{line: 32, title: "Analytical cache modeling and tilesize optimization for tensor contractions", venue: "SC", year: 2019, authors: "Rui Li"},
			{line: 33, title: "Nimble: Lightweight and Parallel GPU Task Scheduling for Deep Learning", venue: "NeurIPS", year: 2020, authors: "Woosuk Kwon"},
		}},
		{"10-paper-wiki", []spot{
			{line: 16, title: "FaaSNet: Scalable and Fast Provisioning of Custom Serverless Container Runtimes at Alibaba Cloud Function Compute", venue: "ATC", section: "Paper-List"},
			{line: 17, title: "SEUSS: skip redundant paths to make serverless fast", venue: "EuroSys"},
			{line: 19, title: "Coordinated and Efficient Huge Page Management with Ingens", venue: "OSDI", year: 2020},
			{line: 20, title: "Reducing Minor Page Fault Overheads through Enhanced Page Walker"},
		}},
		{"11-learner-lu-papers", []spot{
			{line: 14, title: "Hello bytes, bye blocks- PCIe storage meets compute express link for memory expansion (CXL-SSD)", venue: "HotStorage", year: 2022,
				link: "https://dl.acm.org/doi/abs/10.1145/3538643.3539745"},
			{line: 17, title: "The gem5 Simulator: Version 20.0+", venue: "arXiv", year: 2020},
		}},
		{"12-mynotes-reading-list", []spot{
			{line: 3, title: "Retrofitting Fine Grain Isolation in the Firefox Renderer", venue: "USENIX Security", year: 2020},
			{line: 5, title: "Lock-in-Pop: Securing Privileged Operating System Kernels by Keeping on the Beaten Path", venue: "ATC", year: 2017},
			{line: 10, title: "Spectre Attacks: Exploiting Speculative Execution", venue: "S&P", year: 2019},
			{line: 11, title: "Meltdown: Reading Kernel Memory from User Space", venue: "USENIX Security", year: 2018},
		}},
		{"13-qinpr-paper-reading", []spot{
			{line: 13, title: "In-Network Aggregation for Shared Machine Learning Clusters", venue: "MLSys", year: 2021},
			{line: 15, title: "Looking Beyond GPUs for DNN Scheduling on Multi-Tenant Clusters", venue: "OSDI", year: 2022},
			{line: 17, title: "BytePS", venue: "OSDI", year: 2020},
			{line: 19, title: "FrozenHot Cache", venue: "EuroSys", year: 2023},
		}},
		{"14-paper-notes-index", []spot{
			{line: 17, title: "The Hadoop Distributed File System", year: 2007},
			{line: 24, title: "Gandiva: Introspective Cluster Scheduling for Deep Learning", venue: "OSDI", year: 2018,
				links: "notes gandiva-introspective-cluster-scheduling-for-deep-learning.md"},
			{line: 31, title: "Large Scale Distributed Deep Networks",
				link: "https://proceedings.neurips.cc/paper/2012/file/6aca97005c68f1206823815f66102863-Paper.pdf"},
			{line: 32, title: "On the importance of initialization and momentum in deep learning", venue: "ICML", year: 2013},
			{line: 34, title: "Allox", section: "Machine Learning Systems - Index / To Read"},
		}},
		{"15-kramdown-definitions", []spot{
			{line: 10, title: "Efficient Memory Management for Large Language Model Serving with PagedAttention", link: "https://dl.acm.org/doi/10.1145/3600006.3613165"},
			{line: 16, title: "The Ultra-Scale Playbook: Training LLMs on GPU Clusters", notes: "(optional but highly recommended)"},
			{line: 21, title: "Orca: A Distributed Serving System for Transformer-Based Generative Models"},
		}},
		{"16-cv-awesome-lists", []spot{
			{line: 5, title: "SNIPER: Efficient Multi-Scale Training", venue: "NeurIPS", year: 2018, link: "https://arxiv.org/abs/1805.09300",
				links: "code https://github.com/MahyarNajibi/SNIPER", authors: "Bharat Singh|Mahyar Najibi|Larry S. Davis", endLine: 6},
			{line: 11, title: "Focal Loss for Dense Object Detection", venue: "ICCV", year: 2017, notes: "one of the most cited detection papers",
				authors: "Tsung-Yi Lin|Priya Goyal|Ross Girshick|Kaiming He|Piotr Dollár", endLine: 13},
			{line: 17, title: "Towards More Practical Adversarial Attacks on Graph Neural Networks", venue: "NeurIPS", year: 2020,
				link: "https://arxiv.org/abs/2006.05057", links: "code https://github.com/Mark12Ding/GNN-Practical-Attack",
				authors: "Jiaqi Ma|Shuangrui Ding|Qiaozhu Mei", endLine: 18},
			{line: 19, title: "Single Node Injection Attack against Graph Neural Networks", venue: "CIKM", year: 2021},
			{line: 23, title: "Speed/accuracy trade-offs for modern convolutional object detectors", year: 2017},
		}},
		{"17-checklist-and-footnotes", []spot{
			{line: 3, title: "Orca: A Distributed Serving System for Transformer-Based Generative Models", venue: "OSDI", year: 2022, read: true,
				link: "https://www.usenix.org/system/files/osdi22-yu.pdf"},
			{line: 5, title: "Sarathi-Serve"},
			{line: 12, title: "Orca: A Distributed Serving System for Transformer-Based Generative Models", venue: "OSDI", year: 2022,
				authors: "Gyeong-In Yu|Joo Seong Jeong", link: "https://www.usenix.org/system/files/osdi22-yu.pdf"},
			{line: 13, title: "Efficient Memory Management for Large Language Model Serving with PagedAttention", venue: "SOSP", year: 2023, authors: "Woosuk Kwon"},
		}},
		{"18-reference-links", []spot{
			{line: 7, title: "The Google File System", venue: "SOSP", year: 2003, link: "https://research.google/pubs/the-google-file-system/"},
			{line: 8, title: "Bigtable: A Distributed Storage System for Structured Data", link: "https://www.usenix.org/legacy/event/osdi06/tech/chang/chang.pdf",
				links: "slides https://example.org/bigtable-slides.pdf"},
			{line: 9, title: "Dynamo: Amazon's Highly Available Key-value Store", venue: "SOSP", year: 2007, link: "https://dl.acm.org/doi/10.1145/1323293.1294281"},
			{line: 10, title: "Spanner: Google's Globally-Distributed Database", venue: "OSDI", year: 2012,
				link:  "https://www.usenix.org/conference/osdi12/technical-sessions/presentation/corbett",
				links: "slides https://example.org/spanner-slides.pdf, video https://www.youtube.com/watch?v=NthK17nbpYs",
				notes: "[slides][spanner slides] and the [talk]", endLine: 11},
			{line: 16, title: "Paxos Made Live: An Engineering Perspective", link: "https://dl.acm.org/doi/10.1145/1281100.1281103"},
			{line: 20, title: "Ceph: A Scalable, High-Performance Distributed File System", venue: "OSDI", year: 2006, links: "code https://github.com/ceph/ceph"},
			{line: 21, title: "Chubby | The Chubby Lock Service for Loosely-Coupled Distributed Systems", venue: "OSDI", year: 2006,
				link: "https://www.usenix.org/legacy/event/osdi06/tech/burrows.html", authors: "Mike Burrows"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			res := parseFile(t, "survey/"+tt.file+".md")
			for _, s := range tt.spots {
				e, ok := entryAt(res, s.line)
				if !ok {
					t.Errorf("no entry at line %d (%q); entries at %v", s.line, s.title, linesOf(res))
					continue
				}
				checkSpot(t, e, s)
			}
		})
	}
}

func checkSpot(t *testing.T, e paperlist.Entry, s spot) {
	t.Helper()
	var links []string
	for _, l := range e.Links {
		links = append(links, string(l.Kind)+" "+l.URL)
	}
	got := []any{e.Title, e.Venue, e.Year, e.Link, strings.Join(links, ", "), strings.Join(e.Authors, "|"), e.Read, strings.Join(e.Notes, "|"), e.Group}
	want := []any{s.title, s.venue, s.year, s.link, s.links, s.authors, s.read, s.notes, s.group}
	names := []string{"Title", "Venue", "Year", "Link", "Links", "Authors", "Read", "Notes", "Group"}
	for i := range got {
		// Links left empty in a spot are only checked when the spot names some.
		if names[i] == "Link" && s.link == "" && e.Link != "" || names[i] == "Links" && s.links == "" {
			continue
		}
		if fmt.Sprint(got[i]) != fmt.Sprint(want[i]) {
			t.Errorf("line %d %s = %q, want %q", s.line, names[i], fmt.Sprint(got[i]), fmt.Sprint(want[i]))
		}
	}
	if s.section != "" && e.Section != s.section {
		t.Errorf("line %d Section = %q, want %q", s.line, e.Section, s.section)
	}
	if end := max(s.endLine, s.line); e.EndLine != end {
		t.Errorf("line %d EndLine = %d, want %d", s.line, e.EndLine, end)
	}
}

func entryAt(res Result, line int) (paperlist.Entry, bool) {
	for _, e := range res.Entries {
		if e.Line == line {
			return e, true
		}
	}
	return paperlist.Entry{}, false
}

func linesOf(res Result) []int {
	var out []int
	for _, e := range res.Entries {
		out = append(out, e.Line)
	}
	return out
}
