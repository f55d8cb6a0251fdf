package output

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"

	"github.com/paperlist/paperlist"
)

// Snapshot is what a run needs to know of the dataset it replaces: each
// record's id (in order), a digest of its JSON, and whether it had authors
// and an abstract. Reading one keeps a few dozen bytes per record instead of
// the records.
type Snapshot struct {
	IDs       []string
	Digests   map[string][sha256.Size]byte
	Authors   map[string]bool // id -> the record had authors
	Abstracts map[string]bool // id -> the record had an abstract
}

// SnapshotOf summarizes papers.
func SnapshotOf(papers []paperlist.Paper) *Snapshot {
	s := newSnapshot(len(papers))
	for i := range papers {
		s.add(&papers[i])
	}
	return s
}

// ReadSnapshot reads a papers.json stream record by record.
func ReadSnapshot(r io.Reader) (*Snapshot, error) {
	s := newSnapshot(0)
	if err := eachRecord(r, s.add); err != nil {
		return nil, err
	}
	return s, nil
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
	return nil
}

func newSnapshot(n int) *Snapshot {
	return &Snapshot{
		Digests:   make(map[string][sha256.Size]byte, n),
		Authors:   make(map[string]bool, n),
		Abstracts: make(map[string]bool, n),
	}
}

func (s *Snapshot) add(p *paperlist.Paper) {
	if _, dup := s.Digests[p.ID]; dup {
		return
	}
	enc, err := json.Marshal(p)
	if err != nil {
		enc = []byte("unencodable: " + err.Error())
	}
	s.IDs = append(s.IDs, p.ID)
	s.Digests[p.ID] = sha256.Sum256(enc)
	s.Authors[p.ID] = len(p.Authors) > 0
	s.Abstracts[p.ID] = p.Abstract != ""
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
// ids (the first of each), for a run that keeps them instead of worse new
// ones.
func ReadRecords(r io.Reader, ids map[string]bool) (map[string]paperlist.Paper, error) {
	out := make(map[string]paperlist.Paper, len(ids))
	err := eachRecord(r, func(p *paperlist.Paper) {
		if _, dup := out[p.ID]; ids[p.ID] && !dup {
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
