package enrich

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/paperlist/paperlist"
)

func TestNormalizeTitle(t *testing.T) {
	tests := []struct{ in, want string }{
		{"{AlpaServe}: Statistical Multiplexing with Model Parallelism for Deep Learning Serving.",
			"alpaserve statistical multiplexing with model parallelism for deep learning serving"},
		{"  DGCL: An Efficient Communication Library for Distributed GNN Training. ",
			"dgcl an efficient communication library for distributed gnn training"},
		{"Sharing &amp; Caring &#8212; at Scale", "sharing caring at scale"},
		{"<i>HiPress</i>: Gradient Compression", "hipress gradient compression"},
		{"Gradient Compression Supercharged High-Performance Data Parallel DNN Training",
			"gradient compression supercharged high performance data parallel dnn training"},
		{"In\u00a0Vitro Cytotoxicity", "in vitro cytotoxicity"},
		{"Déplacement de Knight dans les alliages", "deplacement de knight dans les alliages"},
		{"ＦＡＳＴ Ｓｔｒａßｅ", "fast strasse"}, // NFKC full-width, case folding ß
		{"“Quoted” — title…", "quoted title"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeTitle(tt.in); got != tt.want {
			t.Errorf("NormalizeTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTitleSimilarity(t *testing.T) {
	tests := []struct {
		a, b     string
		min, max float64
	}{
		// DBLP title case with a period vs Crossref's sentence case.
		{"DGCL: An Efficient Communication Library for Distributed GNN Training.",
			"DGCL: an efficient communication library for distributed GNN training", 1, 1},
		{"{AlpaServe}: Statistical Multiplexing", "AlpaServe: Statistical Multiplexing", 1, 1},
		// One typo in a long title.
		{"Gradient Compression Supercharged High-Performance Data Parallel DNN Training",
			"Gradient Compresion Supercharged High-Performance Data Parallel DNN Training", 0.98, 0.99},
		// Same name, different papers.
		{"Pocket: ML Serving from the Edge", "Pocket: Elastic Ephemeral Storage for Serverless Analytics", 0, 0.5},
		{"abc", "xyz", 0, 0},
		{"", "", 0, 0},
		{"Title", "", 0, 0},
	}
	for _, tt := range tests {
		got := TitleSimilarity(tt.a, tt.b)
		if got < tt.min || got > tt.max {
			t.Errorf("TitleSimilarity(%q, %q) = %.3f, want in [%.2f, %.2f]", tt.a, tt.b, got, tt.min, tt.max)
		}
		if rev := TitleSimilarity(tt.b, tt.a); rev != got {
			t.Errorf("not symmetric: %.3f vs %.3f", got, rev)
		}
	}
}

func TestVenueMatches(t *testing.T) {
	tests := []struct {
		list             string
		venue, booktitle string
		want             bool
	}{
		{"OSDI", "OSDI", "", true},
		{"OSDI", "", "17th USENIX Symposium on Operating Systems Design and Implementation (OSDI 23)", true},
		{"OSDI", "USENIX Symposium on Operating Systems Design and Implementation", "", true},
		{"osdi '23", "OSDI", "", true},
		{"OSDI", "NSDI", "", false},
		{"OSDI", "SOSP '21", "Proceedings of the ACM SIGOPS 28th Symposium on Operating Systems Principles", false},
		{"SOSP", "SOSP '21", "", true},
		{"SOSP", "", "Proceedings of the ACM SIGOPS 28th Symposium on Operating Systems Principles", true},
		{"SOSP", "Symposium on Operating Systems Principles", "", true},
		{"EuroSys", "EuroSys '21", "", true},
		{"EuroSys", "EuroSys", "", true},
		{"EuroSys", "", "Proceedings of the Sixteenth European Conference on Computer Systems", true},
		{"EuroSys", "European Conference on Computer Systems", "", true},
		{"EuroSys", "OSDI", "", false},
		{"MLSys", "MLSys", "Proceedings of Machine Learning and Systems 5 (MLSys 2023)", true},
		{"MLSys", "", "Proceedings of the 3rd Workshop on Machine Learning and Systems", false},
		{"MLSys", "EuroMLSys@EuroSys", "", false},
		{"HPCA", "", "2023 IEEE International Symposium on High-Performance Computer Architecture (HPCA)", true},
		{"HPCA", "HPCA", "", true},
		{"ISCA", "", "2023 IEEE International Symposium on High-Performance Computer Architecture (HPCA)", false},
		{"ISCA", "", "Proceedings of the 50th Annual International Symposium on Computer Architecture", true},
		{"FAST", "", "19th USENIX Conference on File and Storage Technologies (FAST 21)", true},
		{"FAST", "", "Fast and Slow Storage", false},
		{"ATC", "", "2023 USENIX Annual Technical Conference (USENIX ATC 23)", true},
		{"USENIX ATC", "USENIX ATC", "", true},
		{"ATC", "USENIX Annual Technical Conference", "", true},
		{"NSDI", "", "20th USENIX Symposium on Networked Systems Design and Implementation (NSDI 23)", true},
		{"MICRO", "MICRO", "", true},
		{"MICRO", "", "Proceedings of the 55th Annual IEEE/ACM International Symposium on Microarchitecture", true},
		{"MICRO", "IEEE Micro", "", false},
		{"SC", "SC", "", true},
		{"SC", "", "Proceedings of the International Conference for High Performance Computing, Networking, Storage and Analysis", true},
		{"SC", "SoCC", "", false},
		{"ASPLOS", "ASPLOS (2)", "", true},
		{"PPoPP", "PPoPP", "", true},
		{"USENIX Security", "USENIX Security Symposium", "", true},
		// Not in the table: compared by name.
		{"HotNets", "HotNets '22", "", true},
		{"HotNets", "SIGCOMM", "", false},
		{"", "anything", "", true},
		{"OSDI", "", "", false},
	}
	for _, tt := range tests {
		r := Record{Venue: tt.venue, Booktitle: tt.booktitle}
		if got := VenueMatches(tt.list, r); got != tt.want {
			t.Errorf("VenueMatches(%q, venue %q, booktitle %q) = %v, want %v", tt.list, tt.venue, tt.booktitle, got, tt.want)
		}
	}
}

func TestVerify(t *testing.T) {
	alpa := "AlpaServe: Statistical Multiplexing with Model Parallelism for Deep Learning Serving"
	tests := []struct {
		name   string
		w      Want
		r      Record
		ok     bool
		reason string
	}{
		{"exact", Want{Title: alpa, Venue: "OSDI", Year: 2023},
			Record{Title: alpa, Venue: "OSDI", Year: 2023}, true, "title similarity 1.00"},
		{"year off", Want{Title: alpa, Venue: "OSDI", Year: 2023},
			Record{Title: alpa, Venue: "OSDI", Year: 2022, Type: "inproceedings"}, false, "year 2022 != 2023"},
		{"journal online a year early", Want{Title: "Hints for Computer System Design", Year: 1984},
			Record{Title: "Hints for Computer System Design", Venue: "IEEE Softw.", Year: 1983, Type: "article"}, true, ""},
		{"journal two years off", Want{Title: "Hints for Computer System Design", Year: 1984},
			Record{Title: "Hints for Computer System Design", Year: 1982, Type: "article"}, false, "year 1982 != 1984"},
		{"venue", Want{Title: alpa, Venue: "OSDI", Year: 2023},
			Record{Title: alpa, Venue: "EuroSys", Year: 2023}, false, `venue "OSDI" != "EuroSys"`},
		{"venue from booktitle", Want{Title: alpa, Venue: "EuroSys", Year: 2023},
			Record{Title: alpa, Booktitle: "17th USENIX Symposium on Operating Systems Design and Implementation (OSDI 23)", Year: 2023},
			false, `venue "EuroSys" != "OSDI"`},
		{"preprint has no venue, posted a year before", Want{Title: alpa, Venue: "OSDI", Year: 2023},
			Record{Title: "AlpaServe: Statistical Multiplexing with Model Parallelism for Deep\n  Learning Serving", Year: 2022, Type: "preprint"}, true, ""},
		{"title", Want{Title: "Pocket: ML Serving from the Edge", Venue: "EuroSys", Year: 2023},
			Record{Title: "Pocket: Elastic Ephemeral Storage for Serverless Analytics", Venue: "OSDI", Year: 2018}, false, "title similarity 0.3"},
		{"no title", Want{Title: alpa}, Record{DOI: "10.1/x"}, false, "record has no title"},
		{"no context needs 0.95", Want{Title: "Gradient Compression Supercharged High Performance Data Parallel DNN Trainings"},
			Record{Title: "Gradient Compression Supercharged High-Performance Data Parallel DNN Training on GPUs"}, false, "< 0.95"},
		{"no context, same title", Want{Title: alpa}, Record{Title: alpa}, true, ""},
		{"no context, authors overlap", Want{Title: alpa, Authors: []string{"Zhuohan Li", "Ion Stoica"}},
			Record{Title: alpa, Authors: []paperlist.Author{{Name: "Lianmin Zheng"}, {Name: "Ion Stoica"}}}, true, ""},
		{"no context, authors differ", Want{Title: alpa, Authors: []string{"Zhuohan Li"}},
			Record{Title: alpa, Authors: []paperlist.Author{{Name: "Jane Doe"}}}, false, "no author in common"},
		{"no context, record without authors", Want{Title: alpa, Authors: []string{"Zhuohan Li"}},
			Record{Title: alpa}, false, "names no authors"},
		{"authors family-first", Want{Title: alpa, Venue: "OSDI", Year: 2023, Authors: []string{"Li Zhuohan"}},
			Record{Title: alpa, Venue: "OSDI", Year: 2023, Authors: []paperlist.Author{{Name: "Zhuohan Li"}}}, true, ""},
		{"record without year needs 0.95", Want{Title: alpa + "s", Venue: "OSDI", Year: 2023},
			Record{Title: alpa + " Systemsss", Venue: "OSDI"}, false, "< 0.95"},
		{"record without venue", Want{Title: alpa, Venue: "OSDI", Year: 2023},
			Record{Title: alpa, Year: 2023}, true, ""},
	}
	for _, tt := range tests {
		v := Verify(tt.w, tt.r)
		if v.OK != tt.ok || !strings.Contains(v.Reason, tt.reason) {
			t.Errorf("%s: Verify = %+v, want ok %v, reason containing %q", tt.name, v, tt.ok, tt.reason)
		}
	}
}

// Reading lists reuse names: each list entry below must pick its own paper
// among namesakes, and must not accept a namesake when its own paper is
// missing.
func TestChooseNamesakes(t *testing.T) {
	pocketOSDI := Record{Source: "dblp", Title: "Pocket: Elastic Ephemeral Storage for Serverless Analytics", Venue: "OSDI", Year: 2018, Pages: "427-444"}
	pocketEdge := Record{Source: "dblp", Title: "Pocket: ML Serving from the Edge", Venue: "EuroSys", Year: 2023, DOI: "10.1145/3552326.0000001"}
	orcaOSDI22 := Record{Source: "dblp", Title: "Orca: A Distributed Serving System for Transformer-Based Generative Models", Venue: "OSDI", Year: 2022, Pages: "521-538"}
	orcaOSDI18 := Record{Source: "dblp", Title: "Orca: Differential Bug Localization in Large-Scale Services", Venue: "OSDI", Year: 2018}
	orcaSIGMOD := Record{Source: "crossref", Title: "Orca: a modular query optimizer architecture for big data", Venue: "SIGMOD/PODS'14", Year: 2014, Type: "inproceedings", DOI: "10.1145/2588555.0000001"}
	orcaNSDI := Record{Source: "dblp", Title: "ORCA: A Network and Architecture Co-design for Offloading us-scale Datacenter Applications", Venue: "NSDI", Year: 2023}
	lyraEuroSys := Record{Source: "crossref", Title: "Lyra: Elastic Scheduling for Deep Learning Clusters", Venue: "EuroSys '23", Booktitle: "Proceedings of the Eighteenth European Conference on Computer Systems", Year: 2023, Type: "inproceedings", DOI: "10.1145/3552326.0000002"}
	lyraSIGCOMM := Record{Source: "crossref", Title: "Lyra: A Cross-Platform Language and Compiler for Data Plane Programming on Heterogeneous ASICs", Venue: "SIGCOMM '20", Year: 2020, Type: "inproceedings", DOI: "10.1145/3387514.0000001"}
	lyraPreprint := Record{Source: "openalex", Title: "Lyra: An Efficient and Expressive Subquadratic Architecture for Modeling Biological Sequences", Year: 2025, Type: "preprint"}
	chimeraHPCA := Record{Source: "openalex", Title: "Chimera: An Analytical Optimizing Framework for Effective Compute-intensive Operators Fusion", Booktitle: "2023 IEEE International Symposium on High-Performance Computer Architecture (HPCA)", Year: 2023, Type: "inproceedings", DOI: "10.1109/hpca56546.2023.0000001"}
	chimeraSC := Record{Source: "openalex", Title: "Chimera: efficiently training large-scale neural networks with bidirectional pipelines", Booktitle: "Proceedings of the International Conference for High Performance Computing, Networking, Storage and Analysis", Year: 2021, Type: "inproceedings", DOI: "10.1145/3458817.0000001"}
	herculesHPCA := Record{Source: "dblp", Title: "Hercules: Heterogeneity-Aware Inference Serving for At-Scale Personalized Recommendation", Venue: "HPCA", Year: 2022, Pages: "141-154"}
	herculesVLDB := Record{Source: "dblp", Title: "Hercules Against Data Series Similarity Search", Venue: "Proc. VLDB Endow.", Year: 2022, Type: "article"}

	tests := []struct {
		name  string
		want  Want
		cands []Record
		best  string // expected title, or "" for no match
	}{
		{"Pocket EuroSys 2023", Want{Title: "Pocket: ML Serving from the Edge", Venue: "EuroSys", Year: 2023}, []Record{pocketOSDI, pocketEdge}, pocketEdge.Title},
		{"Pocket EuroSys 2023, only the OSDI namesake", Want{Title: "Pocket: ML Serving from the Edge", Venue: "EuroSys", Year: 2023}, []Record{pocketOSDI}, ""},
		{"Orca OSDI 2022", Want{Title: "Orca: A Distributed Serving System for Transformer-Based Generative Models", Venue: "OSDI", Year: 2022},
			[]Record{orcaSIGMOD, orcaOSDI18, orcaNSDI, orcaOSDI22}, orcaOSDI22.Title},
		{"Orca OSDI 2022, namesakes only", Want{Title: "Orca: A Distributed Serving System for Transformer-Based Generative Models", Venue: "OSDI", Year: 2022},
			[]Record{orcaSIGMOD, orcaOSDI18, orcaNSDI}, ""},
		{"Lyra EuroSys 2023", Want{Title: "Lyra: Elastic Scheduling for Deep Learning Clusters", Venue: "EuroSys", Year: 2023},
			[]Record{lyraPreprint, lyraSIGCOMM, lyraEuroSys}, lyraEuroSys.Title},
		{"Lyra EuroSys 2023, namesakes only", Want{Title: "Lyra: Elastic Scheduling for Deep Learning Clusters", Venue: "EuroSys", Year: 2023},
			[]Record{lyraPreprint, lyraSIGCOMM}, ""},
		{"Chimera HPCA 2023", Want{Title: "Chimera: An Analytical Optimizing Framework for Effective Compute-intensive Operators Fusion", Venue: "HPCA", Year: 2023},
			[]Record{chimeraSC, chimeraHPCA}, chimeraHPCA.Title},
		{"Chimera HPCA 2023, namesake only", Want{Title: "Chimera: An Analytical Optimizing Framework for Effective Compute-intensive Operators Fusion", Venue: "HPCA", Year: 2023},
			[]Record{chimeraSC}, ""},
		{"Hercules HPCA 2022", Want{Title: "Hercules: Heterogeneity-Aware Inference Serving for At-Scale Personalized Recommendation", Venue: "HPCA", Year: 2022},
			[]Record{herculesVLDB, herculesHPCA}, herculesHPCA.Title},
		{"Hercules HPCA 2022, namesake only", Want{Title: "Hercules: Heterogeneity-Aware Inference Serving for At-Scale Personalized Recommendation", Venue: "HPCA", Year: 2022},
			[]Record{herculesVLDB}, ""},
		// The list names only the system: no namesake may be taken for it.
		{"bare name Orca", Want{Title: "Orca", Venue: "OSDI", Year: 2022}, []Record{orcaOSDI22, orcaOSDI18}, ""},
	}
	for _, tt := range tests {
		best, rejected, err := Choose(tt.want, tt.cands)
		if tt.best == "" {
			if err == nil || !errors.Is(err, ErrNoMatch) || best.Title != "" {
				t.Errorf("%s: got %q, err %v; want ErrNoMatch", tt.name, best.Title, err)
			}
			if len(rejected) != len(tt.cands) {
				t.Errorf("%s: %d rejected, want %d", tt.name, len(rejected), len(tt.cands))
			}
			continue
		}
		if err != nil || best.Title != tt.best {
			t.Errorf("%s: got %q, err %v; want %q", tt.name, best.Title, err, tt.best)
		}
		if len(rejected) != len(tt.cands)-1 {
			t.Errorf("%s: rejected %q", tt.name, rejected)
		}
	}
}

func TestChooseRejectedMessage(t *testing.T) {
	w := Want{Title: "Pocket: ML Serving from the Edge", Venue: "EuroSys", Year: 2023}
	cands := []Record{
		{Title: "Pocket: Elastic Ephemeral Storage for Serverless Analytics", Venue: "OSDI", Year: 2018},
		{Title: "Pocket: ML serving from the edge", Booktitle: "Proceedings of the 17th USENIX Symposium on Operating Systems Design and Implementation", Year: 2023},
	}
	_, rejected, err := Choose(w, cands)
	if !errors.Is(err, ErrNoMatch) {
		t.Fatalf("err = %v", err)
	}
	sim := TitleSimilarity(w.Title, cands[0].Title)
	want := []string{
		fmt.Sprintf(`rejected: "Pocket: Elastic Ephemeral Storage for Serverless Analytics" (OSDI 2018): title similarity %.2f < 0.90`, sim),
		`rejected: "Pocket: ML serving from the edge" (OSDI 2023): venue "EuroSys" != "OSDI"`,
	}
	if strings.Join(rejected, "\n") != strings.Join(want, "\n") {
		t.Errorf("rejected:\n%s\nwant:\n%s", strings.Join(rejected, "\n"), strings.Join(want, "\n"))
	}
}

// The saved search answers: each API's candidates for the DGCL entry.
func TestChooseFromSearchFixtures(t *testing.T) {
	w := Want{Title: "DGCL: An Efficient Communication Library for Distributed GNN Training", Venue: "EuroSys", Year: 2021}
	for _, tc := range []struct {
		file  string
		parse func([]byte) ([]Record, error)
	}{
		{"crossref-search-dgcl.json", ParseCrossrefSearch},
		{"openalex-search-dgcl.json", ParseOpenAlexSearch},
		{"s2-match-dgcl.json", ParseS2Match},
		{"dblp-search-dgcl.json", ParseDBLPSearch},
	} {
		cands, err := tc.parse(apiFixture(t, tc.file))
		if err != nil {
			t.Fatal(err)
		}
		best, _, err := Choose(w, cands)
		if err != nil || best.DOI != "10.1145/3447786.3456233" {
			t.Errorf("%s: chose %q (%s), err %v", tc.file, best.Title, best.DOI, err)
		}
	}
	// Wrong year or venue in the list: nothing fits.
	cands, _ := ParseCrossrefSearch(apiFixture(t, "crossref-search-dgcl.json"))
	for _, bad := range []Want{
		{Title: w.Title, Venue: "EuroSys", Year: 2023},
		{Title: w.Title, Venue: "OSDI", Year: 2021},
	} {
		if best, _, err := Choose(bad, cands); !errors.Is(err, ErrNoMatch) {
			t.Errorf("%+v: chose %q", bad, best.Title)
		}
	}
}

// The same title in two venues (SOSP '83, IEEE Software '84): the list's
// venue decides; without venue or year the choice is ambiguous.
func TestChooseHints(t *testing.T) {
	cands, err := ParseDBLPSearch(apiFixture(t, "dblp-search-hints.json"))
	if err != nil {
		t.Fatal(err)
	}
	best, _, err := Choose(Want{Title: "Hints for Computer System Design", Venue: "SOSP", Year: 1983}, cands)
	if err != nil || best.DOI != "10.1145/800217.806614" || best.Pages != "33-48" {
		t.Errorf("SOSP 1983: %+v, %v", best, err)
	}
	_, _, err = Choose(Want{Title: "Hints for Computer System Design"}, cands)
	if !errors.Is(err, ErrAmbiguous) || !errors.Is(err, ErrNoMatch) {
		t.Errorf("no venue, no year: err = %v, want ErrAmbiguous", err)
	}
	// Two records of one paper (same DOI) are not ambiguous.
	dup := []Record{cands[0], cands[0]}
	dup[1].Source = "crossref"
	if best, _, err := Choose(Want{Title: "Hints for Computer System Design"}, dup); err != nil || best.Source != "dblp" {
		t.Errorf("same DOI twice: %q, %v", best.Source, err)
	}
}

// DBLP lists a conference paper and its CoRR preprint: the published
// version wins, and the pair is not ambiguous although their DOIs differ.
func TestChoosePrefersPublished(t *testing.T) {
	alpa := "AlpaServe: Statistical Multiplexing with Model Parallelism for Deep Learning Serving"
	cands := []Record{
		{Source: "dblp", Title: alpa, Venue: "CoRR", Year: 2023, Type: "preprint", DOI: "10.48550/arxiv.2302.11665", ArxivID: "2302.11665"},
		{Source: "dblp", Title: alpa, Venue: "OSDI", Year: 2023, Type: "inproceedings", Pages: "663-679"},
	}
	best, rejected, err := Choose(Want{Title: alpa, Venue: "OSDI", Year: 2023}, cands)
	if err != nil || best.Venue != "OSDI" || best.Pages != "663-679" || len(rejected) != 0 {
		t.Errorf("chose %+v, rejected %q, err %v", best, rejected, err)
	}
	// Only the preprint: it is taken (it has no venue to contradict the list).
	best, _, err = Choose(Want{Title: alpa, Venue: "OSDI", Year: 2023}, cands[:1])
	if err != nil || best.ArxivID != "2302.11665" {
		t.Errorf("preprint only: %+v, %v", best, err)
	}
}

func TestChooseAmbiguousWithoutDOIs(t *testing.T) {
	w := Want{Title: "Serving Large Language Models at Scale with Elastic Parallelism", Venue: "OSDI", Year: 2023}
	a := Record{Source: "dblp", Title: "Serving Large Language Models at Scale with Elastic Parallelism I", Venue: "OSDI", Year: 2023}
	b := Record{Source: "dblp", Title: "Serving Large Language Models at Scale with Elastic Parallelism II", Venue: "OSDI", Year: 2023}
	if _, _, err := Choose(w, []Record{a, b}); !errors.Is(err, ErrAmbiguous) || !strings.Contains(err.Error(), "Serving Large Language Models at Scale with Elastic Parallelism II") {
		t.Errorf("two different titles, no DOIs: err = %v", err)
	}
	// The same paper from two sources (sentence case, no DOI on one).
	c := Record{Source: "crossref", Title: "Serving large language models at scale with elastic parallelism", Venue: "OSDI '23", Year: 2023, DOI: "10.1/x"}
	d := Record{Source: "dblp", Title: "Serving Large Language Models at Scale with Elastic Parallelism.", Venue: "OSDI", Year: 2023}
	if best, _, err := Choose(w, []Record{c, d}); err != nil || best.Source != "crossref" {
		t.Errorf("same paper twice: %q, %v", best.Source, err)
	}
}
