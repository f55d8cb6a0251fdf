package enrich

import (
	"slices"
	"testing"
	"time"

	"github.com/paperlist/paperlist"
)

// Ids on one stem number in list order, skip a number an entry already
// holds as its own id, and take linear time.
func TestAssignIDsCollisions(t *testing.T) {
	e := paperlist.Entry{Venue: "OSDI", Year: 2023, Title: "Orca: A Serving System"}
	three := paperlist.Entry{Venue: "OSDI", Year: 2023, Title: "Orca 3"} // its own id is osdi2023-orca-3
	got := AssignIDs([]paperlist.Entry{e, three, e, e, e})
	want := []string{"osdi2023-orca", "osdi2023-orca-3", "osdi2023-orca-2", "osdi2023-orca-4", "osdi2023-orca-5"}
	if !slices.Equal(got, want) {
		t.Errorf("AssignIDs = %q, want %q", got, want)
	}

	many := make([]paperlist.Entry, 100_000)
	for i := range many {
		many[i] = e
	}
	start := time.Now()
	ids := AssignIDs(many)
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("AssignIDs of 100,000 entries on one stem took %s", d)
	}
	if ids[99_999] != "osdi2023-orca-100000" {
		t.Errorf("last id = %q, want osdi2023-orca-100000", ids[99_999])
	}
}
