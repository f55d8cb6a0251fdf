package enrich

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/paperlist/paperlist"
)

func TestParseMeta(t *testing.T) {
	tests := []struct {
		file      string
		title     string
		authors   []string // names in order
		affil     map[int]string
		doi       string
		year      int
		pages     string
		booktitle string
		typ       string
		pdf       string
		absStart  string // "" = no abstract expected
	}{
		{
			file:  "ACL_N04-1001.html", // unquoted attributes, content before name
			title: "A Statistical Model for Multilingual Entity Detection and Tracking",
			authors: []string{"Radu Florian", "H. Hassan", "Abe Ittycheriah", "Hongyan Jing",
				"Nanda Kambhatla", "Xiaoqiang Luo", "Nicolas Nicolov", "Salim Roukos"},
			year: 2004, pages: "1-8", typ: "inproceedings",
			booktitle: "Proceedings of the Human Language Technology Conference of the North American Chapter of the Association for Computational Linguistics: HLT-NAACL 2004",
			pdf:       "https://aclanthology.org/N04-1001.pdf",
			absStart:  "", // og:description is a citation line, not an abstract
		},
		{
			file:    "ACL_2021.naacl-main.208.html",
			title:   "How many data points is a prompt worth?",
			authors: []string{"Teven Le Scao", "Alexander M. Rush"},
			doi:     "10.18653/v1/2021.naacl-main.208", year: 2021, pages: "2627-2636", typ: "inproceedings",
			booktitle: "Proceedings of the 2021 Conference of the North American Chapter of the Association for Computational Linguistics: Human Language Technologies",
			pdf:       "https://aclanthology.org/2021.naacl-main.208.pdf",
		},
		{
			file:    "APS_PhysRevX.12.041027.html",
			title:   "Tearing Instability and Current-Sheet Disruption in the Turbulent Dynamo",
			authors: []string{"Alisa K. Galishnikova", "Matthew W. Kunz", "Alexander A. Schekochihin"},
			affil: map[int]string{
				1: "Department of Astrophysical Sciences, Princeton University, 4 Ivy Lane, Princeton, New Jersey 08544, USA and Princeton Plasma Physics Laboratory, P.O. Box 451, Princeton, New Jersey 08543, USA",
			},
			doi: "10.1103/physrevx.12.041027", year: 2022, pages: "041027", typ: "article", booktitle: "Physical Review X",
			pdf:      "http://link.aps.org/pdf/10.1103/PhysRevX.12.041027",
			absStart: "Turbulent dynamos efficiently generate folded magnetic fields",
		},
		{
			file:  "APS_RevModPhys.94.045004.html",
			title: "Ultrafast electron diffraction: Visualizing dynamic states of matter",
			authors: []string{"D. Filippetto", "P. Musumeci", "R. K. Li", "B. J. Siwick", "M. R. Otto",
				"M. Centurion", "J. P. F. Nunes"},
			affil: map[int]string{0: "Lawrence Berkeley National Laboratory, Berkeley, California 94720, USA"},
			doi:   "10.1103/revmodphys.94.045004", year: 2022, pages: "045004", typ: "article", booktitle: "Reviews of Modern Physics",
			absStart: "Understanding the structure and function of both energy and matter",
		},
		{
			file:  "Fallback_peerj.html", // 5 institutions, 1 e-mail
			title: "Reef fish communities are spooked by scuba surveys and may take hours to recover",
			authors: []string{"Michael J. Emslie", "Alistair J. Cheal", "M. Aaron MacNeil", "Ian R. Miller",
				"Hugh P.A. Sweatman"},
			affil: map[int]string{
				1: "Australian Institute of Marine Science, Townsville, QLD, Australia",
				2: "Department of Biology, Dalhousie University, Halifax, NS, Canada",
			},
			doi: "10.7717/peerj.4886", year: 2018, pages: "e4886", typ: "article", booktitle: "PeerJ",
			pdf:      "https://peerj.com/articles/4886.pdf",
			absStart: "Ecological monitoring programs typically aim to detect changes",
		},
		{
			file:    "HAL_HAL_jpa_00235190.html",
			title:   "Déplacement de Knight dans les alliages",
			authors: []string{"Jacques Friedel"},
			doi:     "10.1051/jphysrad:01955001606044400", year: 1955, pages: "444-445", typ: "article",
			booktitle: "Journal de Physique et le Radium",
			pdf:       "https://hal.science/jpa-00235190/document",
			absStart:  "Des calculs récents de la densité électronique dans les alliages prévoient que le déplacement de Knight des noyaux de la matrice n'est pratiquement",
		},
		{
			file:    "HAL_THESES_tel_02083632v1.html", // date written 2015/02/09
			title:   "Global discharging methods for coloring problems in graphs",
			authors: []string{"Marthe Bonamy"},
			affil:   map[int]string{0: "Algorithmes, Graphes et Combinatoire"},
			year:    2015, typ: "",
			pdf:      "https://theses.hal.science/tel-02083632/document",
			absStart: "This thesis falls within graph theory, and deals more precisely",
		},
		{
			file:    "IOPScience_ab007b.html", // 6 institutions for 4 authors
			title:   "Resorbable PCEC/gelatin-bismuth doped bioglass-graphene oxide bilayer membranes for guided bone regeneration",
			authors: []string{"Ahmet Engin Pazarçeviren", "Zafer Evis", "Dilek Keskin", "Ayşen Tezcaner"},
			affil: map[int]string{
				1: "Department of Engineering Sciences, Middle East Technical University, Ankara, Turkey",
				2: "Department of Engineering Sciences, Middle East Technical University, Ankara, Turkey; Center of Excellence in Biomaterials and Tissue Engineering, Middle East Technical University, Ankara, Turkey",
			},
			doi: "10.1088/1748-605x/ab007b", year: 2019, pages: "035018", typ: "article", booktitle: "Biomedical Materials",
			pdf: "https://iopscience.iop.org/article/10.1088/1748-605X/ab007b/pdf",
		},
		{
			file:    "SpringerLink_s10924_010_0192_1.html", // U+00A0 in the title, "Last, First" authors
			title:   "In Vitro Cytotoxicity of Amylose-Based Bioplastic for Packaging Applications",
			authors: []string{"Sanchita Bandyopadhyay-Ghosh", "Robert Jeng", "Joydeep Mukherjee", "Mohini Sain"},
			affil:   map[int]string{2: "The Arthur and Sonia Labatt Brain Tumour Research Centre, The Hospital for Sick Children, University of Toronto, Toronto, Canada"},
			doi:     "10.1007/s10924-010-0192-1", year: 2010, pages: "231-234", typ: "article",
			booktitle: "Journal of Polymers and the Environment",
			pdf:       "https://link.springer.com/content/pdf/10.1007/s10924-010-0192-1.pdf",
			absStart:  "Amylose containing polysaccharides are one of the most abundant",
		},
		{
			file:    "NBER_w29971.html", // the description is NBER boilerplate
			title:   "The Narrow Channel of Quantitative Easing: Evidence from YCC Down Under",
			authors: []string{"David Lucca", "Jonathan H. Wright"},
			doi:     "10.3386/w29971", year: 2022,
			pdf: "https://www.nber.org/system/files/working_papers/w29971/w29971.pdf",
		},
		{
			file:    "ScienceDirect_S0009261497040141.html", // no citation_author at all
			title:   "Epstein-Nesbet second-order perturbation treatment of dynamical electron correlation and ground state potential energy curve of Cr2",
			authors: nil,
			doi:     "10.1016/s0009-2614(97)04014-1", year: 1997, pages: "285-290", typ: "article",
			booktitle: "Chemical Physics Letters",
			absStart:  "", // og:description is cut with "…"
		},
		{
			file:    "ProjectEuclid_00127094_3129809.html", // CRLF line endings
			title:   "Delocalization of eigenvectors of random matrices with independent entries",
			authors: []string{"Mark Rudelson", "Roman Vershynin"},
			doi:     "10.1215/00127094-3129809", year: 2015, pages: "2507-2538", typ: "article",
			booktitle: "Duke Mathematical Journal",
			absStart:  "We prove that an n×n random matrix G with independent entries is completely delocalized.",
		},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			const u = "https://publisher.example/article/1"
			r, err := ParseMeta(pageTestdata(t, "meta/"+tt.file), u)
			if err != nil {
				t.Fatal(err)
			}
			if r.Source != "meta" || r.URL != u {
				t.Errorf("source/url = %q %q", r.Source, r.URL)
			}
			if r.Title != tt.title {
				t.Errorf("title = %q, want %q", r.Title, tt.title)
			}
			var names []string
			for _, a := range r.Authors {
				names = append(names, a.Name)
			}
			if strings.Join(names, "|") != strings.Join(tt.authors, "|") {
				t.Errorf("authors = %q, want %q", names, tt.authors)
			}
			for i, want := range tt.affil {
				if i < len(r.Authors) && r.Authors[i].Affiliation != want {
					t.Errorf("author %d affiliation = %q, want %q", i, r.Authors[i].Affiliation, want)
				}
			}
			got := []string{r.DOI, r.Pages, r.Booktitle, r.Type, r.PDFURL}
			want := []string{tt.doi, tt.pages, tt.booktitle, tt.typ, tt.pdf}
			if tt.pdf == "" {
				got = got[:4]
			}
			for i, n := range []string{"doi", "pages", "booktitle", "type", "pdf"}[:len(got)] {
				if got[i] != want[i] {
					t.Errorf("%s = %q, want %q", n, got[i], want[i])
				}
			}
			if r.Year != tt.year {
				t.Errorf("year = %d, want %d", r.Year, tt.year)
			}
			if tt.absStart == "" && r.Abstract != "" {
				t.Errorf("abstract = %.100q, want none", r.Abstract)
			}
			if !strings.HasPrefix(r.Abstract, tt.absStart) {
				t.Errorf("abstract = %.100q, want it to start %q", r.Abstract, tt.absStart)
			}
		})
	}
}

