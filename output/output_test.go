package output

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/paperlist/paperlist"
)

func samplePapers() []paperlist.Paper {
	return []paperlist.Paper{
		{
			ID:      "osdi2023-alpaserve",
			Listed:  paperlist.Listed{Venue: "OSDI", Year: 2023, ListTitle: "AlpaServe: Statistical Multiplexing with Model Parallelism for Deep Learning Serving", Title: "AlpaServe: Statistical Multiplexing with Model Parallelism for Deep Learning Serving", Link: "https://www.usenix.org/conference/osdi23/presentation/li-zhouhan", Notes: []string{"模型并行同时用于模型服务(Deep Learning Serving)"}},
			Authors: []paperlist.Author{{Name: "Zhuohan Li", Affiliation: "UC Berkeley"}, {Name: "Lianmin Zheng", Affiliation: "UC Berkeley"}},
			PDFURL:  "https://www.usenix.org/system/files/osdi23-li-zhuohan.pdf",
			PDFKind: "open_access",
			Status:  "ok",
			Errors:  []string{},
			Sources: map[string]string{"title": "https://www.usenix.org/conference/osdi23/presentation/li-zhouhan", "abstract": "u"},
		},
		{
			ID:      "eurosys2023-pocket",
			Listed:  paperlist.Listed{Venue: "EuroSys", Year: 2023, ListTitle: "Pocket: ML Serving from the Edge", Title: "Pocket: ML Serving from the Edge", Notes: []string{"=HYPERLINK(\"http://evil\")", "-2+3"}},
			Authors: []paperlist.Author{},
			Status:  "not_found",
			Errors:  []string{"no record matched"},
			Sources: map[string]string{},
		},
	}
}

func TestJSONKeepsUnicodeAndOrder(t *testing.T) {
	data, err := JSON(samplePapers())
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	if !strings.Contains(s, "模型并行") {
		t.Errorf("JSON escaped the Chinese note: %s", s[:200])
	}
	if !strings.HasPrefix(s, "[\n  {\n    \"id\": \"osdi2023-alpaserve\",\n    \"venue\": \"OSDI\"") {
		t.Errorf("JSON does not start with the id then venue, 2-space indented:\n%s", s[:120])
	}
	if strings.Index(s, "osdi2023-alpaserve") > strings.Index(s, "eurosys2023-pocket") {
		t.Error("records not in list order")
	}
	var back []paperlist.Paper
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back[0].Authors[1].Name != "Lianmin Zheng" || back[0].PDFURL != "https://www.usenix.org/system/files/osdi23-li-zhuohan.pdf" {
		t.Errorf("round trip lost values: %+v", back[0])
	}
	again, _ := JSON(samplePapers())
	if !bytes.Equal(data, again) {
		t.Error("JSON is not deterministic")
	}
}

func TestCSV(t *testing.T) {
	data, err := CSV(samplePapers())
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("papers.csv does not parse: %v", err)
	}
	if len(rows) != 3 {
		t.Fatalf("got %d rows, want header + 2", len(rows))
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	r := rows[1]
	if got := r[col["authors"]]; got != "Zhuohan Li; Lianmin Zheng" {
		t.Errorf("authors = %q", got)
	}
	two := samplePapers()[:1]
	two[0].Authors = []paperlist.Author{{Name: "A", Affiliation: "MIT; Google"}, {Name: "B", Affiliation: "CMU"}}
	d2, _ := CSV(two)
	r2, _ := csv.NewReader(bytes.NewReader(d2)).ReadAll()
	if got := r2[1][col["affiliations"]]; got != "MIT / Google; CMU" {
		t.Errorf("affiliations of two authors, the first with two = %q, want one slot each", got)
	}
	if got := r[col["affiliations"]]; got != "UC Berkeley; UC Berkeley" {
		t.Errorf("affiliations = %q", got)
	}
	if got := r[col["year"]]; got != "2023" {
		t.Errorf("year = %q", got)
	}
	if got := r[col["sources"]]; got != "abstract=u; title=https://www.usenix.org/conference/osdi23/presentation/li-zhouhan" {
		t.Errorf("sources = %q (want sorted keys)", got)
	}
	if got := rows[2][col["notes"]]; got != `'=HYPERLINK("http://evil"); -2+3` {
		t.Errorf("formula not neutralized: notes = %q", got)
	}
}

func TestBibTeXNameSuffix(t *testing.T) {
	if got := invertName("Martin Luther King, Jr."); got != "King, Jr., Martin Luther" {
		t.Errorf("invertName = %q", got)
	}
	if got := invertName("Scao, Teven Le"); got != "Scao, Teven Le" {
		t.Errorf("a Last, First name changed: %q", got)
	}
	if got := familyName("Martin Luther King, Jr."); got != "King" {
		t.Errorf("familyName = %q", got)
	}
}
