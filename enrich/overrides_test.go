package enrich

import (
	"slices"
	"strings"
	"testing"

	"github.com/paperlist/paperlist"
)

func TestOverridesDuplicatesAndUnknown(t *testing.T) {
	ov, err := parseOverrides([]byte(`{
  "osdi2023-orca": {"doi": "10.1/first"},
  "osdi2023-orac": {"skip": true},
  "Orca: A Serving System": {"set": {"pages": "1-2"}},
  "osdi2023-orca": {"doi": "10.1/second"}
}`))
	if err != nil {
		t.Fatal(err)
	}
	if got := ov.Duplicates(); !slices.Equal(got, []string{"osdi2023-orca"}) {
		t.Errorf("Duplicates = %q", got)
	}
	if o, _ := ov.For("osdi2023-orca", ""); o.DOI != "10.1/second" {
		t.Errorf("a repeated key keeps %q, want the last value", o.DOI)
	}
	entries := []paperlist.Entry{{Venue: "OSDI", Year: 2023, Title: "Orca", ListTitle: "Orca: A Serving System"}}
	if got := ov.Unknown(entries); !slices.Equal(got, []string{"osdi2023-orac"}) {
		t.Errorf("Unknown = %q, want the misspelt id", got)
	}
	for _, bad := range []string{`[]`, `{"a": {}} {}`, `{"a": {"colour": 1}}`} {
		if _, err := parseOverrides([]byte(bad)); err == nil {
			t.Errorf("parseOverrides(%s) accepted", bad)
		} else if bad == `{"a": {"colour": 1}}` && !strings.Contains(err.Error(), `"colour"`) {
			t.Errorf("error %q does not name the field", err)
		}
	}
}
