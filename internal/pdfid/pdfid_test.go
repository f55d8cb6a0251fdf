package pdfid

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// testID is the Identifier the tests share: PDFium is compiled once per test
// binary, which takes seconds.
var testID *Identifier

func TestMain(m *testing.M) {
	testID = New(Config{})
	code := m.Run()
	testID.Close()
	os.Exit(code)
}

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "real", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// realPDFs are the nine real papers of testdata/real with what their first
// pages say (see testdata/README.md).
var realPDFs = []struct {
	file string
	want Identity
}{
	{"end-to-end-arguments-in-system-design.pdf", Identity{
		// A running header "SALTZER ET AL. End-to-End Arguments in System
		// Design 1" stands above the title, which is set in capitals.
		Title:       "End-to-End Arguments in System Design",
		Authors:     []string{"J.H. Saltzer", "D.P. Reed", "D.D. Clark"},
		TitleSource: SourceText,
	}},
	{"harvest-yield-and-scalable-tolerant-systems.pdf", Identity{
		Title:       "Harvest, Yield, and Scalable Tolerant Systems",
		Authors:     []string{"Armando Fox", "Eric A. Brewer"},
		TitleSource: SourceText,
	}},
	{"a-note-on-distributed-computing.pdf", Identity{
		Title:       "A Note on Distributed Computing",
		Authors:     []string{"Jim Waldo", "Geoff Wyant", "Ann Wollrath", "Sam Kendall"},
		TitleSource: SourceText,
	}},
	{"chain-replication-for-supporting-high-throughput-and-availability.pdf", Identity{
		// Info title "paper.dvi"; the title runs over two lines.
		Title:       "Chain Replication for Supporting High Throughput and Availability",
		Authors:     []string{"Robbert van Renesse", "Fred B. Schneider"},
		TitleSource: SourceText,
	}},
	{"dapper-a-large-scale-distributed-tracing-infrastructure.pdf", Identity{
		// "Google Technical Report dapper-2010-1, April 2010" above the title;
		// the accent of André is a glyph of its own.
		Title: "Dapper, a Large-Scale Distributed Systems Tracing Infrastructure",
		Authors: []string{"Benjamin H. Sigelman", "Luiz André Barroso", "Mike Burrows", "Pat Stephenson",
			"Manoj Plakal", "Donald Beaver", "Saul Jaspan", "Chandan Shanbhag"},
		TitleSource: SourceText,
	}},
	{"copysets-reducing-the-frequency-of-data-loss-in-cloud-storage.pdf", Identity{
		Title: "Copysets: Reducing the Frequency of Data Loss in Cloud Storage",
		Authors: []string{"Asaf Cidon", "Stephen Rumble", "Ryan Stutsman", "Sachin Katti",
			"John Ousterhout", "Mendel Rosenblum"},
		TitleSource: SourceText,
	}},
	{"tao-facebook-distributed-datastore.pdf", Identity{
		// The USENIX footer comes first in the content.
		Title: "TAO: Facebook’s Distributed Data Store for the Social Graph",
		Authors: []string{"Nathan Bronson", "Zach Amsden", "George Cabrera", "Prasad Chakka", "Peter Dimov",
			"Hui Ding", "Jack Ferris", "Anthony Giardullo", "Sachin Kulkarni", "Harry Li", "Mark Marchukov",
			"Dmitri Petrov", "Lovro Puzar", "Yee Jiun Song", "Venkat Venkataramani"},
		TitleSource: SourceText,
	}},
	{"rados-a-scalable-reliable-storage-service-for-petabyte-scale-storage-clusters.pdf", Identity{
		// Info title "rados-pdsw.dvi"; four authors on one line, set apart
		// by wide gaps only.
		Title:       "RADOS: A Scalable, Reliable Storage Service for Petabyte-scale Storage Clusters",
		Authors:     []string{"Sage A. Weil", "Andrew W. Leung", "Scott A. Brandt", "Carlos Maltzahn"},
		TitleSource: SourceText,
	}},
	{"elle-inferring-isolation-anomalies-from-experimental-observations.pdf", Identity{
		DOI:         "10.14778/3430915.3430918",
		Title:       "Elle: Inferring Isolation Anomalies from Experimental Observations",
		Authors:     []string{"Kyle Kingsbury", "Peter Alvaro"},
		TitleSource: SourceDOI,
	}},
}

