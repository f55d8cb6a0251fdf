package paperlist

import (
	"strings"
	"unicode"
)

// VenueKind says what a venue publishes, which decides a paper's BibTeX
// entry type and whether a preprint stands in for it.
type VenueKind string

// Venue kinds.
const (
	Conference VenueKind = "conference"
	Journal    VenueKind = "journal"
	Workshop   VenueKind = "workshop"
	Preprint   VenueKind = "preprint"
)

// Venue is one venue, as every part of paperlist knows it: the parser reads
// its aliases in headings and tags, verification matches its acronyms and
// full names in the records of the APIs, the USENIX extractor maps its URL
// names, and the BibTeX writer picks the entry type from its kind.
type Venue struct {
	// Name is the canonical short name (OSDI, EuroSys, S&P, USENIX Security).
	Name string
	// Aliases are other ways lists write it ("sysml", "oakland", "nips",
	// "usenix atc"); Name and Acronyms count as aliases too. Matching is on
	// letters, digits and '&', case-folded, a publisher prefix (USENIX, ACM,
	// IEEE) ignored.
	Aliases []string
	// Acronyms are what bibliographic records write in a venue field
	// ("NIPS", "SP", "PVLDB"), matched as whole words; an all-capitals one
	// case-sensitively, so "FAST" does not match "fast".
	Acronyms []string
	// Phrases are words of its full proceedings or journal names, in
	// normalized form (lower case, letters and digits, single spaces):
	// "symposium on security and privacy" matches "2023 IEEE Symposium on
	// Security and Privacy (SP)".
	Phrases []string
	// Exclude are phrases of similar names that are another venue ("ieee
	// micro" is a magazine, not MICRO; "computer communication review" is
	// SIGCOMM's journal, not the conference).
	Exclude []string
	// Headings are names that mean the venue only as a heading of their own
	// ("Security", "Sec" in a list kept venue by venue): anywhere else they
	// are a word of a title or topic, or another venue's acronym ("SEC'22"
	// is the Symposium on Edge Computing).
	Headings []string
	// USENIX are the conference names in www.usenix.org/conference/<name><yy>/.
	USENIX []string
	Kind   VenueKind
}

