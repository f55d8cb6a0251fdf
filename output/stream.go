package output

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"

	"github.com/paperlist/paperlist"
)

// Sink takes a dataset's records one at a time, in list order, and writes
// what is left when closed. A run hands each record to every format's sink
// as the enricher finishes it, so the formats that can be written record by
// record (JSON, JSON Lines, CSV, volatile.json) never hold the dataset.
type Sink interface {
	Add(p *paperlist.Paper) error
	Close() error
}

// Open returns a sink writing f's file to w: f's own (Format.Stream) where
// the format is written record by record, else one that keeps the records
// and writes them all when closed (BibTeX's keys, the Markdown write-back,
// CSL-JSON, SQLite and the page read every record first).
func (f Format) Open(w io.Writer, d Dataset) Sink {
	if f.Stream != nil {
		return f.Stream(w, d)
	}
	return &keepAll{f: f, w: w, d: d}
}

// keepAll is the sink of a format written from the whole dataset.
type keepAll struct {
	f Format
	w io.Writer
	d Dataset
}

func (k *keepAll) Add(p *paperlist.Paper) error {
	k.d.Papers = append(k.d.Papers, *p)
	return nil
}

func (k *keepAll) Close() error { return k.f.Write(k.w, k.d) }

// writeAllTo adds papers to s and closes it: a format's whole-dataset
// writer on top of its sink.
func writeAllTo(s Sink, papers []paperlist.Paper) error {
	for i := range papers {
		if err := s.Add(&papers[i]); err != nil {
			return err
		}
	}
	return s.Close()
}

// jsonSink writes papers.json: "[", the records indented, "]". Each record
// as written goes into snap when it is not nil.
type jsonSink struct {
	w    io.Writer
	snap *Snapshot
	enc  recordEncoder
	n    int
}

func (s *jsonSink) Add(p *paperlist.Paper) error {
	b, err := s.enc.encode(p)
	if err != nil {
		return err
	}
	if s.snap != nil {
		s.snap.addPaper(p, b)
	}
	lead := ",\n"
	if s.n == 0 {
		lead = "[\n"
	}
	s.n++
	if _, err := io.WriteString(s.w, lead); err != nil {
		return err
	}
	_, err = s.w.Write(b)
	return err
}

func (s *jsonSink) Close() error {
	end := "\n]\n"
	if s.n == 0 {
		end = "[]\n"
	}
	_, err := io.WriteString(s.w, end)
	return err
}

// jsonlSink writes one record per line.
type jsonlSink struct{ enc *json.Encoder }

func newJSONLSink(w io.Writer) *jsonlSink {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return &jsonlSink{enc: enc}
}

func (s *jsonlSink) Add(p *paperlist.Paper) error { return s.enc.Encode(p) }
func (s *jsonlSink) Close() error                 { return nil }

// csvSink writes papers.csv: the header, then a row per record.
type csvSink struct {
	w      *csv.Writer
	header bool
}

func (s *csvSink) writeHeader() error {
	if s.header {
		return nil
	}
	s.header = true
	return s.w.Write(CSVColumns)
}

func (s *csvSink) Add(p *paperlist.Paper) error {
	if err := s.writeHeader(); err != nil {
		return err
	}
	return s.w.Write(csvRow(p))
}

func (s *csvSink) Close() error {
	if err := s.writeHeader(); err != nil {
		return err
	}
	s.w.Flush()
	return s.w.Error()
}

// volatileSink keeps each record's volatile values (a few bytes) and
// writes volatile.json when closed.
type volatileSink struct {
	w   io.Writer
	m   map[string]paperlist.Volatile
	err error
}

func (s *volatileSink) Add(p *paperlist.Paper) error {
	if p.Volatile == nil || s.err != nil {
		return s.err
	}
	if _, dup := s.m[p.ID]; dup {
		s.err = fmt.Errorf("volatile.json: paper id %q appears twice", p.ID)
		return s.err
	}
	s.m[p.ID] = *p.Volatile
	return nil
}

func (s *volatileSink) Close() error {
	if s.err != nil {
		return s.err
	}
	enc := json.NewEncoder(s.w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(s.m); err != nil { // encoding/json sorts map keys
		return fmt.Errorf("volatile.json: %w", err)
	}
	return nil
}
