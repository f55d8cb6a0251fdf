package output

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"

	"github.com/paperlist/paperlist"
)

// Snapshot is what a run needs to know of the dataset it replaces: each
// record's id (in order), a digest of its JSON, and whether it had authors
// and an abstract. Reading one keeps a few dozen bytes per record instead of
// the records.
//
// A record's digest is the SHA-256 of the record exactly as WriteJSON writes
// it into papers.json, so that the writer collects the new dataset's
// snapshot as it writes (Dataset.Snapshot) and the next run reads the old
// one off the file's bytes without decoding a record (ReadSnapshot).
type Snapshot struct {
	IDs       []string
	Digests   map[string][sha256.Size]byte
	Authors   map[string]bool // id -> the record had authors
	Abstracts map[string]bool // id -> the record had an abstract
}

// NewSnapshot is an empty snapshot, for the JSON writer to fill.
func NewSnapshot() *Snapshot { return newSnapshot(0) }

// SnapshotOf summarizes papers.
func SnapshotOf(papers []paperlist.Paper) *Snapshot {
	s := newSnapshot(len(papers))
	// A Paper holds nothing encoding/json cannot encode: no error to lose.
	_ = writeAllTo(s.sink(), papers)
	return s
}

// sink is the JSON writer writing nowhere: it adds each record to s,
// encoded as papers.json holds it.
func (s *Snapshot) sink() Sink { return &jsonSink{w: io.Discard, snap: s} }

// ReadSnapshot summarizes a papers.json. A file as WriteJSON writes it is
// read line by line without decoding its records (a few milliseconds for
// thousands of records); any other valid papers.json (edited by hand,
// re-indented) is decoded record by record and each record re-encoded.
func ReadSnapshot(r io.ReadSeeker) (*Snapshot, error) {
	s, err := scanSnapshot(bufio.NewReaderSize(r, 64<<10))
	if err == nil {
		return s, nil
	}
	if !errors.Is(err, errNotWritten) {
		return nil, fmt.Errorf("papers.json: %w", err)
	}
	if _, err := r.Seek(0, io.SeekStart); err != nil {
		return nil, fmt.Errorf("papers.json: %w", err)
	}
	s = newSnapshot(0)
	sink := s.sink()
	err = eachRecord(bufio.NewReader(r), func(p *paperlist.Paper) {
		_ = sink.Add(p) // a decoded Paper encodes again
	})
	if err != nil {
		return nil, err
	}
	return s, nil
}

// errNotWritten: the file is not laid out as WriteJSON writes it.
var errNotWritten = errors.New("not in the layout paperlist writes")

// The lines of papers.json as WriteJSON lays it out: the array's brackets
// alone on a line, each record opened by "  {" and closed by "  }" (a comma
// after all but the last), its fields one per line at four spaces. JSON
// strings cannot hold a raw newline, so no line of a value can look like a
// record's end.
var (
	lineOpen     = []byte("[\n")
	lineClose    = []byte("]\n")
	lineEmpty    = []byte("[]\n")
	recordOpen   = []byte("  {\n")
	recordClose  = []byte("  }")
	keyID        = []byte(`    "id": `)
	keyAuthors   = []byte(`    "authors": `)
	keyAbstract  = []byte(`    "abstract": `)
	noAuthors    = [][]byte{[]byte("[],"), []byte("null,")}
	noAbstract   = []byte(`"",`)
	fieldIndent4 = []byte(`    "`)
)

// scanSnapshot reads a papers.json in WriteJSON's layout; errNotWritten
// when the file is laid out otherwise.
func scanSnapshot(r *bufio.Reader) (*Snapshot, error) {
	s := newSnapshot(0)
	line, err := readLine(r)
	if err != nil {
		return nil, err
	}
	if bytes.Equal(line, lineEmpty) {
		return s, atEOF(r)
	}
	if !bytes.Equal(line, lineOpen) {
		return nil, errNotWritten
	}
	var rec []byte
	for {
		line, err := readLine(r)
		if err != nil {
			return nil, err
		}
		if bytes.Equal(line, lineClose) && len(s.IDs) > 0 {
			return s, atEOF(r)
		}
		if !bytes.Equal(line, recordOpen) {
			return nil, errNotWritten
		}
		rec = append(rec[:0], line...)
		var id string
		var hasID, authors, abstract bool
		last := false
		for {
			line, err := readLine(r)
			if err != nil {
				return nil, err
			}
			if bytes.HasPrefix(line, recordClose) {
				switch string(line[len(recordClose):]) {
				case "\n":
					last = true
				case ",\n":
				default:
					return nil, errNotWritten
				}
				rec = append(rec, recordClose...)
				break
			}
			if !bytes.HasPrefix(line, []byte("    ")) {
				return nil, errNotWritten
			}
			rec = append(rec, line...)
			if !bytes.HasPrefix(line, fieldIndent4) {
				continue // a line inside a field's value
			}
			v := bytes.TrimSuffix(line, []byte("\n"))
			switch {
			case bytes.HasPrefix(v, keyID):
				if json.Unmarshal(bytes.TrimSuffix(v[len(keyID):], []byte(",")), &id) != nil {
					return nil, errNotWritten
				}
				hasID = true
			case bytes.HasPrefix(v, keyAuthors):
				a := v[len(keyAuthors):]
				authors = !bytes.Equal(a, noAuthors[0]) && !bytes.Equal(a, noAuthors[1])
			case bytes.HasPrefix(v, keyAbstract):
				abstract = !bytes.Equal(v[len(keyAbstract):], noAbstract)
			}
		}
		if !hasID {
			return nil, errNotWritten
		}
		s.add(id, rec, authors, abstract)
		if last {
			line, err := readLine(r)
			if err != nil {
				return nil, err
			}
			if !bytes.Equal(line, lineClose) {
				return nil, errNotWritten
			}
			return s, atEOF(r)
		}
	}
}

