package enrich

import (
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/paperlist/paperlist"
	fastjson "github.com/segmentio/encoding/json"
)

// The record cache's decoder reads every record of the seed dataset as
// encoding/json does (the cache holds records in that JSON).
func TestRecordDecoderAgreesWithEncodingJSON(t *testing.T) {
	data, err := os.ReadFile("../output/testdata/seed-dataset.json")
	if err != nil {
		t.Fatal(err)
	}
	var raw []json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatal(err)
	}
	for _, r := range raw {
		var want, got paperlist.Paper
		if err := json.Unmarshal(r, &want); err != nil {
			t.Fatal(err)
		}
		if err := fastjson.Unmarshal(r, &got); err != nil {
			t.Fatalf("%s: %v", want.ID, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s decodes differently:\n got %+v\nwant %+v", want.ID, got, want)
		}
	}
	if len(raw) != 57 {
		t.Errorf("%d records, want the seed's 57", len(raw))
	}
}
