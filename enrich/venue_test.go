package enrich

import (
	"fmt"
	"strings"
	"testing"

	"github.com/paperlist/paperlist"
)

// dblpHit renders one DBLP search hit.
func dblpHit(title, venue, typ string, year int, doi, ee string) string {
	return fmt.Sprintf(`{"info":{"authors":{"author":[{"text":"Alice Example"},{"text":"Bob Example"}]},"title":%q,"venue":%q,"year":"%d","type":%q,"doi":%q,"ee":%q}}`,
		title+".", venue, year, typ, doi, ee)
}

func dblpAnswer(hits ...string) string {
	return `{"result":{"status":{"@code":"200"},"hits":{"@total":"` + fmt.Sprint(len(hits)) + `","hit":[` + strings.Join(hits, ",") + `]}}}`
}

// crossrefItem renders one Crossref work.
func crossrefItem(title, container, typ string, year int, doi string) string {
	return fmt.Sprintf(`{"DOI":%q,"type":%q,"title":[%q],"container-title":[%q],"author":[{"given":"Alice","family":"Example"},{"given":"Bob","family":"Example"}],"issued":{"date-parts":[[%d]]},"abstract":"<jats:p>We show how.</jats:p>"}`,
		doi, typ, title, container, year)
}

func crossrefAnswer(items ...string) string {
	return `{"status":"ok","message-type":"work-list","message":{"items":[` + strings.Join(items, ",") + `]}}`
}

// TestVenueAliasesAndPreprints: a paper of a venue the records write by
// another name (S&P as "SP" or "IEEE Symposium on Security and Privacy",
// MLSys as SysML or "Proceedings of Machine Learning and Systems") resolves
// to its published version even when an arXiv copy ranks first; a SIGCOMM
// paper is never its CCR copy; a preprint found alone stands in, without
// the arXiv DOI.
func TestVenueAliasesAndPreprints(t *testing.T) {
	ep := DefaultEndpoints()
	const (
		spTitle  = "Example Attacks on Speculative Execution"
		mlTitle  = "Example Compiler for Machine Learning Accelerators"
		comTitle = "Example Congestion Control for Datacenters"
	)
	spDOI, spArxivDOI := "10.1109/sp46215.2023.10179309", "10.48550/arxiv.2206.01234"
	tests := []struct {
		name       string
		entry      paperlist.Entry
		answers    map[string]string
		doi        string
		booktitle  string
		arxiv      string
		status     paperlist.Status
		errorsHave string
	}{
		{
			name:  "S&P written SP by DBLP, arXiv copy first",
			entry: paperlist.Entry{Venue: "S&P", Year: 2023, Title: spTitle},
			answers: map[string]string{
				ep.DBLPSearch(spTitle): dblpAnswer(
					dblpHit(spTitle, "CoRR", "Informal Publications", 2022, spArxivDOI, "https://arxiv.org/abs/2206.01234"),
					dblpHit(spTitle, "SP", "Conference and Workshop Papers", 2023, spDOI, "https://doi.org/"+spDOI)),
				ep.CrossrefWork(spDOI, ""): `{"status":"ok","message-type":"work","message":` +
					crossrefItem(spTitle, "2023 IEEE Symposium on Security and Privacy (SP)", "proceedings-article", 2023, spDOI) + `}`,
			},
			doi: spDOI, booktitle: "2023 IEEE Symposium on Security and Privacy (SP)", arxiv: "2206.01234", status: paperlist.StatusOK,
		},
		{
			name:  "MLSys (a sysml heading): DBLP has only the CoRR copy, Crossref the proceedings",
			entry: paperlist.Entry{Venue: "MLSys", Year: 2020, Title: mlTitle},
			answers: map[string]string{
				ep.DBLPSearch(mlTitle): dblpAnswer(
					dblpHit(mlTitle, "CoRR", "Informal Publications", 2019, "10.48550/arxiv.1905.00001", "https://arxiv.org/abs/1905.00001")),
				ep.CrossrefSearch(mlTitle, ""): crossrefAnswer(
					crossrefItem(mlTitle, "Proceedings of Machine Learning and Systems", "proceedings-article", 2020, "10.5281/mlsys.2020.00001")),
			},
			doi: "10.5281/mlsys.2020.00001", booktitle: "Proceedings of Machine Learning and Systems", arxiv: "1905.00001", status: paperlist.StatusOK,
		},
		{
			name:  "SIGCOMM beside its CCR copy",
			entry: paperlist.Entry{Venue: "SIGCOMM", Year: 2020, Title: comTitle},
			answers: map[string]string{
				ep.DBLPSearch(comTitle): dblpAnswer(),
				ep.CrossrefSearch(comTitle, ""): crossrefAnswer(
					crossrefItem(comTitle, "ACM SIGCOMM Computer Communication Review", "journal-article", 2020, "10.1145/3411740.3411741"),
					crossrefItem(comTitle, "Proceedings of the Annual conference of the ACM Special Interest Group on Data Communication on the applications, technologies, architectures, and protocols for computer communication", "proceedings-article", 2020, "10.1145/3387514.3405899")),
			},
			// ACM's PDF is known from the DOI: ok.
			doi: "10.1145/3387514.3405899", status: paperlist.StatusOK,
		},
		{
			name:  "only the preprint: a fallback without the arXiv DOI",
			entry: paperlist.Entry{Venue: "S&P", Year: 2023, Title: spTitle},
			answers: map[string]string{
				ep.DBLPSearch(spTitle): dblpAnswer(
					dblpHit(spTitle, "CoRR", "Informal Publications", 2022, spArxivDOI, "https://arxiv.org/abs/2206.01234")),
			},
			doi: "", arxiv: "2206.01234", status: paperlist.StatusPartial, errorsHave: "no published version in S&P verifies",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			en := tt.entry
			en.ListTitle = en.Title
			p := runOne(t, &fakeGetter{answers: tt.answers}, en, nil)
			if p.DOI != tt.doi || p.ArxivID != tt.arxiv || p.Status != tt.status {
				t.Errorf("doi %q arxiv %q status %s; want %q %q %s\nerrors: %v", p.DOI, p.ArxivID, p.Status, tt.doi, tt.arxiv, tt.status, p.Errors)
			}
			if tt.booktitle != "" && p.Booktitle != tt.booktitle {
				t.Errorf("booktitle %q, want %q", p.Booktitle, tt.booktitle)
			}
			if tt.arxiv != "" && (p.PDFURL != "https://arxiv.org/pdf/"+tt.arxiv || p.PDFKind != paperlist.PDFPreprint) {
				t.Errorf("pdf %q (%s), want the arXiv preprint", p.PDFURL, p.PDFKind)
			}
			if tt.errorsHave != "" && !strings.Contains(strings.Join(p.Errors, " "), tt.errorsHave) {
				t.Errorf("errors %v lack %q", p.Errors, tt.errorsHave)
			}
		})
	}
}

