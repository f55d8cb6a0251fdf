package pdfid

import (
	"reflect"
	"testing"
)

func TestLineNames(t *testing.T) {
	tests := []struct {
		line string
		want []string
	}{
		{"J.H. Saltzer, D.P. Reed and D.D. Clark*", []string{"J.H. Saltzer", "D.P. Reed", "D.D. Clark"}},
		{"Robbert van Renesse", []string{"Robbert van Renesse"}},
		{"by Kyle Kingsbury1,2 and Peter Alvaro2", []string{"Kyle Kingsbury", "Peter Alvaro"}},
		{"Sage A. Weil\tAndrew W. Leung\tCarlos Maltzahn", []string{"Sage A. Weil", "Andrew W. Leung", "Carlos Maltzahn"}},
		{"Jean-Luc O'Neil & Mary McDonald", []string{"Jean-Luc O'Neil", "Mary McDonald"}},
		{"Luiz André Barroso1, Ann Wollrath†", []string{"Luiz André Barroso", "Ann Wollrath"}},
		// Affiliations, addresses and acronyms are not names; a line with
		// one of them is not an author line.
		{"Stanford University", nil},
		{"UC Santa Cruz", nil},
		{"FAST Search & Transfer ASA", nil},
		{"Department of Computer Science", nil},
		{"Facebook, Inc.", nil},
		{"Palo Alto, California", nil},
		{"Ithaca, New York 14853", nil},
		{"cidon@stanford.edu", nil},
		{"Jepsen", nil},
		{"Shared MIME-info Database", nil},
		{"Ada Lovelace, Analytical Engine Laboratory", nil},
	}
	for _, tc := range tests {
		if got := lineNames(tc.line); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("lineNames(%q) = %q, want %q", tc.line, got, tc.want)
		}
	}
}

func TestTitleCase(t *testing.T) {
	tests := []struct{ in, want string }{
		{"END-TO-END ARGUMENTS IN SYSTEM DESIGN", "End-to-End Arguments in System Design"},
		{"A NOTE ON DISTRIBUTED COMPUTING", "A Note on Distributed Computing"},
		{"WHAT IS IT FOR", "What Is It For"},
		{"RADOS: A Scalable Store", "RADOS: A Scalable Store"}, // not all capitals: as printed
	}
	for _, tc := range tests {
		if got := titleCase(tc.in); got != tc.want {
			t.Errorf("titleCase(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestInfoTitle(t *testing.T) {
	page := "Elle: Inferring Isolation Anomalies from Experimental Observations\nKyle Kingsbury ... 2 System Model"
	tests := []struct{ info, want string }{
		{"Elle: Inferring Isolation Anomalies from Experimental Observations", "Elle: Inferring Isolation Anomalies from Experimental Observations"},
		{"paper.dvi", ""},
		{"rados-pdsw.dvi", ""},
		{"Microsoft Word - elle.doc", ""},
		{"untitled", ""},
		{"System Model", ""},                   // too short to trust, though on the page
		{"Elle: A Checker for Everything", ""}, // not borne out by the page
		{"", ""},
	}
	for _, tc := range tests {
		if got := infoTitle(tc.info, page); got != tc.want {
			t.Errorf("infoTitle(%q) = %q, want %q", tc.info, got, tc.want)
		}
	}
}

func TestFindIDs(t *testing.T) {
	tests := []struct{ text, doi, arxiv string }{
		{"PVLDB, 14(3): 268-280, 2020.\ndoi:10.14778/3430915.3430918", "10.14778/3430915.3430918", ""},
		{"https://doi.org/10.1145/3132747.3132765.", "10.1145/3132747.3132765", ""},
		{"Digital Object Identifier 10.1109/TPDS.2020.1234567", "10.1109/tpds.2020.1234567", ""},
		{"see 10.1145/1234.5678 in [3]", "", ""},                        // no label: a citation, maybe
		{"DOI: 10.1000/aaaa.1\nDOI: 10.1145/2.2", "", ""},               // two different DOIs: neither
		{"DOI: 10.1145/2.2 ... doi.org/10.1145/2.2", "10.1145/2.2", ""}, // the same twice
		{"arXiv:1706.03762v7 [cs.CL] 2 Aug 2023", "", "1706.03762"},
		{"arXiv:cs/0112017v1 [cs.DC] 1 Dec 2001", "", "cs/0112017"},
		{"as shown in arXiv:2001.00001", "", ""}, // cited, not stamped
	}
	for _, tc := range tests {
		if got := findDOI(tc.text); got != tc.doi {
			t.Errorf("findDOI(%q) = %q, want %q", tc.text, got, tc.doi)
		}
		if got := findArxiv(tc.text); got != tc.arxiv {
			t.Errorf("findArxiv(%q) = %q, want %q", tc.text, got, tc.arxiv)
		}
	}
}