// papis's expected outputs are the baseline: title, author family names,
// DOI, pages and year must agree wherever both have them.
func TestParseMetaMatchesPapisBaseline(t *testing.T) {
	type papisOut struct {
		Title      string `json:"title"`
		DOI        string `json:"doi"`
		Pages      string `json:"pages"`
		Year       string `json:"year"`
		AuthorList []struct {
			Family string `json:"family"`
		} `json:"author_list"`
	}
	for _, name := range []string{"ACL_N04-1001", "ACL_2021.naacl-main.208", "APS_PhysRevX.12.041027",
		"APS_RevModPhys.94.045004", "Fallback_peerj", "HAL_HAL_jpa_00235190", "HAL_THESES_tel_02083632v1",
		"IOPScience_ab007b", "SpringerLink_s10924_010_0192_1", "NBER_w29971", "ProjectEuclid_00127094_3129809",
		"ScienceDirect_S0009261497040141"} {
		t.Run(name, func(t *testing.T) {
			var out papisOut
			if err := json.Unmarshal(pageTestdata(t, "meta/"+name+"_Out.json"), &out); err != nil {
				t.Fatal(err)
			}
			r, err := ParseMeta(pageTestdata(t, "meta/"+name+".html"), "https://publisher.example/")
			if err != nil {
				t.Fatal(err)
			}
			if r.Title != NormalizeSpace(out.Title) {
				t.Errorf("title = %q, want %q", r.Title, out.Title)
			}
			// ScienceDirect has no citation_author; papis read its authors from the page body.
			if len(r.Authors) > 0 {
				if len(r.Authors) != len(out.AuthorList) {
					t.Fatalf("%d authors, want %d", len(r.Authors), len(out.AuthorList))
				}
				for i, a := range out.AuthorList {
					if !strings.HasSuffix(r.Authors[i].Name, " "+a.Family) {
						t.Errorf("author %d = %q, want family name %q", i, r.Authors[i].Name, a.Family)
					}
				}
			}
			// theses.hal's Out has a DOI papis took from the page body, not from a meta tag.
			if out.DOI != "" && name != "HAL_THESES_tel_02083632v1" && r.DOI != strings.ToLower(out.DOI) {
				t.Errorf("doi = %q, want %q", r.DOI, out.DOI)
			}
			if out.Pages != "" && r.Pages != strings.ReplaceAll(out.Pages, "--", "-") {
				t.Errorf("pages = %q, want %q", r.Pages, out.Pages)
			}
			if y := pageYear(out.Year); y != 0 && r.Year != y {
				t.Errorf("year = %d, want %d", r.Year, y)
			}
		})
	}
}

