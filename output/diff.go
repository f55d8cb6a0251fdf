package output

import (
	"bytes"
	"encoding/json"

	"github.com/paperlist/paperlist"
)

// Diff compares two datasets by paper id. added are the ids only in cur and
// changed the ids in both whose records differ in any field (their JSON
// encodings differ, so Volatile values never count), both in cur's order;
// removed are the ids only in prev, in prev's order. An id that appears
// twice in a dataset is compared by its first record and listed once.
func Diff(prev, cur []paperlist.Paper) (added, changed, removed []string) {
	before := encodeByID(prev)
	after := encodeByID(cur)
	seen := make(map[string]bool, len(cur))
	for _, p := range cur {
		if seen[p.ID] {
			continue
		}
		seen[p.ID] = true
		old, had := before[p.ID]
		switch {
		case !had:
			added = append(added, p.ID)
		case !bytes.Equal(old, after[p.ID]):
			changed = append(changed, p.ID)
		}
	}
	clear(seen)
	for _, p := range prev {
		if seen[p.ID] {
			continue
		}
		seen[p.ID] = true
		if _, ok := after[p.ID]; !ok {
			removed = append(removed, p.ID)
		}
	}
	return added, changed, removed
}

// encodeByID encodes each id's first record. A Paper holds only strings,
// numbers, slices and maps of them, so encoding cannot fail; if it ever
// did, the record would encode as its error text and compare as changed.
func encodeByID(papers []paperlist.Paper) map[string][]byte {
	m := make(map[string][]byte, len(papers))
	for i := range papers {
		if _, dup := m[papers[i].ID]; dup {
			continue
		}
		enc, err := json.Marshal(&papers[i])
		if err != nil {
			enc = []byte("unencodable: " + err.Error())
		}
		m[papers[i].ID] = enc
	}
	return m
}