// TestVenueTable: every venue of the surveyed lists and the big ones of
// systems, ML, networking, security and databases, by the names lists and
// records give them.
func TestVenueTable(t *testing.T) {
	tests := []struct {
		alias, name string
		kind        paperlist.VenueKind
		record      string // how an API writes it; "" skips
		bib         string
	}{
		{"osdi", "OSDI", paperlist.Conference, "17th USENIX Symposium on Operating Systems Design and Implementation (OSDI 23)", "inproceedings"},
		{"ACM SOSP", "SOSP", paperlist.Conference, "Proceedings of the 29th Symposium on Operating Systems Principles", "inproceedings"},
		{"Eurosys", "EuroSys", paperlist.Conference, "Proceedings of the Eighteenth European Conference on Computer Systems", "inproceedings"},
		{"nsdi", "NSDI", paperlist.Conference, "20th USENIX Symposium on Networked Systems Design and Implementation (NSDI 23)", "inproceedings"},
		{"USENIX ATC", "ATC", paperlist.Conference, "2023 USENIX Annual Technical Conference (USENIX ATC 23)", "inproceedings"},
		{"atc", "ATC", paperlist.Conference, "USENIX ATC", "inproceedings"},
		{"fast", "FAST", paperlist.Conference, "21st USENIX Conference on File and Storage Technologies (FAST 23)", "inproceedings"},
		{"asplos", "ASPLOS", paperlist.Conference, "Proceedings of the 28th ACM International Conference on Architectural Support for Programming Languages and Operating Systems, Volume 2", "inproceedings"},
		{"isca", "ISCA", paperlist.Conference, "Proceedings of the 50th Annual International Symposium on Computer Architecture", "inproceedings"},
		{"micro", "MICRO", paperlist.Conference, "56th Annual IEEE/ACM International Symposium on Microarchitecture", "inproceedings"},
		{"hpca", "HPCA", paperlist.Conference, "2023 IEEE International Symposium on High-Performance Computer Architecture (HPCA)", "inproceedings"},
		{"sysml", "MLSys", paperlist.Conference, "Proceedings of Machine Learning and Systems", "inproceedings"},
		{"MLSys", "MLSys", paperlist.Conference, "SysML", "inproceedings"},
		{"nips", "NeurIPS", paperlist.Conference, "Advances in Neural Information Processing Systems", "inproceedings"},
		{"NeurIPS", "NeurIPS", paperlist.Conference, "NIPS", "inproceedings"},
		{"icml", "ICML", paperlist.Conference, "Proceedings of the 40th International Conference on Machine Learning", "inproceedings"},
		{"iclr", "ICLR", paperlist.Conference, "The Eleventh International Conference on Learning Representations", "inproceedings"},
		{"sigcomm", "SIGCOMM", paperlist.Conference, "Proceedings of the ACM SIGCOMM 2023 Conference", "inproceedings"},
		{"vldb", "VLDB", paperlist.Journal, "Proceedings of the VLDB Endowment", "article"},
		{"pvldb", "VLDB", paperlist.Journal, "Proc. VLDB Endow.", "article"},
		{"sigmod", "SIGMOD", paperlist.Conference, "Proceedings of the ACM on Management of Data", "inproceedings"},
		{"oakland", "S&P", paperlist.Conference, "2023 IEEE Symposium on Security and Privacy (SP)", "inproceedings"},
		{"IEEE S&P", "S&P", paperlist.Conference, "SP", "inproceedings"},
		{"usenix security", "USENIX Security", paperlist.Conference, "32nd USENIX Security Symposium (USENIX Security 23)", "inproceedings"},
		{"usenix sec", "USENIX Security", paperlist.Conference, "", "inproceedings"},
		{"ccs", "CCS", paperlist.Conference, "Proceedings of the 2023 ACM SIGSAC Conference on Computer and Communications Security", "inproceedings"},
		{"ndss", "NDSS", paperlist.Conference, "Network and Distributed System Security Symposium", "inproceedings"},
		{"hotnets", "HotNets", paperlist.Workshop, "Proceedings of the 22nd ACM Workshop on Hot Topics in Networks", "inproceedings"},
		{"conext", "CoNEXT", paperlist.Conference, "Proceedings of the 18th International Conference on emerging Networking EXperiments and Technologies", "inproceedings"},
		{"oopsla", "OOPSLA", paperlist.Conference, "", "inproceedings"},
		{"infocom", "INFOCOM", paperlist.Conference, "IEEE INFOCOM 2023 - IEEE Conference on Computer Communications", "inproceedings"},
		{"socc", "SoCC", paperlist.Conference, "Proceedings of the 2023 ACM Symposium on Cloud Computing", "inproceedings"},
		{"sc", "SC", paperlist.Conference, "SC20: International Conference for High Performance Computing, Networking, Storage and Analysis", "inproceedings"},
		{"ppopp", "PPoPP", paperlist.Conference, "Proceedings of the 28th ACM SIGPLAN Annual Symposium on Principles and Practice of Parallel Programming", "inproceedings"},
		{"arxiv", "arXiv", paperlist.Preprint, "CoRR", "misc"},
		{"corr", "arXiv", paperlist.Preprint, "", "misc"},
		{"tocs", "TOCS", paperlist.Journal, "ACM Transactions on Computer Systems", "article"},
		{"kdd", "KDD", paperlist.Conference, "Proceedings of the 29th ACM SIGKDD Conference on Knowledge Discovery and Data Mining", "inproceedings"},
		{"hotos", "HotOS", paperlist.Workshop, "Proceedings of the 19th Workshop on Hot Topics in Operating Systems", "inproceedings"},
		{"ics", "ICS", paperlist.Conference, "Proceedings of the 37th International Conference on Supercomputing", "inproceedings"},
		{"middleware", "Middleware", paperlist.Conference, "Proceedings of the 24th International Middleware Conference", "inproceedings"},
		{"cvpr", "CVPR", paperlist.Conference, "2023 IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)", "inproceedings"},
		{"sigcomm ccr", "SIGCOMM CCR", paperlist.Journal, "ACM SIGCOMM Computer Communication Review", "article"},
		// The rest of the venues of the surveyed lists
		// (readinglist/testdata/survey).
		{"USENIX HotStorage", "HotStorage", paperlist.Workshop, "11th USENIX Workshop on Hot Topics in Storage and File Systems (HotStorage 19)", "inproceedings"},
		{"hotcloud", "HotCloud", paperlist.Workshop, "11th USENIX Workshop on Hot Topics in Cloud Computing (HotCloud 19)", "inproceedings"},
		{"mlarchsys", "MLArchSys", paperlist.Workshop, "4th Workshop on Machine Learning for Computer Architecture and Systems", "inproceedings"},
		{"mapl", "MAPL", paperlist.Workshop, "Proceedings of the 3rd ACM SIGPLAN International Workshop on Machine Learning and Programming Languages", "inproceedings"},
		{"pldi", "PLDI", paperlist.Conference, "Proceedings of the 44th ACM SIGPLAN International Conference on Programming Language Design and Implementation", "inproceedings"},
		{"oopsla", "OOPSLA", paperlist.Conference, "Proceedings of the 2014 ACM International Conference on Object Oriented Programming Systems Languages & Applications", "inproceedings"},
		{"cgo", "CGO", paperlist.Conference, "2021 IEEE/ACM International Symposium on Code Generation and Optimization (CGO)", "inproceedings"},
		{"CC", "CC", paperlist.Conference, "Proceedings of the 32nd ACM SIGPLAN International Conference on Compiler Construction", "inproceedings"},
		{"icpp", "ICPP", paperlist.Conference, "Proceedings of the 51st International Conference on Parallel Processing", "inproceedings"},
		{"icdcs", "ICDCS", paperlist.Conference, "2021 IEEE 41st International Conference on Distributed Computing Systems (ICDCS)", "inproceedings"},
		{"mascots", "MASCOTS", paperlist.Conference, "2020 28th International Symposium on Modeling, Analysis, and Simulation of Computer and Telecommunication Systems (MASCOTS)", "inproceedings"},
		{"iccv", "ICCV", paperlist.Conference, "2021 IEEE/CVF International Conference on Computer Vision (ICCV)", "inproceedings"},
		{"recsys", "RecSys", paperlist.Conference, "Proceedings of the 16th ACM Conference on Recommender Systems", "inproceedings"},
		{"Infocom", "INFOCOM", paperlist.Conference, "IEEE INFOCOM 2022 - IEEE Conference on Computer Communications", "inproceedings"},
		{"CoNext", "CoNEXT", paperlist.Conference, "CoNEXT '22", "inproceedings"},
		{"ACM CSUR", "CSUR", paperlist.Journal, "ACM Computing Surveys", "article"},
		{"imc", "IMC", paperlist.Conference, "Proceedings of the 2023 ACM on Internet Measurement Conference", "inproceedings"},
		{"sigmetrics", "SIGMETRICS", paperlist.Conference, "Abstract Proceedings of the 2023 ACM SIGMETRICS International Conference on Measurement and Modeling of Computer Systems", "inproceedings"},
		// DBLP writes journals by their ISO abbreviations, ACM writes "&".
		{"ccr", "SIGCOMM CCR", paperlist.Journal, "Comput. Commun. Rev.", "article"},
		{"tocs", "TOCS", paperlist.Journal, "ACM Trans. Comput. Syst.", "article"},
		{"tpds", "TPDS", paperlist.Journal, "IEEE Trans. Parallel Distributed Syst.", "article"},
		{"tos", "TOS", paperlist.Journal, "ACM Trans. Storage", "article"},
		{"taco", "TACO", paperlist.Journal, "ACM Trans. Archit. Code Optim.", "article"},
		{"tkde", "TKDE", paperlist.Journal, "IEEE Trans. Knowl. Data Eng.", "article"},
		{"csur", "CSUR", paperlist.Journal, "ACM Comput. Surv.", "article"},
		{"cacm", "CACM", paperlist.Journal, "Commun. ACM", "article"},
		{"ton", "ToN", paperlist.Journal, "IEEE/ACM Trans. Netw.", "article"},
		{"jsac", "JSAC", paperlist.Journal, "IEEE J. Sel. Areas Commun.", "article"},
		{"jmlr", "JMLR", paperlist.Journal, "J. Mach. Learn. Res.", "article"},
		{"cal", "CAL", paperlist.Journal, "IEEE Comput. Archit. Lett.", "article"},
		{"kdd", "KDD", paperlist.Conference, "Proceedings of the 26th ACM SIGKDD International Conference on Knowledge Discovery & Data Mining", "inproceedings"},
		{"cikm", "CIKM", paperlist.Conference, "Proceedings of the 31st ACM International Conference on Information & Knowledge Management", "inproceedings"},
	}
	for _, tt := range tests {
		v, ok := paperlist.LookupVenue(tt.alias)
		if !ok || v.Name != tt.name || v.Kind != tt.kind {
			t.Errorf("LookupVenue(%q) = %+v, %v; want %s (%s)", tt.alias, v, ok, tt.name, tt.kind)
			continue
		}
		if tt.record != "" && !VenueMatches(tt.alias, Record{Venue: tt.record}) {
			t.Errorf("VenueMatches(%q, %q) = false", tt.alias, tt.record)
		}
	}
	// Records of another venue are not the list's.
	for _, c := range [][2]string{
		{"SIGCOMM", "ACM SIGCOMM Computer Communication Review"},
		{"MICRO", "IEEE Micro"},
		{"MLSys", "Workshop on Machine Learning and Systems"},
		{"S&P", "2023 IEEE Security and Privacy Workshops (SPW)"},
		{"SIGCOMM", "SIGCOMM Comput. Commun. Rev."}, // Crossref's short container title of CCR
		{"SIGCOMM", "Comput. Commun. Rev."},         // DBLP's
		{"VLDB", "The VLDB Journal"},
		{"VLDB", "VLDB J."},
		{"ISCA", "2022 IEEE 34th International Symposium on Computer Architecture and High Performance Computing (SBAC-PAD)"},
		{"TC", "IEEE Trans. Comput. Aided Des. Integr. Circuits Syst."},
		{"OSDI", "SOSP"},
	} {
		if VenueMatches(c[0], Record{Venue: c[1]}) {
			t.Errorf("VenueMatches(%q, %q) = true", c[0], c[1])
		}
	}
}

