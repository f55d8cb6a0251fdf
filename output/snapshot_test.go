package output

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"reflect"
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

// A papers.json in WriteJSON's layout is read without decoding; any other
// layout of the same records (re-indented by a person or a tool, CRLF line
// ends from a checkout) is decoded and gives the same snapshot; the
// writer's own snapshot is the same again. A damaged file is an error.
func TestReadSnapshotLayouts(t *testing.T) {
	data, err := os.ReadFile("testdata/seed-dataset.json")
	if err != nil {
		t.Fatal(err)
	}
	papers := seedDataset(t)
	var written bytes.Buffer
	collected := NewSnapshot()
	if err := writeAllTo(&jsonSink{w: &written, snap: collected}, papers); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(written.Bytes(), data) {
		t.Fatal("the seed dataset is not in WriteJSON's layout; regenerate it")
	}
	if _, err := scanSnapshot(bufio.NewReader(bytes.NewReader(data))); err != nil {
		t.Fatalf("WriteJSON's own layout was not scanned: %v", err)
	}
	var tabs bytes.Buffer
	if err := json.Indent(&tabs, data, "", "\t"); err != nil {
		t.Fatal(err)
	}
	crlf := bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n"))
	compact := new(bytes.Buffer)
	if err := json.Compact(compact, data); err != nil {
		t.Fatal(err)
	}
	want := SnapshotOf(papers)
	for name, in := range map[string][]byte{"written": data, "tabs": tabs.Bytes(), "crlf": crlf, "compact": compact.Bytes()} {
		got, err := ReadSnapshot(bytes.NewReader(in))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !reflect.DeepEqual(got, want) {
			a, c, r := DiffSnapshots(got, want)
			t.Errorf("%s: snapshot differs from the records': added %v changed %v removed %v", name, a, c, r)
		}
	}
	if !reflect.DeepEqual(collected, want) {
		t.Error("the JSON writer's snapshot differs from SnapshotOf")
	}
	if got, err := ReadSnapshot(bytes.NewReader([]byte("[]\n"))); err != nil || len(got.IDs) != 0 {
		t.Errorf("empty dataset: %v, %v", got, err)
	}
	for name, in := range map[string][]byte{
		"truncated":      data[:len(data)/2],
		"no close":       bytes.TrimSuffix(data, []byte("]\n")),
		"trailing bytes": append(append([]byte{}, data...), "[]"...),
	} {
		if _, err := ReadSnapshot(bytes.NewReader(in)); err == nil {
			t.Errorf("%s papers.json was read", name)
		}
	}
}
