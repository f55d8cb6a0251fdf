package output

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"
)

// appendIndent writes what json.Indent writes, on every record of the seed
// dataset and on values chosen to trip a hand-written scanner.
func TestAppendIndentMatchesEncodingJSON(t *testing.T) {
	data, err := os.ReadFile("testdata/seed-dataset.json")
	if err != nil {
		t.Fatal(err)
	}
	var records []json.RawMessage
	if err := json.Unmarshal(data, &records); err != nil {
		t.Fatal(err)
	}
	inputs := []string{
		`[]`, `{}`, `[[]]`, `{"a":{}}`, `[{},[],""]`, `"x"`, `0`, `null`,
		`{"s":"quote \" brace { bracket [ comma , colon : end"}`,
		`{"s":"backslash at end \\","t":["\\\\",",\"]"]}`,
		`{"u":"\u2028 é 日本 \ud83d\ude00","n":-1.5e+10,"b":true}`,
	}
	for _, r := range records {
		var c bytes.Buffer
		if err := json.Compact(&c, r); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, c.String())
	}
	for _, in := range inputs {
		checkIndent(t, []byte(in))
	}
}

func FuzzAppendIndent(f *testing.F) {
	f.Add([]byte(`{"a":[1,{"b":"c\"]"}],"d":{}}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		var c bytes.Buffer
		if json.Compact(&c, in) != nil {
			return // appendIndent takes valid JSON only
		}
		checkIndent(t, c.Bytes())
	})
}

func checkIndent(t *testing.T, compact []byte) {
	t.Helper()
	var want bytes.Buffer
	if err := json.Indent(&want, compact, "  ", "  "); err != nil {
		t.Fatalf("%s: %v", compact, err)
	}
	if got := appendIndent(nil, compact, "  ", "  "); !bytes.Equal(got, want.Bytes()) {
		t.Errorf("%s:\ngot  %s\nwant %s", compact, got, want.Bytes())
	}
}
