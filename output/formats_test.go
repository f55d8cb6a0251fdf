package output

import (
	"bytes"
	"strings"
	"testing"

	"github.com/paperlist/paperlist"
)

// Every format in the table writes a sample dataset, LookupFormats finds
// them by name, and an unknown name lists the known ones.
func TestFormats(t *testing.T) {
	ds := Dataset{Papers: samplePapers(), ListName: "list.md", Src: []byte("- a\n"), Entries: []paperlist.Entry{}}
	var names []string
	for _, f := range Formats {
		names = append(names, f.Name)
		if f.Ready != nil && f.Ready() != nil {
			continue // e.g. sqlite without FTS5: refused by LookupFormats
		}
		var buf bytes.Buffer
		if err := f.Write(&buf, ds); err != nil || buf.Len() == 0 {
			t.Errorf("%s: %d bytes, err %v", f.Name, buf.Len(), err)
		}
	}
	got, err := LookupFormats(" JSON,csv,json,, markdown")
	if err != nil || len(got) != 3 || got[0].Name != "json" || got[2].File(ds) != "list.enriched.md" {
		t.Errorf("LookupFormats = %v, %v", got, err)
	}
	if _, err := LookupFormats("json,xml"); err == nil || !strings.Contains(err.Error(), `unknown format "xml" (want `+strings.Join(names[:len(names)-1], ", ")) {
		t.Errorf("unknown format: %v", err)
	}
	if _, err := LookupFormats(" , "); err == nil {
		t.Error("an empty --format was accepted")
	}
}