// Venues is the one venue table.
var Venues = []Venue{
	{Name: "OSDI", Kind: Conference, USENIX: []string{"osdi"}, Phrases: []string{"operating systems design and implementation"}},
	{Name: "SOSP", Kind: Conference, Phrases: []string{"symposium on operating systems principles"}},
	{Name: "EuroSys", Kind: Conference, Phrases: []string{"european conference on computer systems"}},
	{Name: "NSDI", Kind: Conference, USENIX: []string{"nsdi"}, Phrases: []string{"networked systems design and implementation"}},
	{Name: "ATC", Kind: Conference, USENIX: []string{"atc"}, Aliases: []string{"usenix atc", "annual technical conference", "usenix annual technical conference"},
		Acronyms: []string{"USENIX ATC"}, Phrases: []string{"usenix annual technical conference", "usenix atc"}},
	{Name: "FAST", Kind: Conference, USENIX: []string{"fast"}, Phrases: []string{"file and storage technologies"}},
	{Name: "ASPLOS", Kind: Conference, Phrases: []string{"architectural support for programming languages and operating systems"}},
	{Name: "ISCA", Kind: Conference, Phrases: []string{"international symposium on computer architecture"}, Exclude: []string{"computer architecture and high performance computing"}},
	{Name: "MICRO", Kind: Conference, Phrases: []string{"international symposium on microarchitecture"}, Exclude: []string{"ieee micro"}},
	{Name: "HPCA", Kind: Conference, Phrases: []string{"high performance computer architecture"}},
	{Name: "MLSys", Kind: Conference, Aliases: []string{"sysml"}, Acronyms: []string{"SysML"},
		Phrases: []string{"machine learning and systems", "conference on systems and machine learning"}},
	{Name: "SC", Kind: Conference, Phrases: []string{"high performance computing networking storage and analysis"}},
	{Name: "PPoPP", Kind: Conference, Phrases: []string{"principles and practice of parallel programming"}},
	{Name: "SoCC", Kind: Conference, Phrases: []string{"symposium on cloud computing"}},
	{Name: "SIGCOMM", Kind: Conference, Phrases: []string{"special interest group on data communication", "acm sigcomm conference"},
		Exclude: []string{"computer communication review", "comput commun rev"}},
	{Name: "SIGCOMM CCR", Kind: Journal, Aliases: []string{"ccr", "computer communication review"}, Acronyms: []string{"CCR"},
		Phrases: []string{"computer communication review", "comput commun rev"}},
	{Name: "VLDB", Kind: Journal, Aliases: []string{"pvldb"}, Acronyms: []string{"PVLDB"}, Phrases: []string{"very large data bases", "vldb endowment", "vldb endow"}, Exclude: []string{"vldb journal", "vldb j"}},
	{Name: "SIGMOD", Kind: Conference, Phrases: []string{"international conference on management of data", "acm on management of data", "acm manag data"}},
	{Name: "ICML", Kind: Conference, Phrases: []string{"international conference on machine learning"}},
	{Name: "NeurIPS", Kind: Conference, Aliases: []string{"nips"}, Acronyms: []string{"NIPS"}, Phrases: []string{"neural information processing systems"}},
	{Name: "ICLR", Kind: Conference, Phrases: []string{"international conference on learning representations"}},
	{Name: "KDD", Kind: Conference, Aliases: []string{"sigkdd"}, Phrases: []string{"knowledge discovery and data mining"}},
	{Name: "Middleware", Kind: Conference, Phrases: []string{"middleware conference"}},
	{Name: "USENIX Security", Kind: Conference, USENIX: []string{"usenixsecurity", "sec"}, Aliases: []string{"usenix sec"}, Headings: []string{"sec", "security"},
		Phrases: []string{"usenix security symposium", "usenix security"}},
	{Name: "S&P", Kind: Conference, Aliases: []string{"sp", "oakland", "ieee s&p", "ieee sp", "ieee security and privacy", "ieee symposium on security and privacy"}, Acronyms: []string{"SP"},
		Phrases: []string{"symposium on security and privacy"}, Exclude: []string{"workshops"}},
	{Name: "CCS", Kind: Conference, Phrases: []string{"conference on computer and communications security"}},
	{Name: "NDSS", Kind: Conference, Phrases: []string{"network and distributed system security"}},
	{Name: "HotOS", Kind: Workshop, USENIX: []string{"hotos"}, Phrases: []string{"workshop on hot topics in operating systems"}},
	{Name: "HotNets", Kind: Workshop, Phrases: []string{"workshop on hot topics in networks"}},
	{Name: "HotCloud", Kind: Workshop, USENIX: []string{"hotcloud"}, Phrases: []string{"workshop on hot topics in cloud computing"}},
	{Name: "HotStorage", Kind: Workshop, USENIX: []string{"hotstorage"}, Phrases: []string{"workshop on hot topics in storage and file systems"}},
	{Name: "HotEdge", Kind: Workshop, USENIX: []string{"hotedge"}, Phrases: []string{"workshop on hot topics in edge computing"}},
	{Name: "HotInfra", Kind: Workshop},
	{Name: "CoNEXT", Kind: Conference, Phrases: []string{"emerging networking experiments and technologies"}},
	{Name: "INFOCOM", Kind: Conference, Phrases: []string{"ieee infocom", "conference on computer communications"}},
	{Name: "OOPSLA", Kind: Conference, Phrases: []string{"object oriented programming systems languages and applications"}},
	{Name: "PLDI", Kind: Conference, Phrases: []string{"programming language design and implementation"}},
	{Name: "POPL", Kind: Conference, Phrases: []string{"principles of programming languages"}},
	{Name: "CGO", Kind: Conference, Phrases: []string{"code generation and optimization"}},
	{Name: "PACT", Kind: Conference, Phrases: []string{"parallel architectures and compilation techniques"}},
	{Name: "ICDE", Kind: Conference, Phrases: []string{"international conference on data engineering"}},
	{Name: "CIDR", Kind: Conference, Phrases: []string{"conference on innovative data systems research"}},
	{Name: "IPDPS", Kind: Conference, Phrases: []string{"parallel and distributed processing symposium"}},
	{Name: "HPDC", Kind: Conference, Phrases: []string{"high performance parallel and distributed computing"}},
	{Name: "ICS", Kind: Conference, Phrases: []string{"international conference on supercomputing"}},
	{Name: "ICPP", Kind: Conference, Phrases: []string{"international conference on parallel processing"}},
	// Not "cluster" alone: a topic heading ("## Cluster") is no venue.
	{Name: "IEEE CLUSTER", Kind: Conference, Phrases: []string{"international conference on cluster computing"}},
	{Name: "CCGrid", Kind: Conference, Phrases: []string{"cluster cloud and internet computing"}},
	{Name: "DAC", Kind: Conference, Phrases: []string{"design automation conference"}},
	{Name: "ICCAD", Kind: Conference, Phrases: []string{"international conference on computer aided design"}},
	{Name: "MobiCom", Kind: Conference, Phrases: []string{"mobile computing and networking"}},
	{Name: "MobiSys", Kind: Conference, Phrases: []string{"mobile systems applications and services"}},
	{Name: "SenSys", Kind: Conference, Phrases: []string{"embedded networked sensor systems"}},
	{Name: "SIGMETRICS", Kind: Conference, Phrases: []string{"measurement and modeling of computer systems"}},
	{Name: "WWW", Kind: Conference, Aliases: []string{"thewebconf", "the web conference"}, Phrases: []string{"the web conference", "world wide web conference"}},
	{Name: "CVPR", Kind: Conference, Phrases: []string{"computer vision and pattern recognition"}},
	{Name: "ICCV", Kind: Conference, Phrases: []string{"international conference on computer vision"}},
	{Name: "ECCV", Kind: Conference, Phrases: []string{"european conference on computer vision"}},
	{Name: "WACV", Kind: Conference, Phrases: []string{"winter conference on applications of computer vision"}},
	{Name: "AAAI", Kind: Conference, Phrases: []string{"aaai conference on artificial intelligence"}},
	{Name: "IJCAI", Kind: Conference, Phrases: []string{"international joint conference on artificial intelligence"}},
	{Name: "ACL", Kind: Conference, Phrases: []string{"annual meeting of the association for computational linguistics"}},
	{Name: "EMNLP", Kind: Conference, Phrases: []string{"empirical methods in natural language processing"}},
	{Name: "NAACL", Kind: Conference, Phrases: []string{"north american chapter of the association for computational linguistics"}},
	{Name: "EuroMLSys", Kind: Workshop, Phrases: []string{"workshop on machine learning and systems"}},
	{Name: "MLArchSys", Kind: Workshop, Phrases: []string{"workshop on machine learning for computer architecture and systems"}},
	{Name: "ISPASS", Kind: Conference, Phrases: []string{"performance analysis of systems and software"}},
	{Name: "IISWC", Kind: Conference, Phrases: []string{"symposium on workload characterization"}},
	{Name: "VEE", Kind: Conference, USENIX: []string{"vee"}, Phrases: []string{"virtual execution environments"}},
	{Name: "SYSTOR", Kind: Conference, Phrases: []string{"international systems and storage conference"}},
	{Name: "APSys", Kind: Workshop, Phrases: []string{"asia pacific workshop on systems"}},
	{Name: "ISSCC", Kind: Conference, Phrases: []string{"international solid state circuits conference"}},
	{Name: "FPGA", Kind: Conference, Phrases: []string{"symposium on field programmable gate arrays"}},
	{Name: "MASCOTS", Kind: Conference, Phrases: []string{"modeling analysis and simulation of computer and telecommunication systems"}},
	{Name: "IMC", Kind: Conference, Phrases: []string{"internet measurement conference"}},
	{Name: "CC", Kind: Conference, Phrases: []string{"international conference on compiler construction"}},
	{Name: "ICDCS", Kind: Conference, Phrases: []string{"international conference on distributed computing systems"}},
	{Name: "DSN", Kind: Conference, Phrases: []string{"dependable systems and networks"}},
	{Name: "SRDS", Kind: Conference, Phrases: []string{"symposium on reliable distributed systems"}},
	{Name: "PODC", Kind: Conference, Phrases: []string{"principles of distributed computing"}},
	{Name: "RecSys", Kind: Conference, Phrases: []string{"conference on recommender systems"}},
	{Name: "CIKM", Kind: Conference, Phrases: []string{"information and knowledge management"}},
	{Name: "WSDM", Kind: Conference, Phrases: []string{"web search and data mining"}},
	{Name: "ICSE", Kind: Conference, Phrases: []string{"international conference on software engineering"}},
	{Name: "MAPL", Kind: Workshop, Phrases: []string{"workshop on machine learning and programming languages"}},
	{Name: "SIGGRAPH", Kind: Conference},
	{Name: "SOUPS", Kind: Conference, USENIX: []string{"soups"}, Phrases: []string{"symposium on usable privacy and security"}},
	{Name: "WOOT", Kind: Workshop, USENIX: []string{"woot"}, Phrases: []string{"workshop on offensive technologies"}},
	{Name: "CSET", Kind: Workshop, USENIX: []string{"cset"}, Phrases: []string{"cyber security experimentation and test"}},
	{Name: "FOCI", Kind: Workshop, USENIX: []string{"foci"}},
	{Name: "LISA", Kind: Conference, USENIX: []string{"lisa"}, Phrases: []string{"large installation system administration conference"}},
	{Name: "SREcon", Kind: Conference, USENIX: []string{"srecon"}},
	{Name: "Enigma", Kind: Conference, USENIX: []string{"enigma"}},
	{Name: "OpML", Kind: Conference, USENIX: []string{"opml"}, Phrases: []string{"conference on operational machine learning"}},
	{Name: "TOCS", Kind: Journal, Aliases: []string{"transactions on computer systems"}, Phrases: []string{"transactions on computer systems", "acm trans comput syst"}},
	{Name: "TPDS", Kind: Journal, Phrases: []string{"transactions on parallel and distributed systems", "ieee trans parallel distributed syst"}},
	{Name: "TOS", Kind: Journal, Phrases: []string{"transactions on storage", "acm trans storage"}},
	{Name: "TACO", Kind: Journal, Phrases: []string{"transactions on architecture and code optimization", "acm trans archit code optim"}},
	{Name: "TC", Kind: Journal, Phrases: []string{"transactions on computers", "ieee trans computers"}},
	{Name: "TKDE", Kind: Journal, Phrases: []string{"transactions on knowledge and data engineering", "ieee trans knowl data eng"}},
	{Name: "TPAMI", Kind: Journal, Phrases: []string{"transactions on pattern analysis and machine intelligence", "ieee trans pattern anal mach intell"}},
	{Name: "TCAD", Kind: Journal, Phrases: []string{"computer aided design of integrated circuits and systems", "ieee trans comput aided des integr circuits syst"}},
	{Name: "JSAC", Kind: Journal, Phrases: []string{"journal on selected areas in communications", "ieee j sel areas commun"}},
	{Name: "ToN", Kind: Journal, Aliases: []string{"ton"}, Phrases: []string{"transactions on networking", "ieee acm trans netw"}},
	{Name: "JPDC", Kind: Journal, Phrases: []string{"journal of parallel and distributed computing", "j parallel distributed comput"}},
	{Name: "CSUR", Kind: Journal, Phrases: []string{"acm computing surveys", "acm comput surv"}},
	{Name: "CACM", Kind: Journal, Phrases: []string{"communications of the acm", "commun acm"}},
	{Name: "CAL", Kind: Journal, Phrases: []string{"computer architecture letters", "ieee comput archit lett"}},
	{Name: "IEEE Micro", Kind: Journal, Aliases: []string{"ieee micro"}, Phrases: []string{"ieee micro"}},
	{Name: "JMLR", Kind: Journal, Phrases: []string{"journal of machine learning research", "j mach learn res"}},
	{Name: "TMLR", Kind: Journal, Phrases: []string{"transactions on machine learning research", "trans mach learn res"}},
	{Name: "arXiv", Kind: Preprint, Aliases: []string{"corr"}, Acronyms: []string{"CoRR"}, Phrases: []string{"arxiv"}},
}