// readLine returns the next line with its newline; a line without one (the
// file ends mid-line) or a read error is errNotWritten or the error. The
// slice is valid until the next read.
func readLine(r *bufio.Reader) ([]byte, error) {
	line, err := r.ReadSlice('\n')
	switch {
	case err == nil:
		return line, nil
	case errors.Is(err, bufio.ErrBufferFull):
		// A line longer than the buffer (a long abstract): gather it.
		long := append([]byte(nil), line...)
		for errors.Is(err, bufio.ErrBufferFull) {
			line, err = r.ReadSlice('\n')
			long = append(long, line...)
		}
		if err != nil {
			return nil, lineErr(err)
		}
		return long, nil
	}
	return nil, lineErr(err)
}

func lineErr(err error) error {
	if errors.Is(err, io.EOF) {
		return errNotWritten
	}
	return err
}

// atEOF is nil when r has nothing more to read.
func atEOF(r *bufio.Reader) error {
	if _, err := r.ReadByte(); errors.Is(err, io.EOF) {
		return nil
	} else if err != nil {
		return err
	}
	return errNotWritten
}

// eachRecord decodes a papers.json stream one record at a time.
func eachRecord(r io.Reader, f func(*paperlist.Paper)) error {
	dec := json.NewDecoder(r)
	if t, err := dec.Token(); err != nil || t != json.Delim('[') {
		return fmt.Errorf("papers.json: not a JSON array")
	}
	for n := 1; dec.More(); n++ {
		var p paperlist.Paper
		if err := dec.Decode(&p); err != nil {
			return fmt.Errorf("papers.json: record %d: %w", n, err)
		}
		f(&p)
	}
	if _, err := dec.Token(); err != nil {
		return fmt.Errorf("papers.json: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return fmt.Errorf("papers.json: more after the array")
	}
	return nil
}

func newSnapshot(n int) *Snapshot {
	return &Snapshot{
		Digests:   make(map[string][sha256.Size]byte, n),
		Authors:   make(map[string]bool, n),
		Abstracts: make(map[string]bool, n),
	}
}

// addPaper records p, enc being p as WriteJSON writes it.
func (s *Snapshot) addPaper(p *paperlist.Paper, enc []byte) {
	s.add(p.ID, enc, len(p.Authors) > 0, p.Abstract != "")
}

// add records one record, enc as WriteJSON writes it; a repeated id keeps
// its first record.
func (s *Snapshot) add(id string, enc []byte, authors, abstract bool) {
	if _, dup := s.Digests[id]; dup {
		return
	}
	s.IDs = append(s.IDs, id)
	s.Digests[id] = sha256.Sum256(enc)
	s.Authors[id] = authors
	s.Abstracts[id] = abstract
}

// DiffSnapshots is Diff over summaries: ids added, changed and removed, in
// the order of cur (added, changed) and prev (removed).
func DiffSnapshots(prev, cur *Snapshot) (added, changed, removed []string) {
	for _, id := range cur.IDs {
		old, had := prev.Digests[id]
		switch {
		case !had:
			added = append(added, id)
		case old != cur.Digests[id]:
			changed = append(changed, id)
		}
	}
	for _, id := range prev.IDs {
		if _, ok := cur.Digests[id]; !ok {
			removed = append(removed, id)
		}
	}
	return added, changed, removed
}

// ReadRecords reads from a papers.json stream the records whose id is in
// ids, or every record when ids is nil (the first of each id), for a run
// that keeps them instead of worse new ones.
func ReadRecords(r io.Reader, ids map[string]bool) (map[string]paperlist.Paper, error) {
	out := make(map[string]paperlist.Paper, len(ids))
	err := eachRecord(r, func(p *paperlist.Paper) {
		if _, dup := out[p.ID]; (ids == nil || ids[p.ID]) && !dup {
			out[p.ID] = *p
		}
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ReadVolatile reads volatile.json.
func ReadVolatile(r io.Reader) (map[string]paperlist.Volatile, error) {
	var m map[string]paperlist.Volatile
	if err := json.NewDecoder(r).Decode(&m); err != nil {
		return nil, fmt.Errorf("volatile.json: %w", err)
	}
	return m, nil
}
