package output

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/paperlist/paperlist"
)

// ReadSnapshot streams papers.json and agrees with SnapshotOf on the records.
func TestReadSnapshotOfSeedDataset(t *testing.T) {
	data, err := os.ReadFile("testdata/seed-dataset.json")
	if err != nil {
		t.Skip("no seed dataset")
	}
	snap, err := ReadSnapshot(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var papers []paperlist.Paper
	if err := json.Unmarshal(data, &papers); err != nil {
		t.Fatal(err)
	}
	want := SnapshotOf(papers)
	if len(snap.IDs) != 57 || snap.IDs[0] != "osdi2023-alpaserve" {
		t.Fatalf("snapshot ids: %d, first %q", len(snap.IDs), snap.IDs[0])
	}
	if a, c, r := DiffSnapshots(snap, want); len(a)+len(c)+len(r) != 0 {
		t.Errorf("a streamed snapshot differs from the records': %v %v %v", a, c, r)
	}
	if !snap.Authors["osdi2023-alpaserve"] || !snap.Abstracts["osdi2023-alpaserve"] || snap.Authors["eurosys2023-pocket"] {
		t.Errorf("coverage flags wrong: %v %v", snap.Authors["osdi2023-alpaserve"], snap.Authors["eurosys2023-pocket"])
	}
	papers[1].Title = "changed"
	if _, c, _ := DiffSnapshots(snap, SnapshotOf(papers)); len(c) != 1 || c[0] != papers[1].ID {
		t.Errorf("changed = %v", c)
	}
	if _, err := ReadSnapshot(bytes.NewReader([]byte(`{"not":"an array"}`))); err == nil {
		t.Error("a non-array papers.json was accepted")
	}
}