// venueIndex maps every alias key (see VenueKey) to its venue.
var venueIndex = func() map[string]*Venue {
	m := map[string]*Venue{}
	for i := range Venues {
		v := &Venues[i]
		for _, a := range append(append([]string{v.Name}, v.Aliases...), v.Acronyms...) {
			if k := VenueKey(a); k != "" {
				if _, taken := m[k]; !taken {
					m[k] = v
				}
			}
		}
	}
	return m
}()

// venueOrgs are publisher names people put before a venue ("USENIX FAST").
var venueOrgs = []string{"usenix", "acm", "ieee", "acmieee", "ieeeacm"}

// VenueKey folds a venue as written for lookup: lower case, letters,
// digits and '&' only, so "Eurosys", "EuroSys" and "euro-sys" share a key.
func VenueKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteRune(r)
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// LookupVenue finds a venue by any name lists write for it ("osdi",
// "USENIX ATC", "SysML", "Oakland", "IEEE S&P", "NIPS"). A publisher prefix
// is ignored when what follows it is known.
func LookupVenue(s string) (*Venue, bool) {
	k := VenueKey(s)
	if k == "" {
		return nil, false
	}
	if v, ok := venueIndex[k]; ok {
		return v, true
	}
	for _, org := range venueOrgs {
		if rest, ok := strings.CutPrefix(k, org); ok && rest != "" {
			if v, ok := venueIndex[rest]; ok {
				return v, true
			}
		}
	}
	return nil, false
}

// headingIndex maps the keys of the names that are a venue only as a
// heading (Venue.Headings).
var headingIndex = func() map[string]*Venue {
	m := map[string]*Venue{}
	for i := range Venues {
		for _, h := range Venues[i].Headings {
			m[VenueKey(h)] = &Venues[i]
		}
	}
	return m
}()

// LookupHeadingVenue finds the venue a heading on its own names: what
// LookupVenue finds, and the names that mean a venue only as a heading
// ("Security", "Sec": USENIX Security).
func LookupHeadingVenue(s string) (*Venue, bool) {
	if v, ok := LookupVenue(s); ok {
		return v, true
	}
	v, ok := headingIndex[VenueKey(s)]
	return v, ok
}

// VenueByUSENIX finds the venue of a www.usenix.org conference name
// ("osdi", "sec", "usenixsecurity").
func VenueByUSENIX(name string) (*Venue, bool) {
	for i := range Venues {
		for _, u := range Venues[i].USENIX {
			if u == name {
				return &Venues[i], true
			}
		}
	}
	return nil, false
}
