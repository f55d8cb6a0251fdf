package paperlist

import (
	"encoding/json"
	"strings"
	"testing"
)

// TakeListed gives a record another entry's list part, keeping the record's
// resolved title, and its venue and year where the list has none.
func TestTakeListed(t *testing.T) {
	resolved := Paper{ID: "a", Listed: Listed{Venue: "NSDI", Year: 2021, Title: "Resolved Title", ListTitle: "nick", Line: 3}}
	for _, tt := range []struct {
		name  string
		list  Listed
		venue string
		year  int
	}{
		{"the list says venue and year", Listed{Venue: "OSDI", Year: 2023, ListTitle: "other", Line: 9, Struck: true}, "OSDI", 2023},
		{"the list says neither", Listed{ListTitle: "other", Line: 9, Struck: true}, "NSDI", 2021},
	} {
		p := resolved
		p.TakeListed(tt.list)
		if p.Title != "Resolved Title" || p.Venue != tt.venue || p.Year != tt.year || p.ListTitle != "other" || p.Line != 9 || !p.Struck || p.ID != "a" {
			t.Errorf("%s: %+v", tt.name, p)
		}
	}
}

// A Paper's JSON starts with the id, then the list's part in its order.
func TestPaperJSONOrder(t *testing.T) {
	b, err := json.Marshal(FromEntry(Entry{Venue: "OSDI", Year: 2023, Title: "T", ListTitle: "T", Line: 4}))
	if err != nil {
		t.Fatal(err)
	}
	want := `{"id":"","venue":"OSDI","year":2023,"group":"","list_title":"T","title":"T","link":"","read":false,"notes":[],"line":4,"kind":"","struck":false,"authors":[]`
	if !strings.HasPrefix(string(b), want) {
		t.Errorf("JSON starts\n%s\nwant\n%s", b, want)
	}
}