func TestParseMetaInline(t *testing.T) {
	page := `<html><head>
<meta name="citation_author_institution" content="Stray institution before any author">
<meta content='Doe, Jane' name=citation_author>
<meta name="citation_author_institution" content="Uni A">
<meta name="citation_author_institution" content="Uni A">
<meta name=citation_author content="John Smith">
<meta name="DC.Identifier" content="urn:isbn:123">
<meta name="DC.Identifier" content="info:doi/10.1234/ABC.5">
<meta name="dc.date" content="2022-04-04">
<meta property="og:site_name" content="Example Press">
<meta property="og:title" content="A Study of Things | Example Press">
<meta name="description" content="Example Press publishes research in many fields.">
<meta property="og:description" content="We study &lt;i&gt;things&lt;/i&gt; at scale.">
<meta name="citation_pdf_url" content="/pdf/1.pdf">
<title>ignored | Example Press</title>
</head><body></body></html>`
	r, err := ParseMeta([]byte(page), "https://press.example/article/1")
	if err != nil {
		t.Fatal(err)
	}
	pageCheckAuthors(t, r.Authors, []paperlist.Author{{Name: "Jane Doe", Affiliation: "Uni A"}, {Name: "John Smith"}})
	checks := map[string][2]string{
		"title":    {r.Title, "A Study of Things"},
		"doi":      {r.DOI, "10.1234/abc.5"},
		"abstract": {r.Abstract, "We study things at scale."},
		"pdf":      {r.PDFURL, "https://press.example/pdf/1.pdf"},
		"type":     {r.Type, ""},
	}
	for name, c := range checks {
		if c[0] != c[1] {
			t.Errorf("%s = %q, want %q", name, c[0], c[1])
		}
	}
	if r.Year != 2022 {
		t.Errorf("year = %d, want 2022", r.Year)
	}
}

