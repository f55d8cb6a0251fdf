package output

import (
	"github.com/paperlist/paperlist"
)

// Diff compares two datasets by paper id. added are the ids only in cur and
// changed the ids in both whose records differ in any field (their JSON
// encodings differ, so Volatile values never count), both in cur's order;
// removed are the ids only in prev, in prev's order. An id that appears
// twice in a dataset is compared by its first record and listed once.
func Diff(prev, cur []paperlist.Paper) (added, changed, removed []string) {
	return DiffSnapshots(SnapshotOf(prev), SnapshotOf(cur))
}
