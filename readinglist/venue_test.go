package readinglist

import "testing"

func TestCanonicalVenue(t *testing.T) {
	tests := []struct{ in, want string }{
		{"osdi", "OSDI"},
		{"OSDI", "OSDI"},
		{"Eurosys", "EuroSys"},
		{"euro-sys", "EuroSys"},
		{"USENIX ATC", "ATC"},
		{"usenix-atc", "ATC"},
		{"NeurIPS", "NeurIPS"},
		{"nips", "NeurIPS"},
		{"ACM SOSP", "SOSP"},
		{"hpca", "HPCA"},
		{"fast", "FAST"},
		{"USENIX FAST", "FAST"},
		{"mlsys", "MLSys"},
		{"SysML", "MLSys"},
		{"ppopp", "PPoPP"},
		{"arxiv", "arXiv"},
		{"CoRR", "arXiv"},
		{"Infocom", "INFOCOM"},
		{"CoNext", "CoNEXT"},
		{"IEEE S&P", "S&P"},
		{"  Some   Workshop ", "Some Workshop"},
		{"SIGCOMMM", "SIGCOMMM"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := CanonicalVenue(tt.in); got != tt.want {
			t.Errorf("CanonicalVenue(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestParseVenueYear(t *testing.T) {
	tests := []struct {
		in    string
		venue string
		year  int
		ok    bool
	}{
		{"OSDI'24", "OSDI", 2024, true},
		{"OSDI '22", "OSDI", 2022, true},
		{"OSDI’22", "OSDI", 2022, true},
		{"OSDI' 2014", "OSDI", 2014, true},
		{"USENIX FAST 2003", "FAST", 2003, true},
		{"ACM SOSP 2021", "SOSP", 2021, true},
		{"arxiv, 2022", "arXiv", 2022, true},
		{"NeurIPS'25 Spotlight", "NeurIPS", 2025, true},
		{"KDD'20 Tutorial", "KDD", 2020, true},
		{"MLArchSys'24 @ ISCA'24", "MLArchSys", 2024, true},
		{"SC 19", "SC", 2019, true},
		{"ICS 22", "ICS", 2022, true},
		{"USENIX ATC'21", "ATC", 2021, true},
		{"_NSDI '22_", "NSDI", 2022, true},
		{"SIGCOMMM '18", "SIGCOMMM", 2018, true},
		{"ACM Transactions on Computer Systems, 1984", "TOCS", 1984, true},
		{"IEEE S&P'22", "S&P", 2022, true},
		{"Oakland '20", "S&P", 2020, true},
		{"SysML'19", "MLSys", 2019, true},
		{"USENIX Security '20", "USENIX Security", 2020, true},
		{"USENIX Sec'21", "USENIX Security", 2021, true},
		{"SEC'22", "SEC", 2022, true}, // the Symposium on Edge Computing, not USENIX Security
		{"osdi", "OSDI", 0, true},
		{"2023", "", 2023, true},
		{"'99", "", 1999, true},
		{"Survey :mag:", "", 0, false},
		{"vLLM", "", 0, false},
		{"x", "", 0, false},
		{"2.1", "", 0, false},
		{"2023.05", "", 0, false},
		{"Llama 22", "", 0, false},
		{"The Go Programming Language Blog", "", 0, false},
		{"Michael J. Franklin", "", 0, false},
	}
	for _, tt := range tests {
		got, ok := parseVenueYear(tt.in)
		if ok != tt.ok || got.venue != tt.venue || got.year != tt.year {
			t.Errorf("parseVenueYear(%q) = %q %d %v, want %q %d %v", tt.in, got.venue, got.year, ok, tt.venue, tt.year, tt.ok)
		}
	}
}

func TestHeadingVenueYear(t *testing.T) {
	tests := []struct {
		in    string
		venue string
		year  int
	}{
		{"osdi", "OSDI", 0},
		{"2023", "", 2023},
		{"2023年", "", 2023},
		{"OSDI 2023", "OSDI", 2023},
		{"Eurosys'22", "EuroSys", 2022},
		{"Training System", "", 0},
		{"ML Systems Papers", "", 0},
		{"🚀 LLM Inference", "", 0},
		{"Fast", "FAST", 0},
		{"security", "USENIX Security", 0},
		{"Sec", "USENIX Security", 0},
		{"🔒 Security", "USENIX Security", 0},
		{"USENIX Security 2020", "USENIX Security", 2020},
		{"Oakland", "S&P", 0},
		{"IEEE S&P 2022", "S&P", 2022},
		{"sysml", "MLSys", 0},
		{"nips", "NeurIPS", 0},
		{"Security of ML Systems", "", 0},
	}
	for _, tt := range tests {
		got := headingVenueYear(tt.in)
		if got.venue != tt.venue || got.year != tt.year {
			t.Errorf("headingVenueYear(%q) = %q %d, want %q %d", tt.in, got.venue, got.year, tt.venue, tt.year)
		}
	}
}

func TestCleanTitle(t *testing.T) {
	tests := []struct{ in, want, venue string }{
		{"**Ray**: A Distributed Framework", "Ray: A Distributed Framework", ""},
		{"🔥[**FlashAttention**] Fast Attention(@Stanford University etc)", "Fast Attention", ""},
		{"Efficient Serving with PagedAttention (**vLLM**)", "Efficient Serving with PagedAttention", ""},
		{"Title of a Paper (OSDI' 2014)", "Title of a Paper", "OSDI"},
		{"Title of a Paper, OSDI 2020", "Title of a Paper", "OSDI"},
		{"Llama 2: Open Foundation Models", "Llama 2: Open Foundation Models", ""},
		{"Training Llama 22", "Training Llama 22", ""},
		{`Orca: "Orca: A Distributed Serving System"`, "Orca: A Distributed Serving System", ""},
		{"<b>Bold Title In HTML</b>", "Bold Title In HTML", ""},
		{"$Gandiva_{fair}$", "$Gandiva_{fair}$", ""},
		{"A Survey :mag: of Things", "A Survey of Things", ""},
	}
	for _, tt := range tests {
		got, vy := cleanTitle(tt.in)
		if got != tt.want || vy.venue != tt.venue {
			t.Errorf("cleanTitle(%q) = %q, %q, want %q, %q", tt.in, got, vy.venue, tt.want, tt.venue)
		}
	}
}

func TestLooksLikeTitle(t *testing.T) {
	tests := []struct {
		in   string
		want bool
	}{
		{"Pocket: ML Serving from the Edge", true},
		{"Tensor Movement Orchestration In Multi-GPU Training Systems", true},
		{"vLLM: Easy, Fast, and Cheap", true},
		{"misc", false},
		{"GPU share", false},
		{"byteps", false},
		{"achieves near 100% GPU utilization", false},
		{"调度缓存协同设计", false},
		{"MapReduce", false},
	}
	for _, tt := range tests {
		if got := looksLikeTitle(tt.in); got != tt.want {
			t.Errorf("looksLikeTitle(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