// Candidates parsed from answers shaped like DBLP's and Crossref's
// (testdata/api): the published version is chosen although the preprint or
// the journal copy ranks first. Crossref writes CCR's short container title
// ("SIGCOMM Comput. Commun. Rev.") as the venue of the CCR copy of a SIGCOMM
// '08 paper, which must not make the pair ambiguous.
func TestChooseVenueFromRealShapes(t *testing.T) {
	parsed := func(file string, parse func([]byte) ([]Record, error)) []Record {
		cands, err := parse(apiFixture(t, file))
		if err != nil {
			t.Fatal(err)
		}
		return cands
	}
	spectre := parsed("dblp-search-spectre.json", ParseDBLPSearch)
	biggraph := parsed("dblp-search-pytorch-biggraph.json", ParseDBLPSearch)
	fattree := parsed("crossref-search-fattree.json", ParseCrossrefSearch)
	tests := []struct {
		name    string
		want    Want
		cands   []Record
		doi     string
		venue   string
		rejects int
	}{
		{"S&P: CoRR copy first, DBLP venue SP", Want{Title: "Spectre Attacks: Exploiting Speculative Execution", Venue: "S&P", Year: 2019}, spectre, "10.1109/sp.2019.00002", "SP", 0},
		{"S&P as Oakland", Want{Title: "Spectre Attacks: Exploiting Speculative Execution", Venue: "Oakland", Year: 2019}, spectre, "10.1109/sp.2019.00002", "SP", 0},
		{"MLSys: CoRR copy first, DBLP venue SysML", Want{Title: "PyTorch-BigGraph: A Large-scale Graph Embedding System", Venue: "MLSys", Year: 2019}, biggraph, "", "SysML", 0},
		{"SIGCOMM beside its CCR copy", Want{Title: "A Scalable, Commodity Data Center Network Architecture", Venue: "SIGCOMM", Year: 2008}, fattree, "10.1145/1402958.1402967", "SIGCOMM08", 1},
		{"the CCR copy when the list says CCR", Want{Title: "A Scalable, Commodity Data Center Network Architecture", Venue: "SIGCOMM CCR", Year: 2008}, fattree, "10.1145/1402946.1402967", "SIGCOMM Comput. Commun. Rev.", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			best, rejected, err := Choose(tt.want, tt.cands)
			if err != nil || best.DOI != tt.doi || best.Venue != tt.venue || len(rejected) != tt.rejects {
				t.Errorf("chose doi %q venue %q type %q; rejected %q; err %v; want doi %q venue %q, %d rejected",
					best.DOI, best.Venue, best.Type, rejected, err, tt.doi, tt.venue, tt.rejects)
			}
		})
	}
}
