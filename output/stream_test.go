package output

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"github.com/paperlist/paperlist"
)

// Every format's sink, fed one record at a time, writes the bytes of its
// whole-dataset writer; the JSON sink's snapshot is SnapshotOf's.
func TestSinksWriteWhatWritersWrite(t *testing.T) {
	papers := seedDataset(t)
	papers[0].Volatile = &paperlist.Volatile{Stars: 12}
	src, err := os.ReadFile("testdata/seed.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range append(append([]Format{}, Formats...), VolatileFormat) {
		if f.Ready != nil && f.Ready() != nil {
			continue // a binary without the format
		}
		for _, ps := range [][]paperlist.Paper{papers, nil} {
			d := Dataset{Src: src, ListName: "seed.md"}
			var whole, streamed bytes.Buffer
			d.Papers = ps
			if err := f.Write(&whole, d); err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			d.Papers = nil
			snap := NewSnapshot()
			d.Snapshot = snap
			s := f.Open(&streamed, d)
			for i := range ps {
				if err := s.Add(&ps[i]); err != nil {
					t.Fatalf("%s: %v", f.Name, err)
				}
			}
			if err := s.Close(); err != nil {
				t.Fatalf("%s: %v", f.Name, err)
			}
			if f.Name == "sqlite" {
				continue // a database file is not byte-stable
			}
			if !bytes.Equal(whole.Bytes(), streamed.Bytes()) {
				t.Errorf("%s, %d records: the sink wrote other bytes than the writer", f.Name, len(ps))
			}
			if f.Name == "json" && !reflect.DeepEqual(snap, SnapshotOf(ps)) {
				t.Errorf("json sink's snapshot differs from SnapshotOf")
			}
		}
	}
}