func TestIdentifyRealPDFs(t *testing.T) {
	for _, tc := range realPDFs {
		t.Run(tc.file, func(t *testing.T) {
			t.Parallel() // more PDFs than the Identifier reads at once: they queue
			got, err := testID.Identify(context.Background(), readTestdata(t, tc.file))
			if err != nil {
				t.Fatalf("Identify(%s) error: %v", tc.file, err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Identify(%s)\n got %+q\nwant %+q", tc.file, got, tc.want)
			}
		})
	}
}

func TestIdentifyGeneratedPDFs(t *testing.T) {
	header := textLine{X: 72, Y: 750, Size: 9, Text: "Proceedings of the 1st Workshop on Reading Lists, 2026"}
	authors := textLine{X: 150, Y: 640, Size: 12, Text: "Ada Lovelace, Alan Turing and Grace Hopper"}
	affiliation := textLine{X: 200, Y: 625, Size: 12, Text: "University of Somewhere"}
	abstract := textLine{X: 72, Y: 590, Size: 12, Bold: true, Text: "Abstract"}
	page := func(ls ...textLine) []textLine { return append(ls, bodyLines(570)...) }

	tests := []struct {
		name string
		pdf  genPDF
		want Identity
		err  error
	}{{
		name: "two-line title under a running header, junk Info title",
		pdf: genPDF{InfoTitle: "Microsoft Word - paper-final2.docx", Lines: page(header,
			textLine{X: 100, Y: 700, Size: 20, Bold: true, Text: "Nicknames Are Not Titles: Identifying"},
			textLine{X: 150, Y: 676, Size: 20, Bold: true, Text: "Papers from Their PDFs"},
			authors, affiliation, abstract)},
		want: Identity{
			Title:       "Nicknames Are Not Titles: Identifying Papers from Their PDFs",
			Authors:     []string{"Ada Lovelace", "Alan Turing", "Grace Hopper"},
			TitleSource: SourceText,
		},
	}, {
		name: "DOI on the first page",
		pdf: genPDF{Lines: page(
			textLine{X: 100, Y: 700, Size: 18, Text: "A Paper That Prints Its DOI"},
			authors, abstract,
			textLine{X: 72, Y: 60, Size: 8, Text: "DOI: https://doi.org/10.1145/3132747.3132765."})},
		want: Identity{
			DOI:         "10.1145/3132747.3132765",
			Title:       "A Paper That Prints Its DOI",
			Authors:     []string{"Ada Lovelace", "Alan Turing", "Grace Hopper"},
			TitleSource: SourceDOI,
		},
	}, {
		name: "arXiv stamp",
		pdf: genPDF{Lines: page(
			textLine{X: 100, Y: 700, Size: 18, Text: "Stamped in the Margin"},
			authors, abstract,
			textLine{X: 30, Y: 250, Size: 20, Up: true, Text: "arXiv:2101.01234v3  [cs.DC]  4 Jan 2021"})},
		want: Identity{
			ArxivID:     "2101.01234",
			Title:       "Stamped in the Margin",
			Authors:     []string{"Ada Lovelace", "Alan Turing", "Grace Hopper"},
			TitleSource: SourceArxiv,
		},
	}, {
		name: "a DOI cited without a label is not the paper's",
		pdf: genPDF{Lines: page(
			textLine{X: 100, Y: 700, Size: 18, Text: "A Paper Citing Another"},
			authors, abstract,
			textLine{X: 72, Y: 60, Size: 8, Text: "[1] Some other paper, 10.1145/1234567.1234568"})},
		want: Identity{
			Title:       "A Paper Citing Another",
			Authors:     []string{"Ada Lovelace", "Alan Turing", "Grace Hopper"},
			TitleSource: SourceText,
		},
	}, {
		name: "no title in a larger font: the Info title the page bears out",
		pdf: genPDF{InfoTitle: "Notes on Careful Reading", Lines: page(
			textLine{X: 72, Y: 700, Size: 10, Text: "Notes on Careful Reading"})},
		want: Identity{Title: "Notes on Careful Reading", TitleSource: SourceInfo},
	}, {
		name: "no title in a larger font and a junk Info title: no title rather than a wrong one",
		pdf: genPDF{InfoTitle: "paper.dvi", Lines: page(
			textLine{X: 72, Y: 700, Size: 10, Text: "Notes on Careful Reading"})},
		err: ErrNoTitle,
	}, {
		name: "an Info title the page does not bear out is not used",
		pdf: genPDF{InfoTitle: "System Model for Something Else", Lines: page(
			textLine{X: 72, Y: 700, Size: 10, Text: "Notes on Careful Reading"})},
		err: ErrNoTitle,
	}, {
		name: "only a running header in a large font: the authors are not taken for the title",
		pdf: genPDF{Lines: page(
			textLine{X: 72, Y: 740, Size: 16, Text: "Google Technical Report dapper-2010-1, April 2010"},
			authors, abstract)},
		err: ErrNoTitle,
	}, {
		name: "a one-word logo in the largest font is no title",
		pdf: genPDF{Lines: page(
			textLine{X: 72, Y: 740, Size: 28, Bold: true, Text: "USENIX"},
			textLine{X: 100, Y: 700, Size: 18, Text: "A Paper Under a Logo"},
			authors, abstract)},
		err: ErrNoTitle,
	}, {
		name: "a title that reads as names: no title, never the section heading below",
		pdf: genPDF{Lines: page(
			textLine{X: 100, Y: 700, Size: 18, Text: "Grace Under Pressure"},
			textLine{X: 72, Y: 660, Size: 14, Bold: true, Text: "1. Introduction"})},
		err: ErrNoTitle,
	}, {
		name: "no text layer (a scan)",
		pdf:  genPDF{InfoTitle: "Scanned Paper About Consensus", Raw: []byte("0.5 g 72 72 468 648 re f\n")},
		err:  ErrNoText,
	}, {
		name: "encrypted with a user password",
		pdf:  genPDF{Encrypted: true, Lines: page(textLine{X: 100, Y: 700, Size: 18, Text: "Secret"})},
		err:  ErrEncrypted,
	}}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := testID.Identify(context.Background(), tc.pdf.bytes())
			if !errors.Is(err, tc.err) {
				t.Fatalf("Identify error = %v, want %v", err, tc.err)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("Identify\n got %+q\nwant %+q", got, tc.want)
			}
		})
	}
}

