package enrich

import (
	"errors"
	"strings"
	"testing"
)

func TestParseArxivFeed(t *testing.T) {
	recs, err := ParseArxivFeed(apiFixture(t, "arxiv-2302.11665.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 {
		t.Fatalf("%d records", len(recs))
	}
	r := recs[0]
	names := make([]string, len(r.Authors))
	for i, a := range r.Authors {
		names[i] = a.Name
	}
	checkFields(t, "arxiv", map[string][2]string{
		"Source": {r.Source, "arxiv"},
		// Hard-wrapped in the feed.
		"Title":   {r.Title, "AlpaServe: Statistical Multiplexing with Model Parallelism for Deep Learning Serving"},
		"ArxivID": {r.ArxivID, "2302.11665"},
		"PDFURL":  {r.PDFURL, "https://arxiv.org/pdf/2302.11665v2"},
		"PDFKind": {string(r.PDFKind), "preprint"},
		"Type":    {r.Type, "preprint"},
		"DOI":     {r.DOI, ""},
		"Authors": {strings.Join(names, ", "), "Zhuohan Li, Lianmin Zheng, Yinmin Zhong, Vincent Liu, Ying Sheng, Xin Jin, Yanping Huang, Zhifeng Chen, Hao Zhang, Joseph E. Gonzalez, Ion Stoica"},
	})
	if r.Year != 2023 {
		t.Errorf("Year = %d", r.Year)
	}
	if !strings.HasPrefix(r.Abstract, "Model parallelism is conventionally viewed as a method to scale a single large deep learning model") ||
		!strings.HasSuffix(r.Abstract, "for more than 99% of requests.") || strings.Contains(r.Abstract, "\n") {
		t.Errorf("Abstract = %q", r.Abstract)
	}
}

func TestParseArxivFeedEmpty(t *testing.T) {
	recs, err := ParseArxivFeed(apiFixture(t, "arxiv-2302.99999-empty.xml"))
	if err != nil || len(recs) != 0 {
		t.Errorf("empty feed: %v, %v", recs, err)
	}
}

func TestParseArxivFeedInline(t *testing.T) {
	const doi = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
	<entry><id>http://arxiv.org/abs/cs/0112017v1</id><published>2001-12-14T00:00:00Z</published><title>Old</title>
	<summary>s</summary><author><name>A</name><arxiv:affiliation>MIT</arxiv:affiliation></author>
	<arxiv:doi>10.1145/1.2</arxiv:doi></entry></feed>`
	recs, err := ParseArxivFeed([]byte(doi))
	if err != nil || len(recs) != 1 {
		t.Fatalf("%v %v", recs, err)
	}
	r := recs[0]
	checkFields(t, "arxiv inline", map[string][2]string{
		"ArxivID": {r.ArxivID, "cs/0112017"}, "DOI": {r.DOI, "10.1145/1.2"},
		"PDFURL": {r.PDFURL, "https://arxiv.org/pdf/cs/0112017"}, "Affiliation": {r.Authors[0].Affiliation, "MIT"},
	})

	const apiErr = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry>
	<id>http://arxiv.org/api/errors#incorrect_id_format_for_2302.1</id><title>Error</title>
	<summary>incorrect id format for 2302.1</summary></entry></feed>`
	if _, err := ParseArxivFeed([]byte(apiErr)); !errors.Is(err, ErrAPI) || !strings.Contains(err.Error(), "incorrect id format") {
		t.Errorf("error entry: %v", err)
	}
	if _, err := ParseArxivFeed([]byte(`{"json":true}`)); !errors.Is(err, ErrNotAtom) {
		t.Errorf("json body: %v", err)
	}
	if _, err := ParseArxivFeed([]byte(`<?xml version="1.0"?><feed><entry>`)); !errors.Is(err, ErrNotAtom) {
		t.Errorf("truncated: %v", err)
	}
}