func TestParseMetaErrors(t *testing.T) {
	tests := []struct {
		name string
		body []byte
	}{
		{"cloudflare challenge", pageTestdata(t, "meta/cloudflare_APS_PhysRevLett.122.145901.html")},
		{"empty", nil},
		{"no bibliographic tags", []byte(`<html><head><title>Home</title><meta name="viewport" content="width=device-width"></head></html>`)},
		{"bibliographic tags but no title", []byte(`<meta name="citation_author" content="A B">`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const u = "https://journals.example/x"
			_, err := ParseMeta(tt.body, u)
			if !errors.Is(err, ErrMarkupChanged) || !strings.Contains(err.Error(), u) {
				t.Errorf("err = %v, want ErrMarkupChanged naming %s", err, u)
			}
		})
	}
}

func TestMetaPersonName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Bandyopadhyay-Ghosh, Sanchita", "Sanchita Bandyopadhyay-Ghosh"},
		{"Scao, Teven Le", "Teven Le Scao"},
		{"Teven Le Scao", "Teven Le Scao"},
		{"King, Martin, Jr.", "King, Martin, Jr."},
		{"Martin King, Jr.", "Martin King, Jr."},
		{"  Doe ,\u00a0Jane ", "Jane Doe"},
	}
	for _, tt := range tests {
		if got := metaPersonName(tt.in); got != tt.want {
			t.Errorf("metaPersonName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestPageCleanDOI(t *testing.T) {
	tests := []struct{ in, want string }{
		{"doi:10.1103/PhysRevX.12.041027", "10.1103/physrevx.12.041027"},
		{"https://doi.org/10.1215/00127094-3129809", "10.1215/00127094-3129809"},
		{"info:doi/10.1/x", "10.1/x"},
		{"10.18653/v1/2021.naacl-main.208", "10.18653/v1/2021.naacl-main.208"},
		{"jpa-00235190", ""},
		{"https://hal.science/jpa-00235190", ""},
		{"10.1234", ""},
	}
	for _, tt := range tests {
		if got := pageCleanDOI(tt.in); got != tt.want {
			t.Errorf("pageCleanDOI(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func BenchmarkParseMeta(b *testing.B) {
	body := pageTestdata(b, "meta/APS_PhysRevX.12.041027.html")
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseMeta(body, "https://journals.aps.org/prx/abstract/10.1103/PhysRevX.12.041027"); err != nil {
			b.Fatal(err)
		}
	}
}