func TestIdentifyRejects(t *testing.T) {
	small := New(Config{MaxBytes: 1000})
	defer small.Close()
	real := readTestdata(t, "harvest-yield-and-scalable-tolerant-systems.pdf")
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	tests := []struct {
		name string
		id   *Identifier
		ctx  context.Context
		pdf  []byte
		err  error
	}{
		{"an HTML page", testID, context.Background(), []byte("<!DOCTYPE html><html><body>Not found</body></html>"), ErrNotPDF},
		{"empty", testID, context.Background(), nil, ErrNotPDF},
		{"over the size cap", small, context.Background(), real, ErrTooLarge},
		{"a truncated PDF", testID, context.Background(), []byte("%PDF-1.4\n1 0 obj\n<< /Type /Catalog"), ErrUnreadable},
		{"a cancelled context", testID, cancelled, real, context.Canceled},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.id.Identify(tc.ctx, tc.pdf)
			if !errors.Is(err, tc.err) {
				t.Fatalf("Identify error = %v, want %v", err, tc.err)
			}
			if !reflect.DeepEqual(got, Identity{}) {
				t.Errorf("Identify = %+q, want nothing", got)
			}
		})
	}
}

func BenchmarkIdentify(b *testing.B) {
	pdfs := make([][]byte, len(realPDFs))
	for i, tc := range realPDFs {
		pdfs[i] = readTestdata(b, tc.file)
	}
	if _, err := testID.Identify(context.Background(), pdfs[0]); err != nil { // compile PDFium outside the timing
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		if _, err := testID.Identify(context.Background(), pdfs[i%len(pdfs)]); err != nil {
			b.Fatal(err)
		}
	}
}
